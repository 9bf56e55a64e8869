"""The data contract of newsevents: typed, frozen, validated records."""
from .aggregate import AggregateClaim, Period
from .article import Article, PublishedSource
from .event import Actor, Casualty, Event, EventTime, Location, Modality, Place, Target, Weapon
from .evidence import Evidence, Record
from .gold import GoldDocument
from .result import ActorMention, ArticleResult, ErrorInfo, Mentions, PlaceMention
from .schema import json_schema
from .taxonomy import (
    TAXONOMY_MAP,
    ActorKind,
    Attribution,
    CasualtyGroup,
    EventType,
    GeoPrecision,
    Metric,
    Outcome,
    Polarity,
    Qualifier,
    Role,
    Status,
    TargetKind,
    TimePrecision,
    WeaponKind,
)

__all__ = [
    "Actor", "ActorKind", "ActorMention", "AggregateClaim", "Article", "ArticleResult", "Attribution",
    "Casualty", "CasualtyGroup", "ErrorInfo", "Event", "EventTime", "EventType", "Evidence", "GeoPrecision", "GoldDocument",
    "Location", "Mentions", "Metric", "Modality", "Outcome", "Period", "Place", "PlaceMention", "Polarity",
    "PublishedSource", "Qualifier", "Record", "Role", "Status", "TAXONOMY_MAP", "Target", "TargetKind",
    "TimePrecision", "Weapon", "WeaponKind", "json_schema",
]
