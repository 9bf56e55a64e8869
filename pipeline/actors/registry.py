"""The actor registry: canonical names, kinds and countries with their aliases."""
from __future__ import annotations

from functools import lru_cache

from models import ActorKind

from ..rules import Rule, package_rules


class ActorEntry(Rule):
    name: str
    aliases: list[str] = []
    kind: ActorKind
    country: str | None = None
    generic: bool = False
    """A generic mention ("gunmen", "police") whose country is the event's."""
    victims_of: str | None = None
    """The casualty group whose victims this generic actor names ("civilians" for Civilians)."""


@lru_cache(maxsize=1)
def actor_registry() -> dict[str, ActorEntry]:
    return {entry.id: entry for entry in package_rules(__package__, "actors.jsonl", ActorEntry)}
