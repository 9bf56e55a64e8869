"""Linking each counted phrase to the outcome it reports, and parts to their totals.

A passive right after the phrase ("two people were wounded") binds first; then an object right after
its verb ("killing five assailants"); then a verb further on. Phrases listed after a total (", including
four assailants," or ", the tribal elder and his bodyguard,") are its parts, so totals are not counted twice.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from ..components import TokenTable
from .links import CasualtyLink
from .numbers import Quantity
from .phrases import CountedPhrase
from .words import CasualtyWords


@dataclass(frozen=True)
class _Total:
    id: int
    end: int
    cue: int


class Linker:
    def __init__(self, words: CasualtyWords) -> None:
        self.words = words

    def link(self, doc: Doc, phrases: list[CountedPhrase], cue_at: dict[int, Span],
             tokens: TokenTable) -> list[CasualtyLink]:
        self.tokens = tokens
        links: list[CasualtyLink] = []
        starts = {p.start: p for p in phrases}
        previous_group = None
        total: _Total | None = None
        chained: dict[int, Span] = {}
        for phrase in phrases:
            cue = (self._cue_passive(doc, phrase, cue_at) or self._cue_left(doc, phrase, cue_at, chained)
                   or self._cue_right(doc, phrase, starts, cue_at))
            if cue is not None and self._names_a_motive(doc, cue):
                continue
            if cue is not None and cue.end <= phrase.start:
                chained[phrase.end - 1] = cue
            group, quantity = phrase.group, phrase.quantity
            if group == "refer":
                # "The hostages were killed", "The officers were injured and released": as many as before.
                taken = next((link for link in reversed(links) if link.outcome == "kidnapped" and (
                    phrase.refers_to in (None, "unknown") or link.group == phrase.refers_to)), None)
                if taken is None or cue is None or cue.label_ == taken.outcome:
                    continue
                group = taken.group
                quantity = Quantity(taken.count, taken.low, taken.high, taken.qualifier)
            if group == "inherit":
                group = previous_group or "unknown"
            if group == "security_forces" and phrase.end - phrase.start <= 2 and (
                    doc[phrase.end - 1].lower_ in self.words.service_ranks) and self._among_police(phrase):
                group = "police"  # "A police inspector was killed and two officers were wounded"
            previous_group = group
            if cue is None or quantity is None:
                continue
            part_of = None
            if phrase.start > 0 and total is not None and total.end < phrase.start < total.cue:
                part_of = total.id
                if group == "unknown":
                    # "five militants, including two commanders": the commanders are militants too.
                    group = links[part_of].group
            link = CasualtyLink(id=len(links), phrase=(phrase.start, phrase.end), cue=(cue.start, cue.end),
                                outcome=cue.label_, group=group, count=quantity.count, low=quantity.low,
                                high=quantity.high, qualifier=quantity.qualifier, part_of=part_of)
            then = self._chained_cue(doc, cue, cue_at) if cue.start > phrase.start else None
            if then is not None and link.outcome == "injured" and then.label_ == "killed":
                # "were wounded and later died": the injured are counted as killed, once.
                link = replace(link, cue=(then.start, then.end), outcome="killed")
                then = None
            links.append(link)
            if then is not None:
                # "Two villagers were abducted and killed": one victim phrase, two outcomes.
                links.append(replace(link, id=len(links), cue=(then.start, then.end), outcome=then.label_,
                                     part_of=None))
            if self._opens_parts(doc, phrase, phrases, cue, quantity):
                total = _Total(link.id, phrase.end, cue.start)
        return links

    def _among_police(self, phrase: CountedPhrase) -> bool:
        """The phrase's sentence names the police: its officers are police officers."""
        start = self.tokens.sentence_start[phrase.start]
        lower = self.tokens.lower
        return any(lower[i] in self.words.police_context for i in range(start, self.tokens.sentence_end(start)))

    def _names_a_motive(self, doc: Doc, cue: Span) -> bool:
        """"to avenge the killing of their commander": a death named as the reason for the act."""
        if cue[-1].lower_ != "of":
            return False
        sent_start = self.tokens.sentence_start[cue.start]
        return any(t.lower_ in self.words.motive_words for t in doc[max(sent_start, cue.start - 5) : cue.start])

    def _chained_cue(self, doc: Doc, cue: Span, cue_at: dict[int, Span]) -> Span | None:
        """The second outcome of "abducted and killed", "kidnapped and later beheaded", or None."""
        i = cue.end
        if i >= len(doc) or doc[i].lower_ not in self.words.chain_links:
            return None
        i += 1
        while i < len(doc) and i - cue.end < 4 and doc[i].lower_ in self.words.chain_fillers:
            i += 1
        then = cue_at.get(i)
        if then is None or then.label_ == cue.label_ or then.start != i:
            return None
        return then

    def _opens_parts(self, doc: Doc, phrase: CountedPhrase, phrases: list[CountedPhrase], cue: Span,
                     quantity: Quantity) -> bool:
        """A total whose parts follow it before its outcome: ", including ...", ", the elder and ...", a sum."""
        after = doc[phrase.end : phrase.end + 2]
        if quantity.count is None or not len(after) or after[0].text != "," or cue.start <= phrase.end:
            return False
        return (after.text.lower().endswith("including") or (len(after) > 1 and after[1].lower_ in self.words.definite)
                or self._listed_parts_sum(phrase, phrases, cue, quantity.count))

    @staticmethod
    def _listed_parts_sum(total: CountedPhrase, phrases: list[CountedPhrase], cue: Span, count: int) -> bool:
        """"seven people, four policemen and three children, were hurt": the list adds up to the total."""
        parts = [p for p in phrases if total.end < p.start < cue.start]
        counts = [p.quantity.count for p in parts if p.quantity is not None and p.quantity.count is not None]
        return len(parts) >= 1 and len(counts) == len(parts) and sum(counts) == count

    def _cue_passive(self, doc: Doc, phrase: CountedPhrase, cue_at: dict) -> Span | None:
        i = phrase.end
        steps = 0
        while i < len(doc) and steps < 4 and doc[i].lower_ in self.words.passive_markers:
            i += 1
            steps += 1
        if steps and i in cue_at:
            return cue_at[i]
        return None

    def _cue_right(self, doc: Doc, phrase: CountedPhrase, starts: dict, cue_at: dict) -> Span | None:
        i = phrase.end
        sent_end = self.tokens.sentence_end(self.tokens.sentence_start[phrase.start])
        steps = 0
        passive = False
        while i < sent_end and steps < 40:
            if i in cue_at:
                return self._right_cue(doc, cue_at[i], passive)
            if doc[i].lower_ in self.words.passive_markers:
                passive = True
            other = starts.get(i)
            if other is not None:
                i = other.end
                continue
            skipped = self._skip_description(doc, i, sent_end, cue_at)
            if skipped is not None:
                i = skipped
                continue
            if doc[i].lower_ not in self.words.bridges and not (doc[i].pos_ == "ADV"):
                return None
            i += 1
            steps += 1
        return None

    def _right_cue(self, doc: Doc, cue: Span, passive: bool) -> Span | None:
        # "killing" after a counted subject is the subject's own act ("militants ... killing two"),
        # and so is an active past verb reached with no "were" ("intercepted a vehicle and killed").
        if cue.label_ == "killed" and doc[cue.start].lower_ in self.words.active_killing:
            return None
        if doc[cue.start].tag_ == "VBD" and not passive and doc[cue.start - 1].lower_ in self.words.coordinators:
            return None
        if not passive and doc[cue.start].tag_ == "VBD" and any(
                c.dep_ == "dobj" and not cue.start <= c.i < cue.end for c in doc[cue.start].children):
            return None  # "a force of the CTS arrested five suspects": the counted subject did the act
        return cue

    def _skip_description(self, doc: Doc, i: int, sent_end: int, cue_at: dict) -> int | None:
        """Where reading resumes after a bracket, a description or a breakdown, or None if ``i`` opens none."""
        word = doc[i].lower_
        if word == "(":
            while i < sent_end and doc[i].lower_ != ")":
                i += 1
            return i + 1
        if word in self.words.postmodifiers and (word not in self.words.weak_postmodifiers or i + 1 < sent_end and (
                doc[i + 1].pos_ in {"PROPN", "DET", "ADJ", "NUM"} or doc[i + 1].is_title)):
            # "Five terrorists belonging to Fitna al-Khawarij were killed": skip the group's name.
            j = i + 1
            while j < sent_end and j - i < 8 and j not in cue_at and doc[j].lower_ not in {"were", "was", ","}:
                j += 1
            return j
        if word == "including":
            # "twenty more, among them children, were hurt": skip the breakdown.
            j = i + 1
            while j < sent_end and j - i < 12 and doc[j].text != "," and j not in cue_at:
                j += 1
            return j
        return None

    def _cue_left(self, doc: Doc, phrase: CountedPhrase, cue_at: dict, chained: dict) -> Span | None:
        """Active voice: "killing at least 27 worshippers", "killed Gul Rahman and his driver"."""
        i = phrase.start - 1
        while i >= 0 and doc[i].lower_ in self.words.shared_cue_gap:
            i -= 1
        if i in cue_at:
            cue = cue_at[i]
            if doc[cue.end - 1].pos_ == "NOUN" and doc[cue.end - 1].lower_ not in self.words.nominal_outcomes:
                return None
            return cue
        # "killing three soldiers and two civilians": the second phrase shares the first one's outcome,
        # but "killed Gul Rahman, a shopkeeper," describes one person twice.
        separators = []
        while i >= 0 and doc[i].lower_ in self.words.coordinators:
            separators.append(doc[i].lower_)
            i -= 1
        if separators == [","] and doc[phrase.start].lower_ in self.words.phrase_articles:
            return None
        return chained.get(i)
