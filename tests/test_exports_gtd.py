"""GTD export: each variable and code, from records built here and from sentences the project writes."""
from __future__ import annotations

import datetime as dt

import pytest
from conftest import extract_checked, incidents

from models import (
    Actor,
    ArticleResult,
    Casualty,
    Event,
    EventTime,
    EventType,
    Evidence,
    Location,
    Modality,
    Target,
    Weapon,
)
from pipeline.codebooks import GTD_COLUMNS, gtd_row, gtd_rows
from pipeline.codebooks.gtd import attack_type, specificity

GTD_ATTACK_TYPES = {"Assassination", "Armed Assault", "Bombing/Explosion", "Hijacking",
                    "Hostage Taking (Barricade Incident)", "Hostage Taking (Kidnapping)",
                    "Facility/Infrastructure Attack", "Unarmed Assault", "Unknown"}


def event(kind: EventType, *, actors=(), casualties=(), weapons=(), trigger: str = "attack",
          time: EventTime | None = None, location: Location | None = None, status: str = "occurred",
          text: str = "It happened.") -> Event:
    return Event(id="ev-1", article_id="art", type=kind, trigger=Evidence(start=0, end=len(trigger), text=trigger,
                                                                           sentence=0),
                 actors=list(actors), casualties=list(casualties), weapons=list(weapons),
                 time=time or EventTime(start=dt.date(2016, 5, 3), end=dt.date(2016, 5, 3), precision="day"),
                 location=location, modality=Modality(status=status),
                 excerpt=Evidence(start=0, end=len(text), text=text, sentence=0))


def test_a_row_has_gtds_variables_in_order():
    row = gtd_row(event(EventType.bombing))
    assert tuple(row) == GTD_COLUMNS


@pytest.mark.parametrize(("precision", "start", "end", "expected"), [
    ("day", dt.date(2016, 5, 3), dt.date(2016, 5, 3), (2016, 5, 3, None)),
    ("week", dt.date(2016, 5, 2), dt.date(2016, 5, 8), (2016, 5, 0, "2016-05-02 to 2016-05-08")),
    ("month", dt.date(2016, 5, 1), dt.date(2016, 5, 31), (2016, 5, 0, "2016-05-01 to 2016-05-31")),
    ("year", dt.date(2016, 1, 1), dt.date(2016, 12, 31), (2016, 0, 0, "2016-01-01 to 2016-12-31")),
])
def test_unknown_date_parts_are_zero_as_gtd_writes_them(precision, start, end, expected):
    row = gtd_row(event(EventType.bombing, time=EventTime(start=start, end=end, precision=precision)))
    assert (row["iyear"], row["imonth"], row["iday"], row["approxdate"]) == expected


def test_an_unresolved_date_keeps_the_year_of_publication():
    row = gtd_row(event(EventType.bombing, time=EventTime(anchor=dt.date(2016, 7, 1))))
    assert (row["iyear"], row["imonth"], row["iday"]) == (2016, 0, 0)


@pytest.mark.parametrize(("precision", "lat", "expected"), [("town", 34.5, 1), ("town", None, 2), ("admin2", None, 3),
                                                           ("admin1", None, 4), ("country", None, 5)])
def test_specificity(precision, lat, expected):
    place = Location(text="Place", name="Place", country="AF", precision=precision, lat=lat,
                     lon=69.1 if lat is not None else None)
    assert specificity(event(EventType.bombing, location=place)) == expected
    assert specificity(event(EventType.bombing)) == 5


@pytest.mark.parametrize(("kind", "weapons", "trigger", "expected"), [
    (EventType.armed_assault, ["firearm"], "attack", "Armed Assault"),
    (EventType.armed_assault, ["vehicle"], "attack", "Unarmed Assault"),
    (EventType.bombing, [], "blast", "Bombing/Explosion"),
    (EventType.suicide_bombing, [], "blast", "Bombing/Explosion"),
    (EventType.targeted_killing, [], "assassinated", "Assassination"),
    (EventType.kidnapping, [], "abducted", "Hostage Taking (Kidnapping)"),
    (EventType.kidnapping, [], "hijacked", "Hijacking"),
    (EventType.hostage_taking, [], "siege", "Hostage Taking (Barricade Incident)"),
    (EventType.arson_or_facility_attack, [], "torched", "Facility/Infrastructure Attack"),
    (EventType.other, [], "incident", "Unknown"),
])
def test_attack_types_are_gtds_nine(kind, weapons, trigger, expected):
    e = event(kind, weapons=[Weapon(kind=w, text=w) for w in weapons], trigger=trigger)
    assert attack_type(e) == expected
    assert expected in GTD_ATTACK_TYPES


def test_a_named_person_attacked_is_an_assassination_whatever_the_weapon():
    person = Actor(text="Mohammad Amin", name="Mohammad Amin", kind="government", role="victim", named=True)
    assert attack_type(event(EventType.remote_explosive, actors=[person])) == "Assassination"


def test_group_name_claim_suicide_success_and_counts():
    ttp = Actor(text="TTP", name="Tehrik-i-Taliban Pakistan", kind="militant_group", role="perpetrator",
                attribution="claimed")
    e = event(EventType.suicide_bombing, actors=[ttp],
              casualties=[Casualty(outcome="killed", group="civilians", count=9),
                          Casualty(outcome="killed", group="militants", count=1),
                          Casualty(outcome="injured", group="civilians", count=None, low=20, qualifier="more_than")])
    row = gtd_row(e)
    assert (row["gname"], row["claimed"], row["suicide"], row["success"]) == ("Tehrik-i-Taliban Pakistan", 1, 1, 1)
    assert (row["nkill"], row["nkillter"], row["nwound"]) == (10, 1, 20)
    assert row["weaptype1_txt"] == "Explosives"


def test_no_group_is_unknown_and_an_attempt_is_not_a_success():
    row = gtd_row(event(EventType.armed_assault, status="attempted"))
    assert (row["gname"], row["claimed"], row["success"], row["nkill"]) == ("Unknown", 0, 0, 0)


def test_a_defused_bomb_is_an_unsuccessful_bombing():
    row = gtd_row(event(EventType.bombing, text="Police defused a bomb under the bridge."))
    assert (row["attacktype1_txt"], row["success"]) == ("Bombing/Explosion", 0)


def test_acts_gtd_does_not_record_are_left_out():
    army = Actor(text="army", name="Security forces", kind="state_forces", role="perpetrator")
    events = [event(EventType.arrest), event(EventType.protest), event(EventType.weapons_seizure),
              event(EventType.air_or_drone_strike, actors=[army]), event(EventType.bombing)]
    events = [e.model_copy(update={"id": f"ev-{i}"}) for i, e in enumerate(events)]
    rows = gtd_rows([ArticleResult(article_id="art", events=events)])
    assert [r["event_id"] for r in rows] == ["ev-4"]


def test_extracted_sentence_gives_a_gtd_row(nlp):
    text = "Gunmen shot dead two policemen at a checkpoint in Jalalabad, Nangarhar, on 3 May 2016."
    found = incidents(extract_checked(nlp, text))
    assert found
    row = gtd_row(found[0])
    assert (row["iyear"], row["imonth"], row["iday"]) == (2016, 5, 3)
    assert row["attacktype1_txt"] == "Armed Assault"
    assert row["targtype1_txt"] == "Police"
    assert row["nkill"] == 2


def test_attackers_killed_are_not_the_target_of_their_own_attack():
    post = Target(kind="checkpoint", text="security post")
    e = event(EventType.armed_assault, casualties=[Casualty(outcome="killed", group="militants", count=7),
                                                   Casualty(outcome="injured", group="security_forces", count=2)])
    assert gtd_row(e.model_copy(update={"targets": [post]}))["targtype1_txt"] == "Military"
    only_attackers = e.model_copy(update={"casualties": e.casualties[:1], "targets": [post]})
    assert gtd_row(only_attackers)["targtype1_txt"] == "Military"
    police_post = Target(kind="checkpoint", text="police checkpoint")
    assert gtd_row(e.model_copy(update={"targets": [police_post]}))["targtype1_txt"] == "Police"
    assert gtd_row(only_attackers)["nkillter"] == 7
