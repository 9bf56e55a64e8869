"""Custom extension attributes, declared in one place.

Values are plain lists and dicts (never Pydantic objects) so Docs stay serializable and
``nlp.pipe(n_process>1)`` keeps working.
"""
from __future__ import annotations

from spacy.tokens import Doc

CASUALTY_LINKS = "newsevents_casualties"
"""List of casualty statements: counted phrase, outcome cue, group, numbers, and whether it is part of a total."""


def declare() -> None:
    if not Doc.has_extension(CASUALTY_LINKS):
        Doc.set_extension(CASUALTY_LINKS, default=None)


declare()
