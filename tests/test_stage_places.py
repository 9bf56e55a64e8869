"""Places: gazetteer names and aliases, provinces by their old and short names, and the event's location."""
from __future__ import annotations

import pytest
from conftest import extract_checked

pytestmark = pytest.mark.model


def places(nlp, text):
    doc = nlp(text)
    return [(s.text, s.label_, s.kb_id_) for s in doc.spans["newsevents_places"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Militants attacked a checkpoint in Bannu district of KP on Monday, police said.",
         [("Bannu district", "admin2", "pk-kp-bannu"), ("KP", "admin1", "pk-kp-khyber-pakhtunkhwa")]),
        ("Two soldiers were killed in an ambush in Kurram district of KPK on Sunday.",
         [("Kurram district", "admin2", "pk-kp-kurram"), ("KPK", "admin1", "pk-kp-khyber-pakhtunkhwa")]),
        ("A bomb exploded in a market in Nowshera, NWFP, on Wednesday.",
         [("Nowshera", "admin2", "pk-kp-nowshera"), ("NWFP", "admin1", "pk-kp-khyber-pakhtunkhwa")]),
        ("Militants attacked a Levies post in Kech district, Baluchistan, on Sunday.",
         [("Kech district", "admin2", "pk-ba-kech"), ("Baluchistan", "admin1", "pk-ba-balochistan")]),
        ("A roadside bomb struck a vehicle in Nangrahar province on Monday.",
         [("Nangrahar", "admin1", "af-nan-nangarhar")]),
        ("Gunmen shot dead a shopkeeper in D.I. Khan on Saturday.",
         [("D.I. Khan", "town", "pk-kp-dera-ismail-khan")]),
    ],
    ids=["KP", "KPK", "NWFP", "Baluchistan", "Nangrahar-misspelt", "D.I.-Khan"],
)
def test_province_and_district_aliases_resolve_to_gazetteer_entries(nlp, text, expected):
    assert places(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mir Ali was attacked by militants on Monday night.", "Mir Ali"),
        ("Militants ambushed a convoy in Datta Khel on Monday, killing two soldiers.", "Datta Khel"),
    ],
)
def test_place_that_the_ner_tags_as_a_person_is_still_a_place(nlp, text, name):
    doc = nlp(text)
    assert name in [s.text for s in doc.spans["newsevents_places"]]


def test_country_word_inside_an_armed_group_name_is_not_a_place(nlp):
    text = "Tehreek-e-Taliban Pakistan militants stormed a police station in Dera Ismail Khan early on Monday."
    doc = nlp(text)
    actor_tokens = {i for s in doc.spans["newsevents_actors"] for i in range(s.start, s.end)}
    overlapping = [s.text for s in doc.spans["newsevents_places"] if any(i in actor_tokens for i in range(s.start, s.end))]
    assert overlapping == [], f"places inside actor names: {overlapping}"
    result = extract_checked(nlp, text)
    assert "Pakistan" not in [p.name for p in result.mentions.places if p.precision.value == "country"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Militants attacked a checkpoint in Bannu district of KP on Monday, police said.",
         ("Bannu", "PK", "Khyber Pakhtunkhwa", "Bannu", "admin2")),
        # The district named without its noun is its city (the district stays as admin2).
        ("Gunmen shot dead a shopkeeper in D.I. Khan on Saturday.",
         ("Dera Ismail Khan", "PK", "Khyber Pakhtunkhwa", "Dera Ismail Khan", "town")),
        ("A roadside bomb struck a vehicle in Nangrahar province on Monday, killing four civilians.",
         ("Nangarhar", "AF", "Nangarhar", None, "admin1")),
        ("Militants attacked a Levies post in Kech district, Baluchistan, on Sunday.",
         ("Kech", "PK", "Balochistan", "Kech", "admin2")),
        ("Security forces raided a militant hideout in Mir Ali, North Waziristan, on Tuesday, killing six terrorists.",
         ("Mir Ali", "PK", "Khyber Pakhtunkhwa", "North Waziristan", "town")),
        ("Militants ambushed a convoy in Datta Khel on Monday, killing two soldiers.",
         ("Datta Khel", "PK", "Khyber Pakhtunkhwa", "North Waziristan", "town")),
        ("A bomb went off in a bazaar in Orakzai on Monday, injuring several shopkeepers.",
         ("Orakzai", "PK", "Khyber Pakhtunkhwa", "Orakzai", "admin2")),
        ("Militants attacked a checkpoint in Mohmand district on Monday.",
         ("Mohmand", "PK", "Khyber Pakhtunkhwa", "Mohmand", "admin2")),
        ("A suicide bomber struck a police station in Bajaur on Friday.",
         ("Bajaur", "PK", "Khyber Pakhtunkhwa", "Bajaur", "admin2")),
        ("Gunmen attacked a polio team in Khyber district on Wednesday.",
         ("Khyber", "PK", "Khyber Pakhtunkhwa", "Khyber", "admin2")),
    ],
    ids=["district-of-KP", "D.I.-Khan", "afghan-province", "Baluchistan", "town-in-district", "town-alone",
         "merged-Orakzai", "merged-Mohmand", "merged-Bajaur", "merged-Khyber"],
)
def test_event_location_is_filled_from_the_gazetteer(nlp, text, expected):
    result = extract_checked(nlp, text)
    assert len(result.events) == 1
    location = result.events[0].location
    assert location is not None
    assert (location.name, location.country, location.admin1, location.admin2, location.precision.value) == expected


def test_merged_tribal_district_is_under_khyber_pakhtunkhwa_not_fata(nlp):
    result = extract_checked(nlp, "Militants fired rockets at a military post in South Waziristan on Thursday.")
    location = result.events[0].location
    assert location.name == "South Waziristan"
    assert location.admin1 == "Khyber Pakhtunkhwa"


def test_event_location_is_the_place_nearest_the_trigger_and_others_are_mentioned(nlp):
    text = ("Officials in Peshawar said militants attacked a checkpoint in Tank district on Monday, "
            "killing two policemen.")
    result = extract_checked(nlp, text)
    [event] = result.events
    assert event.location.name == "Tank"
    assert "Peshawar" in [p.name for p in event.location.mentioned]


def test_a_force_before_a_place_noun_names_no_place(nlp):
    # "Police District 13" is a numbered city district; "the Army district commander" names no place at all.
    found = places(nlp, "Two men were detained in Police District 13 on Friday.")
    assert [(text, label) for text, label, _ in found] == [("Police District 13", "town")]
    assert not any(text == "Army" for text, _, _ in places(nlp, "The Army district commander was killed in Kabul."))


def test_a_place_ending_a_headline_keeps_no_line_break(nlp):
    text = "Protesters stone UN base in Bunia\n\nBUNIA - Hundreds of protesters threw stones at a UN base on Monday."
    assert all(text.strip() == text for text, _, _ in places(nlp, text))


def test_a_territory_is_a_second_level_unit(nlp):
    found = places(nlp, "Gunmen killed four farmers near a village in Djugu territory (Ituri) on Sunday.")
    assert ("Djugu", "admin2") in [(text, label) for text, label, _ in found]


def test_an_incident_naming_no_place_right_after_one_that_did_is_at_its_scene(nlp):
    text = ("2. On Monday, troops clashed with bandits in Dansadau, Zamfara State, killing four of them.\n\n"
            "3. On Tuesday, troops arrested three suspected collaborators of the bandits.")
    result = extract_checked(nlp, text, published="2025-01-14")
    assert [e.location.name if e.location else None for e in result.events] == ["Dansadau", "Dansadau"]


def test_a_separate_incident_does_not_take_the_scene_before_it(nlp):
    text = ("Protesters set fire to the terminal of the airport in Juliaca on Monday, officials said.\n\n"
            "Separately, gunmen shot dead a trader on a rural road on Tuesday.")
    result = extract_checked(nlp, text, published="2025-01-14")
    assert result.events[-1].location is None or result.events[-1].location.name != "Juliaca"
