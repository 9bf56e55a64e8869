"""Whole short articles in the genres the tool reads, end to end; evidence and ids on every record."""
from __future__ import annotations

import datetime as dt

import pytest
from conftest import assert_evidence_matches, extract_checked, incidents

pytestmark = pytest.mark.model

WIRE = (
    "PESHAWAR, Jan 9 (Wire) - Militants attacked a police checkpoint in Bannu district of Khyber Pakhtunkhwa "
    "on Thursday, killing two policemen and wounding three others, officials said.\n\n"
    "The Tehrik-i-Taliban Pakistan claimed responsibility for the attack in a statement."
)
ISPR = (
    "Security forces conducted an intelligence-based operation in the Datta Khel area of North Waziristan "
    "district on Wednesday. During the operation, six khwarij were killed after an intense exchange of fire. "
    "However, two soldiers embraced shahadat, the ISPR said."
)
POLICE = (
    "A police spokesman said unidentified gunmen opened fire on a patrol in Kohat on Monday night. "
    "One constable was martyred and another was injured. The attackers fled the scene."
)
ANALYST = (
    "03/14/2019: Assailants detonated an explosive device targeting a vehicle in Khost province, Afghanistan. "
    "The explosion left at least three people dead. No organisation has said it carried out the bombing."
)
LOCAL = (
    "Residents of Tank staged a protest on Friday against the killing of a shopkeeper. "
    "The shopkeeper was shot dead by unknown men near the main bazaar on Thursday evening."
)
STATS = (
    "According to the think tank, Pakistan witnessed 444 terrorist attacks in 2024. "
    "Security forces killed 925 militants last year, it said."
)


def test_wire_report(nlp):
    result = extract_checked(nlp, WIRE)
    [event] = incidents(result)
    assert event.type.value == "armed_assault"
    assert (event.location.name, event.location.admin1) == ("Bannu", "Khyber Pakhtunkhwa")
    assert event.time.start == dt.date(2025, 1, 9)
    assert event.total("killed", "police") == 2
    assert event.total("injured", "police") == 3
    assert ("Tehrik-i-Taliban Pakistan", "claimed") in {(a.name, a.attribution.value) for a in event.actors}


def test_ispr_style_press_release(nlp):
    result = extract_checked(nlp, ISPR)
    [event] = incidents(result)
    assert event.type.value == "security_operation"
    assert event.location.name == "Datta Khel"
    assert event.location.admin2 == "North Waziristan"
    assert event.time.start == dt.date(2025, 1, 8)
    assert event.total("killed", "militants") == 6
    assert event.total("killed", "security_forces") == 2


def test_police_statement(nlp):
    result = extract_checked(nlp, POLICE)
    [event] = incidents(result)
    assert event.location.name == "Kohat"
    assert event.time.start == dt.date(2025, 1, 6)
    assert event.total("killed", "police") == 1
    assert event.total("injured", "police") == 1
    assert [a.kind.value for a in event.actors_in("perpetrator")] == ["unidentified_armed_group"]


def test_gtd_like_analyst_summary(nlp):
    result = extract_checked(nlp, ANALYST, published=None)
    [event] = incidents(result)
    assert event.type.value in {"bombing", "remote_explosive"}
    assert (event.location.name, event.location.country) == ("Khost", "AF")
    assert event.time.start == dt.date(2019, 3, 14)
    assert event.total("killed") == 3
    assert not [a for a in event.actors if a.attribution.value == "claimed"]


def test_local_news_protest_and_the_killing_behind_it(nlp):
    result = extract_checked(nlp, LOCAL)
    by_type = {e.type.value: e for e in incidents(result)}
    assert set(by_type) == {"protest", "armed_assault"}, "the protest and the killing it answers are two events"
    assert by_type["protest"].time.start == dt.date(2025, 1, 10)
    assert by_type["protest"].casualties == []
    killing = by_type["armed_assault"]
    assert killing.time.start == dt.date(2025, 1, 9)
    assert killing.total("killed", "civilians") == 1


def test_period_statistics_are_aggregate_claims_not_events(nlp):
    result = extract_checked(nlp, STATS)
    assert result.events == []
    claims = {(a.metric.value, a.value, a.period.start, a.period.end) for a in result.aggregates}
    assert ("attacks", 444, dt.date(2024, 1, 1), dt.date(2024, 12, 31)) in claims
    assert ("militants_killed", 925, dt.date(2024, 1, 1), dt.date(2024, 12, 31)) in claims


@pytest.mark.parametrize("text", [WIRE, ISPR, POLICE, ANALYST, LOCAL, STATS])
def test_every_evidence_quotes_the_article_at_its_offsets(nlp, text):
    result = extract_checked(nlp, text)
    assert assert_evidence_matches(result, text) > 0


@pytest.mark.parametrize("text", [WIRE, ISPR, POLICE, ANALYST, LOCAL, STATS])
def test_same_input_gives_the_same_ids(nlp, text):
    first = extract_checked(nlp, text, article_id="same")
    second = extract_checked(nlp, text, article_id="same")
    ids = [e.id for e in first.events] + [a.id for a in first.aggregates]
    assert ids == [e.id for e in second.events] + [a.id for a in second.aggregates]
    assert len(ids) == len(set(ids))
    assert first == second


def test_ids_differ_between_articles(nlp):
    a = extract_checked(nlp, WIRE, article_id="one")
    b = extract_checked(nlp, WIRE, article_id="two")
    assert {e.id for e in a.events}.isdisjoint({e.id for e in b.events})


def test_results_round_trip_through_json(nlp):
    from models import ArticleResult

    result = extract_checked(nlp, WIRE)
    again = ArticleResult.model_validate_json(result.model_dump_json(), context={"text": WIRE})
    assert again == result
