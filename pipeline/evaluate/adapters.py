"""Adapters for the real annotated records in ``../shared/data`` (GTD summaries, ACLED notes).

The records are third-party data: they are read at evaluation time from the folder the user names
and never copied into the repository.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from models import (
    Article,
    Casualty,
    CasualtyGroup,
    Event,
    EventTime,
    EventType,
    Evidence,
    GeoPrecision,
    GoldDocument,
    Location,
    Outcome,
    TimePrecision,
)

DEFAULT_SHARED_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
ENV_SHARED_DATA = "NEWSEVENTS_SHARED_DATA"


@dataclass(frozen=True)
class SharedRecord:
    """One third-party record: the text as an Article, the source's own labels as they are."""

    article: Article
    source: str
    gold: dict
    meta: dict


def shared_data_dir(path: str | Path | None = None) -> Path | None:
    """The folder of real annotated data: the argument, $NEWSEVENTS_SHARED_DATA, or ../shared/data."""
    candidates = [Path(path)] if path else []
    if os.environ.get(ENV_SHARED_DATA):
        candidates.append(Path(os.environ[ENV_SHARED_DATA]))
    candidates.append(DEFAULT_SHARED_DATA)
    for candidate in candidates:
        if candidate.is_dir() and any(candidate.glob("*.jsonl")):
            return candidate.resolve()
    return None


def read_shared_records(path: str | Path, *, limit: int | None = None) -> Iterator[SharedRecord]:
    """Records of one JSONL file. No publication date is given: the sources do not record one."""
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if limit is not None and number > limit:
                break
            if not line.strip():
                continue
            raw = json.loads(line)
            article = Article(id=str(raw["id"]), text=raw["text"], source=f"{path}:{number}")
            yield SharedRecord(article=article, source=raw.get("source", ""), gold=raw.get("gold") or {},
                               meta=raw.get("meta") or {})


# -- shared records as gold ---------------------------------------------------------------------
# One incident per record. Only what the sources code is filled in: type (mapped from the
# source's label), place (admin1, admin2, town), day and the killed/injured totals (group unknown,
# scored by outcome only). The records have no character evidence: the gold trigger spans the
# whole record text, so alignment rests on type, date and place (see pipeline.evaluate.scorer).

SHARED_TYPES = {
    # GTD attacktype1
    "armed assault": EventType.armed_assault,
    "unarmed assault": EventType.armed_assault,
    "bombing/explosion": EventType.bombing,
    "assassination": EventType.targeted_killing,
    "hostage taking (kidnapping)": EventType.kidnapping,
    "hostage taking (barricade incident)": EventType.hostage_taking,
    "facility/infrastructure attack": EventType.arson_or_facility_attack,
    "hijacking": EventType.hostage_taking,
    # ACLED, pre-2019 codebook (protests and riots share one label: coded as protest)
    "riots/protests": EventType.protest,
    "battle-no change of territory": EventType.armed_clash,
    "battle-government regains territory": EventType.armed_clash,
    "battle-non-state actor overtakes territory": EventType.armed_clash,
    "remote violence": EventType.bombing,
    "violence against civilians": EventType.armed_assault,
    # ACLED 2019+ sub-event types, should a file carry them
    "armed clash": EventType.armed_clash,
    "attack": EventType.armed_assault,
    "suicide bomb": EventType.suicide_bombing,
    "remote explosive/landmine/ied": EventType.remote_explosive,
    "air/drone strike": EventType.air_or_drone_strike,
    "shelling/artillery/missile attack": EventType.shelling,
    "grenade": EventType.bombing,
    "abduction/forced disappearance": EventType.kidnapping,
    "arrests": EventType.arrest,
    "peaceful protest": EventType.protest,
    "protest with intervention": EventType.protest,
    "violent demonstration": EventType.riot,
    "mob violence": EventType.riot,
}
_UNKNOWN_NAMES = {"", "unknown", "none", "null", "n/a"}


def shared_event_type(record: SharedRecord) -> EventType:
    """The taxonomy type of a record's source label; ``other`` when it has no counterpart."""
    gold = record.gold
    label = str(gold.get("sub_event_type") or gold.get("event_type") or "").strip().casefold()
    kind = SHARED_TYPES.get(label, EventType.other)
    if kind == EventType.bombing and gold.get("suicide") == 1:
        return EventType.suicide_bombing
    return kind


def _name(value) -> str | None:
    if value is None or str(value).strip().casefold() in _UNKNOWN_NAMES:
        return None
    return str(value).strip()


def _country(name: str | None) -> str | None:
    if not name:
        return None
    try:
        import pycountry

        return pycountry.countries.lookup(name).alpha_2
    except (LookupError, ImportError):
        return None


def shared_event_time(value) -> EventTime:
    """``YYYY-MM-DD`` as a day; a partial ``YYYY-MM`` or ``YYYY`` as that month or year; else unknown."""
    text = str(value or "").strip()[:10]
    try:
        if len(text) == 10:
            day = dt.date.fromisoformat(text)
            return EventTime(start=day, end=day, precision=TimePrecision.day)
        if len(text) == 7:
            year, month = int(text[:4]), int(text[5:7])
            last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))
            return EventTime(start=dt.date(year, month, 1), end=last, precision=TimePrecision.month)
        if len(text) == 4:
            year = int(text)
            return EventTime(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), precision=TimePrecision.year)
    except ValueError:
        pass
    return EventTime()


def shared_gold_event(record: SharedRecord) -> Event:
    """The record's coded incident as a gold ``Event`` (evidence: the whole record text)."""
    gold, text = record.gold, record.article.text
    admin1, admin2, town = _name(gold.get("admin1")), _name(gold.get("admin2")), _name(gold.get("location"))
    location = None
    name = town or admin2 or admin1
    if name:
        precision = GeoPrecision.town if town else (GeoPrecision.admin2 if admin2 else GeoPrecision.admin1)
        lat, lon = gold.get("latitude"), gold.get("longitude")
        if lat is None or lon is None:
            lat = lon = None
        location = Location(text=name, name=name, country=_country(_name(gold.get("country"))), admin1=admin1,
                            admin2=admin2, lat=lat, lon=lon, precision=precision)
    time = shared_event_time(gold.get("event_date"))
    casualties = [Casualty(outcome=outcome, group=CasualtyGroup.unknown, count=int(gold[key]))
                  for key, outcome in (("killed", Outcome.killed), ("injured", Outcome.injured))
                  # a 0 is often "unknown" in these sources, and no extractor reports "0 killed"
                  if isinstance(gold.get(key), (int, float)) and gold[key] > 0]
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    trigger = Evidence(start=start, end=end, text=text[start:end], sentence=0)
    return Event(id="e1", article_id=record.article.id, type=shared_event_type(record), trigger=trigger,
                 location=location, time=time, casualties=casualties, rules=[f"shared:{record.source}"])


def shared_gold_document(record: SharedRecord) -> GoldDocument:
    return GoldDocument(article_id=record.article.id, events=[shared_gold_event(record)])
