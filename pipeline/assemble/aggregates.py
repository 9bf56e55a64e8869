"""Period statistics: "444 terrorist attacks in 2024", "14 incidents last week, in which 38 people were killed".

A sentence counts many events over a period when it names a period long enough to be a statistic, or
counts five or more triggers, and names no single day. Its counted triggers and tolls become aggregate
claims, and are not read again as incidents.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span

from models.taxonomy import COUNTED_TYPE_METRIC

from ..casualties.links import CasualtyLink
from ..casualties.numbers import digits_value, is_year
from ..lemmas import lemma
from .segmentation import PERIOD_KINDS
from .view import DocView
from .words import WORDS

TOLL_METRIC = {
    ("killed", "militants"): "militants_killed", ("killed", "security_forces"): "security_forces_killed",
    ("killed", "police"): "security_forces_killed", ("killed", "civilians"): "civilians_killed",
}
OUTCOME_METRIC = {"killed": "deaths", "injured": "injured", "arrested": "arrests", "kidnapped": "kidnappings"}
MANY = 5
"""A sentence counting this many triggers ("14 incidents") is a statistic even without a period."""


@dataclass(frozen=True)
class AggregateMention:
    metric: str
    value: int
    qualifier: str
    span: Span
    period: Span | None


@dataclass
class Aggregates:
    mentions: list[AggregateMention] = field(default_factory=list)
    tokens: set[int] = field(default_factory=set)
    """Trigger starts the statistics used: not incidents."""
    links: set[int] = field(default_factory=set)
    """Ids of the casualty links the statistics used: not tolls of an incident."""


def find_aggregates(view: DocView) -> Aggregates:
    found = Aggregates()
    date_rules = view.rules.dates
    for index in range(len(view.bounds)):
        spans = view.sentences[index]
        periods = [d for d in spans.dates if d.kb_id_ in date_rules and date_rules[d.kb_id_].statistic
                   or is_since_period(view, d)]
        days = [d for d in spans.dates if not view.names_period(d) and d.label_ not in PERIOD_KINDS]
        many = [t for t in spans.triggers if (counted_trigger(view, t) or (0, 0))[0] >= MANY]
        ongoing = any(_toll_to_date(view, index, link) for link in spans.links)
        if days or not (periods or many or ongoing):
            continue
        period = periods[0] if periods else next(iter(spans.dates), None)
        before = len(found.mentions)
        for trigger in spans.triggers:
            count = counted_trigger(view, trigger)
            if count is None:
                continue
            value, start = count
            metric = COUNTED_TYPE_METRIC.get(view.rules.triggers[trigger.kb_id_].type, None)
            found.mentions.append(AggregateMention(metric.value if metric else "attacks", value, "exact",
                                                   view.doc[start : trigger.end], period))
            found.tokens.add(trigger.start)
        for link in spans.links:
            if link.count is None or link.outcome not in OUTCOME_METRIC:
                continue
            metric_name = TOLL_METRIC.get((link.outcome, link.group), OUTCOME_METRIC[link.outcome])
            start, end = min(link.phrase[0], link.cue[0]), max(link.phrase[1], link.cue[1])
            found.mentions.append(AggregateMention(metric_name, link.count, link.qualifier, view.doc[start:end], period))
            found.links.add(link.id)
        if len(found.mentions) > before:
            found.tokens.update(t.start for t in spans.triggers)
    return found



def is_since_period(view: DocView, date: Span) -> bool:
    """"since 2009", "since October 2023": a period running up to the publication date."""
    return date.label_ in PERIOD_KINDS and view.lower[date.start] == "since"


def _toll_to_date(view: DocView, index: int, link: CasualtyLink) -> bool:
    """A toll counted up to now: "the insurgency, now in its 16th year, has killed more than 40,000
    people" (a conflict's), or "since the fighting began, more than 80 people have been killed"."""
    cue = view.doc[link.cue[0]]
    verb = cue if cue.pos_ in {"VERB", "AUX"} else cue.head
    perfect = any(c.lower_ in {"has", "have"} for c in verb.children if c.dep_ in {"aux", "auxpass"})
    if not perfect:
        return False
    if "since" in view.sentence_words(index):
        return True
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return any(lemma(s) in WORDS.conflict_nouns for s in subjects)


def counted_trigger(view: DocView, trigger: Span) -> tuple[int, int] | None:
    """"444 terrorist attacks": the number counting a plural trigger noun, and where it starts."""
    doc = view.doc
    head = trigger[-1]
    if head.tag_ not in {"NNS", "NNPS"} and not head.lower_.endswith("s"):
        return None
    i = trigger.start - 1
    steps = 0
    while i >= 0 and steps < 4:
        tok = doc[i]
        if tok.like_num:
            value = digits_value(tok.text)
            if value is not None and not is_year(tok.text):
                return value, i
            return None
        if not (tok.is_alpha and not tok.is_stop) and tok.text not in {"-"}:
            return None
        i -= 1
        steps += 1
    return None
