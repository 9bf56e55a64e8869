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


def test_each_headline_part_keeps_its_own_story(nlp):
    # The second part's story comes first in the body and names no place the first part shares.
    text = ("Car bomb kills officer in Tikrit; farmer shot dead in Kirkuk\n\n"
            "BAGHDAD, March 9 - Hours before dawn, gunmen shot dead a farmer in his orchard outside Hawija in "
            "Kirkuk province, police said.\n\n"
            "Later, a car bomb exploded beside a checkpoint in Tikrit, killing an army officer, a security "
            "source said.")
    result = extract_checked(nlp, text, published="2025-03-09")
    assert len(result.events) == 2
    bombing, shooting = sorted(result.events, key=lambda e: e.type.value != "bombing")
    assert bombing.type.value == "bombing" and bombing.location.name == "Tikrit"
    assert shooting.location.admin1 == "Kirkuk"
    assert [(c.outcome.value, c.group.value, c.count) for c in shooting.casualties] == [("killed", "civilians", 1)]


def test_a_named_person_shot_dead_is_a_targeted_killing(nlp):
    text = "Two men on a motorbike shot dead Idris Mwangi, a livestock trader, outside his home on Sunday, police said."
    assert types(extract_checked(nlp, text, published="2025-06-03")) == ["targeted_killing"]


def test_the_dateline_date_is_when_the_story_was_filed(nlp):
    text = "NAIROBI, June 6 - Gunmen killed three people at a roadside bar in Mandera on Wednesday night, police said."
    [event] = extract_checked(nlp, text, published="2025-06-06").events
    assert event.time.start.isoformat() == "2025-06-04"


def test_hours_earlier_dates_an_incident_by_the_one_before(nlp):
    text = ("Militants attacked a police post in Tank on Tuesday, killing two constables, officials said.\n\n"
            "Hours earlier, gunmen shot dead a shopkeeper in the Gomal bazaar of Dera Ismail Khan.")
    result = extract_checked(nlp, text, published="2025-06-06")
    assert [e.time.start.isoformat() for e in result.events] == ["2025-06-03", "2025-06-03"]


def test_a_date_prefix_with_a_colon_is_the_incident_date(nlp):
    # Analyst summaries open with the incident's own date; a weekday later in the text does not move it.
    text = ("03/14/2017: Assailants shot dead a district official in Kunduz city on his way home; a colleague said "
            "he had received threats on Monday.")
    [event] = extract_checked(nlp, text).events
    assert event.time.start.isoformat() == "2017-03-14"


def test_arrests_in_connection_with_a_bombing_are_their_own_incident(nlp):
    text = ("A bomb exploded in a crowded market in Jalalabad on Monday, killing six people.\n\n"
            "On Wednesday, police said they had detained two suspects in connection with the bombing.")
    result = extract_checked(nlp, text, published="2025-04-10")
    assert types(result) == ["bombing", "arrest"]
    arrest = result.events[1]
    # The suspects are not the market's civilians: the text does not say their group.
    assert [(c.outcome.value, c.group.value, c.count) for c in arrest.casualties] == [("arrested", "unknown", 2)]
    assert [(c.outcome.value, c.group.value) for c in result.events[0].casualties] == [("killed", "civilians")]


def test_headline_parts_are_never_merged_into_each_other(nlp):
    text = ("Rebels ambush army patrol in Deir ez-Zor; landmine kills two shepherds\n\n"
            "DAMASCUS, May 14 - Rebels ambushed an army patrol near Busayrah in Deir ez-Zor province on Tuesday, "
            "killing four soldiers, a war monitor said.\n\n"
            "Separately, two shepherds were killed on Monday when a landmine exploded near Maadan in Raqqa "
            "province.")
    result = extract_checked(nlp, text, published="2025-05-14")
    assert len(result.events) == 2
    assert sorted(e.location.admin1 for e in result.events) == ["Deir ez-Zor", "Raqqa"]


def test_another_engagement_in_the_same_district_is_another_incident(nlp):
    text = ("On 5 March, security forces conducted an operation near Datta Khel, North Waziristan District, "
            "killing six terrorists.\n\n"
            "In another engagement near Mir Ali, North Waziristan District, troops killed two terrorists.")
    result = extract_checked(nlp, text, published="2025-03-06")
    assert len(result.events) == 2
