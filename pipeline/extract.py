"""The library entry points: one article or many, with the model loaded once."""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Iterator

from pydantic import ValidationError
from spacy.language import Language

from models import Article, ArticleResult, PublishedSource

from .engines import local, processes
from .errors import Errors
from .ingest import Failure
from .loading import load
from .result import failed, result_from_doc

DEFAULT_BATCH_SIZE = local.DEFAULT_BATCH_SIZE


def extract_events(
    text: str,
    *,
    published: dt.date | dt.datetime | str | None = None,
    nlp: Language | None = None,
    article_id: str = "article",
    title: str | None = None,
) -> ArticleResult:
    """Extract the events of one article. ``published`` anchors relative dates ("on Thursday").

    A text that is no article (empty, only whitespace) gives a result whose ``error`` says so.
    """
    source = PublishedSource.argument if published else PublishedSource.none
    try:
        article = Article.model_validate({"id": article_id, "text": text, "title": title, "published": published,
                                          "published_source": source})
    except ValidationError as err:
        if any(e["loc"] == ("text",) for e in err.errors()):
            message = Errors.E100.format(path=article_id) if isinstance(text, str) else Errors.E106.format(
                field="text", path=article_id, kind=type(text).__name__)
            return failed(article_id, article_id, "ingest", message)
        raise
    return next(iter(extract_batch([article], nlp=nlp)))


def extract_batch(
    articles: Iterable[Article | Failure],
    *,
    nlp: Language | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = 1,
) -> Iterator[ArticleResult]:
    """Extract events from many articles with one model load, in input order, one result per article.

    An article whose processing fails gets a result with ``error`` set; the others go on. With
    ``n_process > 1`` worker processes do the whole extraction (see ``pipeline.engines.processes``).
    """
    nlp = nlp or load()
    if n_process > 1:
        return processes.results(articles, nlp, n_process=n_process, batch_size=batch_size)
    return local.results(articles, nlp, batch_size=batch_size)


__all__ = ["extract_batch", "extract_events", "failed", "result_from_doc"]
