"""The global actor registry: groups of every region found by their aliases, shared aliases decided by the
article's countries (or left generic), and acronyms that do not fire in text written all in capitals."""
from __future__ import annotations

from collections import Counter

import pytest
import spacy
from conftest import extract_checked

from models import ActorKind
from pipeline.actors.caps import shouted_tokens
from pipeline.actors.component import CANDIDATE_ATTRS
from pipeline.actors.registry import ActorEntry, actor_registry, check_references, form_key
from pipeline.actors.resolver import choose
from pipeline.loading import COMPONENTS

ACTORS = "newsevents_actors"


@pytest.fixture(scope="module")
def tagger():
    """The actor tagger alone on a blank English pipeline: alias matching needs no statistical model."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(ACTORS)
    return nlp


def tagged(nlp, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(s.text, s.kb_id_) for s in doc.spans[ACTORS]]


# --- the registry as data ---------------------------------------------------------------------------

def test_registry_ids_are_unique_and_the_registry_is_global():
    entries = list(actor_registry().values())
    assert len({e.id for e in entries}) == len(entries)
    countries = Counter(e.country for e in entries if e.country)
    assert len(entries) >= 400
    for code in ("SV", "PE", "CO", "MX", "NG", "ML", "SO", "CD", "SD", "YE", "IQ", "SY", "GB", "ES", "UA", "PH",
                 "MM", "TH", "ID", "LK", "BD"):
        assert countries[code] >= 2, code


def test_no_entry_lists_a_form_twice_and_every_kind_and_country_is_valid():
    pycountry = pytest.importorskip("pycountry")
    for entry in actor_registry().values():
        keys = [form_key(f) for f in (entry.name, *entry.aliases, *entry.local_aliases)]
        assert len(keys) == len(set(keys)), entry.id
        assert isinstance(entry.kind, ActorKind)
        for code in filter(None, (entry.country, *entry.operates_in)):
            assert pycountry.countries.get(alpha_2=code) is not None, (entry.id, code)


def test_named_state_forces_and_police_have_their_country():
    stateless = [e.id for e in actor_registry().values()
                 if e.kind in (ActorKind.state_forces, ActorKind.police) and not e.generic and e.country is None]
    assert stateless == []


def test_fallbacks_name_generic_entries():
    check_references(actor_registry().values())
    bad = [ActorEntry(id="x", name="X group", kind="militant_group", country="PE", fallback="nowhere")]
    with pytest.raises(ValueError, match="fallback"):
        check_references(bad)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"name": "Shining Path", "aliases": ["shining path"]}, "listed twice"),
        ({"name": "Shining Path", "aliases": ["Sendero"], "local_aliases": ["Sendero"]}, "listed twice"),
        ({"name": "Shining Path", "country": "Peru"}, "alpha-2"),
        ({"name": "Shining Path", "local_aliases": ["Sendero"], "country": None}, "local aliases"),
        ({"name": "Shining Path", "country": "PE", "operates_in": ["PE"]}, "operates_in"),
        ({"name": "Shining Path", "aliases": ["Sendero"], "caps_words": ["SENDERO"]}, "caps_words"),
    ],
    ids=["case-variant", "alias-and-local-alias", "country-name", "local-without-country", "operates-at-home",
         "caps-word-not-listed"],
)
def test_an_entry_that_leaves_its_forms_or_country_unclear_is_rejected(row, message):
    with pytest.raises(ValueError, match=message):
        ActorEntry.model_validate({"id": "sp", "kind": "militant_group", "country": "PE", **row})


# --- new groups by their aliases, one or more per region ------------------------------------------

@pytest.mark.parametrize(
    ("text", "mention", "entry"),
    [
        ("FMLN urban commandos attacked a power station outside the capital.", "FMLN urban commandos", "fmln"),
        ("Sendero Luminoso columns burned the municipal hall of the village.", "Sendero Luminoso", "shining_path"),
        ("The Manuel Rodriguez Patriotic Front claimed the bombing of the bank.",
         "Manuel Rodriguez Patriotic Front", "fpmr"),
        ("EPL guerrillas dynamited a bridge on the highway.", "EPL guerrillas", "epl"),
        ("Gunmen of the Clan del Golfo killed two soldiers.", "Clan del Golfo", "clan_del_golfo"),
        ("The Tupac Amaru Revolutionary Movement seized the embassy.", "Tupac Amaru Revolutionary Movement", "mrta"),
        ("Viv Ansanm gangs set fire to a police station.", "Viv Ansanm", "viv_ansanm"),
        ("Boko Haram fighters raided the town at dawn.", "Boko Haram", "boko_haram"),
        ("CODECO militiamen attacked a camp for displaced people.", "CODECO militiamen", "codeco"),
        ("The SPLA-IO said its forces had repulsed the assault.", "SPLA-IO", "spla_io"),
        ("Ambazonian separatists abducted two teachers.", "Ambazonian separatists", "ambazonia"),
        ("Kata'ib Hezbollah denied firing the rockets.", "Kata'ib Hezbollah", "kataib_hezbollah"),
        ("The Al-Aqsa Martyrs' Brigades claimed the shooting.", "Al-Aqsa Martyrs' Brigades", "al_aqsa_brigades"),
        ("Basque separatists of Euskadi Ta Askatasuna planted the car bomb.", "Euskadi Ta Askatasuna", "eta"),
        ("The New IRA said it planted the device under the car.", "New IRA", "new_ira"),
        ("The Ulster Volunteer Force was blamed for the shooting.", "Ulster Volunteer Force", "uvf"),
        ("BIFF gunmen ambushed an army truck.", "BIFF gunmen", "biff"),
        ("The TNLA seized the town after a week of fighting.", "TNLA", "tnla"),
        ("Barisan Revolusi Nasional insurgents planted the bomb.", "Barisan Revolusi Nasional", "brn"),
        ("Babbar Khalsa International operatives threw a grenade at the police post.",
         "Babbar Khalsa International", "bki"),
        ("The Liberation Tigers of Tamil Eelam attacked a navy base.", "Liberation Tigers of Tamil Eelam", "ltte"),
        ("KZF operatives were arrested with two pistols.", "KZF operatives", "kzf"),
    ],
    ids=["FMLN", "Sendero", "FPMR", "EPL", "Clan-del-Golfo", "MRTA", "Viv-Ansanm", "Boko-Haram", "CODECO",
         "SPLA-IO", "Ambazonia", "Kataib-Hezbollah", "Al-Aqsa", "ETA", "New-IRA", "UVF", "BIFF", "TNLA", "BRN",
         "BKI", "LTTE", "KZF"],
)
def test_groups_of_every_region_are_found_by_their_aliases(tagger, text, mention, entry):
    # "Boko Haram fighters" is one actor: the group noun after the name belongs to its mention.
    assert any(found.startswith(mention) and found_id == entry for found, found_id in tagged(tagger, text))


def test_a_shared_alias_is_left_open_with_its_candidates(tagger):
    doc = tagger("Maoist rebels ambushed a patrol.")
    [span] = [s for s in doc.spans[ACTORS] if s.text == "Maoist rebels"]
    candidates = doc.spans[ACTORS].attrs[CANDIDATE_ATTRS][f"{span.start}:{span.end}"]
    assert {"cpi_maoist", "shining_path", "npa_ph"} <= set(candidates["ids"])
    assert span.kb_id_ == candidates["fallback"] == "gen_rebels"


# --- the all-caps guard ----------------------------------------------------------------------------

def test_shouted_sentences_are_the_ones_written_in_capitals(tagger):
    doc = tagger.make_doc("GUNMEN KILL THREE IN BOGOTA. The ANA and ISAF met TTP leaders in Kabul.")
    doc = tagger.get_pipe("sentencizer")(doc)
    shouted = shouted_tokens(doc)
    assert {t.i for t in doc if t.text == "BOGOTA"} <= shouted
    assert not {t.i for t in doc if t.text in {"ANA", "ISAF", "TTP"}} & shouted


@pytest.mark.parametrize(
    "text",
    [
        "GUNMEN SHOT DEAD ANA MARIA LOPEZ AND HER DRIVER NEAR THE MARKET.",
        "POLICE SAID THE PLA CLAIM WAS FALSE AND THE SUSPECTS FLED.",
        "TROOPS SEIZED AGC DOCUMENTS AND WEAPONS IN A RAID ON THE FARM.",
    ],
    ids=["ANA", "PLA", "AGC"],
)
def test_acronyms_in_all_caps_text_are_not_evidence_of_their_group(tagger, text):
    assert not [kb for _, kb in tagged(tagger, text) if kb in {"ana", "pla_manipur", "pla_china", "clan_del_golfo"}]
    doc = tagger(text)
    assert not doc.spans[ACTORS].attrs[CANDIDATE_ATTRS]


def test_an_acronym_in_capitals_stands_when_the_article_names_its_group(tagger):
    spelled = "GULF CLAN (AGC) GUNMEN KILLED TWO SOLDIERS. LATER AGC FIGHTERS BURNED A TRUCK."
    # "AGC FIGHTERS" is one mention of the group (its group noun belongs to it).
    assert [kb for text, kb in tagged(tagger, spelled) if text.startswith("AGC")] == ["clan_del_golfo"] * 2
    mixed = "AGC GUNMEN KILLED TWO SOLDIERS IN ANTIOQUIA. The AGC has not commented on the attack."
    assert [kb for text, kb in tagged(tagger, mixed) if text.startswith("AGC")] == ["clan_del_golfo"] * 2


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("FMLN URBAN COMMANDOS ATTACKED A POWER STATION IN SAN SALVADOR.", "fmln"),
        ("THE MRTA RELEASED THE HOSTAGES ON FRIDAY NIGHT.", "mrta"),
        ("ELN GUERRILLAS DYNAMITED THE OIL PIPELINE NEAR ARAUCA.", "eln"),
        ("ANA SOLDIERS REPULSED AN ATTACK ON THEIR POST IN HELMAND.", "ana"),
    ],
    ids=["distinctive-FMLN", "distinctive-MRTA", "group-noun-ELN", "group-noun-ANA"],
)
def test_a_distinctive_acronym_or_one_before_a_group_noun_stands_in_capitals(tagger, text, entry):
    doc = tagger(text)
    group = doc.spans[ACTORS]
    found = {s.kb_id_ for s in group} | {i for c in group.attrs[CANDIDATE_ATTRS].values() for i in c["ids"]}
    assert entry in found


def test_an_acronym_that_is_also_a_word_needs_confirmation_in_capitals(tagger):
    assert "arena_sv" not in {kb for _, kb in tagged(tagger, "THE ARENA WAS FULL WHEN THE BOMB WENT OFF.")}
    assert ("ARENA", "arena_sv") in tagged(tagger, "ARENA deputies condemned the bombing in San Salvador.")


def test_acronyms_in_mixed_case_text_still_match(tagger):
    assert ("AGC", "clan_del_golfo") in tagged(tagger, "The AGC attacked a police post in Antioquia on Monday.")


# --- resolution by the article's countries (the resolver's rule, then the whole pipeline) ---------

ENTRIES = {
    "cpi_maoist": {"country": "IN", "operates_in": [], "generic": False, "kind": "militant_group"},
    "shining_path": {"country": "PE", "operates_in": [], "generic": False, "kind": "militant_group"},
    "inc": {"country": "IN", "operates_in": [], "generic": False, "kind": "political_party"},
    "islamic_state": {"country": None, "operates_in": [], "generic": False, "kind": "militant_group"},
}
MAOISTS = {"ids": ["cpi_maoist", "shining_path"], "local": [], "fallback": "gen_rebels"}


@pytest.mark.parametrize(
    ("mention", "votes", "chosen"),
    [
        (MAOISTS, {"PE": 4}, "shining_path"),
        (MAOISTS, {"IN": 2, "US": 1}, "cpi_maoist"),
        (MAOISTS, {"IN": 2, "PE": 2}, None),
        (MAOISTS, {}, None),
        (MAOISTS, {"NP": 2}, None),
        ({"ids": ["inc"], "local": ["inc"], "fallback": ""}, {"US": 4}, None),
        ({"ids": ["inc"], "local": ["inc"], "fallback": ""}, {}, None),
        ({"ids": ["inc"], "local": ["inc"], "fallback": ""}, {"IN": 2}, "inc"),
        ({"ids": ["cpi_maoist", "islamic_state"], "local": [], "fallback": ""}, {"SY": 2}, "islamic_state"),
    ],
    ids=["Peru", "India", "tie", "no-country", "neither", "local-abroad", "local-nowhere", "local-home",
         "transnational-left"],
)
def test_the_resolver_rule(mention, votes, chosen):
    assert choose(mention, ENTRIES, votes) == chosen


def test_the_resolver_runs_after_the_places():
    assert COMPONENTS.index("newsevents_actor_resolver") == COMPONENTS.index("newsevents_places") + 1
    meta = spacy.Language.get_factory_meta("newsevents_actor_resolver")
    assert meta.requires == ["doc.spans"] and meta.assigns == ["doc.spans"]


def pipeline_actors(nlp, text: str) -> dict[str, str]:
    doc = nlp(text)
    return {s.text: s.kb_id_ for s in doc.spans[ACTORS]}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "mention", "entry"),
    [
        ("Maoist rebels ambushed an army patrol near Huanta in Ayacucho, Peru, on Thursday.",
         "Maoist rebels", "shining_path"),
        ("Maoist rebels ambushed a police patrol in Bijapur district of Chhattisgarh on Thursday.",
         "Maoist rebels", "cpi_maoist"),
        ("Maoist rebels attacked an army detachment in Northern Samar in the Philippines on Friday.",
         "Maoist rebels", "npa_ph"),
        ("The National Liberation Army blew up an oil pipeline in Arauca, Colombia, on Sunday.",
         "National Liberation Army", "eln"),
        ("The National Liberation Army attacked a police post near Tetovo in North Macedonia.",
         "National Liberation Army", "nla_macedonia"),
        ("PNP officers arrested two suspects in Lima, Peru, on Monday.", "PNP", "peruvian_police"),
        ("PNP officers arrested two suspects in Cotabato City in the Philippines on Monday.", "PNP", "pnp_ph"),
        ("PLA cadres attacked an Assam Rifles post in Imphal, Manipur, on Monday.", "PLA", "pla_manipur"),
        ("Congress workers clashed with police in Lucknow on Monday. Congress leaders condemned the violence.",
         "Congress", "inc"),
    ],
    ids=["Maoists-Peru", "Maoists-India", "Maoists-Philippines", "NLA-Colombia", "NLA-Macedonia", "PNP-Peru",
         "PNP-Philippines", "PLA-Manipur", "Congress-India"],
)
def test_a_shared_alias_resolves_by_the_articles_country(nlp, text, mention, entry):
    assert pipeline_actors(nlp, text)[mention] == entry


@pytest.mark.model
def test_a_shared_alias_stays_generic_when_nothing_decides(nlp):
    found = pipeline_actors(nlp, "Maoist rebels ambushed a patrol on Thursday, killing two soldiers.")
    assert found["Maoist rebels"] == "gen_rebels"


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Congress approved new funding for the police in Washington on Monday.",
        "Congress passed the budget on Monday.",
        "ANA Montes was injured when gunmen fired on a bus in Bogota, Colombia.",
    ],
    ids=["Congress-US", "Congress-nowhere", "ANA-Colombia"],
)
def test_a_local_alias_outside_its_country_names_no_one(nlp, text):
    found = pipeline_actors(nlp, text)
    assert "inc" not in found.values() and "ana" not in found.values()


@pytest.mark.model
def test_a_group_of_another_country_than_the_whole_article_is_never_chosen(nlp):
    text = ("Maoist guerrillas attacked a police station in Ayacucho, Peru, on Tuesday. The Peruvian National "
            "Police said the Maoist column fled towards the VRAEM valley in Peru.")
    result = extract_checked(nlp, text)
    names = {m.name for m in result.mentions.actors}
    assert "Communist Party of India (Maoist)" not in names
    assert "Shining Path" in names


@pytest.mark.model
def test_the_resolved_group_is_the_perpetrator_end_to_end(nlp):
    text = "Maoist rebels ambushed an army patrol near Llochegua in Ayacucho, Peru, on Thursday, killing two soldiers."
    result = extract_checked(nlp, text)
    perpetrators = {a.name for e in result.events for a in e.actors_in("perpetrator")}
    assert "Shining Path" in perpetrators
    assert "Communist Party of India (Maoist)" not in perpetrators


@pytest.mark.model
def test_a_group_noun_next_to_a_named_group_is_that_group(nlp):
    assert tagged(nlp, "Suspected Boko Haram militants abducted 12 women.")[0] == ("Boko Haram militants", "boko_haram")
    # A describing adjective before the name belongs to it too (the parser tells it is an adjective).
    text = "A drone strike by the paramilitary Rapid Support Forces hit the hospital."
    assert tagged(nlp, text)[0] == ("paramilitary Rapid Support Forces", "rsf")
