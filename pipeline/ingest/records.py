"""Files of records: a JSON record or list, JSONL streamed line by line, CSV rows under a header."""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterator

from models import Article, PublishedSource

from ..errors import Errors
from . import fields
from .decoding import SNIFF_BYTES, check_binary, decode, is_utf16
from .fields import IngestError
from .inputs import STAGE, Failure, Fallback, Input, json_kind, make_article, read_whole

# records --------------------------------------------------------------------------------------

def _record(record: Any, *, where: str, default_id: str, fallback: Fallback) -> Article | Failure:
    try:
        if not isinstance(record, dict):
            raise IngestError(Errors.E102.format(path=where, kind=json_kind(record)))
        text = fields.text_of(record, where)
        published, source = fields.published_of(record, where), PublishedSource.record
        if published is None:
            published, source = fallback.published, fallback.source
        return make_article(id=fields.id_of(record, where) or default_id, where=where, text=text,
                        title=fields.string_of(record, fields.TITLE, where),
                        url=fields.string_of(record, fields.URL, where),
                        published=published, published_source=source)
    except IngestError as err:
        return Failure(where, STAGE, str(err), default_id)


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


def read_json(item: Input, content: str, fallback: Fallback) -> Iterator[Article | Failure]:
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


def _sniff(handle, item: Input) -> bytes:
    """The first bytes of a streamed file, after refusing an empty or binary one; rewinds the handle."""
    head = handle.read(SNIFF_BYTES)
    if not head:
        raise IngestError(Errors.E002.format(path=item.label))
    check_binary(head, item.label)
    handle.seek(0)
    return head


def read_jsonl(item: Input, fallback: Fallback, max_bytes: int) -> Iterator[Article | Failure]:
    with item.path.open("rb") as handle:
        head = _sniff(handle, item)
        lines: Iterator[tuple[int, int | None, bytes | str | None, int | None]]
        if is_utf16(head):  # rare enough to read whole, under the file limit
            content = read_whole(item, max_bytes)
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
                text = line if isinstance(line, str) else decode(line, item.label, base_offset=offset or 0)
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


def read_csv(item: Input, fallback: Fallback, max_bytes: int) -> Iterator[Article | Failure]:
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
            record = dict(zip(header, row, strict=True))
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
