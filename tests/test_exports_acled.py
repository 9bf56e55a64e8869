"""ACLED export: each derivation rule of the codebook, each code, actor names by ACLED's conventions."""
from __future__ import annotations

import datetime as dt

import pytest
from conftest import extract_checked, incidents

from models import (
    Actor,
    ArticleResult,
    Casualty,
    ErrorInfo,
    Event,
    EventTime,
    EventType,
    Evidence,
    Location,
    Modality,
    Target,
    Weapon,
)
from pipeline.codebooks import ACLED_COLUMNS, acled_row, acled_rows, acled_type
from pipeline.codebooks.acled_actors import ActorConvention, GovernmentPeriods, interaction, period
from pipeline.codebooks.acled_rows import GEO_PRECISION, TIME_PRECISION
from pipeline.codebooks.countries import CountryName, Region
from pipeline.rules import WordList, data_path, read_jsonl
from pipeline.writers.table import event_rows


def event(kind: EventType, text: str = "It happened.", *, actors=(), casualties=(), weapons=(), targets=(),
          country: str | None = "PK", when: dt.date | None = dt.date(2025, 3, 4), precision: str = "town",
          status: str = "occurred") -> Event:
    said = "Bannu district" if precision == "admin2" else "Bannu"
    location = Location(text=said, name="Bannu", country=country, admin1="Khyber Pakhtunkhwa", admin2="Bannu",
                        precision=precision) if country else None
    time = EventTime(start=when, end=when, precision="day") if when else EventTime()
    return Event(id="ev-1", article_id="art", type=kind, trigger=Evidence(start=0, end=2, text=text[:2], sentence=0),
                 actors=list(actors), casualties=list(casualties), weapons=list(weapons), targets=list(targets),
                 location=location, time=time, modality=Modality(status=status),
                 excerpt=Evidence(start=0, end=len(text), text=text, sentence=0))


def actor(name: str, kind: str, role: str, country: str | None = "PK") -> Actor:
    return Actor(text=name, name=name, kind=kind, role=role, country=country)


def killed(group: str, count: int | None = 1, **more) -> Casualty:
    return Casualty(outcome="killed", group=group, count=count, **more)


GUNMEN = actor("Unidentified gunmen", "unidentified_armed_group", "perpetrator")
TTP = actor("Tehrik-i-Taliban Pakistan", "militant_group", "perpetrator")
ARMY = actor("Security forces", "state_forces", "perpetrator")
POLICE_HIT = actor("Police", "police", "victim")
CIVILIANS_HIT = actor("Civilians", "civilians", "victim")


def sub(e: Event) -> tuple[str, str]:
    kind = acled_type(e)
    return kind.event_type, kind.sub_event_type


# --- Battles and violence against civilians: who fought whom -----------------------------------------------------

def test_an_armed_groups_attack_on_a_checkpost_is_a_battle_not_violence_against_civilians():
    e = event(EventType.armed_assault, actors=[GUNMEN], targets=[Target(kind="checkpoint", text="checkpost")])
    assert sub(e) == ("Battles", "Armed clash")


def test_an_attack_that_kills_soldiers_is_a_battle():
    e = event(EventType.armed_assault, actors=[GUNMEN], casualties=[killed("security_forces", 4)])
    assert sub(e) == ("Battles", "Armed clash")


def test_gunmen_shooting_unarmed_villagers_is_violence_against_civilians():
    e = event(EventType.armed_assault, actors=[GUNMEN, CIVILIANS_HIT], casualties=[killed("civilians", 3)])
    assert sub(e) == ("Violence against civilians", "Attack")
    assert acled_row(ArticleResult(article_id="art", events=[e]), e)["civilian_targeting"] == "Civilian targeting"


def test_a_security_operation_against_a_named_group_is_a_battle():
    e = event(EventType.security_operation, actors=[ARMY, actor("Tehrik-i-Taliban Pakistan", "militant_group",
                                                                 "target")], casualties=[killed("militants", 6)])
    assert sub(e) == ("Battles", "Armed clash")


def test_retaking_an_area_is_government_regains_territory():
    e = event(EventType.armed_clash, "Troops recaptured the town from the militants after heavy fighting.",
              actors=[ARMY, actor("Militants", "militant_group", "target")])
    assert sub(e) == ("Battles", "Government regains territory")


def test_a_post_overran_by_an_armed_group_is_non_state_actor_overtakes_territory():
    e = event(EventType.armed_assault, "Militants overran the post and captured it.",
              actors=[TTP], targets=[Target(kind="military_post", text="post")])
    assert sub(e) == ("Battles", "Non-state actor overtakes territory")


def test_abductions_and_sexual_violence_are_violence_against_civilians():
    assert sub(event(EventType.kidnapping, actors=[GUNMEN])) == ("Violence against civilians",
                                                                 "Abduction/forced disappearance")
    assert sub(event(EventType.sexual_violence, actors=[GUNMEN])) == ("Violence against civilians", "Sexual violence")


# --- Explosions and remote violence: by method ----------------------------------------------------------------------

@pytest.mark.parametrize(("kind", "weapons", "expected"), [
    (EventType.bombing, [], "Remote explosive/landmine/IED"),
    (EventType.bombing, ["explosive"], "Remote explosive/landmine/IED"),
    (EventType.bombing, ["grenade"], "Grenade"),
    (EventType.bombing, ["vehicle_bomb", "mortar"], "Remote explosive/landmine/IED"),
    (EventType.remote_explosive, ["ied"], "Remote explosive/landmine/IED"),
    (EventType.suicide_bombing, ["suicide_vest"], "Suicide bomb"),
    (EventType.bombing, ["suicide_vest"], "Suicide bomb"),
    (EventType.shelling, ["mortar"], "Shelling/artillery/missile attack"),
    (EventType.bombing, ["rocket"], "Shelling/artillery/missile attack"),
    (EventType.air_or_drone_strike, [], "Air/drone strike"),
    (EventType.bombing, ["drone"], "Air/drone strike"),
    (EventType.bombing, ["chemical"], "Chemical weapon"),
])
def test_explosions_are_coded_by_method_and_a_grenade_only_when_one_is_named(kind, weapons, expected):
    e = event(kind, weapons=[Weapon(kind=w, text=w) for w in weapons])
    assert sub(e) == ("Explosions/Remote violence", expected)


def test_bombs_dropped_by_a_jet_are_an_air_strike():
    e = event(EventType.bombing, "The jet dropped two bombs on the village.")
    assert sub(e) == ("Explosions/Remote violence", "Air/drone strike")


def test_a_defused_bomb_is_disrupted_weapons_use():
    e = event(EventType.bombing, "The bomb disposal squad defused a bomb planted near the school.")
    assert acled_type(e) == ("Strategic developments", "Strategic developments", "Disrupted weapons use")


def test_weapons_seized_by_police_are_never_an_abduction():
    e = event(EventType.kidnapping, "Two suicide vests and a Kalashnikov were seized from their possession.",
              actors=[actor("Police", "police", "perpetrator")])
    assert sub(e) == ("Strategic developments", "Disrupted weapons use")
    assert sub(event(EventType.weapons_seizure)) == ("Strategic developments", "Disrupted weapons use")


# --- Protests and riots -----------------------------------------------------------------------------------------------

def test_a_protest_nobody_stopped_is_peaceful_with_protesters_alone():
    e = event(EventType.protest, "Traders staged a sit-in outside the press club.")
    assert acled_type(e) == ("Demonstrations", "Protests", "Peaceful protest")
    row = acled_row(ArticleResult(article_id="art", events=[e]), e)
    assert (row["actor1"], row["inter1"], row["actor2"], row["interaction"]) == ("Protesters (Pakistan)", 6, None,
                                                                                 "60")


def test_a_protest_the_police_broke_up_is_a_protest_with_intervention():
    e = event(EventType.protest, "Police used tear gas and batons to disperse the protesters.",
              actors=[actor("Police", "police", "responder")])
    assert sub(e) == ("Protests", "Protest with intervention")
    row = acled_row(ArticleResult(article_id="art", events=[e]), e)
    assert (row["actor2"], row["interaction"]) == ("Police Forces of Pakistan (2018-)", "16")


def test_protesters_shot_dead_by_the_police_is_excessive_force_with_the_police_as_actor1():
    e = event(EventType.protest, "Police opened fire on the protesters, killing two.",
              actors=[actor("Police", "police", "perpetrator"), actor("Protesters", "protesters", "victim")],
              casualties=[killed("civilians", 2)])
    kind = acled_type(e)
    assert (kind.disorder_type, kind.sub_event_type) == ("Political violence; Demonstrations",
                                                         "Excessive force against protesters")
    row = acled_row(ArticleResult(article_id="art", events=[e]), e)
    assert (row["actor1"], row["actor2"], row["interaction"]) == ("Police Forces of Pakistan (2018-)",
                                                                  "Protesters (Pakistan)", "16")


def test_a_demonstration_that_turns_violent_is_a_violent_demonstration():
    e = event(EventType.riot, "Protesters pelted the police with stones.")
    e = e.model_copy(update={"rules": ["protest", "riot"]})
    assert acled_type(e) == ("Demonstrations", "Riots", "Violent demonstration")


def test_a_mob_lynching_outside_any_demonstration_is_mob_violence():
    e = event(EventType.riot, "A mob lynched a man accused of blasphemy.")
    assert acled_type(e) == ("Political violence", "Riots", "Mob violence")
    row = acled_row(ArticleResult(article_id="art", events=[e]), e)
    assert (row["actor1"], row["inter1"]) == ("Rioters (Pakistan)", 5)


# --- Strategic developments ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("kind", "casualties", "expected"), [
    (EventType.arrest, [], "Arrests"),
    (EventType.arson_or_facility_attack, [], "Looting/property destruction"),
    (EventType.other, [], "Other"),
])
def test_strategic_developments(kind, casualties, expected):
    assert acled_type(event(kind, casualties=casualties)) == ("Strategic developments", "Strategic developments",
                                                              expected)


def test_an_arrest_is_made_by_the_police_when_the_text_names_no_one():
    e = event(EventType.arrest)
    row = acled_row(ArticleResult(article_id="art", events=[e]), e)
    assert (row["actor1"], row["inter1"], row["interaction"]) == ("Police Forces of Pakistan (2018-)", 1, "10")


# --- Actors, codes and the columns -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("kind", "name", "country", "expected", "inter"), [
    ("state_forces", "Pakistan Army", "PK", "Military Forces of Pakistan (2018-)", 1),
    ("police", "Police", "IN", "Police Forces of India (2014-)", 1),
    ("unidentified_armed_group", "Unidentified gunmen", "PK", "Unidentified Armed Group (Pakistan)", 3),
    ("militant_group", "Militants", "PK", "Unidentified Armed Group (Pakistan)", 3),
    ("militant_group", "Tehrik-i-Taliban Pakistan", "PK", "Tehrik-i-Taliban Pakistan", 2),
    ("protesters", "Protesters", "IN", "Protesters (India)", 6),
    ("rioters", "Rioters", "IN", "Rioters (India)", 5),
    ("civilians", "Civilians", "AF", "Civilians (Afghanistan)", 7),
    ("foreign_state", "Foreign forces", "US", "Military Forces of United States (2025-)", 8),
])
def test_actor_names_and_inter_codes_follow_acled(kind, name, country, expected, inter):
    role = "victim" if kind in ("civilians",) else "perpetrator"
    acting = [actor(name, kind, role, country)] + ([GUNMEN] if role == "victim" else [])
    e = event(EventType.armed_assault if kind != "protesters" else EventType.protest, actors=acting,
              country=country if kind != "foreign_state" else "AF")
    row = acled_row(ArticleResult(article_id="art", events=[e]), e)
    names = {row["actor1"]: row["inter1"], row["actor2"]: row["inter2"]}
    assert names.get(expected) == inter


def test_state_forces_are_named_by_the_government_period_the_event_falls_in():
    assert period("PK", dt.date(2015, 6, 1)) == " (2013-2018)"
    assert period("PK", dt.date(2025, 6, 1)) == " (2018-)"
    assert period("PK", None) == " (2018-)"
    assert period("ZZ", dt.date(2025, 6, 1)) == ""


@pytest.mark.parametrize(("inter1", "inter2", "expected"), [(1, 2, "12"), (2, 1, "12"), (3, 7, "37"), (7, 3, "37"),
                                                            (6, 0, "60"), (1, 1, "11"), (0, 5, "50")])
def test_interaction_joins_the_two_codes_lower_first(inter1, inter2, expected):
    assert interaction(inter1, inter2) == expected


def test_the_named_group_is_actor1_and_no_unidentified_group_stands_beside_it():
    e = event(EventType.bombing, actors=[GUNMEN, TTP, CIVILIANS_HIT], casualties=[killed("civilians", 5)])
    row = acled_row(ArticleResult(article_id="art", events=[e]), e)
    assert (row["actor1"], row["assoc_actor_1"], row["actor2"]) == ("Tehrik-i-Taliban Pakistan", None,
                                                                     "Civilians (Pakistan)")
    assert row["interaction"] == "27"


def test_the_other_side_comes_from_the_casualties_when_the_text_names_no_one():
    e = event(EventType.armed_assault, actors=[GUNMEN], casualties=[killed("police", 2)])
    row = acled_row(ArticleResult(article_id="art", events=[e]), e)
    assert (row["actor2"], row["interaction"]) == ("Police Forces of Pakistan (2018-)", "13")


@pytest.mark.parametrize(("precision", "code"), [("day", 1), ("week", 2), ("month", 3), ("year", 3), ("unknown", 3)])
def test_time_precision_codes(precision, code):
    assert TIME_PRECISION[precision] == code  # type: ignore[index]


@pytest.mark.parametrize(("precision", "code"), [("point", 1), ("town", 1), ("admin2", 2), ("admin1", 3),
                                                 ("country", 3)])
def test_geo_precision_codes(precision, code):
    e = event(EventType.bombing, precision=precision)
    assert acled_row(ArticleResult(article_id="art", events=[e]), e)["geo_precision"] == code
    assert GEO_PRECISION[precision] == code  # type: ignore[index]


def test_a_district_named_bare_is_its_town_of_that_name():
    e = event(EventType.bombing, precision="admin2").model_copy(deep=True)
    bare = e.model_copy(update={"location": e.location.model_copy(update={"text": "Bannu"})})
    assert acled_row(ArticleResult(article_id="art", events=[bare]), bare)["geo_precision"] == 1


def test_fatalities_are_conservative_and_zero_when_none_is_reported():
    e = event(EventType.bombing, casualties=[killed("civilians", None, low=10, qualifier="at_least"),
                                             killed("police", 2), Casualty(outcome="injured", count=7)])
    result = ArticleResult(article_id="art", events=[e])
    assert acled_row(result, e)["fatalities"] == 12
    none = event(EventType.bombing)
    assert acled_row(ArticleResult(article_id="art", events=[none]), none)["fatalities"] == 0


def test_a_row_has_acleds_columns_in_order_its_country_codes_and_our_ids():
    e = event(EventType.bombing)
    row = acled_rows([ArticleResult(article_id="art", source="in/a.txt", events=[e])])[0]
    assert tuple(row) == ACLED_COLUMNS
    assert (row["event_id_cnty"], row["iso"], row["country"], row["region"]) == ("PAK1", 586, "Pakistan",
                                                                                 "Southern Asia")
    assert (row["event_date"], row["year"], row["time_precision"]) == (dt.date(2025, 3, 4), 2025, 1)
    assert (row["article_id"], row["event_id"], row["source"]) == ("art", "ev-1", "in/a.txt")


def test_only_incidents_of_articles_that_did_not_fail_are_rows():
    negated = event(EventType.bombing).model_copy(update={"modality": Modality(polarity="negated")})
    failed = ArticleResult(article_id="bad", error=ErrorInfo(input="bad.txt", stage="ingest", message="empty"))
    assert acled_rows([failed, ArticleResult(article_id="art", events=[negated])]) == []


def test_the_csv_table_uses_the_same_derivation():
    e = event(EventType.armed_assault, actors=[GUNMEN], targets=[Target(kind="checkpoint", text="checkpost")])
    row = next(event_rows([ArticleResult(article_id="art", events=[e])]))
    assert (row["event_type"], row["sub_event_type"]) == ("Battles", "Armed clash")


@pytest.mark.parametrize(("name", "model"), [("acled_actors.jsonl", ActorConvention),
                                             ("acled_periods.jsonl", GovernmentPeriods),
                                             ("acled_regions.jsonl", Region), ("country_names.jsonl", CountryName),
                                             ("acled_cues.jsonl", WordList)])
def test_codebook_data_files_load_strictly(name, model):
    assert read_jsonl(data_path("pipeline.codebooks", name), model)


# --- On text the project writes --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Militants attacked a police checkpost in Tank on Monday night, killing two constables.",
     ("Battles", "Armed clash")),
    ("Gunmen opened fire on a wedding party in a village near Bannu on Sunday, killing five guests.",
     ("Violence against civilians", "Attack")),
    ("A bomb planted on a motorcycle exploded in a bazaar in Quetta on Friday, wounding six shoppers.",
     ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ("Attackers lobbed a hand grenade into a tea stall in Srinagar on Tuesday, injuring three people.",
     ("Explosions/Remote violence", "Grenade")),
    ("Police seized weapons and explosives from a compound in Peshawar on Wednesday.",
     ("Strategic developments", "Disrupted weapons use")),
    ("Police baton-charged and dispersed hundreds of teachers protesting outside the assembly in Lahore on Monday.",
     ("Protests", "Protest with intervention")),
])
def test_rules_on_extracted_sentences(nlp, text, expected):
    found = incidents(extract_checked(nlp, text))
    assert found, text
    assert sub(found[0]) == expected


def test_militants_killed_in_an_air_strike_were_hit_by_the_state():
    e = event(EventType.air_or_drone_strike, actors=[TTP], casualties=[killed("militants", 4)])
    row = acled_row(ArticleResult(article_id="art", events=[e]), e)
    assert (row["actor1"], row["actor2"], row["interaction"]) == ("Military Forces of Pakistan (2018-)",
                                                                  "Tehrik-i-Taliban Pakistan", "12")


def test_attackers_who_lost_men_fought_the_state():
    e = event(EventType.armed_assault, actors=[GUNMEN], casualties=[killed("militants", 7)])
    row = acled_row(ArticleResult(article_id="art", events=[e]), e)
    assert (row["event_type"], row["interaction"]) == ("Battles", "13")
