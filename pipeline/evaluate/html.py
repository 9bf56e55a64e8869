"""A self-contained HTML error report: every article with gold and predicted triggers highlighted
(displaCy span style in manual mode, so overlapping spans show) and the scorer's error list.

No network: no external CSS, fonts or scripts. Article text, labels and values are escaped
(displaCy escapes the tokens it renders; everything else goes through ``html.escape``).
"""
from __future__ import annotations

import html
from collections import defaultdict
from typing import Mapping, Sequence

import spacy
from spacy import displacy

from models import ArticleResult

from .gold import GoldArticle
from .report import match_ids
from .scorer import Report

GOLD_COLOUR = "#a6e3a1"
PRED_COLOUR = "#89b4fa"
AGG_COLOUR = "#f9e2af"

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: left; vertical-align: top; }
td.num { text-align: right; }
section.article { border-top: 2px solid #888; margin-top: 2em; padding-top: 0.5em; }
.kind { font-family: monospace; }
.legend span { padding: 2px 6px; margin-right: 1em; }
"""


def _spans(doc, items: list[tuple[int, int, str]]) -> list[dict]:
    spans = []
    for start, end, label in items:
        span = doc.char_span(start, min(end, len(doc.text)), alignment_mode="expand") if start < len(doc.text) else None
        if span is not None and len(span):
            spans.append({"start_token": span.start, "end_token": span.end, "label": label})
    return sorted(spans, key=lambda s: (s["start_token"], s["end_token"]))


def _article_markup(tokenizer, item: GoldArticle, result: ArticleResult | None, *, all_modalities: bool) -> str:
    def keep(event) -> bool:
        return all_modalities or event.modality.is_incident

    marks: list[tuple[int, int, str]] = []
    colours: dict[str, str] = {}

    def mark(evidence, label: str, colour: str) -> None:
        marks.append((evidence.start, evidence.end, label))
        colours[label] = colour

    for e in item.gold.events:
        if keep(e):
            mark(e.trigger, f"GOLD {e.id} {e.type.value}", GOLD_COLOUR)
    for a in item.gold.aggregates:
        mark(a.evidence, f"GOLD {a.id} {a.metric.value}", AGG_COLOUR)
    if result is not None:
        for e in result.events:
            if keep(e):
                mark(e.trigger, f"PRED {e.type.value}", PRED_COLOUR)
        for a in result.aggregates:
            mark(a.evidence, f"PRED aggregate {a.metric.value}", AGG_COLOUR)
    doc = tokenizer(item.article.text)
    data = {"text": doc.text, "tokens": [t.text for t in doc], "spans": _spans(doc, marks), "title": None}
    return displacy.render(data, style="span", manual=True, page=False, options={"colors": colours})


def _cell(value) -> str:
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


def render_report(report: Report, gold: Sequence[GoldArticle], predictions: Sequence[ArticleResult], *,
                  title: str = "newsevents evaluation", all_modalities: bool = False) -> str:
    """The whole report as one HTML page."""
    tokenizer = spacy.blank("en").tokenizer
    mapping = match_ids([p.article_id for p in predictions], [g.article_id for g in gold])
    by_gold: dict[str, ArticleResult] = {}
    for result in predictions:
        target = mapping.get(result.article_id)
        if target is not None and target not in by_gold:
            by_gold[target] = result
    errors_by_article: Mapping[str, list[dict]] = defaultdict(list)
    for err in report.errors:
        errors_by_article[err["article_id"]].append(err)

    rows = "".join(
        f"<tr><td>{html.escape(name)}</td>"
        + "".join(f"<td class='num'>{v}</td>" for v in (
            f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}", c.tp, c.fp, c.fn))
        + "</tr>"
        for name, c in ((n, report.fields[n]) for n in report.field_order()))
    parts = [
        "<!DOCTYPE html>", "<html lang='en'><head><meta charset='utf-8'>",
        f"<title>{html.escape(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        f"<p>{report.documents} documents, {report.gold_events} gold events, {report.predicted_events} predicted "
        f"events{'' if all_modalities else ' (incidents only)'}.</p>",
        "<table><tr><th>field</th><th>precision</th><th>recall</th><th>f1</th><th>tp</th><th>fp</th><th>fn</th></tr>"
        f"{rows}</table>",
        f"<p class='legend'><span style='background:{GOLD_COLOUR}'>GOLD</span>"
        f"<span style='background:{PRED_COLOUR}'>PRED</span><span style='background:{AGG_COLOUR}'>aggregate</span></p>",
    ]
    if report.unknown_articles:
        parts.append("<p>Predictions for articles without gold (not scored): "
                     + html.escape(", ".join(report.unknown_articles)) + "</p>")
    for item in gold:
        errs = errors_by_article.get(item.article_id, [])
        parts.append(f"<section class='article' id='{html.escape(item.article_id, quote=True)}'>")
        parts.append(f"<h2>{html.escape(item.article_id)} <small>({len(errs)} errors)</small></h2>")
        parts.append(_article_markup(tokenizer, item, by_gold.get(item.article_id), all_modalities=all_modalities))
        parts.append(_error_rows(errs, with_article=False))
        parts.append("</section>")
    parts.append("<section><h2>All errors</h2>" + _error_rows(report.errors, with_article=True) + "</section>")
    parts.append("</body></html>")
    return "\n".join(parts)
