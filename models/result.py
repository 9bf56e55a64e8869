"""ArticleResult: one per input article, the unit of output."""
from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from .aggregate import AggregateClaim
from .article import PublishedSource
from .event import Event
from .evidence import Record
from .taxonomy import ActorKind, GeoPrecision
from .types import Count, CountryCode, Identifier, Latitude, Longitude, NonEmptyStr


class ActorMention(Record):
    name: NonEmptyStr
    kind: ActorKind
    country: CountryCode | None = None
    texts: list[str] = Field(default_factory=list)
    count: Count = 1


class PlaceMention(Record):
    name: NonEmptyStr
    precision: GeoPrecision
    country: CountryCode | None = None
    admin1: str | None = None
    admin2: str | None = None
    lat: Latitude | None = None
    lon: Longitude | None = None
    texts: list[str] = Field(default_factory=list)
    count: Count = 1


class Mentions(Record):
    actors: list[ActorMention] = Field(default_factory=list)
    places: list[PlaceMention] = Field(default_factory=list)


class ErrorInfo(Record):
    input: NonEmptyStr
    """The input that failed: file path, with ':LINE' for a JSONL/CSV row."""
    stage: NonEmptyStr
    message: NonEmptyStr


class ArticleResult(Record):
    article_id: Identifier
    source: str | None = None
    published: dt.datetime | dt.date | None = None
    """The publication date the relative dates were resolved against."""
    published_source: PublishedSource = PublishedSource.none
    """Where that date came from: the record, a sidecar, the HTML metadata, the --published argument."""
    events: list[Event] = Field(default_factory=list)
    aggregates: list[AggregateClaim] = Field(default_factory=list)
    mentions: Mentions = Field(default_factory=Mentions)
    warnings: list[str] = Field(default_factory=list)
    error: ErrorInfo | None = None

    @model_validator(mode="after")
    def _belongs_to_article(self) -> "ArticleResult":
        records: list[Event | AggregateClaim] = [*self.events, *self.aggregates]
        for record in records:
            if record.article_id != self.article_id:
                raise ValueError(f"record {record.id} belongs to {record.article_id}, not {self.article_id}")
        if self.error is not None and (self.events or self.aggregates):
            raise ValueError("a failed article carries no events")
        return self
