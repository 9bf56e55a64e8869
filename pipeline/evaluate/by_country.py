"""Place accuracy per country on the real annotated records (``../shared/data``).

The pooled admin1/town figures of ``accuracy`` hide a country that goes wrong behind two that go
right. ``accuracy.measure`` scores every record a second time under the country its source codes for
it (``gold.country``); this module lays those scores out, one row per source and country.
"""
from __future__ import annotations

from typing import Iterable

from .accuracy import SourceReport

PLACE_FIELDS = ("admin1", "town", "town (named in text)")


def country_rows(reports: Iterable[SourceReport]) -> list[list[str]]:
    """Per source, one row per country (most records first): records, then ``accuracy (correct/total)``."""
    rows = []
    for report in reports:
        for part in sorted(report.countries.values(), key=lambda r: (-r.records, r.name)):
            row = [report.name, part.name, str(part.records)]
            for name in PLACE_FIELDS:
                score = part.fields.get(name)
                row.append(f"{score.correct / score.total:.3f} ({score.correct}/{score.total})"
                           if score is not None and score.total else "n/a")
            rows.append(row)
    return rows
