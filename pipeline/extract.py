"""The library entry points: one article or many, with the model loaded once."""
from __future__ import annotations

import datetime as dt
import os
from functools import lru_cache
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from models import Article, ArticleResult, ErrorInfo, PublishedSource

from .assemble import assemble
from .dates.component import DatePatternRule
from .errors import Warnings
from .loading import load
from .places.gazetteer import gazetteer
from .records import build_result
from .rules import package_rules
from .triggers.component import TriggerRule

DEFAULT_BATCH_SIZE = 64


@lru_cache(maxsize=1)
def _trigger_rules() -> dict[str, TriggerRule]:
    from . import triggers

    return {r.id: r for r in package_rules(triggers.__name__, "triggers.jsonl", TriggerRule)}


@lru_cache(maxsize=1)
def _date_rules() -> dict[str, DatePatternRule]:
    from . import dates

    return {r.id: r for r in package_rules(dates.__name__, "date_patterns.jsonl", DatePatternRule)}


def _rules_of(nlp: Language, component: str, fallback: dict) -> dict:
    """Rules of the pipeline's own component (they may have been replaced), else the shipped ones."""
    if nlp.has_pipe(component):
        return getattr(nlp.get_pipe(component), "by_id", fallback)
    return fallback


def result_from_doc(article: Article, doc: Doc, nlp: Language) -> ArticleResult:
    """Assemble and validate the records of one processed article; failures become an error record."""
    warnings = []
    if article.published is None:
        warnings.append(Warnings.W002.format(article=article.id))
    stage = "assemble"
    try:
        triggers = _rules_of(nlp, "newsevents_triggers", _trigger_rules())
        events, aggregates = assemble(doc, triggers)
        stage = "records"
        return build_result(article, doc, events, aggregates, gazetteer(),
                            _rules_of(nlp, "newsevents_dates", _date_rules()), warnings)
    except Exception as err:  # one bad article never stops a batch
        if os.environ.get("NEWSEVENTS_DEBUG"):
            raise
        return failed(article.id, article.source or article.id, stage, f"{type(err).__name__}: {err}")


def failed(article_id: str, source: str, stage: str, message: str) -> ArticleResult:
    return ArticleResult(article_id=article_id, source=source,
                         error=ErrorInfo(input=source, stage=stage, message=message))


def extract_events(
    text: str,
    *,
    published: dt.date | dt.datetime | str | None = None,
    nlp: Language | None = None,
    article_id: str = "article",
    title: str | None = None,
) -> ArticleResult:
    """Extract the events of one article. ``published`` anchors relative dates ("on Thursday")."""
    article = Article(id=article_id, text=text, title=title, published=published,
                      published_source=PublishedSource.argument if published else PublishedSource.none)
    return next(iter(extract_batch([article], nlp=nlp)))


def extract_batch(
    articles: Iterable[Article],
    *,
    nlp: Language | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = 1,
) -> Iterator[ArticleResult]:
    """Extract events from many articles with one model load and ``nlp.pipe`` batching, in input order."""
    nlp = nlp or load()
    pairs = ((article.text, article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield result_from_doc(article, doc, nlp)


__all__ = ["extract_batch", "extract_events", "failed", "result_from_doc"]
