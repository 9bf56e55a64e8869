"""Victims: every person or group an incident harmed, one actor per victim phrase, tied to its toll.

A counted phrase that names a person ("Gul Rahman", "Colonel Asif Iqbal") gives that person; one that
names a group of the registry ("three of their fighters" after "Taliban") gives the group; a single
person described ("his guard", "the owner of the clinic") gives the description; any other phrase gives
the generic actor of its casualty group ("two villagers": Civilians). An apposition is not a second
victim: its phrase is the same link, or a part of a total the total already covers.
"""
from __future__ import annotations

from spacy.tokens import Span

from ..actors.registry import ActorEntry
from ..casualties.links import CasualtyLink
from .arguments import IncidentArguments
from .tolls import counted_groups
from .types import RoleMention, Toll
from .view import DocView
from .words import WORDS

UNKNOWN_VICTIMS = "People"
"""The name of victims whose group the text does not say ("five people")."""


def victim_roles(view: DocView, event: IncidentArguments, tolls: tuple[Toll, ...],
                 country: str | None) -> list[RoleMention]:
    """One victim actor per victim phrase of the incident's casualty links, in the order of the text."""
    index = {(t.outcome, t.group): i for i, t in enumerate(tolls)}
    groups = counted_groups(view, event)
    totals = {link.part_of for link in event.links if link.part_of is not None}
    found: list[RoleMention] = []
    seen: set[tuple[str, int | None]] = set()
    for link in sorted(event.links, key=lambda item: item.phrase):
        if link.id in totals and _parts_cover(event, link):
            continue
        group = groups.get((link.outcome, link.group), link.group)
        casualty = index.get((link.outcome, group))
        mention = _victim(view, link, group, casualty, country)
        if mention is None or (mention.name.casefold(), casualty) in seen:
            continue
        seen.add((mention.name.casefold(), casualty))
        found.append(mention)
    return found


def _parts_cover(event: IncidentArguments, total: CasualtyLink) -> bool:
    """A total whose listed parts add up to it is told through its parts."""
    known = sum(link.count or 0 for link in event.links if link.part_of == total.id)
    return total.count is None or known >= total.count


def _victim(view: DocView, link: CasualtyLink, group: str, casualty: int | None,
            country: str | None) -> RoleMention | None:
    doc = view.doc
    phrase = doc[link.phrase[0] : link.phrase[1]]
    span = view.text_span(phrase)
    person = _person(view, phrase)
    if person is not None:
        kind = _group_entry(view, group)
        return RoleMention(view.text_span(person), person.text, kind.kind.value if kind else "civilians", country,
                           "victim", named=True, casualty=casualty)
    named = _registry_group(view, phrase)
    if named is not None:
        entry = view.rules.actors[named.kb_id_]
        return RoleMention(span, entry.name, entry.kind.value, entry.country or country, "victim",
                           named=not entry.generic, casualty=casualty)
    generic = _group_entry(view, group)
    description = _single_description(phrase, link, group)
    if description is not None:
        return RoleMention(span, description, generic.kind.value if generic else "civilians", country, "victim",
                           casualty=casualty)
    if generic is None:
        return RoleMention(span, UNKNOWN_VICTIMS, "civilians", country, "victim", casualty=casualty)
    return RoleMention(span, generic.name, generic.kind.value, country, "victim", casualty=casualty)


def _person(view: DocView, phrase: Span) -> Span | None:
    """The person a phrase names: a PERSON entity inside it or overlapping it."""
    people = view.memo.get("person-entities")
    if people is None:
        # doc.ents builds new spans on every access: read them once per article.
        people = view.memo["person-entities"] = [e for e in view.doc.ents if e.label_ == "PERSON"]
    doc = view.doc
    for ent in people:
        if ent.start < phrase.end and phrase.start < ent.end:
            start = ent.start
            while start > phrase.start and doc[start - 1].tag_ == "NNP" and doc[start - 1].is_title:
                start -= 1  # "Colonel Asif Iqbal": the name as written, title included
            return doc[start : ent.end]
    return None


def _registry_group(view: DocView, phrase: Span) -> Span | None:
    """A named group of the registry inside the phrase ("three Taliban fighters")."""
    for actor in view.actors:
        if actor.start >= phrase.start and actor.end <= phrase.end and actor.kb_id_ in view.rules.actors:
            if not view.rules.actors[actor.kb_id_].generic:
                return actor
    return None


def _single_description(phrase: Span, link: CasualtyLink, group: str) -> str | None:
    """"the owner of the clinic", "a district intelligence chief": one person described, by the description.

    A single member of a casualty group ("a civilian", "his guard") is named by the group instead.
    """
    if link.count != 1 or len(phrase) < 2 or phrase[0].lower_ not in WORDS.victim_determiners:
        return None
    words = phrase[1:]
    if group != "unknown" and not any(t.lower_ in WORDS.title_victims for t in words):
        return None
    return words.text


def _group_entry(view: DocView, group: str) -> ActorEntry | None:
    return view.rules.victims_of.get(group)
