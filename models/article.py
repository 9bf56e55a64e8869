"""The input unit: one article's text and what is known about it."""
from __future__ import annotations

import datetime as dt
from enum import Enum

from pydantic import field_validator

from .evidence import Record
from .types import Identifier


class PublishedSource(str, Enum):
    record = "record"
    sidecar = "sidecar"
    html_metadata = "html_metadata"
    argument = "argument"
    none = "none"


class Article(Record):
    id: Identifier
    text: str
    title: str | None = None
    published: dt.datetime | dt.date | None = None
    published_source: PublishedSource = PublishedSource.none
    url: str | None = None
    source: str | None = None
    """Where the article was read from: file path, with ':LINE' for JSONL/CSV rows."""

    @field_validator("text")
    @classmethod
    def _has_text(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("article text is empty")
        return value

    @property
    def published_date(self) -> dt.date | None:
        """The calendar day of publication in the publisher's own time zone."""
        if isinstance(self.published, dt.datetime):
            return self.published.date()
        return self.published
