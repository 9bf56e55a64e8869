"""One article's result: its records from the processed Doc, or an error record naming the input."""
from __future__ import annotations

import os

from spacy.language import Language
from spacy.tokens import Doc

from models import Article, ArticleResult, ErrorInfo

from .assemble import StageRules, assemble
from .errors import Warnings
from .ingest.paths import printable
from .records import build_result


def result_from_doc(article: Article, doc: Doc, nlp: Language) -> ArticleResult:
    """Assemble and validate the records of one processed article; failures become an error record."""
    warnings = []
    if article.published is None:
        warnings.append(Warnings.W002.format(article=article.id))
    stage = "assemble"
    try:
        assembled = assemble(doc, StageRules.of(nlp), article.published_date, article.text)
        stage = "records"
        return build_result(article, assembled, article.text, warnings)
    except Exception as err:  # one bad article never stops a batch
        if os.environ.get("NEWSEVENTS_DEBUG"):
            raise
        return failed(article.id, article.source or article.id, stage, f"{type(err).__name__}: {err}")


def failed(article_id: str, source: str, stage: str, message: str) -> ArticleResult:
    """The error record of an input: which one (file, and line for JSONL/CSV), the stage, the message."""
    return ArticleResult(article_id=printable(article_id) or "input", source=printable(source),
                         error=ErrorInfo(input=printable(source) or "input", stage=stage,
                                         message=printable(message) or "failed"))
