"""The cue words the casualty stage reads counts and outcomes with (``data/cue_words.jsonl``)."""
from __future__ import annotations

from ..rules import WordLists, word_lists


class CasualtyWords(WordLists):
    bridges: frozenset[str]
    left_bridges: frozenset[str]
    definite: frozenset[str]
    collective: frozenset[str]
    postmodifiers: frozenset[str]
    weak_postmodifiers: frozenset[str]
    referring_plurals: frozenset[str]
    passive_markers: frozenset[str]
    non_count_next: frozenset[str]
    vague_counts: frozenset[str]
    negators: frozenset[str]
    number_run_links: frozenset[str]
    phrase_inner: frozenset[str]
    participle_descriptions: frozenset[str]
    others: frozenset[str]
    linking_verbs: frozenset[str]
    singular_verbs: frozenset[str]
    coordinators: frozenset[str]
    phrase_articles: frozenset[str]
    shared_cue_gap: frozenset[str]
    active_killing: frozenset[str]
    nominal_outcomes: frozenset[str]
    vague_of: frozenset[str]
    chain_links: frozenset[str]
    chain_fillers: frozenset[str]
    non_person_nouns: frozenset[str]
    motive_words: frozenset[str]
    service_ranks: frozenset[str]
    police_context: frozenset[str]
    member_links: frozenset[str]


def casualty_words() -> CasualtyWords:
    return word_lists(__package__, "cue_words.jsonl", CasualtyWords)
