"""Hugging Face ``datasets``: read local JSONL/CSV/Parquet into Articles, and a batched ``Dataset.map`` function.

>>> import datasets
>>> from pipeline.hf import extract_columns, load_articles
>>> ds = datasets.load_dataset("parquet", data_files="news.parquet", split="train")
>>> ds = ds.map(extract_columns, batched=True, batch_size=64, fn_kwargs={"model": None}, num_proc=2)
>>> ds[0]["n_events"], ds[0]["result_json"]        # one ArticleResult per row, as JSON

``extract_columns`` loads the model once per process (``pipeline.load`` is cached), so ``num_proc``
workers each load it once. Rows whose text is missing or empty get an ``error`` and no result.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, Iterator

from pydantic import ValidationError

from models import Article, ArticleResult, PublishedSource

from .engines.local import DEFAULT_BATCH_SIZE
from .ingest import Failure, fields
from .result import failed

# The one map of input field names, shared with the file readers.
TEXT_FIELDS, PUBLISHED_FIELDS, TITLE_FIELDS, ID_FIELDS = fields.TEXT, fields.PUBLISHED, fields.TITLE, fields.ID
FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".parquet": "parquet"}
RESULT_COLUMNS = ("article_id", "result_json", "n_events", "error")


def _first(row: dict, fields: tuple[str, ...]) -> Any:
    for name in fields:
        value = row.get(name)
        if value is not None and value != "":
            return value
    return None


def _published(value: Any) -> dt.date | dt.datetime | str | None:
    """Dates as the file gave them: strings stay strings (their offset intact), Arrow timestamps stay aware."""
    if value is None:
        return None
    if hasattr(value, "to_pydatetime"):  # a pandas Timestamp
        value = value.to_pydatetime()
    if isinstance(value, (dt.date, dt.datetime)):
        return value
    text = str(value).strip()
    return text or None


def row_to_article(row: dict, *, default_id: str, source: str, published: dt.date | dt.datetime | None = None,
                   text_column: str | None = None, id_column: str | None = None) -> Article:
    """One dataset row as an Article; raises ValueError naming the row when it cannot be one."""
    text = row.get(text_column) if text_column else _first(row, TEXT_FIELDS)
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"Record {source} has no text (looked for: {text_column or '|'.join(TEXT_FIELDS)})")
    record_published = _published(_first(row, PUBLISHED_FIELDS))
    if record_published is not None:
        when, origin = record_published, PublishedSource.record
    elif published is not None:
        when, origin = published, PublishedSource.argument
    else:
        when, origin = None, PublishedSource.none
    identifier = row.get(id_column) if id_column else _first(row, ID_FIELDS)
    title = _first(row, TITLE_FIELDS)
    url = row.get("url")
    try:
        return Article.model_validate({"id": str(identifier) if identifier is not None else default_id, "text": text,
                                       "title": str(title) if title is not None else None,
                                       "url": str(url) if url else None, "published": when,
                                       "published_source": origin, "source": source})
    except ValidationError as err:
        messages = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in err.errors())
        raise ValueError(f"Invalid record {source}: {messages}") from err


def load_dataset(path: Path | str, *, format: str | None = None, split: str = "train"):
    """``datasets.load_dataset`` over one local file, keeping date strings as written.

    JSON lines go through the ``text`` builder and are parsed here: the ``json`` builder lets Arrow infer
    ISO dates as timestamps and converts "2025-01-10T08:00:00+05:00" to naive UTC, losing the offset.
    CSV is read with every column as a string for the same reason. Parquet keeps its own types; a
    ``timestamp[tz=+05:00]`` column comes back as an aware datetime.
    """
    import datasets

    path = Path(path)
    fmt = format or FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"Cannot tell the format of {path} (give format=: {', '.join(sorted(set(FORMATS.values())))})")
    if fmt in ("jsonl", "json"):
        return datasets.load_dataset("text", data_files=str(path), split=split)
    if fmt == "csv":
        header = datasets.load_dataset("csv", data_files=str(path), split=split, nrows=1).column_names
        features = datasets.Features({name: datasets.Value("string") for name in header})
        return datasets.load_dataset("csv", data_files=str(path), split=split, features=features,
                                     keep_default_na=False)
    return datasets.load_dataset(fmt, data_files=str(path), split=split)


def load_articles(path: Path | str, *, format: str | None = None, published: dt.date | dt.datetime | None = None,
                  text_column: str | None = None, id_column: str | None = None) -> Iterator[Article | Failure]:
    """Articles from a local JSONL, CSV or Parquet file read with ``datasets``, or a Failure per bad row.

    Ids default to ``FILE:ROW`` (1-based, as ``pipeline.ingest`` numbers JSONL lines).
    """
    path = Path(path)
    dataset = load_dataset(path, format=format)
    is_lines = "text" in dataset.column_names and len(dataset.column_names) == 1 and (
        (format or FORMATS.get(path.suffix.lower())) in ("jsonl", "json"))
    for number, row in enumerate(dataset, start=1):
        where = f"{path}:{number}"
        default_id = f"{path.name}:{number}"
        if is_lines:
            line = row["text"]
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                yield Failure(where, "ingest", f"[E004] Malformed JSON in {where}: {err}", default_id)
                continue
            if not isinstance(row, dict):
                yield Failure(where, "ingest", f"[E004] Malformed JSON in {where}: expected a JSON object", default_id)
                continue
        try:
            yield row_to_article(row, default_id=default_id, source=where, published=published,
                                 text_column=text_column, id_column=id_column)
        except ValueError as err:
            yield Failure(where, "ingest", str(err), default_id)


def extract_columns(batch: dict[str, list], *, model: str | None = None, text_column: str | None = None,
                    id_column: str | None = None, published: dt.date | None = None,
                    batch_size: int = DEFAULT_BATCH_SIZE) -> dict[str, list]:
    """For ``Dataset.map(extract_columns, batched=True)``: one ArticleResult (as JSON) per row.

    Returns the columns ``article_id``, ``result_json`` (``ArticleResult.model_dump_json()``),
    ``n_events`` (incidents) and ``error`` (None, or the message). The model is loaded once per process.
    """
    from .engines.local import results
    from .loading import load

    columns = list(batch)
    size = len(batch[columns[0]]) if columns else 0
    items: list[Article | Failure] = []
    for index in range(size):
        row = {name: batch[name][index] for name in columns}
        default_id = str(row.get(id_column) if id_column else _first(row, ID_FIELDS) or f"row-{index}")
        try:
            items.append(row_to_article(row, default_id=default_id, source=default_id, published=published,
                                        text_column=text_column, id_column=id_column))
        except ValueError as err:
            items.append(Failure(default_id, "ingest", str(err), default_id))
    out: dict[str, list] = {name: [] for name in RESULT_COLUMNS}
    for result in results(items, load(model), batch_size=batch_size):
        out["article_id"].append(result.article_id)
        out["result_json"].append(result.model_dump_json())
        out["n_events"].append(sum(1 for e in result.events if e.modality.is_incident))
        out["error"].append(result.error.message if result.error else None)
    return out


def result_of(row: dict) -> ArticleResult:
    """The ArticleResult of a row produced by ``extract_columns``."""
    return ArticleResult.model_validate_json(row["result_json"])


__all__ = ["extract_columns", "load_articles", "load_dataset", "result_of", "row_to_article", "failed"]
