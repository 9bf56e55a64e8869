"""Dates: resolved against the publication date, never against today's date."""
from __future__ import annotations

import datetime as dt

import pytest
from conftest import extract_checked

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Militants attacked a police post in Bannu on Thursday.", [("on Thursday", "weekday")]),
        ("03/14/2019: Assailants attacked a checkpoint in Khost province.", [("03/14/2019", "absolute")]),
        ("On 9 May 2020, gunmen killed three policemen in Quetta.", [("9 May 2020", "absolute")]),
        ("Militants attacked a checkpoint in Tank last week.", [("last week", "period")]),
        ("The country witnessed 444 terrorist attacks in 2024.", [("in 2024", "year")]),
    ],
    ids=["weekday", "mm-dd-yyyy-prefix", "day-month-year", "last-week", "year"],
)
def test_date_expressions_are_tagged_with_their_kind(nlp, text, expected):
    doc = nlp(text)
    assert [(s.text, s.label_) for s in doc.spans["newsevents_dates"]] == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Militants attacked a police post in Bannu on Thursday.", "2025-01-10",
         (dt.date(2025, 1, 9), dt.date(2025, 1, 9), "day")),
        ("Three policemen were martyred in an attack in Lakki Marwat on Tuesday, police said.", "2025-01-10",
         (dt.date(2025, 1, 7), dt.date(2025, 1, 7), "day")),
        ("Militants attacked a checkpoint in Tank yesterday.", "2025-01-10",
         (dt.date(2025, 1, 9), dt.date(2025, 1, 9), "day")),
        ("Militants attacked a checkpoint in Tank on January 3, killing one soldier.", "2025-01-10",
         (dt.date(2025, 1, 3), dt.date(2025, 1, 3), "day")),
        ("Militants attacked a checkpoint in Tank on December 28, killing one soldier.", "2025-01-10",
         (dt.date(2024, 12, 28), dt.date(2024, 12, 28), "day")),
        ("03/14/2019: Assailants attacked a checkpoint in Khost province, killing two soldiers.", None,
         (dt.date(2019, 3, 14), dt.date(2019, 3, 14), "day")),
        ("On 9 May 2020, gunmen killed three policemen in Quetta.", None,
         (dt.date(2020, 5, 9), dt.date(2020, 5, 9), "day")),
        ("Militants attacked a checkpoint in Tank last week, killing one soldier.", "2025-01-10",
         (dt.date(2024, 12, 30), dt.date(2025, 1, 5), "week")),
    ],
    ids=["on-thursday", "on-tuesday", "yesterday", "month-day", "month-day-previous-year", "mm-dd-yyyy-prefix",
         "on-9-may-2020", "last-week"],
)
def test_event_time_is_resolved_against_the_publication_date(nlp, text, published, expected):
    result = extract_checked(nlp, text, published=published)
    [event] = result.events
    assert (event.time.start, event.time.end, event.time.precision.value) == expected
    if published:
        assert event.time.anchor == dt.date.fromisoformat(published)


@pytest.mark.parametrize(
    "text",
    [
        "Militants attacked a police post in Bannu on Thursday.",
        "Militants attacked a checkpoint in Tank yesterday.",
        "Militants attacked a checkpoint in Tank on January 3, killing one soldier.",
        "Militants attacked a checkpoint in Tank last week, killing one soldier.",
    ],
    ids=["weekday", "yesterday", "month-day", "last-week"],
)
def test_relative_date_without_publication_date_stays_unresolved(nlp, text):
    result = extract_checked(nlp, text, published=None)
    [event] = result.events
    assert event.time.start is None and event.time.end is None
    assert event.time.precision.value == "unknown"
    assert event.time.text  # the expression is still quoted for a human to resolve
    assert any("[W002]" in w for w in result.warnings)


def test_unresolved_date_is_never_todays_date(nlp):
    result = extract_checked(nlp, "Gunmen killed a shopkeeper in Peshawar on Monday.", published=None)
    (event,) = result.events
    assert event.time.text == "on Monday"
    assert event.time.start is None and event.time.end is None


def test_weekday_is_the_most_recent_one_on_or_before_publication(nlp):
    # 2025-01-10 is a Friday: "on Friday" is the day of publication, "on Saturday" the week before.
    friday = extract_checked(nlp, "A bomb exploded in Quetta on Friday.", published="2025-01-10").events[0]
    saturday = extract_checked(nlp, "A bomb exploded in Quetta on Saturday.", published="2025-01-10").events[0]
    assert friday.time.start == dt.date(2025, 1, 10)
    assert saturday.time.start == dt.date(2025, 1, 4)


def test_dateline_date_dates_the_incident_below_it(nlp):
    text = "05/02/2018: Gunmen attacked a polling station in Quetta. Two policemen were killed."
    result = extract_checked(nlp, text, published=None)
    assert result.events and all(e.time.start == dt.date(2018, 5, 2) for e in result.events)


def test_a_day_written_00_leaves_the_month_known_and_is_never_taken_from_today(nlp):
    result = extract_checked(nlp, "08/00/2016: Assailants attacked a checkpoint in Kunduz.", published=None)
    (event,) = result.events
    assert (event.time.start, event.time.end) == (dt.date(2016, 8, 1), dt.date(2016, 8, 31))
    assert event.time.precision.value == "month"
