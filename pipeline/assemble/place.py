"""The event's place: the chain of places nearest its trigger, and what frames it.

"in Malgir, Nahri Saraj district, Helmand": places listed together describe one place, whose most
specific member is the scene and the rest its frame. An unknown place takes the frame of the known
place nearest it; a dateline says where a story was filed, not where it happened. A frame the text
gives a name ("Balakote sector (Poonch district, J&K)", read by ``pipeline.places.frame``) fills what
the name itself does not say; the place keeps the GeoNames id of its entry and the frame's words.
"""
from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from typing import Iterator

from spacy.tokens import Span

from models.taxonomy import GEO_PRECISION_RANK

from ..components import PLACES
from ..places.coherence import seat_of
from ..places.frame import FRAME_ATTRS
from ..places.gazetteer import PlaceEntry, normalize_name, place_rules
from .arguments import IncidentArguments
from .city_parts import city_of_part
from .place_memory import FramedPlace, framed_places, lend_frame
from .types import PlaceChoice, ResolvedPlace
from .view import DocView
from .words import WORDS

MENTIONED_LIMIT = 10
# "the province", "the district": the word refers back to the last place of that rank.
ANAPHORIC_PLACES = {"province": "admin1", "state": "admin1", "region": "admin1", "district": "admin2",
                    "city": "town", "town": "town", "village": "town"}
CHAIN_GAP = 6  # tokens between two names of one place: ", some 20 km west of"


def _rank(span: Span) -> int:
    return GEO_PRECISION_RANK.get(span.label_, 5)


class PlaceResolver:
    """Resolves one article's places; holds its country and the places of each sentence."""

    def __init__(self, view: DocView) -> None:
        self.view = view
        self.gazetteer = view.rules.places
        self.by_sentence: dict[int, list[Span]] = defaultdict(list)
        for span in view.places:
            self.by_sentence[view.sentence_of(span.start)].append(span)
        self.country = self._article_country()
        group = view.doc.spans.get(PLACES)
        self.frames: dict[str, dict] = group.attrs.get(FRAME_ATTRS, {}) if group is not None else {}
        self._resolved: dict[tuple, ResolvedPlace] = {}
        self._framed: dict[str, FramedPlace] | None = None
        self._heading_sentences: list[int] | None = None
        self._last_scene: tuple[int, list[Span]] | None = None
        """The sentence and places of the last incident that named its own, for one told right after it."""

    def entry(self, span: Span) -> PlaceEntry | None:
        return self.gazetteer.entry(span.kb_id_)

    def _article_country(self) -> str | None:
        counts: Counter = Counter()
        for span in self.view.places:
            entry = self.entry(span)
            if entry is not None and entry.country:
                counts[entry.country] += 2 if entry.kind != "country" else 1
        return counts.most_common(1)[0][0] if counts else None

    # one place ---------------------------------------------------------------------------------------
    def resolve(self, span: Span, chain: tuple[Span, ...] = ()) -> ResolvedPlace:
        """The place, with the frame the article gives the same name elsewhere (see ``place_memory``)."""
        if self._framed is None:
            spans = sorted((s for s in self.view.places if not self._dateline_place(s)), key=lambda s: s.start)
            self._framed = framed_places(self._chains(spans), self._resolve_once,
                                         lambda s: f"{s.start}:{s.end}" in self.frames, self.view.span_text)
        framed = self._framed.get(normalize_name(self.view.span_text(span)))
        return lend_frame(self._resolve_once(span, chain), framed, bool(chain))

    def _resolve_once(self, span: Span, chain: tuple[Span, ...]) -> ResolvedPlace:
        key = (span.start, span.end, span.label_, span.kb_id_, tuple((s.start, s.end) for s in chain))
        found = self._resolved.get(key)
        if found is None:
            found = self._resolved[key] = self._resolve(span, chain)
        return found

    def _resolve(self, span: Span, chain: tuple[Span, ...]) -> ResolvedPlace:
        """A place, with admin1/admin2 filled from the gazetteer or from the places listed after it."""
        entry = self.entry(span)
        # "Kharkiv. In the Saltivskyi district": an unknown district's city is the place.
        city = city_of_part(self.view.lower, span, self._frames(span, chain)) if entry is None else None
        entry = entry or city
        precision = "town" if city else span.label_ if span.label_ in GEO_PRECISION_RANK else "town"
        # A world-layer town keeps the spelling of the text ("Bara", not GeoNames' "Barah").
        name = city.name if city else (
            entry.name if entry and not entry.id.startswith("geo-") else self.view.span_text(span))
        country = entry.country if entry else None
        admin1 = entry.admin1 if entry else None
        admin2 = entry.admin2 if entry else None
        lat = entry.lat if entry else None
        lon = entry.lon if entry else None
        if entry is not None and entry.kind == "country":
            admin1 = admin2 = None
        # "Shin Kalay area, Sangin district, Helmand province": the later places frame the first.
        for other in chain:
            other_entry = self.entry(other)
            if other_entry is None:
                if other.label_ == "admin2" and admin2 is None and precision == "town":
                    admin2 = self.view.span_text(other)
                continue
            if country is None:
                country = other_entry.country
            if (other_entry.kind == "admin2" or other.label_ == "admin2") and admin2 is None and precision == "town":
                # "Llochegua in Huanta province": a world-layer town the text marks as the district
                admin2 = other_entry.name if other_entry.kind == "admin2" else self.view.span_text(other)
                admin1 = admin1 or other_entry.admin1
            elif other_entry.kind == "admin1" and admin1 is None:
                admin1 = other_entry.admin1 or other_entry.name
            elif other_entry.kind == "town" and entry is None and admin2 is None and precision == "town":
                # "the Montes de San Bartolo neighbourhood of Soyapango": an unknown place lies in the town's
                # district ("Navolato, west of Culiacan" is a town of its own)
                admin2 = other_entry.admin2 or (self._seat_admin2(other_entry) and self.view.span_text(other))
                admin1 = admin1 or other_entry.admin1
        given = self.frames.get(f"{span.start}:{span.end}")
        if given is not None and (entry is None or entry.kind != "country"):
            # "Balakote sector (Poonch district, J&K)": the frame says what the name does not.
            country = country or given["country"]
            admin1 = admin1 or given["admin1"]
            if precision == "town":
                admin2 = admin2 or given["admin2"]
        if entry is None and admin1 is None:
            # "Sra Ghar area, on the outskirts of Quetta": an unknown place takes the frame of the known
            # place nearest to it in its sentence, later ones first.
            frame = self._nearest_known(span) or self._context_frame(span) or self._earlier_known(span) or (
                self._sole_province())
            if frame is not None:
                country = country or frame.country
                admin1 = frame.admin1 or (frame.name if frame.kind == "admin1" else None)
                if frame.kind in {"admin2", "town"} and admin2 is None:
                    admin2 = frame.admin2 or self._seat_admin2(frame)
        if entry is not None and admin2 is None and precision == "town" and self._seat_admin2(entry):
            admin2 = name  # the town's name as the text spells it
        after = self.view.lower[span.end] if span.end < len(self.view.lower) else ""
        if precision == "town" and admin2 and admin2 != name and (
                after in WORDS.subdistrict_nouns or self.view.lower[span.end - 1] in WORDS.subdistrict_nouns):
            precision = "admin2"  # "Mamund tehsil of Bajaur": an area of district level, in its district
        if precision == "admin1":
            admin1 = admin1 or name
        if precision == "admin2":
            admin2 = admin2 or name
        if country is None and entry is None:
            country = self.country
        if admin1 and country:
            canonical = self.gazetteer.admin1_entry(country, admin1)
            admin1 = canonical.name if canonical else admin1
        geonames_id = entry.geonames_id if entry else None
        if entry is not None and entry.kind == "admin2" and precision == "town":
            # "in Quetta": the district's entry read as its city; the city's GeoNames id and point.
            seat = seat_of(self.gazetteer, entry)
            if seat is not None:
                geonames_id, lat, lon = seat.geonames_id, seat.lat, seat.lon
        return ResolvedPlace(self.view.text_span(span), name, precision, country, admin1, admin2, lat, lon,
                           geonames_id, given["text"] if given else None)

    @staticmethod
    def _seat_admin2(entry: PlaceEntry) -> str | None:
        """"in Tame": a Colombian municipio, a Nigerian LGA or a Myanmar township carries its town's name."""
        seats = place_rules().seat_named_admin2
        if entry.id.startswith("geo-") and entry.kind == "town" and entry.country in seats \
                and entry.population >= seats[entry.country]:
            return entry.name
        return None

    def _sole_province(self) -> PlaceEntry | None:
        """The province of every known place of the article, when they all lie in one: the article's frame."""
        if "sole province" not in self.view.memo:
            provinces = {(e.country, e.admin1 or e.name): e for e in map(self.entry, self.view.places)
                         if e is not None and e.kind != "country" and (e.admin1 or e.kind == "admin1")}
            self.view.memo["sole province"] = next(iter(provinces.values())) if len(provinces) == 1 else None
        return self.view.memo["sole province"]

    def _context_frame(self, span: Span) -> PlaceEntry | None:
        """"Kharkiv. In the Saltivskyi district, a drone hit ...": an unknown place alone in its sentence
        lies in the place the story last set."""
        for other in self._context_places(self.view.sentence_of(span.start)):
            entry = self.entry(other)
            if entry is not None and entry.kind != "country":
                return entry
        return None

    def _earlier_known(self, span: Span) -> PlaceEntry | None:
        """"the Tepuche area north of the city", "the Abu Shouk camp on the edge of the city": an unknown
        place told against "the city" lies in the town last named; otherwise in the last known place
        named before it (the dateline's included)."""
        start, end = self.view.bounds[self.view.sentence_of(span.start)]
        lower = self.view.lower
        wants_town = any(lower[i] == "the" and lower[i + 1] in WORDS.settlement_nouns for i in range(start, end - 1))
        known = [(other, entry) for other in sorted(self.view.places, key=lambda p: -p.start) if other.end <= span.start
                 for entry in [self.entry(other)] if entry is not None and entry.kind != "country"]
        towns = [entry for other, entry in known if other.label_ == "town"] if wants_town else []
        return towns[0] if towns else known[0][1] if known else None

    def _frames(self, span: Span, chain: tuple[Span, ...]) -> Iterator[PlaceEntry | None]:
        """The city an unknown district may lie in: its chain's first place, or the place alone in a sentence
        before it in its paragraph, or heading its section ("Kharkiv. In the Saltivskyi district")."""
        yield from map(self.entry, chain[:1])
        first = self.view.sentence_of(span.start)
        paragraphs = self.view.paragraph_of_sentence()
        before = itertools.takewhile(lambda i: paragraphs[i] == paragraphs[first], range(first - 1, -1, -1))
        for index in itertools.chain(before, reversed([h for h in self._headings() if h < first])):
            if self._only_place(index):
                yield from map(self.entry, self.by_sentence[index])

    def _nearest_known(self, span: Span) -> PlaceEntry | None:
        candidates = []
        for other in self.by_sentence[self.view.sentence_of(span.start)]:
            if other.start == span.start:
                continue
            entry = self.entry(other)
            if entry is None or entry.kind == "country":
                continue
            after = other.start > span.start
            candidates.append((0 if after else 1, abs(other.start - span.start), entry))
        return min(candidates, key=lambda c: (c[0], c[1]))[2] if candidates else None

    # the event's place --------------------------------------------------------------------------------
    def choose(self, event: IncidentArguments) -> PlaceChoice | None:
        # "JALALABAD, Afghanistan, Dec 2 -": a dateline says where the story was filed.
        spans = sorted((s for s in event.places if not self._dateline_place(s)), key=lambda s: s.start)
        if event.type in {"protest", "riot"}:
            # "protested in Multan against the attack in Shikarpur": the second place is what they protest.
            own = {i for t in event.triggers for i in range(t.start, t.end)}
            kept = [s for s in spans if not self._topical(event.trigger, s, own)]
            spans = kept or spans
        if not spans:
            spans = self._context_places(min(event.sentences)) or self._named_by_anaphor(event) or self._told_before(
                event)
            if not spans:
                return self._dateline_location()
            # "Police dispersed them and arrested 12 people": the scene the paragraph set, told once.
            _, best, frame = self._scene(spans, event.trigger)
            return PlaceChoice(self.resolve(best, frame))
        self._last_scene = (max(event.sentences), spans)
        _, best, frame = self._scene(spans, event.trigger)
        finer = self._finer_place(best, spans)
        if finer is not None:
            # "... in Chhattisgarh's Bijapur. The exchange of fire took place near Farsegarh": the story
            # narrows the scene later; the first place then frames the finer one.
            frame = (best, *frame)
            best = finer
        place = self.resolve(best, frame)
        mentioned = tuple(self.resolve(s) for s in spans if s is not best)
        return PlaceChoice(place, mentioned[:MENTIONED_LIMIT])

    def _scene(self, spans: list[Span], trigger: Span) -> tuple[list[Span], Span, tuple[Span, ...]]:
        """The chain of places nearest the trigger, its most specific member and the members framing it."""
        chain = min(self._chains(spans), key=lambda c: self._chain_rank(c, trigger))
        best = min(chain, key=lambda s: (_rank(s), s.start))
        return chain, best, tuple(s for s in chain if s.start > best.start)

    def _told_before(self, event: IncidentArguments) -> list[Span]:
        """"3. Police detained six people at the scene.": an incident that names no place, told in the
        paragraph right after one that did and not opened as another ("Separately"), is at its scene."""
        if self._last_scene is None:
            return []
        last, spans = self._last_scene
        first = min(event.sentences)
        paragraphs = self.view.paragraph_of_sentence()
        if first <= last or paragraphs[first] - paragraphs[last] > 1:
            return []
        start = self.view.bounds[first][0]
        if self.view.lower[start] in WORDS.new_incident_openers:
            return []
        return spans

    def _context_places(self, first: int) -> list[Span]:
        """The places the story last set before sentence ``first``: those of its paragraph, else those of
        the heading of its section ("Kharkiv region.")."""
        paragraphs = self.view.paragraph_of_sentence()
        for index in range(first - 1, -1, -1):
            if paragraphs[index] != paragraphs[first]:
                break
            found = self._scene_places(index)
            if found:
                return found
        earlier = [index for index in self._headings() if index < first]
        return self._scene_places(earlier[-1]) if earlier else []

    def _headings(self) -> list[int]:
        """The sentences that head a section, in text order (found once per article)."""
        if self._heading_sentences is None:
            paragraphs = self.view.paragraph_of_sentence()
            self._heading_sentences = sorted(i for i in self.by_sentence if i > 0 and self._heading(i, paragraphs))
        return self._heading_sentences

    def _named_by_anaphor(self, event: IncidentArguments) -> list[Span]:
        """"in the southern districts of the province": the province the story named last, anywhere before."""
        lower = self.view.lower
        kinds = {ANAPHORIC_PLACES[lower[i + 1]] for s in event.sentences for i in range(*self.view.bounds[s])
                 if lower[i] == "the" and i + 1 < len(lower) and lower[i + 1] in ANAPHORIC_PLACES}
        if not kinds:
            return []
        for index in range(min(event.sentences) - 1, -1, -1):
            found = [s for s in self._scene_places(index) if s.label_ in kinds]
            if found:
                return found
        return []

    def _scene_places(self, index: int) -> list[Span]:
        return [s for s in self.by_sentence.get(index, ()) if not self._dateline_place(s) and s.label_ != "country"]

    def _heading(self, index: int, paragraphs: list[int]) -> bool:
        """A paragraph of one short sentence that is only a place ("Odesa region."): it heads a section."""
        alone = paragraphs[index - 1] != paragraphs[index] and (
            index + 1 >= len(paragraphs) or paragraphs[index + 1] != paragraphs[index])
        return alone and self._only_place(index)

    def _only_place(self, index: int) -> bool:
        """The sentence is only a place's name ("Kharkiv.", "Odesa region.")."""
        if not self.by_sentence.get(index):
            return False
        start, end = self.view.bounds[index]
        words = [w for w in self.view.lower[start:end] if w.strip() and w not in {".", ":", "-", "–"}]
        return len(words) <= sum(s.end - s.start for s in self.by_sentence[index]) + 1

    def _chains(self, spans: list[Span]) -> list[list[Span]]:
        chains: list[list[Span]] = []
        for span in spans:
            if chains and self._continues_chain(chains[-1][-1], span):
                chains[-1].append(span)
            else:
                chains.append([span])
        return chains

    def _chain_rank(self, chain: list[Span], trigger: Span) -> tuple:
        head = chain[0]
        same_sentence = self.view.sentence_of(head.start) == self.view.sentence_of(trigger.start) \
            if self.view.sentence_of else True
        # "in Bajaur", and "stormed Dansadau" / "attacked the Gara Baloch check post": the act's own object.
        lower = self.view.lower
        # "in the Osaifra neighbourhood" is where; "of the Kapisa police chief" and "on the Kabul-Ghazni
        # highway" are not.
        before = head.start - 2 if head.start > 1 and lower[head.start - 1] in {"the", "a"} else head.start - 1
        route = head.end < len(lower) and lower[head.end] in {"-", "–"} or bool(
            WORDS.route_words.intersection(lower[head.end : head.end + 3]))
        locative = not route and ((before >= 0 and lower[before] in WORDS.locative and (
            before == head.start - 1 or lower[before] != "of")) or 0 <= head.start - trigger.end <= 1)
        only_country = all(s.label_ == "country" for s in chain)
        distance = head.start - trigger.end if head.start >= trigger.end else 2 * (trigger.start - head.end) + 5
        return (0 if same_sentence else 1, 1 if only_country else 0, 0 if locative else 1, distance)

    def _topical(self, trigger: Span, span: Span, own: set[int]) -> bool:
        """The place is what the protest is about: a topic cue stands between the protest and it. The
        protest's own words ("a sit-in protest") are no cue, and "outside the press club" is its site."""
        if self.view.sentence_of(span.start) != self.view.sentence_of(trigger.start) or span.start < trigger.end:
            return False
        cues = [i for i in range(trigger.end, span.start) if self.view.lower[i] in WORDS.topic_cues and i not in own]
        return bool(cues) and not WORDS.site_prepositions.intersection(self.view.lower[cues[-1] : span.start])

    def _finer_place(self, best: Span, spans: list[Span]) -> Span | None:
        outer = self.entry(best)
        # "in Bannu" is read as the city, but it is also the district a finer place named later lies in.
        rank = GEO_PRECISION_RANK["admin2"] if outer is not None and outer.kind == "admin2" else _rank(best)
        if rank == 0:
            return None
        for span in spans:
            # "in the Kulachi area of Dera Ismail Khan": the finer place may come first in the sentence.
            earlier_sentence = self.view.sentence_of(span.start) < self.view.sentence_of(best.start)
            if _rank(span) >= rank or earlier_sentence or (span.kb_id_ and span.kb_id_ == best.kb_id_):
                continue  # a district read as its seat town is not finer than itself
            entry = self.entry(span)
            if entry is None:
                return span
            if outer is not None and outer.kind == "admin1" and entry.admin1 == outer.name:
                return span
            if outer is not None and outer.kind == "admin2" and entry.admin2 == outer.name:
                return span
        return None

    def _continues_chain(self, previous: Span, span: Span) -> bool:
        """"X, Y district, Z" or "X area of Y": places listed together describe one place."""
        frame = self.frames.get(f"{previous.start}:{previous.end}")
        if frame is not None and [span.start, span.end] in frame.get("members", []):
            return True  # "the Islamabad area of a district of Laghman": the frame the text gave the name
        if span.start - previous.end > CHAIN_GAP:
            return False
        # "Navolato, some 20 km west of Culiacan": a distance between the names still joins them.
        return all(word in WORDS.place_chain_words or word.isdigit()
                   for word in self.view.lower[previous.end : span.start])

    def _dateline_place(self, span: Span) -> bool:
        text = self.view.span_text(span)
        return text.isupper() and len(text) > 3 and span.start == self.view.sentence_start(span.start)

    def _dateline_location(self) -> PlaceChoice | None:
        spans = [s for s in self.view.places if s.start < 6 and s.label_ != "country"]
        if not spans:
            return None
        return PlaceChoice(self.resolve(spans[0]))
