"""``newsevents_dates``: tags date expressions; the label is the rule's kind, ``kb_id`` its id."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

import numpy
from spacy.attrs import SHAPE
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.lang.lex_attrs import word_shape
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from ..components import DATES, RuleComponent, sentences_with, set_spans, word_hashes
from ..rules import Rule, package_rules, read_jsonl


class DatePatternRule(Rule):
    kind: str
    """absolute, month, year, weekday, relative or period."""
    precision: str
    needs_anchor: bool = False
    """The expression has no year of its own: without a publication date it stays unresolved."""
    pattern: list[dict[str, Any]]
    period: bool = False
    """Names a period ("last month", "2024"), not a day: a count over it may be a statistic."""
    statistic: bool = False
    """A period long enough ("last year", "in 2024") that counts over it are statistics, not one incident's toll."""


def shipped_date_rules() -> tuple[DatePatternRule, ...]:
    return package_rules(__package__, "date_patterns.jsonl", DatePatternRule)


@dataclass(frozen=True)
class Prefilter:
    """What a sentence must hold for any date pattern to match in it: a word, or a token shape.

    Derived from the patterns themselves, so a rule added as data is never kept from its sentences.
    ``None`` words mean some pattern has no literal token to require: every sentence is matched.
    """

    words: frozenset[str] | None
    shapes: frozenset[str]

    @classmethod
    def of(cls, rules: Iterable[DatePatternRule]) -> "Prefilter":
        words: set[str] = set()
        shapes: set[str] = set()
        for rule in rules:
            options = [option for token in rule.pattern if token.get("OP") in (None, "+", "{1,}")
                       for option in [_requirement(token)] if option is not None]
            if not options:
                return cls(None, frozenset())
            kind, values, _ = min(options, key=lambda option: option[2])
            (shapes if kind == "shape" else words).update(values)
        return cls(frozenset(words), frozenset(shapes))


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


class DateTagger(RuleComponent[DatePatternRule]):
    rule_type = DatePatternRule
    rules_file = "date_patterns.jsonl"

    def __init__(self, vocab, rules) -> None:
        self.vocab = vocab
        super().__init__(rules)

    def _build(self) -> None:
        self.prefilter = Prefilter.of(self.rules)
        self.date_hashes = word_hashes(self.vocab, self.prefilter.words or ())
        self.shape_hashes = numpy.array(sorted(self.vocab.strings.add(s) for s in self.prefilter.shapes), dtype="uint64")
        self.matcher = Matcher(self.vocab)
        for rule in self.rules:
            self.matcher.add(rule.id, [rule.pattern])

    def __call__(self, doc: Doc) -> Doc:
        # The patterns test regular expressions at every token; most sentences hold no date word at
        # all, so only the sentences that do are matched.
        label_of = lambda rid: (self.by_id[rid].kind, rid)  # noqa: E731
        spans = []
        parts = [doc[:]] if self.prefilter.words is None else sentences_with(
            doc, self.date_hashes, extra=(SHAPE, self.shape_hashes))
        for part in parts:
            for match_id, start, end in self.matcher(part):
                label, kb_id = label_of(doc.vocab.strings[match_id])
                spans.append(Span(doc, part.start + start, part.start + end, label=label, kb_id=kb_id))
        set_spans(doc, DATES, spans)
        return doc


@Language.factory("newsevents_dates", default_config={"rules": None})
def make_date_tagger(nlp: Language, name: str, rules: str | None) -> DateTagger:
    loaded = shipped_date_rules() if rules is None else read_jsonl(rules, DatePatternRule)
    return DateTagger(nlp.vocab, loaded)
