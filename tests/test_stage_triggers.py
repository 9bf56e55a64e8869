"""Triggers, weapons and targets: what kind of event a sentence reports."""
from __future__ import annotations

import pytest
from conftest import extract_checked

pytestmark = pytest.mark.model


def spans(nlp, text, key):
    doc = nlp(text)
    return [(s.text, s.label_) for s in doc.spans[key]]


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Militants attacked a checkpoint in Bannu on Monday.", ("attacked", "armed_assault")),
        ("Unidentified men opened fire at a police checkpoint in Peshawar on Monday.", ("opened fire", "armed_assault")),
        ("A roadside bomb struck a vehicle in Kurram on Monday.", ("roadside bomb", "remote_explosive")),
        ("A suicide bomber struck a police station in Bajaur on Friday.", ("suicide bomber", "suicide_bombing")),
        ("Eleven terrorists died in an exchange of fire near Tank on Saturday.", ("exchange of fire", "armed_clash")),
        ("Militants fired rockets at a military post in South Waziristan on Thursday.", ("rockets", "shelling")),
        ("The CTD arrested three suspects in Karachi on Monday.", ("arrested", "arrest")),
    ],
    ids=["attacked", "opened-fire", "roadside-bomb", "suicide-bomber", "exchange-of-fire", "rockets", "arrested"],
)
def test_trigger_words_are_tagged_with_their_event_type(nlp, text, trigger):
    assert trigger in spans(nlp, text, "newsevents_triggers")


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Militants attacked a checkpoint in Bannu district on Monday, police said.", "armed_assault"),
        ("A bomb exploded in a market in Nowshera on Wednesday, killing five people.", "bombing"),
        ("A roadside bomb struck a vehicle in Kurram on Monday, killing four civilians.", "remote_explosive"),
        ("Two soldiers died after an IED exploded beside their jeep in Bajaur on Friday.", "remote_explosive"),
        ("A suicide bomber struck a police station in Bajaur on Friday, killing nine policemen.", "suicide_bombing"),
        ("Militants fired rockets at a military post in South Waziristan on Thursday.", "shelling"),
        ("A dozen militants were killed in clashes with troops in Zhob on Sunday.", "armed_clash"),
        ("Security forces raided a militant hideout in Mir Ali on Tuesday, killing six terrorists.", "security_operation"),
        ("The CTD arrested three suspects in Karachi on Monday.", "arrest"),
        ("Gunmen kidnapped two engineers in Dera Ismail Khan on Monday.", "kidnapping"),
        ("A drone strike hit a compound in Khost province on Sunday, killing four people.", "air_or_drone_strike"),
        ("Gunmen shot dead a tribal elder in Bajaur on Sunday.", "targeted_killing"),
    ],
    ids=["assault", "bombing", "roadside-bomb", "ied", "suicide", "rockets", "clash", "raid", "arrest", "kidnap",
         "drone-strike", "targeted-killing"],
)
def test_one_sentence_report_gives_one_event_of_the_expected_type(nlp, text, event_type):
    result = extract_checked(nlp, text)
    assert [e.type.value for e in result.events] == [event_type]
    event = result.events[0]
    assert text[event.trigger.start : event.trigger.end] == event.trigger.text


@pytest.mark.parametrize(
    ("text", "weapon", "target"),
    [
        ("Unidentified gunmen opened fire on a police patrol car near Lakki Marwat with rifles on Tuesday.", "firearm",
         "vehicle_or_convoy"),
        ("A suicide bomber struck a police station in Bajaur on Friday.", "suicide_vest", "police_station"),
        ("Militants attacked a checkpoint in Bannu district with hand grenades on Monday.", "grenade", "checkpoint"),
    ],
)
def test_weapons_and_targets_are_recorded_on_the_event(nlp, text, weapon, target):
    result = extract_checked(nlp, text)
    [event] = result.events
    assert weapon in {w.kind.value for w in event.weapons}
    assert target in {t.kind.value for t in event.targets}


def test_weapon_and_target_span_groups_are_written(nlp):
    text = "Militants fired mortars at a checkpoint near a school in Kurram on Monday."
    assert ("mortars", "mortar") in spans(nlp, text, "newsevents_weapons")
    targets = spans(nlp, text, "newsevents_targets")
    assert ("checkpoint", "checkpoint") in targets
    assert ("school", "school") in targets


def test_several_triggers_for_one_incident_give_one_event(nlp):
    text = ("Two soldiers were killed and three others wounded when an IED exploded near their vehicle "
            "in Bajaur on Friday.")
    result = extract_checked(nlp, text)
    assert len(result.events) == 1
    assert len(result.events[0].rules) >= 2


def test_two_attacks_in_two_districts_give_two_events(nlp):
    text = ("Militants attacked a police checkpoint in Bannu on Monday, killing two policemen. "
            "In a separate incident, a roadside bomb killed a soldier in Kurram on Tuesday.")
    result = extract_checked(nlp, text)
    assert [(e.type.value, e.location.name) for e in result.events] == [
        ("armed_assault", "Bannu"), ("remote_explosive", "Kurram")]
