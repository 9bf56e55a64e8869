"""One coherent frame per place: what the text says encloses a name decides which place it is.

"Hyderabad city (Hyderabad, TS)", "Ghaziabad city (UP)", "the Islamabad area of a district of Laghman",
"Balakote sector (Poonch district, J&K)", "X village under Y police station limits (District, State)":
a parenthesis, an "of"-phrase or a comma list after a name gives its district, state and country. A
name is resolved *within* its frame (curated layer first, then the world layer, most populous first);
a name whose every candidate contradicts the frame keeps its words and takes the frame, rather than
being put in another province or country. The frames are kept in the span group's attrs
(``FRAME_ATTRS``: "start:end" -> Frame fields) for the event's place to use.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy
from spacy.attrs import ORTH
from spacy.tokens import Doc, Span

from .gazetteer import Gazetteer, PlaceEntry, PlaceRules, normalize_name

FRAME_ATTRS = "frames"
FRAME_LOOKAHEAD = 8
NEAR_DEGREES = 0.8  # about 60 km either way: a district's towns lie within it
OF_WORDS = frozenset({"of", "in"})
SKIP_IN_OF = frozenset({"a", "an", "the", "district", "province", "state", "region", "governorate", "of"})


@dataclass(frozen=True)
class Frame:
    """The enclosing units a text gives for one name; ``text`` is the frame as written."""

    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    text: str = ""
    lat: float | None = None
    lon: float | None = None
    """Of the frame's most specific known unit: a world-layer town must lie near it to be the place meant."""

    def admits(self, entry: PlaceEntry) -> bool:
        if self.country and entry.country and entry.country != self.country:
            return False
        if entry.kind == "country":
            return True
        entry_admin1 = entry.name if entry.kind == "admin1" else entry.admin1
        if self.admin1 and entry_admin1 and normalize_name(entry_admin1) != normalize_name(self.admin1):
            return False
        if self.admin2 and entry.kind in {"town", "admin2"} and entry.admin2:
            same = normalize_name(entry.admin2) == normalize_name(self.admin2)
            return same or (entry.kind == "admin2" and normalize_name(entry.name) == normalize_name(self.admin2))
        return True

    def as_attrs(self) -> dict:
        # The fields by hand: dataclasses.asdict deep-copies, and every framed name of a long article pays it.
        return {"country": self.country, "admin1": self.admin1, "admin2": self.admin2, "text": self.text,
                "lat": self.lat, "lon": self.lon}


class FrameReader:
    def __init__(self, places: Gazetteer, rules: PlaceRules) -> None:
        self.places = places
        self.rules = rules
        self.nouns = frozenset(rules.place_nouns) | rules.frame_words
        self._abbreviation_hashes: numpy.ndarray | None = None
        """The abbreviations' string hashes, computed on the first Doc (hashes do not depend on the Doc)."""

    # abbreviations -------------------------------------------------------------------------------------
    def abbreviation_spans(self, doc: Doc, taken: set[int]) -> list[Span]:
        """"TS", "UP", "J&K" where a frame can stand: inside a parenthesis or after "<place>,"."""
        found: list[Span] = []
        abbreviations = self.rules.frame_abbreviations
        # Most articles hold no abbreviation at all: find the candidates first, then read their context.
        orth = doc.to_array(ORTH)
        strings = doc.vocab.strings
        if self._abbreviation_hashes is None:
            self._abbreviation_hashes = numpy.array([strings.add(a) for a in abbreviations], dtype="uint64")
        hits = numpy.flatnonzero(numpy.isin(orth, self._abbreviation_hashes)).tolist()
        candidates = [i for i in hits if i > 0 and i not in taken]
        if not candidates:
            return found
        opened = numpy.cumsum(orth == strings.add("(")) - numpy.cumsum(orth == strings.add(")"))
        for i in candidates:
            entry = self.places.entry(abbreviations[doc[i].text])
            depth = max(0, int(opened[i - 1]))
            after_comma = doc[i - 1].text == "," and i > 1 and (i - 2) in taken
            if entry is not None and (depth > 0 or after_comma):
                found.append(Span(doc, i, i + 1, label=entry.kind, kb_id=entry.id))
        return found

    def bracketed_names(self, doc: Doc, taken: set[int], countries: tuple[str, ...]) -> list[Span]:
        """"(Sitapur, UP)": an unknown name listed in a parenthesis that holds a known place is a district.

        The world layer gives it its province when a town of that name is there (Indian and Pakistani
        districts mostly carry their headquarters' name); its rank comes from where it stands.
        """
        found: list[Span] = []
        if "(" not in doc.text:
            return found
        brackets = numpy.flatnonzero(doc.to_array(ORTH) == doc.vocab.strings.add("(")).tolist()
        for tok in (doc[i] for i in brackets):
            if tok.i + 1 >= len(doc):
                continue
            close = next((t.i for t in doc[tok.i + 1 : tok.i + 12] if t.text == ")"), None)
            if close is None or not any(i in taken for i in range(tok.i + 1, close)):
                continue
            # "(Maru LGA, Zamfara)" frames the name before it; "(MP)" after "Member of Parliament" does not.
            listed = any(t.text == "," for t in doc[tok.i + 1 : close])
            named = self._name_before(doc, tok.i, taken, countries) if listed else None
            if named is not None:
                found.append(named)  # "stormed Dansadau (Maru LGA, Zamfara)": the frame's own place
            i = tok.i + 1
            while i < close:
                j = i
                while j < close and j not in taken and doc[j].is_title and not doc[j].is_stop:
                    j += 1
                if j > i and j - i <= 3 and (j == close or doc[j].text == ","):
                    found.append(self._district(doc, i, j, countries))
                i = max(j, i + 1)
        return found

    def _name_before(self, doc: Doc, bracket: int, taken: set[int], countries: tuple[str, ...]) -> Span | None:
        """An unknown proper name just before a parenthesis that holds a frame: a town of that frame."""
        start = bracket
        while start > 0 and bracket - start < 3 and (start - 1) not in taken and doc[start - 1].pos_ == "PROPN" \
                and doc[start - 1].is_title and not doc[start - 1].is_sent_start:
            start -= 1
        if start == bracket or doc[start - 1].is_title:
            return None
        towns = self.places.lookup_global(doc[start:bracket].text, countries) if countries else []
        return Span(doc, start, bracket, label="town", kb_id=towns[0].id if towns else "")

    def _district(self, doc: Doc, start: int, end: int, countries: tuple[str, ...]) -> Span:
        towns = self.places.lookup_global(doc[start:end].text, countries) if countries else []
        return Span(doc, start, end, label="admin2", kb_id=towns[0].id if towns else "")

    # frames -------------------------------------------------------------------------------------------
    def frames(self, doc: Doc, spans: list[Span]) -> dict[int, tuple[Frame, list[Span]]]:
        """Index of each framed span in ``spans`` -> its frame and the spans that make it."""
        ordered = sorted(range(len(spans)), key=lambda i: spans[i].start)
        by_start = {spans[i].start: i for i in ordered}
        result = {}
        for i in ordered:
            members = self._frame_members(doc, spans[i], spans, by_start)
            frame = self._merge(doc, members) if members else None
            if frame is not None:
                result[i] = (frame, members)
        return result

    def _frame_members(self, doc: Doc, span: Span, spans: list[Span], by_start: dict[int, int]) -> list[Span]:
        sent_end = span.sent.end if doc.has_annotation("SENT_START") else len(doc)
        i = span.end
        # "Ghaziabad city (UP)", "X village under Kotwali police station limits (Sitapur, UP)"
        # A place "under" the name is its police station, not a frame of its own: read past it.
        while i < min(sent_end, span.end + FRAME_LOOKAHEAD) and doc[i].text != "(" and (
                (i not in by_start and doc[i].lower_ in self.nouns)
                or (doc[i].is_title and i > span.end and doc[i - 1].lower_ == "under")):
            i += 1
        if i < sent_end and doc[i].text == "(":
            return self._inside(doc, i + 1, spans, by_start, sent_end)
        # "the Islamabad area of a district of Laghman", "Y area of Z district"
        if i < sent_end and i > span.end and doc[i].lower_ in OF_WORDS:
            j = i + 1
            while j < sent_end and doc[j].lower_ in SKIP_IN_OF:
                j += 1
            if j in by_start and spans[by_start[j]].label_ in {"admin2", "admin1", "country"}:
                return self._listed(doc, by_start[j], spans, by_start, sent_end)
        # "Nowshera, Rajouri district, J&K", "Sesad area, Puli Khumri, Baghlan": a comma list of wider units
        if i < sent_end and doc[i].text == "," and i + 1 in by_start:
            nxt = spans[by_start[i + 1]]
            if nxt.label_ in {"admin2", "admin1", "country"} and nxt.kb_id_:
                return self._listed(doc, by_start[i + 1], spans, by_start, sent_end)
        return []

    def _inside(self, doc: Doc, start: int, spans: list[Span], by_start: dict[int, int], sent_end: int) -> list[Span]:
        members = []
        i = start
        while i < sent_end and doc[i].text != ")":
            if i in by_start:
                members.append(spans[by_start[i]])
                i = spans[by_start[i]].end
            else:
                i += 1
        return members

    def _listed(self, doc: Doc, first: int, spans: list[Span], by_start: dict[int, int], sent_end: int) -> list[Span]:
        members = [spans[first]]
        i = spans[first].end
        while i + 1 < sent_end and doc[i].text == "," and i + 1 in by_start:
            nxt = spans[by_start[i + 1]]
            if nxt.label_ not in {"admin2", "admin1", "country"}:
                break
            members.append(nxt)
            i = nxt.end
        return members

    def _merge(self, doc: Doc, members: list[Span]) -> Frame | None:
        country = admin1 = admin2 = None
        point: tuple[float | None, float | None] = (None, None)
        for span in members:
            entry = self.places.entry(span.kb_id_)
            if entry is None:
                if span.label_ == "admin2" and admin2 is None:
                    admin2 = span.text
                continue
            country = country or entry.country
            if entry.kind == "admin1" or self._provincial(doc, span, entry):
                admin1 = admin1 or entry.admin1 or entry.name
            elif entry.kind == "admin2" or span.label_ == "admin2":
                if admin2 is None:
                    point = (entry.lat, entry.lon)
                admin2 = admin2 or entry.name
                admin1 = admin1 or entry.admin1
            elif entry.kind == "town":
                admin1 = admin1 or entry.admin1
        if country is None and admin1 is None and admin2 is None:
            return None
        text = doc[members[0].start : members[-1].end].text
        return Frame(country, admin1, admin2, text, *point)

    def _provincial(self, doc: Doc, span: Span, entry: PlaceEntry) -> bool:
        """"Andar, Ghazni": a district named like its province, framing another place, is the province."""
        if entry.kind != "admin2" or not entry.admin1 or normalize_name(entry.name) != normalize_name(entry.admin1):
            return False
        return span.end >= len(doc) or self.rules.place_nouns.get(doc[span.end].lower_) != "admin2"

    def apply(self, doc: Doc, spans: list[Span], countries: tuple[str, ...]) -> tuple[list[Span], dict, set[int]]:
        """Each framed name resolved within its frame ("Ghaziabad city (UP)"): the new spans, the frames
        (for ``FRAME_ATTRS``) and the indices of the framed spans."""
        frames = self.frames(doc, spans)
        result = list(spans)
        for index, (frame, _) in frames.items():
            span = spans[index]
            if span.label_ == "country":
                continue
            entry = self.within(span, frame, countries)
            longer = self._longer_name(doc, span, frame) if entry is None else None
            if longer is not None:
                # "Hisa-i-Awali Kohistan, Kapisa": the frame's district is the longer name the text wrote.
                result[index] = Span(doc, longer[0], span.end, label=longer[1].kind, kb_id=longer[1].id)
            elif entry is None:
                # Every candidate contradicts the frame: the words stay, unresolved, and take the frame.
                noun = self.rules.place_nouns.get(doc[span.end].lower_) if span.end < len(doc) else None
                label = span.label_ if not span.kb_id_ else (noun or "town")
                result[index] = Span(doc, span.start, span.end, label=label, kb_id="")
            elif entry.id != span.kb_id_:
                label = "region" if entry.kind == "historic_region" else entry.kind
                result[index] = Span(doc, span.start, span.end, label=label, kb_id=entry.id)
        return result, frame_attrs(spans, frames), set(frames)

    def _longer_name(self, doc: Doc, span: Span, frame: Frame) -> tuple[int, PlaceEntry] | None:
        start = span.start
        connectors = self.rules.name_connectors
        while start > 0 and span.start - start < 6 and (doc[start - 1].is_title or doc[start - 1].lower_ in connectors):
            start -= 1
            if doc[start].lower_ in connectors:
                continue
            text = doc[start : span.end].text
            found = [e for e in self.places.lookup(text) or self.places.fuzzy_lookup(text) if frame.admits(e)]
            if found:
                return start, found[0]
        return None

    # resolution within a frame ------------------------------------------------------------------------
    def within(self, span: Span, frame: Frame, countries: tuple[str, ...]) -> PlaceEntry | None:
        """The place ``span`` names inside ``frame``; None when no candidate agrees with it."""
        current = self.places.entry(span.kb_id_)
        if current is not None and frame.admits(current):
            return current
        text = span.text
        curated = [e for e in self.places.lookup(text) or self.places.fuzzy_lookup(text) if frame.admits(e)]
        if curated:
            return min(curated, key=lambda e: self.rules.kind_rank(e.kind))
        scope = (frame.country,) if frame.country else countries
        if not scope:
            return None
        world = [e for e in self.places.lookup_global(text, scope) if frame.admits(e) and _near(frame, e)]
        return world[0] if world else None  # most populous first


def _near(frame: Frame, entry: PlaceEntry) -> bool:
    """A frame naming a district admits only towns near it (the world layer has no districts)."""
    if frame.admin2 is None:
        return True
    if frame.lat is None or frame.lon is None or entry.lat is None or entry.lon is None:
        return False
    return abs(frame.lat - entry.lat) + abs(frame.lon - entry.lon) < NEAR_DEGREES


def frame_attrs(spans: list[Span], frames: dict[int, tuple[Frame, list[Span]]]) -> dict[str, dict]:
    """"start:end" of each framed span -> the frame's fields and the token ranges of its members."""
    return {f"{spans[i].start}:{spans[i].end}": {**frame.as_attrs(), "members": [[m.start, m.end] for m in members]}
            for i, (frame, members) in frames.items()}
