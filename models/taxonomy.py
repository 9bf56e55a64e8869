"""Controlled vocabularies of the record, and the one table that maps event types to ACLED and GTD.

Every open-ended vocabulary has an ``other`` member so new cases never fail validation.
"""
from __future__ import annotations

from enum import Enum
from typing import NamedTuple


class EventType(str, Enum):
    armed_assault = "armed_assault"
    bombing = "bombing"
    suicide_bombing = "suicide_bombing"
    remote_explosive = "remote_explosive"
    air_or_drone_strike = "air_or_drone_strike"
    shelling = "shelling"
    armed_clash = "armed_clash"
    security_operation = "security_operation"
    targeted_killing = "targeted_killing"
    kidnapping = "kidnapping"
    hostage_taking = "hostage_taking"
    arson_or_facility_attack = "arson_or_facility_attack"
    arrest = "arrest"
    protest = "protest"
    riot = "riot"
    other = "other"
    weapons_seizure = "weapons_seizure"
    """Weapons or explosives seized, recovered or defused before use (ACLED's disrupted weapons use)."""
    sexual_violence = "sexual_violence"


class ActorKind(str, Enum):
    state_forces = "state_forces"
    police = "police"
    militant_group = "militant_group"
    separatist_group = "separatist_group"
    government = "government"
    civilians = "civilians"
    foreign_state = "foreign_state"
    unidentified_armed_group = "unidentified_armed_group"
    protesters = "protesters"
    rioters = "rioters"
    political_party = "political_party"
    other = "other"


class Role(str, Enum):
    perpetrator = "perpetrator"
    target = "target"
    victim = "victim"
    responder = "responder"
    claimant = "claimant"


class Attribution(str, Enum):
    stated = "stated"
    claimed = "claimed"
    suspected = "suspected"
    denied = "denied"


class Outcome(str, Enum):
    killed = "killed"
    injured = "injured"
    kidnapped = "kidnapped"
    arrested = "arrested"
    missing = "missing"


class CasualtyGroup(str, Enum):
    security_forces = "security_forces"
    police = "police"
    militants = "militants"
    civilians = "civilians"
    unknown = "unknown"


class Qualifier(str, Enum):
    exact = "exact"
    approximately = "approximately"
    at_least = "at_least"
    at_most = "at_most"
    more_than = "more_than"
    vague = "vague"


class WeaponKind(str, Enum):
    firearm = "firearm"
    ied = "ied"
    suicide_vest = "suicide_vest"
    vehicle_bomb = "vehicle_bomb"
    explosive = "explosive"
    """A bomb, explosives, dynamite or TNT the text does not say more of."""
    rocket = "rocket"
    mortar = "mortar"
    artillery = "artillery"
    drone = "drone"
    aircraft = "aircraft"
    grenade = "grenade"
    incendiary = "incendiary"
    """Fire, petrol bombs, accelerants."""
    melee = "melee"
    """Knives, axes, machetes, sticks, stones."""
    chemical = "chemical"
    vehicle = "vehicle"
    """A vehicle rammed into people (not a vehicle bomb)."""
    other = "other"


class TargetKind(str, Enum):
    checkpoint = "checkpoint"
    police_station = "police_station"
    military_post = "military_post"
    vehicle_or_convoy = "vehicle_or_convoy"
    school = "school"
    place_of_worship = "place_of_worship"
    market = "market"
    government_building = "government_building"
    infrastructure = "infrastructure"
    """Roads, bridges, railways, stations and airports."""
    utility = "utility"
    """Power lines and pylons, pipelines, water and gas installations."""
    telecom = "telecom"
    """Mobile towers, telephone exchanges."""
    residence = "residence"
    business = "business"
    """Shops, hotels, banks, company offices and sites."""
    health_facility = "health_facility"
    diplomatic_mission = "diplomatic_mission"
    media_office = "media_office"
    party_office = "party_office"
    aid_office = "aid_office"
    """Offices and convoys of NGOs and aid agencies."""
    other = "other"


class Polarity(str, Enum):
    asserted = "asserted"
    negated = "negated"


class Status(str, Enum):
    occurred = "occurred"
    attempted = "attempted"
    threatened = "threatened"
    planned = "planned"
    hypothetical = "hypothetical"


class TimePrecision(str, Enum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"
    unknown = "unknown"


class GeoPrecision(str, Enum):
    point = "point"
    town = "town"
    admin2 = "admin2"
    admin1 = "admin1"
    country = "country"
    region = "region"


class Metric(str, Enum):
    attacks = "attacks"
    deaths = "deaths"
    militants_killed = "militants_killed"
    security_forces_killed = "security_forces_killed"
    civilians_killed = "civilians_killed"
    injured = "injured"
    operations = "operations"
    arrests = "arrests"
    kidnappings = "kidnappings"
    other = "other"


class EventFamily(str, Enum):
    """Kinds of act close enough that one may be reported as the other ("a blast" for an air strike)."""

    explosion = "explosion"
    armed_violence = "armed_violence"
    abduction = "abduction"
    property = "property"
    arrest = "arrest"
    demonstration = "demonstration"
    other = "other"


EVENT_FAMILY: dict[EventType, EventFamily] = {
    EventType.bombing: EventFamily.explosion,
    EventType.suicide_bombing: EventFamily.explosion,
    EventType.remote_explosive: EventFamily.explosion,
    EventType.air_or_drone_strike: EventFamily.explosion,
    EventType.shelling: EventFamily.explosion,
    EventType.armed_assault: EventFamily.armed_violence,
    EventType.armed_clash: EventFamily.armed_violence,
    EventType.security_operation: EventFamily.armed_violence,
    EventType.targeted_killing: EventFamily.armed_violence,
    EventType.kidnapping: EventFamily.abduction,
    EventType.hostage_taking: EventFamily.abduction,
    EventType.arson_or_facility_attack: EventFamily.property,
    EventType.arrest: EventFamily.arrest,
    EventType.protest: EventFamily.demonstration,
    EventType.riot: EventFamily.demonstration,
    EventType.other: EventFamily.other,
    EventType.weapons_seizure: EventFamily.other,
    EventType.sexual_violence: EventFamily.armed_violence,
}


def event_family(kind: EventType | str) -> EventFamily:
    # EventType members are strings: a plain "bombing" finds its family without a conversion.
    return EVENT_FAMILY.get(kind, EventFamily.other)  # type: ignore[arg-type]


GEO_PRECISION_RANK: dict[str, int] = {"point": 0, "town": 0, "admin2": 1, "admin1": 2, "region": 3, "country": 4}
"""Finest first; a precision not listed ranks after all of these."""

COUNTED_TYPE_METRIC: dict[EventType, Metric] = {
    EventType.security_operation: Metric.operations,
    EventType.arrest: Metric.arrests,
    EventType.kidnapping: Metric.kidnappings,
    EventType.hostage_taking: Metric.kidnappings,
    EventType.protest: Metric.other,
    EventType.riot: Metric.other,
}
"""What a statistic counting triggers of a type measures ("44 operations"); every other type counts attacks."""


class ExternalType(NamedTuple):
    acled_event_type: str
    acled_sub_event_type: str
    gtd_attack_type: str


# The one crosswalk to the two coding schemes analysts know. ACLED types follow the 2019+ codebook;
# GTD values are attacktype1 labels.
TAXONOMY_MAP: dict[EventType, ExternalType] = {
    EventType.armed_assault: ExternalType("Violence against civilians", "Attack", "Armed Assault"),
    EventType.bombing: ExternalType("Explosions/Remote violence", "Grenade", "Bombing/Explosion"),
    EventType.suicide_bombing: ExternalType("Explosions/Remote violence", "Suicide bomb", "Bombing/Explosion"),
    EventType.remote_explosive: ExternalType(
        "Explosions/Remote violence", "Remote explosive/landmine/IED", "Bombing/Explosion"
    ),
    EventType.air_or_drone_strike: ExternalType("Explosions/Remote violence", "Air/drone strike", "Bombing/Explosion"),
    EventType.shelling: ExternalType(
        "Explosions/Remote violence", "Shelling/artillery/missile attack", "Bombing/Explosion"
    ),
    EventType.armed_clash: ExternalType("Battles", "Armed clash", "Armed Assault"),
    EventType.security_operation: ExternalType("Battles", "Armed clash", "Armed Assault"),
    EventType.targeted_killing: ExternalType("Violence against civilians", "Attack", "Assassination"),
    EventType.kidnapping: ExternalType(
        "Violence against civilians", "Abduction/forced disappearance", "Hostage Taking (Kidnapping)"
    ),
    EventType.hostage_taking: ExternalType(
        "Violence against civilians", "Abduction/forced disappearance", "Hostage Taking (Barricade Incident)"
    ),
    EventType.arson_or_facility_attack: ExternalType(
        "Strategic developments", "Looting/property destruction", "Facility/Infrastructure Attack"
    ),
    EventType.arrest: ExternalType("Strategic developments", "Arrests", "Unknown"),
    EventType.protest: ExternalType("Protests", "Peaceful protest", "Unknown"),
    EventType.riot: ExternalType("Riots", "Violent demonstration", "Unknown"),
    EventType.other: ExternalType("Strategic developments", "Other", "Unknown"),
    EventType.weapons_seizure: ExternalType("Strategic developments", "Disrupted weapons use", "Unknown"),
    EventType.sexual_violence: ExternalType("Violence against civilians", "Sexual violence", "Unarmed Assault"),
}
