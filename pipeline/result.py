"""One article's result: its records from the processed Doc, or an error record naming the input."""
from __future__ import annotations

import os
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from models import Article, ArticleResult, ErrorInfo

from .assemble import assemble
from .dates.component import DatePatternRule
from .errors import Warnings
from .ingest.paths import printable
from .places.gazetteer import gazetteer
from .records import build_result
from .rules import package_rules
from .triggers.component import TriggerRule


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
    """The error record of an input: which one (file, and line for JSONL/CSV), the stage, the message."""
    return ArticleResult(article_id=printable(article_id) or "input", source=printable(source),
                         error=ErrorInfo(input=printable(source) or "input", stage=stage,
                                         message=printable(message) or "failed"))
