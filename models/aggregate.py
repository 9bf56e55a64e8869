"""Period statistics ("444 terrorist attacks in 2024"): claims about many events, never events."""
from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from .event import Actor, Place
from .evidence import Evidence, Record
from .taxonomy import Metric, Qualifier, TimePrecision
from .types import Identifier, Statistic


class Period(Record):
    text: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    precision: TimePrecision = TimePrecision.unknown

    @model_validator(mode="after")
    def _ordered(self) -> "Period":
        if self.start is not None and self.end is not None and self.start > self.end:
            raise ValueError(f"period start {self.start} is after end {self.end}")
        return self


class AggregateClaim(Record):
    id: Identifier
    article_id: Identifier
    metric: Metric
    value: Statistic
    qualifier: Qualifier = Qualifier.exact
    period: Period = Field(default_factory=Period)
    location: Place | None = None
    actors: list[Actor] = Field(default_factory=list)
    evidence: Evidence
