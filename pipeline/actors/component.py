"""``newsevents_actors``: tags actor mentions with their registry id (``kb_id``) and kind (label)."""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..components import ACTORS, RuleComponent, match_spans, set_spans
from ..rules import read_jsonl
from .registry import ActorEntry, actor_registry

ENTRY_ATTRS = "entries"
"""Key of the actor span group's attrs: registry id -> its country and whether it is generic."""


class ActorTagger(RuleComponent[ActorEntry]):
    rule_type = ActorEntry
    rules_file = "actors.jsonl"

    def __init__(self, nlp: Language, rules) -> None:
        self.nlp = nlp
        super().__init__(rules)

    def _build(self) -> None:
        # Acronyms (all capitals) must match their case: "ANA" the army, not "Ana" the name.
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        make = self.nlp.make_doc
        for entry in self.rules:
            forms = {entry.name, *entry.aliases}
            folded = [make(f) for f in forms if not _is_acronym(f)]
            acronyms = [make(f) for f in forms if _is_acronym(f)]
            if folded:
                self.matcher.add(entry.id, folded)
            if acronyms:
                self.exact.add(entry.id, acronyms)

    def __call__(self, doc: Doc) -> Doc:
        label_of = lambda rid: (self.by_id[rid].kind.value, rid)  # noqa: E731
        spans = match_spans(doc, self.matcher, label_of) + match_spans(doc, self.exact, label_of)
        # Named groups beat generic nouns on the same tokens.
        spans.sort(key=lambda s: self.by_id[s.kb_id_].generic)
        set_spans(doc, ACTORS, spans)
        # Later stages (places) read what they need of the entries from the Doc, so a pipeline with its own
        # registry works end to end, across processes too.
        doc.spans[ACTORS].attrs[ENTRY_ATTRS] = {
            span.kb_id_: {"country": self.by_id[span.kb_id_].country, "generic": self.by_id[span.kb_id_].generic}
            for span in doc.spans[ACTORS]}
        return doc


def _is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return 1 < len(letters) <= 6 and all(c.isupper() for c in letters) and " " not in form


@Language.factory("newsevents_actors", default_config={"rules": None}, assigns=["doc.spans"], requires=[])
def make_actor_tagger(nlp: Language, name: str, rules: str | None) -> ActorTagger:
    """``rules``: path of a JSONL actor registry replacing the shipped one."""
    loaded = tuple(actor_registry().values()) if rules is None else read_jsonl(rules, ActorEntry)
    return ActorTagger(nlp, loaded)
