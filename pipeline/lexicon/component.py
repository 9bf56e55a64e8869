"""``newsevents_lexicon``: weapons (``newsevents_weapons``) and physical targets (``newsevents_targets``)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..components import TARGETS, WEAPONS, match_spans, set_spans
from ..rules import Rule, package_rules, read_jsonl, write_jsonl


class LexiconRule(Rule):
    kind: str
    phrases: list[str]


class LexiconTagger:
    def __init__(self, nlp: Language, weapons: Iterable[LexiconRule], targets: Iterable[LexiconRule]) -> None:
        self.nlp = nlp
        self.weapons: tuple[LexiconRule, ...] = tuple(weapons)
        self.targets: tuple[LexiconRule, ...] = tuple(targets)
        self.initialize()

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None,
                   weapons: Iterable[LexiconRule] | None = None, targets: Iterable[LexiconRule] | None = None) -> None:
        if weapons is not None:
            self.weapons = tuple(weapons)
        if targets is not None:
            self.targets = tuple(targets)
        self.kind_of = {f"weapon:{r.id}": r.kind for r in self.weapons} | {f"target:{r.id}": r.kind for r in self.targets}
        self.weapon_matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.target_matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        for rule in self.weapons:
            self.weapon_matcher.add(f"weapon:{rule.id}", [self.nlp.make_doc(p) for p in rule.phrases])
        for rule in self.targets:
            self.target_matcher.add(f"target:{rule.id}", [self.nlp.make_doc(p) for p in rule.phrases])

    def __call__(self, doc: Doc) -> Doc:
        label_of = lambda rid: (self.kind_of[rid], rid.split(":", 1)[1])  # noqa: E731
        set_spans(doc, WEAPONS, match_spans(doc, self.weapon_matcher, label_of))
        set_spans(doc, TARGETS, match_spans(doc, self.target_matcher, label_of))
        return doc

    def to_disk(self, path, *, exclude=()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        write_jsonl(path / "weapons.jsonl", self.weapons)
        write_jsonl(path / "targets.jsonl", self.targets)

    def from_disk(self, path, *, exclude=()) -> "LexiconTagger":
        path = Path(path)
        self.initialize(weapons=read_jsonl(path / "weapons.jsonl", LexiconRule),
                        targets=read_jsonl(path / "targets.jsonl", LexiconRule))
        return self


@Language.factory("newsevents_lexicon", default_config={"weapons": None, "targets": None}, assigns=["doc.spans"],
                  requires=[])
def make_lexicon_tagger(nlp: Language, name: str, weapons: str | None, targets: str | None) -> LexiconTagger:
    """``weapons``/``targets``: paths of JSONL lexicons replacing the shipped ones."""
    return LexiconTagger(
        nlp,
        package_rules(__package__, "weapons.jsonl", LexiconRule) if weapons is None else read_jsonl(weapons, LexiconRule),
        package_rules(__package__, "targets.jsonl", LexiconRule) if targets is None else read_jsonl(targets, LexiconRule),
    )
