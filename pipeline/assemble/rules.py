"""The rule data assembly decides with: the pipeline's own components' rules, not the shipped files.

A user who replaced a component's rules (their own actor registry or gazetteer, through the component's
config) gets records built from those rules end to end.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from spacy.language import Language

from ..actors.registry import ActorEntry, actor_registry
from ..dates.component import DatePatternRule, shipped_date_rules
from ..places.gazetteer import Gazetteer, gazetteer
from ..triggers.component import TriggerRule, shipped_trigger_rules


@dataclass(frozen=True)
class StageRules:
    triggers: dict[str, TriggerRule]
    dates: dict[str, DatePatternRule]
    actors: dict[str, ActorEntry]
    places: Gazetteer

    @cached_property
    def victims_of(self) -> dict[str, ActorEntry]:
        """Casualty group -> the generic actor that names its victims ("civilians": Civilians), read once."""
        return {e.victims_of: e for e in self.actors.values() if e.victims_of and e.generic}

    @classmethod
    def of(cls, nlp: Language) -> "StageRules":
        """The rules of ``nlp``'s components (the shipped ones for a stage the pipeline lacks)."""
        return cls(
            triggers=_by_id(nlp, "newsevents_triggers", lambda: {r.id: r for r in shipped_trigger_rules()}),
            dates=_by_id(nlp, "newsevents_dates", lambda: {r.id: r for r in shipped_date_rules()}),
            actors=_by_id(nlp, "newsevents_actors", actor_registry),
            places=_attribute(nlp, "newsevents_places", "gazetteer", gazetteer),
        )


def _by_id(nlp: Language, component: str, shipped: Any) -> dict:
    if nlp.has_pipe(component):
        found = getattr(nlp.get_pipe(component), "by_id", None)
        if found is not None:
            return found
    return shipped()


def _attribute(nlp: Language, component: str, name: str, shipped: Any) -> Any:
    if nlp.has_pipe(component):
        found = getattr(nlp.get_pipe(component), name, None)
        if found is not None:
            return found
    return shipped()
