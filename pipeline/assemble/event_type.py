"""The event's type: the main trigger's type, refined by the weapons, victims and actors of the incident.

"A blast" with a suicide vest is a suicide bombing, with an IED a remote explosive; violence inside a
demonstration is a riot; one titled person shot is a targeted killing; state forces attacking militants
run a security operation, and one that only arrests is an arrest.
"""
from __future__ import annotations

from spacy.tokens import Span

from ..casualties.links import CasualtyLink
from .types import ActorRole
from .view import DocView
from .words import WORDS

STATE_KINDS = {"state_forces", "police"}
AIR_STRIKE_RULES = {"airstrike", "air-strike", "drone-strike", "strike"}
"""Triggers that name a strike from the air ("air strike", "drone strike"), not a drone used in an assault."""
ARMED_GROUP_KINDS = {"militant_group", "separatist_group"}


def refine_type(view: DocView, event_type: str, weapon_kinds: set[str], triggers: list[Span],
                links: list[CasualtyLink]) -> str:
    """The type the incident's weapons and victims make of the main trigger's type."""
    rules = view.rules.triggers
    words = {view.span_text(t).lower() for t in triggers}
    types = {rules[t.kb_id_].type.value for t in triggers if t.kb_id_ in rules}
    if types & {"protest", "riot"} and event_type in {"armed_clash", "armed_assault", "other", "shelling", "bombing"}:
        # Violence inside a demonstration ("protesters clashed with police", "killed during a protest").
        return "riot"
    if event_type == "shelling" and "firearm" in weapon_kinds:
        return "armed_assault"
    if event_type == "air_or_drone_strike" and words & WORDS.ground_assault_words and not any(
            t.kb_id_ in AIR_STRIKE_RULES for t in triggers):
        # "overran a base ... used drones to drop explosives before storming it": drones in a ground assault
        return "armed_assault"
    if event_type in {"armed_assault", "bombing", "other"}:
        if "suicide_vest" in weapon_kinds:
            return "suicide_bombing"
        if "ied" in weapon_kinds and event_type != "armed_assault":
            return "remote_explosive"
        ground = bool(words & WORDS.ground_assault_words)  # "overran the base, using drones": an assault
        if event_type == "armed_assault" and weapon_kinds & {"rocket", "mortar"} and not weapon_kinds & {"firearm"} \
                and not ground:
            return "shelling"
        if event_type == "armed_assault" and "drone" in weapon_kinds and not ground:
            return "air_or_drone_strike"
    if event_type in {"armed_assault", "other"}:
        killed = [link for link in links if link.outcome == "killed"]
        if killed and len(killed) <= 2 and all(link.count == 1 for link in killed) and _singled_out(
                view, view.doc[killed[0].phrase[0] : killed[0].phrase[1]]):
            # "shot dead Colonel X", "the headman was killed", with perhaps "and his driver" beside
            return "targeted_killing"
    if event_type == "protest" and words & WORDS.riot_words:
        return "riot"
    return event_type


def _singled_out(view: DocView, victim: Span) -> bool:
    """A victim the act singled out: a person named ("Abdulloh Samae") or one holding a title."""
    head = victim[-1]
    return head.lower_ in WORDS.title_victims or (head.pos_ == "PROPN" and head.ent_type_ == "PERSON")


def operation_or_arrest(view: DocView, event_type: str, triggers: list[Span], links: list[CasualtyLink],
                        roles: list[ActorRole]) -> str:
    """State forces acting on militants run a security operation; an operation that only arrests is an arrest."""
    return arrest_of_operation(operation(view, event_type, triggers, links, roles), links)


def operation(view: DocView, event_type: str, triggers: list[Span], links: list[CasualtyLink],
              roles: list[ActorRole]) -> str:
    """An armed clash or assault that is state forces acting on militants is a security operation."""
    rules = view.rules.triggers
    if event_type in {"armed_clash", "armed_assault"}:
        trigger_types = {rules[t.kb_id_].type.value for t in triggers if t.kb_id_ in rules}
        state_acts = any(r.role == "perpetrator" and r.span.label_ in STATE_KINDS for r in roles)
        militants_hit = any(link.group == "militants" for link in links) or any(
            r.role == "target" and r.span.label_ in ARMED_GROUP_KINDS for r in roles)
        others_act = any(r.role == "perpetrator" and r.span.label_ not in STATE_KINDS | {"government"} for r in roles)
        if "security_operation" in trigger_types or (state_acts and militants_hit and event_type == "armed_assault"
                                                     and not others_act):
            event_type = "security_operation"
    return event_type


def arrest_of_operation(event_type: str, links: list[CasualtyLink]) -> str:
    """"arrested three suspects in a raid": an operation that only arrests is an arrest."""
    if event_type == "security_operation" and any(link.outcome == "arrested" for link in links) and not any(
            link.outcome == "killed" for link in links):
        return "arrest"
    return event_type
