"""Long articles: cut into parts that bound memory and cost, and merged back into one result.

spaCy's parser and NER hold memory in proportion to the length of a Doc (about 3 MB per thousand
characters with the small English model), and assembly compares the incidents of a Doc with each other.
A scraped PDF dump or a live blog of several megabytes is therefore read as parts of at most
``PART_CHARS`` characters, cut at paragraph breaks where possible (then line breaks, sentence ends,
spaces), and the parts' records are merged with offsets, sentence numbers and ids as if read whole.
News articles are far shorter than one part, so they are read whole.
"""
from __future__ import annotations

import re
from typing import Any

from models import Article, ArticleResult

from .errors import Warnings
from .records import stable_id
from .result import failed

PART_CHARS = 50_000
"""Characters in one part: 10x a long news story, and about 200 MB of parser memory."""
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE_BREAK = re.compile(r"\n")
_SENTENCE_BREAK = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+")
_SPACE = re.compile(r"\s+")
_EVIDENCE_KEYS = frozenset({"start", "end", "text", "sentence"})


def split_text(text: str, limit: int = PART_CHARS) -> list[tuple[int, str]]:
    """``(offset, part)`` pairs of at most ``limit`` characters, cut at paragraph breaks where possible."""
    if len(text) <= limit:
        return [(0, text)]
    parts, start = [], 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = 0
        for pattern in (_PARAGRAPH_BREAK, _LINE_BREAK, _SENTENCE_BREAK, _SPACE):
            matches = list(pattern.finditer(window))
            last = matches[-1] if matches else None
            if last is not None and last.end() < len(window):
                cut = last.end()
                break
        cut = cut or limit
        parts.append((start, text[start : start + cut]))
        start += cut
    parts.append((start, text[start:]))
    return parts


def _shift(value: Any, chars: int, sentences: int) -> Any:
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
    events: list[dict] = []
    aggregates: list[dict] = []
    actors: list[dict] = []
    places: list[dict] = []
    warnings: list[str] = []
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
