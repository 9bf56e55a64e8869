"""Countries as the three codebooks write them: the name, ISO 3166 numeric and alpha-3 codes, ACLED's region.

ISO codes come from ``pycountry``; the names analysts read ("Iran", not "Iran, Islamic Republic of") and
ACLED's regions are data (``data/country_names.jsonl``, ``data/acled_regions.jsonl``).
"""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import pycountry

from ..rules import Rule, package_rules


class CountryName(Rule):
    name: str


class Region(Rule):
    region: str
    countries: list[str]


class Country(NamedTuple):
    code: str
    name: str
    numeric: int | None
    alpha3: str | None
    region: str | None


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    return {entry.id: entry.name for entry in package_rules(__package__, "country_names.jsonl", CountryName)}


@lru_cache(maxsize=1)
def _regions() -> dict[str, str]:
    return {code: entry.region for entry in package_rules(__package__, "acled_regions.jsonl", Region)
            for code in entry.countries}


@lru_cache(maxsize=512)
def country(code: str | None) -> Country | None:
    """The country of an ISO 3166 alpha-2 code, or None for no code; an unknown code keeps itself as its name."""
    if not code:
        return None
    code = code.upper()
    found = pycountry.countries.get(alpha_2=code)
    name = _names().get(code) or (getattr(found, "common_name", None) or found.name if found else code)
    numeric = int(found.numeric) if found is not None else None
    return Country(code, name, numeric, found.alpha_3 if found else None, _regions().get(code))
