"""Arbitrary text never crashes extraction, and what comes out always validates against the text."""
from __future__ import annotations

import pytest
from conftest import evidence_in
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models import ArticleResult, Evidence
from pipeline import extract_events
from pipeline.engines.local import results
from pipeline.loading import load
from pipeline.split import split_text

pytestmark = pytest.mark.model

WORDS = ["killed", "attacked", "militants", "Bannu", "police", "on", "Thursday", "four", "13", "bomb", "suicide",
         "TTP", "checkpoint", "in", "were", "injured", "kidnapped", "not", "may", "Kabul", "province", "district",
         ".", ",", "\n\n", "\n", "martyred", "terrorists", "a dozen", "2024", "444", "attacks", "Al-Shabaab"]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)

texts = st.one_of(
    st.text(min_size=1, max_size=400),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=80).map(" ".join),
    st.builds(lambda w, n: (w + " ") * n, st.sampled_from(WORDS + ["x" * 300]), st.integers(1, 400)),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "So"]), min_size=1, max_size=200),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), min_size=1, max_size=60).map(" ".join),
).filter(lambda t: t.strip())


@pytest.fixture(scope="module")
def nlp():
    return load()


def check(result: ArticleResult, text: str) -> None:
    assert ArticleResult.model_validate_json(result.model_dump_json()) == result
    for span in evidence_in(result.model_dump(mode="json")):
        Evidence.model_validate(span, context={"text": text})


@SETTINGS
@given(text=texts, published=st.sampled_from([None, "2025-01-10"]))
def test_any_text_gives_valid_records(nlp, text, published):
    result = extract_events(text, published=published, nlp=nlp)
    assert result.error is None, result.error
    check(result, text)


@SETTINGS
@given(text=st.lists(st.sampled_from(WORDS), min_size=20, max_size=200).map(" ".join),
       limit=st.integers(min_value=20, max_value=300))
def test_any_split_gives_valid_records_against_the_whole_text(nlp, text, limit):
    from models import Article

    parts = split_text(text, limit)
    assert "".join(p for _, p in parts) == text
    (result,) = results([Article(id="p", text=text)], nlp, part_chars=limit)
    assert result.error is None, result.error
    check(result, text)
