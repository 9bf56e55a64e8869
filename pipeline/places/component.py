"""``newsevents_places``: finds place mentions and resolves each to a gazetteer entry.

Three sources, in order of trust: curated names and aliases (PhraseMatcher), unknown names that
the text itself marks as places ("Puli Moemin area", "in Kalta Shakh, Jawzjan"), and the
statistical NER's GPE/LOC entities looked up in the global towns layer. Each span's label is its
precision (town, admin2, admin1, country, region) and its ``kb_id`` the entry id ("" when the
text marks a place the gazetteer does not know).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from ..components import PLACES, set_spans
from .gazetteer import Gazetteer, PlaceEntry, gazetteer, normalize_name, place_rules

KIND_ORDER = {"town": 0, "admin2": 1, "admin1": 2, "historic_region": 3, "country": 4}
LABEL_OF_KIND = {"historic_region": "region"}
CONNECTORS = {"-", "e", "i", "al", "ul", "ud", "ur", "ka", "ki", "de", "el", "y", "da"}


class PlaceTagger:
    def __init__(self, nlp: Language, places: Gazetteer) -> None:
        self.gazetteer = places
        self.rules = place_rules()
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        case_sensitive = {normalize_name(n) for n in self.rules.case_sensitive}
        for key, entries in places.forms().items():
            forms = {f for e in entries for f in (e.name, *e.aliases) if normalize_name(f) == key}
            docs = [nlp.make_doc(f) for f in sorted(forms)]
            if key in case_sensitive or any(_is_acronym(f) for f in forms):
                self.exact.add(key, docs)
            else:
                self.folded.add(key, docs)
        self.marked = Matcher(nlp.vocab)
        nouns = sorted(n for n in self.rules.place_nouns if " " not in n)
        name_token = {"IS_TITLE": True, "IS_STOP": False, "LIKE_NUM": False}
        link = {"LOWER": {"IN": sorted(CONNECTORS)}, "OP": "?"}
        self.marked.add("NAME_NOUN", [[name_token, link, {**name_token, "OP": "?"}, {**name_token, "OP": "?"},
                                       {"LOWER": {"IN": nouns}}]], greedy="LONGEST")

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        spans: list[Span] = []
        matches = [(strings[m], s, e) for m, s, e in self.folded(doc)] + [
            (strings[m], s, e) for m, s, e in self.exact(doc)
        ]
        countries = {e.country for key, _, _ in matches for e in self.gazetteer.by_alias.get(key, []) if e.country}
        context = tuple(sorted(countries))
        for key, start, end in matches:
            if key in self.rules.never_places:
                continue
            entry = self._choose(doc, self.gazetteer.by_alias[key], end, context)
            spans.append(_span(doc, start, end, entry))
        taken = {i for s in spans for i in range(s.start, s.end)}
        spans.extend(self._marked_places(doc, taken, context))
        taken = {i for s in spans for i in range(s.start, s.end)}
        spans.extend(self._listed_places(doc, spans, taken))
        taken = {i for s in spans for i in range(s.start, s.end)}
        spans.extend(self._ner_places(doc, taken, context))
        set_spans(doc, PLACES, spans)
        return doc

    def _choose(self, doc: Doc, entries: list[PlaceEntry], end: int, countries: tuple[str, ...]) -> PlaceEntry:
        if len(entries) == 1:
            return entries[0]
        wanted = None
        if end < len(doc):
            wanted = self.rules.place_nouns.get(doc[end].lower_)
        def rank(entry: PlaceEntry) -> tuple:
            return (
                0 if wanted and entry.kind == wanted else 1,
                0 if not countries or entry.country in countries else 1,
                KIND_ORDER.get(entry.kind, 9),
            )
        return min(entries, key=rank)

    def _marked_places(self, doc: Doc, taken: set[int], countries: tuple[str, ...]) -> list[Span]:
        """Names the text marks as places with a noun: "Puli Moemin area", "Dashti Archi district"."""
        found = []
        for _, start, end in self.marked(doc):
            name_end = end - 1
            if any(i in taken for i in range(start, name_end)) or start == name_end:
                continue
            if doc[start].i == doc[start].sent.start and doc[start].lower_ in {"the", "a", "an"}:
                continue
            name = doc[start:name_end].text
            if normalize_name(name) in self.rules.never_places:
                continue
            kind = self.rules.place_nouns[doc[name_end].lower_]
            hits = self.gazetteer.lookup_global(name, countries) if kind == "town" else []
            entry = hits[0] if len(hits) == 1 else None
            found.append(_span(doc, start, name_end, entry, kind=kind))
        return found

    def _listed_places(self, doc: Doc, spans: list[Span], taken: set[int]) -> list[Span]:
        """An unknown name listed before a known place: "in Kalta Shakh, Jawzjan" makes a town."""
        found = []
        for span in spans:
            if span.label_ not in {"admin2", "admin1", "country"} or span.start < 3:
                continue
            if doc[span.start - 1].text != ",":
                continue
            end = span.start - 1
            start = end
            while start - 1 >= 0 and doc[start - 1].is_title and not doc[start - 1].is_stop and (start - 1) not in taken:
                start -= 1
            if start == end or end - start > 4 or start == 0:
                continue
            if doc[start - 1].lower_ not in {"in", "at", "near", "of", "from"}:
                continue
            name = doc[start:end].text
            if normalize_name(name) in self.rules.never_places:
                continue
            found.append(_span(doc, start, end, None, kind="town"))
            taken.update(range(start, end))
        return found

    def _ner_places(self, doc: Doc, taken: set[int], countries: tuple[str, ...]) -> list[Span]:
        found = []
        for ent in doc.ents:
            if ent.label_ not in {"GPE", "LOC"} or any(i in taken for i in range(ent.start, ent.end)):
                continue
            start = ent.start + (1 if ent[0].lower_ == "the" else 0)
            if start >= ent.end or normalize_name(doc[start:ent.end].text) in self.rules.never_places:
                continue
            hits = self.gazetteer.lookup_global(doc[start:ent.end].text, countries)
            if len(hits) == 1 or (hits and countries):
                found.append(_span(doc, start, ent.end, hits[0]))
        return found


def _span(doc: Doc, start: int, end: int, entry: PlaceEntry | None, *, kind: str | None = None) -> Span:
    if entry is None:
        return Span(doc, start, end, label=LABEL_OF_KIND.get(kind or "town", kind or "town"), kb_id="")
    label = LABEL_OF_KIND.get(entry.kind, entry.kind)
    return Span(doc, start, end, label=label, kb_id=entry.id)


def _is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return 1 < len(letters) <= 5 and all(c.isupper() for c in letters)


@Language.factory("newsevents_places", default_config={})
def make_place_tagger(nlp: Language, name: str) -> PlaceTagger:
    return PlaceTagger(nlp, gazetteer())
