"""UCDP GED rows: the type of violence, the two sides and the deaths of each, from the casualties by group.

UCDP's three types: 1 state-based (a government against an organized armed group, or two governments),
2 non-state (two organized armed groups, neither a government), 3 one-sided (a government or an organized
group against unarmed civilians). A government is its state (``Government of Pakistan``: UCDP names the
state, not its forces). Deaths are split by whose they were: soldiers and police are the government's, the
militants are the armed group's (its side in a state-based or one-sided event, unknown between two groups),
civilians and people the text does not place are ``deaths_civilians`` and ``deaths_unknown``.
GED holds only events with at least one death; incidents with none reported are left out.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from models import ArticleResult, CasualtyGroup, Event, EventType, GeoPrecision, Outcome, TimePrecision

from .acled import EXCESSIVE, acled_type
from .acled_actors import NON_STATE, SideActor, event_country
from .acled_rows import acled_sides
from .common import incidents, low_count, total
from .countries import country

UCDP_COLUMNS: tuple[str, ...] = (
    "type_of_violence", "side_a", "side_b", "date_start", "date_end", "date_prec", "adm_1", "adm_2",
    "where_coordinates", "where_prec", "latitude", "longitude", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "low", "high", "country", "article_id", "event_id",
)
DATE_PREC = {TimePrecision.day: 1, TimePrecision.week: 3, TimePrecision.month: 4, TimePrecision.year: 5,
             TimePrecision.unknown: 5}
"""UCDP: 1 the day, 2 two to six days, 3 the week, 4 the month, 5 longer."""
WHERE_PREC = {GeoPrecision.point: 1, GeoPrecision.town: 1, GeoPrecision.admin2: 3, GeoPrecision.admin1: 4,
              GeoPrecision.region: 5, GeoPrecision.country: 6}
"""UCDP: 1 the place itself, 3 a district, 4 a province, 5 a stretch or an area larger than that, 6 the country."""
NOT_ORGANIZED_VIOLENCE = {EventType.arrest, EventType.weapons_seizure, EventType.other}
CROWD_TYPES = {EventType.protest, EventType.riot}
STATE_GROUPS = {CasualtyGroup.security_forces, CasualtyGroup.police}
ARMED = frozenset({1, *NON_STATE, 8})


def _government(actor: SideActor, code: str | None) -> str:
    if actor.generic:
        place = country(code)
        return f"Government of {place.name}" if place else "Government"
    return actor.name


def violence_type(first: list[SideActor], second: list[SideActor], armed_deaths: bool = True) -> int:
    """1 state-based, 2 non-state, 3 one-sided, from the inter codes of the two sides.

    ``armed_deaths``: soldiers, police or militants died (a state acting alone then fought someone)."""
    inters1 = {a.inter for a in first}
    inters2 = {a.inter for a in second}
    if not inters2 & ARMED and (inters2 & {5, 6, 7} or not inters2):
        return 3 if inters2 or not inters1 & {1} or not armed_deaths else 1
    if (1 in inters1 or 8 in inters1) or (1 in inters2 or 8 in inters2):
        return 1
    return 2


def _named(side: list[SideActor], code: str | None) -> str | None:
    if not side:
        return None
    actor = side[0]
    return _government(actor, code) if actor.inter in (1, 8) else actor.name


def ucdp_row(event: Event) -> dict:
    code = event_country(event)
    first, second = acled_sides(event, acled_type(event))
    armed_deaths = total(event, Outcome.killed, STATE_GROUPS | {CasualtyGroup.militants}, high=True) > 0
    kind = violence_type(first, second, armed_deaths)
    # Side A is the government in state-based violence (UCDP's convention), else whoever acted.
    if kind == 1 and second and any(a.inter in (1, 8) for a in second) and not any(a.inter in (1, 8) for a in first):
        first, second = second, first
    side_a, side_b = _named(first, code), _named(second, code)
    if kind == 3:
        side_b = "Civilians"
    state_deaths = total(event, Outcome.killed, STATE_GROUPS)
    militant_deaths = total(event, Outcome.killed, {CasualtyGroup.militants})
    deaths_a = state_deaths if kind == 1 else (militant_deaths if kind == 3 else 0)
    deaths_b = militant_deaths if kind == 1 else 0
    unknown = total(event, Outcome.killed, {CasualtyGroup.unknown}) + (militant_deaths if kind == 2 else 0)
    if kind != 1:
        unknown += state_deaths  # soldiers killed where no government is a side: whose they were is unclear
    place = event.location
    return {
        "type_of_violence": kind, "side_a": side_a, "side_b": side_b,
        "date_start": event.time.start, "date_end": event.time.end, "date_prec": DATE_PREC[event.time.precision],
        "adm_1": place.admin1 if place else None, "adm_2": place.admin2 if place else None,
        "where_coordinates": _where(event), "where_prec": WHERE_PREC[place.precision] if place else 6,
        "latitude": place.lat if place else None, "longitude": place.lon if place else None,
        "deaths_a": deaths_a, "deaths_b": deaths_b,
        "deaths_civilians": total(event, Outcome.killed, {CasualtyGroup.civilians}),
        "deaths_unknown": unknown,
        "best": sum(c.count if c.count is not None else low_count(c) for c in event.casualties
                    if c.outcome == Outcome.killed),
        "low": total(event, Outcome.killed),
        "high": total(event, Outcome.killed, high=True),
        "country": country(code).name if code else None,  # type: ignore[union-attr]
        "article_id": event.article_id, "event_id": event.id,
    }


def _where(event: Event) -> str | None:
    """UCDP's place description: "town (village), district, province"."""
    place = event.location
    if place is None:
        return None
    parts = [place.name] + [p for p in (place.admin2, place.admin1) if p and p != place.name]
    return ", ".join(parts)


def ucdp_event(event: Event) -> bool:
    """Organized violence with at least one death (GED's threshold)."""
    if event.type in NOT_ORGANIZED_VIOLENCE or total(event, Outcome.killed, high=True) == 0:
        return False
    # A crowd's violence is not organized; forces firing on a crowd are one-sided violence.
    return event.type not in CROWD_TYPES or acled_type(event).sub_event_type == EXCESSIVE


def iter_ucdp_rows(results: Iterable[ArticleResult]) -> Iterator[dict]:
    for _, event in incidents(results):
        if ucdp_event(event):
            yield ucdp_row(event)


def ucdp_rows(results: Iterable[ArticleResult]) -> list[dict]:
    """UCDP GED rows for the deadly incidents of every result, in output order."""
    return list(iter_ucdp_rows(results))
