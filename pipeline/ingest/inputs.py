"""What ingest passes between its readers: an input, the fallback publication date, a failure."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from models import Article, PublishedSource

from ..errors import Errors
from .decoding import check_binary, decode
from .fields import IngestError

STAGE = "ingest"


@dataclass(frozen=True)
class Failure:
    """An input that could not become an article."""

    input: str
    stage: str
    message: str
    article_id: str


@dataclass(frozen=True)
class Input:
    path: Path
    label: str
    """The path as the user gave it (or the walk found it), for messages and ``Article.source``."""
    rel: str
    """Default article id: the path relative to the folder given, or the file name."""


@dataclass(frozen=True)
class Fallback:
    published: dt.datetime | dt.date | None
    source: PublishedSource


def read_whole(item: Input, max_bytes: int) -> str:
    size = item.path.stat().st_size
    if size > max_bytes:
        raise IngestError(Errors.E012.format(path=item.label, size=size, limit=max_bytes))
    data = item.path.read_bytes()
    if not data:
        raise IngestError(Errors.E002.format(path=item.label))
    check_binary(data, item.label)
    content = decode(data, item.label)
    if not content.strip():
        raise IngestError(Errors.E100.format(path=item.label))
    return content


def json_kind(value: Any) -> str:
    kinds = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return kinds.get(type(value), "number")


def make_article(*, id: str, where: str, **values: Any) -> Article:
    try:
        return Article(id=id, source=where, **values)
    except ValidationError as err:
        reason = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in err.errors())
        raise IngestError(Errors.E107.format(path=where, reason=reason)) from None
