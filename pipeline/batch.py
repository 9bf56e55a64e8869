"""Batch runs: inputs to one JSONL of ArticleResults, one line per input, nothing dropped.

The run writes ``OUT.jsonl.partial`` as it goes (one complete line per finished input, flushed and
fsynced every batch), so a run stopped by anything, SIGKILL included, continues with ``resume=True``
without losing or repeating an input; the finished file is renamed to ``OUT.jsonl`` atomically. The flat
outputs (CSV, Parquet, GeoJSON, errors) are derived from the finished JSONL, so a resumed run writes the
same files as a clean one. A lock beside the output keeps two runs from writing the same partial file.

Defaults, chosen on a 2-core machine: ``n_process=1`` (use ``--n-process 2`` or more where there are as
many cores: each worker process then does the whole extraction), ``batch_size=64`` (large enough to
amortise ``nlp.pipe`` overhead on news-length texts, small enough that an fsync every batch costs nothing
and a killed run loses at most one batch of work).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from spacy.language import Language

from models import Article, ArticleResult

from .engines import local, processes
from .errors import Errors, NewsEventsError
from .ingest import Failure, iter_articles
from .loading import load
from .writers.jsonl import JsonlAppender, output_lock, read_results, recover

DEFAULT_N_PROCESS = 1
DEFAULT_BATCH_SIZE = local.DEFAULT_BATCH_SIZE
ENGINES = ("local", "dask")
ERRORS_KEPT = 100
"""Error lines a summary keeps for printing; the count covers all of them."""

InputKey = tuple[str, str]


@dataclass(frozen=True)
class Tally:
    """What one result adds to a run's summary (small enough to keep for every resumed input)."""

    error: str | None
    events: int
    aggregates: int
    incident_types: tuple[str, ...]

    @classmethod
    def of(cls, result: ArticleResult) -> "Tally":
        if result.error is not None:
            return cls(f"{result.error.input}: [{result.error.stage}] {result.error.message}", 0, 0, ())
        return cls(None, len(result.events), len(result.aggregates),
                   tuple(e.type.value for e in result.events if e.modality.is_incident))


@dataclass
class RunSummary:
    articles: int = 0
    failed: int = 0
    events: int = 0
    incidents: int = 0
    aggregates: int = 0
    resumed: int = 0
    """Inputs whose records came from the earlier run's partial file."""
    new_failures: int = 0
    """Inputs that failed in this run (what ``max_errors`` counts)."""
    dropped: int = 0
    """Records of the earlier partial file whose inputs were not given this time (left out of the output)."""
    events_by_type: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    stopped: str | None = None
    """Why the run stopped before the end of the input (``--max-errors``), else None."""
    geo_written: int = 0
    geo_omitted: int = 0
    """Incidents left out of the GeoJSON because they have no coordinates."""
    exported: dict[str, int] = field(default_factory=dict)
    """Rows written to each codebook export (``acled``, ``gtd``, ``ucdp``)."""

    def add(self, tally: Tally) -> None:
        self.articles += 1
        if tally.error is not None:
            self.failed += 1
            if len(self.errors) < ERRORS_KEPT:
                self.errors.append(tally.error)
            return
        self.events += tally.events
        self.aggregates += tally.aggregates
        self.incidents += len(tally.incident_types)
        self.events_by_type.update(tally.incident_types)


def input_key(item: Article | Failure | ArticleResult) -> InputKey:
    """What identifies one input across runs: its article id and where it was read from."""
    if isinstance(item, Failure):
        return item.article_id, item.input or item.article_id
    if isinstance(item, Article):
        return item.id, item.source or item.id
    return item.article_id, item.source or item.article_id


def partial_path(out: Path) -> Path:
    return out.with_name(out.name + ".partial")


def run_batch(
    paths: Iterable[Path | str],
    out: Path,
    *,
    published: dt.date | None = None,
    model: str | None = None,
    nlp: Language | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = DEFAULT_N_PROCESS,
    resume: bool = False,
    max_errors: int | None = None,
    csv: Path | None = None,
    parquet: Path | None = None,
    geojson: Path | None = None,
    errors: Path | None = None,
    acled: Path | None = None,
    gtd: Path | None = None,
    ucdp: Path | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    on_result: Callable[[ArticleResult], None] | None = None,
) -> RunSummary:
    """Extract every input under ``paths`` into ``out`` (JSONL) and the flat outputs asked for.

    ``resume`` continues an interrupted run from ``OUT.jsonl.partial`` (or extends a finished ``OUT.jsonl``
    that stopped at ``max_errors``): the inputs it holds are not read again, error records included, and
    records of inputs not given this time are left out. Without it any partial file is replaced.
    ``max_errors`` stops the run once more than that many inputs failed in this run, with everything
    finished so far written (E015). ``nlp`` is a loaded pipeline to use (else ``model`` is loaded).
    ``acled``, ``gtd``, ``ucdp`` write the incidents coded by each codebook (``pipeline.codebooks``).
    """
    from .writers.outputs import write_flat_outputs

    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    paths = [Path(p) for p in paths]
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = partial_path(out)
    flat = {"csv": csv, "parquet": parquet, "geojson": geojson, "errors": errors}
    exports = {"acled": acled, "gtd": gtd, "ucdp": ucdp}
    own_files = {out, partial, *(p for p in [*flat.values(), *exports.values()] if p is not None)}
    summary = RunSummary()
    with output_lock(out):
        done = _earlier_run(out, partial, resume)
        if engine == "local" and nlp is None:
            nlp = load_model(model)

        def todo() -> Iterator[Article | Failure]:
            for item in iter_articles(paths, published=published, exclude=own_files):
                earlier = done.get(input_key(item))
                if earlier:
                    summary.add(earlier.pop(0))
                    summary.resumed += 1
                    continue
                yield item

        stream = _engine_results(todo(), engine=engine, nlp=nlp, model=model, batch_size=batch_size,
                                 n_process=n_process, scheduler=scheduler)
        _write(stream, partial, summary, batch_size=batch_size, max_errors=max_errors, on_result=on_result)
        leftover = Counter({key: len(tallies) for key, tallies in done.items() if tallies})
        if leftover and summary.stopped is None:
            summary.dropped = _drop_records(partial, leftover)
        os.replace(partial, out)
        _fsync_dir(out.parent)
    if any(p is not None for p in flat.values()):
        written, omitted = write_flat_outputs(read_results(out), csv=csv, parquet=parquet, geojson=geojson,
                                              errors=errors)
        summary.geo_written, summary.geo_omitted = written, omitted
    if any(p is not None for p in exports.values()):
        from .writers.exports import write_exports

        summary.exported = write_exports(lambda: read_results(out), **exports)
    return summary


def _earlier_run(out: Path, partial: Path, resume: bool) -> dict[InputKey, list[Tally]]:
    """What an earlier run finished, by input (resume), or nothing, with its partial file removed."""
    done: dict[InputKey, list[Tally]] = {}
    if resume:
        if not partial.exists() and out.exists():
            os.replace(out, partial)
        for result in recover(partial):
            done.setdefault(input_key(result), []).append(Tally.of(result))
    elif partial.exists():
        partial.unlink()
    return done


def _write(stream: Iterator[ArticleResult], partial: Path, summary: RunSummary, *, batch_size: int,
           max_errors: int | None, on_result: Callable[[ArticleResult], None] | None) -> None:
    """Append each result to the partial file as it comes, until the end or ``max_errors``."""
    # Closing the stream stops its engine (worker processes, a Dask client) when the run stops early.
    with JsonlAppender(partial, sync_every=batch_size) as writer, _closing(stream):
        for result in stream:
            writer.write(result.model_dump_json())
            tally = Tally.of(result)
            summary.add(tally)
            if on_result is not None:
                on_result(result)
            if tally.error is not None:
                summary.new_failures += 1
                if max_errors is not None and summary.new_failures > max_errors:
                    summary.stopped = Errors.E015.format(count=summary.new_failures, limit=max_errors)
                    return


@contextlib.contextmanager
def _closing(stream: Iterator[ArticleResult]) -> Iterator[None]:
    try:
        yield
    finally:
        close = getattr(stream, "close", None)
        if close is not None:
            close()


def load_model(model: str | None) -> Language:
    """The pipeline for a run; a model that cannot be loaded is the caller's mistake (E126)."""
    try:
        return load(model)
    except (OSError, ValueError, ImportError) as err:
        message = str(err) if str(err).startswith("[E") else Errors.E126.format(name=model, reason=err)
        raise NewsEventsError(message, stage="model", input=model) from err


def _engine_results(items: Iterator[Article | Failure], *, engine: str, nlp: Language | None, model: str | None,
                    batch_size: int, n_process: int, scheduler: str | None) -> Iterator[ArticleResult]:
    if engine == "dask":
        from .engines.dask import dask_results

        return dask_results(items, model=model, batch_size=batch_size, n_workers=n_process, scheduler=scheduler)
    assert nlp is not None
    if n_process > 1:
        return processes.results(items, nlp, n_process=n_process, batch_size=batch_size)
    return local.results(items, nlp, batch_size=batch_size)


def _drop_records(partial: Path, leftover: Counter) -> int:
    """Rewrite the partial file without the records of inputs that were not given this time."""
    dropped = 0
    tmp = partial.with_name(partial.name + ".tmp")
    with open(partial, "rb") as source, open(tmp, "wb") as target:
        for line in source:
            record = json.loads(line)
            key = (record["article_id"], record.get("source") or record["article_id"])
            if leftover[key] > 0:
                leftover[key] -= 1
                dropped += 1
                continue
            target.write(line)
        target.flush()
        os.fsync(target.fileno())
    os.replace(tmp, partial)
    return dropped


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
