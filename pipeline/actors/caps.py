"""The all-caps guard: in text written in capitals, an all-caps word is not yet an acronym.

A wire headline or a telex-style dispatch writes every word in capitals, so "ANA" may be a woman's name,
"PLA" or "AGC" a word or an abbreviation of anything. The rule, for an acronym matched in a sentence
written (almost) wholly in capitals:

- it stands when it is distinctive: four letters or more, or a digit ("FMLN", "MRTA", "MS-13"), naming
  one entry only by a form that is not a local alias, and not one of the entry's ``caps_words`` (acronyms
  that are words too: "ARENA", "FACT");
- otherwise (three letters or fewer, shared, local, or a word) it stands only with support: the article
  also writes it as an acronym in mixed-case text, or names one of its entries by a longer form ("GULF
  CLAN (AGC)"), or a group noun follows it ("ELN GUERRILLAS", "ANA SOLDIERS").

Telex-style archives (wholly in capitals) keep their distinctive acronyms this way, and the short ones
that collide with names and words need the article's own confirmation.
"""
from __future__ import annotations

from typing import Iterable

from spacy.tokens import Doc

from ..components import SentenceIndex
from .registry import ActorEntry, is_acronym

MIN_WORDS = 3
"""A sentence needs this many words to be judged: "ANA SAID" alone could be either."""
SHOUTED_SHARE = 0.8
"""Share of its words in capitals that makes a sentence shouted: a mixed-case sentence with several
acronyms ("The ANA and ISAF met the TTP") stays well under it, a wire headline is at or near 1."""
DISTINCTIVE_LETTERS = 4
ARMED_KINDS = {"state_forces", "police", "militant_group", "separatist_group", "unidentified_armed_group"}

Match = tuple[str, int, int]
"""A matcher key ("=" + acronym, "~" + folded form), start and end token."""


def shouted_tokens(doc: Doc) -> set[int]:
    """Indices of the tokens of every sentence written (almost) wholly in capitals."""
    shouted: set[int] = set()
    text = doc.text
    if sum(1 for c in text if c.isupper()) < 2 * MIN_WORDS:
        return shouted  # too few capitals for any shouted sentence
    starts = SentenceIndex(doc).starts
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(doc)
        # The sentence's words from its text: a Token object per word costs more than the test.
        last = doc[end - 1]
        words = [w for w in text[doc[start].idx : last.idx + len(last)].split() if sum(c.isalpha() for c in w) >= 2]
        capitals = sum(all(c.isupper() for c in w if c.isalpha()) for w in words)
        if len(words) >= MIN_WORDS and capitals >= SHOUTED_SHARE * len(words):
            shouted.update(range(start, end))
    return shouted


def distinctive(form: str) -> bool:
    return sum(c.isalpha() for c in form) >= DISTINCTIVE_LETTERS or any(c.isdigit() for c in form)


class CapsGuard:
    def __init__(self, entries: Iterable[ActorEntry]) -> None:
        entries = list(entries)
        # Group nouns are the one-word forms of the generic armed entries: "guerrillas", "soldiers", "police".
        self.group_nouns = frozenset(
            form.lower() for e in entries if e.generic and e.kind.value in ARMED_KINDS
            for form in (e.name, *e.aliases) if " " not in form and not is_acronym(form))
        self.words = frozenset(w for e in entries for w in e.caps_words)

    def __call__(self, doc: Doc, named: set[str], acronyms: list[Match], open_forms: set[str],
                 entries_of: dict[str, set[str]]) -> list[Match]:
        """The acronym matches that are evidence. ``named``: entries matched by a longer form; ``open_forms``:
        the acronym keys several entries share or that are local; ``entries_of``: key -> its entries."""
        shouted = shouted_tokens(doc)
        if not shouted:
            return acronyms
        spoken = {key for key, start, _ in acronyms if start not in shouted}
        kept = []
        for key, start, end in acronyms:
            form = key[1:]
            if (start not in shouted or key in spoken or entries_of[key] & named
                    or (distinctive(form) and key not in open_forms and form not in self.words)
                    or (end < len(doc) and doc[end].lower_ in self.group_nouns)):
                kept.append((key, start, end))
        return kept
