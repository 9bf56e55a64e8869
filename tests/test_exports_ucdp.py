"""UCDP GED export: the type of violence, the sides and the deaths of each, from the casualties by group."""
from __future__ import annotations

import datetime as dt

import pytest
from conftest import extract_checked, incidents

from models import Actor, ArticleResult, Casualty, Event, EventTime, EventType, Evidence, Location
from pipeline.codebooks import UCDP_COLUMNS, ucdp_row, ucdp_rows

BANNU = Location(text="Bannu", name="Bannu", country="PK", admin1="Khyber Pakhtunkhwa", admin2="Bannu",
                 lat=32.98, lon=70.6, precision="town")


def event(kind: EventType, actors=(), casualties=(), *, text: str = "It happened.", precision: str = "day",
          location: Location | None = BANNU) -> Event:
    day = dt.date(2025, 3, 4)
    time = EventTime(start=day, end=day if precision == "day" else dt.date(2025, 3, 10), precision=precision)
    return Event(id="ev-1", article_id="art", type=kind, trigger=Evidence(start=0, end=2, text=text[:2], sentence=0),
                 actors=list(actors), casualties=list(casualties), time=time, location=location,
                 excerpt=Evidence(start=0, end=len(text), text=text, sentence=0))


def killed(group: str, count: int | None = None, **more) -> Casualty:
    return Casualty(outcome="killed", group=group, count=count, **more)


TTP = Actor(text="TTP", name="Tehrik-i-Taliban Pakistan", kind="militant_group", role="perpetrator")
ARMY = Actor(text="soldiers", name="Security forces", kind="state_forces", role="victim", country="PK")


def test_a_group_attacking_soldiers_is_state_based_with_the_government_as_side_a():
    row = ucdp_row(event(EventType.armed_assault, [TTP, ARMY], [killed("security_forces", 4), killed("militants", 2)]))
    assert row["type_of_violence"] == 1
    assert (row["side_a"], row["side_b"]) == ("Government of Pakistan", "Tehrik-i-Taliban Pakistan")
    assert (row["deaths_a"], row["deaths_b"], row["deaths_civilians"], row["deaths_unknown"]) == (4, 2, 0, 0)
    assert (row["best"], row["low"], row["high"]) == (6, 6, 6)


def test_two_armed_groups_fighting_is_non_state():
    rival = Actor(text="Lashkar-e-Islam", name="Lashkar-e-Islam", kind="militant_group", role="target")
    row = ucdp_row(event(EventType.armed_clash, [TTP, rival], [killed("militants", 5)]))
    assert row["type_of_violence"] == 2
    assert (row["side_a"], row["side_b"]) == ("Tehrik-i-Taliban Pakistan", "Lashkar-e-Islam")
    assert row["deaths_unknown"] == 5  # whose militants they were the text does not say


def test_a_group_killing_civilians_is_one_sided():
    victims = Actor(text="villagers", name="Civilians", kind="civilians", role="victim")
    row = ucdp_row(event(EventType.bombing, [TTP, victims], [killed("civilians", 7), killed("militants", 1)]))
    assert (row["type_of_violence"], row["side_a"], row["side_b"]) == (3, "Tehrik-i-Taliban Pakistan", "Civilians")
    assert (row["deaths_a"], row["deaths_civilians"], row["best"]) == (1, 7, 8)


def test_forces_firing_on_protesters_is_one_sided_violence_by_the_government():
    police = Actor(text="police", name="Police", kind="police", role="perpetrator", country="PK")
    crowd = Actor(text="protesters", name="Protesters", kind="protesters", role="victim")
    row = ucdp_row(event(EventType.protest, [police, crowd], [killed("civilians", 2)],
                         text="Police opened fire on the protesters, killing two."))
    assert (row["type_of_violence"], row["side_a"], row["side_b"]) == (3, "Government of Pakistan", "Civilians")


def test_best_low_and_high_follow_the_bounds():
    row = ucdp_row(event(EventType.bombing, [TTP], [killed("unknown", None, low=10, high=15, qualifier="vague")]))
    assert (row["best"], row["low"], row["high"], row["deaths_unknown"]) == (10, 10, 15, 10)


@pytest.mark.parametrize(("precision", "code"), [("day", 1), ("week", 3)])
def test_date_precision(precision, code):
    row = ucdp_row(event(EventType.bombing, [TTP], [killed("civilians", 1)], precision=precision))
    assert row["date_prec"] == code
    assert row["date_start"] == dt.date(2025, 3, 4)


@pytest.mark.parametrize(("precision", "code"), [("town", 1), ("admin2", 3), ("admin1", 4), ("country", 6)])
def test_where_precision_and_coordinates(precision, code):
    place = BANNU.model_copy(update={"precision": precision})
    row = ucdp_row(event(EventType.bombing, [TTP], [killed("civilians", 1)], location=place))
    assert row["where_prec"] == code
    assert (row["adm_1"], row["adm_2"], row["where_coordinates"]) == ("Khyber Pakhtunkhwa", "Bannu",
                                                                     "Bannu, Khyber Pakhtunkhwa")


def test_only_deadly_organized_violence_is_a_ged_event():
    events = [event(EventType.bombing, [TTP]), event(EventType.protest, [], [killed("civilians", 1)]),
              event(EventType.arrest, [], [killed("militants", 1)]), event(EventType.bombing, [TTP],
                                                                            [killed("civilians", 3)])]
    events = [e.model_copy(update={"id": f"ev-{i}"}) for i, e in enumerate(events)]
    rows = ucdp_rows([ArticleResult(article_id="art", events=events)])
    assert [r["event_id"] for r in rows] == ["ev-3"]
    assert tuple(rows[0]) == UCDP_COLUMNS


def test_extracted_sentence_splits_the_deaths_by_side(nlp):
    text = ("Militants attacked a security forces post in North Waziristan on Tuesday; four soldiers were martyred "
            "and six terrorists were killed.")
    found = incidents(extract_checked(nlp, text))
    assert found
    row = ucdp_row(found[0])
    assert row["type_of_violence"] == 1
    assert row["side_a"] == "Government of Pakistan"
    assert (row["deaths_a"], row["deaths_b"]) == (4, 6)
