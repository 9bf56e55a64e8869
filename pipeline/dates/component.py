"""``newsevents_dates``: tags date expressions; the label is the rule's kind, ``kb_id`` its id."""
from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from ..components import DATES, RuleComponent, SentenceFilter, match_spans, set_spans
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


class DateTagger(RuleComponent[DatePatternRule]):
    rule_type = DatePatternRule
    rules_file = "date_patterns.jsonl"

    def __init__(self, vocab, rules) -> None:
        self.vocab = vocab
        super().__init__(rules)

    def _build(self) -> None:
        self.sentences = SentenceFilter(self.vocab, [rule.pattern for rule in self.rules])
        self.matcher = Matcher(self.vocab)
        for rule in self.rules:
            self.matcher.add(rule.id, [rule.pattern])

    def __call__(self, doc: Doc) -> Doc:
        # The patterns test regular expressions at every token; most sentences hold no date word at
        # all, so only the sentences that do are matched.
        label_of = lambda rid: (self.by_id[rid].kind, rid)  # noqa: E731
        spans = match_spans(doc, self.matcher, label_of, within=self.sentences(doc))
        set_spans(doc, DATES, [span for span in spans if not _names_a_place(doc, span)])
        return doc


def _names_a_place(doc: Doc, span: Span) -> bool:
    """"Monday Market", "Friday Bazaar": a weekday that begins a capitalized name is not a date."""
    if span.label_ != "weekday" or span.end >= len(doc) or len(span) != 1 or span.start == 0:
        return False
    if doc[span.start - 1].lower_ not in {"the", "a"}:
        return False  # "on Monday Taliban fighters attacked": a date before a name
    after = doc[span.end]
    return after.is_title and after.pos_ in {"PROPN", "NOUN"} and after.ent_type_ not in {"DATE", "TIME"}


@Language.factory("newsevents_dates", default_config={"rules": None}, assigns=["doc.spans"],
                  requires=["doc.sents"])
def make_date_tagger(nlp: Language, name: str, rules: str | None) -> DateTagger:
    """``rules``: path of a JSONL file of date patterns replacing the shipped ones."""
    loaded = shipped_date_rules() if rules is None else read_jsonl(rules, DatePatternRule)
    return DateTagger(nlp.vocab, loaded)
