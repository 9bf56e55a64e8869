"""An actor's part in the act as the parse alone tells it: subjects and agents do the act, objects suffer it.

A headline's dropped auxiliary ("Soldiers kidnapped in Arauca") and a name inside a modifier
("anti-Maoist", "al Qaeda-linked") are read here too: both are decided by the words around the mention.
"""
from __future__ import annotations

from spacy.tokens import Span

from ..lemmas import lemma
from .view import DocView
from .words import WORDS


def _is_event_word(token, event_tokens: set[int]) -> bool:
    """The token names the act, or is a light verb whose object does ("carried out attacks")."""
    if token.i in event_tokens:
        return True
    if lemma(token) in WORDS.light_verbs:
        return any(c.i in event_tokens for c in token.children if c.dep_ in {"dobj", "attr", "prt", "pobj"}) or any(
            g.i in event_tokens for c in token.children if c.dep_ == "prt" for g in token.children)
    return False


def role_from_syntax(actor: Span, event_tokens: set[int]) -> str | None:
    """The actor's role from the words it depends on; a span whose words the parser attached to two
    places ("by the paramilitary | Rapid Support Forces") is read from each, its root first."""
    roots = [actor.root] + [t for t in actor if t.i != actor.root.i and not actor.start <= t.head.i < actor.end]
    for root in roots:
        role = _role_of_token(root, event_tokens)
        if role is not None:
            return role
    return None


def _role_of_token(node, event_tokens: set[int]) -> str | None:
    # "police and the CTD launched an operation": a later conjunct has the role of the first.
    while node.dep_ == "conj" and node.head.i != node.i and node.head.pos_ in {"NOUN", "PROPN", "PRON"}:
        node = node.head
    # "a TTP attack", "the army's operation": the actor modifies the act itself.
    if node.dep_ in {"compound", "poss", "amod", "nmod"} and node.head.i in event_tokens:
        # "took four Levies personnel hostage": a trigger naming the people held makes its modifier them.
        return "target" if node.head.lower_ in WORDS.captive_nouns else "perpetrator"
    # "a Frontier Corps camp", "the army's convoy": the actor's role is that of the noun it modifies.
    while node.dep_ in {"compound", "amod", "poss", "nmod", "appos"} and node.head.i != node.i:
        node = node.head
    governor = node.head
    if node.dep_ == "pobj":
        prep, governor = node.head, node.head.head
        if not governed_by_event(governor, event_tokens):
            return None
        if prep.lower_ == "by" or (prep.lower_ == "from" and _comes_under(governor)):
            return "perpetrator"  # "came under fire from gunmen"
        if prep.lower_ == "between":
            return "perpetrator"  # "a shootout between rival factions of the Sinaloa Cartel": both sides fight
        if prep.lower_ == "with":
            # "clashed with militants", "an encounter with security forces": the other side of the fight.
            return "perpetrator"
        if prep.lower_ in {"on", "against", "at", "targeting", "upon"}:
            return "target"
        return None
    if node.dep_ == "agent":
        return "perpetrator" if governed_by_event(governor, event_tokens) else None
    if not governed_by_event(governor, event_tokens):
        return None
    if node.dep_ == "nsubj":
        if lemma(governor) in WORDS.suffering_verbs:
            return "target"  # "one soldier paid the supreme price", "three members of the group died"
        return "target" if _comes_under(governor) else "perpetrator"
    if node.dep_ in {"dobj", "nsubjpass"}:
        return "target"
    return None


def _comes_under(verb) -> bool:
    """"Soldiers came under fire", "the post came under attack": the subject suffers the act."""
    return lemma(verb) in WORDS.experience_verbs and any(
        c.dep_ == "prep" and c.lower_ == "under" for c in verb.children)


def governed_by_event(token, event_tokens: set[int]) -> bool:
    """The word an actor depends on is the act, or coordinated with it ("stormed and attacked")."""
    # "stormed and attacked", "tried to attack", "when police used force": the act's verb chain. A clause
    # of travel ("as an army truck passed") is not: its subject was where the act happened, not its doer.
    chained = token.dep_ in {"conj", "xcomp"} or (token.dep_ == "advcl" and lemma(token) not in WORDS.motion_verbs)
    for candidate in (token, token.head if chained else None):
        if candidate is not None and _is_event_word(candidate, event_tokens):
            return True
    return any(c.i in event_tokens for c in token.children if c.dep_ in {"conj", "xcomp"})


def headline_passive(actor: Span) -> bool:
    """"Soldiers kidnapped in Arauca", "BNP office torched": a headline drops the auxiliary of a passive;
    the subject of a verb of harm with no object and no auxiliary is what was harmed."""
    node = actor.root
    while node.dep_ in {"compound", "amod", "poss", "nmod"} and node.head.i != node.i:
        node = node.head
    verb = node.head
    return (node.dep_ == "nsubj" and verb.tag_ in {"VBD", "VBN"} and lemma(verb) in WORDS.patient_verbs
            and not any(c.dep_ in {"aux", "auxpass", "dobj", "dative", "attr"} for c in verb.children))


def only_qualifies(view: DocView, actor: Span) -> bool:
    """The actor is part of a modifier: "anti-Maoist", "al Qaeda-linked", "BKI-backed"."""
    doc = view.doc
    if actor.start >= 2 and doc[actor.start - 1].text == "-" and doc[actor.start - 2].lower_ in WORDS.stance_prefixes:
        return True
    if actor.start >= 1 and doc[actor.start - 1].lower_.rstrip("-") in WORDS.stance_prefixes:
        return True
    root = actor.root
    head = root.head
    return (root.dep_ in {"npadvmod", "compound"} and head.i != root.i and head.i == actor.end + 1
            and doc[actor.end].text == "-" and head.lower_ in WORDS.affiliation_words)
