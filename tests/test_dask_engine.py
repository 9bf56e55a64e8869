"""The Dask engine gives the same records, in the same order, as a plain single-process run."""
from __future__ import annotations

import random

import pytest

pytest.importorskip("distributed")

from models import Article  # noqa: E402
from pipeline.batch import run_batch  # noqa: E402
from pipeline.engines.dask import dask_results, extract_chunk  # noqa: E402
from pipeline.engines.local import results  # noqa: E402
from pipeline.ingest import Failure  # noqa: E402
from pipeline.loading import load  # noqa: E402

PLACES = ["Bannu", "Peshawar", "Quetta", "Kunduz", "Mogadishu", "Maiduguri", "Lahore", "Kabul"]


def make_text(seed: int) -> str:
    r = random.Random(seed)
    return (f"A suicide bomber struck a mosque in {r.choice(PLACES)} on Friday, killing {r.randint(2, 40)} "
            f"worshippers.\n\nSeparately, troops killed {r.randint(1, 9)} militants in {r.choice(PLACES)}.\n")


@pytest.fixture(scope="session")
def nlp():
    return load()


@pytest.mark.model
def test_extract_chunk_matches_the_local_engine(nlp):
    articles = [Article(id=f"c{i}", text=make_text(i), published="2025-02-07") for i in range(4)]
    assert extract_chunk(articles) == [r.model_dump_json() for r in results(articles, nlp)]


@pytest.mark.model
@pytest.mark.slow
def test_local_cluster_with_two_worker_processes_equals_the_plain_run(tmp_path, nlp):
    corpus = tmp_path / "in"
    corpus.mkdir()
    for i in range(30):
        (corpus / f"d{i:03d}.txt").write_text(make_text(i), encoding="utf-8")
    (corpus / "d010-broken.json").write_text("[1, 2", encoding="utf-8")
    plain, dask_out = tmp_path / "plain.jsonl", tmp_path / "dask.jsonl"
    run_batch([corpus], plain, batch_size=4)
    summary = run_batch([corpus], dask_out, batch_size=4, n_process=2, engine="dask",
                        csv=tmp_path / "dask.csv")
    assert dask_out.read_text() == plain.read_text()
    assert summary.articles == 31 and summary.failed == 1
    assert (tmp_path / "dask.csv").read_text().count("\n") > 1


@pytest.mark.model
@pytest.mark.slow
def test_dask_results_keep_failures_in_place():
    failure = Failure("x.json", "ingest", "[E004] Malformed JSON in x.json: x", "x.json")
    articles = [Article(id=f"k{i}", text=make_text(i)) for i in range(5)]
    items = [failure, articles[0], articles[1], failure, *articles[2:], failure]
    out = list(dask_results(items, batch_size=2, n_workers=1))
    assert [r.article_id for r in out] == ["x.json", "k0", "k1", "x.json", "k2", "k3", "k4", "x.json"]
