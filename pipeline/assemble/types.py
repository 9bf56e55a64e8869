"""The typed hand-off from the annotated Doc to the records: what assembly decided, as frozen values.

Offsets are characters into the text the Doc was made from; ``sentence`` is the sentence number.
Nothing here holds a Doc or a Span, so these values can be built, compared and tested on their own,
and ``records.py`` turns them into the Pydantic models without reading the Doc again.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Span


@dataclass(frozen=True)
class TextSpan:
    """A stretch of the article that a value was read from."""

    start: int
    end: int
    text: str
    sentence: int


@dataclass(frozen=True)
class ModalityChoice:
    polarity: str = "asserted"
    status: str = "occurred"
    generic: bool = False


@dataclass(frozen=True)
class ResolvedPlace:
    """One place, with what the gazetteer and the text around it say of its hierarchy."""

    span: TextSpan
    name: str
    precision: str
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    """The GeoNames id of the most specific resolved unit, where the world layer knows it."""
    frame: str | None = None
    """The frame the text gave the place ("(Poonch district, J&K)"), if it gave one."""


@dataclass(frozen=True)
class PlaceChoice:
    """The incident's place and the other places its sentences mention."""

    place: ResolvedPlace
    mentioned: tuple[ResolvedPlace, ...] = ()


@dataclass(frozen=True)
class TimeChoice:
    """When the incident happened, resolved against the anchor (the publication date), or not resolved."""

    anchor: dt.date | None
    span: TextSpan | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    precision: str = "unknown"
    approximate: bool = False


@dataclass(frozen=True)
class ActorRole:
    """An actor mention's part in one incident, as the syntax and the stance cues around it give it."""
    span: Span
    role: str
    attribution: str = "stated"


@dataclass(frozen=True)
class RoleMention:
    """An actor's part in one incident, with the registry entry it names."""

    span: TextSpan
    name: str
    kind: str
    country: str | None
    role: str
    attribution: str = "stated"
    named: bool = False
    """The mention names a specific group or person, not a description ("gunmen", "two villagers")."""
    casualty: int | None = None
    """For a victim: the index of the event's toll it is counted in."""


@dataclass(frozen=True)
class Toll:
    """One outcome for one group of people in one incident (several phrases already added up)."""

    outcome: str
    group: str
    count: int | None
    low: int | None
    high: int | None
    qualifier: str
    span: TextSpan


@dataclass(frozen=True)
class LexiconMention:
    """A weapon or physical target: its kind and the words that named it."""

    kind: str
    span: TextSpan


@dataclass(frozen=True)
class AssembledEvent:
    type: str
    trigger: TextSpan
    rules: tuple[str, ...]
    modality: ModalityChoice
    roles: tuple[RoleMention, ...] = ()
    place: PlaceChoice | None = None
    time: TimeChoice = field(default_factory=lambda: TimeChoice(anchor=None))
    tolls: tuple[Toll, ...] = ()
    weapons: tuple[LexiconMention, ...] = ()
    targets: tuple[LexiconMention, ...] = ()
    confidence: float = 0.5
    excerpt: TextSpan | None = None
    part: int = 0
    """0, or which of several incidents told by one trigger this is (it keeps the ids apart)."""


@dataclass(frozen=True)
class AssembledAggregate:
    metric: str
    value: int
    qualifier: str
    span: TextSpan
    period: TimeChoice


@dataclass(frozen=True)
class MentionCount:
    """An actor or place the article names, however often, with the texts that named it."""

    name: str
    kind: str
    """The actor's kind, or the place's precision."""
    country: str | None
    texts: tuple[str, ...]
    count: int
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class AssembledArticle:
    events: tuple[AssembledEvent, ...] = ()
    aggregates: tuple[AssembledAggregate, ...] = ()
    actors: tuple[MentionCount, ...] = ()
    places: tuple[MentionCount, ...] = ()
