"""A self-contained HTML error report: each article as written, with gold and predicted spans marked.

The article text is rendered with its own whitespace (``white-space: pre-wrap``) and nothing inserted
into it: labels are drawn by CSS from attributes, so a phrase copied from the page is the article's own
text, ready for ``newsevents gold span``. Overlapping spans are split at every boundary and stacked as
underlines, so none hides another; each label sits inline where its span starts, so labels never overlap.
A table of contents links every article with its error count. No network: no external CSS, fonts or
scripts; every text, label and value goes through ``html.escape``.
"""
from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise
from typing import Iterable, Mapping, Sequence

from models import AggregateClaim, ArticleResult, Event, Evidence

from .gold import GoldArticle
from .report import match_ids
from .scorer import Report


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str
    """A key of ``KINDS``: the colour and line the mark is drawn with."""
    label: str


KINDS = {
    "gold-trigger": ("#2f9e44", "gold event"),
    "pred-trigger": ("#1c7ed6", "predicted event"),
    "actor": ("#9c36b5", "actor (predicted)"),
    "place": ("#e8590c", "place (predicted)"),
    "casualty": ("#e03131", "casualties (predicted)"),
    "aggregate": ("#f08c00", "aggregate"),
}

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em; color: #222; max-width: 70em; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: left; vertical-align: top; }
td.num { text-align: right; }
section.article { border-top: 2px solid #888; margin-top: 2em; padding-top: 0.5em; }
nav ol { columns: 2; font-size: 0.9em; }
.text { white-space: pre-wrap; line-height: 2.6; font-size: 1em; }
.m { border-bottom: 2px solid var(--c); padding-bottom: var(--pad); }
.m.gold-trigger { background: #d3f9d8; }
.tag { user-select: none; font-size: 0.62em; color: #fff; background: var(--c); border-radius: 3px;
       padding: 0 3px; margin: 0 2px; vertical-align: super; white-space: nowrap; }
.tag::before { content: attr(data-label); }
.legend span { display: inline-block; margin-right: 1.2em; border-bottom: 3px solid var(--c); }
"""


def _evidence_marks(items: Iterable[tuple[Evidence | None, str, str]]) -> list[Mark]:
    return [Mark(ev.start, ev.end, kind, label) for ev, kind, label in items if ev is not None]


def _event_marks(event: Event, side: str) -> list[Mark]:
    """The trigger of an event; for predictions also its actors, place and casualties."""
    label = f"GOLD {event.id} {event.type.value}" if side == "gold" else f"PRED {event.type.value}"
    marks = _evidence_marks([(event.trigger, f"{side}-trigger", label)])
    if side == "pred":
        marks += _evidence_marks([(a.evidence, "actor", f"{a.role.value} {a.name}") for a in event.actors])
        if event.location is not None:
            marks += _evidence_marks([(event.location.evidence, "place", f"place {event.location.name}")])
        marks += _evidence_marks([(c.evidence, "casualty",
                                   f"{c.outcome.value} {c.group.value} {c.count if c.count is not None else '?'}")
                                  for c in event.casualties])
    return marks


def _aggregate_marks(claims: Iterable[AggregateClaim], side: str) -> list[Mark]:
    return [Mark(a.evidence.start, a.evidence.end, "aggregate", f"{side.upper()} {a.metric.value} {a.value:g}")
            for a in claims]


def render_text(text: str, marks: Sequence[Mark]) -> str:
    """The text, escaped, with every mark drawn: split at all boundaries, stacked, labelled where it starts."""
    marks = sorted({m for m in marks if 0 <= m.start < m.end <= len(text)},
                   key=lambda m: (m.start, -(m.end - m.start), m.kind, m.label))
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    starting: dict[int, list[Mark]] = defaultdict(list)
    for mark in marks:
        starting[mark.start].append(mark)
    out = []
    for left, right in pairwise(cuts):
        for mark in starting.get(left, []):
            out.append(f'<span class="tag" style="--c:{KINDS[mark.kind][0]}" '
                       f'data-label="{html.escape(mark.label, quote=True)}"></span>')
        segment = html.escape(text[left:right])
        active = [m for m in marks if m.start <= left and right <= m.end]
        # The shortest mark innermost, the longest outermost with its underline lowest: all stay visible.
        for depth, mark in enumerate(sorted(active, key=lambda m: (m.end - m.start, m.kind))):
            segment = (f'<span class="m {mark.kind}" style="--c:{KINDS[mark.kind][0]};--pad:{3 * depth}px">'
                       f"{segment}</span>")
        out.append(segment)
    return "".join(out)


def _article_section(item: GoldArticle, result: ArticleResult | None, errors: list[dict], *,
                     all_modalities: bool) -> str:
    def keep(event: Event) -> bool:
        return all_modalities or event.modality.is_incident

    marks = [m for e in item.gold.events if keep(e) for m in _event_marks(e, "gold")]
    marks += _aggregate_marks(item.gold.aggregates, "gold")
    if result is not None:
        marks += [m for e in result.events if keep(e) for m in _event_marks(e, "pred")]
        marks += _aggregate_marks(result.aggregates, "pred")
    anchor = html.escape(_anchor(item.article_id), quote=True)
    return "\n".join([
        f"<section class='article' id='{anchor}'>",
        f"<h2>{html.escape(item.article_id)} <small>({len(errors)} errors)</small></h2>",
        f"<div class='text'>{render_text(item.article.text, marks)}</div>",
        _error_rows(errors, with_article=False),
        "</section>",
    ])


def _anchor(article_id: str) -> str:
    return "a-" + "".join(c if c.isalnum() else "-" for c in article_id)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = ", ".join(map(str, value))
    return html.escape(str(value))


def _error_rows(errors: Sequence[dict], *, with_article: bool) -> str:
    head = ("<th>article</th>" if with_article else "") + (
        "<th>kind</th><th>field</th><th>gold</th><th>predicted</th><th>gold evidence</th>"
        "<th>predicted evidence</th><th>context</th>")
    rows = []
    for e in errors:
        cells = [e.get("article_id")] if with_article else []
        cells += [e.get("kind"), e.get("field"), e.get("gold"), e.get("predicted"), e.get("gold_evidence"),
                  e.get("predicted_evidence"), e.get("context")]
        rows.append("<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in cells) + "</tr>")
    return f"<table><tr>{head}</tr>{''.join(rows)}</table>" if rows else "<p>No errors.</p>"


def _scores(report: Report) -> str:
    rows = "".join(
        f"<tr><td>{html.escape(name)}</td>"
        + "".join(f"<td class='num'>{v}</td>" for v in (
            f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}", c.tp, c.fp, c.fn))
        + "</tr>"
        for name, c in ((n, report.fields[n]) for n in report.field_order()))
    return ("<table><tr><th>field</th><th>precision</th><th>recall</th><th>f1</th><th>tp</th><th>fp</th>"
            f"<th>fn</th></tr>{rows}</table>")


def render_report(report: Report, gold: Sequence[GoldArticle], predictions: Sequence[ArticleResult], *,
                  title: str = "newsevents evaluation", all_modalities: bool = False) -> str:
    """The whole report as one HTML page."""
    mapping = match_ids([p.article_id for p in predictions], [g.article_id for g in gold])
    by_gold: dict[str, ArticleResult] = {}
    for result in predictions:
        target = mapping.get(result.article_id)
        if target is not None and target not in by_gold:
            by_gold[target] = result
    errors_by_article: Mapping[str, list[dict]] = defaultdict(list)
    for err in report.errors:
        errors_by_article[err["article_id"]].append(err)
    contents = "".join(f"<li><a href='#{html.escape(_anchor(g.article_id), quote=True)}'>{html.escape(g.article_id)}"
                       f"</a> ({len(errors_by_article.get(g.article_id, []))} errors)</li>" for g in gold)
    legend = "".join(f"<span style='--c:{colour}'>{html.escape(name)}</span>" for colour, name in KINDS.values())
    parts = [
        "<!DOCTYPE html>", "<html lang='en'><head><meta charset='utf-8'>",
        f"<title>{html.escape(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        f"<p>{report.documents} documents, {report.gold_events} gold events, {report.predicted_events} predicted "
        f"events{'' if all_modalities else ' (incidents only)'}.</p>",
        _scores(report),
        f"<p class='legend'>{legend}</p>",
        f"<nav><h2>Articles</h2><ol>{contents}</ol><p><a href='#all-errors'>All errors</a></p></nav>",
    ]
    if report.unknown_articles:
        parts.append("<p>Predictions for articles without gold (not scored): "
                     + html.escape(", ".join(report.unknown_articles)) + "</p>")
    for item in gold:
        parts.append(_article_section(item, by_gold.get(item.article_id), errors_by_article.get(item.article_id, []),
                                      all_modalities=all_modalities))
    parts.append("<section id='all-errors'><h2>All errors</h2>" + _error_rows(report.errors, with_article=True)
                 + "</section>")
    parts.append("</body></html>")
    return "\n".join(parts)
