"""The cue words assembly decides with (``data/cue_words.jsonl``), typed: one field per list."""
from __future__ import annotations

from ..rules import WordLists, word_lists


class AssemblyWords(WordLists):
    anaphoric_determiners: frozenset[str]
    new_referent_determiners: frozenset[str]
    new_incident_openers: frozenset[str]
    new_incident_determiners: frozenset[str]
    scene_nouns: frozenset[str]
    claim_words: frozenset[str]
    suspect_words: frozenset[str]
    suspect_after: frozenset[str]
    deny_words: frozenset[str]
    no_claim: frozenset[str]
    title_victims: frozenset[str]
    biographical: frozenset[str]
    topic_cues: frozenset[str]
    generic_determiners: frozenset[str]
    seizure_words: frozenset[str]
    armed_with: frozenset[str]
    carrying_words: frozenset[str]
    tear_gas: frozenset[str]
    verbs_of_use: frozenset[str]
    referring_determiners: frozenset[str]
    failed_attempt: frozenset[str]
    several_bombers: frozenset[str]
    riot_words: frozenset[str]
    civilian_scene_kinds: frozenset[str]
    armed_scene_kinds: frozenset[str]
    ground_assault_words: frozenset[str]
    speech_verbs: frozenset[str]
    speech_dates: frozenset[str]
    clause_breaks: frozenset[str]
    light_verbs: frozenset[str]
    locative: frozenset[str]
    place_chain_words: frozenset[str]
    route_words: frozenset[str]
    victim_determiners: frozenset[str]
    response_verbs: frozenset[str]
    target_prepositions: frozenset[str]
    attacker_nouns: frozenset[str]
    referring_perpetrators: frozenset[str]
    conflict_nouns: frozenset[str]
    possibility_modals: frozenset[str]
    partitive_nouns: frozenset[str]
    denial_objects: frozenset[str]
    denied_non_acts: frozenset[str]


WORDS: AssemblyWords = word_lists(__package__, "cue_words.jsonl", AssemblyWords)
