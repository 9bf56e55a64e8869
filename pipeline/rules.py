"""Rule files: JSONL data shipped inside the package, validated strictly (unknown keys rejected)."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import Errors

R = TypeVar("R", bound=BaseModel)


class Rule(BaseModel):
    """Base of every rule type: a readable ``id`` and nothing unknown."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str


def read_jsonl(source: Path | str, rule_type: type[R]) -> list[R]:
    """Parse a JSONL rule file; errors name the file and line."""
    path = Path(source)
    rules: list[R] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            try:
                rule = rule_type.model_validate(json.loads(line))
            except (json.JSONDecodeError, ValidationError) as err:
                raise ValueError(Errors.E009.format(name=path.name, line=number, reason=err)) from err
            rule_id = getattr(rule, "id", None)
            if rule_id is not None:
                if rule_id in seen:
                    raise ValueError(Errors.E009.format(name=path.name, line=number, reason=f"duplicate id {rule_id!r}"))
                seen.add(rule_id)
            rules.append(rule)
    return rules


def data_path(package: str, name: str) -> Path:
    """Path of a data file shipped in ``package``'s ``data/`` folder."""
    ref = resources.files(package).joinpath("data", name)
    return Path(str(ref))


@lru_cache(maxsize=None)
def package_rules(package: str, name: str, rule_type: type[R]) -> tuple[R, ...]:
    """Load a shipped rule file once per process."""
    return tuple(read_jsonl(data_path(package, name), rule_type))


def write_jsonl(path: Path, rules: list[BaseModel] | tuple[BaseModel, ...]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for rule in rules:
            handle.write(rule.model_dump_json(exclude_defaults=True) + "\n")


class WordList(Rule):
    """A list of cue words one stage decides with, kept as data beside the stage's other rules."""

    words: list[str]
    note: str | None = None
    """Why the stage needs these words: what deciding with them means."""


W = TypeVar("W", bound=BaseModel)


def word_lists(package: str, name: str, model: type[W]) -> W:
    """The word lists of ``data/name`` as the typed ``model``: one frozenset field per list id.

    Ids map to fields with hyphens as underscores ("claim-words" is ``claim_words``); a list the model
    does not name, or a field the file does not give, is an error naming the file.
    """
    return _word_lists(package, name, model)


@lru_cache(maxsize=None)
def _word_lists(package: str, name: str, model: type[W]) -> W:
    lists = read_jsonl(data_path(package, name), WordList)
    values = {rule.id.replace("-", "_"): frozenset(w.lower() for w in rule.words) for rule in lists}
    try:
        return model.model_validate(values)
    except ValidationError as err:
        raise ValueError(Errors.E009.format(name=name, line="-", reason=err)) from err


class WordLists(BaseModel):
    """Base of a stage's typed cue words: frozen, and every list named in the file and in the model."""

    model_config = ConfigDict(extra="forbid", frozen=True)
