"""Adapters for the real annotated records in ``../shared/data`` (GTD summaries, ACLED notes).

The records are third-party data: they are read at evaluation time from the folder the user names
and never copied into the repository.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from models import Article

DEFAULT_SHARED_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
ENV_SHARED_DATA = "NEWSEVENTS_SHARED_DATA"


@dataclass(frozen=True)
class SharedRecord:
    """One third-party record: the text as an Article, the source's own labels as they are."""

    article: Article
    source: str
    gold: dict
    meta: dict


def shared_data_dir(path: str | Path | None = None) -> Path | None:
    """The folder of real annotated data: the argument, $NEWSEVENTS_SHARED_DATA, or ../shared/data."""
    candidates = [Path(path)] if path else []
    if os.environ.get(ENV_SHARED_DATA):
        candidates.append(Path(os.environ[ENV_SHARED_DATA]))
    candidates.append(DEFAULT_SHARED_DATA)
    for candidate in candidates:
        if candidate.is_dir() and any(candidate.glob("*.jsonl")):
            return candidate.resolve()
    return None


def read_shared_records(path: str | Path, *, limit: int | None = None) -> Iterator[SharedRecord]:
    """Records of one JSONL file. No publication date is given: the sources do not record one."""
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if limit is not None and number > limit:
                break
            if not line.strip():
                continue
            raw = json.loads(line)
            article = Article(id=str(raw["id"]), text=raw["text"], source=f"{path}:{number}")
            yield SharedRecord(article=article, source=raw.get("source", ""), gold=raw.get("gold") or {},
                               meta=raw.get("meta") or {})
