"""The actor registry: canonical names, kinds and countries with their aliases."""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from pydantic import field_validator, model_validator

from models import ActorKind

from ..rules import Rule, package_rules


class ActorEntry(Rule):
    name: str
    aliases: list[str] = []
    local_aliases: list[str] = []
    """Aliases that name this entry only in an article set in its country: "Congress" is the Indian National
    Congress in an Indian story and the US legislature in an American one, "ANA" the Afghan army only in
    Afghanistan. The resolver keeps such a mention only when the article's places or actors give that country."""
    kind: ActorKind
    country: str | None = None
    operates_in: list[str] = []
    """Other countries where the group acts (the ADF in DR Congo, ISWAP in Niger): an article set there does
    not contradict it when one of its aliases must be resolved."""
    generic: bool = False
    """A generic mention ("gunmen", "police") whose country is the event's."""
    victims_of: str | None = None
    """The casualty group whose victims this generic actor names ("civilians" for Civilians)."""
    caps_words: list[str] = []
    """Acronyms of this entry that are also words or names once a text is in capitals ("ARENA", "FACT"): in
    such text they need the article's confirmation (see ``pipeline.actors.caps``)."""
    fallback: str | None = None
    """The generic entry a mention of this group becomes when one of its shared or local aliases cannot be
    resolved ("Maoists" in a story that names no country is "Rebels"); none drops the mention."""

    @field_validator("country")
    @classmethod
    def _iso_alpha2(cls, code: str | None) -> str | None:
        if code is not None:
            _check_code(code)
        return code

    @field_validator("operates_in")
    @classmethod
    def _iso_alpha2_list(cls, codes: list[str]) -> list[str]:
        for code in codes:
            _check_code(code)
        return codes

    @model_validator(mode="after")
    def _forms_are_distinct(self) -> "ActorEntry":
        # A form listed twice (or once as an alias and once as a local alias) would leave it unclear
        # whether the mention needs the article's country; case variants of a long form are one form.
        seen: set[str] = set()
        for form in (self.name, *self.aliases, *self.local_aliases):
            key = form_key(form)
            if not form.strip() or key in seen:
                raise ValueError(f"{self.id}: form {form!r} is empty or listed twice")
            seen.add(key)
        if self.local_aliases and self.country is None:
            raise ValueError(f"{self.id}: local aliases need the entry's country")
        acronyms = {f for f in (self.name, *self.aliases, *self.local_aliases) if is_acronym(f)}
        if not set(self.caps_words) <= acronyms:
            raise ValueError(f"{self.id}: caps_words must be acronyms the entry lists")
        if self.operates_in and (self.country is None or self.country in self.operates_in):
            raise ValueError(f"{self.id}: operates_in lists countries besides the entry's own")
        if self.fallback is not None and self.generic:
            raise ValueError(f"{self.id}: a generic entry has no fallback")
        return self


def _check_code(code: str) -> None:
    if len(code) != 2 or not code.isascii() or not code.isalpha() or not code.isupper():
        raise ValueError(f"country must be an ISO 3166-1 alpha-2 code, not {code!r}")


def is_acronym(form: str) -> bool:
    """"ANA", "CPI(M)", "FARC-EP": matched by their exact case, so the name "Ana" is not the army."""
    letters = [c for c in form if c.isalpha()]
    return 1 < len(letters) <= 6 and all(c.isupper() for c in letters) and " " not in form


def form_key(form: str) -> str:
    """The spelling two forms share when the tagger cannot tell them apart."""
    return form if is_acronym(form) else form.casefold()


def check_references(entries: Iterable[ActorEntry]) -> None:
    """Every fallback names a generic entry of the same registry."""
    by_id = {e.id: e for e in entries}
    for entry in by_id.values():
        if entry.fallback is None:
            continue
        target = by_id.get(entry.fallback)
        if target is None or not target.generic:
            raise ValueError(f"{entry.id}: fallback {entry.fallback!r} is not a generic entry of the registry")


@lru_cache(maxsize=1)
def actor_registry() -> dict[str, ActorEntry]:
    entries = package_rules(__package__, "actors.jsonl", ActorEntry)
    check_references(entries)
    return {entry.id: entry for entry in entries}
