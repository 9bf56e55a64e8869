"""The boundary: the typed decisions of assembly in, validated Pydantic records out.

Nothing is decided here: every value comes from ``pipeline.assemble``; this module gives records their
stable ids, turns text spans into Evidence checked against the article, and validates the whole result
in one pass (the article text as validation context, so every evidence offset is checked).
"""
from __future__ import annotations

import hashlib
from typing import Any

from models import Article, ArticleResult

from .assemble.types import (
    AssembledAggregate,
    AssembledArticle,
    AssembledEvent,
    MentionCount,
    PlaceChoice,
    ResolvedPlace,
    TextSpan,
    TimeChoice,
)


def stable_id(article_id: str, kind: str, start: int, end: int) -> str:
    """Same input, same id: a hash of the article id and the evidence offsets."""
    digest = hashlib.sha1(f"{article_id}|{kind}|{start}|{end}".encode()).hexdigest()[:16]
    # "event2" (the second incident one trigger tells) keeps the "ev-" prefix of its kind.
    return f"{kind[:2]}-{digest}"


def _evidence(span: TextSpan) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": span.text, "sentence": span.sentence}


def _place(place: ResolvedPlace) -> dict[str, Any]:
    return {"text": place.span.text, "name": place.name, "country": place.country, "admin1": place.admin1,
            "admin2": place.admin2, "lat": place.lat, "lon": place.lon, "precision": place.precision,
            "geonames_id": place.geonames_id, "frame": place.frame, "evidence": _evidence(place.span)}


def _location(choice: PlaceChoice | None) -> dict[str, Any] | None:
    if choice is None:
        return None
    return {**_place(choice.place), "mentioned": [_place(p) for p in choice.mentioned]}


def _time(time: TimeChoice) -> dict[str, Any]:
    return {"text": time.span.text if time.span else None, "start": time.start, "end": time.end,
            "precision": time.precision, "anchor": time.anchor, "approximate": time.approximate,
            "evidence": _evidence(time.span) if time.span else None}


def _event(article_id: str, event: AssembledEvent) -> dict[str, Any]:
    trigger = event.trigger
    return {
        "id": stable_id(article_id, "event" if not event.part else f"event{event.part}", trigger.start, trigger.end),
        "article_id": article_id,
        "type": event.type,
        "trigger": _evidence(trigger),
        "actors": [{"text": r.span.text, "name": r.name, "kind": r.kind, "country": r.country, "role": r.role,
                    "attribution": r.attribution, "named": r.named, "casualty": r.casualty,
                    "evidence": _evidence(r.span)} for r in event.roles],
        "location": _location(event.place),
        "time": _time(event.time),
        "casualties": [{"outcome": t.outcome, "group": t.group, "count": t.count, "low": t.low, "high": t.high,
                        "qualifier": t.qualifier, "evidence": _evidence(t.span)} for t in event.tolls],
        "weapons": [{"kind": w.kind, "text": w.span.text, "evidence": _evidence(w.span)} for w in event.weapons],
        "targets": [{"kind": t.kind, "text": t.span.text, "evidence": _evidence(t.span)} for t in event.targets],
        "modality": {"polarity": event.modality.polarity, "status": event.modality.status,
                     "generic": event.modality.generic},
        "confidence": event.confidence,
        "rules": list(event.rules),
        "excerpt": _evidence(event.excerpt) if event.excerpt else None,
    }


def _aggregate(article_id: str, item: AssembledAggregate) -> dict[str, Any]:
    period = item.period
    return {
        "id": stable_id(article_id, "aggregate", item.span.start, item.span.end),
        "article_id": article_id,
        "metric": item.metric,
        "value": item.value,
        "qualifier": item.qualifier,
        "period": {"text": period.span.text if period.span else None, "start": period.start, "end": period.end,
                   "precision": period.precision},
        "evidence": _evidence(item.span),
    }


def _actor_mention(item: MentionCount) -> dict[str, Any]:
    return {"name": item.name, "kind": item.kind, "country": item.country, "texts": list(item.texts),
            "count": item.count}


def _place_mention(item: MentionCount) -> dict[str, Any]:
    return {"name": item.name, "precision": item.kind, "country": item.country, "admin1": item.admin1,
            "admin2": item.admin2, "lat": item.lat, "lon": item.lon, "texts": list(item.texts), "count": item.count}


def build_result(article: Article, assembled: AssembledArticle, text: str, warnings: list[str]) -> ArticleResult:
    """The validated result of one article (``text`` is the text the Doc was made from)."""
    return ArticleResult.model_validate({
        "article_id": article.id,
        "source": article.source,
        "published": article.published,
        "published_source": article.published_source,
        "events": [_event(article.id, e) for e in assembled.events],
        "aggregates": [_aggregate(article.id, a) for a in assembled.aggregates],
        "mentions": {"actors": [_actor_mention(a) for a in assembled.actors],
                     "places": [_place_mention(p) for p in assembled.places]},
        "warnings": warnings,
    }, context={"text": text})
