"""``newsevents_triggers``: finds event triggers with token patterns from ``data/triggers.jsonl``."""
from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from models import EventType

from ..components import TRIGGERS, RuleComponent, match_spans, set_spans
from ..rules import Rule, package_rules


class TriggerRule(Rule):
    type: EventType
    pattern: list[dict[str, Any]]
    priority: int = 1
    """Higher wins when one event has several triggers ("bomb blast" over "attack")."""
    weapon: str | None = None
    """A weapon kind the trigger implies ("suicide bomber" implies a suicide vest)."""
    anaphoric_only: bool = False
    """Only continues an event already reported ("the incident"); never starts one."""


class TriggerTagger(RuleComponent[TriggerRule]):
    rule_type = TriggerRule
    rules_file = "triggers.jsonl"

    def __init__(self, vocab, rules) -> None:
        self.vocab = vocab
        super().__init__(rules)

    def _build(self) -> None:
        self.matcher = Matcher(self.vocab)
        for rule in self.rules:
            self.matcher.add(rule.id, [rule.pattern])

    def __call__(self, doc: Doc) -> Doc:
        spans = match_spans(doc, self.matcher, lambda rid: (self.by_id[rid].type.value, rid))
        # Prefer the longer match, then the higher priority, when patterns overlap.
        spans.sort(key=lambda s: (-(s.end - s.start), -self.by_id[s.kb_id_].priority))
        set_spans(doc, TRIGGERS, spans)
        return doc


@Language.factory("newsevents_triggers", default_config={"rules": None})
def make_trigger_tagger(nlp: Language, name: str, rules: str | None) -> TriggerTagger:
    loaded = package_rules(__package__, "triggers.jsonl", TriggerRule) if rules is None else _read(rules)
    return TriggerTagger(nlp.vocab, loaded)


def _read(path: str):
    from ..rules import read_jsonl

    return read_jsonl(path, TriggerRule)
