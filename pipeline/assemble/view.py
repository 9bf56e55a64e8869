"""What assembly reads of a Doc, grouped once per document: spans by sentence, sentence bounds, links.

Every decision asks "what is in this sentence?" many times; building the groups once keeps assembly
linear in the length of the text.
"""
from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

from ..casualties.links import CasualtyLink, casualty_links
from ..components import ACTORS, DATES, PLACES, SCOPES, TARGETS, TRIGGERS, WEAPONS, SentenceIndex, TokenTable
from .rules import StageRules
from .types import TextSpan
from .words import WORDS

EXCERPT_LIMIT = 600
"""Characters of an excerpt at most: a sentence-splitting failure must not copy a whole page into a record."""


class SentenceSpans:
    """The spans of one sentence, by kind."""

    __slots__ = ("triggers", "places", "actors", "dates", "weapons", "targets", "links")

    def __init__(self) -> None:
        self.triggers: list[Span] = []
        self.places: list[Span] = []
        self.actors: list[Span] = []
        self.dates: list[Span] = []
        self.weapons: list[Span] = []
        self.targets: list[Span] = []
        self.links: list[CasualtyLink] = []


class DocView:
    """One annotated Doc as assembly reads it."""

    def __init__(self, doc: Doc, rules: StageRules, text: str | None = None) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text
        """The text the Doc was made from (span texts are slices of it)."""
        self.rules = rules
        self.sentence_of = SentenceIndex(doc)
        self.has_sents = doc.has_annotation("SENT_START")
        starts = self.sentence_of.starts
        self.bounds: list[tuple[int, int]] = [(s, e) for s, e in zip(starts, [*starts[1:], len(doc)], strict=True)]
        if not self.bounds:
            self.bounds = [(0, len(doc))]
        # Token attributes read in loops, once: a Token object per access costs more than the test.
        tokens = TokenTable.of(doc)
        self.lower: list[str] = tokens.lower
        self.pos: list[str] = tokens.pos
        self.memo: dict[Any, Any] = {}
        """Answers that depend only on the Doc, kept for the incidents read again after a merge."""
        first = doc[self.bounds[0][0] : self.bounds[0][1]] if len(doc) else None
        self.headline = first is not None and not self.text[first.start_char : first.end_char].rstrip().endswith(
            (".", "!", "?", '"', "”"))
        self.headline_end = self.bounds[0][1]
        """The first token after the headline: its first line, which may hold several sentences."""
        if self.headline and "\n" in self.text:
            line_end = self.text.find("\n")
            self.headline_end = next((s for s, _ in self.bounds if s < len(doc) and doc[s].idx > line_end), len(doc))
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
        return any(w in WORDS.biographical for w in self.lower[max(0, span.start - 4) : span.start])

    def sentence_words(self, index: int) -> frozenset[str]:
        """The lower-cased words of a sentence."""
        key = ("words", index)
        found = self.memo.get(key)
        if found is None:
            start, end = self.bounds[index]
            found = self.memo[key] = frozenset(self.lower[start:end])
        return found

    def paragraph_of_sentence(self) -> list[int]:
        """The paragraph number of each sentence: a line break between two sentences starts a paragraph."""
        found = self.memo.get("paragraphs")
        if found is None:
            found, number, previous_end = [], 0, 0
            for start, end in self.bounds:
                first = self.doc[start].idx if start < len(self.doc) else previous_end
                if "\n" in self.text[previous_end:first]:
                    number += 1
                found.append(number)
                last = self.doc[end - 1] if end > start else None
                previous_end = last.idx + len(last.text.rstrip()) if last is not None else first
            self.memo["paragraphs"] = found
        return found

    def sentence_span(self, index: int) -> Span:
        start, end = self.bounds[index]
        return self.doc[start:end]

    def sentence_start(self, token: int) -> int:
        return self.bounds[self.sentence_of(token)][0]

    def in_headline(self, span: Span) -> bool:
        """The article's first line with no closing full stop: a headline sums up, the story tells."""
        # "Jihadists overrun base in Borno; women abducted near Gwoza": its clauses are sentences of their own.
        return self.headline and span.start < self.headline_end

    def names_period(self, date: Span) -> bool:
        """A date expression that names a period ("last month", "2024"), not a day."""
        rule = self.rules.dates.get(date.kb_id_)
        return rule is not None and rule.period

    def span_text(self, span: Span) -> str:
        return self.text[span.start_char : span.end_char]

    def place_key(self, place: Span) -> str:
        """What makes two place mentions the same place: the gazetteer entry, else the name as written."""
        return place.kb_id_ or self.span_text(place)

    def excerpt(self, span: Span) -> TextSpan:
        """The sentence around ``span``, without its edge whitespace; a very long one is cut to a window."""
        start, end = self.bounds[self.sentence_of(span.start)]
        begin = self.doc[start].idx
        finish = self.doc[end - 1].idx + len(self.doc[end - 1])
        if finish - begin > EXCERPT_LIMIT:
            begin = max(begin, span.start_char - EXCERPT_LIMIT // 2)
            finish = min(finish, span.end_char + EXCERPT_LIMIT // 2)
        text = self.text[begin:finish]
        stripped = text.strip()
        begin += len(text) - len(text.lstrip())
        return TextSpan(begin, begin + len(stripped), stripped, self.sentence_of(span.start))

    def text_span(self, span: Span) -> TextSpan:
        start, end = span.start_char, span.end_char
        return TextSpan(start, end, self.text[start:end], self.sentence_of(span.start))

    def tokens(self, start: int, end: int) -> TextSpan:
        return self.text_span(self.doc[start:end])
