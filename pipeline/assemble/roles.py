"""Roles: each actor's part in an incident, read from the syntax around the incident's own words.

Subjects and agents of the act are perpetrators, its objects targets; an actor who only reports the
incident ("police said") takes no role. Claims, suspicions and denials keep their attribution.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..lemmas import lemma
from .view import DocView
from .words import WORDS


@dataclass(frozen=True)
class ActorRole:
    span: Span
    role: str
    attribution: str = "stated"


def roles(view: DocView, actors: list[Span], event_words: list[Span]) -> list[ActorRole]:
    """The role of each actor in the incident whose words (triggers and outcome cues) are ``event_words``."""
    event_tokens = {i for t in event_words for i in range(t.start, t.end)}
    found = []
    for actor in actors:
        attribution, speaker = _stance(view, actor)
        # "three suspected ISKP members were detained": the word describes the people, whatever their role.
        cue = view.doc[actor.start - 1] if actor.start > 0 else None
        adjectival = attribution == "suspected" and (_describes_the_members(view, actor) or (
            cue is not None and cue.dep_ in {"amod", "compound"} and cue.tag_ in {"VBN", "JJ"} and (
                actor.start <= cue.head.i < actor.end or cue.head.i == actor.root.head.i)
            and view.lower[cue.i] in WORDS.suspect_words))
        if attribution is not None and not adjectival:
            found.append(ActorRole(actor, "perpetrator", attribution))
            continue
        if speaker:
            if _reports_its_own_act(actor, event_tokens):
                # "The KIA said it had overrun a junta outpost": the speaker tells of its own act.
                found.append(ActorRole(actor, "perpetrator", "claimed"))
            continue
        role = "responder" if responds(actor) else role_from_syntax(actor, event_tokens)
        if role is None:
            role = _role_of_members(actor, event_tokens)
        if role is None and adjectival:
            role = "perpetrator"  # "a mine laid by suspected rebels": the suspicion names the doer
        if role is not None:
            found.append(ActorRole(actor, role, "suspected" if adjectival and role == "perpetrator" else "stated"))
    return _groups_over_their_members(view, found)


def _describes_the_members(view: DocView, actor: Span) -> bool:
    """"five suspected members of Daesh": the suspicion is of the people named, not of an act's doer."""
    root = actor.root
    if root.dep_ != "pobj" or root.head.lower_ != "of":
        return False
    members = root.head.head
    return any(c.dep_ in {"amod", "compound"} and view.lower[c.i] in WORDS.suspect_words for c in members.children)


def _reports_its_own_act(actor: Span, event_tokens: set[int]) -> bool:
    """The actor says "it" or "its forces" did the act: the subject of the reported clause is the speaker."""
    root = actor.root
    if root.dep_ != "nsubj" or root.head.lower_ not in WORDS.speech_verbs:
        return False
    for clause in root.head.children:
        if clause.dep_ != "ccomp":
            continue
        subjects = [c for c in clause.children if c.dep_ == "nsubj"]
        own = any(s.lower_ in WORDS.self_reference or any(c.dep_ == "poss" and c.lower_ in WORDS.self_reference
                                                           for c in s.children) for s in subjects)
        if own and _governed_by_event(clause, event_tokens):
            return True
    return False


def _role_of_members(actor: Span, event_tokens: set[int]) -> str | None:
    """"Urban commandos of the FMLN attacked", "members of the TTP stormed": the group has its members' role."""
    node = actor.root
    if node.dep_ != "pobj" or node.head.lower_ != "of" or node.head.head.i == node.head.i:
        return None
    members = node.head.head
    return role_from_syntax(members.doc[members.i : members.i + 1], event_tokens)


def _groups_over_their_members(view: DocView, found: list[ActorRole]) -> list[ActorRole]:
    """A generic actor ("commandos") whose named group is given ("of the FMLN") is told by the group."""
    actors = view.rules.actors
    named_heads = {r.span.root.head.head.i for r in found
                   if r.span.root.dep_ == "pobj" and r.span.root.head.lower_ == "of"
                   and r.span.kb_id_ in actors and not actors[r.span.kb_id_].generic}
    return [r for r in found if not (r.span.kb_id_ in actors and actors[r.span.kb_id_].generic
                                     and r.span.root.i in named_heads)]


def _stance(view: DocView, actor: Span) -> tuple[str | None, bool]:
    """The actor's attribution and whether it only reports, read once per actor (incidents are regathered)."""
    key = (actor.start, actor.end)
    found = view.memo.get(("stance", key))
    if found is None:
        bounds = view.bounds[view.sentence_of(actor.start)]
        found = view.memo[("stance", key)] = (attribution_of(view.doc, actor, bounds, view.lower),
                                              is_speaker(view.doc, actor, bounds, view.lower))
    return found


def attribution_of(doc: Doc, actor: Span, sent: tuple[int, int], lower: list[str]) -> str | None:
    """How the text ties an actor to the act: claimed, suspected, denied, or None (plain statement)."""
    sent_start, sent_end = sent
    # Cues after the actor: "X claimed responsibility", "X denied involvement", "X were suspected".
    i = actor.end
    while i < min(sent_end, actor.end + 5):
        word = lower[i]
        token = doc[i]
        if word in WORDS.clause_breaks:
            break
        cue = word in WORDS.claim_words or word in WORDS.deny_words or word in WORDS.suspect_after
        if not cue and ((token.pos_ == "VERB" and token.dep_ not in {"amod", "compound"}) or word == "and"):
            break  # "Suspected Maoists abducted two villagers": another verb stands between them and the cue
        if word in WORDS.claim_words and token.pos_ != "VERB" and lower[i + 1 : i + 2] != ["responsibility"]:
            i += 1
            continue  # "the TTP's claim that it targets only forces": a statement, not a claim of the act
        if word in WORDS.suspect_after and actor.root.dep_ == "nsubj" and actor.root.head.i == i and any(
                c.dep_ == "dobj" for c in token.children):
            return None  # "officials suspected Daesh": the subject accuses
        if word in WORDS.claim_words:
            before = set(lower[max(sent_start, actor.start - 2) : actor.start])
            return None if before & WORDS.no_claim else "claimed"
        if word in WORDS.deny_words and _denies_the_act(lower, i, sent_end):
            return "denied"
        if word in WORDS.suspect_after:
            # "militants were blamed", "X, suspected of"; but "residents blamed militants": they accuse.
            active = i == actor.end and word in WORDS.speech_verbs
            return None if active else "suspected"
        i += 1
    # Cues before it in the same clause: "attributed the attack to X", "blamed X", "suspected X".
    i = actor.start - 1
    while i >= max(sent_start, actor.start - 8):
        word = lower[i]
        if word in WORDS.clause_breaks:
            break
        if doc[i].pos_ == "VERB" and doc[i].dep_ not in {"amod", "compound", "npadvmod"} and (
                word not in WORDS.suspect_words and word not in WORDS.claim_words):
            break  # "police said they suspected ... and arrested X": the cue is another clause's
        if word in WORDS.suspect_words:
            return "suspected"
        if word in WORDS.claim_words and doc[i + 1 : i + 3].text.lower().startswith("by"):
            return "claimed"
        i -= 1
    return None


def _denies_the_act(lower: list[str], i: int, sent_end: int) -> bool:
    """"denied involvement", "rejected the claim that it carried out": a denial of the act, not of a
    figure, a report or a detail ("officials rejected the figure as propaganda", "denied that its forces
    fired at the crowd")."""
    after = lower[i + 1 : min(sent_end, i + 6)]
    if any(w in WORDS.denied_non_acts for w in [*lower[max(0, i - 4) : i], *after]):
        return False  # "a figure officials rejected", "denied that it had suffered any losses"
    if any(w in WORDS.denial_objects for w in after):
        return True
    # "the group denied." / "..., which the TTP denied": nothing but the act is left to deny.
    return not after or after[0] in {".", ",", ";", "on", "in", "this", "the"}


def is_speaker(doc: Doc, actor: Span, sent: tuple[int, int], lower: list[str]) -> bool:
    """"police said", "according to police": the actor reports the event, it does not act in it."""
    after = set(lower[actor.end : min(sent[1], actor.end + 2)])
    before = set(lower[max(sent[0], actor.start - 2) : actor.start])
    if after & (WORDS.speech_verbs - {"claimed"}) or "according" in before:
        return True
    root = actor.root
    return root.dep_ == "nsubj" and root.head.lower_ in WORDS.speech_verbs


def responds(actor: Span) -> bool:
    """"police returned fire", "troops repulsed the attack": forces answering an attack respond to it."""
    node = actor.root
    while node.dep_ in {"compound", "amod", "poss", "appos"} and node.head.i != node.i:
        node = node.head
    if node.dep_ == "pobj" and node.head.dep_ == "agent":
        return lemma(node.head.head) in WORDS.response_verbs  # "the bomber was engaged by alert troops"
    if node.dep_ not in {"nsubj", "conj"}:
        return False
    verb = node.head
    if node.dep_ == "conj":
        # "police and troops returned fire": the verb of the first conjunct.
        verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return False
    if lemma(verb) in WORDS.response_verbs:
        return True
    # "police fired tear gas", "troops exchanged fire with the attackers"
    objects = [t.lower_ for c in verb.children if c.dep_ in {"dobj", "prep"} for t in c.subtree]
    return lemma(verb) in {"fire", "exchange"} and bool(set(objects) & WORDS.response_objects)


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
    # "a TTP attack", "the army's operation": the actor modifies the act itself.
    if node.dep_ in {"compound", "poss", "amod", "nmod"} and node.head.i in event_tokens:
        return "perpetrator"
    # "a Frontier Corps camp", "the army's convoy": the actor's role is that of the noun it modifies.
    while node.dep_ in {"compound", "amod", "poss", "nmod", "appos"} and node.head.i != node.i:
        node = node.head
    governor = node.head
    if node.dep_ == "pobj":
        prep, governor = node.head, node.head.head
        if not _governed_by_event(governor, event_tokens):
            return None
        if prep.lower_ == "by" or (prep.lower_ == "from" and _comes_under(governor)):
            return "perpetrator"  # "came under fire from gunmen"
        if prep.lower_ == "with":
            # "clashed with militants", "an encounter with security forces": the other side of the fight.
            return "perpetrator"
        if prep.lower_ in {"on", "against", "at", "targeting", "upon"}:
            return "target"
        return None
    if node.dep_ == "agent":
        return "perpetrator" if _governed_by_event(governor, event_tokens) else None
    if not _governed_by_event(governor, event_tokens):
        return None
    if node.dep_ == "nsubj":
        return "target" if _comes_under(governor) else "perpetrator"
    if node.dep_ in {"dobj", "nsubjpass"}:
        return "target"
    return None


def _comes_under(verb) -> bool:
    """"Soldiers came under fire", "the post came under attack": the subject suffers the act."""
    return lemma(verb) in WORDS.experience_verbs and any(
        c.dep_ == "prep" and c.lower_ == "under" for c in verb.children)


def _governed_by_event(token, event_tokens: set[int]) -> bool:
    """The word an actor depends on is the act, or coordinated with it ("stormed and attacked")."""
    # "stormed and attacked", "tried to attack", "when police used force": the act's verb chain. A clause
    # of travel ("as an army truck passed") is not: its subject was where the act happened, not its doer.
    chained = token.dep_ in {"conj", "xcomp"} or (token.dep_ == "advcl" and lemma(token) not in WORDS.motion_verbs)
    for candidate in (token, token.head if chained else None):
        if candidate is not None and _is_event_word(candidate, event_tokens):
            return True
    return any(c.i in event_tokens for c in token.children if c.dep_ in {"conj", "xcomp"})
