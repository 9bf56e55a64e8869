"""Which weapons an incident used: those named and not held or carried by another weapon, and the trigger's own."""
from __future__ import annotations

from typing import Iterable

from spacy.tokens import Span, Token

from ..lemmas import lemma
from .types import LexiconMention
from .view import DocView
from .words import WORDS

# How far up the parse a weapon's governing verb is looked for ("recovered two rifles and ammunition").
_HEAD_STEPS = 6


def used_weapons(view: DocView, weapons: Iterable[Span]) -> list[Span]:
    """The weapons named in an incident's sentences that were used in it.

    "recovering a locally made gun", "arrested with 20 jerrycans of petrol": held, not used.
    "an explosive-laden drone", "drones loaded with explosives": the drone is the weapon.
    """
    weapons = list(weapons)
    inside = {i for w in weapons for i in range(w.start, w.end)}
    return [w for w in weapons if not held(w) and not _carried_by_weapon(view, w, inside)]


def incident_weapons(view: DocView, weapons: tuple[Span, ...], trigger: Span,
                     implied: tuple[str, ...]) -> tuple[LexiconMention, ...]:
    """One weapon of each kind: those named, then those the trigger implies ("a suicide bomber")."""
    found = list(first_of_each_kind(view, weapons))
    kinds = {w.kind for w in found}
    # "RSF artillery shelled the camp": a trigger that is itself a named weapon implies no other.
    if any(w.start <= trigger.root.i < w.end for w in weapons):
        return tuple(found)
    # "a suicide bomber", "a drone strike" name their weapon; a verb ("shot dead") never does.
    root = trigger.root
    # "gunmen shot dead a leader": the parser may call "shot" a noun; what follows tells the verb.
    verb_use = root.i + 1 < len(view.doc) and view.lower[root.i + 1] in {"dead", "and", "at"}
    named_by_noun = root.pos_ in {"NOUN", "PROPN"} and not verb_use
    for kind in implied if named_by_noun else ():
        if kind not in kinds:
            kinds.add(kind)
            found.append(LexiconMention(kind, view.text_span(trigger)))
    return tuple(found)


def first_of_each_kind(view: DocView, spans: Iterable[Span]) -> tuple[LexiconMention, ...]:
    found: list[LexiconMention] = []
    kinds: set[str] = set()
    for span in spans:
        if span.label_ not in kinds:
            kinds.add(span.label_)
            found.append(LexiconMention(span.label_, view.text_span(span)))
    return tuple(found)


def held(weapon: Span) -> bool:
    """The weapon is what a verb of keeping governs ("seized two rifles"), or what someone was caught with."""
    token: Token = weapon.root
    with_seen = False
    for _ in range(_HEAD_STEPS):
        if token.head is token:
            return False
        token = token.head
        with_seen = with_seen or token.lower_ == "with"
        if token.pos_ in {"VERB", "AUX"}:
            if any(c.dep_ == "prt" for c in token.children):
                return False  # "air strikes were carried out": a phrasal verb of doing, not of keeping
            verb = lemma(token)
            return verb in WORDS.holding_verbs or (with_seen and verb in WORDS.caught_with_verbs)
    return False


def _carried_by_weapon(view: DocView, weapon: Span, inside: set[int]) -> bool:
    """"an explosive-laden drone", "two drones loaded with explosives": what a weapon carries is its load."""
    doc = view.doc
    end = weapon.end
    if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in WORDS.payload_words:
        carrier = doc[end + 1].head
        return carrier.i in inside and not weapon.start <= carrier.i < end
    head = weapon.root.head
    if head.lower_ == "with" and head.head.lower_ in WORDS.payload_words:
        carrier = head.head.head
        return carrier.i in inside and not weapon.start <= carrier.i < end
    return False
