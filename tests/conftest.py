"""Shared test setup: one spaCy pipeline per test session, and the evidence check every example test applies."""
from __future__ import annotations

from typing import Any

import pytest

from models import ArticleResult


@pytest.fixture(scope="session")
def nlp():
    """The default pipeline (statistical model + rule components), loaded once for the whole session."""
    from pipeline import load

    return load()


def _evidence_items(value: Any, path: str = "result"):
    if isinstance(value, dict):
        if {"start", "end", "text", "sentence"} <= value.keys():
            yield path, value
        for key, item in value.items():
            yield from _evidence_items(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _evidence_items(item, f"{path}[{index}]")


def assert_evidence_matches(result: ArticleResult, text: str) -> int:
    """Every evidence in every record quotes the article exactly at its offsets; returns how many were checked.

    Checked twice: directly, and by re-validating the whole result with the article text as validation context
    (the models' own offset check).
    """
    dumped = result.model_dump(mode="json")
    checked = 0
    for path, evidence in _evidence_items(dumped):
        quoted = text[evidence["start"] : evidence["end"]]
        assert quoted == evidence["text"], f"{path}: offsets {evidence['start']}..{evidence['end']} give {quoted!r}, " \
                                           f"evidence says {evidence['text']!r}"
        checked += 1
    ArticleResult.model_validate(dumped, context={"text": text})
    return checked


def extract_checked(nlp, text: str, published: str | None = "2025-01-10", article_id: str = "article") -> ArticleResult:
    """``extract_events`` on one text, asserting it did not fail and that every evidence quotes the text."""
    from pipeline import extract_events

    result = extract_events(text, published=published, nlp=nlp, article_id=article_id)
    assert result.error is None, result.error
    assert_evidence_matches(result, text)
    return result


def incidents(result: ArticleResult):
    """The events a user would count as incidents (asserted, occurred or attempted, specific)."""
    return [e for e in result.events if e.modality.is_incident]


def only_incident(nlp, text: str, published: str = "2025-03-10"):
    """The one incident ``text`` tells (the test fails, naming the triggers found, if it tells more or none)."""
    found = incidents(extract_checked(nlp, text, published=published))
    assert len(found) == 1, [e.trigger.text for e in found]
    return found[0]


def evidence_in(value):
    """Every Evidence-shaped dict inside a dumped record."""
    if isinstance(value, dict):
        if value.keys() == {"start", "end", "text", "sentence"}:
            yield value
        else:
            for item in value.values():
                yield from evidence_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from evidence_in(item)


def write(folder, name: str, content: str | bytes):
    """Write a test input (text or raw bytes) under ``folder``, creating sub-folders."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path
