"""Reading articles from files and folders.

Folders are walked recursively in sorted order. ``.txt``/``.md`` are one article each (a sidecar
``NAME.meta.json`` may give its publication date, title and url); ``.json`` is one record or a
list; ``.jsonl`` one record per line. Anything that cannot be read becomes a ``Failure`` naming the
input (file, and line for JSONL); the rest of the batch goes on.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from pydantic import ValidationError

from models import Article, PublishedSource

from ..errors import Errors

TEXT_SUFFIXES = {".txt", ".md"}
RECORD_SUFFIXES = {".json", ".jsonl"}
SIDECAR_SUFFIXES = (".meta.json", ".gold.json")
SUPPORTED = sorted(TEXT_SUFFIXES | RECORD_SUFFIXES)
TEXT_FIELDS = ("text", "maintext", "body", "content")
PUBLISHED_FIELDS = ("published", "pub_date", "publish_date", "date_publish", "date")
TITLE_FIELDS = ("title", "headline")
ID_FIELDS = ("id", "story_id")


@dataclass(frozen=True)
class Failure:
    """An input that could not become an article."""

    input: str
    stage: str
    message: str
    article_id: str


def _first(record: dict, fields: tuple[str, ...]):
    for name in fields:
        value = record.get(name)
        if value not in (None, ""):
            return value
    return None


def _read_text(path: Path, label: str) -> str:
    data = path.read_bytes()
    if not data.strip():
        raise ValueError(Errors.E002.format(path=label))
    if b"\x00" in data[:8192]:
        raise ValueError(Errors.E003.format(path=label))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ValueError(Errors.E003.format(path=label) + f" ({err.reason} at byte {err.start})") from err


def _article(record: dict, *, default_id: str, source: str, published, published_source) -> Article:
    text = _first(record, TEXT_FIELDS)
    if not isinstance(text, str):
        raise ValueError(Errors.E005.format(path=source, fields="|".join(TEXT_FIELDS)))
    record_published = _first(record, PUBLISHED_FIELDS)
    if record_published is not None:
        published, published_source = record_published, PublishedSource.record
    article_id = _first(record, ID_FIELDS)
    try:
        return Article(id=str(article_id) if article_id is not None else default_id, text=text,
                       title=_first(record, TITLE_FIELDS), url=record.get("url"), published=published,
                       published_source=published_source if published is not None else PublishedSource.none,
                       source=source)
    except ValidationError as err:
        messages = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in err.errors())
        raise ValueError(f"Invalid record {source}: {messages}") from err


def _sidecar(path: Path) -> dict:
    meta = path.with_name(path.stem + ".meta.json")
    if not meta.exists():
        return {}
    return json.loads(meta.read_text(encoding="utf-8"))


def _files(paths: Iterable[Path | str]) -> Iterator[tuple[Path, Path]]:
    """(file, root) pairs: the root makes article ids relative to the folder given."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name.endswith(SIDECAR_SUFFIXES) or child.name.startswith("."):
                    continue
                if child.suffix.lower() in TEXT_SUFFIXES | RECORD_SUFFIXES:
                    yield child, path
        else:
            yield path, path.parent


def iter_articles(
    paths: Iterable[Path | str], *, published: dt.date | dt.datetime | None = None
) -> Iterator[Article | Failure]:
    """Every article in ``paths`` in a stable order, or a ``Failure`` for each input that cannot be read."""
    default_source = PublishedSource.argument if published is not None else PublishedSource.none
    for path, root in _files(paths):
        label = str(path)
        rel = path.relative_to(root).as_posix() if path != root else path.name
        if not path.exists():
            yield Failure(label, "ingest", Errors.E007.format(path=label), rel)
            continue
        suffix = path.suffix.lower()
        if suffix not in TEXT_SUFFIXES | RECORD_SUFFIXES:
            yield Failure(label, "ingest", Errors.E008.format(suffix=suffix, path=label, supported=", ".join(SUPPORTED)), rel)
            continue
        try:
            content = _read_text(path, label)
        except (OSError, ValueError) as err:
            yield Failure(label, "ingest", str(err) if isinstance(err, ValueError) else Errors.E001.format(path=label, reason=err), rel)
            continue
        if suffix in TEXT_SUFFIXES:
            try:
                meta = _sidecar(path)
                source = PublishedSource.sidecar if meta.get("published") else default_source
                yield _article({"text": content, **{k: v for k, v in meta.items() if k in {"published", "title", "url"}}},
                               default_id=rel, source=label,
                               published=meta.get("published") or published,
                               published_source=source)
            except (ValueError, json.JSONDecodeError) as err:
                yield Failure(label, "ingest", str(err), rel)
            continue
        if suffix == ".json":
            try:
                data = json.loads(content)
            except json.JSONDecodeError as err:
                yield Failure(label, "ingest", Errors.E004.format(path=label, reason=err), rel)
                continue
            records = data if isinstance(data, list) else [data]
            for index, record in enumerate(records):
                where = f"{label}[{index}]" if isinstance(data, list) else label
                default_id = f"{rel}[{index}]" if isinstance(data, list) else rel
                yield _record(record, where, default_id, published, default_source)
            continue
        for number, line in enumerate(content.splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{label}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                yield Failure(where, "ingest", Errors.E004.format(path=where, reason=err), f"{rel}:{number}")
                continue
            yield _record(record, where, f"{rel}:{number}", published, default_source)


def _record(record, where: str, default_id: str, published, default_source) -> Article | Failure:
    if not isinstance(record, dict):
        return Failure(where, "ingest", Errors.E004.format(path=where, reason="expected a JSON object"), default_id)
    try:
        return _article(record, default_id=default_id, source=where, published=published,
                        published_source=default_source)
    except ValueError as err:
        return Failure(where, "ingest", str(err), default_id)
