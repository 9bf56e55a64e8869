"""What assembly reads of a Doc, grouped once per document: spans by sentence, sentence bounds, links.

Every decision asks "what is in this sentence?" many times; building the groups once keeps assembly
linear in the length of the text.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ..casualties.links import CasualtyLink, casualty_links
from ..components import ACTORS, DATES, PLACES, SCOPES, TARGETS, TRIGGERS, WEAPONS, SentenceIndex
from .rules import StageRules
from .types import TextSpan
from .words import WORDS


@dataclass
class SentenceSpans:
    """The spans of one sentence, by kind."""

    triggers: list[Span] = field(default_factory=list)
    places: list[Span] = field(default_factory=list)
    actors: list[Span] = field(default_factory=list)
    dates: list[Span] = field(default_factory=list)
    weapons: list[Span] = field(default_factory=list)
    targets: list[Span] = field(default_factory=list)
    links: list[CasualtyLink] = field(default_factory=list)


class DocView:
    """One annotated Doc as assembly reads it."""

    def __init__(self, doc: Doc, rules: StageRules) -> None:
        self.doc = doc
        self.rules = rules
        self.sentence_of = SentenceIndex(doc)
        self.has_sents = doc.has_annotation("SENT_START")
        starts = self.sentence_of.starts
        self.bounds: list[tuple[int, int]] = [(s, e) for s, e in zip(starts, [*starts[1:], len(doc)])]
        if not self.bounds:
            self.bounds = [(0, len(doc))]
        self.scopes: list[Span] = list(doc.spans.get(SCOPES, []))
        self.dates: list[Span] = list(doc.spans.get(DATES, []))
        self.places: list[Span] = list(doc.spans.get(PLACES, []))
        self.actors: list[Span] = list(doc.spans.get(ACTORS, []))
        self.links: list[CasualtyLink] = casualty_links(doc)
        self.sentences: list[SentenceSpans] = [SentenceSpans() for _ in self.bounds]
        in_dates = {i for d in self.dates for i in range(d.start, d.end)}
        for span in doc.spans.get(TRIGGERS, []):
            if span.start not in in_dates:  # "March" in a date is a month, not a march
                self.sentences[self.sentence_of(span.start)].triggers.append(span)
        for span in self.places:
            if not self._biographical(span):
                self.sentences[self.sentence_of(span.start)].places.append(span)
        for key, name in ((ACTORS, "actors"), (DATES, "dates"), (WEAPONS, "weapons"), (TARGETS, "targets")):
            for span in doc.spans.get(key, []):
                getattr(self.sentences[self.sentence_of(span.start)], name).append(span)
        for link in self.links:
            self.sentences[self.sentence_of(link.phrase[0])].links.append(link)

    def _biographical(self, span: Span) -> bool:
        """"Sepoy Abdul Wahab, resident of District Karak": where a person is from is not where it happened."""
        return any(t.lower_ in WORDS.biographical for t in self.doc[max(0, span.start - 4) : span.start])

    def sentence_span(self, index: int) -> Span:
        start, end = self.bounds[index]
        return self.doc[start:end]

    def sentence_start(self, token: int) -> int:
        return self.bounds[self.sentence_of(token)][0]

    def in_headline(self, span: Span) -> bool:
        """The article's first line with no closing full stop: a headline sums up, the story tells."""
        start, end = self.bounds[self.sentence_of(span.start)]
        return start == 0 and not self.doc[start:end].text.rstrip().endswith((".", "!", "?", '"', "”"))

    def names_period(self, date: Span) -> bool:
        """A date expression that names a period ("last month", "2024"), not a day."""
        rule = self.rules.dates.get(date.kb_id_)
        return rule is not None and rule.period

    def text_span(self, span: Span) -> TextSpan:
        return TextSpan(span.start_char, span.end_char, span.text, self.sentence_of(span.start))

    def tokens(self, start: int, end: int) -> TextSpan:
        return self.text_span(self.doc[start:end])
