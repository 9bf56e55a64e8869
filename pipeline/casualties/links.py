"""Casualty links: a counted phrase tied to the outcome it reports, kept on the Doc as plain JSON.

The component writes them to ``doc._.newsevents_casualties`` as dicts (so Docs serialize and cross
process boundaries); readers take them back as typed, frozen values.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from ..attrs import CASUALTY_LINKS


@dataclass(frozen=True)
class CasualtyLink:
    id: int
    """Its place among the document's links; ``part_of`` names a total by this id."""
    phrase: tuple[int, int]
    """Token offsets of the counted phrase ("four policemen")."""
    cue: tuple[int, int]
    """Token offsets of the outcome word ("killed")."""
    outcome: str
    group: str
    count: int | None
    low: int | None
    high: int | None
    qualifier: str
    part_of: int | None = None
    """The id of the total this phrase is a part of ("six people, including four assailants")."""

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "phrase": list(self.phrase), "cue": list(self.cue), "outcome": self.outcome,
                "group": self.group, "count": self.count, "low": self.low, "high": self.high,
                "qualifier": self.qualifier, "part_of": self.part_of}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "CasualtyLink":
        return cls(**{**data, "phrase": tuple(data["phrase"]), "cue": tuple(data["cue"])})


def casualty_links(doc: Doc) -> list[CasualtyLink]:
    return [CasualtyLink.from_json(item) for item in doc._.get(CASUALTY_LINKS) or []]
