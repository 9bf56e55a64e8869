"""Actors: armed groups, state forces and generic mentions, from the registry in ``data/actors.jsonl``.

``newsevents_actors`` tags the mentions; ``newsevents_actor_resolver`` (after the places) decides those
whose alias several entries share, or that name their entry only in its own country.
"""
from .component import ActorTagger
from .registry import ActorEntry, actor_registry
from .resolver import ActorResolver

__all__ = ["ActorEntry", "ActorResolver", "ActorTagger", "actor_registry"]
