"""Aligning predicted with gold events: how alike two events are, and the one-to-one pairing.

See ``pipeline.evaluate.scorer`` for the weights and the conventions.
"""
from __future__ import annotations

import re
from typing import Sequence

from models import Event, EventType, Evidence, GeoPrecision
from models.taxonomy import event_family

from ..places.gazetteer import normalize_name

MIN_SIMILARITY = 0.4
WEIGHTS = {"type": 0.35, "evidence": 0.30, "date": 0.175, "place": 0.175}
UNKNOWN = 0.5
TOWN_PRECISION = (GeoPrecision.town, GeoPrecision.point)

_PLACE_WORDS = re.compile(r"\b(district|province|state|division|tehsil|agency|city|town|village|county|region|area)\b")


def comparable_name(value: str | None) -> str | None:
    """A place name as the scorer compares it: the gazetteer's normalization, with administrative words
    ("district", "province"), punctuation and the spaces of a transliteration ignored, so
    'Kurram District' == 'kurram' and 'Lal Pur' == 'Lalpur'."""
    if not value:
        return None
    text = _PLACE_WORDS.sub(" ", value.casefold())
    return normalize_name(re.sub(r"[^\w]+", " ", text)).replace(" ", "") or None


def family(kind: EventType) -> str:
    return event_family(kind).value


def _overlap(a: Evidence | None, b: Evidence | None) -> bool:
    return a is not None and b is not None and a.start < b.end and b.start < a.end


def _evidence_spans(event: Event) -> list[Evidence]:
    spans = [a.evidence for a in event.actors] + [c.evidence for c in event.casualties]
    spans += [w.evidence for w in event.weapons] + [t.evidence for t in event.targets]
    if event.location is not None:
        spans.append(event.location.evidence)
    spans.append(event.time.evidence)
    return [s for s in spans if s is not None]


def date_range(event: Event) -> tuple | None:
    if event.time.start is None:
        return None
    return event.time.start, event.time.end or event.time.start


def place_keys(event: Event) -> tuple[str | None, str | None, str | None]:
    loc = event.location
    if loc is None:
        return None, None, None
    town = comparable_name(loc.name) if loc.precision in TOWN_PRECISION else None
    return town, comparable_name(loc.admin2), comparable_name(loc.admin1)


def similarity(pred: Event, gold: Event) -> float:
    """How likely ``pred`` reports the incident ``gold`` is (0..1); see the module docstring."""
    score = 0.0
    if pred.type == gold.type:
        score += WEIGHTS["type"]
    elif family(pred.type) == family(gold.type):
        score += WEIGHTS["type"] * 0.5

    if _overlap(pred.trigger, gold.trigger):
        score += WEIGHTS["evidence"]
    elif any(_overlap(pred.trigger, s) for s in _evidence_spans(gold)) or pred.trigger.sentence == gold.trigger.sentence:
        score += WEIGHTS["evidence"] * 0.5

    p_range, g_range = date_range(pred), date_range(gold)
    if p_range is None or g_range is None:
        score += WEIGHTS["date"] * UNKNOWN
    elif p_range[0] == g_range[0]:
        score += WEIGHTS["date"]
    elif p_range[0] <= g_range[1] and g_range[0] <= p_range[1]:
        score += WEIGHTS["date"] * 0.5

    p_town, p_admin2, p_admin1 = place_keys(pred)
    g_town, g_admin2, g_admin1 = place_keys(gold)
    if not any((p_town, p_admin2, p_admin1)) or not any((g_town, g_admin2, g_admin1)):
        score += WEIGHTS["place"] * UNKNOWN
    elif (p_town and p_town == g_town) or (p_admin2 and p_admin2 == g_admin2) or _names_cross(pred, gold):
        score += WEIGHTS["place"]
    elif p_admin1 and p_admin1 == g_admin1:
        score += WEIGHTS["place"] * 0.5
    return round(score, 6)


def _names_cross(pred: Event, gold: Event) -> bool:
    # "Lakki Marwat" coded as a town on one side and as the district on the other is the same place.
    if pred.location is None or gold.location is None:
        return False
    p = {comparable_name(pred.location.name), comparable_name(pred.location.admin2)} - {None}
    g = {comparable_name(gold.location.name), comparable_name(gold.location.admin2)} - {None}
    return bool(p & g)


def align(preds: Sequence[Event], golds: Sequence[Event], *,
          min_similarity: float = MIN_SIMILARITY) -> list[tuple[int, int, float]]:
    """One-to-one (pred index, gold index, similarity) pairs, greedy on similarity."""
    candidates = []
    for gi, gold in enumerate(golds):
        for pi, pred in enumerate(preds):
            sim = similarity(pred, gold)
            if sim >= min_similarity:
                candidates.append((-sim, gi, pi))
    candidates.sort()
    used_p, used_g, pairs = set(), set(), []
    for neg_sim, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((pi, gi, -neg_sim))
    return sorted(pairs, key=lambda t: t[1])
