"""Physical targets: the posts, vehicles, pylons and buildings an incident's act was aimed at.

A target word in the incident's sentences is its target only when the syntax ties it to the act: the
object of the act ("blew up a pylon"), its passive subject ("the school was torched"), the place it
happened at ("an attack on a checkpoint", "a blast near the market"), or a modifier of the act itself ("a
checkpoint attack"). Places passed on the way ("on the road to", "returned home") are not targets.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..lemmas import lemma
from .words import WORDS

MAX_HOPS = 4
"""How far up the dependency tree a target word may be from the act's word."""


def event_targets(targets: tuple[Span, ...], event_words: list[Span], people: list[Span],
                  weapons: tuple[Span, ...]) -> tuple[Span, ...]:
    """The target spans the syntax ties to one of ``event_words`` (triggers and outcome cues), leaving out
    what ``people`` (the incident's actors and counted victims) rode or did and what is part of a weapon."""
    event_tokens = {i for t in event_words for i in range(t.start, t.end)}
    people_ends = {p.end for p in people}
    weapon_tokens = {i for w in weapons for i in range(w.start, w.end)}
    targets = tuple(t for t in targets if not weapon_tokens.intersection(range(t.start, t.end))
                    and not _ridden(t, people_ends) and not _on_duty(t))
    for word in event_words:
        # "a roadside bomb targeted a van", "hurled a grenade at a shop": the verb the act's noun serves.
        root = word.root
        if root.pos_ in {"NOUN", "PROPN"} and root.dep_ in {"nsubj", "dobj", "nsubjpass"} and root.head.pos_ == "VERB":
            event_tokens.add(root.head.i)
        # "burst into a hospital and shot dead a patient": the place broken into is where the act struck.
        if root.dep_ == "conj" and root.head.pos_ == "VERB" and lemma(root.head) in WORDS.entry_verbs:
            event_tokens.add(root.head.i)
    return tuple(span for span in targets if _tied(span, event_tokens))


def _tied(span: Span, event_tokens: set[int]) -> bool:
    if any(i in event_tokens for i in range(span.start, span.end)):
        # "a car bomb": the act's own word names what it hit only when it is not the weapon itself.
        return False
    node: Token = span.root
    for _ in range(MAX_HOPS):
        dep, head = node.dep_, node.head
        if head.i == node.i:
            return False
        if head.i in event_tokens or _light_verb_of_event(head, event_tokens):
            # "attacked the post", "a checkpoint attack", "the school's bombing"; not the act's subject.
            return dep not in {"nsubj", "agent", "npadvmod", "advmod"}
        if dep == "pobj" and head.lower_ in WORDS.target_prepositions:
            node = head  # "on a checkpoint": go on from the preposition
        elif dep == "prep" and (head.pos_ in {"VERB", "AUX"} or lemma(head) in WORDS.partitive_nouns):
            node = head  # "hurled a grenade at the shop", "blew up a section of the pipeline"
        elif dep in {"conj", "appos", "compound"}:
            node = head  # "the school and the clinic", "the Gara Baloch police check post"
        else:
            # Inside another noun's phrase ("a van on the highway"): where it was, not what was hit.
            return False
    return False


def _phrase_start(span: Span) -> int:
    """Where the span's noun phrase begins: its determiners and modifiers come before it ("a pickup truck")."""
    start = span.start
    while start > 0 and span.doc[start - 1].dep_ in _MODIFIERS and span.doc[start - 1].head.i >= span.start:
        start -= 1
    return start


_MODIFIERS = {"det", "amod", "compound", "nummod", "poss", "nmod"}


def _ridden(span: Span, people_ends: set[int]) -> bool:
    """"gunmen on a motorcycle", "attackers in a pickup truck": the vehicle the actors came in, not a target."""
    start = _phrase_start(span)
    return start >= 2 and span.doc[start - 1].lower_ in WORDS.riding_words and start - 1 in people_ends


def _on_duty(span: Span) -> bool:
    """"while on patrol", "they were on an area domination patrol": what the victims were doing."""
    start = _phrase_start(span)
    return start >= 2 and span.doc[start - 1].lower_ == "on" and span.doc[start - 2].lower_ in WORDS.duty_before


def _light_verb_of_event(token: Token, event_tokens: set[int]) -> bool:
    """"carried out an attack on the post": the verb whose object is the act."""
    return lemma(token) in WORDS.light_verbs and any(c.i in event_tokens for c in token.children)
