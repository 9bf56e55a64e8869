"""Batch runs: order, parallel equality, long articles, failures inside the pipeline, the CLI's exit codes."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from conftest import evidence_in
from typer.testing import CliRunner

from models import Article, ArticleResult, Evidence
from pipeline import extract_batch
from pipeline.batch import run_batch
from pipeline.cli import app
from pipeline.engines.local import results
from pipeline.ingest import Failure
from pipeline.loading import load
from pipeline.split import split_text

PLACES = ["Bannu", "Peshawar", "Quetta", "Kunduz", "Mogadishu", "Maiduguri", "Lahore", "Kabul", "North Waziristan"]
ACTORS = ["Militants", "Gunmen", "The TTP", "Al-Shabaab fighters", "Unidentified attackers", "Boko Haram insurgents"]


def make_text(seed: int) -> str:
    r = random.Random(seed)
    place, actor = r.choice(PLACES), r.choice(ACTORS)
    killed, injured = r.randint(1, 20), r.randint(0, 30)
    return (
        f"{actor} attacked a police checkpoint in {place} on Thursday, killing {killed} policemen and injuring "
        f"{injured} others.\n\nOfficials said the attack began at dawn. A roadside bomb exploded near a market in "
        f"{r.choice(PLACES)}, and security forces arrested {r.randint(2, 9)} suspects.\n"
    )


def write_corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"article-{i:04d}.txt").write_text(make_text(i), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def nlp():
    return load()


@pytest.fixture(scope="session")
def articles() -> list[Article]:
    return [Article(id=f"a{i}", text=make_text(i), published="2025-01-10", source=f"a{i}.txt") for i in range(40)]


@pytest.mark.parametrize("limit", [50, 120, 400, 10_000])
def test_split_text_cuts_within_the_limit_and_loses_nothing(limit):
    text = "\n\n".join(make_text(i) for i in range(6)) + " " + "x" * 130
    parts = split_text(text, limit)
    assert "".join(part for _, part in parts) == text
    assert all(len(part) <= limit for _, part in parts)
    assert all(text[offset : offset + len(part)] == part for offset, part in parts)


def test_split_text_prefers_paragraph_breaks():
    text = "First paragraph here.\n\nSecond one is here.\n\nThird."
    assert [part for _, part in split_text(text, 24)] == ["First paragraph here.\n\n", "Second one is here.\n\n", "Third."]


@pytest.mark.model
def test_results_keep_input_order_and_pass_failures_through(nlp, articles):
    failure = Failure("bad.json", "ingest", "[E004] Malformed JSON in bad.json: x", "bad.json")
    items = [failure, *articles[:5], failure, *articles[5:8], failure]
    out = list(results(items, nlp, batch_size=2))
    assert [r.article_id for r in out] == ["bad.json", *[a.id for a in articles[:5]], "bad.json",
                                           *[a.id for a in articles[5:8]], "bad.json"]
    assert [r.error is not None for r in out].count(True) == 3


@pytest.mark.model
@pytest.mark.slow
def test_two_processes_give_the_same_records_in_the_same_order(nlp, articles):
    single = [r.model_dump_json() for r in results(articles, nlp, batch_size=8)]
    double = [r.model_dump_json() for r in extract_batch(articles, nlp=nlp, batch_size=8, n_process=2)]
    assert double == single
    assert sum(len(json.loads(line)["events"]) for line in single) > 0


@pytest.mark.model
def test_long_article_is_split_at_paragraphs_with_offsets_into_the_full_text(nlp):
    text = "\n\n".join(make_text(i) for i in range(8))
    article = Article(id="long", text=text, published="2025-01-10", source="long.txt")
    (result,) = results([article], nlp, part_chars=500)
    assert result.error is None
    assert any(w.startswith("[W003]") for w in result.warnings)
    assert result.events
    dumped = result.model_dump(mode="json")
    spans = list(evidence_in(dumped))
    assert spans
    for span in spans:
        Evidence.model_validate(span, context={"text": text})
        assert text[span["start"] : span["end"]] == span["text"]
    ArticleResult.model_validate_json(result.model_dump_json())
    assert len({e.id for e in result.events}) == len(result.events)
    assert max(e.trigger.sentence for e in result.events) >= 8  # sentence numbers continue across parts


@pytest.mark.model
def test_split_article_ids_match_the_events_of_an_unsplit_later_part(nlp):
    # An event of the second part gets the id it would have with offsets into the whole article.
    from pipeline.records import stable_id

    text = make_text(1) + "\n\n" + make_text(2)
    (result,) = results([Article(id="two", text=text, published="2025-01-10")], nlp, part_chars=len(text) - 5)
    for event in result.events:
        assert event.id == stable_id("two", "event", event.trigger.start, event.trigger.end)


def test_an_exception_inside_the_pipeline_fails_one_article_not_the_batch():
    from spacy.language import Language

    from pipeline.loading import _load

    @Language.component("test_boom_on_marker")
    def boom(doc):
        if "BOOM" in doc.text:
            raise RuntimeError("component crashed")
        return doc

    with pytest.warns(UserWarning):
        nlp = _load.__wrapped__("blank:en")
    nlp.add_pipe("test_boom_on_marker", first=True)
    items = [Article(id=f"b{i}", text=("BOOM here." if i == 3 else f"Text number {i}."), source=f"b{i}")
             for i in range(7)]
    out = list(results(items, nlp, batch_size=2))
    assert [r.article_id for r in out] == [f"b{i}" for i in range(7)]
    assert out[3].error is not None and out[3].error.stage == "nlp" and "component crashed" in out[3].error.message
    assert all(r.error is None for i, r in enumerate(out) if i != 3)


# --- the CLI -----------------------------------------------------------------------------------------------
runner = CliRunner()


@pytest.mark.model
def test_cli_writes_all_outputs_and_exits_0(tmp_path):
    corpus = write_corpus(tmp_path / "in", 6)
    out = tmp_path / "out.jsonl"
    res = runner.invoke(app, ["extract", str(corpus), "-o", str(out), "--csv", str(tmp_path / "e.csv"),
                              "--parquet", str(tmp_path / "e.parquet"), "--geojson", str(tmp_path / "e.geojson"),
                              "--errors", str(tmp_path / "errors.jsonl"), "--published", "2025-01-10"])
    assert res.exit_code == 0, res.output
    lines = out.read_text().splitlines()
    assert len(lines) == 6
    assert not (tmp_path / "out.jsonl.partial").exists()
    assert (tmp_path / "errors.jsonl").read_text() == ""
    for name in ("e.csv", "e.parquet", "e.geojson"):
        assert (tmp_path / name).stat().st_size > 0
    assert "articles" in res.output and "incidents" in res.output


@pytest.mark.model
def test_cli_exits_3_and_writes_an_error_line_when_an_input_fails(tmp_path):
    corpus = write_corpus(tmp_path / "in", 3)
    (corpus / "broken.jsonl").write_text('{"id": "x", "text": "fine"}\n{not json\n', encoding="utf-8")
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    res = runner.invoke(app, ["extract", str(corpus), "-o", str(out), "--errors", str(errors)])
    assert res.exit_code == 3, res.output
    assert len(out.read_text().splitlines()) == 5
    (line,) = [json.loads(line) for line in errors.read_text().splitlines()]
    assert line["stage"] == "ingest" and "broken.jsonl" in line["input"] and line["message"]


@pytest.mark.model
def test_max_errors_stops_cleanly_with_what_was_done_written(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    for i in range(12):
        name = f"{i:02d}-bad.json" if i % 3 == 0 else f"{i:02d}-good.txt"
        (corpus / name).write_text("{broken" if i % 3 == 0 else make_text(i), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = runner.invoke(app, ["extract", str(corpus), "-o", str(out), "--max-errors", "1", "--batch-size", "1"])
    assert res.exit_code == 3
    assert "E015" in res.output
    done = [ArticleResult.model_validate_json(line) for line in out.read_text().splitlines()]
    assert [r.error is not None for r in done].count(True) == 2  # stopped once more than 1 failed
    assert [r.article_id for r in done] == ["00-bad.json", "01-good.txt", "02-good.txt", "03-bad.json"]
    # --resume carries on from there and ends with every input exactly once
    res = runner.invoke(app, ["extract", str(corpus), "-o", str(out), "--resume"])
    assert res.exit_code == 3
    ids = [json.loads(line)["article_id"] for line in out.read_text().splitlines()]
    assert sorted(ids) == sorted(p.name for p in corpus.iterdir())


@pytest.mark.parametrize("args, hint", [
    (["--published", "10/01/2025"], "published"),
    (["--engine", "spark"], "engine"),
    (["--scheduler", "tcp://localhost:8786"], "scheduler"),
])
def test_cli_usage_errors_exit_2(tmp_path, args, hint):
    (tmp_path / "a.txt").write_text("Gunmen attacked a checkpoint.", encoding="utf-8")
    res = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "-o", str(tmp_path / "o.jsonl"), *args])
    assert res.exit_code == 2
    assert hint in res.output


def test_cli_missing_input_is_a_usage_error(tmp_path):
    res = runner.invoke(app, ["extract", str(tmp_path / "nope"), "-o", str(tmp_path / "o.jsonl")])
    assert res.exit_code == 2


@pytest.mark.model
def test_run_batch_is_deterministic_across_runs(tmp_path):
    corpus = write_corpus(tmp_path / "in", 5)
    run_batch([corpus], tmp_path / "one.jsonl", published=None)
    run_batch([corpus], tmp_path / "two.jsonl", published=None)
    assert (tmp_path / "one.jsonl").read_text() == (tmp_path / "two.jsonl").read_text()
