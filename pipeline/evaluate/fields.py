"""Field values of an aligned pair, as the scorer compares them: actor names, counts, dates."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable

from models import Event, Evidence, Qualifier, Role, TimePrecision

from .alignment import date_range

OPEN_ABOVE = (Qualifier.at_least, Qualifier.more_than)


@dataclass(frozen=True)
class Argument:
    """One filler of an argument slot (an actor in a role, a target, a weapon) as the scorer compares it."""

    key: str
    """What must agree when the spans do not: the casefolded canonical name, or the kind."""
    evidence: Evidence | None
    shown: str
    """How an error names it."""


ARGUMENT_FIELDS = ("perpetrator", "perpetrator_named", "perpetrator_generic", "victim", "target_actor", "target",
                   "weapon")


def arguments(event: Event, name: str) -> list[Argument]:
    """The fillers of one argument field of an event (see ``ARGUMENT_FIELDS``)."""
    if name == "target":
        return [Argument(t.kind.value, t.evidence, f"{t.kind.value} ({t.text})") for t in event.targets]
    if name == "weapon":
        return [Argument(w.kind.value, None, w.kind.value) for w in {w.kind: w for w in event.weapons}.values()]
    role = {"perpetrator_named": Role.perpetrator, "perpetrator_generic": Role.perpetrator,
            "target_actor": Role.target}.get(name, Role(name) if name in Role.__members__ else None)
    actors = [a for a in event.actors if a.role == role]
    if name == "perpetrator_named":
        actors = [a for a in actors if a.named]
    elif name == "perpetrator_generic":
        actors = [a for a in actors if not a.named]
    unique = {a.name.casefold(): a for a in actors}
    return [Argument(key, a.evidence, a.name) for key, a in unique.items()]


def match_arguments(gold: list[Argument], pred: list[Argument]) -> tuple[int, list[str], list[str]]:
    """One-to-one pairs of gold and predicted fillers: the same key, or overlapping evidence.

    Returns (pairs, missed gold fillers, spurious predictions). Spans decide where the names differ in
    form only ("two villagers" and "Civilians", "Gul Rahman" and "Rahman"); keys decide the rest.
    """
    free = list(range(len(pred)))
    pairs, missed = 0, []
    for g in gold:
        match = next((i for i in free if pred[i].key == g.key), None)
        if match is None:
            match = next((i for i in free if _overlap(pred[i].evidence, g.evidence)), None)
        if match is None:
            missed.append(g.shown)
            continue
        free.remove(match)
        pairs += 1
    return pairs, sorted(missed), sorted(pred[i].shown for i in free)


def _overlap(a: Evidence | None, b: Evidence | None) -> bool:
    return a is not None and b is not None and a.start < b.end and b.start < a.end


def casualty_values(event: Event, *, by_group: bool) -> dict[str, list]:
    """key -> list of casualty entries."""
    found: dict[str, list] = {}
    for c in event.casualties:
        key = f"{c.outcome.value}.{c.group.value}" if by_group else c.outcome.value
        found.setdefault(key, []).append(c)
    return found


def gold_interval(entries: Iterable) -> tuple[float, float] | None:
    """The counts a gold annotation accepts, summed over its entries; None when none is numeric."""
    low = high = 0.0
    numeric = False
    for c in entries:
        if c.count is None and c.low is None and c.high is None:
            continue
        numeric = True
        lo = c.low if c.low is not None else (c.count if c.count is not None else 0)
        if c.high is not None:
            hi = c.high
        elif c.low is not None or c.qualifier in OPEN_ABOVE:
            hi = math.inf
        else:
            hi = c.count
        low, high = low + lo, high + hi
    return (low, high) if numeric else None


def predicted_count(entries: Iterable) -> int | None:
    values = [next((v for v in (c.count, c.low, c.high) if v is not None), None) for c in entries]
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def show_interval(interval: tuple[float, float] | None):
    if interval is None:
        return None
    lo, hi = interval
    if lo == hi:
        return int(lo)
    return f"{int(lo)}+" if math.isinf(hi) else f"{int(lo)}-{int(hi)}"


def date_ok(pred: Event, gold: Event) -> bool:
    p, g = date_range(pred), date_range(gold)
    if p is None or g is None:
        return False
    if gold.time.precision == TimePrecision.day:
        return g[0] <= p[0] <= g[1]
    return p[0] <= g[1] and g[0] <= p[1]


def show_date(event: Event):
    r = date_range(event)
    if r is None:
        return None
    return r[0].isoformat() if r[0] == r[1] else f"{r[0].isoformat()}/{r[1].isoformat()}"
