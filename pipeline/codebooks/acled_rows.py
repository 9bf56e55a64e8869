"""ACLED rows: one per incident, ACLED's columns in ACLED's order and codes, then our ids to join back on."""
from __future__ import annotations

from collections import Counter
from typing import Iterable, Iterator

from models import ActorKind, ArticleResult, Event, GeoPrecision, Location, Outcome, TimePrecision

from .acled import EXCESSIVE, AcledType, acled_type, civilian_targeting
from .acled_actors import SideActor, event_country, interaction, side_actor, sides
from .common import incidents, notes, total
from .countries import country

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp", "article_id", "event_id",
)
TIME_PRECISION = {TimePrecision.day: 1, TimePrecision.week: 2, TimePrecision.month: 3, TimePrecision.year: 3,
                  TimePrecision.unknown: 3}
"""ACLED: 1 the day is known, 2 the week (or a few days), 3 only the month (or less)."""
GEO_PRECISION = {GeoPrecision.point: 1, GeoPrecision.town: 1, GeoPrecision.admin2: 2, GeoPrecision.admin1: 3,
                 GeoPrecision.region: 3, GeoPrecision.country: 3}
"""ACLED: 1 the town itself, 2 a district or the area around a town, 3 only a province or larger."""


AREA_WORDS = ("district", "agency", "tehsil", "division", "county", "area", "region", "province", "valley")


def geo_precision(place: Location | None) -> int | None:
    """ACLED's code for where the event is known to be; a district named bare ("in Sibi") is its town of that name
    (districts are named after their headquarters), so 1 unless the text says the district."""
    if place is None:
        return None
    if place.precision == GeoPrecision.admin2 and not any(w in place.text.lower() for w in AREA_WORDS):
        return 1
    return GEO_PRECISION[place.precision]


def _side(actors: list[SideActor]) -> tuple[str | None, str | None, int]:
    if not actors:
        return None, None, 0
    assoc = "; ".join(a.name for a in actors[1:]) or None
    return actors[0].name, assoc, actors[0].inter


def acled_sides(event: Event, kind: AcledType) -> tuple[list[SideActor], list[SideActor]]:
    """The two sides as ACLED orders them for the event's sub-event type."""
    first, second = sides(event)
    if kind.sub_event_type == EXCESSIVE and second:
        # The force that fired on the crowd acted; the crowd was protesting, whatever our type called it.
        crowd = [side_actor(ActorKind.protesters, None, event_country(event), event.time.start)
                 if a.kind == ActorKind.rioters else a for a in first]
        return second, crowd
    if kind.sub_event_type == "Peaceful protest":
        return first, []
    if kind.event_type in ("Violence against civilians", "Explosions/Remote violence") and not second:
        # ACLED's victims of violence against civilians are civilians, named or not; a blast that hit no one
        # named (a bazaar, a railway track) is coded against civilians too.
        second = [side_actor(ActorKind.civilians, None, event_country(event), event.time.start)]
    return first, second


def acled_row(result: ArticleResult, event: Event, sequence: int = 1) -> dict:
    """One incident as an ACLED row; ``sequence`` numbers the rows of its country (``event_id_cnty``)."""
    kind = acled_type(event)
    first, second = acled_sides(event, kind)
    actor1, assoc1, inter1 = _side(first)
    actor2, assoc2, inter2 = _side(second)
    place = event.location
    nation = country(event_country(event))
    when = event.time.start
    return {
        "event_id_cnty": f"{nation.alpha3 or nation.code}{sequence}" if nation else f"XXX{sequence}",
        "event_date": when,
        "year": when.year if when else None,
        "time_precision": TIME_PRECISION[event.time.precision],
        "disorder_type": kind.disorder_type,
        "event_type": kind.event_type,
        "sub_event_type": kind.sub_event_type,
        "actor1": actor1, "assoc_actor_1": assoc1, "inter1": inter1,
        "actor2": actor2, "assoc_actor_2": assoc2, "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": civilian_targeting(event, kind),
        "iso": nation.numeric if nation else None,
        "region": nation.region if nation else None,
        "country": nation.name if nation else None,
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "admin3": None,
        "location": place.name if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": geo_precision(place),
        "source": result.source or result.article_id,
        "source_scale": None,
        "notes": notes(event),
        "fatalities": total(event, Outcome.killed),
        "tags": None,
        "timestamp": None,
        "article_id": event.article_id,
        "event_id": event.id,
    }


def iter_acled_rows(results: Iterable[ArticleResult]) -> Iterator[dict]:
    """ACLED rows for the incidents of every result, in output order, streamed; failed articles give none."""
    per_country: Counter = Counter()
    for result, event in incidents(results):
        code = country(event_country(event))
        key = code.code if code else ""
        per_country[key] += 1
        yield acled_row(result, event, per_country[key])


def acled_rows(results: Iterable[ArticleResult]) -> list[dict]:
    """ACLED rows for the incidents of every result, in output order; failed articles give none."""
    return list(iter_acled_rows(results))
