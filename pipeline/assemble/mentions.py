"""What the article mentions, however often: its actors and places, normalized, with the texts that named them."""
from __future__ import annotations

from .place import PlaceResolver
from .types import MentionCount
from .view import DocView


def actor_mentions(view: DocView, country: str | None) -> tuple[MentionCount, ...]:
    merged: dict[str, dict] = {}
    for span in view.actors:
        entry = view.rules.actors.get(span.kb_id_)
        if entry is None:
            continue
        item = merged.setdefault(entry.id, {"name": entry.name, "kind": entry.kind.value,
                                            "country": entry.country or (country if entry.generic else None),
                                            "texts": [], "count": 0})
        item["count"] += 1
        text = view.span_text(span)
        if text not in item["texts"]:
            item["texts"].append(text)
    return tuple(MentionCount(**{**v, "texts": tuple(v["texts"])}) for v in merged.values())


def place_mentions(view: DocView, places: PlaceResolver) -> tuple[MentionCount, ...]:
    merged: dict[tuple, dict] = {}
    for span in view.places:
        place = places.resolve(span)
        key = (place.name, place.precision, place.country)
        item = merged.setdefault(key, {"name": place.name, "kind": place.precision, "country": place.country,
                                       "admin1": place.admin1, "admin2": place.admin2, "lat": place.lat,
                                       "lon": place.lon, "texts": [], "count": 0})
        item["count"] += 1
        text = view.span_text(span)
        if text not in item["texts"]:
            item["texts"].append(text)
    return tuple(MentionCount(**{**v, "texts": tuple(v["texts"])}) for v in merged.values())
