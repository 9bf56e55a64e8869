"""Every real document gets its records: no crash, no silent loss, safe outputs, clear errors.

One test per case that was seen to fail on real text or a real file system.
"""
from __future__ import annotations

import csv
import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import assert_evidence_matches, incidents, write
from typer.testing import CliRunner

from models import Article, ArticleResult, Casualty
from models.types import MAX_COUNT
from pipeline import extract_batch, extract_events
from pipeline.batch import partial_path, run_batch
from pipeline.cli import app
from pipeline.ingest import Failure, iter_articles
from pipeline.writers.jsonl import output_lock

runner = CliRunner()
ARTICLE = "Gunmen attacked a police post in Bannu on Monday, killing two officers.\n"


def totals(result: ArticleResult) -> list[dict[tuple[str, str], int | None]]:
    return [{(c.outcome.value, c.group.value): c.count for c in e.casualties} for e in incidents(result)]


# --- casualties across incidents --------------------------------------------------------------------------
@pytest.mark.model
def test_a_total_and_its_parts_in_a_later_incident_are_read_from_that_incident(nlp):
    # The parts name their total by its place among all the document's casualty phrases; the second
    # incident holds only some of them, and must still find its own total.
    text = ("Gunmen killed two policemen, a driver and three civilians in Bannu on Monday. In another attack, "
            "militants stormed a post in Kunduz on Tuesday; eleven people, including six soldiers, were killed.")
    result = extract_events(text, nlp=nlp)
    assert result.error is None
    second = totals(result)[-1]
    assert second[("killed", "security_forces")] == 6
    assert sum(v for (outcome, _), v in second.items() if outcome == "killed") == 11


@pytest.mark.model
def test_a_listed_part_without_a_number_does_not_break_the_sum(nlp):
    text = ("Militants attacked a checkpoint in Bannu on Monday. Twelve people, several policemen and three children, "
            "were injured.")
    result = extract_events(text, nlp=nlp)
    assert result.error is None, result.error
    assert any(("injured", "civilians") in t for t in totals(result))


# --- numbers that are no counts -----------------------------------------------------------------------------
@pytest.mark.model
@pytest.mark.parametrize("text", [
    "On 9999-12-31 hundreds of thousands killed in Kabul.",
    "Militants killed 10**100 soldiers in Bannu.",
    "A blast killed 99999999999999999999 people in Quetta on Monday.",
    "Gunmen killed " + "9" * 20_000 + " people in Kabul.",
])
def test_no_count_above_the_plausible_maximum_and_no_crash(nlp, text):
    result = extract_events(text, nlp=nlp)
    assert result.error is None
    counts = [c.count for e in result.events for c in e.casualties if c.count is not None]
    assert all(c <= MAX_COUNT for c in counts)
    assert 99_991_231 not in counts


def test_the_record_refuses_an_implausible_count():
    with pytest.raises(ValueError):
        Casualty(outcome="killed", count=2**63)


@pytest.mark.model
def test_extract_batch_goes_on_after_an_article_that_breaks_the_pipeline(nlp):
    from spacy.language import Language

    @Language.component("test_reliability_breaks_on_marker")
    def breaks(doc):
        if "BREAK" in doc.text:
            raise ValueError("Exceeds the limit (4300 digits) for integer string conversion")
        return doc

    nlp.add_pipe("test_reliability_breaks_on_marker", first=True)
    try:
        articles = [Article(id=f"a{i}", text=("BREAK " if i == 1 else "") + ARTICLE) for i in range(3)]
        out = list(extract_batch(articles, nlp=nlp))
    finally:
        nlp.remove_pipe("test_reliability_breaks_on_marker")
    assert [r.article_id for r in out] == ["a0", "a1", "a2"]
    assert out[1].error is not None and "4300" in out[1].error.message
    assert out[0].error is None and out[2].error is None and out[2].events


@pytest.mark.parametrize("text", [" ", "", "\n\t\n"])
def test_extract_events_on_an_empty_text_returns_an_error_result(text):
    result = extract_events(text, nlp=object())  # never reaches the pipeline
    assert result.error is not None and result.error.message.startswith("[E100]")
    assert not result.events


# --- file systems ---------------------------------------------------------------------------------------
@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that accepts any bytes in names")
def test_a_file_name_that_is_not_utf8_is_read_and_named_printably(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    raw = os.path.join(os.fsencode(folder), b"caf\xe9-attack.txt")
    with open(raw, "wb") as handle:
        handle.write(ARTICLE.encode())
    (item,) = list(iter_articles([folder]))
    assert isinstance(item, Article)
    assert item.id == "caf\\xe9-attack.txt"
    item.model_dump_json()  # no surrogates left to break the output
    (alone,) = list(iter_articles([os.fsdecode(raw)]))
    assert isinstance(alone, Article) and "\\xe9" in alone.source


@pytest.mark.model
@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that accepts any bytes in names")
def test_the_cli_writes_a_line_for_a_file_name_that_is_not_utf8(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as handle:
        handle.write(ARTICLE.encode())
    out = tmp_path / "out.jsonl"
    res = runner.invoke(app, ["extract", str(folder), "-o", str(out)])
    assert res.exit_code == 0, res.output
    (line,) = out.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["article_id"] == "caf\\xe9.txt"


def test_deeply_nested_json_is_one_failure_and_the_batch_goes_on(tmp_path):
    write(tmp_path, "a-deep.json", "[" * 100_000 + "]" * 100_000)
    write(tmp_path, "b-deep.jsonl", '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}\n" + json.dumps({"text": ARTICLE}) + "\n")
    write(tmp_path, "c.txt", ARTICLE)
    items = list(iter_articles([tmp_path]))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Failure", "Failure", "Article", "Article"]
    assert items[0].message.startswith("[E004]") and "a-deep.json" in items[0].message
    assert items[1].input.endswith("b-deep.jsonl:1")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_an_input_folder_is_reported_not_read(tmp_path):
    write(tmp_path, "a.txt", ARTICLE)
    os.mkfifo(tmp_path / "b-pipe.txt")
    done: list = []
    reader = threading.Thread(target=lambda: done.extend(iter_articles([tmp_path])), daemon=True)
    reader.start()
    reader.join(timeout=10)
    assert not reader.is_alive(), "reading the folder blocked on the FIFO"
    assert isinstance(done[0], Article)
    assert isinstance(done[1], Failure) and "not a regular file" in done[1].message


def test_two_inputs_with_the_same_file_name_get_different_ids(tmp_path):
    first, second = write(tmp_path, "a/x.txt", ARTICLE), write(tmp_path, "b/x.txt", ARTICLE)
    ids = [i.id for i in iter_articles([first, second])]
    assert ids[0] == "x.txt" and ids[1] != "x.txt" and ids[1].endswith("b/x.txt")
    folder_ids = [i.id for i in iter_articles([tmp_path / "a", tmp_path / "b"])]
    assert len(set(folder_ids)) == 2


def test_an_earlier_runs_output_in_an_input_folder_is_named_not_read_as_articles(tmp_path):
    write(tmp_path, "a.txt", ARTICLE)
    result = ArticleResult(article_id="a.txt", source="a.txt").model_dump_json()
    write(tmp_path, "out/old-results.jsonl", result + "\n" + result + "\n")
    items = list(iter_articles([tmp_path]))
    assert isinstance(items[0], Article)
    (failure,) = items[1:]
    assert failure.message.startswith("[E111]") and "old-results.jsonl" in failure.message


@pytest.mark.model
def test_the_runs_own_outputs_inside_the_input_folder_are_not_read_back(tmp_path):
    write(tmp_path, "a.txt", ARTICLE)
    out, table = tmp_path / "out" / "o.jsonl", tmp_path / "out" / "o.csv"
    for _ in range(2):
        summary = run_batch([tmp_path], out, csv=table)
        assert (summary.articles, summary.failed) == (1, 0)
    assert len(out.read_text().splitlines()) == 1


# --- runs that meet each other -----------------------------------------------------------------------------
def test_a_second_run_on_the_same_output_fails_at_once_and_leaves_the_first_alone(tmp_path):
    write(tmp_path, "in/a.txt", ARTICLE)
    out = tmp_path / "o.jsonl"
    partial_path(out).write_text("work of the first run\n")
    with output_lock(out):  # the first run is still going
        res = runner.invoke(app, ["extract", str(tmp_path / "in"), "-o", str(out)])
    assert res.exit_code == 2
    assert "E124" in res.output
    assert partial_path(out).read_text() == "work of the first run\n"


@pytest.mark.model
def test_resume_leaves_out_records_of_inputs_not_given_this_time(tmp_path):
    for name in ("a", "b", "c"):
        write(tmp_path, f"in/{name}.txt", ARTICLE)
    out = tmp_path / "o.jsonl"
    run_batch([tmp_path / "in"], out)
    lines = out.read_text().splitlines(keepends=True)
    foreign = ArticleResult(article_id="other.txt", source="elsewhere/other.txt").model_dump_json() + "\n"
    partial_path(out).write_text(lines[0] + foreign, encoding="utf-8")
    out.unlink()
    summary = run_batch([tmp_path / "in"], out, resume=True)
    ids = [json.loads(line)["article_id"] for line in out.read_text().splitlines()]
    assert ids == ["a.txt", "b.txt", "c.txt"]
    assert (summary.articles, summary.resumed, summary.dropped) == (3, 1, 1)


@pytest.mark.model
def test_resume_after_max_errors_counts_earlier_failures_once_and_goes_on(tmp_path):
    for i in range(6):
        write(tmp_path, f"in/{i}-bad.json" if i < 2 else f"in/{i}-good.txt", "{broken" if i < 2 else ARTICLE)
    out = tmp_path / "o.jsonl"
    first = run_batch([tmp_path / "in"], out, max_errors=1, batch_size=1)
    assert first.stopped and first.failed == 2
    second = run_batch([tmp_path / "in"], out, resume=True, max_errors=1, batch_size=1)
    assert second.stopped is None
    assert (second.articles, second.failed, second.resumed) == (6, 2, 2)
    assert len(out.read_text().splitlines()) == 6


def test_ctrl_c_says_how_to_resume(tmp_path, monkeypatch):
    import pipeline.cli.extract as command

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(command, "run_batch", interrupted)
    write(tmp_path, "a.txt", ARTICLE)
    res = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "-o", str(tmp_path / "o.jsonl")])
    assert res.exit_code == 130
    assert "--resume" in res.output and "o.jsonl.partial" in res.output


# --- outputs checked before any work ------------------------------------------------------------------
def _unwritable_targets(tmp_path: Path) -> list[Path]:
    (tmp_path / "a-file").write_text("x")
    (tmp_path / "a-folder").mkdir()
    targets = [tmp_path / "a-folder", tmp_path / "a-file" / "o.jsonl"]
    if os.path.isdir("/sys") and not os.access("/sys", os.W_OK | os.X_OK) or os.path.isdir("/sys") and os.geteuid() == 0:
        targets.append(Path("/sys/newsevents-test/o.jsonl"))
    if os.geteuid() != 0:
        locked = tmp_path / "read-only"
        locked.mkdir()
        locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
        targets.append(locked / "o.jsonl")
    return targets


@pytest.mark.parametrize("option", ["-o", "--csv", "--html", "--errors"])
def test_an_output_that_cannot_be_written_is_a_usage_error_before_the_model_loads(tmp_path, monkeypatch, option):
    import pipeline.batch as batch

    def must_not_load(*args, **kwargs):
        raise AssertionError("the model was loaded before the outputs were checked")

    monkeypatch.setattr(batch, "load", must_not_load)
    write(tmp_path, "a.txt", ARTICLE)
    for target in _unwritable_targets(tmp_path):
        if option == "--html":
            args = ["evaluate", str(tmp_path), "--pred", "gold", "--html", str(target)]
        else:
            args = ["extract", str(tmp_path / "a.txt"), "-o", str(tmp_path / "o.jsonl")]
            args = args[:3] + [str(target)] if option == "-o" else args + [option, str(target)]
        res = runner.invoke(app, args)
        assert res.exit_code == 2, (target, res.output)
        assert "E125" in res.output and "Traceback" not in res.output
        assert not partial_path(tmp_path / "o.jsonl").exists()


@pytest.mark.parametrize("how", ["option", "environment"])
def test_an_unknown_model_is_a_usage_error_without_a_traceback(tmp_path, monkeypatch, how):
    write(tmp_path, "a.txt", ARTICLE)
    args = ["extract", str(tmp_path / "a.txt"), "-o", str(tmp_path / "o.jsonl")]
    if how == "option":
        args += ["--model", "no_such_model_here"]
    else:
        monkeypatch.setenv("NEWSEVENTS_MODEL", "no_such_model_here")
    res = runner.invoke(app, args)
    assert res.exit_code == 2
    assert "E010" in res.output and "no_such_model_here" in res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)


@pytest.mark.model
def test_report_and_draft_files_get_the_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        corpus = Path(__file__).resolve().parents[1] / "corpus"
        res = runner.invoke(app, ["evaluate", str(corpus), "--pred", "gold", "--json", str(tmp_path / "r.json"),
                                  "--html", str(tmp_path / "r.html")])
        assert res.exit_code == 0, res.output
        article = write(tmp_path, "draft/x.txt", ARTICLE)
        res = runner.invoke(app, ["gold", "draft", str(article)])
        assert res.exit_code == 0, res.output
    finally:
        os.umask(old)
    for path in (tmp_path / "r.json", tmp_path / "r.html", tmp_path / "draft" / "x.gold.json"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path


@pytest.mark.model
def test_csv_cells_never_start_a_spreadsheet_formula(tmp_path):
    write(tmp_path, "a.txt", "=HYPERLINK(\"http://example.invalid\") Gunmen killed two police officers in Bannu on Monday.\n"
                             "-Militants attacked a checkpoint in Quetta on Tuesday.")
    table = tmp_path / "o.csv"
    run_batch([tmp_path / "a.txt"], tmp_path / "o.jsonl", csv=table)
    rows = list(csv.DictReader(table.open(encoding="utf-8")))
    assert rows
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@")), value


# --- memory, cost and processes ---------------------------------------------------------------------------
@pytest.mark.model
def test_paragraphs_far_apart_are_not_merged_into_one_incident(nlp):
    filler = "Officials described the security situation in the region as tense, and traders kept shops closed. " * 3
    text = ("Militants attacked a police checkpoint in Bannu, killing two officers.\n\n" + (filler + "\n\n") * 4
            + "Militants attacked a police checkpoint in Bannu, killing five officers.\n")
    found = incidents(extract_events(text, nlp=nlp))
    assert len(found) == 2
    assert sorted(e.total("killed") for e in found) == [2, 5]


@pytest.mark.model
@pytest.mark.slow
def test_a_long_article_is_read_in_bounded_memory_with_its_last_part_found(tmp_path):
    script = tmp_path / "long.py"
    script.write_text(
        "import resource, sys\n"
        "from pipeline import extract_events, load\n"
        "nlp = load()\n"
        "base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "unit = 'Officials said the market reopened after the curfew and traders counted their losses. '\n"
        "text = unit * (1_500_000 // len(unit)) + 'Gunmen attacked a police post in Bannu on Monday, killing seven officers.'\n"
        "result = extract_events(text, nlp=nlp)\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "last = [e.total('killed') for e in result.events if e.trigger.start > len(text) - 200]\n"
        "print(result.error, peak // 1024, (peak - base) // 1024, last)\n", encoding="utf-8")
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=900, check=True)
    error, peak_mb, grown_mb, last = out.stdout.split(maxsplit=3)
    assert error == "None"
    assert int(peak_mb) < 1500, out.stdout
    assert "7" in last


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_killing_a_two_process_run_with_sigkill_leaves_no_worker_behind(tmp_path):
    for i in range(200):
        write(tmp_path, f"in/{i:03d}.txt", ARTICLE * 5)
    out = tmp_path / "o.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "extract", str(tmp_path / "in"), "-o", str(out),
                             "--n-process", "2", "--batch-size", "2"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)

    def children() -> list[int]:
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == proc.pid:
                    found.append(int(entry.name))
        return found

    deadline = time.monotonic() + 120
    workers: list[int] = []
    while time.monotonic() < deadline and not (partial_path(out).exists() and partial_path(out).stat().st_size):
        workers = children() or workers
        time.sleep(0.1)
    workers = children() or workers
    assert len(workers) >= 2, "the run did not start its workers"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in workers):
        time.sleep(0.1)
    alive = [pid for pid in workers if Path(f"/proc/{pid}/stat").exists()
             and (Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z")]
    assert not alive, f"workers {alive} outlived the killed run"


@pytest.mark.model
def test_evidence_of_a_split_article_quotes_the_whole_text(nlp):
    from pipeline.engines.local import results

    text = "\n\n".join(f"Gunmen killed {n} policemen in Bannu on Monday." for n in range(2, 12))
    (result,) = results([Article(id="long", text=text)], nlp, part_chars=120)
    assert result.error is None and len(incidents(result)) >= 5
    assert_evidence_matches(result, text)
