"""Evaluation runs: predictions in (a file, the extractor, or the gold itself), a scored Report out.

Predictions are ``ArticleResult`` records, one JSON object per line (what ``newsevents extract``
writes). Their ``article_id`` is matched to the gold article ids exactly, else by file name
(``articles/x.txt`` from ``newsevents extract corpus`` matches gold ``x.txt``) when that name is
unique among the gold articles. Predictions for articles without gold are listed, not scored.
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from pydantic import ValidationError
from rich.table import Table

from models import ArticleResult

from ..errors import Errors, NewsEventsError
from ..writers.atomic import write_text
from .gold import GoldArticle
from .scorer import Report, Scorer


class PredictionsError(NewsEventsError):
    def __init__(self, message: str, *, input: str | None = None) -> None:
        super().__init__(message, stage="evaluate", input=input)


def read_predictions(path: Path | str) -> list[ArticleResult]:
    """ArticleResults of a JSONL file; a bad line raises E014 naming the file and line."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise PredictionsError(Errors.E014.format(path=path, line=0, reason=err), input=str(path)) from err
    results = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            results.append(ArticleResult.model_validate_json(line))
        except ValidationError as err:
            first = err.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "record"
            reason = f"{where}: {first['msg']}" + (f" (and {len(err.errors()) - 1} more)" if len(err.errors()) > 1 else "")
            raise PredictionsError(Errors.E014.format(path=path, line=number, reason=reason),
                                   input=f"{path}:{number}") from err
    return results


def match_ids(predicted_ids: Iterable[str], gold_ids: Iterable[str]) -> dict[str, str | None]:
    """Predicted article id -> gold article id (None when the article has no gold)."""
    gold_ids = list(gold_ids)
    exact = set(gold_ids)
    by_name: dict[str, list[str]] = defaultdict(list)
    for gid in gold_ids:
        by_name[gid.replace("\\", "/").rsplit("/", 1)[-1]].append(gid)
    mapping: dict[str, str | None] = {}
    for pid in predicted_ids:
        if pid in exact:
            mapping[pid] = pid
            continue
        candidates = by_name.get(pid.replace("\\", "/").rsplit("/", 1)[-1], [])
        mapping[pid] = candidates[0] if len(candidates) == 1 else None
    return mapping


def predict(gold: Sequence[GoldArticle], *, model: str | None = None, nlp=None) -> list[ArticleResult]:
    """Run the extractor on the gold articles, anchored on their publication dates."""
    from ..extract import extract_batch
    from ..loading import load

    return list(extract_batch([g.article for g in gold], nlp=nlp or load(model)))


def gold_as_predictions(gold: Sequence[GoldArticle]) -> list[ArticleResult]:
    return [ArticleResult(article_id=g.article_id, events=g.gold.events, aggregates=g.gold.aggregates) for g in gold]


def evaluate(gold: Sequence[GoldArticle], predictions: Sequence[ArticleResult], *, all_modalities: bool = False,
             by_group: bool = True, partial_gold: bool = False) -> Report:
    """Score ``predictions`` against ``gold`` (see ``pipeline.evaluate.scorer`` for the definitions)."""
    scorer = Scorer(all_modalities=all_modalities, by_group=by_group, partial_gold=partial_gold)
    report = scorer.report
    mapping = match_ids([p.article_id for p in predictions], [g.article_id for g in gold])
    by_gold: dict[str, ArticleResult] = {}
    for result in predictions:
        target = mapping[result.article_id]
        if target is None:
            report.unknown_articles.append(result.article_id)
            continue
        if result.error is not None:
            report.prediction_errors.append(f"{result.article_id}: {result.error.message}")
        if target in by_gold:
            report.prediction_errors.append(f"{result.article_id}: a second prediction for {target}, ignored")
            continue
        by_gold[target] = result
    for item in gold:
        found = by_gold.get(item.article_id)
        if found is None:
            report.unpredicted_articles.append(item.article_id)
        scorer.add_article(item.article_id, item.gold.events, found.events if found else (),
                           gold_aggregates=item.gold.aggregates, pred_aggregates=found.aggregates if found else (),
                           text=item.article.text)
    return report


def report_table(report: Report, *, title: str = "newsevents evaluate") -> Table:
    table = Table(title=f"{title}: {report.documents} documents, {report.gold_events} gold / "
                        f"{report.predicted_events} predicted events")
    table.add_column("field")
    for name in ("precision", "recall", "f1", "tp", "fp", "fn"):
        table.add_column(name, justify="right")
    for name in report.field_order():
        c = report.fields[name]
        table.add_row(name, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}", str(c.tp), str(c.fp), str(c.fn))
    return table


def write_json(report: Report, path: Path | str, *, extra: Mapping | None = None) -> None:
    data = report.as_dict()
    if extra:
        data.update(extra)
    write_text(path, json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
