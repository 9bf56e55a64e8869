"""Actors: armed groups under one canonical name, state forces, generic attackers, claims of responsibility."""
from __future__ import annotations

import pytest
from conftest import extract_checked

pytestmark = pytest.mark.model

TTP = "Tehrik-i-Taliban Pakistan"


def actor_spans(nlp, text):
    doc = nlp(text)
    return [(s.text, s.label_, s.kb_id_) for s in doc.spans["newsevents_actors"]]


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("The TTP attacked a checkpoint in Tank on Sunday.", "TTP"),
        ("Fighters of the Tehrik-i-Taliban Pakistan attacked a checkpoint in Tank on Sunday.", "Tehrik-i-Taliban Pakistan"),
        ("Tehreek-e-Taliban Pakistan militants stormed a police station in Tank on Sunday.",
         "Tehreek-e-Taliban Pakistan militants"),
        ("The Pakistani Taliban attacked a checkpoint in Lakki Marwat on Sunday.", "Pakistani Taliban"),
        ("Security forces killed five khwarij in an operation in Khyber district on Wednesday.", "khwarij"),
        ("Terrorists of Fitna al-Khawarij attacked a post in Bannu on Monday.", "Fitna al-Khawarij"),
    ],
    ids=["TTP", "Tehrik-i-Taliban-Pakistan", "Tehreek-e-spelling", "Pakistani-Taliban", "khwarij", "Fitna-al-Khawarij"],
)
def test_every_name_of_the_pakistani_taliban_normalizes_to_one_actor(nlp, text, mention):
    assert (mention, "militant_group", "ttp") in actor_spans(nlp, text)
    result = extract_checked(nlp, text)
    names = {m.name: m for m in result.mentions.actors}
    assert TTP in names
    assert mention in names[TTP].texts
    assert names[TTP].country == "PK"


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("The Balochistan Liberation Army claimed responsibility for the attack on a camp in Kalat on Saturday.",
         "Balochistan Liberation Army", "separatist_group"),
        ("The BLA claimed the attack on a camp in Kalat on Saturday.", "Balochistan Liberation Army", "separatist_group"),
        ("ISKP claimed the bombing of a mosque in Kunduz on Friday.", "Islamic State Khorasan Province", "militant_group"),
        ("Militants attacked a Frontier Corps camp in Panjgur on Monday.", "Frontier Corps", "state_forces"),
        ("Militants attacked an FC convoy in Kech on Monday.", "Frontier Corps", "state_forces"),
        ("The CTD arrested three suspects in Karachi on Monday.", "Counter Terrorism Department", "police"),
        ("The Counter-Terrorism Department arrested three suspects in Lahore on Monday.",
         "Counter Terrorism Department", "police"),
    ],
    ids=["BLA-name", "BLA-acronym", "ISKP", "Frontier-Corps", "FC", "CTD", "CTD-spelt-out"],
)
def test_named_actors_get_their_canonical_name_and_kind(nlp, text, name, kind):
    result = extract_checked(nlp, text)
    assert (name, kind) in {(m.name, m.kind.value) for m in result.mentions.actors}
    assert name in {a.name for e in result.events for a in e.actors}


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Unknown gunmen fired at a police vehicle near Lakki Marwat on Tuesday.", "PK"),
        ("Gunmen shot dead a shopkeeper in D.I. Khan on Saturday.", "PK"),
        ("Unknown gunmen killed two farmers in Nangarhar province on Sunday.", "AF"),
    ],
)
def test_generic_gunmen_are_an_unidentified_armed_group_of_the_events_country(nlp, text, country):
    result = extract_checked(nlp, text)
    [event] = result.events
    perpetrators = event.actors_in("perpetrator")
    assert [(a.kind.value, a.country) for a in perpetrators] == [("unidentified_armed_group", country)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The Tehrik-i-Taliban Pakistan claimed responsibility for the attack on a police post in Tank on Monday.", TTP),
        ("Militants attacked a Frontier Corps camp in Kalat on Saturday. The BLA claimed responsibility for the attack.",
         "Balochistan Liberation Army"),
        ("A suicide bomber struck a mosque in Kunduz on Friday. ISKP claimed responsibility in a statement.",
         "Islamic State Khorasan Province"),
    ],
    ids=["same-sentence", "next-sentence-BLA", "next-sentence-ISKP"],
)
def test_group_that_claimed_responsibility_is_the_claimed_perpetrator(nlp, text, name):
    result = extract_checked(nlp, text)
    [event] = result.events
    claimed = [(a.name, a.role.value) for a in event.actors if a.attribution.value == "claimed"]
    assert claimed == [(name, "perpetrator")]


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed two policemen in Kohat on Monday. No outfit has owned the killings so far.",
        "Gunmen killed two policemen in Kohat on Monday. No group has claimed responsibility so far.",
    ],
)
def test_no_group_claimed_leaves_no_claimed_actor(nlp, text):
    result = extract_checked(nlp, text)
    [event] = result.events
    assert [a for a in event.actors if a.attribution.value == "claimed"] == []


def test_group_that_denied_involvement_is_not_a_stated_perpetrator(nlp):
    text = "A bomb exploded at a rally in Bajaur on Sunday, killing six people. The TTP denied any involvement."
    result = extract_checked(nlp, text)
    [event] = result.events
    ttp = [a for a in event.actors if a.name == TTP]
    assert ttp and all(a.attribution.value == "denied" for a in ttp)


def test_police_reporting_the_attack_are_not_its_victims_or_perpetrators(nlp):
    text = "Militants attacked a school in Swat on Monday, killing a guard, police said."
    result = extract_checked(nlp, text)
    [event] = result.events
    assert [(a.name, a.role.value) for a in event.actors if a.role.value != "victim"] == [("Militants", "perpetrator")]
    assert "Police" not in {a.name for a in event.actors}


def perpetrators(result):
    return sorted((a.name, a.attribution.value, a.named) for e in result.events for a in e.actors
                  if a.role.value == "perpetrator")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The doer of the act, not a suspicion read across another verb.
        ("Suspected rebels abducted two farmers near Beni on Monday, local officials said.",
         [("Rebels", "suspected", False)]),
        # Officials who suspect a group accuse it; they do no part in the act.
        ("Officials suspected al-Shabaab after a bomb exploded at a checkpoint in Afgoye on Monday.",
         [("al-Shabaab", "suspected", True)]),
        # A denial of a detail keeps the group's stated part in the act.
        ("Al-Shabaab fighters attacked an army base near Bulo Marer on Friday; the group denied that it had "
         "suffered any losses.", [("al-Shabaab", "stated", True)]),
    ],
)
def test_attribution_belongs_to_the_clause_that_states_it(nlp, text, expected):
    assert perpetrators(extract_checked(nlp, text, published="2025-03-10")) == expected


def test_forces_at_a_protest_answer_it(nlp):
    text = ("Police fired tear gas to disperse hundreds of protesters who blocked the highway in Gilgit on Sunday; "
            "six people were injured.")
    result = extract_checked(nlp, text, published="2025-03-10")
    assert all(a.role.value != "perpetrator" for e in result.events for a in e.actors if a.name == "Police")


def test_a_suicide_bomber_is_the_perpetrator_beside_the_group_that_claimed_it(nlp):
    text = ("A female suicide bomber blew herself up at a mosque in Kunduz on Friday, killing 12 worshippers. "
            "The Islamic State Khorasan Province claimed responsibility.")
    found = perpetrators(extract_checked(nlp, text, published="2025-03-10"))
    assert ("female suicide bomber", "stated", False) in found
    assert ("Islamic State Khorasan Province", "claimed", True) in found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("A junta column burned two villages in Sagaing Region, Myanmar, on Thursday, residents said.", "Tatmadaw"),
        ("A junta column burned two villages near Mopti in central Mali on Thursday, residents said.",
         "Malian Armed Forces"),
    ],
)
def test_the_junta_is_the_army_of_the_articles_country(nlp, text, name):
    assert any(a[0] == name for a in perpetrators(extract_checked(nlp, text, published="2025-03-10")))


def test_who_comes_under_fire_is_the_target_and_who_fires_the_perpetrator(nlp):
    text = "An army patrol came under fire from gunmen near Tumaco on Monday; two soldiers were wounded."
    result = extract_checked(nlp, text, published="2025-03-10")
    assert perpetrators(result) == [("Unidentified gunmen", "stated", False)]
    assert result.events[0].type.value == "armed_assault"


def test_the_attackers_told_again_are_the_named_group_not_a_second_perpetrator(nlp):
    text = ("ISWAP fighters stormed an army base in Malam Fatori on Friday, killing 12 soldiers. "
            "The attackers burned armoured vehicles before withdrawing.")
    found = perpetrators(extract_checked(nlp, text, published="2025-03-10"))
    assert [name for name, _, _ in found] == ["Islamic State West Africa Province"]
