"""Run the batch on Dask distributed: the same records, in the same order, as a single-process run.

One machine::

    newsevents extract corpus/ -o out.jsonl --engine dask --n-process 2

starts a ``LocalCluster`` of ``--n-process`` worker processes (one thread each) and stops it at the end.

Several machines: install the same newsevents version and model on every machine
(``pip install "newsevents[dask]"``), then

    # on the scheduler machine (port 8786 must be reachable from the workers and the client)
    dask scheduler --port 8786
    # on each worker machine: one process per core, one thread per process (spaCy is not thread-safe)
    dask worker tcp://SCHEDULER_HOST:8786 --nworkers 4 --nthreads 1
    # on the machine that holds the inputs and writes the outputs
    newsevents extract articles/ -o out.jsonl --engine dask --scheduler tcp://SCHEDULER_HOST:8786

Ingest and writing stay on the client: workers receive chunks of ``Article`` records (``--batch-size``
articles each) and return their results as JSON lines; nothing is read from the workers' disks. Each
worker process loads the model once (a worker plugin warms it when the worker joins; ``pipeline.load`` is
cached per process). ``--model`` must name a pipeline installed on the workers. Results are gathered in
input order with a bounded number of chunks in flight, and pass through the same writer as a local run,
so ``--resume``, ``--max-errors`` and the flat outputs behave the same.
"""
from __future__ import annotations

import logging
import threading
from collections import deque
from typing import Iterable, Iterator

from models import Article, ArticleResult

from ..errors import Errors
from ..extract import DEFAULT_BATCH_SIZE, failed
from ..ingest import Failure

try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # the [dask] extra is not installed: dask_results says so
    WorkerPlugin = object

IN_FLIGHT_PER_WORKER = 2
_LOCK = threading.Lock()


def extract_chunk(articles: list[Article], *, model: str | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
                  max_length: int | None = None) -> list[str]:
    """Runs on a worker: the JSON of one ArticleResult per article, in order."""
    from ..batch import results
    from ..loading import load

    # A worker started with several threads would share one Language object: run one chunk at a time.
    with _LOCK:
        nlp = load(model)
        return [r.model_dump_json() for r in results(articles, nlp, batch_size=batch_size, max_length=max_length)]


class ModelPlugin(WorkerPlugin):
    """Loads the model when a worker starts, so the first chunk does not pay for it."""

    name = "newsevents-model"

    def __init__(self, model: str | None) -> None:
        self.model = model

    def setup(self, worker) -> None:
        from ..loading import load

        load(self.model)

    def teardown(self, worker) -> None:
        pass


def _client(scheduler: str | None, n_workers: int):
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise RuntimeError(Errors.E120) from err

    if scheduler:
        try:
            return Client(scheduler, timeout="30s"), None
        except (OSError, TimeoutError) as err:
            raise RuntimeError(Errors.E121.format(address=scheduler, reason=err)) from err
    cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None,
                           silence_logs=logging.ERROR)
    return Client(cluster), cluster


def dask_results(items: Iterable[Article | Failure], *, model: str | None = None,
                 batch_size: int = DEFAULT_BATCH_SIZE, n_workers: int = 1, scheduler: str | None = None,
                 max_length: int | None = None) -> Iterator[ArticleResult]:
    """One result per input in input order, computed on a Dask cluster (local unless ``scheduler``)."""
    client, cluster = _client(scheduler, max(1, n_workers))
    try:
        client.register_plugin(ModelPlugin(model), name=ModelPlugin.name)
        workers = max(1, len(client.scheduler_info().get("workers", {})) or n_workers)
        limit = workers * IN_FLIGHT_PER_WORKER
        window: deque = deque()  # Failure, or (articles, future)
        in_flight = 0

        def ready() -> Iterator[ArticleResult]:
            nonlocal in_flight
            while window:
                head = window[0]
                if isinstance(head, Failure):
                    window.popleft()
                    yield failed(head.article_id, head.input, head.stage, head.message)
                    continue
                if in_flight < limit:
                    return
                window.popleft()
                in_flight -= 1
                yield from _gather(*head)

        chunk: list[Article] = []
        for item in items:
            if isinstance(item, Failure):
                if chunk:
                    window.append((chunk, _submit(client, chunk, model, batch_size, max_length)))
                    in_flight += 1
                    chunk = []
                window.append(item)
            else:
                chunk.append(item)
                if len(chunk) >= batch_size:
                    window.append((chunk, _submit(client, chunk, model, batch_size, max_length)))
                    in_flight += 1
                    chunk = []
            yield from ready()
        if chunk:
            window.append((chunk, _submit(client, chunk, model, batch_size, max_length)))
            in_flight += 1
        while window:
            head = window.popleft()
            if isinstance(head, Failure):
                yield failed(head.article_id, head.input, head.stage, head.message)
            else:
                yield from _gather(*head)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _submit(client, chunk: list[Article], model, batch_size, max_length):
    return client.submit(extract_chunk, chunk, model=model, batch_size=batch_size, max_length=max_length,
                         pure=False)


def _gather(chunk: list[Article], future) -> Iterator[ArticleResult]:
    try:
        lines = future.result()
    except Exception as err:  # a lost worker or a crash in the chunk: every article of it gets an error record
        message = f"{type(err).__name__}: {err}"
        for article in chunk:
            yield failed(article.id, article.source or article.id, "dask", message)
        return
    for line in lines:
        yield ArticleResult.model_validate_json(line)
