"""What the three exports share: which events go in, and counts read conservatively."""
from __future__ import annotations

from typing import Iterable, Iterator

from models import ArticleResult, Casualty, CasualtyGroup, Event, Outcome


def incidents(results: Iterable[ArticleResult]) -> Iterator[tuple[ArticleResult, Event]]:
    """Each incident (asserted, occurred or attempted, not generic) of every result; failed articles give none."""
    for result in results:
        if result.error is not None:
            continue
        for event in result.events:
            if event.modality.is_incident:
                yield result, event


def low_count(casualty: Casualty) -> int:
    """The conservative reading of one count: the lower bound when there is one, else the count, else 0."""
    if casualty.low is not None:
        return casualty.low
    return casualty.count or 0


def high_count(casualty: Casualty) -> int:
    """The upper reading: the upper bound when there is one, else the count, else the lower bound, else 0."""
    for value in (casualty.high, casualty.count, casualty.low):
        if value is not None:
            return value
    return 0


def total(event: Event, outcome: Outcome, groups: set[CasualtyGroup] | None = None, *, high: bool = False) -> int:
    """Sum over the casualties of one outcome (optionally some groups); 0 when none is reported."""
    read = high_count if high else low_count
    return sum(read(c) for c in event.casualties if c.outcome == outcome and (groups is None or c.group in groups))


def notes(event: Event) -> str:
    """The sentence that reports the incident, on one line (else its trigger)."""
    return " ".join(event.excerpt.text.split()) if event.excerpt is not None else event.trigger.text
