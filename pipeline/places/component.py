"""``newsevents_places``: finds place mentions and resolves each to a gazetteer entry.

Three sources, in order of trust: curated names and aliases (PhraseMatcher), unknown names that
the text itself marks as places ("Shin Kalay area", "in Tor Ghundai, Zabul"), and the
statistical NER's GPE/LOC entities looked up in the global towns layer. Each span's label is its
precision (town, admin2, admin1, country, region) and its ``kb_id`` the entry id ("" when the
text marks a place the gazetteer does not know).
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

import numpy
from spacy.attrs import POS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.parts_of_speech import PROPN
from spacy.tokens import Doc, Span

from ..actors.component import ENTRY_ATTRS
from ..components import ACTORS, PLACES, sentences_with, set_spans
from ..rules import write_jsonl
from . import coherence
from .coherence import capital_town, cohere, district_countries, seat_town, world_after_locative, world_choice
from .frame import FRAME_ATTRS, FrameReader
from .gazetteer import (
    Gazetteer,
    PlaceEntry,
    PlaceRules,
    build_gazetteer,
    gazetteer,
    is_acronym,
    normalize_name,
    place_rules,
    read_place_rules,
)
from .marked import listed_places, marked_name_matcher

LABEL_OF_KIND = {"historic_region": "region"}


FORCE_KINDS = {"police", "state_forces"}
"""Actor kinds whose words name units and facilities ("Police District 13", "Army Public School")."""


class PlaceTagger:
    def __init__(self, nlp: Language, places: Gazetteer, rules: PlaceRules) -> None:
        self.nlp = nlp
        self.initialize(places=places, rules=rules)

    def initialize(self, get_examples=None, *, nlp=None, places: Gazetteer | None = None,
                   rules: PlaceRules | None = None) -> None:
        if places is not None:
            self.gazetteer = places
        if rules is not None:
            self.rules = rules
        nlp = self.nlp
        places = self.gazetteer
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        case_sensitive = {normalize_name(n) for n in self.rules.case_sensitive}
        for key, entries in places.forms().items():
            forms = {f for e in entries for f in (e.name, *e.aliases) if normalize_name(f) == key}
            docs = [nlp.make_doc(f) for f in sorted(forms)]
            if key in case_sensitive or any(is_acronym(f) for f in forms):
                self.exact.add(key, docs)
            else:
                self.folded.add(key, docs)
        self.framer = FrameReader(places, self.rules)
        self.curated_countries = district_countries(places)
        self.marked, self.multiword_nouns, self.noun_hashes = marked_name_matcher(nlp.vocab, self.rules)

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        spans: list[Span] = []
        matches = [(strings[m], s, e) for m, s, e in self.folded(doc)] + [
            (strings[m], s, e) for m, s, e in self.exact(doc)
        ]
        context = self._countries(doc, matches)
        actor_tokens = {i for s in doc.spans.get(ACTORS, []) for i in range(s.start, s.end)}
        matched = {i for _, s, e in matches for i in range(s, e)}
        provinces = self._named_provinces(matches)
        actors = doc.spans.get(ACTORS)
        entries = actors.attrs.get(ENTRY_ATTRS, {}) if actors is not None else {}
        named_actor = {i for s in doc.spans.get(ACTORS, []) if not entries.get(s.kb_id_, {}).get("generic", True)
                       for i in range(s.start, s.end)}
        for key, start, end in matches:
            if key in self.rules.never_places or any(i in named_actor for i in range(start, end)):
                # "Tehreek-e-Taliban Pakistan", "Balochistan Liberation Army": the name of a group.
                continue
            entry = self._choose(doc, self.gazetteer.by_alias[key], end, context, provinces)
            if self._context_only(entry, key) and entry.country not in context:
                continue  # "the vehicle of Samar, a former commander" in an Afghan story: a man, not a province
            entry = capital_town(self.gazetteer, entry, doc, start, end, self.curated_countries) or entry
            town = coherence.town_named_for_country(self.gazetteer, doc, start, end, entry) if entry.kind == "country" else None
            if town is not None:
                spans.append(_span(doc, *town))
                continue
            if entry.kind == "country" and end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title:
                continue  # "Pakistan Airforce", "Afghan Taliban": the country names an organisation
            if context and entry.country != context[0] and self._names_facility(doc, end):
                continue  # "Aden Adde International Airport" in a Somali story: named for a man, not for Aden
            start, end, entry = self._whole_name(doc, start, end, entry, matched | actor_tokens)
            if entry is not None and seat_town(self.gazetteer, self.rules, entry, doc, start, end):
                spans.append(Span(doc, start, end, label="town", kb_id=entry.id))
                continue
            spans.append(_span(doc, start, end, entry, kind="town"))
        taken = {i for s in spans for i in range(s.start, s.end)}
        # "Police District 13", "Army Public School": the forces name a unit or a facility, not a place.
        forces = {i for s in doc.spans.get(ACTORS, []) if s.label_ in FORCE_KINDS for i in range(s.start, s.end)}
        spans.extend(self._marked_places(doc, taken | named_actor, context, provinces, forces))
        taken = {i for s in spans for i in range(s.start, s.end)}
        spans.extend(listed_places(doc, self.rules, spans, taken))
        taken = {i for s in spans for i in range(s.start, s.end)}
        spans.extend(self._ner_places(doc, taken, context, provinces))
        taken = {i for s in spans for i in range(s.start, s.end)}
        spans.extend(self.framer.abbreviation_spans(doc, taken))
        taken = {i for s in spans for i in range(s.start, s.end)}
        spans.extend(self.framer.bracketed_names(doc, taken, context))
        spans, frames, framed = self.framer.apply(doc, self._reconcile_listings(doc, spans), context)
        spans = cohere(self.gazetteer, self.rules, doc, spans, framed, provinces, self.curated_countries)
        # "Barangay Kitango", "Sitio Malapong": the word for a village is not part of its name.
        spans = [Span(doc, s.start + 1, s.end, label=s.label_, kb_id=s.kb_id_)
                 if len(s) > 1 and s[0].lower_ in self.rules.name_prefixes else s for s in spans]
        set_spans(doc, PLACES, spans)
        doc.spans[PLACES].attrs[FRAME_ATTRS] = frames
        return doc

    def _countries(self, doc: Doc, matches) -> tuple[str, ...]:
        """Countries the article is about, most named first: unambiguous place names and named actors vote."""
        votes: dict[str, int] = {}
        for key, _, _ in matches:
            entries = self.gazetteer.by_alias.get(key, [])
            codes = {e.country for e in entries if e.country}
            if len(codes) == 1 and not any(self._context_only(e, key) for e in entries):
                code = codes.pop()
                votes[code] = votes.get(code, 0) + 2
        actors = doc.spans.get(ACTORS)
        entries = actors.attrs.get(ENTRY_ATTRS, {}) if actors is not None else {}
        for span in doc.spans.get(ACTORS, []):
            entry = entries.get(span.kb_id_)
            if entry is not None and entry["country"] and not entry["generic"]:
                votes[entry["country"]] = votes.get(entry["country"], 0) + 1
        return tuple(sorted(votes, key=lambda c: -votes[c]))

    def _context_only(self, entry: PlaceEntry, key: str) -> bool:
        """A one-word second-level name read only in an article that names its country otherwise (no vote)."""
        return entry.kind == "admin2" and entry.country in self.rules.context_only_countries and " " not in key

    def _named_provinces(self, matches) -> frozenset[str]:
        """Provinces the article names without ambiguity: they decide which "Dawlatabad" is meant."""
        names = set()
        for key, _, _ in matches:
            entries = self.gazetteer.by_alias.get(key, [])
            if entries and all(e.kind == "admin1" for e in entries) and len({e.name for e in entries}) == 1:
                names.add(entries[0].name)
        return frozenset(names)

    def _choose(self, doc: Doc, entries: list[PlaceEntry], end: int, countries: tuple[str, ...],
                provinces: frozenset[str] = frozenset()) -> PlaceEntry:
        if len(entries) == 1:
            return entries[0]
        wanted = None
        if end < len(doc):
            wanted = self.rules.place_nouns.get(doc[end].lower_)
        dominant = coherence.dominant_entry(self.gazetteer, entries)
        def rank(entry: PlaceEntry) -> tuple:
            return (
                0 if wanted and entry.kind == wanted else 1,
                0 if entry.kind != "admin1" and entry.admin1 in provinces else 1,
                countries.index(entry.country) if entry.country in countries else len(countries),
                self.rules.kind_rank(entry.kind),
                0 if entry is dominant else 1,  # "Kohistan": the far bigger place, other things equal
            )
        return min(entries, key=rank)

    def _reconcile_listings(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """"Badin, Shinka district, Zabul": a known name framed by a place elsewhere is another place."""
        spans = sorted(spans, key=lambda s: s.start)
        result = []
        for index, span in enumerate(spans):
            entry = self.gazetteer.entry(span.kb_id_)
            nxt = spans[index + 1] if index + 1 < len(spans) else None
            if entry is None or entry.kind in {"admin1", "country"} or nxt is None or nxt.start != span.end + 1 \
                    or doc[span.end].text != ",":
                result.append(span)
                continue
            frame = self.gazetteer.entry(nxt.kb_id_)
            if frame is None or frame.kind == "country":
                result.append(span)
                continue
            frame_admin1 = frame.name if frame.kind == "admin1" else frame.admin1
            if frame.country != entry.country or (frame_admin1 and entry.admin1 and frame_admin1 != entry.admin1
                                                  and frame.kind != "town"):
                span = _span(doc, span.start, span.end, None, kind="town")
            result.append(span)
        return result

    def _known_spelling(self, span: Span, countries: tuple[str, ...]) -> PlaceEntry | None:
        """A curated place written with other spacing or hyphens, or one letter off."""
        entries = self.gazetteer.lookup(span.text) or self.gazetteer.fuzzy_lookup(span.text)
        entries = [e for e in entries if not countries or e.country in countries or e.kind == "country"]
        if not entries or normalize_name(span.text) in self.rules.never_places:
            return None
        return self._choose(span.doc, entries, span.end, countries)

    def _names_facility(self, doc: Doc, end: int) -> bool:
        """The name goes on with other proper names into a facility's ("Aden Adde International Airport");
        "Kabul International Airport" is Kabul's, its first word after the name a common modifier."""
        i = end
        if i >= len(doc) or doc[i].pos_ != "PROPN" or not doc[i].is_title or doc[i].lower_ in self.rules.facility_modifiers:
            return False
        while i < min(len(doc), end + 4) and doc[i].is_title and doc[i].lower_ not in self.rules.facility_words:
            i += 1
        return i < len(doc) and doc[i].lower_ in self.rules.facility_words

    def _whole_name(self, doc: Doc, start: int, end: int, entry: PlaceEntry, taken: set[int]):
        """"Sher Kot", "Jati Bazar": a known name inside a longer proper name is that other place."""
        def name_token(i: int) -> bool:
            if i < 0 or i >= len(doc) or i in taken:
                return False
            tok = doc[i]
            return (tok.pos_ == "PROPN" and tok.is_title and tok.lower_ not in self.rules.place_nouns
                    and tok.lower_ not in self.rules.facility_words and not tok.is_sent_start)
        new_start, new_end = start, end
        while name_token(new_start - 1):
            new_start -= 1
        while name_token(new_end):
            new_end += 1
        # Only short, ambiguous names ("Kot", "Bara", "Tank") are read as part of a longer name: a
        # district's full name followed by a proper noun is usually a facility or an organisation.
        short = end - start == 1 and doc[start].text in self.rules.case_sensitive
        # "in Sra Bagh, Nawa district": a longer name listed before another place is its own town.
        listed = new_end < len(doc) and doc[new_end].text == "," and new_start == start
        # "Sesad Kota area": a known name ending a longer name the text marks as a place is part of it.
        marked = new_start < start and new_end < len(doc) and self.rules.place_nouns.get(doc[new_end].lower_) == "town"
        if (new_start, new_end) == (start, end) or entry.kind == "country" or not (short or listed or marked):
            return start, end, entry
        return new_start, new_end, None

    def _marked_places(self, doc: Doc, taken: set[int], countries: tuple[str, ...],
                       provinces: frozenset[str] = frozenset(), forces: frozenset[int] | set[int] = frozenset()
                       ) -> list[Span]:
        """Names the text marks as places with a noun: "Shin Kalay area", "Sangin district"."""
        found = []
        # The pattern tests every token; only sentences holding a place noun can match it.
        hits: list[tuple[int, int, int]] = []
        for part in sentences_with(doc, self.noun_hashes):
            hits.extend((m, part.start + s, part.start + e) for m, s, e in self.marked(part))
        noun_first = self.nlp.vocab.strings["NOUN_OF_NAME"]
        for match, start, end in hits:
            noun = start if match == noun_first else end - 1
            kind = self.rules.place_nouns.get(doc[noun].lower_)
            if match == noun_first:
                start, name_end = start + 2, end
            else:
                name_end = end - 1
                for words, longer_kind in self.multiword_nouns:  # the noun of several words is not the name
                    first = end - len(words)
                    if first > start and tuple(t.lower_ for t in doc[first:end]) == words:
                        name_end, kind = first, longer_kind
                        break
            if kind is None:
                continue
            # "Islamic State", "a Catholic area": a group's name or a description, not a place's name.
            if any(i in taken or (doc[i].ent_type_ == "NORP" and doc[i].pos_ == "ADJ") for i in range(start, name_end)) \
                    or start == name_end:
                continue
            if doc[start].i == doc[start].sent.start and doc[start].lower_ in {"the", "a", "an"}:
                continue
            if all(i in forces for i in range(start, name_end)):
                if name_end == noun and noun + 1 < len(doc) and doc[noun + 1].like_num:
                    found.append(_span(doc, start, noun + 2, None, kind="town"))  # a numbered police district
                continue
            name = doc[start:name_end].text
            if normalize_name(name) in self.rules.never_places:
                continue
            if kind == "admin1" and countries and doc[noun].lower_ in self.rules.second_level_nouns.get(countries[0], ()):
                kind = "admin2"
            # "Naushki district", "Toba-Tek Singh city": a spelling the matcher missed may still be known.
            known = self._known_spelling(doc[start:name_end], countries)
            if known is not None:
                found.append(_span(doc, start, name_end, known))
                continue
            # A lone "Gulshan Colony" could be anywhere: the towns layer is asked only within the article's countries.
            towns = self.gazetteer.lookup_global(name, countries) if kind in {"town", "admin2"} and countries else []
            entry = world_choice(towns, provinces)
            if entry is not None and kind == "admin2" and normalize_name(entry.name) != normalize_name(name):
                entry = None  # a district is named like its town, not like one of the town's other names
            if entry is not None and kind == "admin2":
                # "Rueso district": a district named after its town; the town gives its province, the text its rank.
                found.append(Span(doc, start, name_end, label="admin2", kb_id=entry.id))
                continue
            found.append(_span(doc, start, name_end, entry, kind=kind))
        return found


    def _ner_places(self, doc: Doc, taken: set[int], countries: tuple[str, ...],
                    provinces: frozenset[str] = frozenset()) -> list[Span]:
        """Places the statistical NER finds: misspelt curated names first, then the global towns layer.

        The global layer is only asked within the countries the article names: a lone "Sara" could be
        anywhere in the world.
        """
        found = []
        for ent in doc.ents:
            if ent.label_ not in {"GPE", "LOC", "PERSON", "ORG", "NORP"} or any(i in taken for i in range(ent.start, ent.end)):
                continue
            start = ent.start + (1 if ent[0].lower_ == "the" else 0)
            end = ent.end
            while end > start and doc[end - 1].is_space:
                end -= 1  # the NER may take in the line break after a headline ("Bunia\n\n")
            ent = Span(doc, ent.start, end, label=ent.label_)
            if start >= ent.end or normalize_name(doc[start:ent.end].text) in self.rules.never_places:
                continue
            name = doc[start : ent.end].text
            # A real town of that exact name beats a curated name one letter away from it.
            hits = self.gazetteer.lookup_global(name, countries) if ent.label_ in {"GPE", "LOC"} else []
            # Within the article's countries the biggest of the name; worldwide only a dominant one.
            choice = world_choice(hits, provinces) or (hits[0] if hits and countries else None)
            if choice is not None:
                found.append(_span(doc, start, ent.end, choice))
                continue
            # "in Culiacan" tagged NORP, "in Djibo" tagged PERSON: after a locative word, a town of the
            # article's countries is that town.
            town = world_after_locative(
                self.gazetteer, self.rules, doc, (start, ent.end), countries, provinces, self.curated_countries)
            if town is not None:
                found.append(_span(doc, start, ent.end, town))
                continue
            fuzzy = [e for e in self.gazetteer.fuzzy_lookup(name) if not countries or e.country in countries]
            if fuzzy and (ent.label_ in {"GPE", "LOC"} or (start > 0 and doc[start - 1].lower_ in self.rules.locative_words)):
                entry = self._choose(doc, fuzzy, ent.end, countries)
                found.append(_span(doc, start, ent.end, entry))
        taken = taken | {i for s in found for i in range(s.start, s.end)}
        # Proper-noun runs the NER missed, misspelt after a locative word: "outside the Quetah press club".
        pos = doc.to_array([POS])
        resume = 0
        for i in (int(k) for k in numpy.flatnonzero(pos == PROPN)):
            if i < resume or i in taken or i == 0 or doc[i - 1].lower_ not in self.rules.locative_words:
                continue
            end = i + 1
            # A name may be hyphenated across tokens: "Toba-Tek Singh".
            while end < len(doc) and end not in taken and end - i < 5 and (
                    doc[end].pos_ == "PROPN" or (doc[end].text == "-" and end + 1 < len(doc) and doc[end + 1].is_title)):
                end += 1
            known = self._known_spelling(doc[i:end], countries) or world_after_locative(
                self.gazetteer, self.rules, doc, (i, end), countries, provinces, self.curated_countries)
            if known is not None:
                found.append(_span(doc, i, end, known))
            elif self._unknown_place(doc, i, end):
                # "killed in a drone strike in Spin Warsak": a proper name after "in" that is nothing
                # else the pipeline knows is a place it does not know; it keeps its name and takes the
                # province of the known place nearest to it.
                found.append(_span(doc, i, end, None, kind="town"))
            resume = end
        return found

    def _unknown_place(self, doc: Doc, start: int, end: int) -> bool:
        if doc[start - 1].lower_ not in {"in", "at", "near"} or end - start > 3:
            return False
        if any(doc[i].ent_type_ in {"DATE", "TIME", "ORG", "NORP", "PERSON", "MONEY", "CARDINAL", "ORDINAL", "EVENT",
                                     "LAW", "LANGUAGE", "WORK_OF_ART", "PRODUCT"} for i in range(start, end)):
            return False
        name = doc[start:end]
        if normalize_name(name.text) in self.rules.never_places or any(t.lower_ in self.rules.facility_words for t in name):
            return False
        return end >= len(doc) or not doc[end].is_title

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """The curated layer and the name rules; the global towns layer stays in its cache (rebuilt on demand)."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        write_jsonl(path / "places.jsonl", [e for e in self.gazetteer.entries.values() if e.kind != "country"])
        (path / "place_rules.json").write_text(self.rules.model_dump_json(by_alias=True, indent=1), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "PlaceTagger":
        path = Path(path)
        self.initialize(places=build_gazetteer([path / "places.jsonl"]), rules=read_place_rules(path / "place_rules.json"))
        return self


def _span(doc: Doc, start: int, end: int, entry: PlaceEntry | None, *, kind: str | None = None) -> Span:
    if entry is None:
        return Span(doc, start, end, label=LABEL_OF_KIND.get(kind or "town", kind or "town"), kb_id="")
    label = LABEL_OF_KIND.get(entry.kind, entry.kind)
    return Span(doc, start, end, label=label, kb_id=entry.id)


@Language.factory("newsevents_places", default_config={"places": None, "rules": None}, assigns=["doc.spans"],
                  requires=["doc.ents", "token.tag", "doc.spans"])
def make_place_tagger(nlp: Language, name: str, places: list[str] | None, rules: str | None) -> PlaceTagger:
    """``places``: paths of JSONL place files replacing the curated layer (countries and the global towns
    layer stay); ``rules``: a place_rules.json replacing the shipped one."""
    return PlaceTagger(nlp, gazetteer() if places is None else build_gazetteer([Path(p) for p in places]),
                       place_rules() if rules is None else read_place_rules(Path(rules)))
