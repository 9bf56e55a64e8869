"""The incident record and its parts."""
from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, model_validator

from .evidence import Evidence, Record
from .taxonomy import (
    ActorKind,
    Attribution,
    CasualtyGroup,
    EventType,
    GeoPrecision,
    Outcome,
    Polarity,
    Qualifier,
    Role,
    Status,
    TargetKind,
    TimePrecision,
    WeaponKind,
)
from .types import Count, CountryCode, Identifier, Latitude, Longitude, NonEmptyStr, Probability


class Actor(Record):
    text: NonEmptyStr
    name: NonEmptyStr
    """Canonical: the registry's name of a group, a person's name, or the description normalized."""
    kind: ActorKind
    country: CountryCode | None = None
    role: Role
    attribution: Attribution = Attribution.stated
    named: bool = False
    """The mention names a specific organization or person ("the TTP", "Gul Rahman"), not a description
    ("gunmen", "a suicide bomber", "unidentified assailants", "police")."""
    casualty: Annotated[int, Field(ge=0)] | None = None
    """For a victim: the index, in the event's ``casualties``, of the casualty it is counted in."""
    evidence: Evidence | None = None


class Place(Record):
    text: NonEmptyStr
    name: NonEmptyStr
    country: CountryCode | None = None
    admin1: str | None = None
    admin2: str | None = None
    lat: Latitude | None = None
    lon: Longitude | None = None
    precision: GeoPrecision
    geonames_id: Annotated[int, Field(gt=0)] | None = None
    """GeoNames id of the most specific unit resolved (world layer); None for curated-only or unknown places."""
    frame: str | None = None
    """The enclosing units as the text gave them ("Poonch district, J&K"), when it gave any."""
    evidence: Evidence | None = None

    @model_validator(mode="after")
    def _coordinates_pair(self) -> "Place":
        if (self.lat is None) != (self.lon is None):
            raise ValueError("lat and lon must be given together")
        return self


class Location(Place):
    """The event's place, with the other places the incident's sentences mention."""

    mentioned: list[Place] = Field(default_factory=list)


class EventTime(Record):
    text: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    precision: TimePrecision = TimePrecision.unknown
    anchor: dt.date | None = None
    approximate: bool = False
    evidence: Evidence | None = None

    @model_validator(mode="after")
    def _ordered(self) -> "EventTime":
        if (self.start is None) != (self.end is None):
            raise ValueError("time start and end must be given together")
        if self.start is not None and self.end is not None and self.start > self.end:
            raise ValueError(f"time start {self.start} is after end {self.end}")
        if self.start is None and self.precision != TimePrecision.unknown:
            raise ValueError("an unresolved time must have precision 'unknown'")
        return self


class Casualty(Record):
    outcome: Outcome
    group: CasualtyGroup = CasualtyGroup.unknown
    count: Count | None = None
    low: Count | None = None
    high: Count | None = None
    qualifier: Qualifier = Qualifier.exact
    evidence: Evidence | None = None

    @model_validator(mode="after")
    def _bounds(self) -> "Casualty":
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"casualty low {self.low} is above high {self.high}")
        if self.count is not None:
            if self.low is not None and self.count < self.low:
                raise ValueError(f"casualty count {self.count} is below low {self.low}")
            if self.high is not None and self.count > self.high:
                raise ValueError(f"casualty count {self.count} is above high {self.high}")
        return self


class Weapon(Record):
    kind: WeaponKind
    text: NonEmptyStr
    evidence: Evidence | None = None


class Target(Record):
    kind: TargetKind
    text: NonEmptyStr
    evidence: Evidence | None = None


class Modality(Record):
    polarity: Polarity = Polarity.asserted
    status: Status = Status.occurred
    generic: bool = False
    cues: list[Evidence] = Field(default_factory=list)

    @property
    def is_incident(self) -> bool:
        """True when the article reports this as something that happened or was tried."""
        return (
            self.polarity == Polarity.asserted
            and self.status in (Status.occurred, Status.attempted)
            and not self.generic
        )


class Event(Record):
    id: Identifier
    article_id: Identifier
    type: EventType
    trigger: Evidence
    actors: list[Actor] = Field(default_factory=list)
    location: Location | None = None
    time: EventTime = Field(default_factory=EventTime)
    casualties: list[Casualty] = Field(default_factory=list)
    weapons: list[Weapon] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    modality: Modality = Field(default_factory=Modality)
    related: list[Identifier] = Field(default_factory=list)
    confidence: Probability = 0.5
    rules: list[str] = Field(default_factory=list)
    excerpt: Evidence | None = None
    """The sentence that reports the incident (its trigger's), for reading the record without the article."""

    @model_validator(mode="after")
    def _victims_counted(self) -> "Event":
        for actor in self.actors:
            if actor.casualty is not None and actor.casualty >= len(self.casualties):
                raise ValueError(f"actor {actor.name!r} names casualty {actor.casualty}, but the event has "
                                 f"{len(self.casualties)}")
        return self

    def total(self, outcome: Outcome, group: CasualtyGroup | None = None) -> int | None:
        """Sum of counts for an outcome (optionally one group); None when nothing is known."""
        counts = [c.count for c in self.casualties if c.outcome == outcome and (group is None or c.group == group)]
        known = [c for c in counts if c is not None]
        return sum(known) if known else None

    def actors_in(self, role: Role) -> list[Actor]:
        return [a for a in self.actors if a.role == role]
