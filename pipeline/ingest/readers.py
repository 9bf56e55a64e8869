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

import datetime as dt
import json
import os
import stat
from pathlib import Path
from typing import Any, Iterable, Iterator

from models import Article, PublishedSource

from ..errors import Errors
from . import fields
from .decoding import decode
from .fields import IngestError
from .html import read_html
from .inputs import STAGE, Failure, Fallback, Input, json_kind, make_article, read_whole
from .paths import printable
from .records import read_csv, read_json, read_jsonl

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
RECORD_SUFFIXES = frozenset({".json", ".jsonl", ".csv"})
SUPPORTED = sorted(TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES)
SIDECAR_SUFFIXES = (".meta.json", ".gold.json")


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
        fallback = Fallback(None, PublishedSource.none)
    else:
        fallback = Fallback(fields.parse_published(published, where="the published argument"),
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


def _read_all(paths: Iterable[Path | str], fallback: Fallback, max_bytes: int,
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
                yield from _read(Input(child, printable(str(child)), printable(rel)), fallback, max_bytes)
            continue
        item = Input(path, printable(str(path)), printable(path.name))
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


def _explicit_problem(item: Input, skip: set[Path]) -> str | None:
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


def _not_regular(item: Input) -> str | None:
    """A FIFO, socket or device would block or never end when read: it is reported, not opened."""
    try:
        mode = item.path.stat().st_mode
    except OSError as err:
        return Errors.E001.format(path=item.label, reason=err.strerror or err)
    if not stat.S_ISREG(mode):
        return Errors.E001.format(path=item.label, reason="not a regular file (a FIFO, socket or device)")
    return None


def _read(item: Input, fallback: Fallback, max_bytes: int) -> Iterator[Article | Failure]:
    suffix = item.path.suffix.lower()
    problem = _not_regular(item)
    if problem is not None:
        yield Failure(item.label, STAGE, problem, item.rel)
        return
    try:
        if suffix == ".jsonl":
            yield from read_jsonl(item, fallback, max_bytes)
        elif suffix == ".csv":
            yield from read_csv(item, fallback, max_bytes)
        else:
            content = read_whole(item, max_bytes)
            if suffix == ".json":
                yield from read_json(item, content, fallback)
            else:
                yield _read_document(item, content, fallback, html=suffix in HTML_SUFFIXES)
    except IngestError as err:
        yield Failure(item.label, STAGE, str(err), item.rel)
    except OSError as err:
        yield Failure(item.label, STAGE, Errors.E001.format(path=item.label, reason=err.strerror or err), item.rel)


# one article per file -------------------------------------------------------------------------

def _read_document(item: Input, content: str, fallback: Fallback, *, html: bool) -> Article | Failure:
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
    return make_article(id=item.rel, where=item.label, text=content, title=title, url=url,
                    published=published, published_source=source)


def _sidecar(item: Input) -> tuple[dict[str, Any], str]:
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
                                             reason=f"a JSON {json_kind(data)}, expected an object"))
    return data, label
