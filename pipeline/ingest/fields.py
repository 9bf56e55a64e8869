"""Field names of input records, mapped to ``Article`` fields in this one place.

Records (JSON, JSONL, CSV rows) and sidecars use the same names. For each field the first name
present with a non-blank value wins, in the order listed.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Mapping

from ..errors import Errors

TEXT = ("text", "maintext", "body", "content")
PUBLISHED = ("published", "pub_date", "publish_date", "date_publish", "date")
TITLE = ("title", "headline")
URL = ("url",)
ID = ("id", "story_id")

SIDECAR = {"published": PUBLISHED, "title": TITLE, "url": URL}
"""What a ``NAME.meta.json`` sidecar may give: never text or id (those come from the article file)."""


class IngestError(ValueError):
    """A numbered message about one input; becomes a ``Failure``."""


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def pick(record: Mapping[str, Any], names: tuple[str, ...]) -> tuple[str, Any] | None:
    """``(name, value)`` of the first field in ``names`` with a non-blank value, else None."""
    for name in names:
        if name in record and not _blank(record[name]):
            return name, record[name]
    return None


def text_of(record: Mapping[str, Any], where: str) -> str:
    found = pick(record, TEXT)
    if found is None:
        if any(name in record and record[name] is not None for name in TEXT):
            raise IngestError(Errors.E100.format(path=where))
        raise IngestError(Errors.E005.format(path=where, fields="|".join(TEXT)))
    name, value = found
    if not isinstance(value, str):
        raise IngestError(Errors.E106.format(field=name, path=where, kind=type(value).__name__))
    return value


def string_of(record: Mapping[str, Any], names: tuple[str, ...], where: str) -> str | None:
    found = pick(record, names)
    if found is None:
        return None
    name, value = found
    if not isinstance(value, str):
        raise IngestError(Errors.E106.format(field=name, path=where, kind=type(value).__name__))
    return value.strip()


def id_of(record: Mapping[str, Any], where: str) -> str | None:
    found = pick(record, ID)
    if found is not None and isinstance(found[1], int) and not isinstance(found[1], bool):
        return str(found[1])  # numeric story ids are common (news APIs, GDELT)
    return string_of(record, ID, where)


def published_of(record: Mapping[str, Any], where: str) -> dt.datetime | dt.date | None:
    found = pick(record, PUBLISHED)
    if found is None:
        return None
    name, value = found
    return parse_published(value, where=f"{where} (field {name!r})")


_OFFSET = re.compile(r"(?<=\d)([+-]\d{2})(\d{2})$")
_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_published(value: Any, *, where: str) -> dt.datetime | dt.date:
    """An ISO 8601 date or datetime; a timezone offset is kept, never converted.

    Only ISO forms are accepted: ``03/04/2025`` or ``March 4`` are ambiguous (day/month order,
    year) and a wrong anchor silently shifts every relative date in the article, so they fail.
    """
    if isinstance(value, dt.datetime | dt.date):
        return value
    if not isinstance(value, str):
        reason = f"a {type(value).__name__}, expected an ISO 8601 string"
        raise IngestError(Errors.E006.format(value=value, path=where, reason=reason))
    text = value.strip()
    # Python 3.10's fromisoformat knows neither 'Z' nor '+0500'
    normalized = _OFFSET.sub(r"\1:\2", text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text)
    try:
        if _DATE_ONLY.fullmatch(normalized):
            return dt.date.fromisoformat(normalized)
        return dt.datetime.fromisoformat(normalized)
    except ValueError as err:
        raise IngestError(Errors.E006.format(value=value, path=where, reason=f"{err}; expected ISO 8601 "
                                             "such as 2025-01-10 or 2025-01-10T08:30:00+05:00")) from None
