"""Counted phrases: the people a sentence counts ("four policemen", "Gul Rahman", "the hostages", "three").

Only sentences that report an outcome are read. Four kinds of phrase, tried in this order on each
token: a counted noun phrase, a named person, a name right after an outcome verb, a bare number next
to an outcome. Overlapping readings keep the longest.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..components import ACTORS, PLACES, TARGETS, TRIGGERS, WEAPONS, TokenTable
from .groups import antecedent_group, apposition_words, group_after
from .numbers import ORDINALS, Quantity, QuantityReader, is_number_token, is_year
from .words import CasualtyWords

ONE = Quantity(1, None, None, "exact")
OPAQUE_ENTITIES = {"DATE", "TIME", "MONEY", "PERCENT"}
NAME_ENTITIES_NOT_PEOPLE = {"ORG", "NORP", "FAC"}


@dataclass(frozen=True)
class CountedPhrase:
    start: int
    end: int
    group: str
    """A casualty group; "inherit" (the group of the phrase before), or "refer" (as many as were taken)."""
    quantity: Quantity | None
    bare: bool = False
    refers_to: str | None = None
    """For "refer": the group the referring noun names ("the officers" are police), if any."""


class PhraseFinder:
    def __init__(self, heads: dict[str, str], modifiers: dict[str, str], actor_kinds: dict[str, str],
                 words: CasualtyWords) -> None:
        self.heads = heads
        self.modifiers = modifiers
        self.actor_kinds = actor_kinds
        self.words = words
        self.reader = QuantityReader()

    def find(self, doc: Doc, cue_at: dict[int, Span]) -> list[CountedPhrase]:
        # A count is only read where an outcome is reported: its own sentence must hold a cue.
        if not cue_at:
            return []
        self.t = TokenTable.of(doc)
        self.doc = doc
        starts = sorted({self.t.sentence_start[i] for i in cue_at})
        sentences = [doc[start : self.t.sentence_end(start)] for start in starts]
        used: set[int] = set()
        known_names = _known_names(doc)
        self.number = [like and _numeric_word(word) for like, word in zip(self.t.like_num, self.t.lower, strict=True)]
        # "A landmine blast killed three children", "seized two explosive belts": acts, weapons and targets
        # are not the people counted.
        self.actor_group = {i: self.actor_kinds[s.label_] for s in doc.spans.get(ACTORS, [])
                            if s.label_ in self.actor_kinds for i in range(s.start, s.end)}
        self.event_words = {i for key in (TRIGGERS, WEAPONS, TARGETS) for s in doc.spans.get(key, [])
                            for i in range(s.start, s.end) if self.t.lower[i] not in self.heads}
        found = self._noun_phrases(doc, sentences, cue_at, used)
        found += self._named_people(doc, sentences, used, known_names)
        found += self._names_after_verbs(doc, cue_at, used, known_names)
        found += self._bare_numbers(doc, sentences, cue_at, used)
        return self._longest(doc, found)

    # counted noun phrases ------------------------------------------------------------------------------
    def _noun_phrases(self, doc: Doc, sentences: list[Span], cue_at: dict, used: set[int]) -> list[CountedPhrase]:
        found = []
        t = self.t
        event_words = self.event_words
        for sent in sentences:
            for i in range(sent.start, sent.end):
                if i in used or i in cue_at or i in event_words or not self.may_head(i):
                    continue
                # Only the last noun of "police officers" heads the phrase.
                if i + 1 < len(doc) and self.may_head(i + 1) and t.pos[i + 1] in {"NOUN", "PROPN", ""}:
                    continue
                phrase = self._noun_phrase(doc, i, cue_at)
                if phrase is not None:
                    found.append(phrase)
                    used.update(range(phrase.start, phrase.end))
        return found

    def _noun_phrase(self, doc: Doc, head: int, cue_at: dict) -> CountedPhrase | None:
        t = self.t
        start = self._quantity_start(head, cue_at)
        if start is None and t.tag[head] == "NNS" and head > 0 and t.lower[head - 1] in {"the", "all"} and (
                t.lower[head] in self.words.referring_plurals or t.lower[head] in self.heads):
            # "The hostages were killed": as many as were taken, read when linking.
            start = head - 1 - (1 if head > 1 and t.lower[head - 2] == "all" else 0)
            return CountedPhrase(start, head + 1, "refer", None, refers_to=self.heads.get(t.lower[head]))
        if start is None:
            start = self._definite_start(doc, head)
            if start is None:
                return None
            quantity: Quantity | None = ONE
        else:
            quantity = self.reader.read_words(self.t.lower[start : head + 1], self.number[start : head + 1])
        if quantity is None:
            return None
        return CountedPhrase(start, head + 1, self._group(start, head), quantity)

    def may_head(self, i: int) -> bool:
        """A noun that can be counted as people: a known group word, or any common noun ("12 recruits")."""
        t = self.t
        if t.lower[i] in self.words.non_person_nouns:
            return False
        if t.lower[i] in self.heads:
            return True
        if t.tag[i] == "NNPS":
            return True  # "Two Americans were killed"
        return t.pos[i] == "NOUN" and t.tag[i] in {"NN", "NNS"} and t.lower[i] not in self.words.non_count_next

    def _quantity_start(self, head: int, cue_at: dict) -> int | None:
        """Index where the counted phrase ending at ``head`` starts, or None when it has no count."""
        t = self.t
        sent_start = t.sentence_start[head]
        i = head - 1
        limit = max(sent_start, head - 10)
        depth = 0
        while i >= limit:
            word = t.lower[i]
            if word == ")":
                depth += 1
            elif word == "(":
                depth -= 1
            elif depth > 0:
                pass
            elif self.number[i] or word in self.reader.exact or word in self.words.vague_counts:
                if i > 0 and t.lower[i - 1] in self.words.negators:
                    return None
                return self._count_start(i, sent_start)
            elif not self._inside_phrase(i, cue_at):
                return None
            i -= 1
        return None

    def _inside_phrase(self, i: int, cue_at: dict) -> bool:
        """A word that may stand between a count and its noun ("four senior police officers")."""
        t = self.t
        word = t.lower[i]
        if word in self.words.phrase_inner or word in self.words.others:
            return True
        return t.alpha[i] and i not in cue_at and (
            t.pos[i] in {"ADJ", "NOUN", "PROPN", "NUM", ""}
            or t.tag[i] in {"VBN", "VBG"} and t.dep[i] == "amod"
            or word in self.words.participle_descriptions)

    def _count_start(self, i: int, sent_start: int) -> int:
        """Extend a count over a run of numbers ("twenty - two", "1,200") and any qualifier before it."""
        t = self.t
        start = i
        links = self.words.number_run_links
        while start - 1 >= sent_start and (self.number[start - 1] or t.lower[start - 1] in links):
            if t.lower[start - 1] in links - {"between"} and not (start - 2 >= 0 and self.number[start - 2]):
                break
            if t.lower[start - 1] == "-" and self.doc[start - 1].whitespace_ and t.lower[start - 2].isdigit():
                break  # "BOGOTA, Aug 5 - Two police officers": a dateline's dash, not "twenty-two"
            start -= 1
        for n in (3, 2, 1):
            words = t.lower[max(start - n, sent_start) : start]
            key = " ".join(words)
            if len(words) == n and (key in self.reader.qualifiers or key in self.reader.vague or key in self.reader.exact):
                start -= n
                for m in (3, 2, 1):  # "about a dozen": a qualifier before a number word
                    before = " ".join(t.lower[max(start - m, sent_start) : start])
                    if start - m >= sent_start and before in self.reader.qualifiers:
                        return start - m
                return start
        return start

    def _definite_start(self, doc: Doc, head: int) -> int | None:
        """"The officer", "his daughter": one person, when the noun is singular and countable."""
        t = self.t
        if t.tag[head] not in {"NN", "NNP"} or t.lower[head] in self.words.collective or t.lower[head] == "dead":
            return None
        if t.lower[head] not in self.heads:
            return None
        i = head - 1
        while i >= max(0, head - 4):
            word = t.lower[i]
            if word in self.words.definite:
                return i
            if word in {"'s", "’s"} and i > 0 and t.pos[i - 1] == "PROPN":
                return i - 1
            if not (t.alpha[i] and not t.stop[i]) and word not in {"-", "(", ")"}:
                return None
            i -= 1
        return None

    def _group(self, start: int, head: int) -> str:
        lower = self.t.lower
        if lower[head] in self.words.others:
            return "inherit"
        best = None
        for word in lower[start:head]:
            group = self.modifiers.get(word)
            if group and (best is None or GROUP_PRIORITY[group] < GROUP_PRIORITY[best]):
                best = group
        head_group = self.heads.get(lower[head], "unknown")
        if best is not None and head_group in {"unknown", "security_forces", "civilians"}:
            return best
        if head_group == "unknown":
            # "three suspected ISKP members", "four BLA men": the members of a named group are of its kind
            named = [self.actor_group[i] for i in range(start, head) if i in self.actor_group]
            if named:
                return min(named, key=GROUP_PRIORITY.__getitem__)
            return group_after(self.t, self.heads, self.actor_group, self.words.member_links, head) or head_group
        return head_group

    # named people ------------------------------------------------------------------------------------
    def _named_people(self, doc: Doc, sentences: list[Span], used: set[int],
                      known_names: set[int]) -> list[CountedPhrase]:
        """"Gul Rahman, a village elder, was killed" counts one.

        The NER misses many names, so a proper-noun run opening a sentence counts too.
        """
        active = {i for sent in sentences for i in range(sent.start, sent.end)}
        candidates: list[Span] = [ent for ent in doc.ents if ent.label_ == "PERSON" and ent.start in active
                                  and not any(i in known_names for i in range(ent.start, ent.end))]
        if doc.has_annotation("SENT_START"):
            for sent in sentences:
                end = sent.start
                while end < sent.end and doc[end].tag_ == "NNP" and end not in known_names:
                    end += 1
                if end > sent.start and not any(c.start == sent.start for c in candidates):
                    candidates.append(doc[sent.start : end])
        found = []
        for ent in candidates:
            if any(i in used or i in self.event_words for i in range(ent.start, ent.end)):
                continue  # "a Kalashnikov": a weapon's name is no person
            end = self._description_end(doc, ent)
            if not (ent.label_ == "PERSON") and not self._before_linking_verb(doc, end):
                continue
            start = ent.start
            if start > 0 and doc[start - 1].tag_ == "NNP" and doc[start - 1].lower_ in self.heads:
                start -= 1  # "Mayor Ricardo Salas", "Colonel Asif Iqbal": the title is the person's
            found.append(CountedPhrase(start, end, self._person_group(doc, start, end), ONE))
            used.update(range(start, end))
        return found

    def _description_end(self, doc: Doc, ent: Span) -> int:
        """"Gul Rahman, a village elder, was": the apposition belongs to the name."""
        end = ent.end
        if end < len(doc) and doc[end].text == ",":
            close = next((j for j in range(end + 1, min(len(doc), end + 14)) if doc[j].text == ","), None)
            if close is not None and close + 1 < len(doc) and doc[close + 1].lower_ in self.words.linking_verbs:
                end = close
        return end

    def _before_linking_verb(self, doc: Doc, end: int) -> bool:
        if end >= len(doc):
            return False
        after = end + (1 if doc[end].text == "," else 0)
        return after < len(doc) and doc[after].lower_ in self.words.linking_verbs

    def _names_after_verbs(self, doc: Doc, cue_at: dict, used: set[int],
                           known_names: set[int]) -> list[CountedPhrase]:
        """"shot dead Gul Rahman": a name right after an outcome verb is one person.

        The NER often calls unfamiliar names places, so only names the gazetteer or registry knows are
        excluded.
        """
        found = []
        for cue in set(cue_at.values()):
            i = cue.end
            verb_like = doc[cue.end - 1].tag_ in {"VBD", "VBN", "VBG"} or doc[cue.end - 1].lower_ == "dead"
            if not verb_like or i >= len(doc) or doc[i].tag_ != "NNP":  # "shot dead Mayor Ricardo Salas"
                continue
            if i in used or i in known_names or i in self.event_words or doc[i].ent_type_ in NAME_ENTITIES_NOT_PEOPLE:
                continue
            end = i
            while end < len(doc) and doc[end].tag_ == "NNP" and end not in used:
                end += 1
            found.append(CountedPhrase(i, end, self._person_group(doc, i, end), ONE))
            used.update(range(i, end))
        return found

    def _person_group(self, doc: Doc, start: int, end: int) -> str:
        """The group a named person belongs to: their title or description ("Colonel X", "X, a village elder",
        "Mayor X"), else unknown."""
        words = [t.lower_ for t in doc[max(0, start - 1) : end]] + apposition_words(doc, end)
        for table in (self.modifiers, self.heads):
            group = next((table[w] for w in words if w in table and table[w] != "unknown"), None)
            if group is not None:
                return group
        return "unknown"

    # bare numbers ---------------------------------------------------------------------------------------
    def _bare_numbers(self, doc: Doc, sentences: list[Span], cue_at: dict, used: set[int]) -> list[CountedPhrase]:
        """Bare numbers next to an outcome: "killing three", "5 injured", "another was hurt"."""
        found = []
        t = self.t
        for sent in sentences:
            for i in range(sent.start, sent.end):
                if i in used or not (self.number[i] or t.lower[i] == "another"):
                    continue
                token = doc[i]
                if token.ent_type_ in OPAQUE_ENTITIES:
                    continue
                phrase = self._another(doc, token, cue_at) or self._bare_number(doc, token, cue_at)
                if phrase is not None:
                    found.append(phrase)
                    used.update(range(phrase.start, phrase.end))
        return found

    def _another(self, doc: Doc, token, cue_at: dict) -> CountedPhrase | None:
        if token.lower_ == "another" and token.i + 1 < len(doc) and (
                doc[token.i + 1].lower_ in self.words.singular_verbs or token.i + 1 in cue_at):
            return CountedPhrase(token.i, token.i + 1, "inherit", ONE, bare=True)
        return None

    def _bare_number(self, doc: Doc, token, cue_at: dict) -> CountedPhrase | None:
        if not is_number_token(token) or (token.i > 0 and doc[token.i - 1].lower_ in self.words.negators):
            return None
        if is_year(token.text):
            return None
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if nxt is not None and (nxt.lower_ in self.words.non_count_next or is_number_token(nxt)
                                or nxt.i in self.event_words):
            return None
        before = doc[token.i - 1] if token.i > 0 else None
        after_cue = before is not None and before.i in cue_at
        before_cue = nxt is not None and (nxt.i in cue_at or nxt.lower_ in {"were", "was"} | self.words.others)
        if not (after_cue or before_cue):
            return None
        start = token.i
        while start - 1 >= 0 and doc[start - 1].lower_ in self.words.left_bridges and (start - 1) not in cue_at:
            start -= 1
        quantity = self.reader.read_words(self.t.lower[start : token.i + 1], self.number[start : token.i + 1])
        if quantity is None:
            return None
        end = token.i + 2 if nxt is not None and nxt.lower_ in self.words.others else token.i + 1
        group = antecedent_group(self.t, self.heads, self.actor_group, token.i) if self.t.lower[token.i + 1 : token.i + 3] in (
            ["of", "them"], ["of", "whom"]) else None
        return CountedPhrase(start, end, group or "inherit", quantity, bare=True)

    def _longest(self, doc: Doc, found: list[CountedPhrase]) -> list[CountedPhrase]:
        """Keep the longest reading: "one Border Security Force (BSF) jawan", not "one Border"."""
        found.sort(key=lambda p: (p.start, -(p.end - p.start)))
        kept: list[CountedPhrase] = []
        for phrase in found:
            if kept and phrase.start < kept[-1].end:
                continue
            # "In addition to the bomber, three policemen were hurt": the bomber is counted elsewhere.
            before = self.t.lower[max(0, phrase.start - 6) : phrase.start]
            if "addition" in before and "to" in before and "," not in before[before.index("addition"):]:
                continue
            kept.append(phrase)
        return kept


GROUP_PRIORITY = {"police": 0, "militants": 1, "security_forces": 2, "civilians": 3, "unknown": 4}
"""When several words of a phrase name a group, the most specific wins ("police security guards")."""


_ORDINAL_DIGITS = re.compile(r"\d+(st|nd|rd|th)")


def _numeric_word(word: str) -> bool:
    """Of a number-like token: a count, not an ordinal ("third", "4th")."""
    return word not in ORDINALS and not _ORDINAL_DIGITS.fullmatch(word)


def _known_names(doc: Doc) -> set[int]:
    return {i for key in (PLACES, ACTORS) for s in doc.spans.get(key, []) if s.kb_id_ for i in range(s.start, s.end)}
