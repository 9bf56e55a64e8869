"""Resume: a run killed at any point (SIGKILL included) continues with --resume, nothing lost or repeated."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from models import ArticleResult
from pipeline.batch import partial_path, run_batch
from pipeline.writers.jsonl import JsonlAppender, recover

PLACES = ["Bannu", "Peshawar", "Quetta", "Kunduz", "Mogadishu", "Maiduguri", "Lahore", "Kabul"]


def make_text(seed: int) -> str:
    r = random.Random(seed)
    return (f"Gunmen attacked a police post in {r.choice(PLACES)} on Monday, killing {r.randint(1, 9)} officers.\n\n"
            f"Police said {r.randint(2, 12)} suspects were arrested in {r.choice(PLACES)} after a raid.\n")


def write_corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"a{i:04d}.txt").write_text(make_text(i), encoding="utf-8")
    (folder / "zz-broken.json").write_text("{not json", encoding="utf-8")
    return folder


def result_line(article_id: str) -> str:
    return ArticleResult(article_id=article_id, source=article_id).model_dump_json()


def test_recover_keeps_complete_lines_and_truncates_a_torn_one(tmp_path):
    path = tmp_path / "out.jsonl.partial"
    good = result_line("a") + "\n" + result_line("b") + "\n"
    path.write_text(good + result_line("c")[:25], encoding="utf-8")
    assert [r.article_id for r in recover(path)] == ["a", "b"]
    assert path.read_text(encoding="utf-8") == good


def test_recover_stops_at_a_line_that_does_not_parse(tmp_path):
    path = tmp_path / "out.jsonl.partial"
    path.write_text(result_line("a") + "\n" + '{"article_id": "b", "bogus": 1}\n' + result_line("c") + "\n")
    assert [r.article_id for r in recover(path)] == ["a"]
    assert path.read_text().count("\n") == 1


def test_appender_lines_are_complete_and_synced_per_batch(tmp_path):
    path = tmp_path / "p"
    with JsonlAppender(path, sync_every=2) as writer:
        writer.write(result_line("a"))
        writer.write(result_line("b"))
        assert path.read_text().count("\n") == 2  # flushed after a batch, before close
        writer.write(result_line("c"))
    assert [r.article_id for r in recover(path)] == ["a", "b", "c"]


@pytest.mark.model
def test_resume_skips_done_inputs_and_without_resume_the_partial_is_replaced(tmp_path):
    corpus = write_corpus(tmp_path / "in", 8)
    clean = tmp_path / "clean.jsonl"
    run_batch([corpus], clean)
    lines = clean.read_text().splitlines(keepends=True)
    out = tmp_path / "out.jsonl"
    # an earlier run got through three inputs and was killed while writing the fourth
    partial_path(out).write_text("".join(lines[:3]) + lines[3][:40], encoding="utf-8")
    summary = run_batch([corpus], out, resume=True)
    assert summary.resumed == 3 and summary.articles == len(lines)
    assert out.read_text() == clean.read_text()
    assert not partial_path(out).exists()
    # a partial with junk is simply replaced when --resume is not given
    partial_path(out).write_text("junk\n")
    run_batch([corpus], out)
    assert out.read_text() == clean.read_text()


@pytest.mark.model
@pytest.mark.slow
def test_a_run_killed_with_sigkill_resumes_without_loss_or_duplicates(tmp_path):
    corpus = write_corpus(tmp_path / "in", 300)
    out = tmp_path / "out.jsonl"
    partial = partial_path(out)
    command = [sys.executable, "-m", "pipeline", "extract", str(corpus), "-o", str(out), "--batch-size", "4"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if partial.exists() and partial.read_bytes().count(b"\n") >= 40:
                break
            if proc.poll() is not None:
                pytest.fail("the run finished before it could be killed")
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    assert not out.exists()
    done_before = partial.read_bytes().count(b"\n")
    assert 40 <= done_before < 301
    resumed = subprocess.run([*command, "--resume"], env=env, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 3, resumed.stderr  # the broken input is reported, as in a clean run
    ids = [json.loads(line)["article_id"] for line in out.read_text().splitlines()]
    expected = sorted([f"a{i:04d}.txt" for i in range(300)] + ["zz-broken.json"])
    assert sorted(ids) == expected  # every input exactly once
    # and the same records, in the same order, as an uninterrupted run (in a fresh process, like the others)
    clean = tmp_path / "clean.jsonl"
    subprocess.run([*command[:6], str(clean), *command[7:]], env=env, capture_output=True, timeout=300)
    assert out.read_text() == clean.read_text()
