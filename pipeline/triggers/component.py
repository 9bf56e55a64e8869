"""``newsevents_triggers``: finds event triggers with token patterns from ``data/triggers.jsonl``."""
from __future__ import annotations

from itertools import product
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from models import EventType

from ..components import TRIGGERS, RuleComponent, SentenceFilter, match_spans, set_spans
from ..lemmas import register_lemmatizer
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
    killing: bool = False
    """Names a killing ("shot", "killed"): told later of an incident's victims, it continues that incident."""
    attacker_dies: bool = False
    """The attacker dies in the act ("a suicide bomber blew himself up")."""
    not_followed_by: frozenset[str] = frozenset()
    """Words after the match that undo it: "fired at least six shells" is a count, not a target."""


def shipped_trigger_rules() -> tuple[TriggerRule, ...]:
    return package_rules(__package__, "triggers.jsonl", TriggerRule)


class TriggerTagger(RuleComponent[TriggerRule]):
    rule_type = TriggerRule
    rules_file = "triggers.jsonl"

    def __init__(self, vocab, rules, tokenizer=None) -> None:
        self.vocab = vocab
        self.tokenizer = tokenizer
        super().__init__(rules)

    def _build(self) -> None:
        # Word-list patterns run in a PhraseMatcher (one hash lookup per token); only patterns with
        # operators need the token Matcher, which tests every pattern at every token.
        self.matcher = Matcher(self.vocab)
        self.phrases = PhraseMatcher(self.vocab, attr="LOWER")
        with_operators = []
        for rule in self.rules:
            words = _word_sequences(rule.pattern)
            if words is None:
                self.matcher.add(rule.id, [rule.pattern])
                with_operators.append(rule.pattern)
            else:
                # Tokenized as the text is: "sit-in" is three tokens there ("sit", "-", "in").
                self.phrases.add(rule.id, [self.tokenizer(" ".join(w)) if self.tokenizer else Doc(self.vocab, words=w)
                                           for w in words])
        self.sentences = SentenceFilter(self.vocab, with_operators)

    def __call__(self, doc: Doc) -> Doc:
        label_of = lambda rid: (self.by_id[rid].type.value, rid)  # noqa: E731
        spans = match_spans(doc, self.phrases, label_of) + match_spans(doc, self.matcher, label_of,
                                                                        within=self.sentences(doc))
        spans = [s for s in spans if not self.by_id[s.kb_id_].not_followed_by or s.end >= len(doc)
                 or doc[s.end].lower_ not in self.by_id[s.kb_id_].not_followed_by]
        # Prefer the longer match, then the higher priority, when patterns overlap.
        spans.sort(key=lambda s: (-(s.end - s.start), -self.by_id[s.kb_id_].priority))
        set_spans(doc, TRIGGERS, spans)
        return doc


def _word_sequences(pattern: list[dict[str, Any]], limit: int = 2000) -> list[list[str]] | None:
    """The word sequences a pattern of plain ``LOWER`` alternatives matches, or None if it needs the Matcher."""
    choices: list[list[str | None]] = []
    for token in pattern:
        optional = token.get("OP") == "?"
        keys = set(token) - {"OP"}
        if keys not in ({"LOWER"}, {"ORTH"}) or ("OP" in token and not optional):
            return None
        value = token["LOWER"] if "LOWER" in token else token["ORTH"]
        if isinstance(value, str):
            options = [value.lower()]
        elif isinstance(value, dict) and set(value) == {"IN"}:
            options = sorted({w.lower() for w in value["IN"]})
        else:
            return None
        choices.append([*options, None] if optional else list(options))
    total = 1
    for choice in choices:
        total *= len(choice)
    if total > limit:
        return None
    sequences = [[w for w in words if w is not None] for words in product(*choices)]
    return [words for words in sequences if words]


@Language.factory("newsevents_triggers", default_config={"rules": None}, assigns=["doc.spans"],
                  requires=["doc.sents"])
def make_trigger_tagger(nlp: Language, name: str, rules: str | None) -> TriggerTagger:
    """``rules``: path of a JSONL file of trigger patterns replacing the shipped ones."""
    # The rules after the parser ask lemmas of the model's lemmatizer, which a saved pipeline keeps
    # disabled (see ``pipeline.lemmas``): building this component registers it for the loaded pipeline.
    register_lemmatizer(nlp)
    loaded = shipped_trigger_rules() if rules is None else _read(rules)
    return TriggerTagger(nlp.vocab, loaded, nlp.tokenizer)


def _read(path: str):
    from ..rules import read_jsonl

    return read_jsonl(path, TriggerRule)
