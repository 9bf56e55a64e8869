"""The pattern of names the text marks as places with a noun: "Sangin district", "Porompat police
station", "Bama Local Government Area", "the town of Suarez". The nouns and their precision are data
(``place_nouns`` of ``data/place_rules.json``)."""
from __future__ import annotations

from typing import Any

import numpy
from spacy.matcher import Matcher
from spacy.vocab import Vocab

from ..components import word_hashes
from .gazetteer import PlaceRules

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
