"""``newsevents_context``: cue phrases and the scope each one governs.

Each rule has a category, a direction (forward, backward, bidirectional) and a maximum scope in
tokens. A scope stops at the sentence edge or at a terminator ("but", "however", ";"). Cues go to
``doc.spans["newsevents_cues"]``, scopes to ``doc.spans["newsevents_scopes"]``, both labelled with
the category, so the assembler only asks whether a trigger lies inside a scope.
"""
from __future__ import annotations

from typing import Literal

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..components import CUES, DATES, SCOPES, RuleComponent, set_spans
from ..rules import Rule, WordLists, package_rules, read_jsonl, word_lists


class ContextWords(WordLists):
    terminators: frozenset[str]


TERMINATORS = word_lists(__package__, "cue_words.jsonl", ContextWords).terminators


class ContextRule(Rule):
    category: Literal["NEGATED", "HYPOTHETICAL", "THREATENED", "PLANNED", "ATTEMPTED", "GENERIC"]
    phrases: list[str]
    direction: Literal["forward", "backward", "bidirectional"] = "forward"
    max_scope: int = 10
    terminators: list[str] = []
    """Extra words that end this rule's scope (negation stops at a comma: "does not act, attacks could")."""


class ContextTagger(RuleComponent[ContextRule]):
    rule_type = ContextRule
    rules_file = "context_rules.jsonl"

    def __init__(self, nlp: Language, rules) -> None:
        self.nlp = nlp
        super().__init__(rules)

    def _build(self) -> None:
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        for rule in self.rules:
            self.matcher.add(rule.id, [self.nlp.make_doc(p) for p in rule.phrases])

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        in_dates = {i for span in doc.spans.get(DATES, []) for i in range(span.start, span.end)}
        cues = filter_spans(
            [Span(doc, s, e, label=self.by_id[strings[m]].category, kb_id=strings[m]) for m, s, e in self.matcher(doc)
             if not any(i in in_dates for i in range(s, e))]  # "9 May 2020" is a date, not a modal
        )
        scopes = []
        has_sents = doc.has_annotation("SENT_START")
        for cue in cues:
            rule = self.by_id[cue.kb_id_]
            sent = cue.sent if has_sents else doc[:]
            start, end = cue.start, cue.end
            stops = TERMINATORS | set(rule.terminators)
            if rule.direction in {"forward", "bidirectional"}:
                end = cue.end
                while end < min(sent.end, cue.end + rule.max_scope) and doc[end].lower_ not in stops:
                    end += 1
            if rule.direction in {"backward", "bidirectional"}:
                start = cue.start
                while start > max(sent.start, cue.start - rule.max_scope) and doc[start - 1].lower_ not in stops:
                    start -= 1
            scopes.append(Span(doc, start, end, label=rule.category, kb_id=rule.id))
        set_spans(doc, CUES, cues, overlapping=True)
        set_spans(doc, SCOPES, scopes, overlapping=True)
        return doc


@Language.factory("newsevents_context", default_config={"rules": None}, assigns=["doc.spans"],
                  requires=["doc.sents", "doc.spans"])
def make_context_tagger(nlp: Language, name: str, rules: str | None) -> ContextTagger:
    """``rules``: path of a JSONL file of context rules replacing the shipped ones."""
    loaded = package_rules(__package__, "context_rules.jsonl", ContextRule) if rules is None else read_jsonl(
        rules, ContextRule)
    return ContextTagger(nlp, loaded)
