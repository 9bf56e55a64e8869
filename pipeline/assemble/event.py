"""One incident put together: its place, time, tolls, actors (victims included), weapons and targets."""
from __future__ import annotations

import datetime as dt

from .arguments import IncidentArguments
from .place import PlaceResolver
from .time import event_time
from .tolls import event_tolls
from .types import AssembledEvent, PlaceChoice, RoleMention, Toll
from .victims import victim_roles
from .view import DocView
from .weapons import first_of_each_kind, incident_weapons
from .words import WORDS


def build_event(view: DocView, places: PlaceResolver, event: IncidentArguments, anchor: dt.date | None) -> AssembledEvent:
    place = places.choose(event)
    country = (place.place.country if place else None) or places.country
    tolls = event_tolls(view, event)
    return AssembledEvent(
        type=event.type,
        trigger=view.text_span(event.trigger),
        rules=tuple(sorted({t.kb_id_ for t in event.triggers if t.kb_id_})),
        modality=event.modality,
        roles=_roles(view, event, tolls, country),
        place=place,
        time=event_time(view, event.dates, event.trigger, anchor),
        tolls=tolls,
        weapons=incident_weapons(view, event.weapons, event.trigger, event.implied_weapons),
        targets=first_of_each_kind(view, event.targets),
        confidence=_confidence(event, place),
        excerpt=view.excerpt(event.trigger),
        part=event.part,
    )


def _roles(view: DocView, event: IncidentArguments, tolls: tuple[Toll, ...], country: str | None) -> tuple[RoleMention, ...]:
    """Actors with a role (one per name and role), then every victim phrase of the tolls as a victim."""
    victims = victim_roles(view, event, tolls, country)
    harmed = [(v.span.start, v.span.end) for v in victims]
    found: list[RoleMention] = []
    seen: set[tuple[str, str]] = set()
    for item in event.roles:
        entry = view.rules.actors.get(item.span.kb_id_)
        span = view.text_span(item.span)
        if entry is None or (entry.name, item.role) in seen:
            continue
        if item.role != "perpetrator" and any(start < span.end and span.start < end for start, end in harmed):
            # "Two villagers were abducted": the people harmed are victims, told once.
            continue
        seen.add((entry.name, item.role))
        found.append(RoleMention(span, entry.name, entry.kind.value,
                                 entry.country or (country if entry.generic else None), item.role, item.attribution,
                                 named=not entry.generic))
    victim_names = {(v.name, v.kind) for v in victims} | {(v.kind, v.kind) for v in victims}
    # "gunmen fired on a patrol car and three constables died": the police are the victims, told once.
    found = [r for r in found if r.role != "target" or not ({(r.name, r.kind), (r.kind, r.kind)} & victim_names)]
    found = _without_referring_descriptions(view, found)
    bomber = _suicide_attacker(view, event, country)
    if bomber is not None:
        # "A suicide bomber blew himself up ... the TTP claimed it": the bomber did it, for the group.
        found = [r for r in found if not (r.role == "perpetrator" and r.span.start <= bomber.span.start < r.span.end)]
        found.append(bomber)
    return (*found, *victims)


def _without_referring_descriptions(view: DocView, found: list[RoleMention]) -> list[RoleMention]:
    """"ISWAP fighters stormed the base ... The attackers fled": a description with "the" points back at the
    named group that did the act, not at a second perpetrator."""
    named = {r.kind for r in found if r.role == "perpetrator" and r.named}
    if not named:
        return found
    return [r for r in found if not (r.role == "perpetrator" and not r.named
                                     and r.kind in named | {"unidentified_armed_group"} and _referring(view, r.span))]


def _referring(view: DocView, span) -> bool:
    tokens = view.doc.char_span(span.start, span.end, alignment_mode="expand")
    if tokens is None:
        return False
    first = tokens.start if view.lower[tokens.start] in WORDS.referring_determiners else tokens.start - 1
    return first >= 0 and view.lower[first] in WORDS.referring_determiners


def _suicide_attacker(view: DocView, event: IncidentArguments, country: str | None) -> RoleMention | None:
    """"A female suicide bomber blew herself up": the bomber is who carried it out, a description."""
    rules = view.rules.triggers
    for trigger in event.triggers:
        rule = rules.get(trigger.kb_id_)
        if rule is not None and rule.attacker_dies and trigger.root.lower_ in WORDS.attacker_nouns:
            described = [c for c in trigger.root.lefts if c.dep_ == "amod" and c.i < trigger.start]
            words = [*described, *trigger]
            name = " ".join(t.lower_ for t in words if t.lower_ not in WORDS.victim_determiners)
            return RoleMention(view.text_span(trigger), name, "unidentified_armed_group", country, "perpetrator")
    return None


def _confidence(event: IncidentArguments, place: PlaceChoice | None) -> float:
    """How much of an incident the text gives: an act alone is 0.4; tolls, place, date and actors add."""
    score = 0.4
    if event.links:
        score += 0.2
    if place is not None:
        score += 0.15
    if event.dates:
        score += 0.1
    if event.roles:
        score += 0.1
    return round(min(score, 0.95), 2)
