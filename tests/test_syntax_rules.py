"""Parser-dependent rules on hand-built Docs (words, heads, dependencies, tags), as spaCy's own tests do:
they fail for the rule's reason, not because the statistical parser changed its mind."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from pipeline.assemble import StageRules
from pipeline.assemble.segmentation import is_anaphoric, is_generic
from pipeline.assemble.speakers import is_speaker
from pipeline.assemble.syntax_roles import role_from_syntax
from pipeline.assemble.view import DocView

VOCAB = spacy.blank("en").vocab


def doc(words: list[str], heads: list[int], deps: list[str], tags: list[str], pos: list[str] | None = None) -> Doc:
    """``heads`` are absolute token indices (a root is its own head)."""
    return Doc(VOCAB, words=words, heads=heads, deps=deps, tags=tags, pos=pos or ["X"] * len(words),
               sent_starts=[True] + [False] * (len(words) - 1))


def role(d: Doc, actor: tuple[int, int], event: tuple[int, int]) -> str | None:
    return role_from_syntax(d[actor[0] : actor[1]], set(range(*event)))


def test_the_subject_of_the_act_is_its_perpetrator_and_the_object_its_target():
    d = doc(["Militants", "attacked", "the", "post"], [1, 1, 3, 1], ["nsubj", "ROOT", "det", "dobj"],
            ["NNS", "VBD", "DT", "NN"])
    assert role(d, (0, 1), (1, 2)) == "perpetrator"
    assert role(d, (2, 4), (1, 2)) == "target"


def test_in_the_passive_the_agent_acts_and_the_subject_is_acted_on():
    d = doc(["The", "post", "was", "attacked", "by", "militants"], [1, 3, 3, 3, 3, 4],
            ["det", "nsubjpass", "auxpass", "ROOT", "agent", "pobj"], ["DT", "NN", "VBD", "VBN", "IN", "NNS"])
    assert role(d, (5, 6), (3, 4)) == "perpetrator"
    assert role(d, (0, 2), (3, 4)) == "target"


def test_an_actor_naming_the_act_itself_is_its_perpetrator():
    d = doc(["a", "TTP", "attack"], [2, 2, 2], ["det", "compound", "ROOT"], ["DT", "NNP", "NN"])
    assert role(d, (1, 2), (2, 3)) == "perpetrator"


def test_the_object_of_on_or_against_the_act_is_its_target():
    d = doc(["the", "attack", "on", "the", "army"], [1, 1, 1, 4, 2], ["det", "ROOT", "prep", "det", "pobj"],
            ["DT", "NN", "IN", "DT", "NN"])
    assert role(d, (3, 5), (1, 2)) == "target"


def test_the_subject_of_a_light_verb_whose_object_is_the_act_is_its_perpetrator():
    d = doc(["Militants", "carried", "out", "an", "attack"], [1, 1, 1, 4, 1], ["nsubj", "ROOT", "prt", "det", "dobj"],
            ["NNS", "VBD", "RP", "DT", "NN"])
    d[1].lemma_ = "carry"
    assert role(d, (0, 1), (4, 5)) == "perpetrator"


def test_an_actor_unrelated_to_the_act_takes_no_role():
    d = doc(["Police", "arrived", "after", "the", "attack"], [1, 1, 1, 4, 2], ["nsubj", "ROOT", "prep", "det", "pobj"],
            ["NNS", "VBD", "IN", "DT", "NN"])
    assert role(d, (0, 1), (4, 5)) is None


@pytest.mark.parametrize("words, heads, deps, tags, actor", [
    (["police", "said"], [1, 1], ["nsubj", "ROOT"], ["NNS", "VBD"], (0, 1)),
    (["according", "to", "police"], [0, 0, 1], ["ROOT", "prep", "pobj"], ["VBG", "IN", "NNS"], (2, 3)),
])
def test_an_actor_who_reports_the_incident_is_a_speaker(words, heads, deps, tags, actor):
    d = doc(words, heads, deps, tags)
    lower = [t.lower_ for t in d]
    assert is_speaker(d, d[actor[0] : actor[1]], (0, len(d)), lower)


@pytest.fixture(scope="module")
def rules() -> StageRules:
    return StageRules.of(spacy.blank("en"))


def test_a_bare_plural_in_a_present_statement_is_generic(rules):
    d = doc(["Attacks", "kill", "civilians"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], ["NNS", "VBZ", "NNS"],
            ["NOUN", "VERB", "NOUN"])
    assert is_generic(DocView(d, rules), d[0:1])


def test_a_plural_told_in_the_past_is_not_generic(rules):
    d = doc(["Residents", "held", "protests"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], ["NNS", "VBD", "NNS"],
            ["NOUN", "VERB", "NOUN"])
    assert not is_generic(DocView(d, rules), d[2:3])


@pytest.mark.parametrize("words, anaphoric", [
    (["the", "attack"], True),
    (["another", "attack"], False),
    (["these", "encounters"], True),
])
def test_a_noun_phrase_pointing_back_is_anaphoric(rules, words, anaphoric):
    d = doc(words, [1, 1], ["det", "ROOT"], ["DT", "NN"], ["DET", "NOUN"])
    assert is_anaphoric(DocView(d, rules), d[1:2]) is anaphoric


@pytest.mark.model
@pytest.mark.parametrize("follow_up, attribution", [
    ("The TTP claimed responsibility for the attack.", "claimed"),
    ("Officials blamed the TTP.", "suspected"),
])
def test_a_sentence_about_responsibility_continues_the_incident_before_it(nlp, follow_up, attribution):
    from pipeline import extract_events

    text = "Gunmen attacked a police checkpoint in Bannu on Monday, killing two policemen. " + follow_up
    events = [e for e in extract_events(text, published="2025-01-10", nlp=nlp).events if e.modality.is_incident]
    assert len(events) == 1
    assert ("Tehrik-i-Taliban Pakistan", attribution) in {(a.name, a.attribution.value) for a in events[0].actors}
