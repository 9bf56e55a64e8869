"""Field values of an aligned pair, as the scorer compares them: actor names, counts, dates."""
from __future__ import annotations

import math
from typing import Iterable

from models import Event, Qualifier, Role, TimePrecision

from .alignment import date_range

OPEN_ABOVE = (Qualifier.at_least, Qualifier.more_than)


def actor_names(event: Event, role: Role) -> dict[str, str]:
    """casefolded name -> name as written, for one role."""
    return {a.name.casefold(): a.name for a in event.actors if a.role == role}


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
