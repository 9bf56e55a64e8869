"""The layered place gazetteer.

Curated layer: districts, provinces and conflict towns with their aliases (``data/places_*.jsonl``),
plus countries from ``pycountry``. World layer (``world.py``): every populated place of GeoNames with
its population, GeoNames id, admin1 and coordinates, compiled once into a small SQLite index in a
cache folder so that a worker does not hold 240,000 places in memory.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import tempfile
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import Errors
from ..rules import Rule, data_path, package_rules, read_jsonl
from .world import ADMIN1_FILE, WORLD_INDEX_VERSION, build_world_index, world_sources

PLACE_FILES = ("places_pk.jsonl", "places_af.jsonl", "places_in.jsonl", "places_admin1.jsonl", "places_admin2.jsonl",
               "places_towns.jsonl")
GLOBAL_COLUMNS = "p.id, p.name, p.country, p.admin1, p.iso, p.lat, p.lon, p.pop"


class PlaceEntry(Rule):
    name: str
    aliases: list[str] = []
    kind: str
    """admin1, admin2, town, historic_region or country."""
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    iso3166_2: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    """Of the world layer's places (GeoNames); 0 when unknown. Breaks ties between same-named places."""
    geonames_id: int | None = None


class CountryAlias(Rule):
    country: str
    aliases: list[str]


class PlaceRules(BaseModel):
    """``data/place_rules.json``: the words the places stage reads names with (unknown keys rejected)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    place_nouns: dict[str, str]
    case_sensitive: frozenset[str] = Field(alias="case_sensitive_names")
    never_places: frozenset[str]
    listing_words: frozenset[str]
    locative_words: frozenset[str]
    facility_words: frozenset[str]
    facility_modifiers: frozenset[str] = frozenset()
    name_connectors: frozenset[str]
    kind_preference: tuple[str, ...]
    frame_abbreviations: dict[str, str] = Field(default_factory=dict)
    """Short state names read only inside a frame ("(Hyderabad, TS)"): abbreviation -> curated entry id."""
    frame_words: frozenset[str] = frozenset()
    second_level_nouns: dict[str, frozenset[str]] = Field(default_factory=dict)
    """Country -> nouns that name its second level there ("San Roman province" in Peru is a district)."""
    seat_named_admin2: dict[str, int] = Field(default_factory=dict)
    context_only_countries: frozenset[str] = frozenset()
    name_prefixes: frozenset[str] = frozenset()
    city_part_nouns: frozenset[str] = frozenset()
    """"Kharkiv. In the Saltivskyi district": nouns naming an administrative part of a city."""
    city_part_min_population: int = 100000
    notes: dict[str, str] = Field(default_factory=dict, alias="_notes")

    @field_validator("never_places")
    @classmethod
    def _normalized(cls, names: frozenset[str]) -> frozenset[str]:
        return frozenset(normalize_name(n) for n in names)

    def kind_rank(self, kind: str) -> int:
        return self.kind_preference.index(kind) if kind in self.kind_preference else len(self.kind_preference)


@lru_cache(maxsize=65536)
def normalize_name(text: str) -> str:
    """Fold case, accents, hyphens and apostrophes so spelling variants meet."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace("‘", "").replace("’", "").replace("'", "")
    text = re.sub(r"[-_.,/]+", " ", text)
    text = re.sub(r"^the\s+", "", text)
    # Dari/Pashto ezafe is written -e-, -i-, e or i or left out: "Sar-e Pol", "Sar-i-Pul", "Sari Pul".
    text = re.sub(r"(?<=\w) (?:e|i|ul|al) (?=\w)", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def is_acronym(form: str) -> bool:
    """"ISKP", "J&K": a short all-capital form, matched only as written."""
    letters = [c for c in form if c.isalpha()]
    return 1 < len(letters) <= 5 and all(c.isupper() for c in letters)


def read_place_rules(path: Path) -> PlaceRules:
    try:
        return PlaceRules.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (json.JSONDecodeError, ValidationError) as err:
        raise ValueError(Errors.E009.format(name=path.name, line="-", reason=err)) from err


@lru_cache(maxsize=1)
def place_rules() -> PlaceRules:
    return read_place_rules(data_path(__package__, "place_rules.json"))


def _country_entries() -> list[PlaceEntry]:
    import pycountry

    extra: dict[str, list[str]] = {}
    for alias in package_rules(__package__, "country_aliases.jsonl", CountryAlias):
        extra.setdefault(alias.country, []).extend(alias.aliases)
    entries = []
    for country in pycountry.countries:
        names = {country.name, getattr(country, "common_name", country.name)}
        official = getattr(country, "official_name", None)
        if official:
            names.add(official)
        names.update(extra.get(country.alpha_2, []))
        canonical = getattr(country, "common_name", None) or country.name
        # "Iran, Islamic Republic of" style names are not how news writes them.
        aliases = sorted(n for n in names if n != canonical and "," not in n)
        entries.append(
            PlaceEntry(id=f"country-{country.alpha_2.lower()}", name=canonical, aliases=aliases, kind="country",
                       country=country.alpha_2)
        )
    return entries


class Gazetteer:
    """Curated entries by id and by normalized alias, plus the global towns layer."""

    def __init__(self, entries: list[PlaceEntry], global_index: Path | None = None) -> None:
        self.entries: dict[str, PlaceEntry] = {e.id: e for e in entries}
        self.by_alias: dict[str, list[PlaceEntry]] = {}
        for entry in entries:
            for form in {entry.name, *entry.aliases}:
                self.by_alias.setdefault(normalize_name(form), []).append(entry)
        self.admin_names: dict[tuple[str, str], PlaceEntry] = {}
        for entry in entries:
            if entry.kind == "admin1" and entry.country:
                self.admin_names[(entry.country, normalize_name(entry.name))] = entry
        self._global_index = global_index
        self._deletes: dict[str, set[str]] | None = None
        self._fuzzy("")  # build the spelling index now, at load time, not inside the first article
        self._local = threading.local()

    def fuzzy_lookup(self, text: str) -> list[PlaceEntry]:
        return self._fuzzy(normalize_name(text))

    @lru_cache(maxsize=65536)  # noqa: B019  (one gazetteer per process, as long-lived as the cache)
    def _fuzzy(self, key: str) -> list[PlaceEntry]:
        """Entries one edit away ("Quetah" for Quetta, "Peshwar" for Peshawar), for names of 5+ letters.

        Misspelt place names are common in local reporting; one edit on a name of six letters or more is
        rarely another place ("Gardi" is not "Gardez"), and the answer must be unique to be used.
        """
        if self._deletes is None:
            self._deletes = {}
            for form in self.by_alias:
                if len(form) >= 6 and self.by_alias[form][0].kind != "country":
                    for variant in _deletions(form):
                        self._deletes.setdefault(variant, set()).add(form)
        if len(key) < 6 or key in self.by_alias:
            return []
        forms = set()
        for variant in _deletions(key):
            forms |= self._deletes.get(variant, set())
        entries = {e.id: e for form in forms for e in self.by_alias[form]}
        names = {e.name for e in entries.values()}
        return list(entries.values()) if len(names) == 1 else []

    def forms(self) -> dict[str, list[PlaceEntry]]:
        return self.by_alias

    def lookup(self, text: str) -> list[PlaceEntry]:
        return self.by_alias.get(normalize_name(text), [])

    def country_name(self, code: str | None) -> str | None:
        entry = self.entries.get(f"country-{code.lower()}") if code else None
        return entry.name if entry else None

    def admin1_entry(self, country: str | None, name: str | None) -> PlaceEntry | None:
        if not name:
            return None
        if country:
            return self.admin_names.get((country, normalize_name(name)))
        for entry in self.lookup(name):
            if entry.kind == "admin1":
                return entry
        return None

    # The global layer -----------------------------------------------------------------------------
    def lookup_global(self, text: str, countries: tuple[str, ...] = ()) -> list[PlaceEntry]:
        """Towns named ``text`` in the global layer, restricted to ``countries`` when given."""
        return self._global(normalize_name(text), tuple(sorted(countries)))

    @lru_cache(maxsize=65536)  # noqa: B019  (one gazetteer per process, as long-lived as the cache)
    def _global(self, key: str, countries: tuple[str, ...]) -> list[PlaceEntry]:
        """Most populous first: with nothing else to go on, the big place is the one in the news."""
        conn = self._connection()
        if conn is None:
            return []
        query = f"SELECT DISTINCT {GLOBAL_COLUMNS} FROM names n JOIN places p ON p.id = n.id WHERE n.norm = ?"
        if countries:
            query += f" AND p.country IN ({','.join('?' * len(countries))})"
        rows = conn.execute(query + " ORDER BY p.pop DESC", (key, *countries)).fetchall()
        return [_world_entry(r) for r in rows]

    @lru_cache(maxsize=65536)  # noqa: B019  (one gazetteer per process, as long-lived as the cache)
    def global_entry(self, entry_id: str) -> PlaceEntry | None:
        """A world-layer place by its ``geo-N`` id."""
        conn = self._connection()
        if conn is None or not entry_id.startswith("geo-"):
            return None
        row = conn.execute(f"SELECT {GLOBAL_COLUMNS} FROM places p WHERE p.id = ?", (int(entry_id[4:]),)).fetchone()
        return _world_entry(row) if row is not None else None

    def population(self, entry: PlaceEntry) -> int:
        """A curated entry's own population, else that of the world-layer place of its name nearest to it."""
        return entry.population if entry.id.startswith("geo-") else self._population(entry.id)

    @lru_cache(maxsize=65536)  # noqa: B019  (one gazetteer per process, as long-lived as the cache)
    def _population(self, entry_id: str) -> int:
        entry = self.entries[entry_id]
        if entry.population or entry.kind not in {"town", "admin2"} or entry.lat is None or entry.lon is None:
            return entry.population
        near = [t.population for t in self.lookup_global(entry.name, (entry.country,) if entry.country else ())
                if t.lat is not None and t.lon is not None and abs(t.lat - entry.lat) + abs(t.lon - entry.lon) < 0.6]
        return max(near, default=0)

    def entry(self, entry_id: str) -> PlaceEntry | None:
        if not entry_id:
            return None
        return self.entries.get(entry_id) or self.global_entry(entry_id)

    def _connection(self) -> sqlite3.Connection | None:
        conn = getattr(self._local, "conn", None)
        if conn is None and self._global_index is not None:
            conn = sqlite3.connect(f"file:{self._global_index}?mode=ro", uri=True, check_same_thread=False)
            self._local.conn = conn
        return conn


def _deletions(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def _cache_dir() -> Path:
    explicit = os.environ.get("NEWSEVENTS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "newsevents"


def _world_entry(row: tuple) -> PlaceEntry:
    return PlaceEntry(id=f"geo-{row[0]}", name=row[1], kind="town", country=row[2], admin1=row[3], iso3166_2=row[4],
                      lat=row[5], lon=row[6], population=row[7] or 0, geonames_id=row[0] if row[0] > 0 else None)


def global_index_path(curated_admin1: dict[str, str] | None = None) -> Path | None:
    """Path of the compiled world index, building it on first use (atomic, once per machine)."""
    if world_sources() == (None, None):
        return None
    # The index carries the curated province names: a change to them (or to the admin1 table) is a new file.
    table = data_path(__package__, ADMIN1_FILE)
    names = json.dumps(sorted((curated_admin1 or {}).items())) + (table.read_text("utf-8") if table.exists() else "")
    digest = hashlib.sha1(names.encode()).hexdigest()[:10]
    target = _cache_dir() / f"world-places-v{WORLD_INDEX_VERSION}-{digest}.sqlite"
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    os.close(fd)
    try:
        build_world_index(Path(tmp), normalize_name, curated_admin1 or {})
        os.replace(tmp, target)  # concurrent builders each write their own file; the last rename wins
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    for stale in target.parent.glob("world-places-v*.sqlite"):
        if stale != target:
            # An index of older curated names; a process still reading it keeps its open file.
            stale.unlink(missing_ok=True)
    return target


def _curated_admin1(entries: list[PlaceEntry]) -> dict[str, str]:
    """ISO 3166-2 code -> the curated name of the province (the names the whole pipeline compares)."""
    return {e.iso3166_2: e.name for e in entries if e.kind == "admin1" and e.iso3166_2}


def shipped_entries() -> list[PlaceEntry]:
    """The curated layer as shipped (``data/places_*.jsonl``), countries not included."""
    entries: list[PlaceEntry] = []
    for name in PLACE_FILES:
        if data_path(__package__, name).exists():
            entries.extend(package_rules(__package__, name, PlaceEntry))
    return entries


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shipped gazetteer: curated layers, countries and the world layer (built once per process)."""
    entries = shipped_entries()
    # The world index is one per machine: its province names are always the shipped curated ones.
    index = global_index_path(_curated_admin1(entries))
    entries.extend(_country_entries())
    return Gazetteer(entries, index)


def build_gazetteer(files: list[Path]) -> Gazetteer:
    """A gazetteer whose curated layer is read from ``files`` (a user's own), with countries and the world layer."""
    entries: list[PlaceEntry] = [entry for path in files for entry in read_jsonl(path, PlaceEntry)]
    known = {e.id for e in entries}
    entries.extend(e for e in _country_entries() if e.id not in known)
    return Gazetteer(entries, global_index_path(_curated_admin1(shipped_entries())))
