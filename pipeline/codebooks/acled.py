"""ACLED's disorder type, event type and sub-event type of an event, by the codebook's rules (2019+).

Not one type per our type: ACLED decides by who fought whom and how.

- Armed violence between two organized armed sides (state forces, rebels, militias, an armed group's
  attack on a checkpost, post or police station) is a Battle; against unarmed people it is Violence
  against civilians. Territory taken or retaken in a battle is its own sub-event type.
- Explosions and remote violence by method: a grenade only when a grenade is named, a suicide bomb,
  shelling/artillery/missiles, an air or drone strike, chemical weapons, otherwise a remote explosive,
  landmine or IED. A device that was defused or seized is Disrupted weapons use.
- Protests: peaceful; with intervention (dispersed, arrested, tear gas); excessive force against
  protesters (protesters killed or shot at). Riots: a violent demonstration, or mob violence (a crowd's
  attack outside any demonstration: lynchings, mobs).
- Strategic developments: arrests, looting and property destruction, disrupted weapons use (weapons
  seized by police are never an abduction), other.
"""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from models import ActorKind, CasualtyGroup, Event, EventType, Outcome, Role, Status, TargetKind, WeaponKind

from ..rules import WordLists, word_lists
from .acled_actors import ARMED, UNARMED, SideActor, sides


class AcledCues(WordLists):
    intervention: frozenset[str]
    lethal_force: frozenset[str]
    mob: frozenset[str]
    regained: frozenset[str]
    overtook: frozenset[str]
    seized_things: frozenset[str]
    defused: frozenset[str]
    aircraft: frozenset[str]


class AcledType(NamedTuple):
    disorder_type: str
    event_type: str
    sub_event_type: str


POLITICAL = "Political violence"
DEMONSTRATIONS = "Demonstrations"
STRATEGIC = "Strategic developments"
BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
VAC = "Violence against civilians"

EXPLOSIVE_TYPES = {EventType.bombing, EventType.suicide_bombing, EventType.remote_explosive,
                   EventType.air_or_drone_strike, EventType.shelling}
ARMED_TYPES = {EventType.armed_assault, EventType.armed_clash, EventType.security_operation,
               EventType.targeted_killing, EventType.hostage_taking}
FORCE_POSTS = {TargetKind.checkpoint, TargetKind.military_post, TargetKind.police_station}
"""Targets only armed forces hold: an attack on one is a battle with its garrison."""
ARMED_GROUPS = {CasualtyGroup.security_forces, CasualtyGroup.police, CasualtyGroup.militants}
METHOD: tuple[tuple[frozenset[WeaponKind], str], ...] = (
    (frozenset({WeaponKind.chemical}), "Chemical weapon"),
    (frozenset({WeaponKind.suicide_vest}), "Suicide bomb"),
    (frozenset({WeaponKind.ied, WeaponKind.vehicle_bomb}), "Remote explosive/landmine/IED"),
    (frozenset({WeaponKind.aircraft, WeaponKind.drone}), "Air/drone strike"),
    (frozenset({WeaponKind.artillery, WeaponKind.mortar, WeaponKind.rocket}), "Shelling/artillery/missile attack"),
    (frozenset({WeaponKind.grenade}), "Grenade"),
)
"""Sub-event types of explosions by the weapon named, first match wins."""
TYPE_METHOD = {
    EventType.suicide_bombing: "Suicide bomb",
    EventType.air_or_drone_strike: "Air/drone strike",
    EventType.shelling: "Shelling/artillery/missile attack",
}
IED = "Remote explosive/landmine/IED"
EXCESSIVE = "Excessive force against protesters"
DEMONSTRATORS = {ActorKind.protesters, ActorKind.rioters, ActorKind.civilians, ActorKind.political_party}


@lru_cache(maxsize=1)
def cues() -> AcledCues:
    return word_lists(__package__, "acled_cues.jsonl", AcledCues)


def _words(event: Event) -> set[str]:
    text = event.excerpt.text if event.excerpt is not None else event.trigger.text
    return {w.strip(".,;:!?\"'()").lower() for w in text.split()}


def _harmed(event: Event, groups: set[CasualtyGroup], *outcomes: Outcome) -> bool:
    wanted = set(outcomes) or {Outcome.killed, Outcome.injured}
    return any(c.outcome in wanted and c.group in groups for c in event.casualties)


def explosion_method(event: Event, words: set[str] | None = None) -> str:
    kinds = {w.kind for w in event.weapons}
    if words is not None and words & cues().aircraft:
        kinds.add(WeaponKind.aircraft)  # "the jet dropped two bombs": bombs from the air are an air strike
    if WeaponKind.chemical in kinds:
        return "Chemical weapon"
    if event.type in TYPE_METHOD and not (event.type == EventType.shelling and kinds & {WeaponKind.drone,
                                                                                       WeaponKind.aircraft}):
        return TYPE_METHOD[event.type]
    for weapons, label in METHOD:
        if kinds & weapons:
            return label
    return IED


def _disrupted(event: Event, words: set[str]) -> bool:
    """A device defused, seized or recovered, or an attack stopped before it went off, with no one harmed."""
    if event.type == EventType.weapons_seizure:
        return True
    harmed = any(c.outcome in (Outcome.killed, Outcome.injured) for c in event.casualties)
    if harmed:
        return False
    if event.type in EXPLOSIVE_TYPES and (event.modality.status == Status.attempted or words & cues().defused):
        return True
    # "police seized weapons": a kidnapping trigger ("seized") with things, not people, taken.
    if event.type not in (EventType.kidnapping, EventType.hostage_taking) or not words & cues().seized_things:
        return False
    seizing = event.trigger.text.lower() in cues().defused
    return seizing or not any(c.outcome == Outcome.kidnapped for c in event.casualties)


def _battle(first: list[SideActor], second: list[SideActor], event: Event) -> bool:
    """Both sides organized and armed, or a force's post attacked, or armed men hit (not only the attackers)."""
    if any(t.kind in FORCE_POSTS for t in event.targets):
        return True
    if event.type in (EventType.armed_clash, EventType.security_operation):
        return True  # a clash has two armed sides; an operation is forces acting against armed men
    inters1 = {a.inter for a in first}
    inters2 = {a.inter for a in second}
    if inters2 and inters2 <= UNARMED:
        return False
    if inters1 & ARMED and inters2 & ARMED:
        return True
    state_hit = _harmed(event, {CasualtyGroup.security_forces, CasualtyGroup.police})
    militants_hit_by_state = 1 in inters1 and _harmed(event, {CasualtyGroup.militants})
    return state_hit or militants_hit_by_state


def _armed(event: Event, first: list[SideActor], second: list[SideActor], words: set[str]) -> AcledType:
    if _battle(first, second, event):
        inters1 = {a.inter for a in first}
        if 1 in inters1 and words & cues().regained:
            return AcledType(POLITICAL, BATTLES, "Government regains territory")
        if inters1 & {2, 3, 4} and words & cues().overtook and any(
                t.kind in FORCE_POSTS for t in event.targets):
            return AcledType(POLITICAL, BATTLES, "Non-state actor overtakes territory")
        return AcledType(POLITICAL, BATTLES, "Armed clash")
    if event.type == EventType.hostage_taking:
        return AcledType(POLITICAL, VAC, "Abduction/forced disappearance")
    return AcledType(POLITICAL, VAC, "Attack")


def _protest(event: Event, words: set[str]) -> AcledType:
    crowd = {CasualtyGroup.civilians, CasualtyGroup.unknown}
    lethal = bool(words & cues().lethal_force)
    hit = _harmed(event, crowd, Outcome.killed) or (_harmed(event, crowd, Outcome.injured) and lethal)
    forces = any(a.kind not in DEMONSTRATORS and a.role in (Role.perpetrator, Role.responder) for a in event.actors)
    if hit and (forces or lethal):
        return AcledType(f"{POLITICAL}; {DEMONSTRATIONS}", "Protests", EXCESSIVE)
    arrested = any(c.outcome == Outcome.arrested for c in event.casualties) or "arrested" in event.rules
    if arrested or words & cues().intervention or _harmed(event, crowd, Outcome.injured):
        return AcledType(DEMONSTRATIONS, "Protests", "Protest with intervention")
    return AcledType(DEMONSTRATIONS, "Protests", "Peaceful protest")


def _riot(event: Event, words: set[str]) -> AcledType:
    crowd_hit = any(a.kind in DEMONSTRATORS and a.role in (Role.target, Role.victim) for a in event.actors)
    armed_act = any(a.kind not in DEMONSTRATORS and a.role == Role.perpetrator for a in event.actors)
    killed = any(c.outcome == Outcome.killed and c.group in (CasualtyGroup.civilians, CasualtyGroup.unknown)
                 for c in event.casualties)
    if crowd_hit and armed_act and killed and words & cues().lethal_force:
        # Forces opened fire on a demonstration: the violence is theirs, not the crowd's.
        return AcledType(f"{POLITICAL}; {DEMONSTRATIONS}", "Protests", EXCESSIVE)
    demonstration = bool({"protest", "took-to-streets", "blocked-road", "chanted-slogans", "violent-protest"}
                         & set(event.rules))
    if words & cues().mob and not demonstration:
        return AcledType(POLITICAL, "Riots", "Mob violence")
    return AcledType(DEMONSTRATIONS, "Riots", "Violent demonstration")


def acled_type(event: Event) -> AcledType:
    """The event's ACLED disorder type, event type and sub-event type."""
    words = _words(event)
    if _disrupted(event, words):
        return AcledType(STRATEGIC, STRATEGIC, "Disrupted weapons use")
    if event.type == EventType.protest:
        return _protest(event, words)
    if event.type == EventType.riot:
        return _riot(event, words)
    if event.type in EXPLOSIVE_TYPES:
        return AcledType(POLITICAL, REMOTE, explosion_method(event, words))
    if event.type == EventType.sexual_violence:
        return AcledType(POLITICAL, VAC, "Sexual violence")
    if event.type == EventType.kidnapping:
        first, second = sides(event)
        armed_taken = bool(second) and all(a.inter in ARMED for a in second) or _harmed(
            event, {CasualtyGroup.security_forces, CasualtyGroup.police}, Outcome.kidnapped, Outcome.killed)
        if armed_taken:
            # Soldiers or police seized by an armed group are combatants, not civilians: a battle.
            return AcledType(POLITICAL, BATTLES, "Armed clash")
        return AcledType(POLITICAL, VAC, "Abduction/forced disappearance")
    if event.type in ARMED_TYPES:
        first, second = sides(event)
        return _armed(event, first, second, words)
    if event.type == EventType.arson_or_facility_attack:
        if _harmed(event, {CasualtyGroup.civilians, CasualtyGroup.unknown}, Outcome.killed):
            return AcledType(POLITICAL, VAC, "Attack")
        return AcledType(STRATEGIC, STRATEGIC, "Looting/property destruction")
    if event.type == EventType.arrest:
        return AcledType(STRATEGIC, STRATEGIC, "Arrests")
    return AcledType(STRATEGIC, STRATEGIC, "Other")


def civilian_targeting(event: Event, kind: AcledType) -> str:
    """"Civilian targeting" when civilians were the target: violence against them, or a blast that hit them (and
    no armed men)."""
    if kind.event_type == VAC:
        return "Civilian targeting"
    if kind.event_type != REMOTE:
        return ""
    hit = sides(event)[1]
    civilians = any(a.inter == 7 for a in hit) or _harmed(event, {CasualtyGroup.civilians})
    return "Civilian targeting" if civilians and not any(a.inter in ARMED for a in hit) else ""
