"""The event's tolls: how many were killed, injured, kidnapped or arrested, per group.

Within a sentence the phrases add up ("two soldiers and a civilian"); a later sentence restating a toll
does not add to it, the larger reading wins. A total that lists its parts ("six people, including four
assailants") keeps only its remainder, and one told elsewhere that the described tolls already cover
is dropped. A suicide bomber dies in the attack: counted as a killed militant
unless the text already counts one.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from spacy.tokens import Span

from ..casualties.links import CasualtyLink
from .arguments import IncidentArguments
from .types import Toll
from .view import DocView
from .words import WORDS


@dataclass(frozen=True)
class _Reading:
    """A count read from one or more phrases of one sentence, with the phrase that evidences it."""

    count: int | None
    low: int | None
    high: int | None
    qualifier: str
    phrase: tuple[int, int]
    whole: bool = False
    """The toll itself ("bringing the death toll to seven"), not one more group of people."""


def event_tolls(view: DocView, event: IncidentArguments) -> tuple[Toll, ...]:
    links = event.links
    # ``part_of`` names the total by its id (its place among the document's links), not by its
    # place in this incident's list: an incident holds only some of the document's links.
    by_id = {link.id: link for link in links}
    part_of = {link.id: link.part_of for link in links if link.part_of in by_id} | broken_down(view, event)
    totals = set(part_of.values())
    groups = counted_groups(view, event)
    per_sentence: dict[tuple[str, str], dict[int, list[_Reading]]] = defaultdict(lambda: defaultdict(list))
    for link in links:
        if link.id not in totals:
            key = (link.outcome, groups.get((link.outcome, link.group), link.group))
            per_sentence[key][view.sentence_of(link.phrase[0])].append(_reading(view, link))
    for total_id in sorted(totals):
        total = by_id[total_id]
        known = sum(by_id[part].count or 0 for part, whole in part_of.items() if whole == total_id)
        if total.count is not None and total.count > known:
            remainder = _Reading(total.count - known, None, None, total.qualifier, total.phrase)
            key = (total.outcome, groups.get((total.outcome, total.group), total.group))
            per_sentence[key][view.sentence_of(total.phrase[0])].append(remainder)
    tolls = []
    for (outcome, group), sentences in per_sentence.items():
        best = None
        for _, items in sorted(sentences.items()):
            summed = _sum(items)
            if best is None or _size(summed) > _size(best):
                best = summed
        assert best is not None
        tolls.append(Toll(outcome, group, best.count, best.low, best.high, best.qualifier,
                          view.tokens(*best.phrase)))
    tolls = _without_restatements(tolls)
    bombers = _suicide_attackers(view, event)
    if bombers is not None:
        span, count = bombers
        tolls.append(Toll("killed", "militants", count, None, None, "exact", view.text_span(span)))
    return tuple(tolls)


def _without_restatements(tolls: list[Toll]) -> list[Toll]:
    """"Blast kills 14" over "killing 12 patients and two health workers": a toll of people the text does
    not describe, told in another sentence and no larger than the described ones, is those people again."""
    kept = []
    for toll in tolls:
        described = [t for t in tolls if t.outcome == toll.outcome and t.group != "unknown"]
        told = sum(t.count or 0 for t in described)
        if toll.group == "unknown" and toll.count is not None and described and toll.count <= told and all(
                t.span.sentence != toll.span.sentence for t in described):
            continue
        kept.append(toll)
    return kept


def _civilian_scene(view: DocView, event: IncidentArguments) -> bool:
    """The incident hit a civilian place (a market, a mosque, a home) or names its victims as civilians
    ("passengers", "villagers"), and no post, station or base of the forces."""
    kinds = {t.label_ for t in event.targets}
    if kinds & WORDS.armed_scene_kinds or any(link.group not in {"unknown", "civilians"} and link.outcome != "arrested"
                                              for link in event.links):
        return False
    return bool(kinds & WORDS.civilian_scene_kinds) or any(
        a.label_ == "civilians" for s in event.sentences for a in view.sentences[s].actors)


def _breakdown(view: DocView, link: CasualtyLink) -> bool:
    """"The dead included the driver", "Among the wounded were two policemen": people of a toll told."""
    return any(view.lower[i] in WORDS.breakdown_cues for i in range(*link.cue))


def _breakdowns(view: DocView, event: IncidentArguments) -> dict[str, tuple[CasualtyLink, list[CasualtyLink]]]:
    """outcome -> (the toll of people the text does not describe, the parts a later sentence breaks it
    into), where the parts fit in it. Read once per incident: tolls and victims both ask."""
    key = ("breakdowns", tuple(link.id for link in event.links))
    cached = view.memo.get(key)
    if cached is not None:
        return cached
    found: dict[str, tuple[CasualtyLink, list[CasualtyLink]]] = {}
    for outcome in {link.outcome for link in event.links}:
        parts = [link for link in event.links if link.outcome == outcome and _breakdown(view, link)]
        if not parts:
            continue
        first = min(view.sentence_of(p.phrase[0]) for p in parts)
        wholes = [link for link in event.links if link.outcome == outcome and link.group == "unknown"
                  and link.count is not None and link.part_of is None and view.sentence_of(link.phrase[0]) < first]
        whole = max(wholes, key=lambda link: link.count or 0, default=None)
        if whole is not None and whole.count is not None and sum(p.count or 0 for p in parts) <= whole.count:
            found[outcome] = (whole, parts)
    view.memo[key] = found
    return found


def broken_down(view: DocView, event: IncidentArguments) -> dict[int, int]:
    """part's link id -> its toll's link id, for parts of a group ("Among the dead were two policemen"
    after "killing nine people": two police and seven people). Civilian parts instead make the whole
    toll civilians (``counted_groups``)."""
    return {part.id: whole.id for whole, parts in _breakdowns(view, event).values()
            if {p.group for p in parts} != {"civilians"} for part in parts}


def counted_groups(view: DocView, event: IncidentArguments) -> dict[tuple[str, str], str]:
    """(outcome, group as the phrase reads) -> the group the incident counts it under, where they differ:
    "a bomb exploded at a crowded market, killing nine people" counts nine civilians, and so does "killing
    nine people ... The dead included the driver and three students". Tolls and victims both read it here."""
    civilian_parts = {outcome for outcome, (_, parts) in _breakdowns(view, event).items()
                      if {p.group for p in parts} == {"civilians"}}
    groups = {(outcome, "unknown"): "civilians" for outcome in civilian_parts}
    if not _civilian_scene(view, event):
        return groups
    counted = {link.outcome for link in event.links if link.group == "civilians"} - civilian_parts
    # Those arrested at the scene are suspects, not its civilians.
    return groups | {(link.outcome, "unknown"): "civilians" for link in event.links
                     if link.group == "unknown" and link.outcome not in counted | {"arrested"}}


def _reading(view: DocView, link: CasualtyLink) -> _Reading:
    whole = any(view.lower[i] in WORDS.toll_words for i in range(*link.cue))
    return _Reading(link.count, link.low, link.high, link.qualifier, link.phrase, whole)


def _sum(items: list[_Reading]) -> _Reading:
    first = items[0]
    if len(items) == 1:
        return first
    wholes = [i for i in items if i.whole]
    if wholes:
        # "Two of the wounded died, bringing the death toll to seven": the toll already counts them.
        return max(wholes, key=_size)
    counts = [i.count for i in items]
    count = sum(c for c in counts if c is not None) if all(c is not None for c in counts) else None
    low = sum(i.low or i.count or 0 for i in items) if count is None else None
    qualifier = "exact" if all(i.qualifier == "exact" for i in items) else first.qualifier
    if count is None and qualifier == "exact":
        qualifier = "vague"
    return _Reading(count, low, None, qualifier, first.phrase)


def _size(reading: _Reading) -> int:
    return reading.count or reading.low or 0


def _suicide_attackers(view: DocView, event: IncidentArguments) -> tuple[Span, int] | None:
    """The bombers who died in a suicide attack, unless the text counts killed militants already."""
    rules = view.rules.triggers
    bombers = [t for t in event.triggers if t.kb_id_ in rules and rules[t.kb_id_].attacker_dies]
    if not bombers or any(link.outcome == "killed" and link.group == "militants" for link in event.links):
        return None
    span = bombers[0]
    doc = view.doc
    window = doc[max(view.sentence_start(span.start), span.start - 3) : span.end]
    text = " ".join(t.lower_ for t in window)
    if any(w in text for w in WORDS.failed_attempt):
        return None
    return span, 2 if any(w in text for w in WORDS.several_bombers) else 1
