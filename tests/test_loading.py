"""Choosing and loading the spaCy pipeline: which model, what happens without one, what an unknown name says."""
from __future__ import annotations

import warnings

import pytest

from pipeline import extract_events, load, resolve_model
from pipeline.loading import BLANK, COMPONENTS, DEFAULT_MODEL, ENV_MODEL, _load


def test_model_argument_wins_over_the_environment(monkeypatch):
    monkeypatch.setenv(ENV_MODEL, "en_core_web_md")
    assert resolve_model("en_core_web_trf") == "en_core_web_trf"


def test_environment_variable_is_used_when_no_argument_is_given(monkeypatch):
    monkeypatch.setenv(ENV_MODEL, "my_team_pipeline")
    assert resolve_model() == "my_team_pipeline"
    assert resolve_model(None) == "my_team_pipeline"


def test_empty_environment_variable_is_ignored(monkeypatch):
    monkeypatch.setenv(ENV_MODEL, "")
    assert resolve_model() == DEFAULT_MODEL


@pytest.mark.model
def test_installed_english_model_is_the_default(monkeypatch):
    monkeypatch.delenv(ENV_MODEL, raising=False)
    assert resolve_model() == DEFAULT_MODEL


def test_blank_is_used_only_when_no_english_model_is_installed(monkeypatch):
    monkeypatch.delenv(ENV_MODEL, raising=False)
    monkeypatch.setattr("importlib.util.find_spec", lambda name, *a, **k: None)
    assert resolve_model() == BLANK


@pytest.mark.model
def test_default_pipeline_has_every_rule_component_after_the_statistical_ones(nlp):
    names = nlp.pipe_names
    assert [n for n in names if n in COMPONENTS] == list(COMPONENTS)
    assert names.index("ner") < names.index("newsevents_actors")
    # Line breaks end sentences, so this one stage runs before the parser.
    assert names.index("newsevents_paragraphs") < names.index("parser")
    assert nlp.meta["newsevents_model"] == DEFAULT_MODEL


def test_the_model_is_loaded_once_per_process(nlp):
    assert load() is load()


def test_blank_pipeline_warns_once_and_still_runs_the_rules():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        blank = _load.__wrapped__(BLANK)  # bypass the per-process cache so the warning is observable
        text = "TTP militants attacked a police checkpoint in Bannu district on Monday."
        first = extract_events(text, published="2025-01-10", nlp=blank)
        second = extract_events(text, published="2025-01-10", nlp=blank)
    w001 = [w for w in caught if "[W001]" in str(w.message)]
    assert len(w001) == 1, [str(w.message) for w in caught]
    assert "Quality is reduced" in str(w001[0].message)
    assert first == second
    assert first.error is None
    assert "Tehrik-i-Taliban Pakistan" in {a.name for a in first.mentions.actors}
    assert "Bannu" in {p.name for p in first.mentions.places}
    assert [e.type.value for e in first.events] == ["armed_assault"]


def test_unknown_model_name_raises_oserror_naming_it():
    with pytest.raises(OSError, match=r"\[E010\].*'no_such_pipeline_xyz'"):
        load("no_such_pipeline_xyz")


def test_lemmas_are_served_on_demand_from_the_models_lemmatizer(nlp):
    from pipeline.lemmas import lemma

    # The lemmatizer is not run over every token; the rules ask it for the words they test.
    assert "lemmatizer" in nlp.disabled or not nlp.has_pipe("lemmatizer")
    doc = nlp("Police returned fire and carried out raids on the insurgencies.")
    assert [lemma(t) for t in doc][:6] == ["police", "return", "fire", "and", "carry", "out"]
    assert lemma(doc[-2]) == "insurgency"
