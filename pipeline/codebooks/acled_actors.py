"""Who is on each side of an event, named and coded as ACLED does.

ACLED codes two sides: ``actor1`` (who acted: the attacker, the protesters, the arresting police) and
``actor2`` (who it was done to), each with its associated actors and an ``inter`` code (1 state forces,
2 rebels, 3 political militias, 4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other;
0 for no actor). Generic actors take ACLED's conventional names ("Military Forces of Pakistan (2018-)",
"Unidentified Armed Group (Pakistan)", "Civilians (Afghanistan)"), named groups keep the registry's name.
When the text names no one on a side, the casualties say who was hit ("four soldiers" are the military).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from models import Actor, ActorKind, CasualtyGroup, Event, EventType, Outcome, Role

from ..actors.registry import actor_registry
from ..rules import Rule, package_rules
from .countries import country


class ActorConvention(Rule):
    kind: ActorKind
    name: str
    dated: bool = False
    inter: int
    generic_inter: int | None = None


class GovernmentPeriods(Rule):
    country: str
    periods: list[tuple[int, int | None]]


@dataclass(frozen=True)
class SideActor:
    name: str
    inter: int
    kind: ActorKind
    generic: bool = True
    """Named by convention ("Unidentified Armed Group (Pakistan)"), not a group's own name."""


ARMED = frozenset({1, 2, 3, 4, 8})
"""Organized armed actors: a fight between two of them is a battle."""
UNARMED = frozenset({5, 6, 7})
STATE_KINDS = {ActorKind.state_forces, ActorKind.police, ActorKind.government, ActorKind.foreign_state}
ALWAYS_GENERIC = STATE_KINDS | {ActorKind.civilians, ActorKind.protesters, ActorKind.rioters}
"""Kinds ACLED always names by convention, whatever the text calls them ("Pakistan Air Force", "Levies")."""
GROUP_KIND: dict[CasualtyGroup, ActorKind] = {
    CasualtyGroup.security_forces: ActorKind.state_forces,
    CasualtyGroup.police: ActorKind.police,
    CasualtyGroup.militants: ActorKind.unidentified_armed_group,
    CasualtyGroup.civilians: ActorKind.civilians,
}
DEMONSTRATING = {ActorKind.protesters, ActorKind.rioters, ActorKind.political_party, ActorKind.civilians}
NON_STATE = frozenset({2, 3, 4})
UNNAMED_GROUPS = {ActorKind.militant_group, ActorKind.separatist_group, ActorKind.unidentified_armed_group,
                  ActorKind.other}
STATE_METHODS = {EventType.air_or_drone_strike, EventType.security_operation}
HARM = {Outcome.killed, Outcome.injured, Outcome.kidnapped, Outcome.missing}


@lru_cache(maxsize=1)
def conventions() -> dict[ActorKind, ActorConvention]:
    return {rule.kind: rule for rule in package_rules(__package__, "acled_actors.jsonl", ActorConvention)}


@lru_cache(maxsize=1)
def _periods() -> dict[str, list[tuple[int, int | None]]]:
    return {rule.country: rule.periods for rule in package_rules(__package__, "acled_periods.jsonl", GovernmentPeriods)}


def period(code: str | None, when: dt.date | None) -> str:
    """" (2018-)": the government period of a country an event falls in (the latest when undated)."""
    periods = _periods().get((code or "").upper())
    if not periods:
        return ""
    chosen = periods[-1]
    if when is not None:
        for start, end in periods:
            if start <= when.year and (end is None or when.year < end):
                chosen = (start, end)
    start, end = chosen
    return f" ({start}-{end if end is not None else ''})"


@lru_cache(maxsize=1)
def _named_groups() -> frozenset[str]:
    return frozenset(e.name for e in actor_registry().values() if not e.generic)


def _generic(actor_name: str) -> bool:
    """A description, not a group: registry names of specific groups are the only names ACLED keeps."""
    return actor_name not in _named_groups()


def side_actor(kind: ActorKind, name: str | None, code: str | None, when: dt.date | None) -> SideActor:
    """An actor as ACLED names and codes it; ``name`` is a group's own name (None for a description)."""
    rule = conventions()[kind]
    if name is not None and kind not in ALWAYS_GENERIC:
        return SideActor(name, rule.inter, kind, generic=False)
    place = country(code)
    label = rule.name.format(country=place.name if place else "Unknown")
    if place is None:
        label = label.replace(" (Unknown)", "").replace(" of Unknown", "")
    if rule.dated:
        label += period(code, when)
    return SideActor(label, rule.generic_inter or rule.inter, kind)


def _of(actor: Actor, code: str | None, when: dt.date | None, event: Event | None = None) -> SideActor:
    own = None if _generic(actor.name) else actor.name
    if own is None and event is not None and actor.casualty is not None:
        # "7 were killed" counted as militants: the casualty's group says who a described victim was.
        group = event.casualties[actor.casualty].group
        if group in GROUP_KIND and actor.kind in (ActorKind.civilians, ActorKind.other):
            return side_actor(GROUP_KIND[group], None, code or actor.country, when)
    # A foreign state's forces are named by their own country, every other generic actor by the event's.
    where = (actor.country or code) if actor.kind == ActorKind.foreign_state else (code or actor.country)
    if actor.kind in STATE_KINDS and actor.country and code and actor.country != code:
        # Another country's forces acting here ("Indian Border Security Force" firing into Pakistan) are external.
        found = side_actor(actor.kind, None, actor.country, when)
        return SideActor(found.name, 8, actor.kind)
    return side_actor(actor.kind, own, where, when)


def _hit(actor: Actor, code: str | None, when: dt.date | None, event: Event) -> list[SideActor]:
    """Who was hit: a party's workers are civilians, with their party beside them ("Civilians (Pakistan)", MQM)."""
    if actor.kind == ActorKind.political_party:
        party = _of(actor, code, when)
        return [side_actor(ActorKind.civilians, None, code or actor.country, when),
                SideActor(party.name, 7, actor.kind, party.generic)]
    return [_of(actor, code, when, event)]


def event_country(event: Event) -> str | None:
    if event.location is not None and event.location.country:
        return event.location.country
    return next((a.country for a in event.actors if a.country and a.kind != ActorKind.foreign_state), None)


def _unique(actors: list[SideActor], exclude: set[str] | None = None) -> list[SideActor]:
    """Each name once; a named group first, and no "Unidentified Armed Group" beside a group that is named
    (the gunmen of a claimed attack are that group); the government after its forces."""
    seen: set[str] = set(exclude or ())
    kept = []
    for actor in actors:
        if actor.name not in seen:
            seen.add(actor.name)
            kept.append(actor)
    if any(not a.generic and a.inter in NON_STATE for a in kept):
        kept = [a for a in kept if not (a.generic and a.kind in UNNAMED_GROUPS)]
    return sorted(kept, key=lambda a: (a.generic and a.kind in UNNAMED_GROUPS, a.kind == ActorKind.government))


def harmed_groups(event: Event) -> list[CasualtyGroup]:
    """Groups with casualties, most hit first (a count of None ranks as one)."""
    totals: dict[CasualtyGroup, int] = {}
    for casualty in event.casualties:
        if casualty.outcome in HARM and casualty.group in GROUP_KIND:
            totals[casualty.group] = totals.get(casualty.group, 0) + (casualty.count or casualty.low or 1)
    return sorted(totals, key=lambda g: -totals[g])


def sides(event: Event) -> tuple[list[SideActor], list[SideActor]]:
    """(actor1 and its associates, actor2 and its associates), as ACLED would put them."""
    code, when = event_country(event), event.time.start
    acting = [a for a in event.actors if a.role in (Role.perpetrator, Role.claimant) and a.attribution.value != "denied"]
    hit = [a for a in event.actors if a.role in (Role.target, Role.victim)]
    responders = [a for a in event.actors if a.role == Role.responder]
    if event.type in (EventType.protest, EventType.riot):
        crowd = [a for a in event.actors if a.kind in DEMONSTRATING and a.role != Role.responder]
        kind = ActorKind.protesters if event.type == EventType.protest else ActorKind.rioters
        first = [side_actor(kind, None, code, when)] + [_of(a, code, when) for a in crowd
                                                        if a.kind == ActorKind.political_party]
        # Who acted against the crowd; whom it protested against is not a side in ACLED.
        others = [a for a in [*acting, *responders] if a.kind not in DEMONSTRATING]
        second = [_of(a, code, when) for a in others]
        return _unique(first), _unique(second, {f.name for f in first})
    if event.type in (EventType.arrest, EventType.weapons_seizure):
        acting = [a for a in [*acting, *responders] if a.kind in STATE_KINDS] or acting
        first = [_of(a, code, when) for a in acting] or [side_actor(ActorKind.police, None, code, when)]
        second = [_of(a, code, when) for a in hit if a.kind not in STATE_KINDS]
        return _unique(first), _unique(second, {f.name for f in first})
    first = [_of(a, code, when) for a in acting]
    second = [side for a in hit for side in _hit(a, code, when, event)]
    # Civilians, protesters and rioters do not fire rockets or storm posts: said to act, they were hit.
    second += [a for a in first if a.inter in UNARMED]
    first = [a for a in first if a.inter not in UNARMED]
    if not first and event.type in (EventType.security_operation,):
        first = [_of(a, code, when) for a in responders] or [side_actor(ActorKind.state_forces, None, code, when)]
    if not first:
        # Nobody named acting: militants killed or targeted were fought by the state, anyone else by gunmen.
        armed_hit = any(a.inter in NON_STATE for a in second) or harmed_groups(event)[:1] == [CasualtyGroup.militants]
        first = [side_actor(ActorKind.state_forces if armed_hit else ActorKind.unidentified_armed_group, None, code,
                            when)]
    first, second = _split_mixed(event, first, second)
    first = _unique(first)
    taken = {a.name for a in first}
    second = _unique(second, taken)
    if not second:
        first_inters = {a.inter for a in first}
        for group in harmed_groups(event):
            candidate = side_actor(GROUP_KIND[group], None, code, when)
            # Attackers killed in their own attack are not the other side ("the bomber died").
            own_side = candidate.inter in first_inters or (candidate.inter in {2, 3} and first_inters & {2, 3})
            if not own_side:
                second.append(candidate)
        second = _unique(second, taken)
    if not second and responders:
        second = _unique([_of(a, code, when) for a in responders], taken)
    return _state_against_militants(event, first, second, code, when)


def _state_against_militants(event: Event, first: list[SideActor], second: list[SideActor], code: str | None,
                             when: dt.date | None) -> tuple[list[SideActor], list[SideActor]]:
    """Militants the only ones hit and no state on either side: the state fought them ("four militants were killed
    in air strikes", "seven assailants were killed attacking the post"), since groups do not count their dead."""
    if harmed_groups(event) != [CasualtyGroup.militants] or any(a.inter in (1, 8) for a in [*first, *second]):
        return first, second
    if not all(a.inter in NON_STATE for a in [*first, *second]):
        return first, second
    state = side_actor(ActorKind.state_forces, None, code, when)
    if event.type in STATE_METHODS:
        # Air strikes and operations are the state's: the groups said to act were their targets.
        return [state], _unique([*first, *second])
    return first, second or [state]


def _split_mixed(event: Event, first: list[SideActor], second: list[SideActor]) -> tuple[list[SideActor],
                                                                                          list[SideActor]]:
    """State forces and armed groups both said to act: the side whose men were hit is the other side."""
    state = [a for a in first if a.inter == 1]
    groups = [a for a in first if a.inter in NON_STATE]
    if not state or not groups:
        return first, second
    hit = harmed_groups(event)
    if hit[:1] == [CasualtyGroup.militants]:
        return [a for a in first if a.inter not in NON_STATE], second + groups
    if hit[:1] and hit[0] not in (CasualtyGroup.security_forces, CasualtyGroup.police) and second:
        return first, second
    # The forces were hit, or nothing says who was: the armed group attacked and the forces are the other side.
    return [a for a in first if a.inter != 1], second + state


def interaction(inter1: int, inter2: int) -> str:
    """ACLED's interaction code: the two inter codes, lower first, a missing actor (0) last ("12", "60")."""
    if inter2 == 0 or inter1 == 0:
        return f"{max(inter1, inter2)}0"
    low, high = sorted((inter1, inter2))
    return f"{low}{high}"
