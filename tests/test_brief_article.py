"""The brief's op-ed end to end, and the brief's one-sentence police report."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import extract_checked, incidents

pytestmark = pytest.mark.model

ARTICLE = Path(__file__).resolve().parents[1] / "corpus" / "articles" / "brief-op-ed.txt"
TTP = "Tehrik-i-Taliban Pakistan"
REPORT = ("Three policemen were martyred and two others injured when unidentified gunmen opened fire on a police van "
          "in Lakki Marwat district on Tuesday, police said.")


@pytest.fixture(scope="module")
def text() -> str:
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def result(nlp, text):
    return extract_checked(nlp, text, published="2025-01-10", article_id="brief-op-ed")


def opinion_start(text: str) -> int:
    """Offset where the opinion paragraphs begin: body paragraph 4 onwards (the title is not a body paragraph)."""
    starts, position = [], 0
    for block in text.split("\n\n"):
        if block.strip():
            starts.append(position + len(block) - len(block.lstrip()))
        position += len(block) + 2
    body = starts[1:]
    return body[3]


def test_opinion_paragraphs_are_located_as_expected(text):
    start = opinion_start(text)
    assert text[start:].startswith("The state's response")


def test_thursday_operation_in_north_waziristan(result):
    events = [e for e in incidents(result) if e.time.start == dt.date(2025, 1, 9)]
    assert len(events) == 1, [(e.trigger.text, e.time) for e in incidents(result)]
    [event] = events
    assert event.time.precision.value == "day"
    assert event.time.anchor == dt.date(2025, 1, 10)
    assert event.location.name == "North Waziristan"
    assert event.location.admin1 == "Khyber Pakhtunkhwa"
    assert event.location.country == "PK"
    assert event.total("killed", "militants") == 13
    assert event.total("killed", "security_forces") == 4


def test_approximately_thirty_militants_killed_earlier_this_week(result):
    matching = [c for e in incidents(result) for c in e.casualties
                if c.outcome.value == "killed" and c.group.value == "militants" and c.count == 30]
    assert len(matching) == 1
    assert matching[0].qualifier.value == "approximately"


def test_444_attacks_in_2024_is_an_aggregate_claim(result):
    claims = [a for a in result.aggregates if a.metric.value == "attacks" and a.value == 444]
    assert len(claims) == 1
    period = claims[0].period
    assert (period.start, period.end, period.precision.value) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31), "year")
    assert not [e for e in result.events if "444" in e.trigger.text]


def test_every_name_of_the_ttp_is_one_mention(result):
    names = {m.name: m for m in result.mentions.actors}
    assert TTP in names
    assert {"TTP", "khwarij"} <= set(names[TTP].texts)
    assert not [m for m in result.mentions.actors if m.name != TTP and "TTP" in m.texts]


def test_no_asserted_incident_in_the_opinion_paragraphs(result, text):
    start = opinion_start(text)
    inside = [(e.trigger.text, e.trigger.start, e.type.value) for e in incidents(result) if e.trigger.start >= start]
    assert inside == []


def test_without_publication_date_thursday_stays_unresolved(nlp, text):
    undated = extract_checked(nlp, text, published=None, article_id="brief-op-ed")
    thursday = [e for e in undated.events if e.time.text and "thursday" in e.time.text.lower()]
    assert thursday, "the Thursday event should still quote its date expression"
    assert all(e.time.start is None and e.time.precision.value == "unknown" for e in thursday)
    assert all(e.time.start != dt.date.today() for e in undated.events)


def test_same_article_twice_gives_the_same_ids(nlp, text, result):
    again = extract_checked(nlp, text, published="2025-01-10", article_id="brief-op-ed")
    assert [e.id for e in again.events] == [e.id for e in result.events]
    assert [a.id for a in again.aggregates] == [a.id for a in result.aggregates]


# --- the one-sentence report -----------------------------------------------------------------------------------
def test_one_sentence_police_report(nlp):
    result = extract_checked(nlp, REPORT, published="2025-01-10")
    assert len(result.events) == 1
    [event] = result.events
    assert event.modality.is_incident
    assert event.total("killed", "police") == 3
    assert event.total("injured", "police") == 2
    assert event.total("killed") == 3 and event.total("injured") == 2
    assert (event.location.name, event.location.admin1, event.location.country) == (
        "Lakki Marwat", "Khyber Pakhtunkhwa", "PK")
    assert (event.time.start, event.time.end, event.time.precision.value) == (
        dt.date(2025, 1, 7), dt.date(2025, 1, 7), "day")
    assert REPORT[event.trigger.start : event.trigger.end] == event.trigger.text
    assert event.trigger.text in {"opened fire", "martyred"}
    perpetrators = event.actors_in("perpetrator")
    assert [(a.kind.value, a.country) for a in perpetrators] == [("unidentified_armed_group", "PK")]
