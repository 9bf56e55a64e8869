"""The scorer's arithmetic on small hand-built cases, each computed by hand."""
from __future__ import annotations

import datetime as dt

import pytest

from models import (
    Actor,
    AggregateClaim,
    Casualty,
    CasualtyGroup,
    Event,
    EventTime,
    EventType,
    Evidence,
    GeoPrecision,
    Location,
    Metric,
    Modality,
    Outcome,
    Qualifier,
    Role,
    Status,
    TimePrecision,
)
from pipeline.evaluate.alignment import align, comparable_name, similarity
from pipeline.evaluate.fields import gold_interval
from pipeline.evaluate.scorer import Counts, score

TEXT = (
    "Gunmen opened fire on a police van in Lakki Marwat on Tuesday, killing three policemen. "
    "Separately, a roadside bomb exploded in Bannu on Monday. "
    "There were 444 attacks in 2024."
)
ARTICLE = "a.txt"
DAY = dt.date(2025, 2, 18)


def span(phrase: str, sentence: int = 0) -> Evidence:
    start = TEXT.index(phrase)
    return Evidence(start=start, end=start + len(phrase), text=phrase, sentence=sentence)


def place(name: str, admin2: str, *, precision=GeoPrecision.town, admin1: str = "Khyber Pakhtunkhwa") -> Location:
    return Location(text=name, name=name, admin1=admin1, admin2=admin2, precision=precision, country="PK")


def day(value: dt.date = DAY, precision=TimePrecision.day, end: dt.date | None = None) -> EventTime:
    return EventTime(start=value, end=end or value, precision=precision)


def killed(count=None, group=CasualtyGroup.police, **kw) -> Casualty:
    return Casualty(outcome=Outcome.killed, group=group, count=count, **kw)


def assault(**update) -> Event:
    base = Event(id="e1", article_id=ARTICLE, type=EventType.armed_assault, trigger=span("opened fire"),
                 actors=[Actor(text="Gunmen", name="Unidentified gunmen", kind="unidentified_armed_group",
                               role=Role.perpetrator)],
                 location=place("Lakki Marwat", "Lakki Marwat", precision=GeoPrecision.admin2),
                 time=day(), casualties=[killed(3)])
    return base.model_copy(update=update)


def bomb(**update) -> Event:
    base = Event(id="e2", article_id=ARTICLE, type=EventType.remote_explosive, trigger=span("roadside bomb", 1),
                 location=place("Bannu", "Bannu", precision=GeoPrecision.admin2), time=day(dt.date(2025, 2, 17)))
    return base.model_copy(update=update)


def attacks(value=444, **update) -> AggregateClaim:
    base = AggregateClaim(id="a1", article_id=ARTICLE, metric=Metric.attacks, value=value,
                          evidence=span("444 attacks", 2))
    return base.model_copy(update=update)


def run(gold, pred, **kw):
    g_aggs = kw.pop("gold_aggregates", [])
    p_aggs = kw.pop("pred_aggregates", [])
    return score({ARTICLE: gold}, {ARTICLE: pred}, gold_aggregates={ARTICLE: g_aggs},
                 predicted_aggregates={ARTICLE: p_aggs}, texts={ARTICLE: TEXT}, **kw)


def prf(report, name):
    c = report.fields[name]
    return (round(c.precision, 4), round(c.recall, 4), round(c.f1, 4), c.tp, c.fp, c.fn)


# -- counts and conventions ----------------------------------------------------------------------


@pytest.mark.parametrize("counts,expected", [
    (Counts(2, 1, 1), (2 / 3, 2 / 3, 2 / 3)),
    (Counts(1, 0, 3), (1.0, 0.25, 0.4)),
    (Counts(0, 0, 5), (0.0, 0.0, 0.0)),   # no predictions: precision 0 by convention
    (Counts(0, 4, 0), (0.0, 0.0, 0.0)),   # nothing in gold, predictions: recall 0
    (Counts(0, 0, 0), (1.0, 1.0, 1.0)),   # nothing at all: vacuously perfect
])
def test_precision_recall_f1_and_zero_conventions(counts, expected):
    assert (counts.precision, counts.recall, counts.f1) == pytest.approx(expected)


# -- events ------------------------------------------------------------------------------------


def test_perfect_match_scores_one_everywhere():
    report = run([assault(), bomb()], [assault(id="p1"), bomb(id="p2")],
                 gold_aggregates=[attacks()], pred_aggregates=[attacks(id="x")])
    for name, counts in report.fields.items():
        assert (counts.fp, counts.fn) == (0, 0), name
    assert prf(report, "event") == (1.0, 1.0, 1.0, 2, 0, 0)
    assert prf(report, "killed.police") == (1.0, 1.0, 1.0, 1, 0, 0)
    assert prf(report, "aggregate") == (1.0, 1.0, 1.0, 1, 0, 0)
    assert report.errors == []


def test_empty_predictions_give_recall_and_precision_zero():
    report = run([assault(), bomb()], [], gold_aggregates=[attacks()])
    assert prf(report, "event") == (0.0, 0.0, 0.0, 0, 0, 2)
    assert prf(report, "aggregate") == (0.0, 0.0, 0.0, 0, 0, 1)
    assert {e["kind"] for e in report.errors} == {"missed_event", "missed_aggregate"}
    # fields are scored on aligned pairs only: nothing aligned, nothing counted
    assert prf(report, "type")[3:] == (0, 0, 0)


def test_one_spurious_prediction_lowers_precision_only():
    report = run([assault()], [assault(id="p1"), bomb(id="p2")])
    assert prf(report, "event") == (0.5, 1.0, 0.6667, 1, 1, 0)
    spurious = [e for e in report.errors if e["kind"] == "spurious_event"]
    assert len(spurious) == 1
    assert spurious[0]["predicted_id"] == "p2" and spurious[0]["predicted_evidence"] == "roadside bomb"


def test_one_wrong_field_is_a_false_positive_and_a_false_negative():
    # the same incident coded as a targeted killing: aligned, the type is wrong, the family is not
    report = run([assault()], [assault(id="p1", type=EventType.targeted_killing)])
    assert prf(report, "event") == (1.0, 1.0, 1.0, 1, 0, 0)
    assert prf(report, "type") == (0.0, 0.0, 0.0, 0, 1, 1)
    assert prf(report, "type_family") == (1.0, 1.0, 1.0, 1, 0, 0)
    wrong = [e for e in report.errors if e["field"] == "type"]
    assert wrong == [{**wrong[0], "kind": "wrong_value", "gold": "armed_assault", "predicted": "targeted_killing",
                      "article_id": ARTICLE}]
    assert "opened fire" in wrong[0]["context"]


def test_missing_and_extra_values_count_once():
    pred = assault(id="p1", location=None, time=EventTime(),
                   actors=[Actor(text="police", name="Police", kind="police", role=Role.victim)])
    report = run([assault()], [pred])
    assert prf(report, "admin2")[3:] == (0, 0, 1)       # gold had it, prediction did not
    assert prf(report, "date")[3:] == (0, 0, 1)
    assert prf(report, "perpetrator")[3:] == (0, 0, 1)
    assert prf(report, "victim")[3:] == (0, 1, 0)       # predicted, absent from gold


def test_actor_names_compare_per_name_case_insensitively():
    gold = assault(actors=[
        Actor(text="TTP", name="Tehrik-i-Taliban Pakistan", kind="militant_group", role=Role.perpetrator),
        Actor(text="gunmen", name="Unidentified gunmen", kind="unidentified_armed_group", role=Role.perpetrator)])
    pred = assault(id="p1", actors=[
        Actor(text="TTP", name="tehrik-i-taliban pakistan", kind="militant_group", role=Role.perpetrator),
        Actor(text="BLA", name="Balochistan Liberation Army", kind="separatist_group", role=Role.perpetrator)])
    report = run([gold], [pred])
    assert prf(report, "perpetrator") == (0.5, 0.5, 0.5, 1, 1, 1)


def test_partial_casualties_score_per_outcome_and_group():
    gold = assault(casualties=[killed(3), Casualty(outcome=Outcome.injured, group=CasualtyGroup.police, count=2),
                               killed(4, group=CasualtyGroup.militants)])
    pred = assault(id="p1", casualties=[killed(3), killed(5, group=CasualtyGroup.militants),
                                        killed(1, group=CasualtyGroup.civilians)])
    report = run([gold], [pred])
    assert prf(report, "killed.police") == (1.0, 1.0, 1.0, 1, 0, 0)
    assert prf(report, "killed.militants") == (0.0, 0.0, 0.0, 0, 1, 1)     # 5 instead of 4
    assert prf(report, "injured.police") == (0.0, 0.0, 0.0, 0, 0, 1)       # missed
    assert prf(report, "killed.civilians") == (0.0, 0.0, 0.0, 0, 1, 0)     # spurious
    # casualties sums the keys: tp 1, fp 2, fn 2
    assert prf(report, "casualties") == (0.3333, 0.3333, 0.3333, 1, 2, 2)


@pytest.mark.parametrize("gold,predicted,ok", [
    (killed(5, low=5, qualifier=Qualifier.at_least), 7, True),        # "at least 5": 7 lies within
    (killed(5, low=5, qualifier=Qualifier.at_least), 4, False),
    (killed(None, low=10, high=15, qualifier=Qualifier.approximately), 12, True),
    (killed(None, low=10, high=15, qualifier=Qualifier.approximately), 16, False),
    (killed(None, low=3, qualifier=Qualifier.vague), 3, True),       # "several"
    (killed(12, qualifier=Qualifier.approximately), 12, True),
    (killed(12, qualifier=Qualifier.approximately), 11, False),
    (killed(10, high=10, qualifier=Qualifier.at_most), 10, True),
])
def test_gold_ranges_and_lower_bounds_accept_predictions_inside(gold, predicted, ok):
    report = run([assault(casualties=[gold])], [assault(id="p1", casualties=[killed(predicted)])])
    assert prf(report, "killed.police")[3:] == ((1, 0, 0) if ok else (0, 1, 1))


def test_gold_interval_sums_entries_of_one_key():
    assert gold_interval([killed(2), killed(None, low=3, qualifier=Qualifier.vague)]) == (5, float("inf"))
    assert gold_interval([killed(None)]) is None


def test_dates_day_equality_and_coarse_overlap():
    week = day(dt.date(2025, 2, 10), TimePrecision.week, end=dt.date(2025, 2, 16))
    report = run([assault(time=week)], [assault(id="p1", time=day(dt.date(2025, 2, 12)))])
    assert prf(report, "date")[3:] == (1, 0, 0)
    report = run([assault()], [assault(id="p1", time=day(dt.date(2025, 2, 17)))])
    assert prf(report, "date")[3:] == (0, 1, 1)


def test_town_is_scored_only_at_town_precision():
    gold = assault(location=place("Naurang", "Lakki Marwat"))
    pred = assault(id="p1", location=place("Lakki Marwat district", "Lakki Marwat district", precision=GeoPrecision.admin2))
    report = run([gold], [pred])
    assert prf(report, "town")[3:] == (0, 0, 1)
    assert prf(report, "admin2")[3:] == (1, 0, 0)   # "district" is ignored by the normalization


def test_unrelated_events_stay_unmatched():
    far = bomb(id="p1", type=EventType.protest, trigger=span("444 attacks", 2),
               location=place("Quetta", "Quetta", admin1="Balochistan"), time=day(dt.date(2024, 1, 1)))
    assert similarity(far, assault()) < 0.4
    report = run([assault()], [far])
    assert prf(report, "event")[3:] == (0, 1, 1)


def test_alignment_is_one_to_one_and_prefers_the_closer_event():
    preds = [bomb(id="p1"), assault(id="p2"), assault(id="p3", trigger=span("killing"))]
    pairs = align(preds, [assault(), bomb()])
    assert sorted((p, g) for p, g, _ in pairs) == [(0, 1), (1, 0)]


def test_only_incidents_are_scored_unless_all_modalities():
    threat = bomb(id="e2", modality=Modality(status=Status.threatened))
    report = run([assault(), threat], [assault(id="p1")])
    assert prf(report, "event")[3:] == (1, 0, 0)
    assert report.gold_events == 1
    report = run([assault(), threat], [assault(id="p1")], all_modalities=True)
    assert prf(report, "event")[3:] == (1, 0, 1)
    assert "modality" in report.fields


def test_aggregates_match_by_metric_and_value():
    report = run([], [], gold_aggregates=[attacks(), attacks(12, id="a2", metric=Metric.deaths)],
                 pred_aggregates=[attacks(id="x1"), attacks(13, id="x2", metric=Metric.deaths)])
    assert prf(report, "aggregate") == (0.5, 0.5, 0.5, 1, 1, 1)
    report = run([], [], gold_aggregates=[attacks(400, qualifier=Qualifier.more_than)],
                 pred_aggregates=[attacks(444, id="x1")])
    assert prf(report, "aggregate")[3:] == (1, 0, 0)


def test_partial_gold_does_not_score_what_the_gold_leaves_empty():
    gold = assault(actors=[], casualties=[], time=EventTime())
    report = run([gold], [assault(id="p1")], partial_gold=True)
    assert prf(report, "perpetrator")[3:] == (0, 0, 0)
    assert prf(report, "date")[3:] == (0, 0, 0)
    assert "killed.police" not in report.fields


def test_casualties_by_outcome_only_sum_the_groups():
    gold = assault(casualties=[Casualty(outcome=Outcome.killed, count=4)])
    pred = assault(id="p1", casualties=[killed(3), killed(1, group=CasualtyGroup.militants)])
    report = run([gold], [pred], by_group=False)
    assert prf(report, "killed")[3:] == (1, 0, 0)


def test_predictions_for_unknown_articles_are_listed_not_scored():
    report = score({ARTICLE: [assault()]}, {ARTICLE: [assault(id="p1")], "other.txt": [bomb()]})
    assert report.unknown_articles == ["other.txt"]
    assert prf(report, "event")[3:] == (1, 0, 0)


@pytest.mark.parametrize("a,b", [("Kurram District", "kurram"), ("Dera Ismail Khan", "dera-ismail khan"),
                                 ("Khyber Pakhtunkhwa", "KHYBER PAKHTUNKHWA"), ("Kunduz Province", "Kunduz")])
def test_place_names_are_normalized(a, b):
    assert comparable_name(a) == comparable_name(b)
