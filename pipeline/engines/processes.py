"""Several processes on one machine: each worker a fork of this process with the pipeline loaded.

Workers receive chunks of articles and return finished results (records built, validated and
serialized there), so the parent only reads inputs and writes lines, and two processes use two cores.
(``nlp.pipe(n_process=...)`` would send every Doc back to the parent to be assembled there, and the
parent would compete with the workers.) A worker dies with its parent, even when the parent is killed
with SIGKILL, and a worker that dies (out of memory, a crash in compiled code) costs the articles of its
chunk an error record each, not the run.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Iterable, Iterator

from spacy.language import Language

from models import Article, ArticleResult

from ..errors import Errors
from ..ingest import Failure
from ..result import failed
from ..split import PART_CHARS
from . import local
from .ordered import in_order

IN_FLIGHT_PER_WORKER = 2
_PR_SET_PDEATHSIG = 1
_worker_nlp: Language | None = None
_worker_options: dict = {}


def die_with_parent(parent: int) -> None:
    """Make this process end when ``parent`` does, however it ends (SIGKILL included).

    On Linux the kernel sends the signal (``PR_SET_PDEATHSIG``); elsewhere a thread watches the parent.
    """
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0:
            if os.getppid() != parent:  # the parent died before the request took effect
                os._exit(1)
            return
    except (OSError, AttributeError):
        pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="newsevents-parent-watch", daemon=True).start()


def _start_worker(parent: int, nlp: Language | None, model: str | None, options: dict) -> None:
    global _worker_nlp, _worker_options
    die_with_parent(parent)
    # Ctrl-C reaches the whole process group: the parent decides what to do, the workers just stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if nlp is None:
        from ..loading import load

        nlp = load(model)
    _worker_nlp, _worker_options = nlp, options


def _extract_chunk(chunk: list[Article]) -> list[str]:
    assert _worker_nlp is not None
    return [r.model_dump_json() for r in local.results(chunk, _worker_nlp, **_worker_options)]


class _Pool:
    """A process pool that is started again when one of its workers dies."""

    def __init__(self, n_process: int, nlp: Language, options: dict) -> None:
        self.n_process = n_process
        self.nlp = nlp
        self.options = options
        methods = multiprocessing.get_all_start_methods()
        # fork shares the loaded pipeline (and any rule data the caller replaced) with the workers;
        # where there is no fork, each worker loads the same model by name.
        self.context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        inherit = self.context.get_start_method() == "fork"
        args = (os.getpid(), self.nlp if inherit else None, self.nlp.meta.get("newsevents_model"), self.options)
        return ProcessPoolExecutor(self.n_process, mp_context=self.context, initializer=_start_worker,
                                   initargs=args)

    def submit(self, chunk: list[Article]) -> tuple[ProcessPoolExecutor, Future]:
        return self.executor, self.executor.submit(_extract_chunk, chunk)

    def restart(self, broken: ProcessPoolExecutor) -> None:
        if broken is self.executor:
            broken.shutdown(wait=False, cancel_futures=True)
            self.executor = self._start()

    def collect(self, chunk: list[Article], handle: tuple[ProcessPoolExecutor, Future]) -> Iterator[ArticleResult]:
        executor, future = handle
        try:
            lines = future.result()
        except BrokenProcessPool:
            self.restart(executor)
            yield from self._one_by_one(chunk)
            return
        for line in lines:
            yield ArticleResult.model_validate_json(line)

    def _one_by_one(self, chunk: list[Article]) -> Iterator[ArticleResult]:
        """After a worker died: each article of its chunk alone, so only the one that kills a worker fails."""
        for article in chunk:
            executor, future = self.submit([article])
            try:
                (line,) = future.result()
            except BrokenProcessPool:
                self.restart(executor)
                yield failed(article.id, article.source or article.id, "worker", Errors.E123)
                continue
            yield ArticleResult.model_validate_json(line)

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def results(items: Iterable[Article | Failure], nlp: Language, *, n_process: int,
            batch_size: int = local.DEFAULT_BATCH_SIZE, part_chars: int = PART_CHARS) -> Iterator[ArticleResult]:
    """One result per input, in input order, computed by ``n_process`` worker processes."""
    pool = _Pool(n_process, nlp, {"batch_size": batch_size, "part_chars": part_chars})
    try:
        yield from in_order(items, chunk_size=batch_size, in_flight=n_process * IN_FLIGHT_PER_WORKER,
                            submit=pool.submit, collect=pool.collect)
    finally:
        pool.close()
