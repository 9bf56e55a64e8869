"""The flat events table: one row per incident, ACLED-style columns.

Only incidents go in (``event.modality.is_incident``): negated, planned, threatened, hypothetical and
generic mentions stay in the JSONL only. ``event_type``/``sub_event_type`` are ACLED's, derived by the
codebook's rules (``pipeline.codebooks.acled_type``, as in ``--acled``), ``newsevents_type`` is ours.
``actor1`` lists the perpetrators, ``actor2`` the targets and victims (names joined with "; ").
``fatalities`` is the sum of the killed counts and ``injured`` of the injured counts; both are empty when
the article gives no number (ACLED would write 0: we do not turn "unknown" into "none"; ``--acled`` does,
as ACLED's own table). ``notes`` is the event's excerpt (the sentence of its trigger), else the trigger
text; ``evidence`` is the trigger text itself.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from models import TAXONOMY_MAP, ArticleResult, Event, Outcome, Role

from ..codebooks.acled import acled_type

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


def _names(event: Event, *roles: Role) -> str | None:
    names: list[str] = []
    for actor in event.actors:
        if actor.role in roles and actor.name not in names:
            names.append(actor.name)
    return "; ".join(names) or None


def event_row(result: ArticleResult, event: Event) -> dict:
    external = TAXONOMY_MAP[event.type]
    acled = acled_type(event)
    place = event.location
    trigger = event.trigger
    notes = " ".join(event.excerpt.text.split()) if event.excerpt is not None else trigger.text
    return {
        "event_id": event.id,
        "article_id": event.article_id,
        "event_date": event.time.start,
        "event_date_end": event.time.end,
        "time_precision": event.time.precision.value,
        "event_type": acled.event_type,
        "sub_event_type": acled.sub_event_type,
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


def event_rows(results: Iterable[ArticleResult]) -> Iterator[dict]:
    """Rows for the incidents of every result, in output order; failed articles give none."""
    for result in results:
        if result.error is not None:
            continue
        for event in result.events:
            if event.modality.is_incident:
                yield event_row(result, event)
