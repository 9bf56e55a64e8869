"""GTD's codes for an event: target type (``targtype1_txt``) and weapon type (``weaptype1_txt``).

GTD codes the primary target of an attack by who or what was hit: the physical target when it says whose
it is (a checkpoint is the police's, a base the military's, a school an educational institution), else the
people harmed (police, soldiers, civilians). The weapon type is the most serious weapon used; with none
named, the kind of act implies it (a bombing used explosives).

``gtd_rows`` writes GTD's variables for each incident; arrests, protests, riots, seizures and security operations
(acts of states and crowds, which GTD does not record) are left out.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

from models import (
    TAXONOMY_MAP,
    ActorKind,
    ArticleResult,
    Attribution,
    CasualtyGroup,
    Event,
    EventType,
    GeoPrecision,
    Outcome,
    Role,
    Status,
    TargetKind,
    TimePrecision,
    WeaponKind,
)

from ..actors.registry import actor_registry
from .acled import acled_type
from .common import incidents, notes, total
from .countries import country

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
KIND_ORDER = [ActorKind.police, ActorKind.state_forces, ActorKind.foreign_state, ActorKind.government,
              ActorKind.political_party, ActorKind.militant_group, ActorKind.separatist_group, ActorKind.civilians,
              ActorKind.protesters]
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
STATE_ACTORS = {ActorKind.state_forces, ActorKind.police, ActorKind.government, ActorKind.foreign_state}
NOT_TERRORISM = {EventType.arrest, EventType.protest, EventType.riot, EventType.weapons_seizure,
                 EventType.security_operation}
WEAPON_ORDER = ("Explosives", "Incendiary", "Firearms", "Chemical", "Melee")
"""When several are used, GTD's first weapon is the most destructive."""


def target_type(event: Event) -> str:
    for target in event.targets:
        found = TARGET_OF_PLACE.get(target.kind)
        if found is not None:
            return found
    posts = [t for t in event.targets if t.kind in (TargetKind.checkpoint, TargetKind.military_post)]
    if any("police" in t.text.lower() for t in posts):
        return "Police"
    # Militants killed in a non-state attack are the attackers themselves (GTD counts them in nkillter), not its target.
    attackers_armed = not any(a.kind in STATE_ACTORS for a in event.actors_in(Role.perpetrator))
    skipped = {CasualtyGroup.militants} if attackers_armed else set()
    harmed = [c for c in event.casualties
              if c.group in TARGET_OF_GROUP and c.group not in skipped and c.outcome.value != "arrested"]
    if harmed:
        # The group most hit, state forces before civilians on ties (GTD codes the force an attack aimed at).
        order = [CasualtyGroup.police, CasualtyGroup.security_forces, CasualtyGroup.civilians, CasualtyGroup.militants]
        best = max(harmed, key=lambda c: ((c.count or c.low or 1), -order.index(c.group)))
        return TARGET_OF_GROUP[best.group]
    hit = [a for a in event.actors if a.role in (Role.target, Role.victim) and a.kind in TARGET_OF_KIND
           and not (a.casualty is not None and event.casualties[a.casualty].group in skipped)]
    if hit:
        # Forces before civilians: "assailants attacked the post; people were hurt" aimed at the post's garrison.
        return TARGET_OF_KIND[min(hit, key=lambda a: (KIND_ORDER.index(a.kind) if a.kind in KIND_ORDER else 99,
                                                       a.role != Role.target)).kind]
    if posts:
        return "Military"  # a security post that does not say whose it is: the army's
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
    if event.type in {EventType.armed_assault, EventType.targeted_killing, EventType.armed_clash,
                      EventType.kidnapping, EventType.hostage_taking}:
        # GTD codes an armed abduction with no weapon named as carried out with firearms.
        return "Firearms"
    if event.type == EventType.arson_or_facility_attack:
        return "Incendiary"
    return "Unknown"


GTD_COLUMNS: tuple[str, ...] = (
    "iyear", "imonth", "iday", "approxdate", "country_txt", "provstate", "city", "latitude", "longitude",
    "specificity", "attacktype1_txt", "targtype1_txt", "target1", "gname", "claimed", "weaptype1_txt", "nkill",
    "nkillter", "nwound", "suicide", "success", "summary", "article_id", "event_id",
)
UNARMED_WEAPONS = {WeaponKind.vehicle, WeaponKind.chemical}
"""GTD's unarmed assault: harm by any means but explosives, firearms, fire or blades."""
ASSASSINATION_TYPES = {EventType.armed_assault, EventType.targeted_killing, EventType.bombing,
                       EventType.remote_explosive, EventType.suicide_bombing}
HIJACK_WORDS = {"hijacked", "hijacking", "hijack", "hijackers"}
ATTRIBUTION_ORDER = {Attribution.claimed: 0, Attribution.suspected: 1, Attribution.stated: 2}


def attack_type(event: Event) -> str:
    """GTD's ``attacktype1_txt`` (one of its nine), from our type and the weapons used."""
    if event.type in (EventType.kidnapping, EventType.hostage_taking) and event.trigger.text.lower() in HIJACK_WORDS:
        return "Hijacking"
    if event.type == EventType.weapons_seizure:
        return "Unknown"
    if event.type in ASSASSINATION_TYPES and any(
            a.named and a.role in (Role.victim, Role.target) and a.name not in _named_groups() for a in event.actors):
        # A named person attacked (a commander, an official, "Mohammad Amin"): GTD's assassination, by any means.
        return "Assassination"
    kinds = {w.kind for w in event.weapons}
    if event.type == EventType.armed_assault and kinds and kinds <= UNARMED_WEAPONS:
        return "Unarmed Assault"
    return TAXONOMY_MAP[event.type].gtd_attack_type


def group_name(event: Event) -> str | None:
    """The perpetrator group GTD would name: a registry group, claimed before suspected before stated."""
    groups = [a for a in event.actors_in(Role.perpetrator) + event.actors_in(Role.claimant)
              if a.attribution in ATTRIBUTION_ORDER and a.name in _named_groups() and a.kind not in STATE_ACTORS]
    if not groups:
        return None
    return min(groups, key=lambda a: ATTRIBUTION_ORDER[a.attribution]).name


@lru_cache(maxsize=1)
def _named_groups() -> frozenset[str]:
    return frozenset(e.name for e in actor_registry().values() if not e.generic)


def specificity(event: Event) -> int:
    """GTD: 1 the town with its coordinates, 2 the town without, 3 a district, 4 a province, 5 no better."""
    place = event.location
    if place is None or place.precision in (GeoPrecision.country, GeoPrecision.region):
        return 5
    if place.precision in (GeoPrecision.point, GeoPrecision.town):
        return 1 if place.lat is not None else 2
    return 3 if place.precision == GeoPrecision.admin2 else 4


def _date_parts(event: Event) -> tuple[int | None, int, int, str | None]:
    """(iyear, imonth, iday, approxdate): unknown parts are 0, as GTD writes them."""
    time = event.time
    start, end = time.start, time.end
    if start is None or end is None:
        year = time.anchor.year if time.anchor is not None else None
        return year, 0, 0, None
    approx = None if time.precision == TimePrecision.day and not time.approximate else (
        start.isoformat() if start == end else f"{start.isoformat()} to {end.isoformat()}")
    if time.precision == TimePrecision.day:
        return start.year, start.month, start.day, approx
    if time.precision in (TimePrecision.week, TimePrecision.month) and start.month == end.month:
        return start.year, start.month, 0, approx
    return start.year, 0, 0, approx


def gtd_row(event: Event) -> dict:
    place = event.location
    nation = country(place.country if place and place.country else None)
    year, month, day, approx = _date_parts(event)
    perpetrators = event.actors_in(Role.perpetrator)
    # Militants killed are the attackers unless the state is the only one said to act (then they were its target).
    perpetrators_armed = not perpetrators or any(a.kind not in STATE_ACTORS for a in perpetrators)
    first_target = next((t.text for t in event.targets), None) or next(
        (a.text for a in event.actors if a.role in (Role.target, Role.victim)), None)
    # A bomb defused is an unsuccessful bombing in GTD.
    disrupted = event.type in EXPLOSIVE_TYPES and acled_type(event).sub_event_type == "Disrupted weapons use"
    suicide = event.type == EventType.suicide_bombing or any(w.kind == WeaponKind.suicide_vest for w in event.weapons)
    return {
        "iyear": year, "imonth": month, "iday": day, "approxdate": approx,
        "country_txt": nation.name if nation else "Unknown",
        "provstate": (place.admin1 or (place.name if place.precision == GeoPrecision.admin1 else None)) if place else None,
        "city": place.name if place and place.precision in (GeoPrecision.point, GeoPrecision.town) else "Unknown",
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "specificity": specificity(event),
        "attacktype1_txt": attack_type(event),
        "targtype1_txt": target_type(event),
        "target1": first_target,
        "gname": group_name(event) or "Unknown",
        "claimed": int(any(a.attribution == Attribution.claimed for a in event.actors)),
        "weaptype1_txt": weapon_type(event),
        "nkill": total(event, Outcome.killed),
        "nkillter": total(event, Outcome.killed, {CasualtyGroup.militants}) if perpetrators_armed else 0,
        "nwound": total(event, Outcome.injured),
        "suicide": int(suicide),
        "success": int(event.modality.status == Status.occurred and not disrupted),
        "summary": notes(event),
        "article_id": event.article_id,
        "event_id": event.id,
    }


def iter_gtd_rows(results: Iterable[ArticleResult]) -> Iterator[dict]:
    """GTD rows for the incidents of every result, streamed; arrests, protests and riots are not GTD incidents."""
    for _, event in incidents(results):
        if gtd_incident(event):
            yield gtd_row(event)


def gtd_incident(event: Event) -> bool:
    """An act GTD records: not an arrest, protest, riot or seizure, nor an act of state forces alone."""
    if event.type in NOT_TERRORISM or acled_type(event).sub_event_type == "Disrupted weapons use" and (
            event.type not in EXPLOSIVE_TYPES):
        return False
    perpetrators = event.actors_in(Role.perpetrator)
    return not perpetrators or any(a.kind not in STATE_ACTORS for a in perpetrators)


def gtd_rows(results: Iterable[ArticleResult]) -> list[dict]:
    """GTD rows for the incidents of every result, in output order."""
    return list(iter_gtd_rows(results))
