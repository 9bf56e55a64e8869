"""Flat outputs: ACLED-style columns in CSV and Parquet, GeoJSON in [lon, lat] order, incidents only."""
from __future__ import annotations

import csv
import datetime as dt
import json

import pyarrow.parquet as pq
import pytest

from models import (
    Actor,
    ArticleResult,
    Casualty,
    ErrorInfo,
    Event,
    EventTime,
    EventType,
    Evidence,
    Location,
    Modality,
)
from pipeline.writers.outputs import write_flat_outputs
from pipeline.writers.table import COLUMNS, event_rows

TEXT = ("Gunmen attacked a checkpoint in Bannu on Thursday, killing four soldiers. Two more were wounded. "
        "No attack happened in Quetta. A blast struck Mirali.")


def ev(start: int, end: int, sentence: int = 0) -> Evidence:
    return Evidence(start=start, end=end, text=TEXT[start:end], sentence=sentence)


FIRST_SENTENCE = TEXT[: TEXT.index(".") + 1]


def span(word: str, sentence: int = 0) -> Evidence:
    start = TEXT.index(word)
    return ev(start, start + len(word), sentence)


def result() -> ArticleResult:
    attack = Event(
        id="ev-1", article_id="art", type=EventType.armed_assault, trigger=span("attacked"),
        actors=[Actor(text="Gunmen", name="Unidentified gunmen", kind="unidentified_armed_group", role="perpetrator"),
                Actor(text="soldiers", name="Pakistan Army", kind="state_forces", role="victim", country="PK")],
        location=Location(text="Bannu", name="Bannu", country="PK", admin1="Khyber Pakhtunkhwa", admin2="Bannu",
                          lat=32.98, lon=70.60, precision="admin2", evidence=span("Bannu")),
        time=EventTime(text="on Thursday", start=dt.date(2025, 1, 9), end=dt.date(2025, 1, 9), precision="day"),
        casualties=[Casualty(outcome="killed", group="security_forces", count=4),
                    Casualty(outcome="killed", group="militants", count=1),
                    Casualty(outcome="injured", count=2)],
        excerpt=Evidence(start=0, end=len(FIRST_SENTENCE), text=FIRST_SENTENCE, sentence=0),
    )
    negated = Event(id="ev-2", article_id="art", type=EventType.armed_assault, trigger=span("attack", 2),
                    modality=Modality(polarity="negated"))
    blast = Event(id="ev-3", article_id="art", type=EventType.bombing, trigger=span("blast", 3),
                  location=Location(text="Mirali", name="Mirali", country="PK", precision="town"))
    return ArticleResult(article_id="art", source="in/art.txt", events=[attack, negated, blast])


def failed() -> ArticleResult:
    return ArticleResult(article_id="bad", source="in/bad.json",
                         error=ErrorInfo(input="in/bad.json", stage="ingest", message="[E004] Malformed JSON"))


def test_rows_hold_incidents_only_with_acled_types_and_summed_fatalities():
    rows = list(event_rows([result(), failed()]))
    assert [r["event_id"] for r in rows] == ["ev-1", "ev-3"]
    first = rows[0]
    assert set(first) == set(COLUMNS)
    # An armed group's attack on soldiers at a checkpoint is a battle in ACLED's rules, not violence against civilians.
    assert (first["event_type"], first["sub_event_type"]) == ("Battles", "Armed clash")
    assert first["newsevents_type"] == "armed_assault"
    assert first["fatalities"] == 5 and first["injured"] == 2
    assert first["actor1"] == "Unidentified gunmen" and first["actor2"] == "Pakistan Army"
    assert first["event_date"] == dt.date(2025, 1, 9) and first["time_precision"] == "day"
    assert first["notes"] == "Gunmen attacked a checkpoint in Bannu on Thursday, killing four soldiers."
    assert first["evidence"] == "attacked"
    assert rows[1]["fatalities"] is None  # unknown stays unknown, not 0


def test_notes_fall_back_to_the_trigger_without_an_excerpt():
    plain = result().model_copy(update={"events": [result().events[0].model_copy(update={"excerpt": None})]})
    (row,) = list(event_rows([plain]))
    assert row["notes"] == "attacked"


def test_csv_parquet_and_geojson(tmp_path):
    paths = {"csv": tmp_path / "e.csv", "parquet": tmp_path / "e.parquet", "geojson": tmp_path / "e.geojson",
             "errors": tmp_path / "errors.jsonl"}
    written, omitted = write_flat_outputs([result(), failed()], **paths)
    assert (written, omitted) == (1, 1)

    with open(paths["csv"], newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == COLUMNS
    assert [r["event_id"] for r in rows] == ["ev-1", "ev-3"]
    assert rows[0]["latitude"] == "32.98" and rows[0]["longitude"] == "70.6" and rows[1]["latitude"] == ""

    table = pq.read_table(paths["parquet"])
    assert tuple(table.column_names) == COLUMNS
    assert str(table.schema.field("event_date").type) == "date32[day]"
    assert str(table.schema.field("fatalities").type) == "int64"
    assert table.column("fatalities").to_pylist() == [5, None]

    collection = json.loads(paths["geojson"].read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    (feature,) = collection["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [70.60, 32.98]}  # [lon, lat]
    assert feature["properties"]["event_id"] == "ev-1"
    assert feature["properties"]["event_date"] == "2025-01-09"

    (error,) = [json.loads(line) for line in paths["errors"].read_text().splitlines()]
    assert error == {"article_id": "bad", "input": "in/bad.json", "stage": "ingest", "message": "[E004] Malformed JSON"}


def test_empty_run_writes_valid_empty_files(tmp_path):
    write_flat_outputs([], csv=tmp_path / "e.csv", parquet=tmp_path / "e.parquet", geojson=tmp_path / "e.geojson")
    assert (tmp_path / "e.csv").read_text().strip() == ",".join(COLUMNS)
    assert pq.read_table(tmp_path / "e.parquet").num_rows == 0
    assert json.loads((tmp_path / "e.geojson").read_text())["features"] == []


def test_a_failed_write_leaves_the_old_file_in_place(tmp_path):
    target = tmp_path / "e.csv"
    target.write_text("old\n")

    def broken():
        yield result()
        raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError):
        write_flat_outputs(broken(), csv=target)
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["e.csv"]
