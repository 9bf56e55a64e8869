"""Rule data shipped in pipeline/*/data: every file loads through its rule model, strictly, with unique ids."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from pydantic import BaseModel, ValidationError

import pipeline
from models import CasualtyGroup, Outcome, TargetKind, WeaponKind
from pipeline.actors.registry import ActorEntry
from pipeline.assemble.words import AssemblyWords
from pipeline.casualties.component import CasualtyGroupRule, OutcomeCueRule
from pipeline.casualties.words import CasualtyWords
from pipeline.codebooks.acled_actors import ActorConvention, GovernmentPeriods
from pipeline.codebooks.countries import CountryName, Region
from pipeline.context.component import ContextRule
from pipeline.dates.component import DatePatternRule
from pipeline.dates.resolve import RelativePhrase
from pipeline.lexicon.component import LexiconRule
from pipeline.places.gazetteer import CountryAlias, PlaceEntry, place_rules
from pipeline.places.world import Admin1Table
from pipeline.rules import WordList, WordLists, read_jsonl, word_lists
from pipeline.triggers.component import TriggerRule

PACKAGE = Path(pipeline.__file__).parent
RULE_FILES: dict[str, type[BaseModel]] = {
    "actors/data/actors.jsonl": ActorEntry,
    "assemble/data/cue_words.jsonl": WordList,
    "casualties/data/cue_words.jsonl": WordList,
    "context/data/cue_words.jsonl": WordList,
    "casualties/data/casualty_groups.jsonl": CasualtyGroupRule,
    "casualties/data/outcome_cues.jsonl": OutcomeCueRule,
    "context/data/context_rules.jsonl": ContextRule,
    "dates/data/date_patterns.jsonl": DatePatternRule,
    "dates/data/relative_phrases.jsonl": RelativePhrase,
    "lexicon/data/targets.jsonl": LexiconRule,
    "lexicon/data/weapons.jsonl": LexiconRule,
    "places/data/country_aliases.jsonl": CountryAlias,
    "places/data/places_pk.jsonl": PlaceEntry,
    "places/data/places_af.jsonl": PlaceEntry,
    "places/data/places_in.jsonl": PlaceEntry,
    "places/data/places_admin1.jsonl": PlaceEntry,
    "places/data/places_admin2.jsonl": PlaceEntry,
    "places/data/places_towns.jsonl": PlaceEntry,
    "places/data/geonames_admin1.jsonl": Admin1Table,
    "triggers/data/triggers.jsonl": TriggerRule,
    "codebooks/data/acled_actors.jsonl": ActorConvention,
    "codebooks/data/acled_periods.jsonl": GovernmentPeriods,
    "codebooks/data/acled_regions.jsonl": Region,
    "codebooks/data/country_names.jsonl": CountryName,
    "codebooks/data/acled_cues.jsonl": WordList,
}
JSON_FILES = {"casualties/data/quantities.json", "places/data/place_rules.json"}


def load(relative: str):
    return read_jsonl(PACKAGE / relative, RULE_FILES[relative])


def test_every_shipped_data_file_has_a_rule_model_in_this_test():
    shipped = {str(p.relative_to(PACKAGE)) for p in PACKAGE.glob("*/data/*") if p.is_file()}
    assert shipped == set(RULE_FILES) | JSON_FILES, "a new rule file needs its rule model listed here"


@pytest.mark.parametrize("relative", sorted(RULE_FILES))
def test_rule_file_loads_through_its_rule_model(relative):
    rules = load(relative)
    assert rules, f"{relative} holds no rules"
    assert all(isinstance(r, RULE_FILES[relative]) for r in rules)


@pytest.mark.parametrize("relative", sorted(RULE_FILES))
def test_rule_ids_are_unique_within_a_file(relative):
    ids = [r.id for r in load(relative)]
    assert len(ids) == len(set(ids))


def test_place_ids_are_unique_across_the_gazetteer_files():
    ids = [r.id for name in RULE_FILES if "places_" in name for r in load(name)]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates


@pytest.mark.parametrize("relative", sorted(RULE_FILES))
def test_rule_file_rejects_unknown_keys(relative, tmp_path):
    first = json.loads(next(line for line in (PACKAGE / relative).read_text(encoding="utf-8").splitlines()
                            if line.strip() and not line.lstrip().startswith("//")))
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        RULE_FILES[relative].model_validate({**first, "unexpected_key": 1})
    bad = tmp_path / Path(relative).name
    bad.write_text(json.dumps(first) + "\n" + json.dumps({**first, "id": "other", "unexpected_key": 1}) + "\n",
                   encoding="utf-8")
    with pytest.raises(ValueError, match=rf"{bad.name} line 2"):
        read_jsonl(bad, RULE_FILES[relative])


@pytest.mark.parametrize(
    ("content", "line"),
    [
        ('{"id": "a", "category": "NEGATED", "phrases": ["no"]}\n{"id": "b", "category": \n', 2),
        ('{"id": "a", "category": "NEGATED", "phrases": ["no"]}\n\n// a comment\n'
         '{"id": "b", "category": "MAYBE", "phrases": []}\n', 4),
        ('{"id": "a", "category": "NEGATED", "phrases": ["no"]}\n{"id": "a", "category": "NEGATED", "phrases": ["not"]}\n', 2),
        ('{"category": "NEGATED", "phrases": ["no"]}\n', 1),
    ],
    ids=["malformed-json", "bad-enum-after-blank-and-comment", "duplicate-id", "missing-id"],
)
def test_read_jsonl_names_the_file_and_line_of_a_bad_rule(tmp_path, content, line):
    path = tmp_path / "my_rules.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=rf"\[E009\] Rule file my_rules\.jsonl line {line}:"):
        read_jsonl(path, ContextRule)


def test_lexicon_kinds_are_record_vocabulary():
    assert {r.kind for r in load("lexicon/data/weapons.jsonl")} <= {k.value for k in WeaponKind}
    assert {r.kind for r in load("lexicon/data/targets.jsonl")} <= {k.value for k in TargetKind}


def test_trigger_implied_weapons_are_record_vocabulary():
    weapons = {r.weapon for r in load("triggers/data/triggers.jsonl") if r.weapon}
    assert weapons <= {k.value for k in WeaponKind}


def test_casualty_rules_use_record_vocabulary():
    assert {r.group for r in load("casualties/data/casualty_groups.jsonl")} <= {g.value for g in CasualtyGroup}
    assert {r.outcome for r in load("casualties/data/outcome_cues.jsonl")} <= {o.value for o in Outcome}


def test_place_entries_have_a_known_kind_and_country_code():
    kinds = {"admin1", "admin2", "town", "historic_region", "country"}
    for name in (n for n in RULE_FILES if "places_" in n):
        for entry in load(name):
            assert entry.kind in kinds, f"{name}: {entry.id} kind {entry.kind!r}"
            assert entry.country and len(entry.country) == 2 and entry.country.isupper(), entry.id
            assert (entry.lat is None) == (entry.lon is None), f"{entry.id}: lat without lon"


def test_place_rules_json_has_its_three_sections():
    rules = place_rules()
    assert rules.place_nouns and rules.case_sensitive and rules.never_places
    assert set(rules.place_nouns.values()) <= {"town", "admin2", "admin1", "historic_region", "country"}


def test_quantities_json_has_qualifiers_that_are_record_vocabulary():
    from models import Qualifier
    from pipeline.casualties.numbers import QuantityTable

    table = QuantityTable.model_validate_json((PACKAGE / "casualties/data/quantities.json").read_text(encoding="utf-8"))
    assert set(table.qualifiers.values()) <= {q.value for q in Qualifier}
    assert table.number_words and table.ordinals


@pytest.mark.parametrize("model_path, file", [("pipeline.casualties.numbers:QuantityTable", "casualties/data/quantities.json"),
                                              ("pipeline.places.gazetteer:PlaceRules", "places/data/place_rules.json")])
def test_json_rule_files_reject_unknown_keys(model_path, file):
    import importlib

    module, name = model_path.split(":")
    model = getattr(importlib.import_module(module), name)
    data = json.loads((PACKAGE / file).read_text(encoding="utf-8"))
    model.model_validate(data)
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        model.model_validate({**data, "unexpected_key": 1})


@pytest.mark.parametrize("relative", ["triggers/data/triggers.jsonl", "dates/data/date_patterns.jsonl"])
def test_token_patterns_compile_in_a_spacy_matcher(relative):
    from spacy.matcher import Matcher

    matcher = Matcher(spacy.blank("en").vocab)
    for rule in load(relative):
        matcher.add(rule.id, [rule.pattern])
    assert len(matcher) == len(load(relative))


CUE_WORDS = {"assemble": AssemblyWords, "casualties": CasualtyWords}


@pytest.mark.parametrize("stage", sorted(CUE_WORDS))
def test_cue_word_files_give_every_list_their_stage_reads(stage):
    words = word_lists(f"pipeline.{stage}", "cue_words.jsonl", CUE_WORDS[stage])
    for name in CUE_WORDS[stage].model_fields:
        assert getattr(words, name), f"{stage}: list {name} is empty"
    assert all(rule.note for rule in load(f"{stage}/data/cue_words.jsonl")), "every list says why the stage needs it"


def test_a_cue_word_list_the_stage_does_not_read_is_an_error(tmp_path, monkeypatch):
    class Two(WordLists):
        first: frozenset[str]
        second: frozenset[str]

    import pipeline.rules as rules

    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setattr(rules, "data_path", lambda package, name: data / name)
    (data / "extra.jsonl").write_text('{"id": "first", "words": ["a"]}\n{"id": "second", "words": ["b"]}\n'
                                      '{"id": "third", "words": ["c"]}\n', encoding="utf-8")
    (data / "missing.jsonl").write_text('{"id": "first", "words": ["a"]}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="extra.jsonl"):
        word_lists("nowhere", "extra.jsonl", Two)
    with pytest.raises(ValueError, match="missing.jsonl"):
        word_lists("nowhere", "missing.jsonl", Two)
