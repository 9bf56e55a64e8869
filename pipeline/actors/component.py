"""``newsevents_actors``: tags actor mentions with their registry id (``kb_id``) and kind (label).

A mention one registry entry alone names gets that entry. A mention several entries share ("Maoists",
"National Liberation Army", "PLA"), or one named by a local alias ("Congress", "ANA"), is left open: it
carries its entries' common fallback (a generic entry) or no id, and its candidates stay in the span
group's attrs for ``newsevents_actor_resolver`` to decide once the article's places are known.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ..components import ACTORS, RuleComponent, set_spans
from ..rules import read_jsonl
from .caps import ARMED_KINDS, CapsGuard
from .registry import ActorEntry, actor_registry, check_references, is_acronym

ENTRY_ATTRS = "entries"
"""Key of the actor span group's attrs: registry id -> its country, kind and whether it is generic."""
CANDIDATE_ATTRS = "candidates"
"""Key of the actor span group's attrs: "start:end" of an open mention -> its candidate entries."""


@dataclass(frozen=True)
class Candidate:
    entry: str
    local: bool
    """Named by one of the entry's local aliases: needs the article's country to stand."""


def span_key(span: Span) -> str:
    return f"{span.start}:{span.end}"


class ActorTagger(RuleComponent[ActorEntry]):
    rule_type = ActorEntry
    rules_file = "actors.jsonl"

    def __init__(self, nlp: Language, rules) -> None:
        self.nlp = nlp
        super().__init__(rules)

    def _build(self) -> None:
        check_references(self.rules)
        # Acronyms (all capitals) must match their case: "ANA" the army, not "Ana" the name. Each form is a
        # match key of its own, so a form several entries share is one match with all of them as candidates.
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self.forms: dict[str, list[Candidate]] = {}
        patterns: dict[str, Doc] = {}
        make = self.nlp.make_doc
        for entry in self.rules:
            local = set(entry.local_aliases)
            for form in dict.fromkeys((entry.name, *entry.aliases, *entry.local_aliases)):
                doc = make(form)
                key = "=" + form if is_acronym(form) else "~" + " ".join(t.lower_ for t in doc)
                patterns.setdefault(key, doc)
                found = self.forms.setdefault(key, [])
                if all(c.entry != entry.id for c in found):
                    found.append(Candidate(entry.id, form in local))
        for key, doc in patterns.items():
            (self.exact if key.startswith("=") else self.matcher).add(key, [doc])
        self.caps_guard = CapsGuard(self.rules)
        self.open_forms = {key for key, found in self.forms.items() if len(found) > 1 or any(c.local for c in found)}
        self.entries_of = {key: {c.entry for c in found} for key, found in self.forms.items()}

    def __call__(self, doc: Doc) -> Doc:
        found = self._candidates(doc)
        spans = []
        open_spans: dict[str, list[Candidate]] = {}
        for (start, end), candidates in found.items():
            span = self._span(doc, start, end, candidates)
            spans.append(span)
            if len(candidates) > 1 or candidates[0].local:
                open_spans[span_key(span)] = candidates
        spans = self._absorb_group_nouns(doc, spans)
        # Named groups beat generic nouns on the same tokens; an open mention counts as named.
        spans.sort(key=lambda s: s.kb_id_ in self.by_id and self.by_id[s.kb_id_].generic
                   and span_key(s) not in open_spans)
        set_spans(doc, ACTORS, spans)
        group = doc.spans[ACTORS]
        kept = {span_key(s) for s in group}
        open_kept = {k: c for k, c in open_spans.items() if k in kept}
        ids = {s.kb_id_ for s in group if s.kb_id_} | {c.entry for cs in open_kept.values() for c in cs}
        # Later stages (places, the resolver) read what they need of the entries from the Doc, so a pipeline
        # with its own registry works end to end, across processes too.
        group.attrs[ENTRY_ATTRS] = {rid: self._entry_info(rid) for rid in sorted(ids)}
        group.attrs[CANDIDATE_ATTRS] = {
            key: {"ids": [c.entry for c in cs], "local": [c.entry for c in cs if c.local],
                  "fallback": self._fallback(cs) or ""}
            for key, cs in open_kept.items()}
        return doc

    def _absorb_group_nouns(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """"Boko Haram militants", "suspected al-Shabaab gunmen", "the paramilitary Rapid Support Forces": a
        group noun next to a named group is that group, one actor with the whole phrase as its evidence."""
        def armed_generic(span: Span) -> bool:
            entry = self.by_id.get(span.kb_id_)
            return entry is not None and entry.generic and entry.kind.value in ARMED_KINDS

        def named(span: Span) -> bool:
            entry = self.by_id.get(span.kb_id_)
            return entry is not None and not entry.generic
        by_start = {s.start: s for s in spans}
        by_end = {s.end: s for s in spans}
        absorbed: set[tuple[int, int]] = set()
        result = []
        for span in spans:
            if not named(span):
                result.append(span)
                continue
            start, end = span.start, span.end
            after, before = by_start.get(end), by_end.get(start)
            if after is not None and armed_generic(after):
                end = after.end
                absorbed.add((after.start, after.end))
            if before is not None and armed_generic(before) and len(before) == 1 and doc[before.start].pos_ == "ADJ":
                start = before.start
                absorbed.add((before.start, before.end))
            result.append(span if (start, end) == (span.start, span.end)
                          else Span(doc, start, end, label=span.label_, kb_id=span.kb_id_))
        return [s for s in result if (s.start, s.end) not in absorbed]

    def _candidates(self, doc: Doc) -> dict[tuple[int, int], list[Candidate]]:
        """Entries each matched stretch of tokens may name, acronyms in shouted text left out."""
        strings = doc.vocab.strings
        matches = [(strings[m], s, e) for m, s, e in self.matcher(doc)]
        acronyms = [(strings[m], s, e) for m, s, e in self.exact(doc)]
        if acronyms:
            # The all-caps guard (see ``pipeline.actors.caps``): in shouted text an acronym needs confirmation.
            named = {c.entry for key, _, _ in matches for c in self.forms[key]}
            acronyms = self.caps_guard(doc, named, acronyms, self.open_forms, self.entries_of)
        found: dict[tuple[int, int], list[Candidate]] = {}
        for key, start, end in matches + acronyms:
            here = found.setdefault((start, end), [])
            for candidate in self.forms[key]:
                same = [c for c in here if c.entry == candidate.entry]
                if not same:
                    here.append(candidate)
                elif same[0].local and not candidate.local:
                    here[here.index(same[0])] = candidate
        return found

    def _span(self, doc: Doc, start: int, end: int, candidates: list[Candidate]) -> Span:
        if len(candidates) == 1 and not candidates[0].local:
            entry = self.by_id[candidates[0].entry]
            return Span(doc, start, end, label=entry.kind.value, kb_id=entry.id)
        fallback = self._fallback(candidates)
        kinds = {self.by_id[c.entry].kind.value for c in candidates}
        label = self.by_id[fallback].kind.value if fallback else (kinds.pop() if len(kinds) == 1 else "other")
        return Span(doc, start, end, label=label, kb_id=fallback or "")

    def _fallback(self, candidates: list[Candidate]) -> str | None:
        """The generic entry all the candidates agree an unresolved mention is."""
        fallbacks = {self.by_id[c.entry].fallback for c in candidates}
        return fallbacks.pop() if len(fallbacks) == 1 else None

    def _entry_info(self, rid: str) -> dict:
        entry = self.by_id[rid]
        return {"country": entry.country, "generic": entry.generic, "kind": entry.kind.value,
                "operates_in": list(entry.operates_in)}


@Language.factory("newsevents_actors", default_config={"rules": None}, assigns=["doc.spans"], requires=[])
def make_actor_tagger(nlp: Language, name: str, rules: str | None) -> ActorTagger:
    """``rules``: path of a JSONL actor registry replacing the shipped one."""
    loaded = tuple(actor_registry().values()) if rules is None else read_jsonl(rules, ActorEntry)
    return ActorTagger(nlp, loaded)
