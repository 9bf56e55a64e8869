"""Gold annotations on disk: finding them, pairing them with their articles, validating them.

Two layouts are read:

* a folder (searched recursively) of ``<slug>.gold.json`` files, each next to its article
  ``<slug>.txt`` and the article's ``<slug>.meta.json`` sidecar (publication date, title);
* one ``.jsonl`` file of ``GoldDocument`` records, one per line, whose articles are found by
  ``article_id`` (a path relative to the folder of the JSONL file, or to ``articles_dir``).

Every gold record is validated as ``models.GoldDocument`` with the article text as validation
context, so each evidence span is checked against the text. Any problem raises
``GoldError`` with message E013 naming the file (and line, for JSONL).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from pydantic import ValidationError

from models import AggregateClaim, Article, Event, Evidence, GoldDocument, PublishedSource

from ..errors import Errors, NewsEventsError

GOLD_SUFFIX = ".gold.json"
META_SUFFIX = ".meta.json"
TEXT_SUFFIXES = (".txt", ".md")


class GoldError(NewsEventsError):
    """A gold file that cannot be used: unreadable, malformed, or inconsistent with its article."""

    def __init__(self, message: str, *, input: str | None = None) -> None:
        super().__init__(message, stage="gold", input=input)


@dataclass(frozen=True)
class GoldArticle:
    """One annotated article: its text and publication date, and what the annotator coded."""

    article: Article
    gold: GoldDocument
    path: Path

    @property
    def article_id(self) -> str:
        return self.gold.article_id


def _invalid(path: Path | str, reason: str) -> GoldError:
    return GoldError(Errors.E013.format(path=path, reason=reason), input=str(path))


def _validation_reason(err: ValidationError) -> str:
    parts = []
    for item in err.errors()[:5]:
        where = ".".join(str(p) for p in item["loc"]) or "record"
        parts.append(f"{where}: {item['msg']}")
    more = len(err.errors()) - 5
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")


def read_meta(text_path: Path) -> dict:
    """The sidecar of an article (``<slug>.meta.json``), or ``{}`` when there is none."""
    meta_path = text_path.with_name(text_path.name.rsplit(".", 1)[0] + META_SUFFIX)
    if not meta_path.exists():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise _invalid(meta_path, f"unreadable sidecar: {err}") from err
    if not isinstance(meta, dict):
        raise _invalid(meta_path, "a sidecar must be a JSON object")
    return meta


def read_article(text_path: Path, *, article_id: str, gold_path: Path) -> Article:
    """The article of a gold record, with the publication date of its sidecar."""
    if not text_path.exists():
        raise _invalid(gold_path, f"its article {text_path} does not exist")
    try:
        text = text_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise _invalid(gold_path, f"cannot read its article {text_path}: {err}") from err
    meta = read_meta(text_path)
    try:
        return Article(id=article_id, text=text, title=meta.get("title"), url=meta.get("url"),
                       published=meta.get("published"),
                       published_source=PublishedSource.sidecar if meta.get("published") else PublishedSource.none,
                       source=str(text_path))
    except ValidationError as err:
        raise _invalid(gold_path, f"article {text_path}: {_validation_reason(err)}") from err


def validate_gold(raw: object, article: Article, *, where: Path | str) -> GoldDocument:
    """``raw`` as a GoldDocument whose every evidence span matches the article text."""
    if not isinstance(raw, dict):
        raise _invalid(where, "expected a JSON object (a GoldDocument)")
    try:
        return GoldDocument.model_validate(raw, context={"text": article.text})
    except ValidationError as err:
        raise _invalid(where, _validation_reason(err)) from err


def _text_for(gold_path: Path) -> Path:
    stem = gold_path.name[: -len(GOLD_SUFFIX)]
    for suffix in TEXT_SUFFIXES:
        candidate = gold_path.with_name(stem + suffix)
        if candidate.exists():
            return candidate
    return gold_path.with_name(stem + TEXT_SUFFIXES[0])


def load_gold_file(gold_path: Path | str) -> GoldArticle:
    """One ``<slug>.gold.json`` with its article ``<slug>.txt`` and sidecar."""
    gold_path = Path(gold_path)
    try:
        raw = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise _invalid(gold_path, f"unreadable: {err}") from err
    except json.JSONDecodeError as err:
        raise _invalid(gold_path, f"malformed JSON: {err}") from err
    text_path = _text_for(gold_path)
    article_id = raw.get("article_id") if isinstance(raw, dict) else None
    if isinstance(article_id, str) and Path(article_id).name != text_path.name:
        raise _invalid(gold_path, f"article_id {article_id!r} does not name its article {text_path.name!r}")
    article = read_article(text_path, article_id=article_id or text_path.name, gold_path=gold_path)
    return GoldArticle(article=article, gold=validate_gold(raw, article, where=gold_path), path=gold_path)


def load_gold_jsonl(path: Path | str, *, articles_dir: Path | str | None = None) -> list[GoldArticle]:
    """GoldDocuments, one per line; each ``article_id`` is a text file under ``articles_dir``
    (default: the JSONL file's folder, searched recursively when the id is a bare file name)."""
    path = Path(path)
    root = Path(articles_dir) if articles_dir is not None else path.parent
    found: list[GoldArticle] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise _invalid(path, f"unreadable: {err}") from err
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as err:
            raise _invalid(where, f"malformed JSON: {err}") from err
        article_id = raw.get("article_id") if isinstance(raw, dict) else None
        if not isinstance(article_id, str) or not article_id:
            raise _invalid(where, "no article_id")
        text_path = root / article_id
        if not text_path.exists():
            matches = sorted(root.rglob(Path(article_id).name))
            if len(matches) == 1:
                text_path = matches[0]
        article = read_article(text_path, article_id=article_id, gold_path=Path(where))
        found.append(GoldArticle(article=article, gold=validate_gold(raw, article, where=where), path=path))
    return found


def load_gold_dir(path: Path | str) -> list[GoldArticle]:
    """Every gold annotation under ``path`` (recursively), paired with its article, sorted by article id.

    ``path`` may also be one ``.gold.json`` or one ``.jsonl`` of GoldDocuments. Article ids must be
    unique across the folder.
    """
    path = Path(path)
    if not path.exists():
        raise _invalid(path, "no such file or folder")
    if path.is_file():
        found = load_gold_jsonl(path) if path.suffix == ".jsonl" else [load_gold_file(path)]
    else:
        found = [load_gold_file(p) for p in sorted(path.rglob("*" + GOLD_SUFFIX)) if not p.name.startswith(".")]
    seen: dict[str, Path] = {}
    for item in found:
        if item.article_id in seen:
            raise _invalid(item.path, f"article id {item.article_id!r} is also annotated in {seen[item.article_id]}")
        seen[item.article_id] = item.path
    return sorted(found, key=lambda g: g.article_id)


# -- helpers for annotators -------------------------------------------------------------------


def sentence_index(nlp, text: str) -> list[tuple[int, int]]:
    """(start, end) character bounds of each sentence, as the annotation guide defines them."""
    doc = nlp(text)
    return [(s.start_char, s.end_char) for s in doc.sents]


def find_evidence(text: str, phrase: str, *, sentences: list[tuple[int, int]], nth: int = 1) -> Evidence:
    """The Evidence of the ``nth`` occurrence of ``phrase`` in ``text``."""
    start = -1
    for _ in range(nth):
        start = text.find(phrase, start + 1)
        if start < 0:
            raise ValueError(f"{phrase!r} occurs fewer than {nth} time(s) in the article")
    sentence = next((i for i, (s, e) in enumerate(sentences) if s <= start < e), max(len(sentences) - 1, 0))
    return Evidence(start=start, end=start + len(phrase), text=phrase, sentence=sentence)


def draft_gold(article_id: str, events: Iterable[Event], aggregates: Iterable[AggregateClaim]) -> GoldDocument:
    """A starting point for annotation from the extractor's output: ids renumbered e1.., a1..."""
    events, aggregates = list(events), list(aggregates)
    renamed = {e.id: f"e{i}" for i, e in enumerate(events, start=1)}
    renamed.update({a.id: f"a{i}" for i, a in enumerate(aggregates, start=1)})
    return GoldDocument(
        article_id=article_id,
        events=[e.model_copy(update={"id": renamed[e.id], "article_id": article_id,
                                     "related": [renamed[r] for r in e.related if r in renamed],
                                     "rules": [], "confidence": 1.0}) for e in events],
        aggregates=[a.model_copy(update={"id": renamed[a.id], "article_id": article_id}) for a in aggregates],
        notes="DRAFT from the extractor: check every event, value and span before committing.",
    )


def iter_gold_errors(path: Path | str) -> Iterator[str]:
    """Messages for each invalid gold file under ``path`` (all of them, not just the first)."""
    path = Path(path)
    files = [path] if path.is_file() else sorted(path.rglob("*" + GOLD_SUFFIX))
    for gold_path in files:
        try:
            if gold_path.suffix == ".jsonl":
                load_gold_jsonl(gold_path)
            else:
                load_gold_file(gold_path)
        except GoldError as err:
            yield str(err)
