"""Names the text marks as places: with a noun ("Sangin district", "Porompat police station", "Bama Local
Government Area", "the town of Suarez"), or listed before a known place ("in Tor Ghundai, Zabul"). The
nouns, their precision and the listing words are data (``data/place_rules.json``)."""
from __future__ import annotations

from typing import Any

import numpy
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ..components import word_hashes
from .gazetteer import PlaceRules, normalize_name

MultiwordNoun = tuple[tuple[str, ...], str]


def marked_name_matcher(vocab: Vocab, rules: PlaceRules) -> tuple[Matcher, list[MultiwordNoun], numpy.ndarray]:
    """The matcher (NAME_NOUN, NOUN_OF_NAME), the nouns of several words longest first, and the hashes of
    the words a sentence must hold for the matcher to be worth running on it."""
    matcher = Matcher(vocab)
    nouns = sorted(n for n in rules.place_nouns if " " not in n)
    multiword = sorted(((tuple(n.split()), k) for n, k in rules.place_nouns.items() if " " in n),
                       key=lambda item: -len(item[0]))
    hashes = word_hashes(vocab, [*nouns, *(words[-1] for words, _ in multiword)])
    name_token: dict[str, Any] = {"IS_TITLE": True, "IS_STOP": False, "LIKE_NUM": False}
    link: dict[str, Any] = {"LOWER": {"IN": sorted(rules.name_connectors)}, "OP": "?"}
    name: list[dict[str, Any]] = [name_token, link, {**name_token, "OP": "?"}, {**name_token, "OP": "?"}]
    # "Porompat police station", "Bama Local Government Area": nouns of one word or several.
    matcher.add("NAME_NOUN", [[*name, {"LOWER": {"IN": nouns}}],
                              *([*name, *({"LOWER": w} for w in words)] for words, _ in multiword)], greedy="LONGEST")
    # "the town of Suarez", "the municipality of Tame": the noun before the name.
    matcher.add("NOUN_OF_NAME", [[{"LOWER": {"IN": nouns}}, {"LOWER": "of"}, *name]], greedy="LONGEST")
    return matcher, multiword, hashes


def listed_places(doc: Doc, rules: PlaceRules, spans: list[Span], taken: set[int]) -> list[Span]:
    """An unknown name listed before a known place: "in Tor Ghundai, Zabul" makes a town."""
    found = []
    for span in spans:
        if span.label_ not in {"admin2", "admin1", "country"} or span.start < 3:
            continue
        if doc[span.start - 1].text != ",":
            continue
        end = span.start - 1
        start = end
        while start - 1 >= 0 and (start - 1) not in taken and (
                (doc[start - 1].is_title and not doc[start - 1].is_stop)
                # "in Shahr-e-Safa, Zabul": a hyphenated name with its ezafe
                or (doc[start - 1].lower_ in rules.name_connectors and start - 2 >= 0
                    and (doc[start - 2].is_title or doc[start - 2].lower_ in rules.name_connectors))):
            start -= 1
        if start == end or end - start > 6 or start == 0 or not doc[start].is_title:
            continue
        if doc[start - 1].lower_ not in rules.listing_words:
            continue
        name = doc[start:end].text
        if normalize_name(name) in rules.never_places:
            continue
        found.append(Span(doc, start, end, label="town", kb_id=""))
        taken.update(range(start, end))
    return found
