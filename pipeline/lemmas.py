"""Lemmas on demand: the model's lemmatizer asked only for the few tokens the rules test.

Assembly reads the lemma of a handful of words per article ("returned" fire, "carried out" an
attack); running the lemmatizer over every token costs about 3% of the whole run. The pipeline keeps
the model's lemmatizer loaded but disabled, and ``lemma`` asks it for one token, remembering each
(form, part of speech, morphology) answer. With no lemmatizer in the model, the token's own lemma, else
its lower-case form, stands in.
"""
from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Token
from spacy.vocab import Vocab

_LEMMATIZERS: dict[int, tuple[Vocab, Any]] = {}
"""id of a pipeline's vocabulary -> (the vocabulary, kept so the id is not reused; its lemmatizer)."""
_ANSWERS: dict[tuple[int, str, str, str], str] = {}
MAX_ANSWERS = 100_000


def lemmatize_on_demand(nlp: Language) -> None:
    """Disable ``nlp``'s lemmatizer and serve ``lemma`` from it instead."""
    if register_lemmatizer(nlp) and "lemmatizer" not in nlp.disabled:
        nlp.disable_pipe("lemmatizer")


def register_lemmatizer(nlp: Language) -> bool:
    """Serve ``lemma`` for ``nlp``'s tokens from its lemmatizer, run or not (a saved pipeline keeps it
    disabled; loading it registers it again). False when the model has none."""
    if "lemmatizer" not in nlp.component_names:
        return False
    lemmatizer = nlp.get_pipe("lemmatizer")
    if not hasattr(lemmatizer, "lemmatize"):
        return False
    _LEMMATIZERS[id(nlp.vocab)] = (nlp.vocab, lemmatizer)
    return True


OVERRIDES = {"staged": "stage", "stages": "stage", "staging": "stage"}
"""Forms the rule lemmatizer gets wrong ("staged" -> "stag"), where a cue list needs the verb."""


def lemma(token: Token) -> str:
    """The lower-case lemma of ``token``, as the model's lemmatizer gives it."""
    if token.lower_ in OVERRIDES and token.pos_ in {"VERB", "AUX"}:
        return OVERRIDES[token.lower_]
    registered = _LEMMATIZERS.get(id(token.vocab))
    lemmatizer = registered[1] if registered is not None and registered[0] is token.vocab else None
    if lemmatizer is None:
        return (token.lemma_ or token.lower_).lower()
    key = (id(token.vocab), token.lower_, token.pos_, str(token.morph))  # one pipeline's answers, not another's
    found = _ANSWERS.get(key)
    if found is None:
        forms = lemmatizer.lemmatize(token)
        found = (forms[0] if forms else token.lower_).lower()
        if len(_ANSWERS) < MAX_ANSWERS:
            _ANSWERS[key] = found
    return found
