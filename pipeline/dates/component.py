"""``newsevents_dates``: tags date expressions; the label is the rule's kind, ``kb_id`` its id."""
from __future__ import annotations

from typing import Any

import numpy
from spacy.attrs import SHAPE
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from ..components import DATES, RuleComponent, sentences_with, set_spans, word_hashes
from ..rules import Rule, package_rules, read_jsonl


DATE_WORDS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "jan.", "feb.",
    "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today", "tonight", "night", "morning",
    "evening", "afternoon", "week", "month", "year", "ago", "overnight",
}


# Token shapes of numeric dates ("02/28/2016", "2025-01-10", "9", "14th") and years.
NUMERIC_SHAPES = ["dddd", "dd/dd/dddd", "d/dd/dddd", "dd/d/dddd", "d/d/dddd",
                  "dddd-dd-dd", "dd/dd/dddd:", "d/dd/dddd:"]


class DatePatternRule(Rule):
    kind: str
    """absolute, month, year, weekday, relative or period."""
    precision: str
    needs_anchor: bool = False
    """The expression has no year of its own: without a publication date it stays unresolved."""
    pattern: list[dict[str, Any]]


class DateTagger(RuleComponent[DatePatternRule]):
    rule_type = DatePatternRule
    rules_file = "date_patterns.jsonl"

    def __init__(self, vocab, rules) -> None:
        self.vocab = vocab
        super().__init__(rules)

    def _build(self) -> None:
        self.date_hashes = word_hashes(self.vocab, DATE_WORDS)
        self.shape_hashes = numpy.array([self.vocab.strings.add(s) for s in NUMERIC_SHAPES], dtype="uint64")
        self.matcher = Matcher(self.vocab)
        for rule in self.rules:
            self.matcher.add(rule.id, [rule.pattern])

    def __call__(self, doc: Doc) -> Doc:
        # The patterns test regular expressions at every token; most sentences hold no date word at
        # all, so only the sentences that do are matched.
        label_of = lambda rid: (self.by_id[rid].kind, rid)  # noqa: E731
        spans = []
        for part in sentences_with(doc, self.date_hashes, extra=(SHAPE, self.shape_hashes)):
            for match_id, start, end in self.matcher(part):
                label, kb_id = label_of(doc.vocab.strings[match_id])
                spans.append(Span(doc, part.start + start, part.start + end, label=label, kb_id=kb_id))
        set_spans(doc, DATES, spans)
        return doc


@Language.factory("newsevents_dates", default_config={"rules": None})
def make_date_tagger(nlp: Language, name: str, rules: str | None) -> DateTagger:
    loaded = package_rules(__package__, "date_patterns.jsonl", DatePatternRule) if rules is None else read_jsonl(
        rules, DatePatternRule)
    return DateTagger(nlp.vocab, loaded)
