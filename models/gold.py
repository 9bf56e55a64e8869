"""Gold annotations: what an annotator says the article reports, in the same records as the output."""
from __future__ import annotations

from pydantic import Field, model_validator

from .aggregate import AggregateClaim
from .event import Event
from .evidence import Record
from .types import Identifier


class GoldDocument(Record):
    article_id: Identifier
    events: list[Event] = Field(default_factory=list)
    aggregates: list[AggregateClaim] = Field(default_factory=list)
    notes: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> "GoldDocument":
        ids = [e.id for e in self.events] + [a.id for a in self.aggregates]
        if len(ids) != len(set(ids)):
            raise ValueError(f"gold ids repeat in {self.article_id}")
        records: list[Event | AggregateClaim] = [*self.events, *self.aggregates]
        for record in records:
            if record.article_id != self.article_id:
                raise ValueError(f"gold record {record.id} names article {record.article_id}, not {self.article_id}")
        known = set(ids)
        for event in self.events:
            missing = [r for r in event.related if r not in known]
            if missing:
                raise ValueError(f"gold event {event.id} relates to unknown ids {missing}")
        return self
