"""The event's time: the date told with the incident, resolved against the publication date.

The date in the trigger's sentence, the most precise, the nearest wins; a date something was said on
("the Taliban said on Tuesday") is not when it happened; with no date of its own, a dateline dates the
incident. Without a publication date, relative dates stay unresolved (never guessed from today).
"""
from __future__ import annotations

import datetime as dt

from spacy.tokens import Span

from ..dates.resolve import resolve_date
from .types import TimeChoice
from .view import DocView
from .words import WORDS

PRECISION_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3}
DATELINE_TOKENS = 8
"""A date this close to the start of the article is its dateline (or an "MM/DD/YYYY:" prefix)."""
DATELINE_DASHES = {"-", "--", "\u2013", "\u2014"}


def resolve(view: DocView, span: Span | None, anchor: dt.date | None) -> TimeChoice:
    """One date expression as a time, resolved if it can be."""
    if span is None:
        return TimeChoice(anchor=anchor)
    rule = view.rules.dates.get(span.kb_id_)
    value = resolve_date(view.span_text(span), rule.kind, rule.precision, anchor, rule.needs_anchor) if rule else None
    if value is None:
        return TimeChoice(anchor=anchor, span=view.text_span(span))
    if rule is not None and rule.kind in {"year", "month"} and view.lower[span.start] == "since":
        # "since 2009": from then up to the publication date (unresolved without one).
        if anchor is None:
            return TimeChoice(anchor=anchor, span=view.text_span(span))
        return TimeChoice(anchor=anchor, span=view.text_span(span), start=value.start, end=anchor,
                          precision=value.precision, approximate=True)
    return TimeChoice(anchor=anchor, span=view.text_span(span), start=value.start, end=value.end,
                      precision=value.precision, approximate=value.approximate)


def event_time(view: DocView, dates: tuple[Span, ...], trigger: Span, anchor: dt.date | None) -> TimeChoice:
    spans = list(dates) or _dateline_dates(view)
    trigger_sentence = view.sentence_of(trigger.start)
    ranked = []
    for span in spans:
        rule = view.rules.dates.get(span.kb_id_)
        if rule is None:
            continue
        value = resolve_date(view.span_text(span), rule.kind, rule.precision, anchor, rule.needs_anchor)
        spoken = any(t.lower_ in WORDS.speech_dates for t in view.doc[max(0, span.start - 2) : span.start])
        rank = (0 if value else 1, 1 if spoken else 0, 1 if _is_dateline(view, span) and len(spans) > 1 else 0,
                0 if view.sentence_of(span.start) == trigger_sentence else 1,
                PRECISION_ORDER.get(rule.precision, 4), abs(span.start - trigger.start))
        ranked.append((rank, span))
    if not ranked:
        return TimeChoice(anchor=anchor)
    ranked.sort(key=lambda r: r[0])
    return resolve(view, ranked[0][1], anchor)


def beside_previous(view: DocView, trigger: Span, own: TimeChoice, previous: TimeChoice | None) -> TimeChoice:
    """"Hours earlier, gunmen shot dead ...", "Later that night": an undated incident told by the time of the
    one before it takes that one's date."""
    if own.start is not None or previous is None or previous.start is None:
        return own
    start, end = view.bounds[view.sentence_of(trigger.start)]
    opening = view.lower[start : min(end, start + 3)]
    cue = WORDS.time_beside_previous
    relative = len(opening) >= 2 and all(w in cue for w in opening[:2]) and (
        {"earlier", "later", "same"} & set(opening[:3]))
    return previous if relative else own


def _is_dateline(view: DocView, span: Span) -> bool:
    """"BANGKOK, April 25 - A roadside bomb ... on Thursday": the date the story was filed, not of the act."""
    start = view.sentence_start(span.start)
    doc = view.doc
    return span.start - start < DATELINE_TOKENS and span.end < len(doc) and doc[span.end].text in DATELINE_DASHES


def _dateline_dates(view: DocView) -> list[Span]:
    return [d for d in view.dates if d.start < DATELINE_TOKENS and d.label_ == "absolute"]
