"""``newsevents evaluate`` and ``newsevents gold`` through typer's runner."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.evaluate.adapters import read_shared_records, shared_data_dir, shared_gold_document

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def report_of(tmp_path: Path, *args: str) -> dict:
    out = tmp_path / "report.json"
    result = invoke("evaluate", *args, "--json", out)
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text(encoding="utf-8"))


def test_gold_against_itself_scores_one_on_every_field(tmp_path):
    report = report_of(tmp_path, CORPUS, "--pred", "gold")
    assert report["documents"] == len(list(CORPUS.rglob("*.gold.json")))
    assert report["gold_events"] > 0
    assert report["fields"]["event"]["tp"] == report["gold_events"]
    for name, counts in report["fields"].items():
        assert (counts["precision"], counts["recall"], counts["f1"]) == (1.0, 1.0, 1.0), name
        assert counts["fp"] == counts["fn"] == 0, name
    assert report["errors"] == []


def test_json_report_shape(tmp_path):
    report = report_of(tmp_path, CORPUS, "--pred", "gold")
    assert {"documents", "gold_events", "fields", "errors"} <= set(report)
    for name in ("event", "type", "perpetrator", "target", "victim", "admin1", "admin2", "town", "date", "aggregate"):
        assert set(report["fields"][name]) == {"precision", "recall", "f1", "tp", "fp", "fn"}
    assert any(name.startswith("killed.") for name in report["fields"])


def test_empty_predictions_give_recall_zero_and_list_every_missed_event(tmp_path):
    preds = tmp_path / "empty.jsonl"
    preds.write_text("".join(json.dumps({"article_id": p.name[:-len(".gold.json")] + ".txt"}) + "\n"
                             for p in CORPUS.rglob("*.gold.json")), encoding="utf-8")
    report = report_of(tmp_path, CORPUS, "--pred", preds)
    event = report["fields"]["event"]
    assert (event["precision"], event["recall"], event["f1"], event["tp"]) == (0.0, 0.0, 0.0, 0)
    assert event["fn"] == report["gold_events"]
    assert sum(e["kind"] == "missed_event" for e in report["errors"]) == report["gold_events"]


def test_predictions_match_gold_by_file_name_and_unknown_articles_are_reported(tmp_path):
    gold = json.loads((CORPUS / "articles" / "brief-op-ed.gold.json").read_text(encoding="utf-8"))
    result = {"article_id": "articles/brief-op-ed.txt",
              "events": [{**e, "article_id": "articles/brief-op-ed.txt"} for e in gold["events"]]}
    preds = tmp_path / "preds.jsonl"
    preds.write_text(json.dumps(result) + "\n" + json.dumps({"article_id": "nowhere.txt"}) + "\n", encoding="utf-8")
    report = report_of(tmp_path, CORPUS / "articles" / "brief-op-ed.gold.json", "--pred", preds)
    assert report["unknown_articles"] == ["nowhere.txt"]
    assert report["fields"]["event"]["fn"] == 0


def test_a_malformed_prediction_line_names_the_file_and_line(tmp_path):
    preds = tmp_path / "preds.jsonl"
    preds.write_text(json.dumps({"article_id": "a.txt"}) + "\n\n{broken\n", encoding="utf-8")
    result = invoke("evaluate", CORPUS, "--pred", preds)
    assert result.exit_code == 2
    assert "[E014]" in result.output and "preds.jsonl" in result.output and "line 3" in result.output


def test_an_invalid_gold_folder_is_a_clear_error(tmp_path):
    (tmp_path / "x.txt").write_text("A blast.", encoding="utf-8")
    (tmp_path / "x.gold.json").write_text("{", encoding="utf-8")
    result = invoke("evaluate", tmp_path, "--pred", "gold")
    assert result.exit_code == 2
    assert "[E013]" in result.output and "x.gold.json" in result.output


def _hostile_gold(folder: Path) -> None:
    text = "Police said <script>alert('x')</script> a blast hit the <b>market</b> on Tuesday."
    (folder / "hostile.txt").write_text(text, encoding="utf-8")
    (folder / "hostile.meta.json").write_text(json.dumps({"published": "2025-02-18"}), encoding="utf-8")
    start = text.index("blast")
    gold = {"article_id": "hostile.txt", "events": [{
        "id": "e1", "article_id": "hostile.txt", "type": "bombing",
        "trigger": {"start": start, "end": start + 5, "text": "blast", "sentence": 0}}]}
    (folder / "hostile.gold.json").write_text(json.dumps(gold), encoding="utf-8")


def test_html_report_escapes_article_text_and_is_self_contained(tmp_path):
    _hostile_gold(tmp_path)
    out = tmp_path / "report.html"
    result = invoke("evaluate", tmp_path, "--pred", "gold", "--html", out)
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert "&lt;" in page and "script" in page and "alert(" in page
    assert "<b>market" not in page
    assert "GOLD e1 bombing" in page and "PRED bombing" in page
    assert "http://" not in page and "https://" not in page and "<link" not in page


def test_html_report_shows_the_article_as_written_so_phrases_can_be_copied(tmp_path):
    from html.parser import HTMLParser

    text = "Gunmen attacked a police post in Bannu on Monday,\n\n  killing two   policemen."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    start = text.index("attacked")
    gold = {"article_id": "a.txt", "events": [{"id": "e1", "article_id": "a.txt", "type": "armed_assault",
                                               "trigger": {"start": start, "end": start + 8, "text": "attacked",
                                                           "sentence": 0}}]}
    (tmp_path / "a.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    out = tmp_path / "report.html"
    assert invoke("evaluate", tmp_path, "--html", out).exit_code == 0
    page = out.read_text(encoding="utf-8")

    class TextOf(HTMLParser):
        """The characters a reader selects in the article's text box (labels are drawn by CSS, not text)."""

        def __init__(self) -> None:
            super().__init__()
            self.depth, self.found = 0, []

        def handle_starttag(self, tag, attrs):
            if self.depth or ("class", "text") in attrs:
                self.depth += 1

        def handle_endtag(self, tag):
            if self.depth:
                self.depth -= 1

        def handle_data(self, data):
            if self.depth:
                self.found.append(data)

    parser = TextOf()
    parser.feed(page)
    assert "".join(parser.found) == text
    assert "white-space: pre-wrap" in page
    assert 'data-label="GOLD e1 armed_assault"' in page and 'data-label="PRED armed_assault"' in page
    assert 'data-label="place Bannu"' in page and 'data-label="killed ' in page
    assert "href='#a-a-txt'" in page  # the table of contents links the article


def test_html_report_lists_errors_escaped(tmp_path):
    _hostile_gold(tmp_path)
    preds = tmp_path / "preds.jsonl"
    preds.write_text(json.dumps({"article_id": "hostile.txt"}) + "\n", encoding="utf-8")
    out = tmp_path / "report.html"
    assert invoke("evaluate", tmp_path, "--pred", preds, "--html", out).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "missed_event" in page and "<script" not in page.lower()


def test_gold_check_accepts_the_corpus():
    result = invoke("gold", "check", CORPUS)
    assert result.exit_code == 0, result.output
    assert "valid" in result.output


def test_gold_check_reports_each_invalid_file(tmp_path):
    (tmp_path / "x.txt").write_text("A blast.", encoding="utf-8")
    (tmp_path / "x.gold.json").write_text(json.dumps({"article_id": "x.txt", "bogus": 1}), encoding="utf-8")
    result = invoke("gold", "check", tmp_path)
    assert result.exit_code == 2
    assert "x.gold.json" in result.output


@pytest.mark.model
def test_evaluate_runs_the_extractor_on_the_gold_articles(tmp_path):
    report = report_of(tmp_path, CORPUS)
    assert report["documents"] >= 20
    assert report["fields"]["event"]["tp"] > 0
    assert report["unknown_articles"] == []


@pytest.mark.model
def test_gold_span_prints_evidence_with_its_sentence(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Police arrived. A blast hit the market. Another blast followed.", encoding="utf-8")
    result = invoke("gold", "span", article, "blast", "--nth", "2")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"start": 48, "end": 53, "text": "blast", "sentence": 2}


def test_shared_data_absent_is_a_message_not_a_failure(tmp_path, monkeypatch):
    import pipeline.evaluate.adapters as adapters

    monkeypatch.delenv("NEWSEVENTS_SHARED_DATA", raising=False)
    monkeypatch.setattr(adapters, "DEFAULT_SHARED_DATA", tmp_path / "missing")
    result = invoke("evaluate", "--shared-data", tmp_path / "missing")
    assert result.exit_code == 0
    assert "No shared data" in result.output


SHARED = shared_data_dir()


@pytest.mark.shared_data
@pytest.mark.skipif(SHARED is None, reason="../shared/data is absent")
def test_every_shared_record_becomes_a_valid_gold_document():
    for path in sorted(SHARED.glob("*.jsonl")):
        for record in read_shared_records(path, limit=200):
            doc = shared_gold_document(record)
            [event] = doc.events
            assert event.trigger.text.strip() and record.article.text.find(event.trigger.text) >= 0
            assert event.modality.is_incident


@pytest.mark.shared_data
@pytest.mark.model
@pytest.mark.skipif(SHARED is None, reason="../shared/data is absent")
def test_evaluate_reports_the_same_table_on_the_shared_data(tmp_path):
    report = report_of(tmp_path, "--shared-data", SHARED, "--limit", "30")
    # one gold incident per record, at most 30 records of each file (some files hold fewer)
    records = [sum(1 for line in path.open(encoding="utf-8") if line.strip()) for path in SHARED.glob("*.jsonl")]
    assert report["gold_events"] == sum(min(30, n) for n in records)
    assert {"event", "type", "admin1", "date"} <= set(report["fields"])
    assert set(report["sources"]) == {p.name for p in SHARED.glob("*.jsonl")}
