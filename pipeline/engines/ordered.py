"""Chunks of articles computed elsewhere (other processes, a Dask cluster), results yielded in input order."""
from __future__ import annotations

from collections import deque
from typing import Any, Callable, Iterable, Iterator

from models import Article, ArticleResult

from ..ingest import Failure
from ..result import failed

CHUNK_CHARS = 1_000_000
"""Characters per chunk: a chunk is copied to a worker whole, so long articles make short chunks."""


def in_order(items: Iterable[Article | Failure], *, chunk_size: int, in_flight: int,
             submit: Callable[[list[Article]], Any],
             collect: Callable[[list[Article], Any], Iterator[ArticleResult]],
             chunk_chars: int = CHUNK_CHARS) -> Iterator[ArticleResult]:
    """Results of ``items`` in input order.

    Articles are grouped into chunks of at most ``chunk_size`` articles and ``chunk_chars`` characters;
    ``submit(chunk)`` starts one and returns a handle, ``collect(chunk, handle)`` waits for its results.
    At most ``in_flight`` chunks are outstanding, so memory stays bounded however many inputs there are.
    Ingest failures keep their place in the order.
    """
    window: deque[Failure | tuple[list[Article], Any]] = deque()
    outstanding = 0
    chunk: list[Article] = []
    chars = 0

    def close_chunk() -> None:
        nonlocal chunk, chars, outstanding
        if chunk:
            window.append((chunk, submit(chunk)))
            outstanding += 1
            chunk, chars = [], 0

    def drain(keep: int) -> Iterator[ArticleResult]:
        nonlocal outstanding
        while window:
            head = window[0]
            if isinstance(head, Failure):
                window.popleft()
                yield failed(head.article_id, head.input, head.stage, head.message)
                continue
            if outstanding <= keep:
                return
            window.popleft()
            outstanding -= 1
            yield from collect(*head)

    for item in items:
        if isinstance(item, Failure):
            close_chunk()
            window.append(item)
        else:
            if chunk and chars + len(item.text) > chunk_chars:
                close_chunk()
            chunk.append(item)
            chars += len(item.text)
            if len(chunk) >= chunk_size:
                close_chunk()
        yield from drain(in_flight)
    close_chunk()
    yield from drain(0)
