"""The boundary: the typed decisions of assembly in, validated Pydantic records out.

Nothing is decided here: every value comes from ``pipeline.assemble``; this module gives records their
stable ids, turns text spans into Evidence checked against the article, and validates.
"""
from __future__ import annotations

import hashlib

from models import (
    Actor,
    ActorMention,
    AggregateClaim,
    Article,
    ArticleResult,
    Casualty,
    Event,
    EventTime,
    Evidence,
    Location,
    Mentions,
    Modality,
    Period,
    Place,
    PlaceMention,
    Target,
    Weapon,
)

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
    return f"{kind[:2]}-{digest}"


class _Records:
    """Builds one article's records; ``text`` is what evidence offsets are checked against."""

    def __init__(self, article: Article, text: str) -> None:
        self.article = article
        self.context = {"text": text}

    def evidence(self, span: TextSpan) -> Evidence:
        return Evidence.model_validate({"start": span.start, "end": span.end, "text": span.text,
                                        "sentence": span.sentence}, context=self.context)

    def place(self, place: ResolvedPlace) -> Place:
        return Place(text=place.span.text, name=place.name, country=place.country, admin1=place.admin1,
                     admin2=place.admin2, lat=place.lat, lon=place.lon, precision=place.precision,
                     evidence=self.evidence(place.span))

    def location(self, choice: PlaceChoice | None) -> Location | None:
        if choice is None:
            return None
        place = self.place(choice.place)
        return Location(**place.model_dump(exclude={"evidence"}), evidence=place.evidence,
                        mentioned=[self.place(p) for p in choice.mentioned])

    def time(self, time: TimeChoice) -> EventTime:
        return EventTime(text=time.span.text if time.span else None, start=time.start, end=time.end,
                         precision=time.precision, anchor=time.anchor, approximate=time.approximate,
                         evidence=self.evidence(time.span) if time.span else None)

    def event(self, event: AssembledEvent) -> Event:
        trigger = self.evidence(event.trigger)
        return Event(
            id=stable_id(self.article.id, "event", trigger.start, trigger.end),
            article_id=self.article.id,
            type=event.type,
            trigger=trigger,
            actors=[Actor(text=r.span.text, name=r.name, kind=r.kind, country=r.country, role=r.role,
                          attribution=r.attribution, evidence=self.evidence(r.span)) for r in event.roles],
            location=self.location(event.place),
            time=self.time(event.time),
            casualties=[Casualty(outcome=t.outcome, group=t.group, count=t.count, low=t.low, high=t.high,
                                 qualifier=t.qualifier, evidence=self.evidence(t.span)) for t in event.tolls],
            weapons=[Weapon(kind=w.kind, text=w.span.text, evidence=self.evidence(w.span)) for w in event.weapons],
            targets=[Target(kind=t.kind, text=t.span.text, evidence=self.evidence(t.span)) for t in event.targets],
            modality=Modality(polarity=event.modality.polarity, status=event.modality.status,
                              generic=event.modality.generic),
            confidence=event.confidence,
            rules=list(event.rules),
        )

    def aggregate(self, item: AssembledAggregate) -> AggregateClaim:
        evidence = self.evidence(item.span)
        period = item.period
        return AggregateClaim(
            id=stable_id(self.article.id, "aggregate", evidence.start, evidence.end),
            article_id=self.article.id,
            metric=item.metric,
            value=item.value,
            qualifier=item.qualifier,
            period=Period(text=period.span.text if period.span else None, start=period.start, end=period.end,
                          precision=period.precision),
            evidence=evidence,
        )


def _actor_mention(item: MentionCount) -> ActorMention:
    return ActorMention(name=item.name, kind=item.kind, country=item.country, texts=list(item.texts), count=item.count)


def _place_mention(item: MentionCount) -> PlaceMention:
    return PlaceMention(name=item.name, precision=item.kind, country=item.country, admin1=item.admin1,
                        admin2=item.admin2, lat=item.lat, lon=item.lon, texts=list(item.texts), count=item.count)


def build_result(article: Article, assembled: AssembledArticle, text: str, warnings: list[str]) -> ArticleResult:
    """The validated result of one article (``text`` is the text the Doc was made from)."""
    records = _Records(article, text)
    return ArticleResult(
        article_id=article.id,
        source=article.source,
        published=article.published,
        published_source=article.published_source,
        events=[records.event(e) for e in assembled.events],
        aggregates=[records.aggregate(a) for a in assembled.aggregates],
        mentions=Mentions(actors=[_actor_mention(a) for a in assembled.actors],
                          places=[_place_mention(p) for p in assembled.places]),
        warnings=warnings,
    )
