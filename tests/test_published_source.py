"""The output says which publication date anchored an article's relative dates, and where it came from."""
import json

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

pytestmark = pytest.mark.model

TEXT = "Gunmen shot dead two policemen in Bannu on Thursday, police said."


def run(tmp_path, *args):
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "in"), "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return {r["article_id"]: r for r in map(json.loads, out.read_text().splitlines())}


def test_each_result_records_the_date_used_and_its_origin(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT)
    (folder / "a.meta.json").write_text(json.dumps({"published": "2025-01-10"}))
    (folder / "b.txt").write_text(TEXT)
    (folder / "c.jsonl").write_text(json.dumps({"id": "c1", "text": TEXT, "published": "2025-02-07T09:00:00+05:00"}) + "\n")
    results = run(tmp_path, "--published", "2025-03-14")
    assert (results["a.txt"]["published"], results["a.txt"]["published_source"]) == ("2025-01-10", "sidecar")
    assert (results["b.txt"]["published"], results["b.txt"]["published_source"]) == ("2025-03-14", "argument")
    assert (results["c1"]["published"], results["c1"]["published_source"]) == ("2025-02-07T09:00:00+05:00", "record")
    # "on Thursday" is read against each article's own date.
    assert results["a.txt"]["events"][0]["time"]["start"] == "2025-01-09"
    assert results["c1"]["events"][0]["time"]["start"] == "2025-02-06"


def test_without_any_date_the_source_says_none(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT)
    results = run(tmp_path)
    assert results["a.txt"]["published"] is None
    assert results["a.txt"]["published_source"] == "none"
    assert results["a.txt"]["events"][0]["time"]["start"] is None
