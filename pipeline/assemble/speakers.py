"""Speakers: an actor who reports the incident takes no part in it, unless it tells of its own act.

"Police said" reports; "the KIA said it had overrun a junta outpost" and "Puntland forces said drone
strikes had killed dozens of ISSP fighters" claim the act for the speaker.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..lemmas import lemma
from .event_type import ARMED_GROUP_KINDS, STATE_KINDS
from .syntax_roles import governed_by_event, role_from_syntax
from .types import ActorRole
from .view import DocView
from .words import WORDS

STATE_SIDE = STATE_KINDS | {"foreign_state"}
ARMED_SIDE = ARMED_GROUP_KINDS | {"unidentified_armed_group"}
"""Actor kinds on either side of a conflict: a speaker of one side whose act struck the other claims it."""


def is_speaker(doc: Doc, actor: Span, sent: tuple[int, int], lower: list[str]) -> bool:
    """"police said", "according to police": the actor reports the event, it does not act in it."""
    after = set(lower[actor.end : min(sent[1], actor.end + 2)])
    before = set(lower[max(sent[0], actor.start - 2) : actor.start])
    if after & (WORDS.speech_verbs - {"claimed"}) or "according" in before:
        return True
    root = actor.root
    return root.dep_ == "nsubj" and root.head.lower_ in WORDS.speech_verbs


def _speech_verb(actor: Span) -> Token | None:
    """The verb the actor speaks by: the one it is subject of, else one right after it ("the CTD said")."""
    root = actor.root
    if root.dep_ == "nsubj" and root.head.lower_ in WORDS.speech_verbs:
        return root.head
    # "the Counter Terrorism Department said its personnel had killed": the parser may hang the name
    # elsewhere ("Dera Ismail Khan, the CTD"); the speech verb right after it is the one.
    doc = actor.doc
    return next((doc[i] for i in range(actor.end, min(len(doc), actor.end + 2))
                 if doc[i].lower_ in WORDS.speech_verbs), None)


def reports_its_own_act(actor: Span, event_tokens: set[int]) -> bool:
    """The actor says "it" or "its forces" did the act: the subject of the reported clause is the speaker."""
    verb = _speech_verb(actor)
    if verb is None:
        return False
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    clauses += [c for cl in clauses for c in cl.children if c.dep_ == "conj"]  # "said X and that its fighters had"
    for clause in clauses:
        if clause.dep_ not in {"ccomp", "conj"}:
            continue
        subjects = [c for c in clause.children if c.dep_ == "nsubj"]
        own = any(s.lower_ in WORDS.self_reference or any(c.dep_ == "poss" and c.lower_ in WORDS.self_reference
                                                           for c in s.children) for s in subjects)
        # "The army said its troops had repelled the assault": the speaker answered the act, not did it.
        if own and governed_by_event(clause, event_tokens) and lemma(clause) not in WORDS.response_verbs:
            return True
    return False


def reports_act_on_adversary(view: DocView, actor: Span, event_tokens: set[int]) -> bool:
    """A named armed speaker tells of an act with no doer of its own that struck its enemies: its own act."""
    actors = view.rules.actors
    entry = actors.get(actor.kb_id_)
    if entry is None or entry.generic:
        return False
    side = "state" if entry.kind.value in STATE_SIDE else "armed" if entry.kind.value in ARMED_SIDE else None
    if side is None:
        return False
    verb = _speech_verb(actor)
    if verb is None:
        return False
    enemies = ARMED_SIDE if side == "state" else STATE_SIDE
    others = [a for a in view.sentences[view.sentence_of(actor.start)].actors if a.start != actor.start]
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        if not governed_by_event(clause, event_tokens) and not any(
                c.i in event_tokens for t in clause.children if t.dep_ in {"nsubj", "nsubjpass"} for c in t.subtree):
            continue
        inside = [a for a in others if clause.left_edge.i <= a.start and a.end <= clause.right_edge.i + 1]
        if any(role_from_syntax(a, event_tokens) == "perpetrator" for a in inside):
            return False  # the clause names its own doer ("suspected Shining Path remnants ambushed", "a military air strike")
        if any(a.kb_id_ in actors and actors[a.kb_id_].kind.value in enemies
               and role_from_syntax(a, event_tokens) == "target" for a in inside):
            return True
    return False


def speakers_own_forces(view: DocView, found: list[ActorRole]) -> list[ActorRole]:
    """"The Al-Quds Brigades said its fighters had clashed", "Taliban intelligence said its forces had detained":
    the generic "its fighters" is the speaker itself, already a perpetrator."""
    actors = view.rules.actors
    speakers = {view.sentence_of(r.span.start) for r in found if r.role == "perpetrator" and r.attribution == "claimed"
                and r.span.kb_id_ in actors and not actors[r.span.kb_id_].generic}
    def own(r: ActorRole) -> bool:
        entry = actors.get(r.span.kb_id_)
        return (entry is not None and entry.generic and r.role == "perpetrator"
                and view.sentence_of(r.span.start) in speakers
                and any(c.dep_ == "poss" and c.lower_ in WORDS.self_reference for c in r.span.root.children))
    return [r for r in found if not own(r)]
