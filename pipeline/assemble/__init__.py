"""Assembly: from an annotated Doc to typed decisions about the article's incidents and statistics.

One module per decision: ``segmentation`` (which sentences tell which incident), ``aggregates``
(period statistics), ``arguments`` (what an incident's sentences say), ``event_type``, ``roles``,
``merging`` (a headline and its story), ``place``, ``time`` and ``tolls`` (the event's place, time
and casualties), ``event`` (one incident put together) and ``mentions``. What they decide is handed
on as the frozen values of ``types``; ``records.py`` only turns those into the Pydantic records.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from spacy.tokens import Doc

from .aggregates import find_aggregates
from .arguments import sketch, with_roles
from .coordination import split_coordinated
from .event import build_event
from .mentions import actor_mentions, place_mentions
from .merging import merge_duplicates
from .place import PlaceResolver
from .rules import StageRules
from .segmentation import segment
from .time import beside_previous, resolve
from .types import AssembledAggregate, AssembledArticle, AssembledEvent
from .view import DocView


def assemble(doc: Doc, rules: StageRules, anchor: dt.date | None, text: str | None = None) -> AssembledArticle:
    """The article's incidents, statistics and mentions; ``anchor`` resolves relative dates.

    ``text`` is the text the Doc was made from, if the caller has it (saves joining the tokens again).
    """
    view = DocView(doc, rules, text)
    statistics = find_aggregates(view)
    incidents = segment(view, statistics.tokens, statistics.links)
    sketches = merge_duplicates(view, incidents, lambda incident: sketch(view, incident, statistics.links))
    events = [part for event in sketches for part in split_coordinated(view, with_roles(view, event))]
    places = PlaceResolver(view)
    built: list[AssembledEvent] = []
    for event in events:
        assembled = build_event(view, places, event, anchor)
        time = beside_previous(view, event.trigger, assembled.time, built[-1].time if built else None)
        built.append(assembled if time is assembled.time else replace(assembled, time=time))
    return AssembledArticle(
        events=tuple(built),
        aggregates=tuple(AssembledAggregate(a.metric, a.value, a.qualifier, view.text_span(a.span),
                                            resolve(view, a.period, anchor)) for a in statistics.mentions),
        actors=actor_mentions(view, places.country),
        places=place_mentions(view, places),
    )


__all__ = ["AssembledArticle", "StageRules", "assemble"]
