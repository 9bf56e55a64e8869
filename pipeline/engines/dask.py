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
from typing import Any, Iterable, Iterator

from models import Article, ArticleResult

from ..errors import Errors
from ..ingest import Failure
from ..result import failed
from ..split import PART_CHARS
from .local import DEFAULT_BATCH_SIZE
from .ordered import in_order

try:
    from distributed.diagnostics.plugin import WorkerPlugin as _PluginBase
except ImportError:  # the [dask] extra is not installed: dask_results says so
    _PluginBase = object  # type: ignore[assignment,misc]

IN_FLIGHT_PER_WORKER = 2
_LOCK = threading.Lock()


def extract_chunk(articles: list[Article], *, model: str | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
                  part_chars: int = PART_CHARS) -> list[str]:
    """Runs on a worker: the JSON of one ArticleResult per article, in order."""
    from ..loading import load
    from .local import results

    # A worker started with several threads would share one Language object: run one chunk at a time.
    with _LOCK:
        nlp = load(model)
        return [r.model_dump_json() for r in results(articles, nlp, batch_size=batch_size, part_chars=part_chars)]


class ModelPlugin(_PluginBase):
    """Loads the model when a worker starts, so the first chunk does not pay for it."""

    name = "newsevents-model"

    def __init__(self, model: str | None) -> None:
        self.model = model

    def setup(self, worker: Any) -> None:
        from ..loading import load

        load(self.model)

    def teardown(self, worker: Any) -> None:
        pass


def _client(scheduler: str | None, n_workers: int) -> tuple[Any, Any]:
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
                 part_chars: int = PART_CHARS) -> Iterator[ArticleResult]:
    """One result per input in input order, computed on a Dask cluster (local unless ``scheduler``)."""
    client, cluster = _client(scheduler, max(1, n_workers))
    try:
        client.register_plugin(ModelPlugin(model), name=ModelPlugin.name)
        workers = max(1, len(client.scheduler_info().get("workers", {})) or n_workers)

        def submit(chunk: list[Article]) -> Any:
            return client.submit(extract_chunk, chunk, model=model, batch_size=batch_size, part_chars=part_chars,
                                 pure=False)

        yield from in_order(items, chunk_size=batch_size, in_flight=workers * IN_FLIGHT_PER_WORKER,
                            submit=submit, collect=_gather)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _gather(chunk: list[Article], future: Any) -> Iterator[ArticleResult]:
    try:
        lines = future.result()
    except Exception as err:  # a lost worker or a crash in the chunk: every article of it gets an error record
        message = f"{type(err).__name__}: {err}"
        for article in chunk:
            yield failed(article.id, article.source or article.id, "dask", message)
        return
    for line in lines:
        yield ArticleResult.model_validate_json(line)
