"""``newsevents extract --acled/--gtd/--ucdp`` and ``newsevents export`` through the runner: round trip, errors."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.codebooks import ACLED_COLUMNS, GTD_COLUMNS, UCDP_COLUMNS

pytestmark = pytest.mark.model

ARTICLE = ("Militants attacked a police checkpost in Tank district on Monday night, killing three policemen, "
           "police said. Separately, =HYPERLINK(\"x\") protesters blocked a road in Quetta on Tuesday.")


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def finished_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("run")
    article = folder / "in" / "tank.json"
    article.parent.mkdir()
    article.write_text(json.dumps({"id": "tank", "text": ARTICLE, "published": "2025-03-05"}), encoding="utf-8")
    out = folder / "out.jsonl"
    outcome = run("extract", str(article.parent), "-o", str(out), "--acled", str(folder / "acled.csv"),
                  "--gtd", str(folder / "gtd.csv"), "--ucdp", str(folder / "ucdp.csv"))
    assert outcome.exit_code == 0, outcome.output
    return folder


def test_extract_writes_the_three_exports_with_their_columns(finished_run):
    for name, columns in (("acled", ACLED_COLUMNS), ("gtd", GTD_COLUMNS), ("ucdp", UCDP_COLUMNS)):
        with open(finished_run / f"{name}.csv", encoding="utf-8") as handle:
            assert tuple(next(csv.reader(handle))) == columns
    acled = read_csv(finished_run / "acled.csv")
    attack = next(r for r in acled if r["event_type"] == "Battles")
    assert (attack["sub_event_type"], attack["inter1"], attack["inter2"], attack["interaction"]) == (
        "Armed clash", "3", "1", "13")
    assert attack["actor2"] == "Police Forces of Pakistan (2018-)"
    assert attack["fatalities"] == "3"
    assert attack["event_id_cnty"].startswith("PAK")


def test_export_of_a_finished_run_writes_the_same_tables(finished_run, tmp_path):
    outcome = run("export", str(finished_run / "out.jsonl"), "--acled", str(tmp_path / "a.csv"),
                  "--gtd", str(tmp_path / "g.csv"), "--ucdp", str(tmp_path / "u.csv"))
    assert outcome.exit_code == 0, outcome.output
    for name, short in (("acled", "a"), ("gtd", "g"), ("ucdp", "u")):
        assert (tmp_path / f"{short}.csv").read_bytes() == (finished_run / f"{name}.csv").read_bytes()


def test_cells_that_would_be_spreadsheet_formulas_are_guarded(finished_run):
    text = (finished_run / "acled.csv").read_text(encoding="utf-8")
    assert ",=HYPERLINK" not in text and '"=HYPERLINK' not in text


def test_bad_lines_give_numbered_errors_and_the_good_ones_are_exported(finished_run, tmp_path):
    bad = tmp_path / "results.jsonl"
    good = (finished_run / "out.jsonl").read_text(encoding="utf-8")
    bad.write_text("not json\n" + good + '{"article_id": 3}\n', encoding="utf-8")
    outcome = run("export", str(bad), "--acled", str(tmp_path / "a.csv"))
    assert outcome.exit_code == 3
    said = " ".join(outcome.output.split())  # the console wraps long lines
    assert "[E140]" in said and "line 1 is not" in said and "line 3 is not" in said
    assert read_csv(tmp_path / "a.csv") == read_csv(finished_run / "acled.csv")


def test_export_without_an_output_is_a_usage_error(finished_run):
    outcome = run("export", str(finished_run / "out.jsonl"))
    assert outcome.exit_code == 2
    assert "[E141]" in outcome.output


def test_export_over_its_own_input_is_refused_before_any_work(finished_run):
    results = finished_run / "out.jsonl"
    before = results.read_bytes()
    outcome = run("export", str(results), "--gtd", str(results))
    assert outcome.exit_code == 2
    assert "[E125]" in outcome.output
    assert results.read_bytes() == before


def test_an_empty_results_file_is_an_error(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    outcome = run("export", str(empty), "--ucdp", str(tmp_path / "u.csv"))
    assert outcome.exit_code == 2
    assert "[E142]" in outcome.output
    assert not (tmp_path / "u.csv").exists()


def test_extract_checks_the_export_outputs_before_loading_the_model(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    outcome = run("extract", str(article), "-o", str(tmp_path / "o.jsonl"), "--acled", str(tmp_path / "o.jsonl"))
    assert outcome.exit_code == 2
    assert "[E125]" in outcome.output
