"""Context: negated, threatened, planned, attempted, hypothetical and generic statements are not incidents."""
from __future__ import annotations

import pytest
from conftest import extract_checked, incidents

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Police denied that any attack took place in Bannu on Monday.", "NEGATED"),
        ("The TTP threatened to attack police stations in Lakki Marwat.", "THREATENED"),
        ("Militants planned to bomb a school in Swat, officials said.", "PLANNED"),
        ("Police foiled an attempt to bomb a market in Peshawar on Monday.", "ATTEMPTED"),
        ("If the militants attack the city, hundreds could die.", "HYPOTHETICAL"),
        ("The government must protect its police from attacks.", "GENERIC"),
    ],
)
def test_cue_and_its_scope_cover_the_trigger(nlp, text, category):
    doc = nlp(text)
    assert category in {c.label_ for c in doc.spans["newsevents_cues"]}
    trigger = doc.spans["newsevents_triggers"][0]
    covering = [s.label_ for s in doc.spans["newsevents_scopes"] if s.start <= trigger.start < s.end]
    assert category in covering


@pytest.mark.parametrize(
    ("text", "polarity", "status", "is_incident"),
    [
        ("Police denied that any attack took place in Bannu on Monday.", "negated", "occurred", False),
        ("The TTP threatened to attack police stations in Lakki Marwat.", "asserted", "threatened", False),
        ("Militants planned to bomb a school in Swat, officials said.", "asserted", "planned", False),
        ("Police foiled an attempt to bomb a market in Peshawar on Monday.", "asserted", "attempted", True),
        ("Security forces foiled a terrorist attack on a checkpoint in Bannu on Monday.", "asserted", "attempted", True),
        ("A suicide bomber tried to attack a police station in Tank on Monday but was shot dead by guards.",
         "asserted", "attempted", True),
        ("If the militants attack the city, hundreds could die.", "asserted", "hypothetical", False),
        ("Militants attacked a checkpoint in Bannu district on Monday, police said.", "asserted", "occurred", True),
        ("On 9 May 2020, gunmen killed three policemen in Quetta.", "asserted", "occurred", True),
        ("In May 2021, a bomb exploded at a market in Quetta, killing four people.", "asserted", "occurred", True),
    ],
    ids=["negated", "threatened", "planned", "foiled-attempt", "foiled-attack", "tried-to", "hypothetical",
         "plain-report", "date-with-May", "month-May"],
)
def test_event_modality(nlp, text, polarity, status, is_incident):
    result = extract_checked(nlp, text)
    assert len(result.events) == 1, [e.trigger.text for e in result.events]
    modality = result.events[0].modality
    assert (modality.polarity.value, modality.status.value) == (polarity, status)
    assert modality.is_incident is is_incident


@pytest.mark.parametrize(
    "text",
    [
        "The government must protect its police from attacks.",
        "Every attack on a school is an attack on the nation's future.",
        "Bombings and assassinations only harden public opinion against the militants.",
        "Terror attacks are a cowardly way to push a political agenda.",
        "The state should answer every attack on its soldiers with a clear policy, not with slogans.",
        "Militant attacks can be prevented only if the police are properly equipped.",
    ],
    ids=["must-protect", "every-attack-is", "plural-generic", "are-cowardly", "should-answer", "can-be-prevented"],
)
def test_opinion_and_prescriptive_sentences_produce_no_incident(nlp, text):
    result = extract_checked(nlp, text)
    assert incidents(result) == [], [(e.trigger.text, e.modality) for e in incidents(result)]


def test_opinion_after_a_report_keeps_only_the_reported_incident(nlp):
    text = ("Militants attacked a police checkpoint in Bannu on Monday, killing two policemen. "
            "Such attacks must be answered with better training and equipment for the police.")
    result = extract_checked(nlp, text)
    assert [e.trigger.text for e in incidents(result)] == ["attacked"]
