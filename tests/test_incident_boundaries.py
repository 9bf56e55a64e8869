"""What is an incident and where one ends: expectations, weapons carried or found, counts that are not
targets, statistics to date, and a second device at the scene of an attack. Sentences written for the test."""
from __future__ import annotations

import pytest
from conftest import extract_checked, incidents

pytestmark = pytest.mark.model


def types(result):
    return [e.type.value for e in incidents(result)]


def test_expected_or_likely_attacks_are_not_incidents(nlp):
    for text in ("Analysts said the insurgents are likely to step up mortar and suicide attacks in the capital "
                 "before the vote.",
                 "The army has lost ground there, and further drone attacks on police posts in Magway should be "
                 "expected."):
        assert types(extract_checked(nlp, text)) == [], text


def test_a_weapon_carried_is_no_attack_but_the_arrest_is_kept(nlp):
    text = "Police arrested a man in Zacatecoluca on Tuesday who was carrying a fragmentation grenade in his backpack."
    assert types(extract_checked(nlp, text)) == ["arrest"]
    # A weapon carried that goes off is an attack.
    text = "A car carrying explosives exploded near the market in Kirkuk on Tuesday, killing four people."
    assert types(extract_checked(nlp, text)) != []


def test_a_cache_found_and_destroyed_is_no_attack(nlp):
    text = "Soldiers found and destroyed a cache of 12 rifles and 40 kilograms of explosives near Argelia on Monday."
    assert "arson_or_facility_attack" not in types(extract_checked(nlp, text))
    text = "Militants destroyed a bridge with explosives near Diema on Thursday."
    assert types(extract_checked(nlp, text)) == ["arson_or_facility_attack"]


def test_fired_at_least_is_a_count_not_a_target(nlp):
    text = "Insurgents fired at least six mortar shells at the airport base on Saturday evening, wounding a guard."
    assert types(extract_checked(nlp, text)) == ["shelling"]


def test_arrests_since_the_start_of_the_year_are_a_statistic(nlp):
    text = "Security forces have arrested more than 300 suspects across the country since the beginning of the year."
    result = extract_checked(nlp, text, published="2025-03-10")
    assert types(result) == []
    [aggregate] = result.aggregates
    assert aggregate.metric.value == "arrests" and aggregate.value == 300
    assert (aggregate.period.start.isoformat(), aggregate.period.end.isoformat()) == ("2025-01-01", "2025-03-10")


def test_a_second_device_at_the_scene_belongs_to_the_attack(nlp):
    text = ("A grenade attack on a market in Sopore wounded seven people on Sunday. A second grenade found at the "
            "spot had failed to explode and was destroyed by a bomb disposal squad, police said.")
    assert types(extract_checked(nlp, text)) == ["bombing"]
    # A device found on its own, and defused, is an attempted attack of its own.
    text = "An explosive device was found and defused at a mosque in Ghani Khel on Friday, police said."
    [event] = incidents(extract_checked(nlp, text))
    assert event.modality.status.value == "attempted"


def test_a_headline_semicolon_joins_two_stories(nlp):
    text = ("Gunmen storm police post in Kalat; two herders abducted near Zhob\n\n"
            "QUETTA, May 3 - Gunmen stormed a police post in Kalat district on Friday night, killing two constables, "
            "officials said.\n\nIn a separate incident on Thursday, armed men abducted two herders near Zhob.")
    result = extract_checked(nlp, text, published="2025-05-03")
    assert sorted(types(result)) == ["armed_assault", "kidnapping"]


def test_drones_used_in_a_ground_assault_do_not_make_it_an_air_strike(nlp):
    text = ("Fighters stormed an army outpost near Bhamo on Friday after using drones to drop explosives on it, "
            "killing 11 soldiers, the group said.")
    assert types(extract_checked(nlp, text)) == ["armed_assault"]


def test_deaths_in_the_first_months_of_the_year_are_a_statistic_of_this_year(nlp):
    text = ("At least 90 people have died in communal violence across the region in the first eight months of "
            "the year, a rights group said.")
    result = extract_checked(nlp, text, published="2025-09-15")
    assert types(result) == []
    [aggregate] = result.aggregates
    assert aggregate.value == 90 and aggregate.period.start.isoformat() == "2025-01-01"
