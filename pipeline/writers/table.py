"""The flat events table: one row per incident, ACLED-style columns.

Only incidents go in (``event.modality.is_incident``): negated, planned, threatened, hypothetical and
generic mentions stay in the JSONL only. ``event_type``/``sub_event_type`` are ACLED's (via
``TAXONOMY_MAP``), ``newsevents_type`` is ours. ``actor1`` lists the perpetrators, ``actor2`` the targets
and victims (names joined with "; "). ``fatalities`` is the sum of the killed counts and ``injured`` of
the injured counts; both are empty when the article gives no number (ACLED would write 0: we do not
turn "unknown" into "none"). ``notes`` is the sentence of the trigger when the article text is at hand,
else the trigger text; ``evidence`` is the trigger text itself.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable, Iterator

from models import TAXONOMY_MAP, ArticleResult, Event, Outcome, Role

COLUMNS: tuple[str, ...] = (
    "event_id",
    "article_id",
    "event_date",
    "event_date_end",
    "time_precision",
    "event_type",
    "sub_event_type",
    "gtd_attack_type",
    "newsevents_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "injured",
    "notes",
    "evidence",
    "confidence",
    "source",
)
NOTES_LIMIT = 600
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+|\n")


def sentence_around(text: str, start: int, end: int, *, limit: int = NOTES_LIMIT) -> str:
    """The sentence holding ``text[start:end]``, found from punctuation and line breaks (no parser)."""
    lo = max(0, start - limit)
    begin = lo
    for match in _SENTENCE_END.finditer(text, lo, start):
        begin = match.end()
    match = _SENTENCE_END.search(text, end, min(len(text), end + limit))
    finish = match.start() + (0 if match.group().startswith("\n") else 1) if match else min(len(text), end + limit)
    return " ".join(text[begin:finish].split())


def _names(event: Event, *roles: Role) -> str | None:
    names: list[str] = []
    for actor in event.actors:
        if actor.role in roles and actor.name not in names:
            names.append(actor.name)
    return "; ".join(names) or None


def event_row(result: ArticleResult, event: Event, text: str | None = None) -> dict:
    external = TAXONOMY_MAP[event.type]
    place = event.location
    trigger = event.trigger
    if text is not None and text[trigger.start : trigger.end] == trigger.text:
        notes = sentence_around(text, trigger.start, trigger.end)
    else:
        notes = trigger.text
    return {
        "event_id": event.id,
        "article_id": event.article_id,
        "event_date": event.time.start,
        "event_date_end": event.time.end,
        "time_precision": event.time.precision.value,
        "event_type": external.acled_event_type,
        "sub_event_type": external.acled_sub_event_type,
        "gtd_attack_type": external.gtd_attack_type,
        "newsevents_type": event.type.value,
        "actor1": _names(event, Role.perpetrator),
        "actor2": _names(event, Role.target, Role.victim),
        "country": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "location": place.name if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": place.precision.value if place else None,
        "fatalities": event.total(Outcome.killed),
        "injured": event.total(Outcome.injured),
        "notes": notes,
        "evidence": trigger.text,
        "confidence": event.confidence,
        "source": result.source or result.article_id,
    }


def event_rows(results: Iterable[ArticleResult],
               text_of: Callable[[ArticleResult], str | None] | None = None) -> Iterator[dict]:
    """Rows for the incidents of every result, in output order; failed articles give none."""
    for result in results:
        text = text_of(result) if text_of is not None else None
        if result.error is not None:
            continue
        for event in result.events:
            if event.modality.is_incident:
                yield event_row(result, event, text)
