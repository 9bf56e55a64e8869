"""``newsevents_casualties``: counted phrases linked to the outcome they report.

"Two guards and four attackers were killed and five villagers were injured" gives three
statements: (2 killed, group of guards), (4 militants killed), (5 civilians injured). Phrases after
"including" are parts of the total before them, so totals are not counted twice. The statements go to
``doc._.newsevents_casualties`` (``CasualtyLink`` values as JSON) and their phrases to the span group.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..attrs import CASUALTY_LINKS
from ..components import CASUALTIES, set_spans
from ..rules import Rule, package_rules, read_jsonl, write_jsonl
from .linking import Linker
from .phrases import PhraseFinder
from .words import casualty_words


class CasualtyGroupRule(Rule):
    group: str
    words: list[str]
    modifier: bool = False
    """Whether the word decides the group when it modifies another ("police officers")."""
    actor_kinds: list[str] = []
    """Kinds of actor whose named members are of this group ("three ISKP members" are militants)."""


class OutcomeCueRule(Rule):
    outcome: str
    phrases: list[str]


class CasualtyTagger:
    def __init__(self, nlp: Language, groups: Iterable[CasualtyGroupRule], cues: Iterable[OutcomeCueRule]) -> None:
        self.nlp = nlp
        self.initialize(groups=groups, cues=cues)

    def initialize(self, get_examples=None, *, nlp=None, groups: Iterable[CasualtyGroupRule] | None = None,
                   cues: Iterable[OutcomeCueRule] | None = None) -> None:
        if groups is not None:
            self.groups = tuple(groups)
        if cues is not None:
            self.cue_rules = tuple(cues)
        heads: dict[str, str] = {}
        modifiers: dict[str, str] = {}
        kinds = {kind: group.group for group in self.groups for kind in group.actor_kinds}
        for group in self.groups:
            for word in group.words:
                heads.setdefault(word, group.group)
                if group.modifier:
                    modifiers.setdefault(word, group.group)
        self.cue_ids = {rule.id: rule.outcome for rule in self.cue_rules}
        self.cues = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        for rule in self.cue_rules:
            self.cues.add(rule.id, [self.nlp.make_doc(p) for p in rule.phrases])
        words = casualty_words()
        self.phrases = PhraseFinder(heads, modifiers, kinds, words)
        self.linker = Linker(words)

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        cue_spans = filter_spans([Span(doc, s, e, label=self.cue_ids[strings[m]], kb_id=strings[m])
                                  for m, s, e in self.cues(doc)])
        cue_at = {i: span for span in cue_spans for i in range(span.start, span.end)}
        phrases = self.phrases.find(doc, cue_at)
        links = self.linker.link(doc, phrases, cue_at, self.phrases.t) if phrases else []
        doc._.set(CASUALTY_LINKS, [link.as_json() for link in links])
        set_spans(doc, CASUALTIES, [Span(doc, *link.phrase, label=link.outcome) for link in links], overlapping=True)
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        write_jsonl(path / "casualty_groups.jsonl", self.groups)
        write_jsonl(path / "outcome_cues.jsonl", self.cue_rules)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "CasualtyTagger":
        path = Path(path)
        self.initialize(groups=read_jsonl(path / "casualty_groups.jsonl", CasualtyGroupRule),
                        cues=read_jsonl(path / "outcome_cues.jsonl", OutcomeCueRule))
        return self


@Language.factory("newsevents_casualties", default_config={"groups": None, "cues": None},
                  assigns=["doc._.newsevents_casualties", "doc.spans"],
                  requires=["token.tag", "token.dep", "doc.ents", "doc.sents"])
def make_casualty_tagger(nlp: Language, name: str, groups: str | None, cues: str | None) -> CasualtyTagger:
    """``groups``/``cues``: paths of JSONL rule files replacing the shipped ones."""
    return CasualtyTagger(
        nlp,
        package_rules(__package__, "casualty_groups.jsonl", CasualtyGroupRule) if groups is None
        else read_jsonl(groups, CasualtyGroupRule),
        package_rules(__package__, "outcome_cues.jsonl", OutcomeCueRule) if cues is None
        else read_jsonl(cues, OutcomeCueRule),
    )
