"""Merging: two mentions of one incident (a headline and its story, a lead retold) become one.

A headline may be retold anywhere in its story; any other incident only within ``MERGE_WINDOW``
sentences. Only those candidates are compared, so the cost stays linear in the length of the text.
The merged incident's arguments are read again from the sentences of both.
"""
from __future__ import annotations

from typing import Callable

from models.taxonomy import EventFamily, event_family

from .arguments import IncidentArguments
from .segmentation import PERIOD_KINDS, Incident
from .view import DocView

MERGE_WINDOW = 4
"""Sentences between two mentions of one incident told twice, outside the headline: a lead retold in
the next paragraph. Further apart, the same place and kind of act are another incident."""
ATTACK_ON_PROPERTY = {EventFamily.armed_violence, EventFamily.property}
"""An attack and the burning of what was attacked are told of one incident."""
MERGE_LOOKBACK = 8
"""Incidents kept so far that a new one is compared with (besides the headline's)."""


def merge_duplicates(view: DocView, incidents: list[Incident],
                     gather: Callable[[Incident], IncidentArguments]) -> list[IncidentArguments]:
    kept: list[tuple[Incident, IncidentArguments]] = []
    headline: list[int] = []
    for incident in incidents:
        event = gather(incident)
        first = min(incident.sentences)
        recent = [k for k in range(max(0, len(kept) - MERGE_LOOKBACK), len(kept))
                  if first - max(kept[k][0].sentences) <= MERGE_WINDOW]
        candidates = sorted(set(headline) | set(recent))
        index = next((k for k in candidates if same_incident(kept[k][1], event)), None)
        if index is None:
            if view.in_headline(event.trigger):
                headline.append(len(kept))
            kept.append((incident, event))
            continue
        twin, _ = kept[index]
        union = Incident(triggers=twin.triggers + [t for t in incident.triggers if t not in twin.triggers],
                         sentences=sorted(set(twin.sentences) | set(incident.sentences)), modality=twin.modality)
        kept[index] = (union, gather(union))
    return [event for _, event in kept]


def same_incident(a: IncidentArguments, b: IncidentArguments) -> bool:
    """A headline and its story, or a lead and a later paragraph retelling it: same kind of act, and
    neither the places nor the days disagree."""
    families = {event_family(a.type), event_family(b.type)}
    if (len(families) > 1 and families != ATTACK_ON_PROPERTY) or a.modality != b.modality:
        return False
    places_a = {p.kb_id_ or p.text for p in a.places}
    places_b = {p.kb_id_ or p.text for p in b.places}
    fine_a = {p.kb_id_ or p.text for p in a.places if p.label_ in {"town", "admin2"}}
    fine_b = {p.kb_id_ or p.text for p in b.places if p.label_ in {"town", "admin2"}}
    if fine_a and fine_b and not fine_a & fine_b and not (places_a & places_b):
        return False
    if places_a and places_b and not places_a & places_b:
        return False
    days_a = {d.text.lower() for d in a.dates if d.label_ not in PERIOD_KINDS}
    days_b = {d.text.lower() for d in b.dates if d.label_ not in PERIOD_KINDS}
    return not (days_a and days_b and not days_a & days_b)
