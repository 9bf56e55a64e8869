"""Casualties: who was killed, injured or arrested, how many, and how sure the text is about the number."""
from __future__ import annotations

import pytest
from conftest import extract_checked, incidents

from pipeline.casualties.links import casualty_links

pytestmark = pytest.mark.model


def links(nlp, text):
    doc = nlp(text)
    return [(doc[link.phrase[0] : link.phrase[1]].text, link.outcome, link.group, link.count) for link in casualty_links(doc)]


def casualties(result):
    [event] = result.events
    return sorted((c.outcome.value, c.group.value, c.count, c.low, c.high, c.qualifier.value) for c in event.casualties)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Three policemen were martyred in Tank on Monday.", [("Three policemen", "killed", "police", 3)]),
        ("Militants killed two soldiers in Kurram on Monday.", [("two soldiers", "killed", "security_forces", 2)]),
        ("Eleven terrorists were killed in Tank on Saturday.", [("Eleven terrorists", "killed", "militants", 11)]),
        ("Police arrested three suspects in Karachi on Monday.", [("three suspects", "arrested", "unknown", 3)]),
        ("Police arrested three suspected militants in Karachi on Monday.",
         [("three suspected militants", "arrested", "militants", 3)]),
    ],
)
def test_counted_phrases_are_linked_to_their_outcome(nlp, text, expected):
    assert links(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Eleven terrorists died during a long exchange of fire near Dera Ismail Khan on Saturday.",
         [("killed", "militants", 11, None, None, "exact")]),
        ("A dozen militants were killed in clashes with troops in Zhob on Sunday.",
         [("killed", "militants", 12, None, None, "exact")]),
        ("At least seven people were killed in a blast in Quetta on Monday.",
         [("killed", "unknown", 7, 7, None, "at_least")]),
        ("Approximately 30 militants were killed in operations in Bannu on Wednesday.",
         [("killed", "militants", 30, None, None, "approximately")]),
        ("Between 10 and 15 civilians were wounded in the explosion in Parachinar on Tuesday.",
         [("injured", "civilians", None, 10, 15, "approximately")]),
        ("Four soldiers were martyred when terrorists attacked a post in North Waziristan on Monday.",
         [("killed", "security_forces", 4, None, None, "exact")]),
        ("Four personnel embraced martyrdom during an exchange of fire with militants in Kurram on Wednesday.",
         [("killed", "security_forces", 4, None, None, "exact")]),
        ("Security forces killed five khwarij in an operation in Khyber district on Wednesday.",
         [("killed", "militants", 5, None, None, "exact")]),
        ("Five terrorists belonging to Fitna al-Khawarij were killed in an operation in Bannu on Tuesday.",
         [("killed", "militants", 5, None, None, "exact")]),
    ],
    ids=["number-word", "a-dozen", "at-least", "approximately", "between", "martyred-soldiers",
         "embraced-martyrdom", "khwarij-killed", "terrorists-belonging-to-group"],
)
def test_counts_groups_and_qualifiers(nlp, text, expected):
    assert casualties(extract_checked(nlp, text)) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Three policemen were martyred and two others injured when gunmen fired on their patrol car in Tank.",
         [("injured", "police", 2), ("killed", "police", 3)]),
        ("Two soldiers were killed and three others wounded when an IED exploded in Bajaur on Friday.",
         [("injured", "security_forces", 3), ("killed", "security_forces", 2)]),
        ("Militants attacked a checkpoint in Mohmand district on Monday, killing two soldiers and injuring three others.",
         [("injured", "security_forces", 3), ("killed", "security_forces", 2)]),
    ],
    ids=["passive", "ied-passive", "active-killing-and-injuring"],
)
def test_others_inherit_the_group_of_the_phrase_before(nlp, text, expected):
    result = extract_checked(nlp, text)
    assert sorted((o, g, c) for o, g, c, *_ in casualties(result)) == expected


@pytest.mark.parametrize(
    ("text", "total", "group_counts"),
    [
        ("Eight people, including three policemen, were killed when militants attacked a checkpoint in Tank on Monday.",
         8, {"police": 3}),
        ("Police said five militants, including two commanders, were killed in the raid in Lakki Marwat on Monday.",
         5, {"militants": 5}),
    ],
    ids=["people-including-police", "militants-including-commanders"],
)
def test_parts_after_including_are_not_counted_twice(nlp, text, total, group_counts):
    result = extract_checked(nlp, text)
    [event] = result.events
    assert event.total("killed") == total
    for group, count in group_counts.items():
        assert event.total("killed", group) == count


def test_unknown_number_is_none_not_zero(nlp):
    result = extract_checked(nlp, "An unknown number of militants were killed in the clash in Kurram on Monday.")
    [event] = result.events
    [killed] = [c for c in event.casualties if c.outcome.value == "killed"]
    assert killed.group.value == "militants"
    assert killed.count is None
    assert killed.qualifier.value == "vague"


def test_scores_of_people_is_a_vague_count_with_a_lower_bound(nlp):
    result = extract_checked(nlp, "Scores of people were hurt as a bomb exploded inside a bazaar in Orakzai on Monday.")
    [(outcome, group, count, low, high, qualifier)] = casualties(result)
    assert (outcome, count, qualifier) == ("injured", None, "vague")
    assert low is not None and low >= 20


def test_the_weapon_that_killed_is_not_counted_as_a_victim(nlp):
    result = extract_checked(nlp, "A landmine blast killed three children in Kurram on Monday.")
    assert casualties(result) == [("killed", "civilians", 3, None, None, "exact")]


def test_no_one_killed_gives_no_killed_count(nlp):
    result = extract_checked(nlp, "Nobody was killed when militants attacked a checkpoint in Tank on Monday, police said.")
    killed = [c.count for e in result.events for c in e.casualties if c.outcome.value == "killed"]
    assert all(not count for count in killed), f"'No one was killed' produced killed counts {killed}"


def test_suicide_bomber_is_counted_among_the_dead(nlp):
    result = extract_checked(nlp, "A suicide bomber struck a police station in Bajaur on Friday, killing nine policemen.")
    assert casualties(result) == [("killed", "militants", 1, None, None, "exact"),
                                  ("killed", "police", 9, None, None, "exact")]


@pytest.mark.model
def test_people_counted_at_a_civilian_scene_are_civilians(nlp):
    text = "A bomb exploded at a crowded market in Quetta on Monday, killing nine people and wounding 20."
    assert {(c.outcome.value, c.group.value) for c in incidents(extract_checked(nlp, text))[0].casualties} == {
        ("killed", "civilians"), ("injured", "civilians")}
    # At a checkpoint the people may be forces: the text does not say, the group stays unknown.
    text = "A bomb exploded at a checkpoint in Quetta on Monday, killing nine people."
    assert [c.group.value for c in incidents(extract_checked(nlp, text))[0].casualties] == ["unknown"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The counted subject of an active verb did the act; weapons seized are not people taken.
        ("A unit of the border guard arrested six smugglers near Tessalit and seized three rifles on Monday.",
         [("six smugglers", "arrested", "unknown", 6)]),
        ("Police seized two explosive belts and four pistols from the house in Kano on Friday.", []),
        ("During the clash, three soldiers embraced martyrdom, the army said.",
         [("three soldiers", "killed", "security_forces", 3)]),
    ],
)
def test_only_the_people_an_outcome_befell_are_counted(nlp, text, expected):
    assert links(nlp, text) == expected


def test_a_later_breakdown_of_the_dead_is_part_of_the_toll(nlp):
    text = ("A bomb tore through a bus station in Kaduna on Monday, killing eleven people. "
            "Among the dead were three policemen.")
    assert casualties(extract_checked(nlp, text, published="2025-02-04")) == [
        ("killed", "police", 3, None, None, "exact"), ("killed", "unknown", 8, None, None, "exact")]


def test_civilians_among_the_dead_make_the_toll_civilian(nlp):
    text = ("A grenade thrown into a tea shop in Sopore on Friday killed five people. "
            "The dead included the owner and two schoolboys.")
    assert casualties(extract_checked(nlp, text, published="2025-02-08")) == [
        ("killed", "civilians", 5, None, None, "exact")]


def test_members_of_a_named_group_are_of_its_kind(nlp):
    assert links(nlp, "Police arrested four TTP members in Peshawar on Sunday.") == [
        ("four TTP members", "arrested", "militants", 4)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "of them" counts the people named before it.
        ("Troops engaged bandits near Gusau on Monday and neutralised five of them.",
         [("five", "killed", "militants", 5)]),
        # A dateline's dash is no part of the count.
        ("LIMA, Oct 3 - Two soldiers were wounded in an ambush in the VRAEM on Thursday.",
         [("Two soldiers", "injured", "security_forces", 2)]),
        # Officers in a sentence about the police are police officers.
        ("A grenade hit a police van in Imphal on Friday, wounding three officers.",
         [("three officers", "injured", "police", 3)]),
        ("A mine hit an army truck in Kachin on Friday, wounding three officers.",
         [("three officers", "injured", "security_forces", 3)]),
    ],
)
def test_the_group_of_a_count_comes_from_the_people_it_counts(nlp, text, expected):
    assert links(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two farmers were hacked to death near Oicha on Sunday.", [("Two farmers", "killed", "civilians", 2)]),
        ("One soldier paid the supreme price in the firefight near Gwoza.",
         [("One soldier", "killed", "security_forces", 1)]),
        ("A 12-year-old girl was killed when a shell hit her home in Kherson.",
         [("A 12-year-old girl", "killed", "civilians", 1)]),
        ("Another 19 people were wounded in the blast in Mogadishu.", [("Another 19 people", "injured", "unknown", 19)]),
        ("The strike killed about a dozen people in Idlib.", [("about a dozen people", "killed", "unknown", 12)]),
    ],
)
def test_outcomes_and_counts_as_reporters_write_them(nlp, text, expected):
    assert links(nlp, text) == expected


def test_a_headline_toll_told_again_by_group_is_not_added(nlp):
    text = ("Drone strike on hospital kills 14 in El Fasher\n\n"
            "A drone struck the main hospital in El Fasher on Friday, killing 12 patients and two nurses, "
            "health workers said.")
    assert casualties(extract_checked(nlp, text, published="2025-10-11")) == [
        ("killed", "civilians", 14, None, None, "exact")]


def test_a_named_victim_takes_the_group_of_the_description_after_the_name(nlp):
    assert links(nlp, "Gunmen shot dead Somchai Wong, 48, the headman of a village near Yala, on Sunday.") == [
        ("Somchai Wong", "killed", "civilians", 1)]


def test_a_toll_brought_up_to_date_is_the_whole_toll(nlp):
    text = ("A missile struck a police checkpoint in Kramatorsk on Monday, killing five officers. On Tuesday two of "
            "the wounded died in hospital, bringing the death toll to seven.")
    killed = [c for c in extract_checked(nlp, text, published="2025-10-08").events[0].casualties
              if c.outcome.value == "killed"]
    assert sum(c.count for c in killed) == 7


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Three members of the Abu Sayyaf were killed in a clash in Patikul on Friday.",
         [("Three members", "killed", "militants", 3)]),
        ("Troops arrested two suppliers to the insurgents near Monguno on Monday.",
         [("two suppliers", "arrested", "militants", 2)]),
    ],
)
def test_the_group_named_after_a_head_that_names_none(nlp, text, expected):
    assert links(nlp, text) == expected
