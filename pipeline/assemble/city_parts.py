"""A city's administrative districts: "Kharkiv. In the Saltivskyi district, a drone hit ...". The
gazetteer does not know them; an unknown name the text calls one, in a city the text names around it,
is placed in that city (its own name stays in the location's text). A neighbourhood stays a place of
its own, and in a small town "district" names the unit above it, so only a city of
``city_part_min_population`` people or more has districts."""
from __future__ import annotations

from typing import Iterable

from spacy.tokens import Span

from ..places.gazetteer import PlaceEntry, place_rules


def city_of_part(lower: list[str], span: Span, frames: Iterable[PlaceEntry | None]) -> PlaceEntry | None:
    """The city ``span`` is a part of, read from the first known place of ``frames`` (nearest first)."""
    rules = place_rules()
    after = lower[span.end] if span.end < len(lower) else ""
    if after not in rules.city_part_nouns and lower[span.end - 1] not in rules.city_part_nouns:
        return None
    frame = next((entry for entry in frames if entry is not None and entry.kind != "country"), None)
    if frame is None or frame.kind != "town" or frame.population < rules.city_part_min_population:
        return None
    return frame
