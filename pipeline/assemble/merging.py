"""Merging: two mentions of one incident (a headline and its story, a lead retold) become one.

A headline may be retold anywhere in its story; any other incident only within ``MERGE_WINDOW``
sentences, and only where both name the same town or district or the later one names no place (two
attacks in one province, told one after the other, are two incidents). Only those candidates are
compared, so the cost stays linear in the length of the text. The merged incident's arguments are read
again from the sentences of both. Merges are decided on the incidents' sketches (everything but the
actors' roles), so an incident's roles are read once.
"""
from __future__ import annotations

from typing import Callable, Iterable

from spacy.tokens import Span

from models.taxonomy import EventFamily, event_family

from .arguments import IncidentArguments
from .segmentation import PERIOD_KINDS, Incident
from .view import DocView
from .words import WORDS

MERGE_WINDOW = 4
"""Sentences between two mentions of one incident told twice, outside the headline: a lead retold in
the next paragraph. Further apart, the same place and kind of act are another incident."""
ATTACK_ON_PROPERTY = {EventFamily.armed_violence, EventFamily.property}
"""An attack and the burning of what was attacked are told of one incident."""
VIOLENT_ACTS = {EventFamily.armed_violence, EventFamily.explosion, EventFamily.property, EventFamily.abduction}
"""A headline names the incident by its most telling act ("landmine hits army truck" for an ambush that
began with a landmine, "abduct drivers" for a convoy attack): any violent act of the story may be it."""
MERGE_LOOKBACK = 8
"""Incidents kept so far that a new one is compared with (besides the headline's)."""


def merge_duplicates(view: DocView, incidents: list[Incident],
                     sketch: Callable[[Incident], IncidentArguments]) -> list[IncidentArguments]:
    kept: list[tuple[Incident, IncidentArguments]] = []
    headline: list[int] = []
    for incident in incidents:
        event = sketch(incident)
        first = min(incident.sentences)
        recent = [k for k in range(max(0, len(kept) - MERGE_LOOKBACK), len(kept))
                  if first - max(kept[k][0].sentences) <= MERGE_WINDOW]
        # Headline parts split by the writer are never one another's retelling.
        index = None if view.in_headline(event.trigger) else _closest_headline(
            view, [k for k in headline if same_incident(view, kept[k][1], event, headline=True)], kept, event)
        if index is None and not incident.opened:
            # Outside the headline, a retelling names the scene again ("in Sangin" ... "the Sangin attack"),
            # or names none (a sentence of tolls told a little later).
            index = next((k for k in recent if k not in headline and same_incident(view, kept[k][1], event)
                          and (not event.places or _shared_scene(view, kept[k][1], event))), None)
        if index is None:
            if view.in_headline(event.trigger):
                headline.append(len(kept))
            kept.append((incident, event))
            continue
        twin, _ = kept[index]
        union = Incident(triggers=twin.triggers + [t for t in incident.triggers if t not in twin.triggers],
                         sentences=sorted(set(twin.sentences) | set(incident.sentences)), modality=twin.modality)
        kept[index] = (union, sketch(union))
    return [event for _, event in kept]


def _closest_headline(view: DocView, candidates: list[int], kept: list[tuple[Incident, IncidentArguments]],
                      event: IncidentArguments) -> int | None:
    """Of the headline's parts a story may retell ("drone strike in Jenin; settlers torch homes"), the one
    naming its place, else the one of its kind of act, else the first."""
    if len(candidates) < 2:
        return candidates[0] if candidates else None
    family = event_family(event.type)
    places = _place_names(view, event.places)
    return max(candidates, key=lambda k: (bool(_place_names(view, kept[k][1].places) & places),
                                          event_family(kept[k][1].type) == family, -k))


def _shared_scene(view: DocView, a: IncidentArguments, b: IncidentArguments) -> bool:
    fine = {"town", "admin2"}
    return bool({view.place_key(p) for p in a.places if p.label_ in fine}
                & {view.place_key(p) for p in b.places if p.label_ in fine})


def _place_names(view: DocView, places: Iterable[Span]) -> set[str]:
    """Each place by its gazetteer entry and by its name: a headline's "Kirkuk" read as the city is the
    story's "Kirkuk province"."""
    return {view.place_key(p) for p in places} | {_bare_name(view.span_text(p).lower()) for p in places}


def _bare_name(name: str) -> str:
    """"deir ez-zor province" -> "deir ez-zor": the name without the noun of its rank."""
    head, _, last = name.rpartition(" ")
    return head if head and last in WORDS.rank_nouns else name


def same_incident(view: DocView, a: IncidentArguments, b: IncidentArguments, *, headline: bool = False) -> bool:
    """A headline and its story, or a lead and a later paragraph retelling it: same kind of act (for a
    headline, any violent act), and neither the places nor the days disagree."""
    families = {event_family(a.type), event_family(b.type)}
    joinable = families <= VIOLENT_ACTS if headline else families == ATTACK_ON_PROPERTY
    if (len(families) > 1 and not joinable) or a.modality != b.modality:
        return False
    places_a, places_b = _place_names(view, a.places), _place_names(view, b.places)
    fine_a = _place_names(view, [p for p in a.places if p.label_ in {"town", "admin2"}])
    fine_b = _place_names(view, [p for p in b.places if p.label_ in {"town", "admin2"}])
    if fine_a and fine_b and not fine_a & fine_b and not (places_a & places_b):
        return False
    if places_a and places_b and not places_a & places_b:
        return False
    days_a = {view.span_text(d).lower() for d in a.dates if d.label_ not in PERIOD_KINDS}
    days_b = {view.span_text(d).lower() for d in b.dates if d.label_ not in PERIOD_KINDS}
    return not (days_a and days_b and not days_a & days_b)
