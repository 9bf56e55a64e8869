"""Main text, title and publication date of an HTML page, through trafilatura.

The date comes from the page's metadata only: ``<meta>`` tags (including microdata in the body),
JSON-LD and the canonical URL. trafilatura's own metadata pass is not enough for that: even with
``extensive_search=False`` htmldate 1.x falls back to scanning the title, headings and, last, the
body text for any date-like string, and would take "the attack of 2024-02-01" for the publication
date. A wrong anchor shifts every relative date in the article, so no date is better than a guess;
the date search therefore runs on a copy of the page that holds nothing but those metadata
elements.
"""
from __future__ import annotations

import datetime as dt
import re
from copy import deepcopy
from dataclasses import dataclass
from typing import Any

from ..errors import Errors
from .fields import IngestError, parse_published

DATE_PARAMS = {
    "extensive_search": False,
    "original_date": True,  # first publication, not "updated"
    "deferred_url_extractor": True,  # a full timestamp in a meta tag beats a date in the URL
    # keep time and offset when the page gives them; a date-only value yields 'T00:00:00'
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
}
METADATA_XPATH = '//meta|//link[@rel="canonical"]|//script[@type="application/ld+json"]'
_MIDNIGHT_NAIVE = re.compile(r"^(\d{4}-\d{2}-\d{2})T00:00:00$")


@dataclass(frozen=True)
class Page:
    text: str
    title: str | None
    published: dt.datetime | dt.date | None


def read_html(markup: str, where: str) -> Page:
    """Raises ``IngestError`` (E103) when the page has no article text."""
    # imported here: runs over plain text and JSON never pay for trafilatura
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    document: Any = bare_extraction(markup, with_metadata=True, include_comments=False,
                                    date_extraction_params=dict(DATE_PARAMS))
    text = (document.text or "") if document is not None else ""
    if not text.strip():
        raise IngestError(Errors.E103.format(path=where))
    tree = load_html(markup)
    return Page(text=text, title=document.title or None,
                published=_published(tree, where) if tree is not None else None)


def _published(tree, where: str) -> dt.datetime | dt.date | None:
    from htmldate import find_date
    from lxml import html

    metadata = html.fromstring("<html><head></head><body></body></html>")
    head = metadata.find("head")
    for element in tree.xpath(METADATA_XPATH):
        copy = deepcopy(element)
        copy.tail = None
        head.append(copy)
    found = find_date(metadata, **DATE_PARAMS)  # type: ignore[arg-type]
    if not found:
        return None
    # htmldate cannot tell a date-only value from midnight: a page that states a time almost
    # always states its offset too, so naive midnight is read as a bare date
    return parse_published(_MIDNIGHT_NAIVE.sub(r"\1", found), where=f"{where} (HTML metadata)")
