"""Actors: armed groups, state forces and generic mentions, from the registry in ``data/actors.jsonl``."""
from .component import ActorTagger
from .registry import ActorEntry, actor_registry

__all__ = ["ActorEntry", "ActorTagger", "actor_registry"]
