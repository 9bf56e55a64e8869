"""Hugging Face datasets: local files to Articles with their time-zone offsets, and a batched map function."""
from __future__ import annotations

import datetime as dt
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

datasets = pytest.importorskip("datasets")

from models import Article, ArticleResult  # noqa: E402
from pipeline.engines.local import results  # noqa: E402
from pipeline.hf import extract_columns, load_articles  # noqa: E402
from pipeline.ingest import Failure  # noqa: E402
from pipeline.loading import load  # noqa: E402

PLUS5 = dt.timezone(dt.timedelta(hours=5))
TEXT = "Militants attacked a police checkpoint in Bannu on Thursday, killing four policemen."


def check_plus5(article) -> None:
    assert isinstance(article, Article), article
    assert isinstance(article.published, dt.datetime)
    assert article.published.utcoffset() == dt.timedelta(hours=5)
    assert article.published.hour == 8
    assert article.published_date == dt.date(2025, 1, 10)


def test_jsonl_keeps_the_offset(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"id": "j1", "text": TEXT, "published": "2025-01-10T08:00:00+05:00"}) + "\n"
                    + json.dumps({"id": "j2", "text": TEXT, "published": "2025-01-11T23:30:00-04:00"}) + "\n",
                    encoding="utf-8")
    first, second = load_articles(path)
    check_plus5(first)
    assert second.published.utcoffset() == dt.timedelta(hours=-4) and second.published_date == dt.date(2025, 1, 11)


def test_parquet_string_column_keeps_the_offset(tmp_path):
    path = tmp_path / "news.parquet"
    pq.write_table(pa.table({"id": ["p1"], "text": [TEXT], "published": ["2025-01-10T08:00:00+05:00"]}), path)
    (article,) = load_articles(path)
    check_plus5(article)


def test_parquet_timestamp_column_keeps_the_offset(tmp_path):
    path = tmp_path / "news.parquet"
    stamp = pa.array([dt.datetime(2025, 1, 10, 8, tzinfo=PLUS5)], type=pa.timestamp("us", tz="+05:00"))
    pq.write_table(pa.table({"id": ["p1"], "text": [TEXT], "published": stamp}), path)
    (article,) = load_articles(path)
    check_plus5(article)


def test_csv_keeps_the_offset_and_string_ids(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text('id,text,published\n007,"' + TEXT + '",2025-01-10T08:00:00+05:00\n', encoding="utf-8")
    (article,) = load_articles(path)
    check_plus5(article)
    assert article.id == "007"


def test_bad_rows_become_failures_naming_the_row(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"id": "ok", "text": TEXT}) + "\n{broken\n" + json.dumps({"id": "e", "text": " "}) + "\n")
    items = list(load_articles(path))
    assert isinstance(items[0], Article)
    assert isinstance(items[1], Failure) and items[1].input.endswith(":2")
    assert isinstance(items[2], Failure) and "no text" in items[2].message


@pytest.mark.model
def test_dataset_map_batched_returns_result_columns(tmp_path):
    rows = {"id": ["m1", "m2", "m3"], "text": [TEXT, "", TEXT.replace("Bannu", "Quetta")],
            "published": ["2025-01-10T08:00:00+05:00", None, "2025-01-10"]}
    ds = datasets.Dataset.from_dict(rows)
    mapped = ds.map(extract_columns, batched=True, batch_size=2)
    assert mapped["article_id"] == ["m1", "m2", "m3"]
    assert mapped["error"][0] is None and mapped["error"][1] and mapped["error"][2] is None
    first = ArticleResult.model_validate_json(mapped["result_json"][0])
    assert mapped["n_events"][0] == sum(1 for e in first.events if e.modality.is_incident) >= 1
    article = Article(id="m1", text=TEXT, published="2025-01-10T08:00:00+05:00", published_source="record", source="m1")
    (expected,) = results([article], load())
    assert first == expected
