"""Actors: armed groups, state forces and generic mentions, from the registry in ``data/actors.jsonl``."""
from .registry import ActorEntry, actor_registry
from .component import ActorTagger

__all__ = ["ActorEntry", "ActorTagger", "actor_registry"]
