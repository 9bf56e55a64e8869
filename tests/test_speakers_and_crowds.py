"""Who did it, as reporting tells it: speakers of their own acts, crowds, suspects described, headlines."""
from __future__ import annotations

import pytest
from conftest import extract_checked, incidents, only_incident

from models import Role

pytestmark = pytest.mark.model



def perpetrators(event):
    return {(a.name, a.attribution.value) for a in event.actors if a.role == Role.perpetrator}


def test_a_speaker_telling_of_its_own_personnel_did_the_act(nlp):
    event = only_incident(nlp, "Dera Ismail Khan, the Counter Terrorism Department said its personnel had killed "
                               "four terrorists in an operation in the Kulachi area on Wednesday.")
    assert any(attribution == "claimed" for _, attribution in perpetrators(event)), perpetrators(event)


def test_a_state_speaker_reporting_a_strike_on_its_enemies_claims_it(nlp):
    event = only_incident(nlp, "The Pakistan Army said an air strike had killed 12 TTP militants in North "
                               "Waziristan on Friday.")
    found = perpetrators(event)
    assert any(attribution == "claimed" for _, attribution in found), found
    assert not any("Tehrik" in name for name, _ in found), found


def test_a_crowd_that_stages_a_sit_in_is_the_protest_doer(nlp):
    event = only_incident(nlp, "Hundreds of people staged a sit-in outside the press club in Quetta on Monday.")
    assert event.type.value == "protest"
    assert ("Protesters", "stated") in perpetrators(event)
    assert event.location is not None and event.location.name == "Quetta"


def test_the_blame_after_a_bombing_names_its_suspect(nlp):
    found = incidents(extract_checked(nlp, "A roadside bomb wounded two rangers in Narathiwat on Monday. Police "
                                           "suspect the BRN, which rarely claims attacks.", published="2025-03-10"))
    assert len(found) == 1
    assert any(attribution == "suspected" for _, attribution in perpetrators(found[0])), perpetrators(found[0])


def test_a_headline_passive_makes_its_subject_the_victim_not_the_doer(nlp):
    event = only_incident(nlp, "Soldiers kidnapped in Arauca\n\nARAUCA - Suspected ELN rebels kidnapped two soldiers "
                               "on a rural road in Arauca on Sunday, the army said.")
    assert all("Security forces" != name for name, _ in perpetrators(event)), perpetrators(event)


def test_both_sides_of_a_shootout_between_factions_fought(nlp):
    event = only_incident(nlp, "Five people were killed on Saturday in a shootout between rival factions of the "
                               "Sinaloa Cartel near Culiacan.")
    assert any("Sinaloa" in name for name, _ in perpetrators(event)), perpetrators(event)


def test_a_name_inside_a_modifier_is_no_actor_of_the_act(nlp):
    event = only_incident(nlp, "Security forces killed three militants in an anti-Maoist operation in Bijapur "
                               "on Sunday.")
    assert not any("Maoist" in name for name, _ in perpetrators(event)), perpetrators(event)


def test_denying_involvement_does_not_negate_the_bombing(nlp):
    event = only_incident(nlp, "The TTP on Monday denied any involvement in Sunday's bomb blast at a rally in Khar "
                               "that killed nine people.")
    assert event.modality.polarity.value == "asserted"


@pytest.mark.parametrize("text, town", [
    ("Teachers from across Sindh staged a sit-in against the new tax outside the press club in Hyderabad on Monday.",
     "Hyderabad"),
    ("The traders' union held a sit-in protest near the district courts in Multan on Friday.", "Multan"),
])
def test_a_protest_is_placed_where_it_was_held_not_by_its_topic(nlp, text, town):
    event = only_incident(nlp, text)
    assert event.location is not None and event.location.name == town


def test_suspected_describing_the_arrested_is_no_suspicion_but_suspected_involvement_is(nlp):
    arrest = only_incident(nlp, "Troops at a checkpoint arrested four suspected suppliers to the terrorists near "
                                "Monguno on Thursday.")
    assert not any(attribution == "suspected" for _, attribution in perpetrators(arrest)), perpetrators(arrest)
    kidnapping = only_incident(nlp, "Three assailants abducted an aid worker in Kabul on Monday. Nobody has claimed "
                                    "the abduction, but officials suspected Taliban involvement.")
    assert ("Taliban", "suspected") in perpetrators(kidnapping)


def test_a_speaker_whose_troops_repelled_the_attack_did_not_do_it(nlp):
    event = only_incident(nlp, "Fighters of JNIM attacked a fuel convoy near Sandare on Thursday, killing two "
                               "soldiers. The army said its troops had repelled the assault and neutralised about 15 "
                               "terrorists.")
    assert not any(attribution == "claimed" for _, attribution in perpetrators(event)), perpetrators(event)


def test_the_people_taken_hostage_are_not_the_hostage_takers(nlp):
    event = only_incident(nlp, "Armed men stormed a Levies post in Mastung on Sunday night and took four Levies "
                               "personnel hostage.")
    assert not any("Levies" in name for name, _ in perpetrators(event)), perpetrators(event)
