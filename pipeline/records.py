"""Normalization and the boundary: plain assembled data in, validated Pydantic records out."""
from __future__ import annotations

import datetime as dt
import hashlib
from functools import lru_cache
from collections import Counter, defaultdict

from spacy.tokens import Doc, Span

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

from .actors.registry import actor_registry
from .assemble import TOPIC_CUES
from .components import ACTORS, PLACES, SentenceIndex
from .dates.component import DatePatternRule
from .dates.resolve import resolve_date
from .places.gazetteer import Gazetteer, PlaceEntry

PRECISION_RANK = {"town": 0, "admin2": 1, "admin1": 2, "region": 3, "country": 4}
GEO_PRECISION = {"town": "town", "admin2": "admin2", "admin1": "admin1", "region": "region", "country": "country"}
LOCATIVE = {"in", "at", "near", "outside", "inside", "of", "from", "on", "across", "around", "into", "within"}


class RecordBuilder:
    """Builds one article's records; holds the per-article lookups (sentence index, anchor, country)."""

    def __init__(self, article: Article, doc: Doc, places: Gazetteer, date_rules: dict[str, DatePatternRule]) -> None:
        self.article = article
        self.doc = doc
        self.places = places
        self.date_rules = date_rules
        self.anchor = article.published_date
        self.sent_index = SentenceIndex(doc)
        self.context = {"text": doc.text}
        self.country = self._article_country()

    # --- evidence -------------------------------------------------------------------------------------
    def evidence(self, span: Span) -> Evidence:
        return Evidence.model_validate(
            {"start": span.start_char, "end": span.end_char, "text": span.text,
             "sentence": self.sent_index.get(span.start, 0)},
            context=self.context,
        )

    # --- places ---------------------------------------------------------------------------------------
    def _entry(self, span: Span) -> PlaceEntry | None:
        return self.places.entry(span.kb_id_)

    def _article_country(self) -> str | None:
        counts = Counter()
        for span in self.doc.spans.get(PLACES, []):
            entry = self._entry(span)
            if entry is not None and entry.country:
                counts[entry.country] += 2 if entry.kind != "country" else 1
        return counts.most_common(1)[0][0] if counts else None

    def place(self, span: Span, chain: list[Span] = ()) -> Place:
        """A place, with admin1/admin2 filled from the gazetteer or from the places listed after it."""
        entry = self._entry(span)
        precision = GEO_PRECISION.get(span.label_, "town")
        name = entry.name if entry else span.text
        country = entry.country if entry else None
        admin1 = entry.admin1 if entry else None
        admin2 = entry.admin2 if entry else None
        lat = entry.lat if entry else None
        lon = entry.lon if entry else None
        if entry is not None and entry.kind == "country":
            admin1 = admin2 = None
        # "Shin Kalay area, Sangin district, Helmand province": the later places frame the first.
        for other in chain:
            other_entry = self._entry(other)
            if other_entry is None:
                if other.label_ == "admin2" and admin2 is None and precision == "town":
                    admin2 = other.text
                continue
            if country is None:
                country = other_entry.country
            if other_entry.kind == "admin2" and admin2 is None and precision == "town":
                admin2 = other_entry.name
                admin1 = admin1 or other_entry.admin1
            elif other_entry.kind == "admin1" and admin1 is None:
                admin1 = other_entry.admin1 or other_entry.name
            if lat is None and other_entry.lat is not None and other_entry.kind in {"admin2", "town"}:
                pass  # coordinates of a containing district would overstate precision
        if entry is None and admin1 is None:
            # "Sra Ghar area, on the outskirts of Quetta": an unknown place takes the frame of the known
            # place nearest to it in its sentence, later ones first.
            frame = self._nearest_known(span)
            if frame is not None:
                country = country or frame.country
                admin1 = frame.admin1 or (frame.name if frame.kind == "admin1" else None)
                if frame.kind in {"admin2", "town"} and admin2 is None:
                    admin2 = frame.admin2
        if precision == "admin1":
            admin1 = admin1 or name
        if precision == "admin2":
            admin2 = admin2 or name
        if country is None and entry is None:
            country = self.country
        if admin1 and country:
            canonical = self.places.admin1_entry(country, admin1)
            admin1 = canonical.name if canonical else admin1
        return Place(text=span.text, name=name, country=country, admin1=admin1, admin2=admin2, lat=lat, lon=lon,
                     precision=precision, evidence=self.evidence(span))

    def _nearest_known(self, span: Span) -> PlaceEntry | None:
        candidates = []
        for other in self.doc.spans.get(PLACES, []):
            if other.sent.start != span.sent.start or other.start == span.start:
                continue
            entry = self._entry(other)
            if entry is None or entry.kind == "country":
                continue
            after = other.start > span.start
            candidates.append((0 if after else 1, abs(other.start - span.start), entry))
        return min(candidates, key=lambda c: (c[0], c[1]))[2] if candidates else None

    def location(self, event: dict) -> Location | None:
        """The incident's place: the chain of places nearest its trigger ("in Malgir, Nahri Saraj district,
        Helmand"), whose first member is the most specific and the rest frame it."""
        # "JALALABAD, Afghanistan, Dec 2 -": a dateline says where the story was filed.
        spans = sorted((s for s in event["places"] if not _dateline_place(s)), key=lambda s: s.start)
        if event["type"] in {"protest", "riot"}:
            # "protested in Multan against the attack in Shikarpur": the second place is what they protest.
            kept = [s for s in spans if not self._topical(event["trigger"], s)]
            spans = kept or spans
        if not spans:
            return self._dateline_location(event)
        trigger = event["trigger"]
        chains: list[list[Span]] = []
        for span in spans:
            if chains and self._continues_chain(chains[-1][-1], span):
                chains[-1].append(span)
            else:
                chains.append([span])
        def rank(chain: list[Span]) -> tuple:
            head = chain[0]
            same_sentence = head.sent.start == trigger.sent.start if self.sent_index else True
            locative = head.start > 0 and self.doc[head.start - 1].lower_ in LOCATIVE
            only_country = all(s.label_ == "country" for s in chain)
            distance = head.start - trigger.end if head.start >= trigger.end else 2 * (trigger.start - head.end) + 5
            return (0 if same_sentence else 1, 1 if only_country else 0, 0 if locative else 1, distance)
        chain = min(chains, key=rank)
        best = min(chain, key=lambda s: (PRECISION_RANK.get(s.label_, 5), s.start))
        frame = [s for s in chain if s.start > best.start]
        finer = self._finer_place(best, spans)
        if finer is not None:
            # "... in Chhattisgarh's Bijapur. The exchange of fire took place near Farsegarh": the story
            # narrows the scene later; the first place then frames the finer one.
            frame = [best, *frame]
            best = finer
        place = self.place(best, frame)
        mentioned = [self.place(s) for s in spans if s is not best]
        return Location(**place.model_dump(exclude={"evidence"}), evidence=place.evidence, mentioned=mentioned[:10])

    def _topical(self, trigger: Span, span: Span) -> bool:
        if self.sent_index(span.start) != self.sent_index(trigger.start) or span.start < trigger.end:
            return False
        return any(t.lower_ in TOPIC_CUES for t in self.doc[trigger.end : span.start])

    def _finer_place(self, best: Span, spans: list[Span]) -> Span | None:
        rank = PRECISION_RANK.get(best.label_, 5)
        if rank == 0:
            return None
        outer = self._entry(best)
        for span in spans:
            if PRECISION_RANK.get(span.label_, 5) >= rank or span.start < best.start:
                continue
            entry = self._entry(span)
            if entry is None:
                return span
            if outer is not None and outer.kind == "admin1" and entry.admin1 == outer.name:
                return span
            if outer is not None and outer.kind == "admin2" and entry.admin2 == outer.name:
                return span
        return None

    def _continues_chain(self, previous: Span, span: Span) -> bool:
        """"X, Y district, Z" or "X area of Y": places listed together describe one place."""
        gap = self.doc[previous.end : span.start]
        if len(gap) > 4:
            return False
        return all(t.text in {",", "(", ")", "'s", "’s"} or t.lower_ in {"in", "of", "district", "province", "area", "city",
                                                              "village", "town", "agency", "tehsil", "the", "region"}
                   for t in gap)

    def _dateline_location(self, event: dict) -> Location | None:
        spans = [s for s in self.doc.spans.get(PLACES, []) if s.start < 6 and s.label_ != "country"]
        if not spans:
            return None
        place = self.place(spans[0])
        return Location(**place.model_dump(exclude={"evidence"}), evidence=place.evidence)

    def place_mentions(self) -> list[PlaceMention]:
        merged: dict[tuple, dict] = {}
        for span in self.doc.spans.get(PLACES, []):
            place = self.place(span)
            key = (place.name, place.precision.value, place.country)
            item = merged.setdefault(key, {"name": place.name, "precision": place.precision, "country": place.country,
                                           "admin1": place.admin1, "admin2": place.admin2, "lat": place.lat,
                                           "lon": place.lon, "texts": [], "count": 0})
            item["count"] += 1
            if span.text not in item["texts"]:
                item["texts"].append(span.text)
        return [PlaceMention(**v) for v in merged.values()]

    # --- time -----------------------------------------------------------------------------------------
    def time(self, event: dict) -> EventTime:
        spans = event["dates"]
        if not spans:
            spans = self._dateline_dates()
        resolved = []
        trigger = event["trigger"]
        trigger_sentence = self.sent_index(trigger.start)
        for span in spans:
            rule = self.date_rules.get(span.kb_id_)
            if rule is None:
                continue
            value = resolve_date(span.text, rule.kind, rule.precision, self.anchor, rule.needs_anchor)
            order = {"day": 0, "week": 1, "month": 2, "year": 3}.get(rule.precision, 4)
            # The date told with the incident: in its trigger's sentence, the most precise, the nearest.
            # "... the Taliban said on Tuesday": when it was said is not when it happened.
            spoken = any(t.lower_ in SPEECH_DATES for t in self.doc[max(0, span.start - 2) : span.start])
            rank = (0 if value else 1, 1 if spoken else 0, 0 if self.sent_index(span.start) == trigger_sentence else 1,
                    order, abs(span.start - trigger.start))
            resolved.append((rank, span, value))
        if not resolved:
            return EventTime(anchor=self.anchor)
        resolved.sort(key=lambda r: r[0])
        _, span, value = resolved[0]
        if value is None:
            return EventTime(text=span.text, anchor=self.anchor, evidence=self.evidence(span))
        return EventTime(text=span.text, start=value.start, end=value.end, precision=value.precision,
                         anchor=self.anchor, approximate=value.approximate, evidence=self.evidence(span))

    def _dateline_dates(self) -> list[Span]:
        """A date at the very start of the article (a dateline, an "MM/DD/YYYY:" prefix) dates its incidents."""
        from .components import DATES

        return [d for d in self.doc.spans.get(DATES, []) if d.start < 8 and d.label_ == "absolute"]

    # --- casualties -----------------------------------------------------------------------------------
    def casualties(self, event: dict) -> list[Casualty]:
        links = event["casualty_links"]
        # ``part_of`` names the total by its id (its place among the document's links), not by its
        # place in this incident's list: an incident holds only some of the document's links.
        by_id = {l["id"]: l for l in links}
        totals_with_parts = {l["part_of"] for l in links if l["part_of"] in by_id}
        per_sentence: dict[tuple, dict[int, list[dict]]] = defaultdict(lambda: defaultdict(list))
        for link in links:
            if link["id"] in totals_with_parts:
                continue
            key = (link["outcome"], link["group"])
            per_sentence[key][self.sent_index.get(link["q"][0], 0)].append(link)
        # A total that lists its parts ("six people, including four assailants") keeps its remainder.
        for total_id in sorted(totals_with_parts):
            total = by_id[total_id]
            parts = [l for l in links if l["part_of"] == total_id]
            known = sum(l["count"] or 0 for l in parts)
            if total["count"] is not None and total["count"] > known:
                remainder = dict(total, count=total["count"] - known, low=None, high=None)
                per_sentence[(total["outcome"], total["group"])][self.sent_index.get(total["q"][0], 0)].append(remainder)
        result = []
        for (outcome, group), sentences in per_sentence.items():
            # Within a sentence the phrases add up; a later sentence restating a toll does not add to it.
            best = None
            for sentence, items in sorted(sentences.items()):
                summed = _sum_links(items)
                if best is None or _larger(summed, best):
                    best = summed
            evidence = self.evidence(self.doc[best["q"][0] : best["q"][1]])
            result.append(Casualty(outcome=outcome, group=group, count=best["count"], low=best["low"],
                                   high=best["high"], qualifier=best["qualifier"], evidence=evidence))
        attackers = event.get("suicide_attackers")
        if attackers:
            result.append(Casualty(outcome="killed", group="militants", count=attackers["count"], qualifier="exact",
                                   evidence=self.evidence(attackers["span"])))
        return result

    # --- actors ---------------------------------------------------------------------------------------
    def actor(self, item: dict, country: str | None) -> Actor | None:
        span = item["span"]
        entry = actor_registry().get(span.kb_id_)
        if entry is None:
            return None
        return Actor(text=span.text, name=entry.name, kind=entry.kind,
                     country=entry.country or (country if entry.generic else None), role=item["role"],
                     attribution=item["attribution"], evidence=self.evidence(span))

    def actor_mentions(self) -> list[ActorMention]:
        merged: dict[str, dict] = {}
        for span in self.doc.spans.get(ACTORS, []):
            entry = actor_registry().get(span.kb_id_)
            if entry is None:
                continue
            item = merged.setdefault(entry.id, {"name": entry.name, "kind": entry.kind,
                                                "country": entry.country or (self.country if entry.generic else None),
                                                "texts": [], "count": 0})
            item["count"] += 1
            if span.text not in item["texts"]:
                item["texts"].append(span.text)
        return [ActorMention(**v) for v in merged.values()]

    # --- records --------------------------------------------------------------------------------------
    def event(self, event: dict) -> Event:
        location = self.location(event)
        country = (location.country if location else None) or self.country
        actors, seen = [], set()
        for item in event["actors"]:
            actor = self.actor(item, country)
            if actor is None or (actor.name, actor.role) in seen:
                continue
            seen.add((actor.name, actor.role))
            actors.append(actor)
        casualties = self.casualties(event)
        for casualty in casualties:
            # Who suffered the casualties is a victim, named by the generic actor of its group.
            name = VICTIM_ACTORS.get(casualty.group.value)
            if name is None or casualty.outcome.value not in {"killed", "injured", "kidnapped"} or (name, "victim") in seen:
                continue
            entry = _generic_actor(name)
            if entry is None or casualty.evidence is None:
                continue
            seen.add((name, "victim"))
            actors.append(Actor(text=casualty.evidence.text, name=entry.name, kind=entry.kind, country=country,
                                role="victim", attribution="stated", evidence=casualty.evidence))
        weapons, seen_w = [], set()
        for span in event["weapons"]:
            if span.label_ not in seen_w:
                seen_w.add(span.label_)
                weapons.append(Weapon(kind=span.label_, text=span.text, evidence=self.evidence(span)))
        for kind in event["implied_weapons"]:
            if kind not in seen_w:
                seen_w.add(kind)
                weapons.append(Weapon(kind=kind, text=event["trigger"].text, evidence=self.evidence(event["trigger"])))
        targets = []
        for span in event["targets"]:
            if span.label_ not in {t.kind.value for t in targets}:
                targets.append(Target(kind=span.label_, text=span.text, evidence=self.evidence(span)))
        trigger = self.evidence(event["trigger"])
        modality = Modality(**event["modality"])
        return Event(
            id=stable_id(self.article.id, "event", trigger.start, trigger.end),
            article_id=self.article.id,
            type=event["type"],
            trigger=trigger,
            actors=actors,
            location=location,
            time=self.time(event),
            casualties=casualties,
            weapons=weapons,
            targets=targets,
            modality=modality,
            confidence=_confidence(event, location),
            rules=sorted({t.kb_id_ for t in event["triggers"] if t.kb_id_}),
        )

    def aggregate(self, item: dict) -> AggregateClaim:
        span = item["span"]
        period_span = item["period"]
        rule = self.date_rules.get(period_span.kb_id_) if period_span is not None else None
        value = resolve_date(period_span.text, rule.kind, rule.precision, self.anchor, rule.needs_anchor) if rule else None
        period = Period(text=period_span.text if period_span is not None else None,
                        start=value.start if value else None, end=value.end if value else None,
                        precision=value.precision if value else "unknown")
        evidence = self.evidence(span)
        return AggregateClaim(
            id=stable_id(self.article.id, "aggregate", evidence.start, evidence.end),
            article_id=self.article.id,
            metric=item["metric"],
            value=item["value"],
            qualifier=item["qualifier"],
            period=period,
            evidence=evidence,
        )


SPEECH_DATES = {"said", "says", "told", "announced", "stated", "confirmed", "reported", "added", "claimed"}


def _dateline_place(span: Span) -> bool:
    return span.text.isupper() and len(span.text) > 3 and span.start == span.sent.start


VICTIM_ACTORS = {"civilians": "Civilians", "police": "Police", "security_forces": "Security forces"}


@lru_cache(maxsize=None)
def _generic_actor(name: str):
    return next((e for e in actor_registry().values() if e.name == name and e.generic), None)


def _sum_links(items: list[dict]) -> dict:
    first = dict(items[0])
    if len(items) == 1:
        return first
    counts = [i["count"] for i in items]
    first["count"] = sum(counts) if all(c is not None for c in counts) else None
    first["low"] = sum(i["low"] or i["count"] or 0 for i in items) if first["count"] is None else None
    first["high"] = None
    first["qualifier"] = "exact" if all(i["qualifier"] == "exact" for i in items) else items[0]["qualifier"]
    if first["count"] is None and first["qualifier"] == "exact":
        first["qualifier"] = "vague"
    return first


def _larger(a: dict, b: dict) -> bool:
    return (a["count"] or a["low"] or 0) > (b["count"] or b["low"] or 0)


def _confidence(event: dict, location: Location | None) -> float:
    score = 0.4
    if event["casualty_links"]:
        score += 0.2
    if location is not None:
        score += 0.15
    if event["dates"]:
        score += 0.1
    if event["actors"]:
        score += 0.1
    return round(min(score, 0.95), 2)


def stable_id(article_id: str, kind: str, start: int, end: int) -> str:
    """Same input, same id: a hash of the article id and the evidence offsets."""
    digest = hashlib.sha1(f"{article_id}|{kind}|{start}|{end}".encode()).hexdigest()[:16]
    return f"{kind[:2]}-{digest}"


def build_result(article: Article, doc: Doc, events: list[dict], aggregates: list[dict], places: Gazetteer,
                 date_rules: dict[str, DatePatternRule], warnings: list[str]) -> ArticleResult:
    builder = RecordBuilder(article, doc, places, date_rules)
    return ArticleResult(
        article_id=article.id,
        source=article.source,
        published=article.published,
        published_source=article.published_source,
        events=[builder.event(e) for e in events],
        aggregates=[builder.aggregate(a) for a in aggregates],
        mentions=Mentions(actors=builder.actor_mentions(), places=builder.place_mentions()),
        warnings=warnings,
    )
