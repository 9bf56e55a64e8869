"""Who protests or riots: the crowd a demonstration's own words name, when no actor of the registry does."""
from __future__ import annotations

from spacy.tokens import Span

from ..lemmas import lemma
from .types import ActorRole
from .view import DocView
from .words import WORDS

PARTICIPANT_ENTRY = {"protest": "gen_protesters", "riot": "gen_rioters"}
"""The registry's generic entry for the crowd of each kind of gathering."""


def participants(view: DocView, triggers: tuple[Span, ...], event_type: str) -> list[ActorRole]:
    """"Hundreds of people staged a sit-in", "traders ... staged a protest", "a mob tried to storm": who
    protests is the protest's doer, whatever noun the text uses for them."""
    rules = view.rules.triggers
    entry = PARTICIPANT_ENTRY[event_type]
    kind = view.rules.actors[entry].kind.value  # labelled as the actor tagger labels the registry's mentions
    doc = view.doc
    for trigger in triggers:
        rule = rules.get(trigger.kb_id_)
        if rule is None or rule.type.value not in {"protest", "riot"}:
            continue
        root = trigger.root
        if root.pos_ in {"NOUN", "PROPN"} and root.dep_ in {"nsubj", "nsubjpass"} and root.lower_ not in WORDS.gathering_nouns:
            # "a mob tried to storm", "protesters stone UN base": the trigger names the crowd itself
            start = min(t.i for t in root.subtree if t.i <= root.i)
            return [ActorRole(Span(doc, start, root.i + 1, label=kind, kb_id=entry), "perpetrator")]
        verb = root if root.pos_ in {"VERB", "AUX"} else None
        if verb is None and root.dep_ in {"dobj", "attr", "pobj"} and lemma(root.head) in WORDS.gathering_verbs:
            verb = root.head
        while verb is not None:
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
            if subjects:
                subject = subjects[0]
                if subject.pos_ in {"NOUN", "PROPN", "NUM"}:
                    start = subject.left_edge.i
                    return [ActorRole(Span(doc, start, subject.i + 1, label=kind, kb_id=entry), "perpetrator")]
                break
            verb = verb.head if verb.dep_ in {"conj", "xcomp"} and verb.head.i != verb.i else None
    return []
