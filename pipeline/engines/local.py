"""The local engine: one process, one model; inputs stream through ``nlp.pipe`` in bounded batches.

A batch holds at most ``batch_size`` texts and ``BATCH_CHARS`` characters, so memory stays bounded
whatever the inputs: a long article is read as parts (``pipeline.split``) that fill batches of their own.
If the pipeline raises inside a batch, the batch's remaining texts are redone one by one; the article
whose text fails gets an error record (stage ``nlp``) and the rest go on.
"""
from __future__ import annotations

import os
from collections import deque
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from models import Article, ArticleResult

from ..errors import Errors
from ..ingest import Failure
from ..result import failed, result_from_doc
from ..split import PART_CHARS, merge_parts, split_text

DEFAULT_BATCH_SIZE = 64
"""Texts per ``nlp.pipe`` batch: enough to amortise its overhead on news-length texts."""
BATCH_CHARS = 200_000
"""Characters per batch: what bounds the parser's memory when the texts are long."""


@dataclass
class _Pending:
    """One input on its way through the pipeline: its parts, and the results of those done."""

    item: Article | Failure
    parts: list[tuple[int, str]]
    done: list[tuple[int, int, ArticleResult]] = field(default_factory=list)
    sentences: int = 0
    error: ArticleResult | None = None

    @property
    def complete(self) -> bool:
        return self.error is not None or len(self.done) == len(self.parts)

    def add(self, doc: Doc, nlp: Language) -> None:
        article = self.item
        assert isinstance(article, Article)
        offset, text = self.parts[len(self.done)]
        if len(self.parts) == 1:
            self.done.append((0, 0, result_from_doc(article, doc, nlp)))
            return
        part = article.model_copy(update={"text": text})
        self.done.append((offset, self.sentences, result_from_doc(part, doc, nlp)))
        self.sentences += sum(1 for _ in doc.sents) if doc.has_annotation("SENT_START") else 1

    def fail(self, err: BaseException) -> None:
        article = self.item
        assert isinstance(article, Article)
        reason = f"{type(err).__name__}: {err}"
        self.error = failed(article.id, article.source or article.id, "nlp",
                            Errors.E011.format(stage="nlp", reason=reason))

    def result(self, limit: int) -> ArticleResult:
        item = self.item
        if isinstance(item, Failure):
            return failed(item.article_id, item.input, item.stage, item.message)
        if self.error is not None:
            return self.error
        if len(self.parts) == 1:
            return self.done[0][2]
        return merge_parts(item, self.done, limit)


def results(items: Iterable[Article | Failure], nlp: Language, *, batch_size: int = DEFAULT_BATCH_SIZE,
            part_chars: int = PART_CHARS, batch_chars: int = BATCH_CHARS) -> Iterator[ArticleResult]:
    """One result per input, in input order.

    Failures from ingest pass through as error records. Articles longer than ``part_chars`` are read in
    parts and merged (W003).
    """
    part_chars = min(part_chars, nlp.max_length)
    pending: deque[_Pending] = deque()
    batch: list[tuple[_Pending, str]] = []
    chars = 0
    for item in items:
        if isinstance(item, Failure):
            pending.append(_Pending(item, []))
        else:
            entry = _Pending(item, split_text(item.text, part_chars))
            pending.append(entry)
            for _, text in entry.parts:
                if batch and (len(batch) >= batch_size or chars + len(text) > batch_chars):
                    _run(batch, nlp)
                    batch, chars = [], 0
                    yield from _finished(pending, part_chars)
                batch.append((entry, text))
                chars += len(text)
        yield from _finished(pending, part_chars)
    if batch:
        _run(batch, nlp)
    yield from _finished(pending, part_chars)


def _finished(pending: deque[_Pending], limit: int) -> Iterator[ArticleResult]:
    while pending and pending[0].complete:
        yield pending.popleft().result(limit)


def _run(batch: list[tuple[_Pending, str]], nlp: Language) -> None:
    """Process one batch; if the pipeline raises, redo what is left of it text by text."""
    added = 0
    try:
        for doc in nlp.pipe([text for _, text in batch], batch_size=len(batch)):
            batch[added][0].add(doc, nlp)
            added += 1
        return
    except Exception:
        if os.environ.get("NEWSEVENTS_DEBUG"):
            raise
    for entry, text in batch[added:]:
        if entry.error is not None:
            continue
        try:
            doc = nlp(text)
        except Exception as err:
            if os.environ.get("NEWSEVENTS_DEBUG"):
                raise
            entry.fail(err)
            continue
        entry.add(doc, nlp)
