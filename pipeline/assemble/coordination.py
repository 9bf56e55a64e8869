"""Several incidents in one sentence: "attacks in Bannu and Lakki Marwat killed three policemen".

A plural act ("attacks", "blasts", "raids on police posts") placed in two or more coordinated places of
the same rank is one incident per place. The first keeps the sentence's tolls and victims (the text does
not say how they divide); the others keep the act, its perpetrators and its date.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span

from .arguments import IncidentArguments
from .view import DocView

PLURAL_TAGS = {"NNS", "NNPS"}
SCENES = {"point", "town", "admin2"}


def split_coordinated(view: DocView, event: IncidentArguments) -> list[IncidentArguments]:
    """The event, or one event per coordinated place when a plural act is told of several places."""
    groups = _coordinated_places(view, event)
    if len(groups) < 2 or not _plural_act(event):
        return [event]
    others = {id(p) for group in groups[1:] for p in group}
    first = replace(event, places=tuple(p for p in event.places if id(p) not in others))
    found = [first]
    for part, group in enumerate(groups[1:], start=1):
        found.append(replace(event, places=tuple(group), links=(), part=part, targets=(),
                             roles=tuple(r for r in event.roles if r.role == "perpetrator")))
    return found


def _plural_act(event: IncidentArguments) -> bool:
    """"attacks", "blasts", or an act on plural targets ("attacked police posts")."""
    return event.trigger.root.tag_ in PLURAL_TAGS or any(t.root.tag_ in PLURAL_TAGS for t in event.targets)


def _one_rank(a: Span, b: Span) -> bool:
    """Both scenes (towns or districts: "Bannu and Lakki Marwat"), or both of one broader rank."""
    return a.label_ == b.label_ or {a.label_, b.label_} <= SCENES


def _coordinated_places(view: DocView, event: IncidentArguments) -> list[list[Span]]:
    """Places of the trigger's sentence joined by "and" at one rank: each conjunct with the places inside it."""
    sentence = view.sentence_of(event.trigger.start)
    places = [p for p in event.places if view.sentence_of(p.start) == sentence and p.label_ not in {"country"}]
    for place in places:
        conjuncts = [other for other in places if other is not place and _one_rank(other, place)
                     and other.root.dep_ == "conj" and place.start <= other.root.head.i < place.end]
        if conjuncts:
            return [[place], *[[c] for c in conjuncts]]
    return []
