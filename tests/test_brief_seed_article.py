"""The brief's real article, read from ../shared/seed at test time (third-party text: never copied here).

What a careful analyst codes from it, with the publication date 2025-01-10: the Thursday operations in
North Waziristan (four personnel martyred, 13 terrorists killed), the earlier operations with about 30
militants killed, the statistic of 444 attacks in 2024, and nothing from the opinion that follows.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import extract_checked, incidents

from models import Outcome, Qualifier

pytestmark = pytest.mark.model

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "brief-article.txt"


@pytest.fixture(scope="module")
def text() -> str:
    if not SEED.is_file():
        pytest.skip("../shared/seed/brief-article.txt is absent")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def result(nlp, text):
    return extract_checked(nlp, text, published="2025-01-10", article_id="brief-article")


def test_the_thursday_operations_in_north_waziristan_with_both_tolls(result):
    [event] = [e for e in incidents(result) if e.time.start == dt.date(2025, 1, 9)]
    assert event.time.precision.value == "day"
    assert (event.location.name, event.location.admin1, event.location.country) == (
        "North Waziristan", "Khyber Pakhtunkhwa", "PK")
    assert event.total(Outcome.killed, "security_forces") == 4  # "the martyrdom of four personnel"
    assert event.total(Outcome.killed, "militants") == 13


def test_the_earlier_operations_and_their_approximate_toll(result):
    earlier = [c for e in incidents(result) for c in e.casualties
               if c.outcome == Outcome.killed and c.group.value == "militants" and c.count == 30]
    assert len(earlier) == 1 and earlier[0].qualifier == Qualifier.approximately


def test_the_statistic_is_an_aggregate_and_nothing_else_is_an_incident(result):
    [claim] = [a for a in result.aggregates if a.value == 444]
    assert claim.metric.value == "attacks" and claim.period.start == dt.date(2024, 1, 1)
    found = incidents(result)
    assert len(found) == 2, [(e.type.value, e.trigger.text) for e in found]
    assert "riot" not in {e.type.value for e in found}  # "violent upheaval" is no riot


def test_nothing_comes_from_the_opinion_paragraphs(result, text):
    # The statistic's paragraph opens the argument of the piece; every incident is told before it.
    opinion = text.rfind("\n\n", 0, result.aggregates[0].evidence.start)
    assert all(e.trigger.start < opinion for e in incidents(result))
