"""Batch runs: inputs to one JSONL of ArticleResults, one line per input, nothing dropped.

The run writes ``OUT.jsonl.partial`` as it goes (one complete line per finished input, flushed and
fsynced every batch), so a run stopped by anything, SIGKILL included, continues with ``resume=True``
without losing or repeating an input; the finished file is renamed to ``OUT.jsonl`` atomically. The flat
outputs (CSV, Parquet, GeoJSON, errors) are derived from the finished JSONL, so a resumed run writes the
same files as a clean one.

Defaults, chosen on a 2-core machine: ``n_process=1`` (with 2 processes the spaCy workers and the parent,
which assembles and validates the records, compete for 2 cores; use ``--n-process 2`` on larger corpora
and more cores), ``batch_size=64`` (large enough to amortise ``nlp.pipe`` overhead on news-length texts,
small enough that an fsync every batch costs nothing and a killed run loses at most one batch of work).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from spacy.language import Language

from models import Article, ArticleResult

from .errors import Errors, Warnings
from .extract import DEFAULT_BATCH_SIZE, failed, result_from_doc
from .ingest import Failure, iter_articles
from .loading import load
from .records import stable_id

DEFAULT_N_PROCESS = 1
ENGINES = ("local", "dask")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE_BREAK = re.compile(r"\n")
_SENTENCE_BREAK = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+")
_SPACE = re.compile(r"\s+")
_EVIDENCE_KEYS = frozenset({"start", "end", "text", "sentence"})


@dataclass
class RunSummary:
    articles: int = 0
    failed: int = 0
    events: int = 0
    incidents: int = 0
    aggregates: int = 0
    resumed: int = 0
    events_by_type: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    stopped: str | None = None
    """Why the run stopped before the end of the input (``--max-errors``), else None."""
    geo_written: int = 0
    geo_omitted: int = 0
    """Incidents left out of the GeoJSON because they have no coordinates."""

    def add(self, result: ArticleResult) -> None:
        self.articles += 1
        if result.error is not None:
            self.failed += 1
            self.errors.append(f"{result.error.input}: [{result.error.stage}] {result.error.message}")
            return
        self.events += len(result.events)
        self.aggregates += len(result.aggregates)
        incidents = [e.type.value for e in result.events if e.modality.is_incident]
        self.incidents += len(incidents)
        self.events_by_type.update(incidents)


def input_key(item: Article | Failure | ArticleResult) -> tuple[str, str]:
    """What identifies one input across runs: its article id and where it was read from."""
    if isinstance(item, Failure):
        return item.article_id, item.input or item.article_id
    if isinstance(item, Article):
        return item.id, item.source or item.id
    return item.article_id, item.source or item.article_id


# --- long articles ---------------------------------------------------------------------------------------
def split_text(text: str, limit: int) -> list[tuple[int, str]]:
    """``(offset, part)`` pairs of at most ``limit`` characters, cut at paragraph breaks where possible."""
    if len(text) <= limit:
        return [(0, text)]
    parts, start = [], 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = 0
        for pattern in (_PARAGRAPH_BREAK, _LINE_BREAK, _SENTENCE_BREAK, _SPACE):
            last = None
            for last in pattern.finditer(window):
                pass
            if last is not None and last.end() < len(window):
                cut = last.end()
                break
        cut = cut or limit
        parts.append((start, text[start : start + cut]))
        start += cut
    parts.append((start, text[start:]))
    return parts


def _shift(value, chars: int, sentences: int):
    """Move every Evidence in a dumped record by ``chars`` characters and ``sentences`` sentences."""
    if isinstance(value, dict):
        if value.keys() == _EVIDENCE_KEYS:
            return {"start": value["start"] + chars, "end": value["end"] + chars, "text": value["text"],
                    "sentence": value["sentence"] + sentences}
        return {k: _shift(v, chars, sentences) for k, v in value.items()}
    if isinstance(value, list):
        return [_shift(v, chars, sentences) for v in value]
    return value


def _merge_mentions(kind: str, items: list[dict]) -> list[dict]:
    merged: dict[tuple, dict] = {}
    for item in items:
        key = (item["name"], item["kind"] if kind == "actors" else item["precision"], item.get("country"))
        if key not in merged:
            merged[key] = dict(item, texts=list(item["texts"]))
            continue
        target = merged[key]
        target["count"] += item["count"]
        target["texts"].extend(t for t in item["texts"] if t not in target["texts"])
    return list(merged.values())


def merge_parts(article: Article, parts: list[tuple[int, int, ArticleResult]], limit: int) -> ArticleResult:
    """One result for an article processed in parts: offsets, sentence numbers and ids as if read whole.

    ``parts`` holds ``(character offset, sentences before this part, result of the part)``.
    """
    source = article.source or article.id
    for index, (_, _, part) in enumerate(parts):
        if part.error is not None:
            return failed(article.id, source, part.error.stage, f"part {index + 1} of {len(parts)}: {part.error.message}")
    events, aggregates, actors, places, warnings = [], [], [], [], []
    for chars, sentences, part in parts:
        renamed: dict[str, str] = {}
        part_events = []
        for event in part.events:
            data = _shift(event.model_dump(mode="json"), chars, sentences)
            data["id"] = stable_id(article.id, "event", data["trigger"]["start"], data["trigger"]["end"])
            renamed[event.id] = data["id"]
            part_events.append(data)
        for data in part_events:
            data["related"] = [renamed.get(r, r) for r in data["related"]]
        events.extend(part_events)
        for aggregate in part.aggregates:
            data = _shift(aggregate.model_dump(mode="json"), chars, sentences)
            data["id"] = stable_id(article.id, "aggregate", data["evidence"]["start"], data["evidence"]["end"])
            aggregates.append(data)
        dumped = part.mentions.model_dump(mode="json")
        actors.extend(dumped["actors"])
        places.extend(dumped["places"])
        warnings.extend(w for w in part.warnings if w not in warnings)
    warnings.append(Warnings.W003.format(article=article.id, limit=limit, parts=len(parts)))
    return ArticleResult.model_validate(
        {"article_id": article.id, "source": article.source, "published": article.published,
         "published_source": article.published_source, "events": events, "aggregates": aggregates,
         "mentions": {"actors": _merge_mentions("actors", actors), "places": _merge_mentions("places", places)},
         "warnings": warnings, "error": None},
        context={"text": article.text},
    )


def _sentence_count(doc) -> int:
    if not doc.has_annotation("SENT_START"):
        return 1
    return sum(1 for _ in doc.sents)


# --- the local engine ------------------------------------------------------------------------------------
@dataclass
class _Pending:
    item: Article | Failure
    parts: list[tuple[int, str]]
    done: list[tuple[int, int, ArticleResult]] = field(default_factory=list)
    sentences: int = 0

    @property
    def complete(self) -> bool:
        return len(self.done) == len(self.parts)

    def add(self, doc, nlp: Language) -> None:
        article = self.item
        offset, text = self.parts[len(self.done)]
        if len(self.parts) == 1:
            self.done.append((0, 0, result_from_doc(article, doc, nlp)))
            return
        part = article.model_copy(update={"text": text})
        self.done.append((offset, self.sentences, result_from_doc(part, doc, nlp)))
        self.sentences += _sentence_count(doc)

    def result(self, limit: int) -> ArticleResult:
        item = self.item
        if isinstance(item, Failure):
            return failed(item.article_id, item.input, item.stage, item.message)
        if len(self.parts) == 1:
            return self.done[0][2]
        return merge_parts(item, self.done, limit)


def results(items: Iterable[Article | Failure], nlp: Language, *, batch_size: int = DEFAULT_BATCH_SIZE,
            n_process: int = 1, max_length: int | None = None) -> Iterator[ArticleResult]:
    """One result per input, in input order, from one streaming ``nlp.pipe``.

    Failures from ingest pass through as error records. Articles longer than ``max_length`` (default
    ``nlp.max_length``) are processed in parts and merged (W003). If the pipeline raises inside
    ``nlp.pipe``, the articles of the broken stream are redone one by one, the one that fails becomes an
    error record (stage ``nlp``), and a new stream continues with the rest.
    """
    limit = max_length or nlp.max_length
    source = iter(items)
    while True:
        pending: deque[_Pending] = deque()
        source_failed: list[BaseException] = []

        def texts() -> Iterator[str]:
            while True:
                try:
                    item = next(source)
                except StopIteration:
                    return
                except Exception as err:  # an ingest bug, not an article problem: do not swallow it
                    source_failed.append(err)
                    raise
                if isinstance(item, Failure):
                    pending.append(_Pending(item, []))
                    continue
                entry = _Pending(item, split_text(item.text, limit))
                pending.append(entry)
                for _, text in entry.parts:
                    yield text

        stream = nlp.pipe(texts(), batch_size=batch_size, n_process=n_process)
        try:
            with contextlib.closing(stream):
                for doc in stream:
                    while pending and pending[0].complete:
                        yield pending.popleft().result(limit)
                    pending[0].add(doc, nlp)
                    while pending and pending[0].complete:
                        yield pending.popleft().result(limit)
        except Exception as err:
            if source_failed or os.environ.get("NEWSEVENTS_DEBUG"):
                raise
            while pending:
                yield _one_by_one(pending.popleft(), nlp, limit, err)
            continue
        while pending:
            yield pending.popleft().result(limit)
        return


def _one_by_one(entry: _Pending, nlp: Language, limit: int, stream_error: Exception) -> ArticleResult:
    if isinstance(entry.item, Failure):
        return entry.result(limit)
    while not entry.complete:
        _, text = entry.parts[len(entry.done)]
        try:
            doc = nlp(text)
        except Exception as err:
            item = entry.item
            return failed(item.id, item.source or item.id, "nlp", Errors.E011.format(stage="nlp", reason=f"{type(err).__name__}: {err}"))
        entry.add(doc, nlp)
    return entry.result(limit)


# --- the run ---------------------------------------------------------------------------------------------
def partial_path(out: Path) -> Path:
    return out.with_name(out.name + ".partial")


def run_batch(
    paths: Iterable[Path | str],
    out: Path,
    *,
    published: dt.date | None = None,
    model: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = DEFAULT_N_PROCESS,
    resume: bool = False,
    max_errors: int | None = None,
    csv: Path | None = None,
    parquet: Path | None = None,
    geojson: Path | None = None,
    errors: Path | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    max_length: int | None = None,
    on_result: Callable[[ArticleResult], None] | None = None,
) -> RunSummary:
    """Extract every input under ``paths`` into ``out`` (JSONL) and the flat outputs asked for.

    ``resume`` continues an interrupted run from ``OUT.jsonl.partial`` (or extends a finished ``OUT.jsonl``
    that stopped at ``max_errors``); without it any partial file is replaced. ``max_errors`` stops the
    run once more than that many inputs failed, with everything finished so far written (E015).
    """
    from .writers.jsonl import JsonlAppender, read_results, recover
    from .writers.outputs import write_flat_outputs

    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    paths = [Path(p) for p in paths]
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = partial_path(out)
    summary = RunSummary()
    done: Counter = Counter()
    if resume:
        if not partial.exists() and out.exists():
            os.replace(out, partial)
        for result in recover(partial):
            done[input_key(result)] += 1
            summary.add(result)
            summary.resumed += 1
    elif partial.exists():
        partial.unlink()

    def todo() -> Iterator[Article | Failure]:
        for item in iter_articles(paths, published=published):
            key = input_key(item)
            if done[key]:
                done[key] -= 1
                continue
            yield item

    if engine == "dask":
        from .engines.dask import dask_results

        stream = dask_results(todo(), model=model, batch_size=batch_size, n_workers=n_process,
                              scheduler=scheduler, max_length=max_length)
    else:
        stream = results(todo(), load(model), batch_size=batch_size, n_process=n_process, max_length=max_length)

    with JsonlAppender(partial, sync_every=batch_size) as writer, contextlib.closing(stream):
        for result in stream:
            writer.write(result.model_dump_json())
            summary.add(result)
            if on_result is not None:
                on_result(result)
            if max_errors is not None and summary.failed > max_errors:
                summary.stopped = Errors.E015.format(count=summary.failed, limit=max_errors)
                break
    os.replace(partial, out)
    _fsync_dir(out.parent)
    if any(p is not None for p in (csv, parquet, geojson, errors)):
        written, omitted = write_flat_outputs(read_results(out), csv=csv, parquet=parquet, geojson=geojson,
                                              errors=errors, texts=_aligned_texts(paths, published))
        summary.geo_written, summary.geo_omitted = written, omitted
    return summary


def _aligned_texts(paths: list[Path], published) -> Callable[[ArticleResult], str | None]:
    """The article text of each result, read again from the inputs in the same order (for notes)."""
    source = iter(iter_articles(paths, published=published))

    def text_of(result: ArticleResult) -> str | None:
        for item in source:
            if input_key(item) == input_key(result):
                return item.text if isinstance(item, Article) else None
            # the inputs changed since the run: notes fall back to the trigger text
            return None
        return None

    return text_of


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
