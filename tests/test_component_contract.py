"""spaCy's component contract: factories registered at import and by entry point, declared attributes,
rule data read from each component's own config, and pipelines that save and load."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import extract_events, load
from pipeline.loading import COMPONENTS

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "articles"


def test_importing_pipeline_registers_every_factory_with_its_attributes():
    code = ("import pipeline\nfrom spacy.language import Language\n"
            f"names = {list(COMPONENTS) + ['newsevents_paragraphs']!r}\n"
            "print([(n, Language.has_factory(n), bool(Language.get_factory_meta(n).assigns)) for n in names])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert all(registered and assigns for _, registered, assigns in eval(out))


@pytest.mark.model
def test_every_stage_gets_what_it_requires(nlp):
    problems = nlp.analyze_pipes(pretty=False)["problems"]
    assert not any(problems.values()), problems


@pytest.mark.model
@pytest.mark.slow
def test_a_saved_pipeline_loads_in_a_fresh_process_and_gives_the_same_records(nlp, tmp_path):
    nlp.to_disk(tmp_path / "saved")
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))}
    (tmp_path / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
    # The fresh process imports nothing of ours before spacy.load: the entry points must find the factories.
    code = f"""
import json, sys, spacy
nlp = spacy.load({str(tmp_path / 'saved')!r})
assert "pipeline" in sys.modules  # imported by spaCy itself, through the spacy_factories entry points
from pipeline import extract_events
texts = json.load(open({str(tmp_path / 'texts.json')!r}))
for name, text in texts.items():
    print(extract_events(text, published="2025-01-10", nlp=nlp, article_id=name).model_dump_json())
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    loaded = out.stdout.splitlines()
    here = [extract_events(text, published="2025-01-10", nlp=nlp, article_id=name).model_dump_json()
            for name, text in texts.items()]
    assert len(loaded) == len(texts) > 20
    assert loaded == here


def _write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.model
def test_a_users_own_actor_registry_names_its_group_as_perpetrator_end_to_end(tmp_path):
    registry = _write_jsonl(tmp_path / "actors.jsonl", [
        {"id": "red_lotus", "name": "Red Lotus Brigade", "aliases": ["RLB"], "kind": "militant_group",
         "country": "PK"},
    ])
    own = load(config={"newsevents_actors": {"rules": str(registry)}})
    result = extract_events("The Red Lotus Brigade attacked a police checkpoint in Bannu on Monday, killing two "
                            "policemen.", published="2025-01-10", nlp=own)
    assert result.error is None
    (event,) = [e for e in result.events if e.modality.is_incident]
    assert [(a.name, a.role.value) for a in event.actors if a.role.value == "perpetrator"] == [
        ("Red Lotus Brigade", "perpetrator")]
    assert result.mentions.actors[0].name == "Red Lotus Brigade"


@pytest.mark.model
def test_a_users_own_places_file_places_the_incident(tmp_path):
    places = _write_jsonl(tmp_path / "places.jsonl", [
        {"id": "qila-fateh-bagh", "name": "Qila Fateh Bagh", "kind": "town", "country": "PK", "admin1": "Punjab",
         "admin2": "Okara", "lat": 30.8, "lon": 73.4},
    ])
    own = load(config={"newsevents_places": {"places": [str(places)]}})
    result = extract_events("Gunmen attacked a police post in Qila Fateh Bagh on Monday.", published="2025-01-10",
                            nlp=own)
    (event,) = result.events
    assert (event.location.name, event.location.admin1, event.location.admin2) == ("Qila Fateh Bagh", "Punjab", "Okara")


@pytest.mark.model
def test_a_date_rule_added_as_data_is_matched(tmp_path):
    from pipeline.dates.component import shipped_date_rules

    rules = [r.model_dump(exclude_defaults=True) for r in shipped_date_rules()]
    rules.append({"id": "last-fortnight", "kind": "period", "precision": "week", "period": True,
                  "pattern": [{"LOWER": "last"}, {"LOWER": "fortnight"}]})
    own = load(config={"newsevents_dates": {"rules": str(_write_jsonl(tmp_path / "dates.jsonl", rules))}})
    doc = own("Two soldiers were killed in Bannu last fortnight.")
    assert [s.kb_id_ for s in doc.spans["newsevents_dates"]] == ["last-fortnight"]


def test_configuring_a_component_the_pipeline_lacks_is_an_error():
    with pytest.raises(ValueError, match=r"\[E127\]"):
        load("blank:en", config={"newsevents_nothing": {}})
