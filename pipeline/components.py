"""Shared machinery of the rule components: span groups, serialization of rule data.

Each stage lives in its own sub-package pairing a rule type with the component that applies it;
this module holds only what they all do the same way.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Generic, Iterable, TypeVar

from bisect import bisect_right

import numpy
from spacy.attrs import LOWER, SENT_START
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .rules import Rule, read_jsonl, write_jsonl

R = TypeVar("R", bound=Rule)

# Span groups the components write, named in one place.
PLACES = "newsevents_places"
ACTORS = "newsevents_actors"
TRIGGERS = "newsevents_triggers"
WEAPONS = "newsevents_weapons"
TARGETS = "newsevents_targets"
CASUALTIES = "newsevents_casualties"
QUANTITIES = "newsevents_quantities"
DATES = "newsevents_dates"
CUES = "newsevents_cues"
SCOPES = "newsevents_scopes"


class RuleComponent(Generic[R]):
    """A pipeline component driven by a list of rules that it can save and load with the pipeline."""

    rule_type: type[R]
    rules_file: str = "rules.jsonl"

    def __init__(self, rules: Iterable[R]) -> None:
        self.rules: tuple[R, ...] = tuple(rules)
        self.by_id: dict[str, R] = {r.id: r for r in self.rules}
        self._build()

    def _build(self) -> None:  # pragma: no cover - each component overrides
        raise NotImplementedError

    def initialize(self, get_examples: Callable | None = None, *, nlp=None, rules: Iterable[R] | None = None) -> None:
        if rules is not None:
            self.rules = tuple(rules)
            self.by_id = {r.id: r for r in self.rules}
            self._build()

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        write_jsonl(path / self.rules_file, self.rules)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "RuleComponent[R]":
        self.initialize(rules=read_jsonl(Path(path) / self.rules_file, self.rule_type))
        return self


def set_spans(doc: Doc, key: str, spans: Iterable[Span], *, overlapping: bool = False) -> None:
    """Write a span group, keeping the longest of overlapping matches unless asked otherwise."""
    spans = list(spans)
    doc.spans[key] = spans if overlapping else filter_spans(spans)


def match_spans(doc: Doc, matcher, label_of: Callable[[str], tuple[str, str]]) -> list[Span]:
    """Run a Matcher/PhraseMatcher and turn matches into labelled spans (label, kb_id from the rule)."""
    spans = []
    strings = doc.vocab.strings
    for match_id, start, end in matcher(doc):
        label, kb_id = label_of(strings[match_id])
        spans.append(Span(doc, start, end, label=label, kb_id=kb_id))
    return spans


def word_hashes(vocab, words) -> numpy.ndarray:
    """Hashes of lower-cased words, for ``sentences_with``."""
    return numpy.array(sorted(vocab.strings.add(w.lower()) for w in words), dtype="uint64")


def sentences_with(doc: Doc, hashes: numpy.ndarray, extra: tuple[int, numpy.ndarray] | None = None) -> list[Span]:
    """The sentences holding one of the words (or, with ``extra=(ATTR, values)``, a token whose
    attribute has one of the values, e.g. a number-like shape).

    Token patterns with regular expressions cost a test per pattern per token; running them only
    on the few sentences that can match keeps a rule stage cheap next to the statistical ones.
    """
    hits = numpy.flatnonzero(numpy.isin(doc.to_array([LOWER]), hashes)).tolist()
    if extra is not None:
        attr, values = extra
        hits += numpy.flatnonzero(numpy.isin(doc.to_array([attr]), values)).tolist()
    if not hits:
        return []
    if not doc.has_annotation("SENT_START"):
        return [doc[:]]
    seen, result = set(), []
    for i in sorted(hits):
        sent = doc[i].sent
        if sent.start not in seen:
            seen.add(sent.start)
            result.append(sent)
    return result


class SentenceIndex:
    """Sentence number of a token, from the sentence starts (no per-token tables, no Span objects)."""

    def __init__(self, doc: Doc) -> None:
        if doc.has_annotation("SENT_START"):
            self.starts = numpy.flatnonzero(doc.to_array([SENT_START]) == 1).tolist() or [0]
            if self.starts[0] != 0:
                self.starts.insert(0, 0)
        else:
            self.starts = [0]
        self.has_sents = doc.has_annotation("SENT_START")

    def __call__(self, token_index: int) -> int:
        return bisect_right(self.starts, token_index) - 1

    def get(self, token_index: int, default: int = 0) -> int:
        return self(token_index)

    def __len__(self) -> int:
        return len(self.starts)

    def __bool__(self) -> bool:
        return self.has_sents
