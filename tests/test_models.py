"""The record's validators: what a malformed record is told, before anything is written."""
from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from models import (
    AggregateClaim,
    ArticleResult,
    Casualty,
    ErrorInfo,
    Event,
    EventTime,
    Evidence,
    Location,
    Modality,
    Period,
    Place,
)

TEXT = "Two soldiers were killed in Bannu on Monday."


def evidence(start: int, end: int, text: str | None = None) -> dict:
    return {"start": start, "end": end, "text": TEXT[start:end] if text is None else text, "sentence": 0}


def minimal_event(**changes) -> dict:
    data = {"id": "ev-1", "article_id": "a1", "type": "armed_assault", "trigger": evidence(18, 24)}
    data.update(changes)
    return data


# --- evidence ------------------------------------------------------------------------------------------------
def test_evidence_matching_the_article_text_validates_with_the_text_as_context():
    ev = Evidence.model_validate(evidence(18, 24), context={"text": TEXT})
    assert ev.text == "killed"


@pytest.mark.parametrize(
    ("start", "end", "quoted"),
    [
        (18, 24, "wounded"),   # wrong word, wrong length
        (19, 25, "killed"),    # right word, offsets shifted by one
        (0, 3, "Six"),         # same length, different text
    ],
    ids=["wrong-word", "shifted-offsets", "same-length-other-text"],
)
def test_evidence_that_does_not_quote_the_article_at_its_offsets_is_rejected(start, end, quoted):
    with pytest.raises(ValidationError):
        Evidence.model_validate({"start": start, "end": end, "text": quoted, "sentence": 0}, context={"text": TEXT})


def test_evidence_offsets_are_checked_inside_a_whole_event_through_the_context():
    good = minimal_event()
    Event.model_validate(good, context={"text": TEXT})
    bad = minimal_event(trigger={"start": 28, "end": 34, "text": "killed", "sentence": 0})
    with pytest.raises(ValidationError, match="does not match the article"):
        Event.model_validate(bad, context={"text": TEXT})


@pytest.mark.parametrize(
    "data",
    [
        {"start": 5, "end": 5, "text": "x", "sentence": 0},
        {"start": 6, "end": 5, "text": "x", "sentence": 0},
        {"start": 0, "end": 10, "text": "short", "sentence": 0},
        {"start": -1, "end": 2, "text": "abc", "sentence": 0},
        {"start": 0, "end": 1, "text": "", "sentence": 0},
    ],
    ids=["empty-span", "end-before-start", "length-mismatch", "negative-offset", "empty-text"],
)
def test_evidence_with_impossible_offsets_is_rejected_even_without_the_text(data):
    with pytest.raises(ValidationError):
        Evidence.model_validate(data)


# --- casualties ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("fields", "valid"),
    [
        ({"count": 5}, True),
        ({"count": None, "low": 10, "high": 15}, True),
        ({"count": 12, "low": 10, "high": 15}, True),
        ({"count": 10, "low": 10, "high": 10}, True),
        ({"count": 9, "low": 10, "high": 15}, False),
        ({"count": 16, "low": 10, "high": 15}, False),
        ({"low": 15, "high": 10}, False),
        ({"count": -1}, False),
    ],
    ids=["count", "range-only", "count-inside-range", "degenerate-range", "count-below-low", "count-above-high",
         "low-above-high", "negative-count"],
)
def test_casualty_count_must_lie_between_low_and_high(fields, valid):
    data = {"outcome": "killed", "group": "civilians", **fields}
    if valid:
        Casualty.model_validate(data)
    else:
        with pytest.raises(ValidationError):
            Casualty.model_validate(data)


def test_unknown_number_of_casualties_is_none_not_zero():
    casualty = Casualty(outcome="killed", group="militants", qualifier="vague")
    assert casualty.count is None


# --- time ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("fields", "valid"),
    [
        ({"start": dt.date(2025, 1, 9), "end": dt.date(2025, 1, 9), "precision": "day"}, True),
        ({"start": dt.date(2025, 1, 6), "end": dt.date(2025, 1, 12), "precision": "week"}, True),
        ({}, True),
        ({"start": dt.date(2025, 1, 10), "end": dt.date(2025, 1, 9), "precision": "day"}, False),
        ({"start": dt.date(2025, 1, 9), "precision": "day"}, False),
        ({"precision": "day"}, False),
    ],
    ids=["one-day", "week", "unresolved", "start-after-end", "start-without-end", "precision-without-date"],
)
def test_event_time_start_is_not_after_end(fields, valid):
    if valid:
        EventTime.model_validate(fields)
    else:
        with pytest.raises(ValidationError):
            EventTime.model_validate(fields)


def test_period_of_an_aggregate_start_is_not_after_end():
    Period(start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31), precision="year")
    with pytest.raises(ValidationError):
        Period(start=dt.date(2024, 12, 31), end=dt.date(2024, 1, 1), precision="year")


# --- places --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("coords", "valid"),
    [
        ({"lat": 32.98, "lon": 70.6}, True),
        ({}, True),
        ({"lat": 32.98}, False),
        ({"lon": 70.6}, False),
        ({"lat": 91.0, "lon": 70.6}, False),
        ({"lat": 32.0, "lon": 181.0}, False),
    ],
    ids=["pair", "none", "lat-only", "lon-only", "lat-out-of-range", "lon-out-of-range"],
)
def test_place_coordinates_come_in_valid_pairs(coords, valid):
    data = {"text": "Bannu", "name": "Bannu", "country": "PK", "precision": "admin2", **coords}
    if valid:
        Place.model_validate(data)
        Location.model_validate(data)
    else:
        with pytest.raises(ValidationError):
            Place.model_validate(data)


@pytest.mark.parametrize("code", ["pk", "PAK", "P", "Pakistan"])
def test_place_country_must_be_an_iso_alpha2_code(code):
    with pytest.raises(ValidationError):
        Place(text="Bannu", name="Bannu", country=code, precision="admin2")


# --- strictness ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("model", "data"),
    [
        (Event, minimal_event(severity="high")),
        (Casualty, {"outcome": "killed", "number": 3}),
        (Evidence, {**evidence(18, 24), "page": 2}),
        (Place, {"text": "Bannu", "name": "Bannu", "precision": "admin2", "province": "KP"}),
        (Modality, {"negated": True}),
        (ArticleResult, {"article_id": "a1", "incidents": []}),
    ],
    ids=["event", "casualty", "evidence", "place", "modality", "result"],
)
def test_unknown_fields_are_rejected_not_dropped(model, data):
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        model.model_validate(data)


@pytest.mark.parametrize(
    ("record", "field", "value"),
    [
        (Casualty(outcome="killed", count=3), "count", 4),
        (Evidence(**evidence(18, 24)), "start", 0),
        (Event.model_validate(minimal_event()), "type", "bombing"),
    ],
    ids=["casualty", "evidence", "event"],
)
def test_records_are_frozen(record, field, value):
    with pytest.raises(ValidationError):
        setattr(record, field, value)


@pytest.mark.parametrize(
    ("field", "value"),
    [("type", "massacre"), ("confidence", 1.5), ("confidence", -0.1)],
)
def test_event_rejects_values_outside_its_vocabulary_and_ranges(field, value):
    with pytest.raises(ValidationError):
        Event.model_validate(minimal_event(**{field: value}))


# --- modality ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("modality", "is_incident"),
    [
        ({}, True),
        ({"status": "attempted"}, True),
        ({"polarity": "negated"}, False),
        ({"status": "threatened"}, False),
        ({"status": "planned"}, False),
        ({"status": "hypothetical"}, False),
        ({"generic": True}, False),
    ],
    ids=["occurred", "attempted", "negated", "threatened", "planned", "hypothetical", "generic"],
)
def test_only_asserted_occurred_or_attempted_specific_events_are_incidents(modality, is_incident):
    assert Modality(**modality).is_incident is is_incident


# --- results -------------------------------------------------------------------------------------------------
def test_failed_article_result_carries_no_events():
    error = ErrorInfo(input="a.txt", stage="ingest", message="[E002] Input a.txt is empty")
    ArticleResult(article_id="a1", error=error)
    with pytest.raises(ValidationError, match="no events"):
        ArticleResult.model_validate({"article_id": "a1", "error": error.model_dump(), "events": [minimal_event()]})


def test_article_result_rejects_records_of_another_article():
    with pytest.raises(ValidationError, match="belongs to"):
        ArticleResult.model_validate({"article_id": "a2", "events": [minimal_event()]})


def test_aggregate_claim_value_cannot_be_negative():
    data = {"id": "ag-1", "article_id": "a1", "metric": "attacks", "value": -4, "evidence": evidence(0, 3)}
    with pytest.raises(ValidationError):
        AggregateClaim.model_validate(data)
    AggregateClaim.model_validate({**data, "value": 444})
