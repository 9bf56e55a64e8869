"""Resolving a date expression to a (start, end, precision) range, anchored on the publication date.

dateparser does the parsing; this module decides what needs an anchor, turns "last week" into the
week it names, and caches every answer so a batch never parses the same expression twice.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ..rules import Rule, package_rules

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
FILLER = re.compile(r"\b(on|the|of|night|morning|evening|afternoon|midnight|night's|in|during|since|for|throughout|"
                    r"until|through|calendar|early|late|mid)\b", re.I)


class RelativePhrase(Rule):
    """A relative date phrase dateparser does not know, and how it says the same ("last night": "yesterday")."""

    phrase: str
    means: str
    note: str | None = None


RELATIVE_WORDS = {r.phrase: r.means for r in package_rules(__package__, "relative_phrases.jsonl", RelativePhrase)}


@dataclass(frozen=True)
class ResolvedDate:
    start: dt.date
    end: dt.date
    precision: str
    approximate: bool = False


def resolve_date(text: str, kind: str, precision: str, anchor: dt.date | None, needs_anchor: bool) -> ResolvedDate | None:
    """Resolve one expression; None when it cannot be resolved (never guessed from today's date)."""
    if needs_anchor and anchor is None:
        return None
    key = re.sub(r"\s+", " ", text.strip().lower().rstrip(":"))
    return _resolve(key, kind, precision, anchor if needs_anchor or kind in {"relative", "period", "weekday"} else None)


@lru_cache(maxsize=8192)
def _resolve(text: str, kind: str, precision: str, anchor: dt.date | None) -> ResolvedDate | None:
    if kind == "weekday":
        return _weekday(text, anchor) if anchor is not None else None
    if kind == "period":
        return _period(text, precision, anchor) if anchor is not None else None
    if kind == "year":
        found = re.search(r"(19|20)\d\d", text)
        if found is None:
            return None
        year = int(found.group(0))
        return ResolvedDate(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    if kind == "relative":
        text = RELATIVE_WORDS.get(text, text)
    if kind == "absolute":
        unknown_part = _with_unknown_part(text)
        if unknown_part is not None:
            return unknown_part
    parsed = _dateparser(FILLER.sub(" ", text).strip() if kind == "month" else text, anchor)
    if parsed is None:
        return None
    if kind == "month":
        if anchor is not None and not re.search(r"(19|20)\d\d", text) and parsed > anchor:
            parsed = parsed.replace(year=parsed.year - 1)
        last = calendar.monthrange(parsed.year, parsed.month)[1]
        return ResolvedDate(parsed.replace(day=1), parsed.replace(day=last), "month")
    if anchor is not None and kind == "absolute" and not re.search(r"(19|20)\d\d", text) and parsed > anchor:
        # "14 March" in an article of 2 January is last year's March.
        try:
            parsed = parsed.replace(year=parsed.year - 1)
        except ValueError:
            return None
    return ResolvedDate(parsed, parsed, precision)


_NUMERIC_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def _with_unknown_part(text: str) -> ResolvedDate | None:
    """"08/00/2016": a day (or month) of 00 means unknown, as analysts write it: the month (or year) is known.

    dateparser would fill the missing part from today's date.
    """
    found = _NUMERIC_DATE.fullmatch(text)
    if found is None:
        return None
    month, day, year = (int(g) for g in found.groups())
    if month == 0 and 1900 <= year <= 2100:
        return ResolvedDate(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    if day == 0 and 1 <= month <= 12 and 1900 <= year <= 2100:
        last = calendar.monthrange(year, month)[1]
        return ResolvedDate(dt.date(year, month, 1), dt.date(year, month, last), "month")
    return None


_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name} | {"sept": 9}
_DAY_MONTH_YEAR = re.compile(r"(?:on |the )*(\d{1,2})(?:st|nd|rd|th)?(?: of)? ([a-z]+)\.?,? (\d{4})")
_MONTH_DAY_YEAR = re.compile(r"(?:on )?([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})")


def _fast_absolute(text: str) -> dt.date | None:
    """A full date with its year ("03/21/2016", "9 may 2020", "may 9, 2020"), read without dateparser.

    These make up most dates of dense reporting; dateparser reads them the same way (month first in
    numeric dates, as its DATE_ORDER below), only far slower. Anything else goes to dateparser.
    """
    found = _NUMERIC_DATE.fullmatch(text)
    if found is not None:
        month, day, year = (int(g) for g in found.groups())
        if month > 12 >= day:
            month, day = day, month  # "21/03/2016" can only be day first
        parts: tuple[int, int, int] = (year, month, day)
    elif (found := _DAY_MONTH_YEAR.fullmatch(text)) is not None and found.group(2) in _MONTHS:
        parts = (int(found.group(3)), _MONTHS[found.group(2)], int(found.group(1)))
    elif (found := _MONTH_DAY_YEAR.fullmatch(text)) is not None and found.group(1) in _MONTHS:
        parts = (int(found.group(3)), _MONTHS[found.group(1)], int(found.group(2)))
    else:
        return None
    try:
        return dt.date(*parts) if 1900 <= parts[0] <= 2100 else None
    except ValueError:
        return None


def _dateparser(text: str, anchor: dt.date | None) -> dt.date | None:
    fast = _fast_absolute(text)
    if fast is not None:
        return fast
    import dateparser

    # A part the text does not give is never taken from today: the first of the month, not today's day.
    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False, "DATE_ORDER": "MDY",
                "PREFER_DAY_OF_MONTH": "first"}
    if anchor is not None:
        settings["RELATIVE_BASE"] = dt.datetime(anchor.year, anchor.month, anchor.day, 12, 0)
    try:
        value = dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError):
        return None
    return value.date() if value is not None else None


def _weekday(text: str, anchor: dt.date) -> ResolvedDate | None:
    name = next((d for d in WEEKDAYS if d in text), None)
    if name is None:
        return None
    parsed = _dateparser(name, anchor)
    if parsed is None:
        return None
    # News usage: a weekday names the most recent such day, the publication day itself included.
    if WEEKDAYS.index(name) == anchor.weekday() and "last" not in text:
        parsed = anchor
    return ResolvedDate(parsed, parsed, "day")


def _period(text: str, precision: str, anchor: dt.date) -> ResolvedDate | None:
    # "this year", "since the start of the year", "the first nine months of the year": the current one;
    # "last year": the one before.
    offset = 0 if re.search(r"\b(this|earlier|later|since)\b|\bof the year\b", text) else -1
    if precision == "week":
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=offset)
        end = monday + dt.timedelta(days=6)
        if offset == 0:
            end = min(end, anchor)
        return ResolvedDate(monday, end, "week", approximate=True)
    if precision == "month":
        year, month = anchor.year, anchor.month + offset
        if month == 0:
            year, month = year - 1, 12
        last = calendar.monthrange(year, month)[1]
        end = dt.date(year, month, last)
        if offset == 0:
            end = min(end, anchor)
        return ResolvedDate(dt.date(year, month, 1), end, "month", approximate=True)
    if precision == "year":
        year = anchor.year + offset
        end = dt.date(year, 12, 31) if offset else anchor
        return ResolvedDate(dt.date(year, 1, 1), end, "year", approximate=True)
    return None
