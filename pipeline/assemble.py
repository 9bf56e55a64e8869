"""Argument linking: from an annotated Doc to plain event and aggregate dicts.

Plain data, not Pydantic: records are built once, at the boundary (``records.py``). The steps:
period statistics become aggregates; each remaining trigger either starts an incident or continues
the one before ("the attack", "during these encounters", a sentence of casualties with no new
trigger); each incident then collects casualties, place, time, actors, weapons and targets from its
sentences.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from .attrs import CASUALTY_LINKS
from .casualties.numbers import digits_value, is_year
from .components import ACTORS, DATES, PLACES, SCOPES, TARGETS, TRIGGERS, WEAPONS, SentenceIndex
from .triggers.component import TriggerRule

PLACE_RANK = {"town": 0, "admin2": 1, "admin1": 2, "region": 3, "country": 4}
ANAPHORIC_DETERMINERS = {"the", "this", "that", "these", "those", "such", "ensuing", "same", "its", "their",
                         "his", "both", "twin", "latest", "today's", "yesterday's"}
PERIOD_KINDS = {"year", "month"}
PERIOD_RULES = {"last-month", "earlier-this-month", "last-year", "month-alone", "year", "calendar-year", "month-year"}
# Periods long enough that counts over them are statistics, not one incident's toll.
STATISTIC_RULES = {"last-year", "year", "calendar-year"}
TYPE_METRIC = {
    "security_operation": "operations", "arrest": "arrests", "kidnapping": "kidnappings",
    "hostage_taking": "kidnappings", "protest": "other", "riot": "other",
}
CLAIM_WORDS = {"claimed", "claim", "claiming", "claims"}
SUSPECT_WORDS = {"attributed", "blamed", "suspected", "suspect", "believed", "accused", "alleged", "allegedly",
                 "blames", "blaming", "suspects"}
DENY_WORDS = {"denied", "deny", "denies", "denying", "rejected", "distanced"}
NO_CLAIM = {"no", "not", "none", "nobody", "neither"}
STATUS_OF = {"THREATENED": "threatened", "PLANNED": "planned", "ATTEMPTED": "attempted", "HYPOTHETICAL": "hypothetical"}
TYPE_FAMILY = {
    "bombing": "explosion", "suicide_bombing": "explosion", "remote_explosive": "explosion",
    "air_or_drone_strike": "strike", "shelling": "strike", "armed_assault": "violence", "armed_clash": "violence",
    "security_operation": "violence", "targeted_killing": "violence", "kidnapping": "abduction",
    "hostage_taking": "abduction", "arson_or_facility_attack": "violence", "arrest": "arrest", "protest": "protest",
    "riot": "protest", "other": "other",
}
TITLE_VICTIMS = {"official", "leader", "elder", "chief", "commander", "judge", "journalist", "cleric", "councillor",
                 "councilor", "governor", "mayor", "lawmaker", "legislator", "mp", "mpa", "mna", "senator",
                 "minister", "politician", "scholar", "activist", "prosecutor", "headmaster", "principal",
                 "candidate", "spokesman", "deputy"}


@dataclass
class Mention:
    """What one sentence contributes to an incident."""

    sent_index: int
    triggers: list[Span] = field(default_factory=list)


@dataclass
class Incident:
    triggers: list[Span]
    sentences: list[int]
    modality: dict
    anchor_sentence: int


def assemble(doc: Doc, rules: dict[str, TriggerRule]) -> tuple[list[dict], list[dict]]:
    """Return (incidents, aggregates) as plain dicts of spans and values for ``records.py``."""
    sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    sent_of = SentenceIndex(doc)
    scopes = list(doc.spans.get(SCOPES, []))
    dates = list(doc.spans.get(DATES, []))
    links = doc._.get(CASUALTY_LINKS) or []

    by_sent = _group_by_sentence(doc, sent_of, len(sents))
    # "March" in a date is a month, not a march.
    in_dates = {i for d in dates for i in range(d.start, d.end)}
    by_sent["triggers"] = [[t for t in ts if t.start not in in_dates] for ts in by_sent["triggers"]]
    aggregates, aggregate_tokens, aggregate_links = _aggregates(doc, sents, sent_of, by_sent, links, rules)

    incidents: list[Incident] = []
    current: Incident | None = None
    for index, sent in enumerate(sents):
        triggers = [t for t in by_sent["triggers"][index]
                    if t.start not in aggregate_tokens and not _describes_weapon(doc, t, rules, sent)]
        if any(rules[t.kb_id_].type.value in {"protest", "riot"} for t in triggers if t.kb_id_ in rules):
            # "protested against the blast in Shikarpur": the blast is what they protest, not a new incident.
            triggers = [t for t in triggers if not _is_topic(doc, t, rules)]
        sent_links = [l for l in by_sent["links"][index] if id(l) not in aggregate_links]
        if not triggers and not sent_links:
            if current is not None and _mentions_claim(sent):
                current.sentences.append(index)
            continue
        modality = _modality(triggers or [doc[sent_links[0]["q"][0] : sent_links[0]["q"][1]]], scopes)
        specific = bool(sent_links) or _has_specifics(by_sent, index)
        if not specific and triggers and all(_is_generic(doc, t) for t in triggers):
            modality["generic"] = True
        if modality.get("generic") and not specific:
            # Opinion and generalities ("every major attack is followed by a meeting") report no incident.
            continue
        real = [t for t in triggers if not rules[t.kb_id_].anaphoric_only]
        # "Security forces repelled the assault, killing five": one trigger referring back is enough,
        # unless the sentence moves to a new place.
        anaphoric = any(_is_anaphoric(doc, t) or rules[t.kb_id_].anaphoric_only for t in triggers)
        opens_new = current is not None and bool(real) and _opens_new_incident(sent, triggers)
        new_place = opens_new or (bool(by_sent["places"][index]) and not _same_places(by_sent, index, current))
        if current is not None and not opens_new and not anaphoric and _victims_again(doc, sent_links, real, current, sents, rules):
            # "Assailants abducted four civilians ... The hostages were killed on August 17": the fate of the
            # incident's own victims, told later, belongs to it.
            anaphoric = True
        if current is not None and not opens_new and (not real or anaphoric):
            # "The attack", "the ensuing clash", a sentence of tolls or claims: the same incident goes on.
            current.sentences.append(index)
            current.triggers.extend(real)
            continue
        if (current is not None and index == current.sentences[-1] + 1 and not new_place
                and not _has_new_day(by_sent, index, current) and _compatible(real, current.triggers, rules)
                and (modality == current.modality or current.modality.get("status") == "attempted")):
            current.sentences.append(index)
            current.triggers.extend(real)
            continue
        if not real and not sent_links:
            continue
        current = Incident(triggers=list(real) or [], sentences=[index], modality=modality, anchor_sentence=index)
        if not real:
            # Casualties with no trigger ("Two soldiers were killed in Kurram") still report an incident.
            link = sent_links[0]
            current.triggers = [doc[link["cue"][0] : link["cue"][1]]]
        incidents.append(current)

    bounds = [(sent.start, sent.end) for sent in sents]
    def arguments(incident: Incident, index: int) -> dict:
        return _arguments(doc, sent_of, bounds, incident, by_sent, rules, aggregate_links, index)
    events = [arguments(inc, index) for index, inc in enumerate(incidents)]
    return _merge_duplicates(incidents, events, arguments), aggregates


# --- grouping ---------------------------------------------------------------------------------------
def _group_by_sentence(doc: Doc, sent_of: SentenceIndex, n: int) -> dict[str, list[list]]:
    groups = {name: [[] for _ in range(n)] for name in ("triggers", "places", "actors", "dates", "weapons", "targets", "links")}
    for name, key in (("triggers", TRIGGERS), ("places", PLACES), ("actors", ACTORS), ("dates", DATES),
                      ("weapons", WEAPONS), ("targets", TARGETS)):
        for span in doc.spans.get(key, []):
            if name == "places" and _biographical(doc, span):
                continue
            groups[name][sent_of(span.start)].append(span)
    for link in doc._.get(CASUALTY_LINKS) or []:
        groups["links"][sent_of(link["q"][0])].append(link)
    return groups


BIOGRAPHICAL = {"resident", "residents", "native", "natives", "hailing", "hails", "hometown", "born"}


def _biographical(doc: Doc, span: Span) -> bool:
    """"Sepoy Abdul Wahab, resident of District Karak": where a person is from is not where it happened."""
    return any(t.lower_ in BIOGRAPHICAL for t in doc[max(0, span.start - 4) : span.start])


def _is_anaphoric(doc: Doc, trigger: Span) -> bool:
    """"The attack", "these encounters": a noun phrase pointing back at an incident already told."""
    if trigger[-1].pos_ in {"VERB", "AUX"}:
        return False
    i = trigger.start - 1
    steps = 0
    while i >= 0 and steps < 3:
        word = doc[i].lower_
        if word in ANAPHORIC_DETERMINERS:
            return True
        if word in {"a", "an", "another", "two", "three", "separate", "several", "twin"} or doc[i].is_punct \
                or doc[i].pos_ in {"VERB", "AUX", "ADP"}:
            return False
        i -= 1
        steps += 1
    return False


TOPIC_CUES = {"against", "condemn", "condemned", "condemning", "condemns", "over", "protest", "protested",
              "protesting", "mourn", "mourned", "mourning", "denounce", "denounced", "denouncing", "commemorate",
              "mark", "marking", "anniversary", "demanding", "victims", "after"}


def _is_topic(doc: Doc, trigger: Span, rules) -> bool:
    if rules.get(trigger.kb_id_) is not None and rules[trigger.kb_id_].type.value in {"protest", "riot"}:
        return False
    window = doc[max(trigger.sent.start, trigger.start - 6) : trigger.start]
    return any(t.lower_ in TOPIC_CUES for t in window)


GENERIC_DETERMINERS = {"every", "any", "such", "most", "many", "each", "frequent", "repeated", "future", "recent",
                       "similar", "dozens", "scores", "hundreds", "numerous",
                       "these", "those", "more", "fewer", "further", "all"}


def _is_generic(doc: Doc, trigger: Span) -> bool:
    """"Every attack", "such attacks", or a bare plural ("attacks kill innocents") names no one incident."""
    before = doc[trigger.start - 1] if trigger.start > 0 else None
    i = trigger.start - 1
    while i >= max(0, trigger.start - 4):
        if doc[i].lower_ in GENERIC_DETERMINERS:
            return True
        if doc[i].pos_ not in {"ADJ", "NOUN", "PROPN"} and doc[i].lower_ != "of":
            break
        i -= 1
    head = trigger[-1]
    if head.tag_ == "NNS" and (before is None or before.tag_ not in {"DT", "PRP$", "CD", "POS"}):
        # Only in a statement about the present or the possible: "held protests" reports, "attacks kill" opines.
        root = trigger.sent.root
        tenses = {root.tag_} | {c.tag_ for c in root.children if c.dep_ in {"aux", "auxpass"}}
        return bool(tenses & {"VBZ", "VBP", "MD", "VB"}) and "VBD" not in tenses
    return False


SEIZURE_WORDS = {"seized", "recovered", "confiscated", "captured", "haul", "cache", "seize",
                 "recovering", "seizing", "surrendered"}
ARMED_WITH = {"armed", "carrying", "equipped", "wearing"}


def _describes_weapon(doc: Doc, trigger: Span, rules, sent: Span) -> bool:
    """"three magnetic bombs were seized", "armed with grenades", "tear gas shells": a weapon named,
    not used in an incident."""
    rule = rules.get(trigger.kb_id_)
    if rule is None or TYPE_FAMILY.get(rule.type.value) not in {"explosion", "strike"}:
        return False
    before = [t.lower_ for t in doc[max(sent.start, trigger.start - 6) : trigger.start]]
    if any(w in ARMED_WITH for w in before) and "with" in before:
        return True
    if before[-2:] in (["tear", "gas"],) or (before and before[-1] in {"teargas"}):
        return True
    words = {t.lower_ for t in sent}
    verbs_of_use = {"exploded", "detonated", "blast", "explosion", "went", "killed", "injured", "wounded", "hit",
                    "struck", "targeted", "blew", "attack", "attacked"}
    return bool(words & SEIZURE_WORDS) and not (words & verbs_of_use)


KILLING_RULES = {"killed", "shot", "body-found", "assassination"}


def _victims_again(doc: Doc, links: list[dict], real: list[Span], current: Incident, sents, rules) -> bool:
    if not links or any(t.kb_id_ not in KILLING_RULES for t in real):
        return False
    if any(t.kb_id_ in rules and rules[t.kb_id_].type.value in {"protest", "riot"} for t in current.triggers):
        return False  # a killing after a protest about it is the killing protested, told again
    earlier = {t.lower_ for index in current.sentences for t in sents[index] if t.pos_ == "PROPN"}
    for link in links:
        phrase = doc[link["q"][0] : link["q"][1]]
        if phrase[0].lower_ in {"the", "both", "all", "his", "her", "their"}:
            return True
        if phrase[-1].pos_ == "PROPN" and phrase[-1].lower_ in earlier:
            return True  # "Rahman, a judge, was shot": the Shamsur Rahman abducted before
    return False


def _in_headline(span: Span) -> bool:
    """The article's first line with no closing full stop: a headline sums up, the story tells."""
    sent = span.sent
    return sent.start == 0 and not sent.text.rstrip().endswith((".", "!", "?", '"', "”"))


def _opens_new_incident(sent: Span, triggers: list[Span]) -> bool:
    """"In another engagement ...", "Separately, ...": the writer says a new incident begins."""
    first = sent[0].lower_ if len(sent) else ""
    if first in {"separately", "elsewhere", "meanwhile", "earlier", "previously", "later"}:
        return True
    return any(t.start > 0 and t.doc[t.start - 1].lower_ in {"another", "separate", "second"} for t in triggers)


def _mentions_claim(sent: Span) -> bool:
    words = {t.lower_ for t in sent}
    return bool(words & (CLAIM_WORDS | SUSPECT_WORDS | DENY_WORDS)) and "responsibility" in words | {"responsibility"}


def _has_specifics(by_sent, index) -> bool:
    return bool(by_sent["places"][index]) or any(d.label_ not in PERIOD_KINDS for d in by_sent["dates"][index])


def _has_new_day(by_sent, index, current: Incident) -> bool:
    mine = {d.text.lower() for d in by_sent["dates"][index] if d.label_ not in PERIOD_KINDS}
    if not mine:
        return False
    before = {d.text.lower() for s in current.sentences for d in by_sent["dates"][s] if d.label_ not in PERIOD_KINDS}
    return bool(before) and not (mine & before)


def _same_places(by_sent, index, current: Incident | None) -> bool:
    """Whether a sentence stays where the incident is: its most specific places were named before."""
    if current is None:
        return False
    places = by_sent["places"][index]
    before = {p.kb_id_ or p.text for s in current.sentences for p in by_sent["places"][s]}
    if not before or all(p.label_ in {"country", "admin1", "region"} for p in places):
        return True
    finest = min(PLACE_RANK.get(p.label_, 5) for p in places)
    specific = {p.kb_id_ or p.text for p in places if PLACE_RANK.get(p.label_, 5) == finest}
    return bool(specific & before)


def _compatible(new: list[Span], old: list[Span], rules) -> bool:
    if not old:
        return True
    families = {TYPE_FAMILY[rules[t.kb_id_].type.value] for t in old if t.kb_id_ in rules}
    return any(TYPE_FAMILY[rules[t.kb_id_].type.value] in families | {"violence"} for t in new)


def _modality(triggers: list[Span], scopes: list[Span]) -> dict:
    polarity, status, generic = "asserted", "occurred", False
    cues = []
    for trigger in triggers:
        for scope in scopes:
            if scope.start <= trigger.start < scope.end:
                category = scope.label_
                if category == "NEGATED":
                    polarity = "negated"
                elif category == "GENERIC":
                    generic = True
                elif category in STATUS_OF and status == "occurred":
                    status = STATUS_OF[category]
                cues.append(scope.kb_id_)
        break  # the first trigger names the incident; later ones may sit in other clauses
    return {"polarity": polarity, "status": status, "generic": generic}


# --- aggregates ---------------------------------------------------------------------------------------
def _aggregates(doc, sents, sent_of, by_sent, links, rules):
    aggregates, tokens, used_links = [], set(), set()
    for index, sent in enumerate(sents):
        periods = [d for d in by_sent["dates"][index] if d.kb_id_ in STATISTIC_RULES]
        days = [d for d in by_sent["dates"][index] if d.kb_id_ not in PERIOD_RULES and d.label_ not in PERIOD_KINDS]
        many = [t for t in by_sent["triggers"][index] if (_counted_trigger(doc, t) or (0, 0))[0] >= 5]
        if days or not (periods or many):
            continue
        # "We recorded 14 incidents last week, in which 38 people were killed": a tally, not one incident.
        period = periods[0] if periods else next(iter(d for d in by_sent["dates"][index]), None)
        for trigger in by_sent["triggers"][index]:
            count = _counted_trigger(doc, trigger)
            if count is None:
                continue
            value, start = count
            rule = rules[trigger.kb_id_]
            metric = TYPE_METRIC.get(rule.type.value, "attacks")
            aggregates.append({"metric": metric, "value": value, "qualifier": "exact", "span": doc[start : trigger.end],
                               "period": period, "sentence": index})
            tokens.add(trigger.start)
        for link in by_sent["links"][index]:
            if link["count"] is None or link["outcome"] not in {"killed", "injured", "arrested", "kidnapped"}:
                continue
            metric = {
                ("killed", "militants"): "militants_killed", ("killed", "security_forces"): "security_forces_killed",
                ("killed", "police"): "security_forces_killed", ("killed", "civilians"): "civilians_killed",
            }.get((link["outcome"], link["group"]), {"killed": "deaths", "injured": "injured", "arrested": "arrests",
                                                     "kidnapped": "kidnappings"}[link["outcome"]])
            start, end = min(link["q"][0], link["cue"][0]), max(link["q"][1], link["cue"][1])
            aggregates.append({"metric": metric, "value": link["count"], "qualifier": link["qualifier"],
                               "span": doc[start:end], "period": period, "sentence": index})
            used_links.add(id(link))
        if any(a["sentence"] == index for a in aggregates):
            tokens.update(t.start for t in by_sent["triggers"][index])
    return aggregates, tokens, used_links


def _counted_trigger(doc: Doc, trigger: Span) -> tuple[int, int] | None:
    """"444 terrorist attacks": the number counting a plural trigger noun, and where it starts."""
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


# --- arguments -------------------------------------------------------------------------------------------
def _arguments(doc, sent_of, bounds, inc: Incident, by_sent, rules, aggregate_links, number) -> dict | None:
    sentences = sorted(set(inc.sentences))
    triggers = [t for t in inc.triggers if t.kb_id_ in rules] or inc.triggers
    ranked = sorted((t for t in triggers if t.kb_id_ in rules), key=lambda t: -rules[t.kb_id_].priority)
    main = ranked[0] if ranked else triggers[0]
    event_type = rules[main.kb_id_].type.value if main.kb_id_ in rules else "other"
    # The evidence is the first mention of that kind of act in the story's lead, not a later restatement.
    family = TYPE_FAMILY.get(event_type)
    lead = sorted((t for t in triggers if t.kb_id_ in rules and TYPE_FAMILY.get(rules[t.kb_id_].type.value) == family
                   and not rules[t.kb_id_].anaphoric_only), key=lambda t: (_in_headline(t), t.start))
    if lead and (lead[0].start < main.start or _in_headline(main)):
        main = lead[0]
    if event_type == "other" and any(
            l["outcome"] == "kidnapped" for s in sentences for l in by_sent["links"][s]):
        event_type = "kidnapping"
    links = [l for s in sentences for l in by_sent["links"][s] if id(l) not in aggregate_links]
    weapons = [w for s in sentences for w in by_sent["weapons"][s]]
    weapon_kinds = {w.label_ for w in weapons} | {rules[t.kb_id_].weapon for t in triggers if t.kb_id_ in rules and rules[t.kb_id_].weapon}
    event_type = _refine_type(doc, event_type, weapon_kinds, triggers, rules, links)
    places = [p for s in sentences for p in by_sent["places"][s]]
    dates = [d for s in sentences for d in by_sent["dates"][s] if d.kb_id_ not in PERIOD_RULES or d.label_ not in PERIOD_KINDS]
    actors = [a for s in sentences for a in by_sent["actors"][s]]
    targets = [t for s in sentences for t in by_sent["targets"][s]]
    cues = [doc[l["cue"][0] : l["cue"][1]] for l in links]
    roles = _roles(doc, sent_of, bounds, actors, triggers + cues)
    if event_type in {"armed_clash", "armed_assault"}:
        trigger_types = {rules[t.kb_id_].type.value for t in triggers if t.kb_id_ in rules}
        state_acts = any(r["role"] == "perpetrator" and r["span"].label_ in {"state_forces", "police"} for r in roles)
        militants_hit = any(l["group"] == "militants" for l in links) or any(
            r["role"] == "target" and r["span"].label_ in {"militant_group", "separatist_group"} for r in roles)
        others_act = any(r["role"] == "perpetrator" and r["span"].label_ not in {"state_forces", "police", "government"}
                         for r in roles)
        if "security_operation" in trigger_types or (state_acts and militants_hit and event_type == "armed_assault"
                                                     and not others_act):
            event_type = "security_operation"
    if event_type == "security_operation" and any(l["outcome"] == "arrested" for l in links) and not any(
            l["outcome"] == "killed" for l in links):
        event_type = "arrest"  # "arrested three suspects in a raid"
    return {
        "number": number,
        "type": event_type,
        "trigger": main,
        "triggers": triggers,
        "sentences": sentences,
        "modality": inc.modality,
        "casualty_links": links,
        "suicide_attackers": _suicide_attackers(doc, triggers, rules, links),
        "places": places,
        "dates": dates,
        "actors": roles,
        "weapons": weapons,
        "implied_weapons": sorted(k for k in {rules[t.kb_id_].weapon for t in triggers if t.kb_id_ in rules} if k),
        "targets": targets,
    }


def _refine_type(doc, event_type, weapon_kinds, triggers, rules, links) -> str:
    words = {t.text.lower() for t in triggers}
    types = {rules[t.kb_id_].type.value for t in triggers if t.kb_id_ in rules}
    if types & {"protest", "riot"} and event_type in {"armed_clash", "armed_assault", "other", "shelling", "bombing"}:
        # Violence inside a demonstration ("protesters clashed with police", "killed during a protest").
        return "riot"
    if event_type == "shelling" and "firearm" in weapon_kinds:
        return "armed_assault"
    if event_type in {"armed_assault", "bombing", "other"}:
        if "suicide_vest" in weapon_kinds:
            return "suicide_bombing"
        if "ied" in weapon_kinds and event_type != "armed_assault":
            return "remote_explosive"
        if event_type == "armed_assault" and weapon_kinds & {"rocket", "mortar"} and not weapon_kinds & {"firearm"}:
            return "shelling"
        if event_type == "armed_assault" and "drone" in weapon_kinds:
            return "air_or_drone_strike"
    if event_type in {"armed_assault", "other"}:
        victims = [doc[l["q"][0] : l["q"][1]] for l in links if l["outcome"] == "killed"]
        if len(victims) == 1 and victims[0][-1].lower_ in TITLE_VICTIMS and links[0]["count"] == 1:
            return "targeted_killing"
    if event_type == "protest" and words & {"riot", "riots", "rioting", "mob", "violent"}:
        return "riot"
    return event_type


def _suicide_attackers(doc, triggers, rules, links) -> dict | None:
    """A suicide bomber dies in the attack: count them as killed militants unless the text already does."""
    bombers = [t for t in triggers if t.kb_id_ in {"suicide-bomber", "blew-himself-up", "detonated-his-vest"}]
    if not bombers or any(l["outcome"] == "killed" and l["group"] == "militants" for l in links):
        return None
    span = bombers[0]
    text = " ".join(t.lower_ for t in doc[max(span.sent.start, span.start - 3) : span.end])
    if any(w in text for w in ("failed", "foiled", "arrested", "captured", "would-be")):
        return None
    count = 2 if any(w in text for w in ("two", "twin", "bombers")) else 1
    return {"span": span, "count": count}


SPEECH_VERBS = {"said", "say", "says", "told", "confirmed", "stated", "added", "reported", "according", "quoted",
                "informed", "announced", "claimed", "tweeted", "posted", "spokesman", "spokesperson", "statement"}
CLAUSE_BREAKS = {";", "however", "but", "while", "whereas"}


def _attribution(doc: Doc, actor: Span, sent: tuple[int, int]) -> str | None:
    """How the text ties an actor to the act: claimed, suspected, denied, or None (plain statement)."""
    sent_start, sent_end = sent
    # Cues after the actor: "X claimed responsibility", "X denied involvement", "X were suspected".
    i = actor.end
    while i < min(sent_end, actor.end + 5):
        word = doc[i].lower_
        if word in CLAUSE_BREAKS:
            break
        if word in CLAIM_WORDS:
            before = {t.lower_ for t in doc[max(sent_start, actor.start - 2) : actor.start]}
            return None if before & NO_CLAIM else "claimed"
        if word in DENY_WORDS:
            return "denied"
        if word in {"suspected", "blamed", "accused", "believed", "alleged"}:
            return "suspected"
        i += 1
    # Cues before it in the same clause: "attributed the attack to X", "blamed X", "suspected X".
    i = actor.start - 1
    while i >= max(sent_start, actor.start - 8):
        word = doc[i].lower_
        if word in CLAUSE_BREAKS:
            break
        if word in SUSPECT_WORDS:
            return "suspected"
        if word in CLAIM_WORDS and doc[i + 1 : i + 3].text.lower().startswith("by"):
            return "claimed"
        i -= 1
    return None


def _is_speaker(doc: Doc, actor: Span, sent: tuple[int, int]) -> bool:
    """"police said", "according to police": the actor reports the event, it does not act in it."""
    after = {t.lower_ for t in doc[actor.end : min(sent[1], actor.end + 2)]}
    before = {t.lower_ for t in doc[max(sent[0], actor.start - 2) : actor.start]}
    if after & (SPEECH_VERBS - {"claimed"}) or "according" in before:
        return True
    root = actor.root
    return root.dep_ == "nsubj" and root.head.lower_ in SPEECH_VERBS


def _roles(doc, sent_of, bounds, actors: list[Span], triggers: list[Span]) -> list[dict]:
    """Each actor's part in the incident, read from the syntax around the incident's own words."""
    event_tokens = {i for t in triggers for i in range(t.start, t.end)}
    found = []
    for actor in actors:
        index = sent_of(actor.start)
        attribution = _attribution(doc, actor, bounds[index])
        if attribution is not None:
            found.append({"span": actor, "role": "perpetrator", "attribution": attribution})
            continue
        if _is_speaker(doc, actor, bounds[index]):
            continue
        role = _role_from_syntax(actor, event_tokens)
        if role is not None:
            found.append({"span": actor, "role": role, "attribution": "stated"})
    return found


LIGHT_VERBS = {"carry", "conduct", "launch", "stage", "mount", "hold", "take", "make", "perpetrate", "execute",
               "commit", "organize", "organise", "lead", "go"}


def _is_event_word(token, event_tokens: set[int]) -> bool:
    """The token names the act, or is a light verb whose object does ("carried out attacks")."""
    if token.i in event_tokens:
        return True
    if token.lemma_ in LIGHT_VERBS:
        return any(c.i in event_tokens for c in token.children if c.dep_ in {"dobj", "attr", "prt", "pobj"}) or any(
            g.i in event_tokens for c in token.children if c.dep_ == "prt" for g in token.children)
    return False


def _role_from_syntax(actor: Span, event_tokens: set[int]) -> str | None:
    node = actor.root
    # "a TTP attack", "the army's operation": the actor modifies the act itself.
    if node.dep_ in {"compound", "poss", "amod", "nmod"} and node.head.i in event_tokens:
        return "perpetrator"
    # "a Frontier Corps camp", "the army's convoy": the actor's role is that of the noun it modifies.
    while node.dep_ in {"compound", "amod", "poss", "nmod", "appos"} and node.head.i != node.i:
        node = node.head
    governor = node.head
    if node.dep_ == "pobj":
        prep, governor = node.head, node.head.head
        if not _governed_by_event(governor, event_tokens):
            return None
        if prep.lower_ == "by":
            return "perpetrator"
        if prep.lower_ in {"on", "against", "at", "targeting", "upon", "with"}:
            return "target"
        return None
    if node.dep_ == "agent":
        return "perpetrator" if _governed_by_event(governor, event_tokens) else None
    if not _governed_by_event(governor, event_tokens):
        return None
    if node.dep_ == "nsubj":
        return "perpetrator"
    if node.dep_ in {"dobj", "nsubjpass"}:
        return "target"
    return None


def _governed_by_event(token, event_tokens: set[int]) -> bool:
    """The word an actor depends on is the act, or coordinated with it ("stormed and attacked")."""
    for candidate in (token, token.head if token.dep_ in {"conj", "xcomp", "advcl"} else None):
        if candidate is not None and _is_event_word(candidate, event_tokens):
            return True
    return any(c.i in event_tokens for c in token.children if c.dep_ in {"conj", "xcomp"})


MERGE_WINDOW = 4
"""Sentences between two mentions of one incident told twice, outside the headline: a lead retold in
the next paragraph. Further apart, the same place and kind of act are another incident."""
MERGE_LOOKBACK = 8
"""Incidents kept so far that a new one is compared with (besides the headline's)."""


def _merge_duplicates(incidents: list[Incident], events: list[dict], arguments) -> list[dict]:
    """Two mentions of the same incident become one, whose arguments are read again from both.

    A headline may be retold anywhere in its story; any other incident only within ``MERGE_WINDOW``
    sentences. Only those candidates are compared, so the cost stays linear in the length of the text.
    """
    kept: list[tuple[Incident, dict]] = []
    headline: list[int] = []
    for incident, event in zip(incidents, events):
        first = min(incident.sentences)
        recent = [k for k in range(max(0, len(kept) - MERGE_LOOKBACK), len(kept))
                  if first - max(kept[k][0].sentences) <= MERGE_WINDOW]
        candidates = sorted(set(headline) | set(recent))
        index = next((k for k in candidates if _same_incident(kept[k][1], event)), None)
        if index is None:
            if _in_headline(event["trigger"]):
                headline.append(len(kept))
            kept.append((incident, event))
            continue
        twin, other = kept[index]
        union = Incident(triggers=twin.triggers + [t for t in incident.triggers if t not in twin.triggers],
                         sentences=sorted(set(twin.sentences) | set(incident.sentences)), modality=twin.modality,
                         anchor_sentence=twin.anchor_sentence)
        kept[index] = (union, arguments(union, other["number"]))
    return [event for _, event in kept]


def _same_incident(a: dict, b: dict) -> bool:
    """A headline and its story, or a lead and a later paragraph retelling it: same kind of act, and
    neither the places nor the days disagree."""
    families = {TYPE_FAMILY.get(a["type"]), TYPE_FAMILY.get(b["type"])}
    if (len(families) > 1 and families != {"explosion", "strike"}) or a["modality"] != b["modality"]:
        return False
    places_a = {p.kb_id_ or p.text for p in a["places"]}
    places_b = {p.kb_id_ or p.text for p in b["places"]}
    fine_a = {p.kb_id_ or p.text for p in a["places"] if p.label_ in {"town", "admin2"}}
    fine_b = {p.kb_id_ or p.text for p in b["places"] if p.label_ in {"town", "admin2"}}
    if fine_a and fine_b and not fine_a & fine_b and not (places_a & places_b):
        return False
    if places_a and places_b and not places_a & places_b:
        return False
    days_a = {d.text.lower() for d in a["dates"] if d.label_ not in PERIOD_KINDS}
    days_b = {d.text.lower() for d in b["dates"] if d.label_ not in PERIOD_KINDS}
    return not (days_a and days_b and not days_a & days_b)
