"""Who did what to whom, scored the way WikiEvents marks it: argument heads pooled over an article.

WikiEvents gives, per article, the head words of the attackers, targets, victims, places and
instruments of its attack, killing and injury mentions. Our arguments are pooled the same way over the
article's incidents: perpetrators; physical targets and target actors; victims; the event's place and
the places it mentions; weapons. A gold head matches a predicted argument whose words contain it
(case-insensitive, as whole words); each side is matched at most once. Micro precision, recall and F1
are summed over the roles.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from models import ArticleResult, Role

from .scorer import Counts

ROLES = ("perpetrators", "targets", "victims", "places", "instruments")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


@dataclass
class ArgumentScores:
    roles: dict[str, Counts] = field(default_factory=lambda: {role: Counts() for role in ROLES})

    @property
    def micro(self) -> Counts:
        total = Counts()
        for counts in self.roles.values():
            total.tp += counts.tp
            total.fp += counts.fp
            total.fn += counts.fn
        return total


def predicted_arguments(result: ArticleResult) -> dict[str, list[str]]:
    """The article's arguments by WikiEvents role, as the texts that name them (duplicates dropped)."""
    found: dict[str, list[str]] = {role: [] for role in ROLES}

    def add(role: str, text: str | None) -> None:
        if text and text.casefold() not in (t.casefold() for t in found[role]):
            found[role].append(text)

    for event in result.events:
        if not event.modality.is_incident:
            continue
        for actor in event.actors:
            if actor.role == Role.perpetrator:
                add("perpetrators", actor.text)
            elif actor.role == Role.target:
                add("targets", actor.text)
            elif actor.role == Role.victim:
                add("victims", actor.text)
        for target in event.targets:
            add("targets", target.text)
        if event.location is not None:
            add("places", event.location.text)
            for place in event.location.mentioned:
                add("places", place.text)
        for weapon in event.weapons:
            add("instruments", weapon.text)
    return found


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _contains(span: list[str], head: list[str]) -> bool:
    return bool(head) and any(span[i : i + len(head)] == head for i in range(len(span) - len(head) + 1))


def score_arguments(gold: dict[str, list[str]], result: ArticleResult, scores: ArgumentScores) -> None:
    """Add one article's matches to ``scores``."""
    predicted = predicted_arguments(result)
    for role in ROLES:
        heads = list({h.casefold(): _words(h) for h in gold.get(role) or [] if _words(h)}.values())
        spans = [_words(p) for p in predicted[role]]
        free = list(range(len(spans)))
        counts = scores.roles[role]
        for head in heads:
            match = next((i for i in free if _contains(spans[i], head)), None)
            if match is None:
                counts.fn += 1
            else:
                free.remove(match)
                counts.tp += 1
        counts.fp += len(free)
