"""The frame the text gives a place once ("Juliaca, San Roman province"), lent to its other mentions.

A town told with its district or province in one sentence is often named bare later ("in Juliaca").
Each later mention takes the fields the framed one has; where the text frames a name against the
gazetteer's reading ("Sherpur upazila of Bogura district"), the text's frame wins for a bare mention.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Iterable

from spacy.tokens import Span

from ..places.gazetteer import normalize_name
from .types import ResolvedPlace

LENT_PRECISIONS = {"town", "admin2"}


@dataclass(frozen=True)
class FramedPlace:
    place: ResolvedPlace
    by_text: bool
    """The text itself framed it (a chain of places, a parenthesis), not only the gazetteer."""


def framed_places(chains: Iterable[list[Span]], resolve: Callable[[Span, tuple[Span, ...]], ResolvedPlace],
                  text_frame: Callable[[Span], bool], text_of: Callable[[Span], str]) -> dict[str, FramedPlace]:
    """The best-framed reading of each town or district name the article gives, by normalized name."""
    best: dict[str, tuple[int, FramedPlace]] = {}
    for chain in chains:
        for i, span in enumerate(chain):
            if span.label_ not in LENT_PRECISIONS:
                continue
            frame = tuple(chain[i + 1 :])
            place = resolve(span, frame)
            by_text = bool(frame) or text_frame(span)
            score = (place.admin1 is not None) + (place.admin2 is not None) + (2 if by_text else 0)
            key = normalize_name(text_of(span))
            if key not in best or score > best[key][0]:
                best[key] = (score, FramedPlace(place, by_text))
    return {key: framed for key, (_, framed) in best.items()}


def lend_frame(place: ResolvedPlace, framed: FramedPlace | None, in_chain: bool) -> ResolvedPlace:
    """``place`` with what the article's framed mention of the same name adds to it."""
    if framed is None or place.precision not in LENT_PRECISIONS:
        return place
    other = framed.place
    if other.country and place.country and other.country != place.country:
        return place
    if framed.by_text and other.admin1 and place.admin1 and other.admin1 != place.admin1 and not in_chain:
        # "Sherpur upazila of Bogura district, not Sherpur district": the text's frame beats the gazetteer's
        return replace(place, admin1=other.admin1, admin2=other.admin2, precision=other.precision)
    return replace(place, admin1=place.admin1 or other.admin1, country=place.country or other.country,
                   admin2=place.admin2 or (other.admin2 if place.precision == "town" else None))
