"""Per-field accuracy on the real annotated records (GTD summaries, ACLED notes).

Each record reports one incident. The extractor's first incident event is compared with the
source's own coding, field by field; a field is counted only where the source codes it. What
each field means, and where the sources' conventions differ from ours, is spelled out in
``FIELD_NOTES`` and printed with the table, so nobody mistakes what the figures measure.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable

from models import TAXONOMY_MAP, ArticleResult, Event, Outcome, Role

from ..actors.registry import actor_registry
from ..codebooks import gtd
from ..codebooks.acled_rows import acled_row
from ..places.gazetteer import gazetteer, normalize_name
from .adapters import SharedRecord, read_shared_records
from .arguments import ROLES, ArgumentScores, score_arguments

EXPORT_FIELDS = ("event type (ACLED export)", "interaction (ACLED export)", "time precision (ACLED export)",
                 "geo precision (ACLED export)", "attack type (GTD export)", "target type (GTD export)",
                 "weapon type (GTD export)")
FIELDS = ("event found", "killed", "killed (one-attack texts)", "injured", "injured (one-attack texts)", "admin1",
          "town", "town (named in text)", "date", "event type", "perpetrator", "target type", "weapon type",
          *EXPORT_FIELDS)
FIELD_NOTES = {
    "event found": "at least one incident (asserted, occurred or attempted) extracted from the record",
    "killed": "total killed over all groups of the first incident = the source's count (GTD counts include "
              "perpetrators; a missing prediction counts as 0)",
    "injured": "as killed, for injured (ACLED does not code injuries: not measured there)",
    "killed (one-attack texts)": "as killed, leaving out texts that give one toll for several attacks ('across "
                                 "the three raids', 'one of two related attacks'): the source splits such tolls "
                                 "over several records, which no reading of the text can reproduce",
    "injured (one-attack texts)": "as injured, over the same texts",
    "admin1": "province of the first incident; ACLED 2015's 'Federally Administered Tribal Areas' is compared as "
              "Khyber Pakhtunkhwa, into which it merged in 2018",
    "town": "the incident's most specific place name = the source's location (spellings matched through the "
            "gazetteer); over every record that codes a location",
    "town (named in text)": "as town, over the records whose coded location is written in the text itself",
    "date": "the incident's date resolved at day precision = the source's date; no publication date is given to "
            "the extractor (neither source records one)",
    "event type": "our type mapped to the source's scheme (GTD attack type; ACLED 2015 event type), over records "
                  "whose type is not 'Unknown'",
    "perpetrator": "GTD only: the named group we give as perpetrator (claimed, suspected or stated) = the "
                   "source's group; no group = no group",
    "target type": "GTD only: the GTD target type of the first incident (pipeline.codebooks.gtd) = targtype1, over "
                   "records whose target type is not 'Unknown'",
    "weapon type": "GTD only: the GTD weapon type of the first incident = weaptype1, over records whose weapon type "
                   "is not 'Unknown'",
    "event type (ACLED export)": "ACLED only: event_type of the first incident's --acled row (pipeline.codebooks, "
                                 "ACLED's 2019+ rules) in the 2015 scheme (Battles = Battle-No change of territory "
                                 "unless territory changed hands, Explosions/Remote violence = Remote violence, "
                                 "Protests and Riots = Riots/Protests)",
    "interaction (ACLED export)": "ACLED only: the row's interaction code (inter1 and inter2 joined, lower first) = "
                                  "the source's",
    "time precision (ACLED export)": "ACLED only: time_precision (1 day, 2 week, 3 month) = the source's; the "
                                     "extractor gets no publication date, so a weekday it cannot resolve counts 3",
    "geo precision (ACLED export)": "ACLED only: geo_precision (1 town, 2 district or near a town, 3 province) = "
                                    "the source's",
    "attack type (GTD export)": "GTD only: attacktype1_txt of the first incident's --gtd row = attacktype1, over "
                                "records whose type is not 'Unknown'",
    "target type (GTD export)": "GTD only: targtype1_txt of the --gtd row = targtype1, over records not 'Unknown'",
    "weapon type (GTD export)": "GTD only: weaptype1_txt of the --gtd row = weaptype1, over records not 'Unknown'",
    "arguments": "WikiEvents only: attackers, targets, victims, places and instruments pooled over the article, "
                 "matched on their head words (pipeline.evaluate.arguments); micro P/R/F1 over the five roles",
}
SEVERAL_ATTACKS = re.compile(
    r"\b(across (the|both|all)|one of (two|three|four|five|six|several|at least \w+)|related (attacks|assaults)|"
    r"coordinated (attacks|assaults))\b", re.I)
FATA = normalize_name("Federally Administered Tribal Areas")
KP = normalize_name("Khyber Pakhtunkhwa")
REMOTE = {"bombing", "suicide_bombing", "remote_explosive", "air_or_drone_strike", "shelling"}
STATE = {"state_forces", "police"}


@dataclass
class FieldScore:
    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.correct += int(ok)

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None


@dataclass
class SourceReport:
    name: str
    records: int = 0
    fields: dict[str, FieldScore] = field(default_factory=lambda: defaultdict(FieldScore))
    failures: list[dict] = field(default_factory=list)
    arguments: ArgumentScores | None = None
    """WikiEvents: who did what to whom, head-word matched (see ``pipeline.evaluate.arguments``)."""
    countries: dict[str, "SourceReport"] = field(default_factory=dict)
    """The same scores per country the source codes (``gold.country``): a country that goes wrong is not
    hidden behind two that go right (see ``pipeline.evaluate.by_country``)."""


def primary_event(result: ArticleResult) -> Event | None:
    incidents = [e for e in result.events if e.modality.is_incident]
    return incidents[0] if incidents else None


@lru_cache(maxsize=1)
def _actor_ids() -> dict[str, str]:
    ids: dict[str, str] = {}
    for entry in actor_registry().values():
        for form in (entry.name, *entry.aliases):
            ids.setdefault(normalize_name(form), entry.id)
    return ids


def same_actor(gold_name: str, event_actor_name: str) -> bool:
    ids = _actor_ids()
    gold = ids.get(normalize_name(gold_name), normalize_name(gold_name))
    pred = ids.get(normalize_name(event_actor_name), normalize_name(event_actor_name))
    return gold == pred


def same_place(gold: str | None, predicted: str | None) -> bool:
    if not gold or not predicted:
        return False
    a, b = _place_key(gold), _place_key(predicted)
    if a == b:
        return True
    places = gazetteer()
    entries_a = {e.id for e in places.lookup(a) or places.fuzzy_lookup(a)}
    entries_b = {e.id for e in places.lookup(b) or places.fuzzy_lookup(b)}
    if entries_a & entries_b:
        return True
    # Transliterations one letter apart ("Garmser", "Garmsir") are one place.
    return len(a) >= 5 and bool(_one_edit(a) & _one_edit(b))


def _one_edit(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def _place_key(name: str) -> str:
    key = normalize_name(name)
    for suffix in (" district", " province", " city", " village", " area", " agency", " town"):
        if key.endswith(suffix):
            key = key[: -len(suffix)]
    return key


def same_admin1(gold: str | None, predicted: str | None) -> bool:
    if not gold or not predicted:
        return False
    if normalize_name(gold) == FATA:
        gold = "Khyber Pakhtunkhwa"
    return same_place(gold, predicted)


def acled_2015_type(event: Event) -> str:
    """Our type in the pre-2019 ACLED codebook: attacks on state forces are battles there."""
    kind = event.type.value
    if kind in {"protest", "riot"}:
        return "Riots/Protests"
    if kind in REMOTE:
        return "Remote violence"
    if kind in {"armed_clash", "security_operation"}:
        return "Battle-No change of territory"
    if kind in {"armed_assault", "targeted_killing", "kidnapping", "hostage_taking"}:
        # Two armed sides make a battle in ACLED: state forces hit, or militants hit by the state.
        hit_state = any(a.kind.value in STATE for a in event.actors if a.role in (Role.target, Role.victim)) or any(
            c.group.value in {"security_forces", "police", "militants"} for c in event.casualties) or any(
            a.kind.value in {"militant_group", "separatist_group"} for a in event.actors if a.role == Role.target)
        return "Battle-No change of territory" if hit_state else "Violence against civilians"
    return "Strategic development"


def main_perpetrator(event: Event) -> str | None:
    """The perpetrator a GTD record would name: a named group or person (claimed first), never a description."""
    order = {"claimed": 0, "suspected": 1, "stated": 2, "denied": 3}
    named = [a for a in event.actors_in(Role.perpetrator) if a.named]
    if not named:
        return None
    return min(named, key=lambda a: order[a.attribution.value]).name


def score_record(record: SharedRecord, result: ArticleResult, report: SourceReport) -> None:
    gold = record.gold
    event = primary_event(result)
    fields = report.fields
    fields["event found"].add(event is not None)
    misses: dict[str, tuple[Any, Any]] = {}
    got: Any = None

    def check(name: str, ok: bool, expected: Any, got: Any) -> None:
        fields[name].add(ok)
        if not ok:
            misses[name] = (expected, got)

    one_attack = not SEVERAL_ATTACKS.search(record.article.text)
    for outcome in (Outcome.killed, Outcome.injured):
        expected = gold.get(outcome.value)
        if expected is None:
            continue
        got = (event.total(outcome) or 0) if event else 0
        check(outcome.value, got == expected, expected, got)
        if one_attack:
            fields[f"{outcome.value} (one-attack texts)"].add(got == expected)
    location = event.location if event else None
    if gold.get("admin1"):
        got = (location.admin1 or (location.name if location.precision.value == "admin1" else None)) if location else None
        check("admin1", same_admin1(gold["admin1"], got), gold["admin1"], got)
    town = gold.get("location")
    if town and normalize_name(town) not in {"unknown", ""}:
        got = location.name if location else None
        ok = same_place(town, got) or (location is not None and same_place(town, location.admin2))
        check("town", ok, town, got)
        if _place_key(town) in normalize_name(record.article.text):
            fields["town (named in text)"].add(ok)
    if gold.get("event_date") and len(gold["event_date"]) == 10 and record.source == "GTD":
        got = event.time.start if event and event.time.precision.value == "day" else None
        check("date", got == dt.date.fromisoformat(gold["event_date"]), gold["event_date"], got)
    label = gold.get("event_type")
    if label and label != "Unknown":
        if record.source == "GTD":
            got = TAXONOMY_MAP[event.type].gtd_attack_type if event else None
        else:
            got = acled_2015_type(event) if event else None
        check("event type", got == label, label, got)
    if record.source == "GTD":
        expected = gold.get("perpetrators") or []
        got = main_perpetrator(event) if event else None
        ok = (not expected and got is None) or (bool(expected) and got is not None and same_actor(expected[0], got))
        check("perpetrator", ok, expected[0] if expected else None, got)
        for name, key, derive in (("target type", "target_type", gtd.target_type), ("weapon type", "weapon_type",
                                                                                      gtd.weapon_type)):
            label = gold.get(key)
            if label and label != "Unknown":
                got = derive(event) if event else None
                check(name, got == label, label, got)
    score_exports(record, result, event, check)
    if record.source == "WikiEvents":
        if report.arguments is None:
            report.arguments = ArgumentScores()
        score_arguments(gold, result, report.arguments)
    if misses:
        report.failures.append({"id": record.article.id, "misses": misses})


ACLED_2015 = {"Battles": "Battle-No change of territory", "Explosions/Remote violence": "Remote violence",
              "Violence against civilians": "Violence against civilians", "Protests": "Riots/Protests",
              "Riots": "Riots/Protests", "Strategic developments": "Strategic development"}
ACLED_2015_TERRITORY = {"Government regains territory": "Battle-Government regains territory",
                        "Non-state actor overtakes territory": "Battle-Non-state actor overtakes territory"}


def acled_2015_of_row(row: dict) -> str:
    """An --acled row's event type in the pre-2019 codebook the shared ACLED file uses."""
    return ACLED_2015_TERRITORY.get(row["sub_event_type"]) or ACLED_2015[row["event_type"]]


def score_exports(record: SharedRecord, result: ArticleResult, event: Event | None,
                  check: Callable[[str, bool, Any, Any], None]) -> None:
    """The fields of the ACLED and GTD exports against the source's own coding, for the first incident."""
    gold, meta = record.gold, record.meta
    if record.source == "ACLED":
        row = acled_row(result, event) if event is not None else None
        label = gold.get("event_type")
        if label and label != "Unknown":
            got = acled_2015_of_row(row) if row else None
            check("event type (ACLED export)", got == label, label, got)
        for name, key, column in (("interaction (ACLED export)", "interaction", "interaction"),
                                  ("time precision (ACLED export)", "time_precision", "time_precision"),
                                  ("geo precision (ACLED export)", "geo_precision", "geo_precision")):
            expected = meta.get(key)
            if expected is not None:
                got = row[column] if row else None
                check(name, str(got) == str(expected), expected, got)
    if record.source == "GTD":
        row = gtd.gtd_row(event) if event is not None else None
        for name, key, column in (("attack type (GTD export)", "event_type", "attacktype1_txt"),
                                  ("target type (GTD export)", "target_type", "targtype1_txt"),
                                  ("weapon type (GTD export)", "weapon_type", "weaptype1_txt")):
            label = gold.get(key)
            if label and label != "Unknown":
                got = row[column] if row else None
                check(name, got == label, label, got)


def measure(path: Path, *, nlp=None, limit: int | None = None, batch_size: int = 64) -> SourceReport:
    from ..extract import extract_batch
    from ..loading import load

    nlp = nlp or load()
    records = list(read_shared_records(path, limit=limit))
    report = SourceReport(name=path.name, records=len(records))
    results = extract_batch((r.article for r in records), nlp=nlp, batch_size=batch_size)
    for record, result in zip(records, results, strict=True):
        score_record(record, result, report)
        country = record.gold.get("country")
        if country:
            part = report.countries.setdefault(str(country), SourceReport(name=str(country)))
            part.records += 1
            score_record(record, result, part)
    return report


def measure_all(folder: Path, *, limit: int | None = None) -> list[SourceReport]:
    from ..loading import load

    nlp = load()
    return [measure(path, nlp=nlp, limit=limit) for path in sorted(folder.glob("*.jsonl"))]


def argument_rows(report: SourceReport) -> list[list[str]]:
    """Precision, recall and F1 per WikiEvents role, then micro over the roles."""
    scores = report.arguments
    if scores is None:
        return []
    rows = [[role, *(f"{v:.3f}" for v in (c.precision, c.recall, c.f1)), str(c.tp), str(c.fp), str(c.fn)]
            for role, c in ((role, scores.roles[role]) for role in ROLES)]
    micro = scores.micro
    rows.append(["micro", *(f"{v:.3f}" for v in (micro.precision, micro.recall, micro.f1)), str(micro.tp),
                 str(micro.fp), str(micro.fn)])
    return rows


def as_table_rows(reports: Iterable[SourceReport]) -> list[list[str]]:
    reports = list(reports)
    rows = []
    for name in FIELDS:
        row = [name]
        for report in reports:
            score = report.fields.get(name)
            if score is None or not score.total:
                row.append("n/a")
            else:
                row.append(f"{score.accuracy:.3f} ({score.correct}/{score.total})")
        rows.append(row)
    return rows
