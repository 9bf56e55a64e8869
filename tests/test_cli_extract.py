"""The ``newsevents`` command through its runner: outputs, exit codes, and errors that name the input."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

pytestmark = pytest.mark.model

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "articles"
REPORT = ("Three policemen were martyred and two others injured when unidentified gunmen opened fire on a police van "
          "in Lakki Marwat district on Tuesday, police said.")


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def read_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_extract_writes_one_line_per_article_of_the_corpus(tmp_path):
    out = tmp_path / "OUT.jsonl"
    outcome = run("extract", str(CORPUS), "-o", str(out))
    assert outcome.exit_code == 0, outcome.output
    lines = read_lines(out)
    articles = sorted(p for p in CORPUS.glob("*.txt"))
    assert len(lines) == len(articles)
    assert all(line["error"] is None for line in lines)
    brief = next(line for line in lines if line["article_id"].startswith("brief-op-ed"))
    assert any(a["metric"] == "attacks" and a["value"] == 444 for a in brief["aggregates"])


def test_one_bad_file_does_not_stop_the_batch_and_its_error_names_it(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(REPORT, encoding="utf-8")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    outcome = run("extract", str(folder), "-o", str(out), "--published", "2025-01-10")
    assert outcome.exit_code == 3, outcome.output
    lines = read_lines(out)
    assert len(lines) == 2
    errors = [line["error"] for line in lines if line["error"]]
    assert len(errors) == 1 and "empty.txt" in errors[0]["input"]
    good = next(line for line in lines if not line["error"])
    assert len(good["events"]) == 1


def test_malformed_jsonl_line_is_reported_with_file_and_line(tmp_path):
    data = tmp_path / "articles.jsonl"
    data.write_text(json.dumps({"id": "a1", "text": REPORT, "published": "2025-01-10"}) + "\n"
                    + '{"id": "a2", "text": "Gunmen attacked a checkpoint in Tank.", \n'
                    + json.dumps({"id": "a3", "text": "Militants attacked a checkpoint in Bannu on Monday."}) + "\n",
                    encoding="utf-8")
    out = tmp_path / "out.jsonl"
    outcome = run("extract", str(data), "-o", str(out))
    assert outcome.exit_code == 3, outcome.output
    lines = read_lines(out)
    assert len(lines) == 3
    errors = [line["error"] for line in lines if line["error"]]
    assert len(errors) == 1
    assert errors[0]["input"].endswith("articles.jsonl:2") or "articles.jsonl:2" in errors[0]["message"]


@pytest.mark.parametrize("value", ["10/01/2025", "2025-13-01", "yesterday"])
def test_invalid_published_date_is_a_usage_error(tmp_path, value):
    outcome = run("extract", str(CORPUS), "-o", str(tmp_path / "o.jsonl"), "--published", value)
    assert outcome.exit_code == 2
    assert "--published" in outcome.output
    assert not (tmp_path / "o.jsonl").exists()


def test_missing_input_path_is_a_usage_error(tmp_path):
    outcome = run("extract", str(tmp_path / "nowhere"), "-o", str(tmp_path / "o.jsonl"))
    assert outcome.exit_code == 2
    assert "nowhere" in outcome.output


def test_no_arguments_shows_usage():
    outcome = run()
    assert outcome.exit_code in (0, 2)
    assert "Usage" in outcome.output
    assert "extract" in outcome.output and "schema" in outcome.output


def test_published_date_from_the_command_line_anchors_relative_dates(tmp_path):
    article = tmp_path / "report.txt"
    article.write_text(REPORT, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    outcome = run("extract", str(article), "-o", str(out), "--published", "2025-01-10")
    assert outcome.exit_code == 0, outcome.output
    [line] = read_lines(out)
    assert line["events"][0]["time"]["start"] == "2025-01-07"


def test_python_dash_m_pipeline_help_works():
    done = subprocess.run([sys.executable, "-m", "pipeline", "--help"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "extract" in done.stdout and "schema" in done.stdout
