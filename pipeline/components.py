"""Shared machinery of the rule components: span groups, serialization of rule data.

Each stage lives in its own sub-package pairing a rule type with the component that applies it;
this module holds only what they all do the same way.
"""
from __future__ import annotations

import weakref
from bisect import bisect_right
from pathlib import Path
from typing import Any, Callable, Generic, Iterable, TypeVar

import numpy
from spacy.attrs import DEP, IS_ALPHA, IS_STOP, IS_TITLE, LIKE_NUM, LOWER, POS, SENT_START, SHAPE, TAG
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.lang.lex_attrs import word_shape
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

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


def match_spans(doc: Doc, matcher: Any, label_of: Callable[[str], tuple[str, str]],
                within: list[Span] | None = None) -> list[Span]:
    """Run a Matcher/PhraseMatcher and turn matches into labelled spans (label, kb_id from the rule).

    ``within``: only these parts of the Doc (sentences that can match), instead of the whole of it.
    """
    spans = []
    strings = doc.vocab.strings
    for part in ([doc[:]] if within is None else within):
        for match_id, start, end in matcher(part):
            label, kb_id = label_of(strings[match_id])
            spans.append(Span(doc, part.start + start, part.start + end, label=label, kb_id=kb_id))
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
    hits = _hits(doc, hashes, extra)
    if not hits:
        return []
    if not doc.has_annotation("SENT_START"):
        return [doc[:]]
    index = SentenceIndex(doc)
    starts = index.starts
    seen: set[int] = set()
    result = []
    for i in sorted(hits):
        k = index(i)
        if k not in seen:
            seen.add(k)
            result.append(doc[starts[k] : starts[k + 1] if k + 1 < len(starts) else len(doc)])
    return result


def _hits(doc: Doc, hashes: numpy.ndarray, extra: tuple[int, numpy.ndarray] | None) -> list[int]:
    """Sorted indices of the tokens whose lower form is one of ``hashes`` (or whose ``extra`` attribute is one of its values)."""
    if extra is None:
        return numpy.flatnonzero(numpy.isin(doc.to_array(LOWER), hashes)).tolist()
    attr, values = extra
    columns = doc.to_array([LOWER, attr])
    found = numpy.isin(columns[:, 0], hashes) | numpy.isin(columns[:, 1], values)
    return numpy.flatnonzero(found).tolist()


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


class SentenceFilter:
    """The sentences where any of some token patterns can match: those holding a word, or a token shape,
    that each pattern requires.

    Token patterns test their predicates at every token; running them only on the sentences that can
    match keeps a rule stage cheap next to the statistical ones. What each pattern requires is derived from
    the pattern itself (its most selective required token), so a rule added as data is never kept from its
    sentences; a pattern with no literal token to require makes every sentence a candidate. When no
    pattern can grow without bound, only a window around each token found is matched: a match holds the
    token its pattern requires, so it lies within a pattern's length of it.
    """

    def __init__(self, vocab: Vocab, patterns: Iterable[list[dict[str, Any]]]) -> None:
        words: set[str] = set()
        shapes: set[str] = set()
        self.everywhere = False
        patterns = list(patterns)
        unbounded = any(token.get("OP") in ("*", "+") or str(token.get("OP", "")).endswith(",}")
                        for pattern in patterns for token in pattern)
        self.reach: int | None = None if unbounded else max((len(p) for p in patterns), default=0)
        for pattern in patterns:
            options = [option for token in pattern if token.get("OP") in (None, "+", "{1,}")
                       for option in [_requirement(token)] if option is not None]
            if not options:
                self.everywhere = True
                continue
            kind, values, _ = min(options, key=lambda option: option[2])
            (shapes if kind == "shape" else words).update(values)
        self.words, self.shapes = frozenset(words), frozenset(shapes)
        self.word_hashes = word_hashes(vocab, self.words)
        self.shape_hashes = numpy.array(sorted(vocab.strings.add(s) for s in self.shapes), dtype="uint64")

    def __call__(self, doc: Doc) -> list[Span]:
        if self.everywhere:
            return [doc[:]] if len(doc) else []
        if self.reach is None:
            return sentences_with(doc, self.word_hashes, extra=(SHAPE, self.shape_hashes))
        return self._windows(doc, self.reach)

    def _windows(self, doc: Doc, reach: int) -> list[Span]:
        hits = _hits(doc, self.word_hashes, (SHAPE, self.shape_hashes))
        if not hits:
            return []
        index = SentenceIndex(doc)
        starts = index.starts
        windows: list[list[int]] = []
        for i in hits:
            k = index(i)
            sent_end = starts[k + 1] if k + 1 < len(starts) else len(doc)
            start, end = max(starts[k], i - reach + 1), min(sent_end, i + reach)
            if windows and start <= windows[-1][1] and index(windows[-1][0]) == k:
                windows[-1][1] = max(windows[-1][1], end)
            else:
                windows.append([start, end])
        return [doc[start:end] for start, end in windows]


SHAPE_COST = 0.5
"""How unselective a token shape is ("dddd" is any four-digit number), against a word list's share of
common words (stop words): month names beat shapes, shapes beat prepositions."""


def _requirement(token: dict[str, Any]) -> tuple[str, frozenset[str], float] | None:
    """What one required pattern token asks of a sentence: ("word" or "shape", values, cost), if literal."""
    if "SHAPE" in token and _values(token["SHAPE"]):
        return "shape", frozenset(_values(token["SHAPE"])), SHAPE_COST
    for key in ("LOWER", "ORTH"):
        values = _values(token.get(key))
        if not values:
            continue
        if all(any(c.isdigit() for c in v) for v in values):
            # Numbers ("2024", "14th") are asked of the sentence by their shape.
            return "shape", frozenset(word_shape(v) for v in values), SHAPE_COST
        common = sum(v.lower() in STOP_WORDS for v in values) / len(values)
        return "word", frozenset(v.lower() for v in values), common
    return None


def _values(constraint: Any) -> list[str]:
    if isinstance(constraint, str):
        return [constraint]
    if isinstance(constraint, dict) and set(constraint) == {"IN"}:
        return [str(v) for v in constraint["IN"]]
    return []


class TokenTable:
    """A Doc's token attributes as plain lists, read in one pass and shared by the stages after the parser.

    Rule stages test a few attributes of many tokens; a Token object per access costs more than the test.
    ``TokenTable.of(doc)`` reads them once per Doc (the statistical components have set them by then,
    and no rule stage changes them).
    """

    _tables: "weakref.WeakKeyDictionary[Doc, TokenTable]" = weakref.WeakKeyDictionary()

    @classmethod
    def of(cls, doc: Doc) -> "TokenTable":
        table = cls._tables.get(doc)
        if table is None or table.length != len(doc):
            table = cls._tables[doc] = cls(doc)
        return table

    def __init__(self, doc: Doc) -> None:
        strings = doc.vocab.strings
        self.length = len(doc)
        rows = doc.to_array([LOWER, TAG, POS, DEP, LIKE_NUM, IS_ALPHA, IS_STOP, IS_TITLE]).tolist() if len(doc) else []
        self.lower: list[str] = [strings[r[0]] for r in rows]
        self.tag: list[str] = [strings[r[1]] if r[1] else "" for r in rows]
        self.pos: list[str] = [strings[r[2]] if r[2] else "" for r in rows]
        self.dep: list[str] = [strings[r[3]] if r[3] else "" for r in rows]
        self.like_num: list[bool] = [bool(r[4]) for r in rows]
        self.alpha: list[bool] = [bool(r[5]) for r in rows]
        self.stop: list[bool] = [bool(r[6]) for r in rows]
        self.title: list[bool] = [bool(r[7]) for r in rows]
        index = SentenceIndex(doc)
        self.sentence_start: list[int] = []
        self._ends: dict[int, int] = {}
        starts = index.starts
        for k, start in enumerate(starts):
            end = starts[k + 1] if k + 1 < len(starts) else len(doc)
            self.sentence_start.extend([start] * (end - start))
            self._ends[start] = end

    def sentence_end(self, start: int) -> int:
        """Where the sentence starting at token ``start`` ends."""
        return self._ends[start]
