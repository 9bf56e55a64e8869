"""Incident segmentation: which sentences tell which incident.

Each sentence's triggers either start an incident or continue the one before ("the attack", "during
these encounters", a sentence of casualties with no new trigger, a claim of responsibility). Opinion
and generalities ("every major attack is followed by a meeting") start none.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from models.taxonomy import EventFamily, event_family

from ..casualties.links import CasualtyLink
from .types import ModalityChoice
from .view import DocView
from .weapons import held
from .words import WORDS

PERIOD_KINDS = {"year", "month"}
BROAD_PLACES = {"country", "admin1", "region"}
"""Places too broad to make a sentence about attacks a report of one ("operations across KP")."""
"""Date kinds that name a period, not a day."""
RESPONSIBILITY_WORDS = WORDS.claim_words | WORDS.suspect_words | WORDS.deny_words
STATUS_OF = {"THREATENED": "threatened", "PLANNED": "planned", "ATTEMPTED": "attempted", "HYPOTHETICAL": "hypothetical"}
"""Context categories that give an incident's status (negation and generality are kept apart)."""


@dataclass
class Incident:
    """An incident as segmentation finds it: its triggers and sentences (grown while reading on)."""

    triggers: list[Span]
    sentences: list[int]
    modality: ModalityChoice
    opened: bool = False
    """The writer says it is another incident ("Earlier, ...", "In another engagement"): never a retelling."""


def segment(view: DocView, skip_tokens: set[int], skip_links: set[int]) -> list[Incident]:
    """The incidents of the Doc in text order; triggers and links already used by aggregates are skipped."""
    incidents: list[Incident] = []
    current: Incident | None = None
    for index in range(len(view.bounds)):
        spans = view.sentences[index]
        triggers = [t for t in spans.triggers if t.start not in skip_tokens and not describes_weapon(view, t)
                    and not names_a_unit(view, t)]
        if any(_type_of(view, t) in {"protest", "riot"} for t in triggers):
            # "protested against the blast in Shikarpur": the blast is what they protest, not a new incident.
            triggers = [t for t in triggers if not is_topic(view, t)]
        triggers = _acts_told_as_done(view, triggers)
        # A sentence about responsibility continues the incident before, whatever else it tells.
        claims = current is not None and _mentions_claim(view, index)
        if claims and triggers:
            # "Officials blamed the CJNG, which is fighting a rival coalition": the acts told of the
            # accused in a relative clause are background, the sentence is the claim.
            actor_tokens = {i for a in spans.actors for i in range(a.start, a.end)}
            triggers = [t for t in triggers if not _in_relative_clause(t, actor_tokens)]
        links = [link for link in spans.links if link.id not in skip_links]
        if not triggers and not links:
            if claims and current is not None:
                current.sentences.append(index)
            continue
        cue_triggers = triggers or [view.doc[links[0].phrase[0] : links[0].phrase[1]]]
        modality = modality_of(view, cue_triggers)
        specific = bool(links) or _has_specifics(view, index)
        if not specific and triggers and all(is_generic(view, t) for t in triggers):
            modality = ModalityChoice(modality.polarity, modality.status, True)
        if modality.generic and not specific:
            if claims and current is not None:
                current.sentences.append(index)  # "Police suspect the BRN, which rarely claims attacks"
            continue
        current = _place_sentence(view, index, triggers, links, modality, current, incidents)
    return incidents


def _place_sentence(view: DocView, index: int, triggers: list[Span], links: list[CasualtyLink],
                    modality: ModalityChoice, current: Incident | None, incidents: list[Incident]) -> Incident | None:
    """Continue the current incident with this sentence, or start a new one; returns the current one."""
    rules = view.rules.triggers
    real = [t for t in triggers if not rules[t.kb_id_].anaphoric_only]
    # "Troops beat back the raid, and four attackers died": one trigger referring back is enough,
    # unless the sentence moves to a new place.
    anaphoric = any(is_anaphoric(view, t) or rules[t.kb_id_].anaphoric_only for t in triggers)
    anaphoric = anaphoric or (current is not None and _opens_on_the_attackers(view, index))
    # "Earlier, ...", "In another engagement": the writer says a new incident begins.
    writer_opens = current is not None and bool(real) and _opens_new_incident(view, index, triggers)
    opens_new = writer_opens
    new_place = opens_new or (bool(view.sentences[index].places) and not _same_places(view, index, current))
    if current is not None and not opens_new and not anaphoric and _victims_again(view, links, real, current):
        # "Gunmen seized three farmers ... The captives were found dead a week later": the fate of the
        # incident's own victims, told later, belongs to it.
        anaphoric = True
    if current is not None and not real and not anaphoric and _arrests_of_their_own(view, links, current):
        # "Troops also arrested 12 people" after a strike: the arrests are an incident of their own.
        opens_new = True
    told = [t for t in real if not is_anaphoric(view, t)]
    if current is not None and told and all(_type_of(view, t) == "arrest" for t in told) and not (
            {_type_of(view, t) for t in current.triggers} & {"arrest", "security_operation", "protest", "riot"}):
        # "Police detained three suspects in connection with the bombing": the arrests are their own incident,
        # and the bombing they point back at is not theirs.
        opens_new, real = True, told
    if current is not None and not opens_new and (not real or anaphoric):
        # "The attack", "the ensuing clash", a sentence of tolls or claims: the same incident goes on.
        current.sentences.append(index)
        current.triggers.extend(real)
        return current
    if (current is not None and index == current.sentences[-1] + 1 and not new_place
            and not _has_new_day(view, index, current) and _compatible(view, real, current.triggers)
            and (modality == current.modality or current.modality.status == "attempted" or _only_seizures(view, real)
                 or (modality.status == "attempted" and _at_the_scene(view, index)))):
        current.sentences.append(index)
        current.triggers.extend(real)
        return current
    if not real and not links:
        return current
    if real:
        start, end = view.bounds[index]
        # "Earlier, ...", "Separately, ...": the writer opens another incident; "two separate operations"
        # mid-sentence may still be the same story's (a rescue of the hostages just told).
        incident = Incident(triggers=list(real), sentences=[index], modality=modality,
                            opened=end > start and writer_opens)
    else:
        # Casualties with no trigger ("Two soldiers were killed in Kurram") still report an incident.
        incident = Incident(triggers=[view.doc[links[0].cue[0] : links[0].cue[1]]], sentences=[index],
                            modality=modality)
    incidents.append(incident)
    return incident


def _acts_told_as_done(view: DocView, triggers: list[Span]) -> list[Span]:
    """"arrested a dozen people accused of planning attacks": the attacks planned are not the act told."""
    told = [t for t in triggers if modality_of(view, [t]).status in {"occurred", "attempted"}]
    return told if told else triggers


def _type_of(view: DocView, trigger: Span) -> str | None:
    rule = view.rules.triggers.get(trigger.kb_id_)
    return rule.type.value if rule is not None else None


def is_anaphoric(view: DocView, trigger: Span) -> bool:
    """"The attack", "these encounters": a noun phrase pointing back at an incident already told."""
    if view.pos[trigger.end - 1] in {"VERB", "AUX"}:
        return False
    i = trigger.start - 1
    steps = 0
    while i >= 0 and steps < 3:
        word = view.lower[i]
        if word in WORDS.anaphoric_determiners:
            return True
        if word in WORDS.new_referent_determiners or view.pos[i] in {"PUNCT", "VERB", "AUX", "ADP"} or (
                view.doc[i].is_punct):
            return False
        i -= 1
        steps += 1
    return False


def is_topic(view: DocView, trigger: Span) -> bool:
    """An act named as what a protest is about ("protested against the blast")."""
    if _type_of(view, trigger) in {"protest", "riot"}:
        return False
    window = view.doc[max(view.sentence_start(trigger.start), trigger.start - 6) : trigger.start]
    return any(t.lower_ in WORDS.topic_cues for t in window)


def is_generic(view: DocView, trigger: Span) -> bool:
    """"Every attack", "such attacks", or a bare plural ("attacks kill innocents") names no one incident."""
    doc = view.doc
    before = doc[trigger.start - 1] if trigger.start > 0 else None
    i = trigger.start - 1
    while i >= max(0, trigger.start - 4):
        if view.lower[i] in WORDS.generic_determiners:
            return True
        if view.pos[i] not in {"ADJ", "NOUN", "PROPN"} and view.lower[i] != "of":
            break
        i -= 1
    head = trigger[-1]
    if head.tag_ == "NNS" and (before is None or before.tag_ != "CD") and _names_only_a_period(view, trigger):
        return True  # "last year was one of unending militant violence"
    if head.tag_ == "NNS" and (before is None or before.tag_ not in {"DT", "PRP$", "CD", "POS"}):
        # Only in a statement about the present or the possible: "held protests" reports, "attacks kill" opines.
        root = view.sentence_span(view.sentence_of(trigger.start)).root
        tenses = {root.tag_} | {c.tag_ for c in root.children if c.dep_ in {"aux", "auxpass"}}
        return bool(tenses & {"VBZ", "VBP", "MD", "VB"}) and "VBD" not in tenses
    return False


def names_a_unit(view: DocView, trigger: Span) -> bool:
    """"Operation Hadin Kai", "the State Special Operation Cell": a capitalized name with the trigger word
    inside it names a command or a unit, not an act."""
    doc = view.doc
    if not all(t.is_title for t in trigger):
        return False
    start = view.sentence_start(trigger.start)
    after = trigger.end < len(doc) and doc[trigger.end].is_title and doc[trigger.end].pos_ == "PROPN"
    before = trigger.start - 1 > start and doc[trigger.start - 1].is_title and doc[trigger.start - 1].pos_ == "PROPN"
    return after or before


def _names_only_a_period(view: DocView, trigger: Span) -> bool:
    """The trigger's sentence dates itself by a year or a period, never by a day."""
    dates = view.sentences[view.sentence_of(trigger.start)].dates
    periods = [d for d in dates if d.label_ in PERIOD_KINDS or view.names_period(d)]
    return bool(periods) and len(periods) == len(dates)


def describes_weapon(view: DocView, trigger: Span) -> bool:
    """"three magnetic bombs were seized", "armed with grenades", "tear gas shells": a weapon named,
    not used in an incident."""
    rule = view.rules.triggers.get(trigger.kb_id_)
    if rule is not None and rule.type == "arson_or_facility_attack" and view.lower[trigger.start].startswith("destroy"):
        # "troops found and destroyed a cache", "a grenade found at the spot was destroyed": no attack
        words = view.sentence_words(view.sentence_of(trigger.start))
        return bool(words & WORDS.seizure_words) and not (words & WORDS.verbs_of_use)
    if rule is None or event_family(rule.type) != EventFamily.explosion:
        return False
    if held(trigger):
        return True  # "killed two militants and recovered a grenade": the grenade was found, not thrown
    before = view.lower[max(view.sentence_start(trigger.start), trigger.start - 10) : trigger.start]
    if any(w in WORDS.armed_with for w in before) and "with" in before:
        return True
    if before[-2:] == ["tear", "gas"] or (before and before[-1] in WORDS.tear_gas):
        return True
    words = view.sentence_words(view.sentence_of(trigger.start))
    if any(w in WORDS.carrying_words for w in before[-4:]) and not words & WORDS.verbs_of_use:
        return True  # "a man who was carrying a grenade"
    return bool(words & WORDS.seizure_words) and not (words & WORDS.verbs_of_use)


def _victims_again(view: DocView, links: list[CasualtyLink], real: list[Span], current: Incident) -> bool:
    rules = view.rules.triggers
    if not links or any(t.kb_id_ not in rules or not rules[t.kb_id_].killing for t in real):
        return False
    if any(_type_of(view, t) in {"protest", "riot"} for t in current.triggers):
        return False  # a killing after a protest about it is the killing protested, told again
    doc = view.doc
    earlier = {view.lower[i] for index in current.sentences for i in range(*view.bounds[index])
               if view.pos[i] == "PROPN"}
    for link in links:
        phrase = doc[link.phrase[0] : link.phrase[1]]
        if phrase[0].lower_ in WORDS.referring_determiners:
            return True
        if phrase[-1].pos_ == "PROPN" and phrase[-1].lower_ in earlier:
            return True  # "Rahman, a judge, was shot": the Shamsur Rahman abducted before
    return False


def _arrests_of_their_own(view: DocView, links: list[CasualtyLink], current: Incident) -> bool:
    """Arrests told after an incident of another kind (a strike, a bombing) are not its tolls."""
    if not links or any(link.outcome != "arrested" for link in links):
        return False
    types = {_type_of(view, t) for t in current.triggers}
    return not types & {"arrest", "security_operation", "protest", "riot"}


def _opens_on_the_attackers(view: DocView, index: int) -> bool:
    """"The attackers, armed with rifles, targeted the camp": the incident's own perpetrators, told again."""
    start, end = view.bounds[index]
    words = view.lower[start : min(end, start + 3)]
    return len(words) >= 2 and words[0] in WORDS.referring_determiners and any(
        w in WORDS.referring_perpetrators for w in words[1:])


def _opens_new_incident(view: DocView, index: int, triggers: list[Span]) -> bool:
    """"In another engagement ...", "Separately, ...": the writer says a new incident begins."""
    start, end = view.bounds[index]
    first = view.lower[start] if end > start else ""
    if first in WORDS.new_incident_openers:
        return True
    if start > 0 and ((view.in_headline(view.doc[start : start + 1]) and view.lower[start - 1] == ";")
                      or (view.headline and start == view.headline_end)):
        # "Bomb wounds rangers in Narathiwat; headman shot dead in Pattani": each part of a headline, and
        # the story after it, starts afresh; merging joins a story to the headline part it retells.
        return True
    return not _at_the_scene(view, index) and any(
        t.start > 0 and view.lower[t.start - 1] in WORDS.new_incident_determiners for t in triggers)


def _at_the_scene(view: DocView, index: int) -> bool:
    """"A second grenade found at the spot failed to explode": the device belongs to the attack just told."""
    start, end = view.bounds[index]
    lower = view.lower
    return any(lower[i] == "at" and lower[i + 1] == "the" and lower[i + 2] in WORDS.scene_nouns
               for i in range(start, end - 2))


def _mentions_claim(view: DocView, index: int) -> bool:
    """A sentence about responsibility ("The TTP claimed responsibility") continues the incident before."""
    return bool(view.sentence_words(index) & RESPONSIBILITY_WORDS)


def _has_specifics(view: DocView, index: int) -> bool:
    """A scene or a day: a town or district, or a date that is not a period ("across KP", "in 2024" are not)."""
    spans = view.sentences[index]
    return (any(p.label_ not in BROAD_PLACES for p in spans.places)
            or any(d.label_ not in PERIOD_KINDS and not view.names_period(d) for d in spans.dates))


def _days(view: DocView, index: int) -> set[str]:
    return {view.span_text(d).lower() for d in view.sentences[index].dates if d.label_ not in PERIOD_KINDS}


def _has_new_day(view: DocView, index: int, current: Incident) -> bool:
    mine = _days(view, index)
    if not mine:
        return False
    before = {day for s in current.sentences for day in _days(view, s)}
    return bool(before) and not (mine & before)


def _same_places(view: DocView, index: int, current: Incident | None) -> bool:
    """Whether a sentence stays where the incident is: its most specific places were named before."""
    from models.taxonomy import GEO_PRECISION_RANK

    if current is None:
        return False
    places = view.sentences[index].places
    before = {view.place_key(p) for s in current.sentences for p in view.sentences[s].places}
    if not before or all(p.label_ in {"country", "admin1", "region"} for p in places):
        return True
    finest = min(GEO_PRECISION_RANK.get(p.label_, 5) for p in places)
    specific = {view.place_key(p) for p in places if GEO_PRECISION_RANK.get(p.label_, 5) == finest}
    return bool(specific & before)


def _only_seizures(view: DocView, triggers: list[Span]) -> bool:
    rules = view.rules.triggers
    return bool(triggers) and all(t.kb_id_ in rules and rules[t.kb_id_].type.value == "weapons_seizure"
                                  for t in triggers)


def _compatible(view: DocView, new: list[Span], old: list[Span]) -> bool:
    """A new trigger of a kind of act that may belong to the incident so far."""
    if not old:
        return True
    rules = view.rules.triggers
    families = {event_family(rules[t.kb_id_].type) for t in old if t.kb_id_ in rules}
    if families & {EventFamily.explosion, EventFamily.armed_violence} and _only_seizures(view, new):
        return True  # "a second device was defused at the scene": part of the attack just told
    joinable = families | {EventFamily.armed_violence, EventFamily.property}
    return any(event_family(rules[t.kb_id_].type) in joinable for t in new)


def modality_of(view: DocView, triggers: list[Span]) -> ModalityChoice:
    """Polarity, status and generality from the context scopes around the first trigger."""
    polarity, status, generic = "asserted", "occurred", False
    if triggers:
        trigger = triggers[0]  # the first trigger names the incident; later ones may sit in other clauses
        for scope in view.scopes:
            if scope.start <= trigger.start < scope.end:
                category = scope.label_
                if category == "NEGATED":
                    polarity = "negated"
                elif category == "GENERIC":
                    generic = True
                elif category in STATUS_OF and status == "occurred":
                    status = STATUS_OF[category]
        if status == "occurred" and _under_modal(trigger):
            status = "hypothetical"
    return ModalityChoice(polarity, status, generic)


def _under_modal(trigger: Span) -> bool:
    """"An operation in Kech might kill a few dozen": the act's verb is only possible."""
    token = trigger.root
    verb = token if token.pos_ in {"VERB", "AUX"} else token.head if token.dep_ in {"nsubj", "nsubjpass", "dobj"} else None
    return verb is not None and any(c.tag_ == "MD" and c.lower_ in WORDS.possibility_modals for c in verb.children)


def _in_relative_clause(trigger: Span, actor_tokens: set[int]) -> bool:
    """The trigger tells what an actor named in the sentence does or did ("the ELN, which has bombed ...")."""
    return any(t.dep_ == "relcl" and t.head.i in actor_tokens for t in [trigger.root, *trigger.root.ancestors])
