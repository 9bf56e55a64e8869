"""Batch runs: inputs to one JSONL of ArticleResults, one line per input, nothing dropped."""
from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from spacy.language import Language

from models import Article, ArticleResult

from .extract import DEFAULT_BATCH_SIZE, failed, result_from_doc
from .ingest import Failure, iter_articles
from .loading import load


@dataclass
class RunSummary:
    articles: int = 0
    failed: int = 0
    events: int = 0
    aggregates: int = 0
    events_by_type: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def add(self, result: ArticleResult) -> None:
        self.articles += 1
        if result.error is not None:
            self.failed += 1
            self.errors.append(f"{result.error.input}: {result.error.message}")
            return
        self.events += len(result.events)
        self.aggregates += len(result.aggregates)
        self.events_by_type.update(e.type.value for e in result.events if e.modality.is_incident)


def results(items: Iterable[Article | Failure], nlp: Language, *, batch_size: int = DEFAULT_BATCH_SIZE,
            n_process: int = 1) -> Iterator[ArticleResult]:
    """Results in input order; failures from ingest pass through as error records."""
    pending: list[Article | Failure] = []

    def flush() -> Iterator[ArticleResult]:
        articles = [a for a in pending if isinstance(a, Article)]
        docs = iter(nlp.pipe((a.text for a in articles), batch_size=batch_size, n_process=n_process))
        for item in pending:
            if isinstance(item, Failure):
                yield failed(item.article_id, item.input, item.stage, item.message)
            else:
                yield result_from_doc(item, next(docs), nlp)
        pending.clear()

    for item in items:
        pending.append(item)
        if len(pending) >= batch_size * max(1, n_process) * 4:
            yield from flush()
    yield from flush()


def run_batch(paths: Iterable[Path | str], out: Path, *, published: dt.date | None = None,
              model: str | None = None, batch_size: int = DEFAULT_BATCH_SIZE, n_process: int = 1) -> RunSummary:
    """Extract every input under ``paths`` into ``out`` (JSONL), written atomically."""
    nlp = load(model)
    summary = RunSummary()
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            for result in results(iter_articles(paths, published=published), nlp, batch_size=batch_size,
                                  n_process=n_process):
                handle.write(result.model_dump_json(exclude_none=False) + "\n")
                summary.add(result)
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return summary
