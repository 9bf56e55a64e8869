"""Reading articles from files and folders.

Folders are walked recursively in sorted order (hidden files and folders, sidecars and
unsupported suffixes skipped). ``.txt``/``.md``/``.html``/``.htm`` are one article each, with an
optional sidecar ``NAME.meta.json`` giving published/title/url; ``.json`` is one record or a list;
``.jsonl`` one record per line; ``.csv`` one record per row under a header. Anything that cannot be
read becomes a ``Failure`` naming the input (file, ``:LINE``/``:ROW`` or ``[INDEX]``); the rest of
the batch goes on.

Size limit: ``max_bytes`` bounds one article. For ``.jsonl`` and ``.csv``, which are streamed, it
bounds each line/row, so a corpus file of any size can be read; every other file is read whole and
bounded as a file.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from pydantic import ValidationError

from models import Article, PublishedSource

from ..errors import Errors
from . import fields
from .decoding import SNIFF_BYTES, check_binary, decode, is_utf16
from .fields import IngestError
from .html import read_html
from .paths import printable

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
RECORD_SUFFIXES = frozenset({".json", ".jsonl", ".csv"})
SUPPORTED = sorted(TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES)
SIDECAR_SUFFIXES = (".meta.json", ".gold.json")
STAGE = "ingest"


@dataclass(frozen=True)
class Failure:
    """An input that could not become an article."""

    input: str
    stage: str
    message: str
    article_id: str


@dataclass(frozen=True)
class _Input:
    path: Path
    label: str
    """The path as the user gave it (or the walk found it), for messages and ``Article.source``."""
    rel: str
    """Default article id: the path relative to the folder given, or the file name."""


@dataclass(frozen=True)
class _Fallback:
    published: dt.datetime | dt.date | None
    source: PublishedSource


def iter_articles(
    paths: Iterable[Path | str] | Path | str,
    *,
    published: dt.date | dt.datetime | str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    exclude: Iterable[Path] = (),
) -> Iterator[Article | Failure]:
    """Every article under ``paths`` in a stable order, or a ``Failure`` for each input that cannot be read.

    published: publication date for inputs that give none (``published_source="argument"``).
    max_bytes: largest article accepted (see the module docstring for JSONL/CSV).
    exclude: files a folder walk leaves out (the run's own outputs, when they sit inside an input folder).
    Article ids are unique across the inputs: a repeated id (``a/x.txt`` and ``b/x.txt`` given as files,
    or two records with one id) is replaced by the input's path, then numbered.
    An unparseable ``published`` raises ``ValueError`` (E006): that is the caller's mistake, not an input's.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    if published is None:
        fallback = _Fallback(None, PublishedSource.none)
    else:
        fallback = _Fallback(fields.parse_published(published, where="the published argument"),
                             PublishedSource.argument)
    skip = {_resolved(p) for p in exclude}
    seen: set[str] = set()
    for item in _read_all(paths, fallback, max_bytes, skip):
        yield _unique(item, seen)


def _resolved(path: Path | str) -> Path:
    try:
        return Path(path).resolve()
    except OSError:
        return Path(os.path.abspath(path))


def _read_all(paths: Iterable[Path | str], fallback: "_Fallback", max_bytes: int,
              skip: set[Path]) -> Iterator[Article | Failure]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child, rel in _walk(path):
                if isinstance(child, OSError):  # a folder that could not be listed
                    label = printable(str(child.filename or path))
                    reason = child.strerror or str(child)
                    yield Failure(label, STAGE, Errors.E001.format(path=label, reason=reason), printable(rel))
                    continue
                if skip and _resolved(child) in skip:
                    continue  # this run's own output, written inside the input folder
                yield from _read(_Input(child, printable(str(child)), printable(rel)), fallback, max_bytes)
            continue
        item = _Input(path, printable(str(path)), printable(path.name))
        problem = _explicit_problem(item, skip)
        if problem is not None:
            yield Failure(item.label, STAGE, problem, item.rel)
            continue
        yield from _read(item, fallback, max_bytes)


def _unique(item: Article | Failure, seen: set[str]) -> Article | Failure:
    """The item with an id no earlier input of the run has."""
    current = item.id if isinstance(item, Article) else item.article_id
    if current in seen:
        label = item.source if isinstance(item, Article) else item.input
        candidate, number = (label or current), 2
        while candidate in seen:
            candidate, number = f"{label or current}#{number}", number + 1
        item = (item.model_copy(update={"id": candidate}) if isinstance(item, Article)
                else Failure(item.input, item.stage, item.message, candidate))
        current = candidate
    seen.add(current)
    return item


def _is_sidecar(name: str) -> bool:
    return name.lower().endswith(SIDECAR_SUFFIXES)


def _walk(root: Path) -> list[tuple[Path | OSError, str]]:
    """Supported files under ``root``, sorted by relative path; symlinked folders are not followed.

    A folder that cannot be listed comes back as its ``OSError``, so it is reported, not skipped.
    """
    found: list[tuple[tuple[str, ...], Path | OSError]] = []

    def unreadable(err: OSError) -> None:
        where = Path(err.filename) if err.filename else root
        found.append((where.relative_to(root).parts if where != root else (), err))

    for folder, dirnames, filenames in os.walk(root, onerror=unreadable):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if name.startswith(".") or _is_sidecar(name) or Path(name).suffix.lower() not in SUPPORTED:
                continue
            path = Path(folder, name)
            found.append((path.relative_to(root).parts, path))
    return [(path, "/".join(parts) or root.name) for parts, path in sorted(found, key=lambda pair: pair[0])]


def _explicit_problem(item: _Input, skip: set[Path]) -> str | None:
    """Why a path given by the user cannot be read (unlike a walk, nothing is skipped silently)."""
    if not item.path.exists():
        return Errors.E007.format(path=item.label)
    if skip and _resolved(item.path) in skip:
        return Errors.E112.format(path=item.label)
    if _is_sidecar(item.path.name):
        return Errors.E108.format(path=item.label)
    suffix = item.path.suffix.lower()
    if suffix not in SUPPORTED:
        return Errors.E008.format(suffix=suffix, path=item.label, supported=", ".join(SUPPORTED))
    return _not_regular(item)


def _not_regular(item: _Input) -> str | None:
    """A FIFO, socket or device would block or never end when read: it is reported, not opened."""
    try:
        mode = item.path.stat().st_mode
    except OSError as err:
        return Errors.E001.format(path=item.label, reason=err.strerror or err)
    if not stat.S_ISREG(mode):
        return Errors.E001.format(path=item.label, reason="not a regular file (a FIFO, socket or device)")
    return None


def _read(item: _Input, fallback: _Fallback, max_bytes: int) -> Iterator[Article | Failure]:
    suffix = item.path.suffix.lower()
    problem = _not_regular(item)
    if problem is not None:
        yield Failure(item.label, STAGE, problem, item.rel)
        return
    try:
        if suffix == ".jsonl":
            yield from _read_jsonl(item, fallback, max_bytes)
        elif suffix == ".csv":
            yield from _read_csv(item, fallback, max_bytes)
        else:
            content = _read_whole(item, max_bytes)
            if suffix == ".json":
                yield from _read_json(item, content, fallback)
            else:
                yield _read_document(item, content, fallback, html=suffix in HTML_SUFFIXES)
    except IngestError as err:
        yield Failure(item.label, STAGE, str(err), item.rel)
    except OSError as err:
        yield Failure(item.label, STAGE, Errors.E001.format(path=item.label, reason=err.strerror or err), item.rel)


def _read_whole(item: _Input, max_bytes: int) -> str:
    size = item.path.stat().st_size
    if size > max_bytes:
        raise IngestError(Errors.E012.format(path=item.label, size=size, limit=max_bytes))
    data = item.path.read_bytes()
    if not data:
        raise IngestError(Errors.E002.format(path=item.label))
    check_binary(data, item.label)
    content = decode(data, item.label)
    if not content.strip():
        raise IngestError(Errors.E100.format(path=item.label))
    return content


# one article per file -------------------------------------------------------------------------

def _read_document(item: _Input, content: str, fallback: _Fallback, *, html: bool) -> Article | Failure:
    title = url = None
    published, source = fallback.published, fallback.source
    if html:
        page = read_html(content, item.label)
        content, title = page.text, page.title
        if page.published is not None:
            published, source = page.published, PublishedSource.html_metadata
    meta, meta_label = _sidecar(item)
    if meta:
        meta_published = fields.published_of(meta, meta_label)
        if meta_published is not None:
            published, source = meta_published, PublishedSource.sidecar
        title = fields.string_of(meta, fields.TITLE, meta_label) or title
        url = fields.string_of(meta, fields.URL, meta_label)
    return _article(id=item.rel, where=item.label, text=content, title=title, url=url,
                    published=published, published_source=source)


def _sidecar(item: _Input) -> tuple[dict[str, Any], str]:
    """The sidecar's fields and a label naming it and its article, for messages."""
    meta = item.path.with_name(item.path.stem + ".meta.json")
    if not meta.is_file():
        return {}, str(meta)
    label = f"{meta} (sidecar of {item.label})"
    try:
        data = json.loads(decode(meta.read_bytes(), label))
    except json.JSONDecodeError as err:
        raise IngestError(Errors.E105.format(path=meta, article=item.label, reason=err)) from None
    if not isinstance(data, dict):
        raise IngestError(Errors.E105.format(path=meta, article=item.label,
                                             reason=f"a JSON {_json_kind(data)}, expected an object"))
    return data, label


# records --------------------------------------------------------------------------------------

def _json_kind(value: Any) -> str:
    kinds = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return kinds.get(type(value), "number")


def _record(record: Any, *, where: str, default_id: str, fallback: _Fallback) -> Article | Failure:
    try:
        if not isinstance(record, dict):
            raise IngestError(Errors.E102.format(path=where, kind=_json_kind(record)))
        text = fields.text_of(record, where)
        published, source = fields.published_of(record, where), PublishedSource.record
        if published is None:
            published, source = fallback.published, fallback.source
        return _article(id=fields.id_of(record, where) or default_id, where=where, text=text,
                        title=fields.string_of(record, fields.TITLE, where),
                        url=fields.string_of(record, fields.URL, where),
                        published=published, published_source=source)
    except IngestError as err:
        return Failure(where, STAGE, str(err), default_id)


def _article(*, id: str, where: str, **values: Any) -> Article:
    try:
        return Article(id=id, source=where, **values)
    except ValidationError as err:
        reason = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in err.errors())
        raise IngestError(Errors.E107.format(path=where, reason=reason)) from None


def _parse_json(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise IngestError(Errors.E004.format(path=where, reason=err)) from None
    except RecursionError:
        raise IngestError(Errors.E004.format(path=where, reason="nested too deeply to be an article record")) from None


RESULT_FIELDS = frozenset({"article_id", "events", "aggregates", "mentions", "error"})


def _refuse_results(record: Any, where: str) -> None:
    """A file of newsevents results (an earlier run's output left in an input folder) holds no articles."""
    if isinstance(record, dict) and {"article_id", "events"} <= record.keys() and not set(record) - RESULT_FIELDS - {
            "source", "published", "published_source", "warnings"}:
        raise IngestError(Errors.E111.format(path=where))


def _read_json(item: _Input, content: str, fallback: _Fallback) -> Iterator[Article | Failure]:
    data = _parse_json(content, item.label)
    _refuse_results(data[0] if isinstance(data, list) and data else data, item.label)
    if not isinstance(data, list):
        yield _record(data, where=item.label, default_id=item.rel, fallback=fallback)
        return
    if not data:
        raise IngestError(Errors.E110.format(path=item.label))
    # 0-based, as jq and JSON Pointer address array elements
    for index, record in enumerate(data):
        yield _record(record, where=f"{item.label}[{index}]", default_id=f"{item.rel}[{index}]", fallback=fallback)


def _lines(handle: io.BufferedReader, max_bytes: int) -> Iterator[tuple[int, int, bytes | None, int]]:
    """``(line number, byte offset, line or None when longer than max_bytes, size)``; never holds an oversized line."""
    number = offset = 0
    while True:
        line = handle.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        size = len(line)
        if size > max_bytes and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = handle.readline(1 << 20)
                size += len(line)
            yield number, offset, None, size
        else:
            yield number, offset, line, size
        offset += size


def _sniff(handle, item: _Input) -> bytes:
    """The first bytes of a streamed file, after refusing an empty or binary one; rewinds the handle."""
    head = handle.read(SNIFF_BYTES)
    if not head:
        raise IngestError(Errors.E002.format(path=item.label))
    check_binary(head, item.label)
    handle.seek(0)
    return head


def _read_jsonl(item: _Input, fallback: _Fallback, max_bytes: int) -> Iterator[Article | Failure]:
    with item.path.open("rb") as handle:
        head = _sniff(handle, item)
        if is_utf16(head):  # rare enough to read whole, under the file limit
            content = _read_whole(item, max_bytes)
            lines = ((n, None, line, None) for n, line in enumerate(content.split("\n"), start=1))
        else:
            lines = _lines(handle, max_bytes)
        seen = False
        for number, offset, line, size in lines:
            where, line_id = f"{item.label}:{number}", f"{item.rel}:{number}"
            if line is None:
                seen = True
                yield Failure(where, STAGE, Errors.E012.format(path=where, size=size, limit=max_bytes), line_id)
                continue
            try:
                text = line if isinstance(line, str) else decode(line, item.label, base_offset=offset)
            except IngestError as err:
                seen = True
                yield Failure(where, STAGE, str(err), line_id)
                continue
            if not text.strip():
                continue  # blank lines separate nothing in JSONL; line numbers still count them
            try:
                record = _parse_json(text, where)
            except IngestError as err:
                seen = True
                yield Failure(where, STAGE, str(err), line_id)
                continue
            if not seen:
                _refuse_results(record, item.label)
            seen = True
            yield _record(record, where=where, default_id=line_id, fallback=fallback)
        if not seen:
            raise IngestError(Errors.E100.format(path=item.label))


def _undecodable(record: dict[str, str]) -> tuple[str, int, int] | None:
    """``(column, byte offset in the cell, byte)`` of the first byte UTF-8 could not decode."""
    for column, value in record.items():
        for index, char in enumerate(value):
            if "\udc80" <= char <= "\udcff":
                return column, len(value[:index].encode("utf-8", "surrogateescape")), ord(char) - 0xDC00
    return None


def _read_csv(item: _Input, fallback: _Fallback, max_bytes: int) -> Iterator[Article | Failure]:
    # the csv module's default 128 KiB per field would refuse long articles; the limit is global
    # to the process, so it is only ever raised
    if csv.field_size_limit() < max_bytes:
        csv.field_size_limit(max_bytes)
    with item.path.open("rb") as raw:
        head = _sniff(raw, item)
        utf16 = is_utf16(head)
        # surrogateescape keeps reading past a bad byte so only its row fails (E101 per row)
        text = io.TextIOWrapper(raw, encoding="utf-16" if utf16 else "utf-8-sig",
                                errors="strict" if utf16 else "surrogateescape", newline="")
        reader = csv.reader(text)
        try:
            header = [name.strip() for name in next(reader)]
        except StopIteration:
            raise IngestError(Errors.E100.format(path=item.label)) from None
        except (csv.Error, UnicodeDecodeError) as err:
            raise IngestError(Errors.E104.format(path=f"{item.label}:1", reason=err)) from None
        if not any(name in header for name in fields.TEXT):
            raise IngestError(Errors.E109.format(path=item.label, fields="|".join(fields.TEXT),
                                                 found=", ".join(header) or "nothing"))
        # rows numbered as a spreadsheet shows them (header = row 1); a text cell spanning
        # several lines keeps one number, so ids survive edits inside an article
        row_number, seen = 1, False
        while True:
            row_number += 1
            where, row_id = f"{item.label}:{row_number}", f"{item.rel}:{row_number}"
            line_before = reader.line_num
            try:
                row = next(reader)
            except StopIteration:
                break
            except UnicodeDecodeError as err:
                yield Failure(where, STAGE, Errors.E101.format(
                    path=item.label, byte=f"0x{err.object[err.start]:02x}", position=f"row {row_number} ({err.reason})"), row_id)
                break
            except csv.Error as err:
                seen = True
                yield Failure(where, STAGE, Errors.E104.format(path=where, reason=err), row_id)
                if reader.line_num == line_before:
                    break
                continue
            if not any(cell.strip() for cell in row):
                continue
            seen = True
            if len(row) != len(header):
                yield Failure(where, STAGE, Errors.E104.format(
                    path=where, reason=f"{len(row)} fields, but the header has {len(header)}"), row_id)
                continue
            record = dict(zip(header, row))
            size = sum(len(cell.encode("utf-8", "surrogateescape")) for cell in row)
            if size > max_bytes:
                yield Failure(where, STAGE, Errors.E012.format(path=where, size=size, limit=max_bytes), row_id)
                continue
            bad = _undecodable(record)
            if bad is not None:
                column, offset, byte = bad
                yield Failure(where, STAGE, Errors.E101.format(
                    path=where, byte=f"0x{byte:02x}", position=f"byte {offset} of column {column!r}"), row_id)
                continue
            yield _record(record, where=where, default_id=row_id, fallback=fallback)
        if not seen:
            raise IngestError(Errors.E110.format(path=item.label))
