"""Who did what to whom: victims as actors, named and generic perpetrators, responders, targets and weapons."""
from __future__ import annotations

import pytest
from conftest import extract_checked, incidents, only_incident

from models import Outcome, Role

pytestmark = pytest.mark.model



def victims(event):
    return [a for a in event.actors if a.role == Role.victim]


def test_each_victim_phrase_is_an_actor_tied_to_its_casualty(nlp):
    event = only_incident(nlp, "Three Taliban fighters and a farmer lost their lives when insurgents and security "
                               "forces exchanged fire in Kunduz on Monday.")
    found = {a.name: a for a in victims(event)}
    assert set(found) == {"Taliban", "Civilians"}
    assert found["Taliban"].named and not found["Civilians"].named
    for actor in found.values():
        casualty = event.casualties[actor.casualty]
        assert casualty.evidence.start <= actor.evidence.start < casualty.evidence.end


def test_a_named_victim_is_one_person_and_the_apposition_no_second(nlp):
    event = only_incident(nlp, "Gul Rahman, a village elder, was shot dead by gunmen in Swat on Sunday.")
    assert [(a.name, a.named) for a in victims(event)] == [("Gul Rahman", True)]
    assert event.total(Outcome.killed) == 1


def test_the_people_kidnapped_are_victims_not_targets_or_perpetrators(nlp):
    event = only_incident(nlp, "Two villagers were abducted and killed by militants in Kunar on Sunday.")
    assert [a.name for a in event.actors if a.role == Role.perpetrator] == ["Militants"]
    assert [a.name for a in event.actors if a.role == Role.target] == []
    assert {a.name for a in victims(event)} == {"Civilians"}


def test_chained_outcomes_count_the_same_victims_twice_over(nlp):
    event = only_incident(nlp, "Two villagers were abducted and killed by militants in Kunar on Sunday.")
    assert event.total(Outcome.kidnapped) == 2 and event.total(Outcome.killed) == 2


def test_wounded_who_later_died_are_counted_once_as_killed(nlp):
    event = only_incident(nlp, "Three soldiers were wounded and later died in hospital after militants attacked "
                               "their post in Quetta on Monday.")
    assert event.total(Outcome.killed) == 3
    assert event.total(Outcome.injured) is None


@pytest.mark.parametrize("text, outcome, count", [
    ("Militant raids on two posts in North Waziristan on Thursday ended in the martyrdom of four soldiers.",
     Outcome.killed, 4),
    ("Previous raids in Bannu district had claimed the lives of roughly 30 insurgents.",
     Outcome.killed, 30),
    ("The clash in Kupwara led to the killing of one fighter on Friday.", Outcome.killed, 1),
    ("Police in Amritsar busted a terror module with the arrest of three operatives on Monday.", Outcome.arrested, 3),
])
def test_nominal_outcomes_are_counted(nlp, text, outcome, count):
    event = only_incident(nlp, text)
    assert event.total(outcome) == count


def test_forces_that_answer_an_attack_are_responders(nlp):
    event = only_incident(nlp, "Unidentified gunmen attacked a police checkpoint in Bannu on Monday, and police "
                               "returned fire, killing two attackers.")
    roles = {(a.name, a.role) for a in event.actors}
    assert ("Unidentified gunmen", Role.perpetrator) in roles
    assert ("Police", Role.responder) in roles
    assert ("Police", Role.perpetrator) not in roles
    perpetrator = next(a for a in event.actors if a.role == Role.perpetrator)
    assert perpetrator.named is False


def test_a_verb_is_never_a_weapon_and_a_noun_is(nlp):
    shot = only_incident(nlp, "Gunmen shot dead a shopkeeper in Peshawar on Monday.")
    assert shot.weapons == []
    blast = only_incident(nlp, "Suspected rebels blew up a section of the oil pipeline with dynamite in Arauca "
                               "on Tuesday.")
    assert {w.kind.value for w in blast.weapons} == {"explosive"}
    assert {t.kind.value for t in blast.targets} == {"utility"}


def test_the_trigger_names_its_own_weapon(nlp):
    event = only_incident(nlp, "A car bomb exploded near a police checkpoint in Baghdad on Monday, killing five "
                               "people.")
    assert [w.text for w in event.weapons] == ["car bomb"]
    assert "checkpoint" in {t.kind.value for t in event.targets}




def test_what_a_weapon_carries_is_part_of_it(nlp):
    laden = only_incident(nlp, "Two soldiers were wounded on Friday when an explosive-laden drone struck an army "
                               "post in Cauca.")
    assert {w.kind.value for w in laden.weapons} == {"drone"}
    loaded = only_incident(nlp, "Rebels launched three drones loaded with explosives at a police station in "
                                "Suarez on Monday, wounding an officer.")
    assert {w.kind.value for w in loaded.weapons} == {"drone"}


def test_weapons_recovered_or_caught_with_are_not_the_weapons_used(nlp):
    event = only_incident(nlp, "Police killed two militants in a raid in Bannu on Sunday and recovered three "
                               "rifles and a grenade from their hideout.")
    assert event.weapons == []


def test_a_named_weapon_as_trigger_implies_no_other_kind(nlp):
    event = only_incident(nlp, "Government artillery pounded rebel positions near Kidal on Monday, killing four "
                               "fighters.")
    assert {w.kind.value for w in event.weapons} == {"artillery"}


def test_a_hospital_is_a_health_facility_not_a_school(nlp):
    event = only_incident(nlp, "Militants fired rockets at the district hospital in Kunduz on Monday, injuring "
                               "two nurses.")
    assert {t.kind.value for t in event.targets} == {"health_facility"}
    assert {w.kind.value for w in event.weapons} == {"rocket"}


def test_violent_as_an_adjective_is_no_riot(nlp):
    result = extract_checked(nlp, "With such violent upheaval threatening the country's stability, the government "
                                  "vowed to act.", published="2025-03-10")
    assert [e.type.value for e in incidents(result)] == []


def test_a_plural_act_in_two_coordinated_places_is_two_incidents(nlp):
    result = extract_checked(nlp, "Attacks on police in Bannu and Lakki Marwat districts on Monday killed three "
                                  "policemen.", published="2025-03-10")
    found = incidents(result)
    assert [e.location.name for e in found] == ["Bannu", "Lakki Marwat"]
    assert len({e.id for e in found}) == 2
    # The toll is not divided by the text: it stays with the first incident, never counted twice.
    assert [e.total(Outcome.killed) for e in found] == [3, None]


def test_one_act_in_a_place_and_its_province_is_one_incident(nlp):
    found = incidents(extract_checked(nlp, "A bomb exploded in Bannu, Khyber Pakhtunkhwa, on Monday, killing "
                                           "three.", published="2025-03-10"))
    assert len(found) == 1


@pytest.mark.parametrize("text", [
    "Suppose the BLA blew up another passenger train in Bolan next week.",
    "An operation in Kech or Panjgur might kill a few dozen insurgents.",
    "Talks should begin before another hundred soldiers are martyred.",
    "The UN envoy warned that the RSF could launch a full assault on El Fasher within days.",
])
def test_hypotheticals_and_prescriptions_are_not_incidents(nlp, text):
    assert incidents(extract_checked(nlp, text, published="2025-03-10")) == []


def test_a_war_to_date_toll_is_a_statistic_running_to_the_publication_date(nlp):
    result = extract_checked(nlp, "Since 2009, the conflict has killed more than 35,000 people in the northeast. "
                                  "The insurgency, now in its 16th year, has killed more than 40,000 people.",
                             published="2025-03-10")
    assert incidents(result) == []
    periods = sorted((a.value, a.period.start, a.period.end) for a in result.aggregates)
    assert periods[0][0] == 35000 and periods[0][1].year == 2009 and periods[0][2].isoformat() == "2025-03-10"
    assert periods[1][0] == 40000


def test_arrests_told_after_a_strike_are_an_incident_of_their_own(nlp):
    result = extract_checked(nlp, "An Israeli drone struck a group of people in the Jenin camp on Wednesday, killing "
                                  "three. Israeli troops also arrested at least 12 people in the camp.",
                             published="2025-03-12")
    kinds = [e.type.value for e in incidents(result)]
    assert kinds == ["air_or_drone_strike", "arrest"]


def test_a_death_named_as_a_motive_is_no_toll(nlp):
    event = only_incident(nlp, "A suicide bomber struck a court in Kabul on Monday, killing ten people; the Taliban "
                               "called it revenge for the execution of six of its fighters.")
    assert event.total(Outcome.killed) in (10, 11)  # ten, and the bomber


def test_a_unit_name_is_neither_an_operation_nor_a_date(nlp):
    event = only_incident(nlp, "A grenade exploded at the Monday Market in Srinagar on Sunday, injuring 12 people.")
    assert event.time.start.isoformat() == "2025-03-09"
    result = extract_checked(nlp, "The State Special Operation Cell said it had filed its report.", published="2025-03-10")
    assert incidents(result) == []


def test_a_titled_victim_is_one_person_named_as_written_with_the_group_of_the_title(nlp):
    event = only_incident(nlp, "Gunmen shot dead Mayor Ricardo Salas in Ayacucho on Monday.")
    assert [(a.name, a.named) for a in victims(event)] == [("Mayor Ricardo Salas", True)]
    assert [(c.group.value, c.count) for c in event.casualties] == [("civilians", 1)]
    officer = only_incident(nlp, "Colonel Asif Iqbal, the district police chief, was killed by a roadside bomb in Quetta on "
                                 "Monday.")
    assert [c.count for c in officer.casualties] == [1]
    assert officer.casualties[0].group.value in {"security_forces", "police"}


def test_people_of_civilian_trades_are_civilians(nlp):
    event = only_incident(nlp, "A landmine killed two shepherds and a fisherman near Kharan on Monday.")
    assert event.total(Outcome.killed, "civilians") == 3


def test_members_of_a_named_group_are_told_by_the_group(nlp):
    event = only_incident(nlp, "Urban commandos of the FMLN attacked a National Guard post in San Miguel on Monday.")
    perpetrators = [(a.name, a.named) for a in event.actors if a.role == Role.perpetrator]
    assert perpetrators == [("Farabundo Marti National Liberation Front", True)]


def test_rejecting_a_figure_is_no_denial_of_the_act(nlp):
    result = extract_checked(nlp, "Militants stormed a paramilitary camp in Kalat on Wednesday, killing five soldiers. "
                                  "The BLA said it had killed more than 20. Officials rejected the figure as "
                                  "propaganda.", published="2025-05-29")
    [event] = incidents(result)
    denied = [a.name for a in event.actors if a.attribution.value == "denied"]
    assert denied == []
    denial = only_incident(nlp, "A bomb killed nine people at a rally in Khar on Sunday; the TTP denied any "
                                "involvement.")
    assert [a.attribution.value for a in denial.actors if a.name == "Tehrik-i-Taliban Pakistan"] == ["denied"]


def _perpetrators(nlp, text):
    [event] = incidents(extract_checked(nlp, text))
    return [(a.name, a.attribution.value) for a in event.actors if a.role.value == "perpetrator"]


@pytest.mark.model
def test_the_subject_of_a_verb_of_use_is_the_perpetrator(nlp):
    text = "Resistance fighters of the Arakan Army used drones to drop explosives on a jetty in Kyauktaw, killing two."
    assert _perpetrators(nlp, text) == [("Arakan Army", "stated")]


@pytest.mark.model
def test_those_who_blame_are_not_perpetrators(nlp):
    text = "A quadcopter dropped an explosive on a house in Mir Ali, killing two children. Villagers blamed militants."
    assert _perpetrators(nlp, text) == [("Militants", "suspected")]


@pytest.mark.model
def test_the_subject_of_a_clause_of_its_own_did_not_do_the_act(nlp):
    text = "Rebels detonated a landmine as an army truck passed along a road near Catubig, killing a soldier."
    assert [name for name, _ in _perpetrators(nlp, text)] == ["Rebels"]


@pytest.mark.model
def test_targets_named_the_way_wire_reports_name_them(nlp):
    for text, kind in (("A drone hit a nine-storey apartment building in Kharkiv on Monday, injuring 12 people.",
                        "residence"),
                       ("Rebel fighters attacked army positions near Bara on Tuesday, killing four soldiers.",
                        "military_post"),
                       ("Gunmen set fire to a mobile telecommunications mast in Dansadau on Monday night.", "telecom")):
        [event] = incidents(extract_checked(nlp, text))
        assert kind in {t.kind.value for t in event.targets}, text


@pytest.mark.model
def test_a_sniper_or_a_shooting_verb_is_no_weapon(nlp):
    for text in ("A boy was shot dead by a sniper in Taiz on Sunday.",
                 "Unidentified gunmen on a motorcycle shot dead a community leader outside her home in Tibu."):
        [event] = incidents(extract_checked(nlp, text))
        assert event.weapons == [], text


@pytest.mark.model
def test_a_speaker_telling_of_its_own_act_is_its_perpetrator(nlp):
    text = "The Arakan Army said it had overrun a junta outpost near Kyauktaw on Friday, killing nine soldiers."
    assert _perpetrators(nlp, text) == [("Arakan Army", "claimed")]


@pytest.mark.model
def test_suspected_members_arrested_are_not_perpetrators(nlp):
    text = "Police said they had detained three suspected ISKP members in Jalalabad on Thursday."
    assert "Islamic State Khorasan Province" not in {name for name, _ in _perpetrators(nlp, text)}


def test_an_attack_carried_out_is_not_a_weapon_carried(nlp):
    event = only_incident(nlp, "Air strikes were carried out by the air force on militant hideouts in Tirah on "
                               "Friday, killing 12 militants.")
    assert event.type.value == "air_or_drone_strike"


def test_the_vehicle_attackers_came_in_is_not_a_target(nlp):
    event = only_incident(nlp, "Two gunmen on a motorcycle shot dead a village headman in Pattani on Friday.")
    assert event.targets == []


def test_a_patrol_the_victims_were_on_is_not_a_target(nlp):
    event = only_incident(nlp, "A soldier was shot dead while on patrol near Chalatenango on Tuesday.")
    assert event.targets == []


def test_a_vehicle_that_is_the_bomb_is_not_a_target(nlp):
    event = only_incident(nlp, "A suicide bomber rammed an explosives-laden vehicle into the wall of an army camp "
                               "in Bannu on Monday, killing five soldiers.")
    assert "vehicle_or_convoy" not in {t.kind.value for t in event.targets}
    assert "military_post" in {t.kind.value for t in event.targets}


def test_the_place_broken_into_is_the_target(nlp):
    event = only_incident(nlp, "Gunmen burst into a private clinic in Culiacan on Sunday and shot dead a patient.")
    assert {t.kind.value for t in event.targets} == {"health_facility"}
