"""The article's frame: its countries and provinces decide the names that could be elsewhere.

A news story is about one or two countries. "Bara" in a story on North Kordofan is the Sudanese
town, not the Khyber tehsil; "Los Reyes" in a story on Michoacán is not the big Los Reyes of Mexico
State; "in Odesa" in a Ukrainian story is the city, not the oblast of its name. These choices are made
once the whole article's places are known, from the support each country gets from *other* places.
"""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span

from .gazetteer import Gazetteer, PlaceEntry, PlaceRules, normalize_name

# A country backs an article when two other places (or a place and a dateline country) are in it.
SUPPORT = 2
# Outside the countries with a curated district layer a world town may replace a curated name only if
# it is a real city: villages called "Chaman" or "Bagh" are everywhere.
CITY_POPULATION = 50_000
CAPITAL_POPULATION = 100_000
SEAT_DEGREES = 0.6
FRAMING_WORDS = frozenset({",", "of", "(", "'s", "’s"})
PLACE_NOUN_WORDS = frozenset({"district", "districts", "province", "area", "village", "town", "city", "tehsil",
                              "agency", "state", "county", "region", "township", "municipality"})
TOWN_NOUNS = frozenset({"city", "town", "village"})
ADMIN1_NOUNS = frozenset({"province", "state", "region", "governorate", "oblast", "department", "division"})


def district_countries(places: Gazetteer) -> frozenset[str]:
    """Countries whose curated layer has districts: there, curated names are trusted over the world layer."""
    return frozenset(e.country for e in places.entries.values() if e.kind == "admin2" and e.country)


def world_choice(towns: list[PlaceEntry], provinces: frozenset[str]) -> PlaceEntry | None:
    """Of same-named towns (most populous first): one in a province the article names, else a dominant one."""
    named = [t for t in towns if t.admin1 in provinces]
    if named:
        return named[0]
    if len(towns) == 1:
        return towns[0]
    if len(towns) > 1 and towns[0].population >= 10 * max(towns[1].population, 1000):
        return towns[0]
    return None


def _framing(doc: Doc, start: int) -> bool:
    """"Ghoryan district, Herat", "a district of Balkh": the name stands as the frame of another place."""
    if start > 1 and doc[start - 1].lower_ in {"in", "near"} and doc[start - 2].lower_ in PLACE_NOUN_WORDS:
        return True  # "Mosa Khail district in Khost"
    if start > 1 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in TOWN_NOUNS:
        return False  # "the city of Taiz": the name is the town itself
    return start > 0 and doc[start - 1].lower_ in FRAMING_WORDS


def capital_town(places: Gazetteer, entry: PlaceEntry, doc: Doc, start: int, end: int,
                 curated: frozenset[str]) -> PlaceEntry | None:
    """"in Odesa", "in Kano": a province named like its big capital, without its noun, is the city."""
    if entry.kind != "admin1" or not entry.country or entry.country in curated or _framing(doc, start):
        return None
    if doc[end - 1].lower_ in ADMIN1_NOUNS or (end < len(doc) and doc[end].lower_ in ADMIN1_NOUNS):
        return None  # "Puno region", "Kano State": the text names the province
    key = normalize_name(entry.name)
    for town in places.lookup_global(entry.name, (entry.country,)):
        if town.population >= CAPITAL_POPULATION and normalize_name(town.name) == key and town.admin1 == entry.name:
            return town
    return None


def seat_town(places: Gazetteer, rules: PlaceRules, entry: PlaceEntry, doc: Doc, start: int, end: int) -> bool:
    """"in Quetta", "in Bannu": a district named like its big headquarters, without its noun, is the city.

    The span keeps the district's entry (its admin2 and province) and takes the rank of a town.
    """
    if entry.kind != "admin2" or entry.lat is None or entry.lon is None or _framing(doc, start):
        return False
    if rules.place_nouns.get(doc[end - 1].lower_) == "admin2" or (
            end < len(doc) and rules.place_nouns.get(doc[end].lower_) == "admin2"):
        return False
    seat = seat_of(places, entry)
    return seat is not None and seat.population >= CITY_POPULATION


def seat_of(places: Gazetteer, entry: PlaceEntry) -> PlaceEntry | None:
    """The world-layer town a district is named after (same name, near its point), most populous first."""
    if entry.lat is None or entry.lon is None:
        return None
    key = normalize_name(entry.name)
    for town in places.lookup_global(entry.name, (entry.country,) if entry.country else ()):
        near = town.lat is not None and town.lon is not None and \
            abs(town.lat - entry.lat) + abs(town.lon - entry.lon) < SEAT_DEGREES
        if near and normalize_name(town.name) == key:
            return town
    return None


def country_support(places: Gazetteer, spans: list[Span]) -> list[Counter]:
    """For each span, the places *other* than it (and other than its own name) per country."""
    total: Counter = Counter()
    own: list[tuple[str | None, str]] = []
    for span in spans:
        entry = places.entry(span.kb_id_)
        code = entry.country if entry is not None else None
        own.append((code, normalize_name(span.text)))
        if code:
            total[code] += 1
    result = []
    for code, key in own:
        same = sum(1 for c, k in own if k == key and c == code)
        support = total.copy()
        if code:
            support[code] -= same
        result.append(support)
    return result


def cohere(places: Gazetteer, rules: PlaceRules, doc: Doc, spans: list[Span], framed: set[int],
           provinces: frozenset[str], curated: frozenset[str]) -> list[Span]:
    """Names placed in a country no other place of the article backs, moved into the country that is backed."""
    supports = country_support(places, spans)
    result = list(spans)
    for index, span in enumerate(spans):
        entry = places.entry(span.kb_id_)
        if index in framed or entry is None or entry.kind in {"country", "admin1"} or not entry.country:
            continue
        support = supports[index]
        if support[entry.country] > 0 or not support:
            continue
        top, count = support.most_common(1)[0]
        if count < SUPPORT or top == entry.country:
            continue
        better = _in_country(places, rules, span.text, top, provinces, curated)
        if better is not None:
            result[index] = Span(doc, span.start, span.end, label=better.kind if better.kind != "historic_region"
                                 else "region", kb_id=better.id)
    return result


def _in_country(places: Gazetteer, rules: PlaceRules, text: str, country: str, provinces: frozenset[str],
                curated: frozenset[str]) -> PlaceEntry | None:
    candidates = [e for e in places.lookup(text) if e.country == country]
    if candidates:
        return min(candidates, key=lambda e: rules.kind_rank(e.kind))
    town = world_choice(places.lookup_global(text, (country,)), provinces)
    if town is None or (country in curated and town.population < CITY_POPULATION):
        return None
    return town


def world_after_locative(places: Gazetteer, rules: PlaceRules, doc: Doc, bounds: tuple[int, int],
                         countries: tuple[str, ...], provinces: frozenset[str],
                         curated: frozenset[str]) -> PlaceEntry | None:
    """"in Culiacan" (tagged NORP), "in Djibo" (tagged PERSON): after a locative word, a town of the
    article's countries is that town; with no country to go on, only a city the size of Madurai."""
    start, end = bounds
    if start == 0 or doc[start - 1].lower_ not in rules.locative_words:
        return None
    name = doc[start:end].text
    if normalize_name(name) in rules.never_places:
        return None
    town = world_choice(places.lookup_global(name, countries), provinces)
    if not countries and (town is None or town.population < CAPITAL_POPULATION):
        return None
    if town is not None and town.country in curated and provinces and town.admin1 not in provinces:
        return None  # a same-named village elsewhere: the province of the known place nearest is safer
    return town


def dominant_entry(places: Gazetteer, entries: list[PlaceEntry]) -> PlaceEntry | None:
    """The entry ten times as populous as any other of the name (and a town of 100,000 or more), if any.

    Only a clear prior breaks a tie: Hyderabad (Sindh) and Hyderabad (Telangana) are both big, and
    which is meant is a matter of the article, not of their sizes."""
    sizes = sorted(((places.population(e), i) for i, e in enumerate(entries)), reverse=True)
    if len(sizes) > 1 and sizes[0][0] >= 100_000 and sizes[0][0] >= 10 * sizes[1][0]:
        return entries[sizes[0][1]]
    return None


def town_named_for_country(places: Gazetteer, doc: Doc, start: int, end: int,
                           entry: PlaceEntry) -> tuple[int, int, PlaceEntry] | None:
    """"Port Sudan", "Kuwait City": a town of the country whose name holds the country's name."""
    for first, last in ((start - 1, end), (start, end + 1)):
        if first < 0 or last > len(doc) or not doc[first:last].text.replace(" ", "").isalpha():
            continue
        if not all(t.is_title or t.is_upper for t in doc[first:last]):
            continue
        name = normalize_name(doc[first:last].text)
        towns = [t for t in places.lookup_global(doc[first:last].text, (entry.country or "",))
                 if t.kind == "town" and normalize_name(t.name) == name]
        if towns:
            return first, last, max(towns, key=places.population)
    return None
