"""Scoring predicted events against gold events, per article, per field, with an error list.

What is scored
--------------
Only **incidents** by default: events whose ``modality.is_incident`` holds (polarity asserted,
status occurred or attempted, not generic), on both sides, are aligned and scored; threats,
plans, denials, hypotheticals and generic statements are dropped from both sides first. With
``all_modalities=True`` every event is aligned and the ``modality`` field measures whether
polarity, status and generic agree.

Alignment
---------
Within each article, predicted and gold events are paired one-to-one, greedily: all pairs are
ranked by similarity (ties: gold order, then prediction order) and taken while both are free and
the similarity is at least ``min_similarity`` (default 0.4), so unrelated events stay unmatched.
The similarity is a weighted sum (weights sum to 1):

* type 0.35: 1 for the same type, 0.5 for the same family (``models.taxonomy.EVENT_FAMILY``), else 0;
* evidence 0.30: 1 when the predicted trigger overlaps the gold trigger, 0.5 when it overlaps
  another gold evidence span of the event or lies in the gold trigger's sentence, else 0;
* date 0.175: 1 for the same start day, 0.5 for overlapping ranges, else 0;
* place 0.175: 1 for the same town (location.name at town/point precision) or admin2, 0.5 for
  the same admin1 only, else 0.

A component that one side does not know (no date, no location) scores 0.5: it neither supports
nor contradicts the pairing. Gold events from records without character evidence (the shared
data adapter) carry a trigger spanning the whole record text, so any predicted trigger in the
record overlaps it and alignment rests on type, date and place.

Counts
------
``event``: tp = aligned pairs, fp = unaligned predictions, fn = unaligned gold events.

Fields are scored **on aligned pairs only** (detection errors are counted once, in ``event``),
as in slot filling. For a single-valued field with gold value g and predicted value p:
both present and equal: tp; both present and different: fp and fn (one wrong value is a false
prediction and a miss); only g: fn; only p: fp; neither: nothing. Fields:

* ``type``: the event type; ``type_family``: its family;
* ``perpetrator``, ``target``, ``victim``: sets of canonical actor names per role, compared
  case-insensitively, name by name: tp = |G ∩ P|, fp = |P - G|, fn = |G - P|;
* ``admin1``, ``admin2``: normalized names (case, accents, punctuation and words such as
  "district"/"province" ignored); ``town``: the normalized ``location.name`` when the location's
  precision is town or point (else no value);
* ``date``: when gold precision is day, the predicted start day must lie in the gold range
  (equality for a single day); for coarser gold precision the two ranges must overlap;
* ``<outcome>.<group>`` (e.g. ``killed.militants``), one field per casualty outcome and group
  found on either side of the pair: entries of the same key are summed. The gold value is an
  interval: [low or count, high or count], open above when a low bound is given without a high
  one (``at_least``, ``more_than``, vague "several"); the predicted value is its count (else low,
  else high); correct when it lies in the gold interval. Entries with no number at all are no
  value. With ``by_group=False`` the keys are outcomes only (``killed``: all groups summed).
  ``casualties`` sums all casualty keys;
* ``modality`` (only with ``all_modalities``): (polarity, status, generic) equality.

With ``partial_gold=True`` (third-party records that code only some fields) a field that the
gold leaves empty is not scored at all, rather than counting predictions as false positives, and
aggregates are scored only in articles whose gold has some.

The report lists only fields with at least one count (``event`` always), so a field the gold never
codes does not show a vacuous score.

``aggregate``: within an article, predicted and gold AggregateClaims are paired one-to-one when
the metric is the same and the value agrees (equality, or at least the gold value when the gold
qualifier is ``at_least``/``more_than``); tp = pairs, fp/fn = the unpaired.

Precision = tp / (tp + fp), recall = tp / (tp + fn), F1 their harmonic mean. Conventions when a
denominator is zero: precision is 0 when there are no predictions but something to find (fn > 0)
and 1 when there is nothing at all (tp = fp = fn = 0); likewise recall is 0 when there is nothing
in gold but there are predictions, 1 when both are empty. So empty predictions against a
non-empty gold give precision 0, recall 0, F1 0.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from models import AggregateClaim, Event, Evidence

from .alignment import MIN_SIMILARITY, align, family, place_keys
from .fields import (
    ARGUMENT_FIELDS,
    OPEN_ABOVE,
    arguments,
    casualty_values,
    date_ok,
    gold_interval,
    match_arguments,
    predicted_count,
    show_date,
    show_interval,
)

BASE_FIELDS = ("event", "type", "type_family", *ARGUMENT_FIELDS, "admin1", "admin2", "town",
               "date", "casualties", "aggregate")


# -- counts ------------------------------------------------------------------------------------


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        if self.tp + self.fp == 0:
            return 1.0 if self.fn == 0 else 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        if self.tp + self.fn == 0:
            return 1.0 if self.fp == 0 else 0.0
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    @property
    def total(self) -> int:
        return self.tp + self.fp + self.fn

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Report:
    documents: int = 0
    gold_events: int = 0
    predicted_events: int = 0
    fields: dict[str, Counts] = field(default_factory=lambda: {name: Counts() for name in BASE_FIELDS})
    errors: list[dict] = field(default_factory=list)
    unknown_articles: list[str] = field(default_factory=list)
    unpredicted_articles: list[str] = field(default_factory=list)
    prediction_errors: list[str] = field(default_factory=list)
    alignments: dict[str, list[tuple[str, str, float]]] = field(default_factory=dict)
    """article id -> (gold id, predicted id, similarity) of each aligned pair."""

    def count(self, name: str) -> Counts:
        return self.fields.setdefault(name, Counts())

    def field_order(self) -> list[str]:
        extra = sorted(n for n in self.fields if n not in BASE_FIELDS)
        casualty = sorted((n for n in extra if n.split(".")[0] in _OUTCOMES),
                          key=lambda n: (_OUTCOMES.index(n.split(".")[0]), n))
        others = [n for n in extra if n not in casualty]
        order = [n for n in BASE_FIELDS if n != "aggregate"] + others + casualty + ["aggregate"]
        # a field nothing was counted for (e.g. actors on records that do not code them) is left out
        return [n for n in order if n in self.fields and (n == "event" or self.fields[n].total)]

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            "gold_events": self.gold_events,
            "predicted_events": self.predicted_events,
            "fields": {name: self.fields[name].as_dict() for name in self.field_order()},
            "errors": self.errors,
            "unknown_articles": self.unknown_articles,
            "unpredicted_articles": self.unpredicted_articles,
            "prediction_errors": self.prediction_errors,
        }


_OUTCOMES = ("killed", "injured", "kidnapped", "arrested", "missing")


# -- scoring -----------------------------------------------------------------------------------


@dataclass
class _Pair:
    article_id: str
    pred: Event
    gold: Event
    text: str | None


def _context(text: str | None, ev: Evidence | None, width: int = 90) -> str | None:
    if text is None or ev is None or ev.end > len(text):
        return ev.text if ev is not None else None
    start, end = max(0, ev.start - width), min(len(text), ev.end + width)
    snippet = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + snippet + ("…" if end < len(text) else "")


class Scorer:
    """Accumulates one report over many articles; ``score`` is the usual entry point."""

    def __init__(self, *, all_modalities: bool = False, by_group: bool = True, partial_gold: bool = False,
                 min_similarity: float = MIN_SIMILARITY) -> None:
        self.all_modalities = all_modalities
        self.by_group = by_group
        self.partial_gold = partial_gold
        self.min_similarity = min_similarity
        self.report = Report()
        if all_modalities:
            self.report.count("modality")

    def _keep(self, events: Iterable[Event]) -> list[Event]:
        return [e for e in events if self.all_modalities or e.modality.is_incident]

    def add_article(self, article_id: str, gold_events: Sequence[Event], pred_events: Sequence[Event], *,
                    gold_aggregates: Sequence[AggregateClaim] = (), pred_aggregates: Sequence[AggregateClaim] = (),
                    text: str | None = None) -> None:
        report = self.report
        golds, preds = self._keep(gold_events), self._keep(pred_events)
        report.documents += 1
        report.gold_events += len(golds)
        report.predicted_events += len(preds)
        pairs = align(preds, golds, min_similarity=self.min_similarity)
        report.alignments[article_id] = [(golds[g].id, preds[p].id, s) for p, g, s in pairs]
        event = report.count("event")
        event.tp += len(pairs)
        matched_p = {p for p, _, _ in pairs}
        matched_g = {g for _, g, _ in pairs}
        for gi, gold in enumerate(golds):
            if gi not in matched_g:
                event.fn += 1
                report.errors.append(self._error(article_id, "missed_event", "event", gold=gold, text=text,
                                                 gold_value=gold.type.value))
        for pi, pred in enumerate(preds):
            if pi not in matched_p:
                event.fp += 1
                report.errors.append(self._error(article_id, "spurious_event", "event", pred=pred, text=text,
                                                 pred_value=pred.type.value))
        for pi, gi, _ in pairs:
            self._score_fields(_Pair(article_id, preds[pi], golds[gi], text))
        if gold_aggregates or not self.partial_gold:
            self._score_aggregates(article_id, list(gold_aggregates), list(pred_aggregates), text)

    # one slot
    def _slot(self, pair: _Pair, name: str, gold_value, pred_value, *, correct: bool | None = None,
              gold_ev: Evidence | None = None, pred_ev: Evidence | None = None) -> Counts:
        """Count one slot of an aligned pair; returns what was added."""
        delta = Counts()
        if (gold_value is None and pred_value is None) or (gold_value is None and self.partial_gold):
            return delta
        if gold_value is not None and pred_value is not None:
            if correct if correct is not None else gold_value == pred_value:
                delta.tp = 1
                self.report.count(name).add(delta)
                return delta
            delta.fp = delta.fn = 1
            kind = "wrong_value"
        elif gold_value is not None:
            delta.fn = 1
            kind = "missed_value"
        else:
            delta.fp = 1
            kind = "spurious_value"
        self.report.count(name).add(delta)
        self.report.errors.append(self._error(pair.article_id, kind, name, gold=pair.gold, pred=pair.pred,
                                              text=pair.text, gold_value=gold_value, pred_value=pred_value,
                                              gold_ev=gold_ev, pred_ev=pred_ev))
        return delta

    def _score_fields(self, pair: _Pair) -> None:
        gold, pred = pair.gold, pair.pred
        self._slot(pair, "type", gold.type.value, pred.type.value)
        self._slot(pair, "type_family", family(gold.type), family(pred.type))
        if self.all_modalities:
            g = (gold.modality.polarity.value, gold.modality.status.value, gold.modality.generic)
            p = (pred.modality.polarity.value, pred.modality.status.value, pred.modality.generic)
            self._slot(pair, "modality", "/".join(map(str, g)), "/".join(map(str, p)))

        for name in ARGUMENT_FIELDS:
            g_args, p_args = arguments(gold, name), arguments(pred, name)
            if self.partial_gold and not g_args:
                continue
            counts = self.report.count(name)
            pairs, missed, extra = match_arguments(g_args, p_args)
            counts.tp += pairs
            counts.fn += len(missed)
            counts.fp += len(extra)
            if missed or extra:
                kind = "wrong_value" if missed and extra else ("missed_value" if missed else "spurious_value")
                self.report.errors.append(self._error(pair.article_id, kind, name, gold=gold, pred=pred,
                                                      text=pair.text, gold_value=missed or None,
                                                      pred_value=extra or None))

        g_town, g_admin2, g_admin1 = place_keys(gold)
        p_town, p_admin2, p_admin1 = place_keys(pred)
        g_loc, p_loc = gold.location, pred.location
        g_ev = g_loc.evidence if g_loc else None
        p_ev = p_loc.evidence if p_loc else None
        for name, g_key, p_key, attr in (("admin1", g_admin1, p_admin1, "admin1"), ("admin2", g_admin2, p_admin2, "admin2"),
                                         ("town", g_town, p_town, "name")):
            self._slot(pair, name, getattr(g_loc, attr) if g_key and g_loc else None,
                       getattr(p_loc, attr) if p_key and p_loc else None, correct=g_key == p_key,
                       gold_ev=g_ev, pred_ev=p_ev)

        g_date, p_date = show_date(gold), show_date(pred)
        self._slot(pair, "date", g_date, p_date, correct=g_date is not None and p_date is not None and date_ok(pred, gold),
                   gold_ev=gold.time.evidence, pred_ev=pred.time.evidence)

        g_cas = casualty_values(gold, by_group=self.by_group)
        p_cas = casualty_values(pred, by_group=self.by_group)
        total = self.report.count("casualties")
        for key in sorted(g_cas.keys() | p_cas.keys()):
            interval = gold_interval(g_cas.get(key, []))
            count = predicted_count(p_cas.get(key, []))
            total.add(self._slot(pair, key, show_interval(interval), count,
                       correct=interval is not None and count is not None and interval[0] <= count <= interval[1],
                       gold_ev=next((c.evidence for c in g_cas.get(key, []) if c.evidence), None),
                       pred_ev=next((c.evidence for c in p_cas.get(key, []) if c.evidence), None)))

    def _score_aggregates(self, article_id: str, golds: list[AggregateClaim], preds: list[AggregateClaim],
                          text: str | None) -> None:
        counts = self.report.count("aggregate")
        used: set[int] = set()
        for gold in golds:
            match = next((i for i, pred in enumerate(preds)
                          if i not in used and pred.metric == gold.metric and _aggregate_value_ok(pred, gold)), None)
            if match is None:
                counts.fn += 1
                self.report.errors.append({
                    "article_id": article_id, "kind": "missed_aggregate", "field": "aggregate",
                    "gold_id": gold.id, "predicted_id": None,
                    "gold": f"{gold.metric.value}={_num(gold.value)}", "predicted": None,
                    "gold_evidence": gold.evidence.text, "predicted_evidence": None,
                    "context": _context(text, gold.evidence)})
            else:
                used.add(match)
                counts.tp += 1
        for i, pred in enumerate(preds):
            if i not in used:
                counts.fp += 1
                self.report.errors.append({
                    "article_id": article_id, "kind": "spurious_aggregate", "field": "aggregate",
                    "gold_id": None, "predicted_id": pred.id,
                    "gold": None, "predicted": f"{pred.metric.value}={_num(pred.value)}",
                    "gold_evidence": None, "predicted_evidence": pred.evidence.text,
                    "context": _context(text, pred.evidence)})

    def _error(self, article_id: str, kind: str, name: str, *, gold: Event | None = None, pred: Event | None = None,
               text: str | None = None, gold_value=None, pred_value=None, gold_ev: Evidence | None = None,
               pred_ev: Evidence | None = None) -> dict:
        g_ev = gold_ev or (gold.trigger if gold is not None else None)
        p_ev = pred_ev or (pred.trigger if pred is not None else None)
        anchor = gold.trigger if gold is not None else pred.trigger if pred is not None else None
        return {
            "article_id": article_id, "kind": kind, "field": name,
            "gold_id": gold.id if gold is not None else None,
            "predicted_id": pred.id if pred is not None else None,
            "gold": gold_value, "predicted": pred_value,
            "gold_evidence": g_ev.text if g_ev is not None else None,
            "predicted_evidence": p_ev.text if p_ev is not None else None,
            "context": _context(text, anchor),
        }


def _num(value: float):
    return int(value) if float(value).is_integer() else value


def _aggregate_value_ok(pred: AggregateClaim, gold: AggregateClaim) -> bool:
    if gold.qualifier in OPEN_ABOVE:
        return pred.value >= gold.value
    return pred.value == gold.value


def score(gold: Mapping[str, Sequence[Event]], predicted: Mapping[str, Sequence[Event]], *,
          gold_aggregates: Mapping[str, Sequence[AggregateClaim]] | None = None,
          predicted_aggregates: Mapping[str, Sequence[AggregateClaim]] | None = None,
          texts: Mapping[str, str] | None = None, all_modalities: bool = False, by_group: bool = True,
          partial_gold: bool = False, min_similarity: float = MIN_SIMILARITY) -> Report:
    """Score predictions against gold, both keyed by article id.

    Articles in ``gold`` but not in ``predicted`` count as predicted empty (and are listed in
    ``unpredicted_articles``); articles only in ``predicted`` are not scored and are listed in
    ``unknown_articles``.
    """
    scorer = Scorer(all_modalities=all_modalities, by_group=by_group, partial_gold=partial_gold,
                    min_similarity=min_similarity)
    gold_aggregates = gold_aggregates or {}
    predicted_aggregates = predicted_aggregates or {}
    texts = texts or {}
    for article_id in gold:
        if article_id not in predicted and article_id not in predicted_aggregates:
            scorer.report.unpredicted_articles.append(article_id)
        scorer.add_article(article_id, gold[article_id], predicted.get(article_id, ()),
                           gold_aggregates=gold_aggregates.get(article_id, ()),
                           pred_aggregates=predicted_aggregates.get(article_id, ()), text=texts.get(article_id))
    scorer.report.unknown_articles = sorted((set(predicted) | set(predicted_aggregates)) - set(gold))
    return scorer.report
