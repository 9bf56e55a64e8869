"""GTD's codes for an event: target type (``targtype1_txt``) and weapon type (``weaptype1_txt``).

GTD codes the primary target of an attack by who or what was hit: the physical target when it says whose
it is (a checkpoint is the police's, a base the military's, a school an educational institution), else the
people harmed (police, soldiers, civilians). The weapon type is the most serious weapon used; with none
named, the kind of act implies it (a bombing used explosives).
"""
from __future__ import annotations

from models import ActorKind, CasualtyGroup, Event, EventType, Role, TargetKind, WeaponKind

TARGET_OF_PLACE: dict[TargetKind, str] = {
    TargetKind.police_station: "Police",
    TargetKind.military_post: "Military",
    TargetKind.school: "Educational Institution",
    TargetKind.place_of_worship: "Religious Figures/Institutions",
    TargetKind.government_building: "Government (General)",
    TargetKind.party_office: "Government (General)",
    TargetKind.diplomatic_mission: "Government (Diplomatic)",
    TargetKind.business: "Business",
    TargetKind.market: "Business",
    TargetKind.health_facility: "Business",
    TargetKind.utility: "Utilities",
    TargetKind.telecom: "Telecommunication",
    TargetKind.infrastructure: "Transportation",
    TargetKind.residence: "Private Citizens & Property",
    TargetKind.media_office: "Journalists & Media",
    TargetKind.aid_office: "NGO",
}
"""Physical targets that say whose they are; checkpoints and vehicles take their owner from the people hit."""
TARGET_OF_GROUP: dict[CasualtyGroup, str] = {
    CasualtyGroup.police: "Police",
    CasualtyGroup.security_forces: "Military",
    CasualtyGroup.militants: "Terrorists/Non-State Militia",
    CasualtyGroup.civilians: "Private Citizens & Property",
}
TARGET_OF_KIND: dict[ActorKind, str] = {
    ActorKind.police: "Police",
    ActorKind.state_forces: "Military",
    ActorKind.government: "Government (General)",
    ActorKind.civilians: "Private Citizens & Property",
    ActorKind.militant_group: "Terrorists/Non-State Militia",
    ActorKind.separatist_group: "Terrorists/Non-State Militia",
    ActorKind.political_party: "Government (General)",
    ActorKind.foreign_state: "Military",
    ActorKind.protesters: "Private Citizens & Property",
}
WEAPON_TYPE: dict[WeaponKind, str] = {
    WeaponKind.firearm: "Firearms",
    WeaponKind.melee: "Melee",
    WeaponKind.incendiary: "Incendiary",
    WeaponKind.chemical: "Chemical",
    WeaponKind.vehicle: "Vehicle (not to include vehicle-borne explosives, i.e., car or truck bombs)",
}
"""Every other weapon kind (IEDs, bombs, grenades, rockets, mortars, drones, aircraft) is Explosives."""
EXPLOSIVE_TYPES = {EventType.bombing, EventType.suicide_bombing, EventType.remote_explosive,
                   EventType.air_or_drone_strike, EventType.shelling}
WEAPON_ORDER = ("Explosives", "Incendiary", "Firearms", "Chemical", "Melee")
"""When several are used, GTD's first weapon is the most destructive."""


def target_type(event: Event) -> str:
    for target in event.targets:
        found = TARGET_OF_PLACE.get(target.kind)
        if found is not None:
            return found
    harmed = [c for c in event.casualties if c.group in TARGET_OF_GROUP and c.outcome.value != "arrested"]
    if harmed:
        # The group most hit, state forces before civilians on ties (GTD codes the force an attack aimed at).
        order = [CasualtyGroup.police, CasualtyGroup.security_forces, CasualtyGroup.civilians, CasualtyGroup.militants]
        best = max(harmed, key=lambda c: ((c.count or c.low or 1), -order.index(c.group)))
        return TARGET_OF_GROUP[best.group]
    for role in (Role.target, Role.victim):
        for actor in event.actors:
            if actor.role == role and actor.kind in TARGET_OF_KIND:
                return TARGET_OF_KIND[actor.kind]
    return "Unknown"


def weapon_type(event: Event) -> str:
    found = {WEAPON_TYPE.get(w.kind, "Explosives") for w in event.weapons}
    for kind in WEAPON_ORDER:
        if kind in found:
            return kind
    if found:
        return sorted(found)[0]
    if event.type in EXPLOSIVE_TYPES:
        return "Explosives"
    if event.type in {EventType.armed_assault, EventType.targeted_killing, EventType.armed_clash}:
        return "Firearms"
    if event.type == EventType.arson_or_facility_attack:
        return "Incendiary"
    return "Unknown"
