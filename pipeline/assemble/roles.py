"""Roles: each actor's part in an incident, read from the syntax around the incident's own words.

Subjects and agents of the act are perpetrators, its objects targets; an actor who only reports the
incident ("police said") takes no role. Claims, suspicions and denials keep their attribution.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from ..lemmas import lemma
from .speakers import is_speaker, reports_act_on_adversary, reports_its_own_act, speakers_own_forces
from .syntax_roles import headline_passive, only_qualifies, role_from_syntax
from .types import ActorRole
from .view import DocView
from .words import WORDS


def roles(view: DocView, actors: list[Span], event_words: list[Span]) -> list[ActorRole]:
    """The role of each actor in the incident whose words (triggers and outcome cues) are ``event_words``."""
    event_tokens = {i for t in event_words for i in range(t.start, t.end)}
    found = []
    for actor in actors:
        if only_qualifies(view, actor):
            continue  # "an anti-Maoist operation", "the al Qaeda-affiliated JNIM": the name only describes
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
            if reports_its_own_act(actor, event_tokens):
                # "The KIA said it had overrun a junta outpost": the speaker tells of its own act.
                found.append(ActorRole(actor, "perpetrator", "claimed"))
            elif reports_act_on_adversary(view, actor, event_tokens):
                # "Puntland forces said drone strikes had killed dozens of ISSP fighters"
                found.append(ActorRole(actor, "perpetrator", "claimed"))
            continue
        if view.in_headline(actor) and headline_passive(actor):
            found.append(ActorRole(actor, "target"))  # "Soldiers kidnapped in Arauca", "BNP office torched"
            continue
        role = "responder" if responds(actor) else role_from_syntax(actor, event_tokens)
        if role is None:
            role = _role_of_members(actor, event_tokens)
        if role is None and adjectival:
            role = "perpetrator"  # "a mine laid by suspected rebels": the suspicion names the doer
        if role is not None:
            found.append(ActorRole(actor, role, "suspected" if adjectival and role == "perpetrator" else "stated"))
    return _groups_over_their_members(view, speakers_own_forces(view, found))


def _describes_the_members(view: DocView, actor: Span) -> bool:
    """"five suspected members of Daesh": the suspicion is of the people named, not of an act's doer."""
    root = actor.root
    if root.dep_ != "pobj" or root.head.lower_ != "of":
        return False
    members = root.head.head
    return any(c.dep_ in {"amod", "compound"} and view.lower[c.i] in WORDS.suspect_words for c in members.children)


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
        if word in WORDS.claim_words and (lower[i - 1] in WORDS.habitual_adverbs or (
                token.pos_ != "VERB" and lower[i + 1 : i + 2] != ["responsibility"])):
            # "the BRN, which rarely claims attacks": a habit, not a claim of this act
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
            token = doc[i]
            described = token.head
            if (token.dep_ in {"amod", "compound"} and not actor.start <= described.i < actor.end
                    and described.lower_ not in WORDS.denial_objects
                    and (any(a.i == described.i for a in actor.root.ancestors)
                         or all(t.pos_ in {"ADP", "DET"} for t in doc[described.i + 1 : actor.start]))):
                # "five suspected members of Daesh", "suspected ISKP members", "suspected suppliers to the
                # terrorists": the word describes the members;
                # "suspected Taliban involvement" suspects the group of the act.
                i -= 1
                continue
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


