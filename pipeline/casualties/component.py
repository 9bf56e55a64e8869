"""``newsevents_casualties``: counted phrases linked to the outcome they report.

"Two guards and four attackers were killed and five villagers were injured" gives three
statements: (2 killed, group of guards), (4 militants killed), (5 civilians injured). Phrases after
"including" are parts of the total before them, so totals are not counted twice.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ..attrs import CASUALTY_LINKS
from ..components import ACTORS, CASUALTIES, PLACES, TARGETS, TRIGGERS, WEAPONS, set_spans
from ..rules import Rule, package_rules
from .numbers import Quantity, QuantityReader, is_number_token, is_year

# Words that may stand between a counted phrase and its outcome ("were reportedly also killed").
BRIDGES = {
    ",", "and", "were", "was", "are", "is", "have", "has", "had", "been", "being", "got", "get", "reportedly",
    "reported", "found", "confirmed", "feared", "later", "along", "with", "subsequently", "shortly",
    "also", "critically", "seriously", "severely", "badly", "grievously", "mortally", "fatally", "all", "later",
    "including", "both", "each", "respectively", "allegedly", "subsequently", "were", "left", "as", "well",
    "of", "them", "whom", "who", "among",
}
LEFT_BRIDGES = {"at", "least", "about", "around", "nearly", "some", "over", "more", "than", "approximately",
                "up", "to", "as", "many", "another", "other", "an", "estimated", "almost"}
GROUP_PRIORITY = {"police": 0, "militants": 1, "security_forces": 2, "civilians": 3, "unknown": 4}
DEFINITE = {"the", "his", "her", "their", "its", "this", "that"}
# Singular nouns that name a group, not one person: "the police was", "the army said".
COLLECTIVE = {"police", "army", "military", "security", "forces", "force", "personnel", "staff", "crew", "people",
              "family", "militia", "taliban", "frontier", "border", "fc", "levies", "traffic", "ctd", "cid", "anp",
              "alp", "ana", "ansf", "andsf", "defence", "defense", "uprising", "dead", "others", "other",
              "casualties", "bodies", "victims", "members"}
# Words that open a phrase describing the counted people: "five terrorists belonging to ...",
# "a local leader of the PPP", "2 militants from unidentified groups".
POSTMODIFIERS = {"belonging", "affiliated", "linked", "associated", "loyal", "attached", "allegedly", "of", "from",
                 "with", "who", "identified"}
REFERRING_PLURALS = {"hostages", "victims", "captives", "abductees", "detainees"}
PASSIVE_MARKERS = {"was", "were", "have", "has", "had", "been", "being", "got", "reportedly", "also", "later",
                   "critically", "seriously", "severely", "badly", "all", "both", "allegedly", "subsequently"}
NON_COUNT_NEXT = {"year", "years", "month", "months", "day", "days", "hour", "hours", "km", "kilometres",
                  "kilometers", "miles", "am", "pm", "o'clock", "percent", "%", "per", "kg", "minutes", "week", "weeks"}


class CasualtyGroupRule(Rule):
    group: str
    words: list[str]
    modifier: bool = False
    """Whether the word decides the group when it modifies another ("police officers")."""


class OutcomeCueRule(Rule):
    outcome: str
    phrases: list[str]


class CasualtyTagger:
    def __init__(self, nlp: Language, groups, cues) -> None:
        self.heads: dict[str, str] = {}
        self.modifiers: dict[str, str] = {}
        for rule in groups:
            for word in rule.words:
                self.heads.setdefault(word, rule.group)
                if rule.modifier:
                    self.modifiers.setdefault(word, rule.group)
        self.cue_ids = {}
        self.cues = PhraseMatcher(nlp.vocab, attr="LOWER")
        for rule in cues:
            self.cues.add(rule.id, [nlp.make_doc(p) for p in rule.phrases])
            self.cue_ids[rule.id] = rule.outcome
        self.reader = QuantityReader()

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        cue_spans = [Span(doc, s, e, label=self.cue_ids[strings[m]], kb_id=strings[m]) for m, s, e in self.cues(doc)]
        cue_spans = _longest(cue_spans)
        cue_at = {}
        for span in cue_spans:
            for i in range(span.start, span.end):
                cue_at[i] = span
        phrases = self._counted_phrases(doc, cue_at)
        links = self._link(doc, phrases, cue_at)
        doc._.set(CASUALTY_LINKS, links)
        set_spans(doc, CASUALTIES, [Span(doc, l["q"][0], l["q"][1], label=l["outcome"]) for l in links],
                  overlapping=True)
        return doc

    # Counted phrases ------------------------------------------------------------------------------
    def _counted_phrases(self, doc: Doc, cue_at: dict) -> list[dict]:
        found = []
        used: set[int] = set()
        # A count is only read where an outcome is reported: its own sentence must hold a cue.
        if doc.has_annotation("SENT_START"):
            sentences = [sent for sent in doc.sents if any(i in cue_at for i in range(sent.start, sent.end))]
        else:
            sentences = [doc[:]] if cue_at else []
        if not sentences:
            return []
        tokens = [token for sent in sentences for token in sent]
        active = {token.i for token in tokens}
        # "A landmine blast killed three children": the blast is not a casualty.
        event_words = {i for key in (TRIGGERS, WEAPONS, TARGETS) for s in doc.spans.get(key, [])
                       for i in range(s.start, s.end) if doc[i].lower_ not in self.heads}
        for token in tokens:
            word = token.lower_
            if token.i in used or token.i in cue_at or token.i in event_words or not self._may_head(token):
                continue
            nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
            # Only the last noun of "police officers" heads the phrase.
            if nxt is not None and self._may_head(nxt) and nxt.pos_ in {"NOUN", "PROPN", ""}:
                continue
            start = self._quantity_start(doc, token, cue_at)
            if start is None and token.tag_ == "NNS" and token.i > 0 and doc[token.i - 1].lower_ in {"the", "all"} and (
                    token.lower_ in REFERRING_PLURALS or token.lower_ in self.heads):
                # "The hostages were killed": as many as were taken, read when linking.
                start = token.i - 1 - (1 if token.i > 1 and doc[token.i - 2].lower_ == "all" else 0)
                found.append({"start": start, "end": token.i + 1, "group": "refer", "quantity": None, "bare": False,
                              "refers_to": self.heads.get(token.lower_)})
                used.update(range(start, token.i + 1))
                continue
            if start is None:
                start = self._definite_start(doc, token)
                if start is None:
                    continue
                quantity = Quantity(1, None, None, "exact")
            else:
                quantity = self.reader.read(doc[start : token.i + 1])
            span = doc[start : token.i + 1]
            if quantity is None:
                continue
            group = self._group(span, token)
            found.append({"start": start, "end": token.i + 1, "group": group, "quantity": quantity, "bare": False})
            used.update(range(start, token.i + 1))
        # Named people: "Gul Rahman, a village elder, was killed" counts one. The NER misses
        # many names, so a proper-noun run opening a sentence counts too.
        known_names = {i for key in (PLACES, ACTORS) for s in doc.spans.get(key, []) if s.kb_id_
                       for i in range(s.start, s.end)}
        candidates = [ent for ent in doc.ents if ent.label_ == "PERSON" and ent.start in active
                      and not any(i in known_names for i in range(ent.start, ent.end))]
        if doc.has_annotation("SENT_START"):
            for sent in sentences:
                end = sent.start
                while end < sent.end and doc[end].tag_ == "NNP" and end not in known_names:
                    end += 1
                if end > sent.start and not any(c.start == sent.start for c in candidates):
                    candidates.append(doc[sent.start:end])
        for ent in candidates:
            if any(i in used for i in range(ent.start, ent.end)):
                continue
            end = ent.end
            if end < len(doc) and doc[end].text == ",":
                close = next((j for j in range(end + 1, min(len(doc), end + 14)) if doc[j].text == ","), None)
                if close is not None and close + 1 < len(doc) and doc[close + 1].lower_ in {"was", "were", "and"}:
                    end = close
            if not (isinstance(ent, Span) and ent.label_ == "PERSON") and not (
                    end < len(doc) and doc[end + (1 if doc[end].text == "," else 0)].lower_ in {"was", "were", "and"}):
                continue
            words = {t.lower_ for t in doc[ent.end : end]}
            group = next((self.modifiers[w] for w in words if w in self.modifiers), "unknown")
            found.append({"start": ent.start, "end": end, "group": group, "quantity": Quantity(1, None, None, "exact"),
                          "bare": False})
            used.update(range(ent.start, end))
        # "shot dead Gul Rahman": a name right after an outcome verb is one person (the NER
        # often calls unfamiliar names places, so only names the gazetteer or registry knows are excluded).
        for cue in set(cue_at.values()):
            i = cue.end
            if doc[cue.end - 1].tag_ not in {"VBD", "VBN", "VBG"} or i >= len(doc) or doc[i].tag_ != "NNP":
                continue
            if i in used or i in known_names or doc[i].ent_type_ in {"ORG", "NORP", "FAC"}:
                continue
            end = i
            while end < len(doc) and doc[end].tag_ == "NNP" and end not in used:
                end += 1
            found.append({"start": i, "end": end, "group": "unknown", "quantity": Quantity(1, None, None, "exact"),
                          "bare": False})
            used.update(range(i, end))
        # Bare numbers next to an outcome: "killing three", "5 injured".
        for token in tokens:
            if token.i in used or token.ent_type_ in {"DATE", "TIME", "MONEY", "PERCENT"}:
                continue
            if token.lower_ == "another" and token.i + 1 < len(doc) and (
                    doc[token.i + 1].lower_ in {"was", "is", "has"} or token.i + 1 in cue_at):
                found.append({"start": token.i, "end": token.i + 1, "group": "inherit",
                              "quantity": Quantity(1, None, None, "exact"), "bare": True})
                used.add(token.i)
                continue
            if not is_number_token(token) or (token.i > 0 and doc[token.i - 1].lower_ in {"no", "not", "none"}):
                continue
            if is_year(token.text):
                continue
            nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if nxt is not None and (nxt.lower_ in NON_COUNT_NEXT or is_number_token(nxt)):
                continue
            before = doc[token.i - 1] if token.i > 0 else None
            after_cue = before is not None and before.i in cue_at
            before_cue = nxt is not None and (nxt.i in cue_at or (nxt.lower_ in {"were", "was", "others", "other"}))
            if not (after_cue or before_cue):
                continue
            start = token.i
            while start - 1 >= 0 and doc[start - 1].lower_ in LEFT_BRIDGES and (start - 1) not in cue_at:
                start -= 1
            span = doc[start : token.i + 1]
            quantity = self.reader.read(span)
            if quantity is None:
                continue
            end = token.i + 1
            if nxt is not None and nxt.lower_ in {"others", "other"}:
                end += 1
            found.append({"start": start, "end": end, "group": "inherit", "quantity": quantity, "bare": True})
            used.update(range(start, end))
        # Keep the longest reading: "one National Directorate of Security (NDS) member", not "one National".
        found.sort(key=lambda p: (p["start"], -(p["end"] - p["start"])))
        kept: list[dict] = []
        for phrase in found:
            if kept and phrase["start"] < kept[-1]["end"]:
                continue
            # "In addition to the bomber, three policemen were hurt": the bomber is counted elsewhere.
            before = [t.lower_ for t in doc[max(0, phrase["start"] - 6) : phrase["start"]]]
            if "addition" in before and "to" in before and "," not in before[before.index("addition"):]:
                continue
            kept.append(phrase)
        return kept

    def _quantity_start(self, doc: Doc, head, cue_at: dict) -> int | None:
        """Index where the counted phrase ending at ``head`` starts, or None when it has no count."""
        sent_start = head.sent.start if doc.has_annotation("SENT_START") else 0
        i = head.i - 1
        limit = max(sent_start, head.i - 10)
        depth = 0
        while i >= limit:
            tok = doc[i]
            word = tok.lower_
            if word == ")":
                depth += 1
            elif word == "(":
                depth -= 1
            elif depth > 0:
                pass
            elif is_number_token(tok) or word in self.reader.exact or word in {"dozens", "scores", "hundreds",
                                                                                "several", "many", "numerous", "thousands", "few", "multiple", "tens"}:
                if i > 0 and doc[i - 1].lower_ in {"no", "not", "none"}:
                    return None
                start = i
                # Extend over a number run ("twenty - two", "1,200") and any qualifier before it.
                while start - 1 >= sent_start and (is_number_token(doc[start - 1]) or doc[start - 1].lower_ in {"-", "–", "between", "and", "to"}):
                    if doc[start - 1].lower_ in {"and", "to", "-", "–"} and not (start - 2 >= 0 and is_number_token(doc[start - 2])):
                        break
                    start -= 1
                for n in (3, 2, 1):
                    words = [t.lower_ for t in doc[max(start - n, sent_start) : start]]
                    key = " ".join(words)
                    if len(words) == n and (key in self.reader.qualifiers or key in self.reader.vague
                                            or key in self.reader.exact):
                        start -= n
                        break
                return start
            elif word in {"-", "–", "'s", "’s", "of", "his", "her", "their", "its", "the", "these", "those"} or (
                    tok.is_alpha and i not in cue_at and (tok.pos_ in {"ADJ", "NOUN", "PROPN", "NUM", ""}
                                                          or tok.tag_ in {"VBN", "VBG"} and tok.dep_ == "amod"
                                                          or word in {"suspected", "alleged", "armed", "unidentified"})
            ) or word in {"other", "others"}:
                pass
            else:
                return None
            i -= 1
        return None

    def _may_head(self, token) -> bool:
        """A noun that can be counted as people: a known group word, or any common noun ("12 recruits")."""
        if token.lower_ in self.heads:
            return True
        if token.tag_ == "NNPS":
            return True  # "Two Americans were killed"
        return token.pos_ == "NOUN" and token.tag_ in {"NN", "NNS"} and token.lower_ not in NON_COUNT_NEXT

    def _definite_start(self, doc: Doc, head) -> int | None:
        """"The officer", "his daughter": one person, when the noun is singular and countable."""
        if head.tag_ not in {"NN", "NNP"} or head.lower_ in COLLECTIVE or head.lower_ == "dead":
            return None
        if head.lower_ not in self.heads:
            return None
        i = head.i - 1
        while i >= max(0, head.i - 4):
            word = doc[i].lower_
            if word in DEFINITE:
                return i
            if word in {"'s", "’s"} and i > 0 and doc[i - 1].pos_ == "PROPN":
                return i - 1
            if not (doc[i].is_alpha and not doc[i].is_stop) and word not in {"-", "(", ")"}:
                return None
            i -= 1
        return None

    def _group(self, span: Span, head) -> str:
        if head.lower_ in {"others", "other"}:
            return "inherit"
        best = None
        for tok in span[:-1]:
            group = self.modifiers.get(tok.lower_)
            if group and (best is None or GROUP_PRIORITY[group] < GROUP_PRIORITY[best]):
                best = group
        head_group = self.heads.get(head.lower_, "unknown")
        if best is not None and head_group in {"unknown", "security_forces", "civilians"}:
            return best
        return head_group

    # Linking ------------------------------------------------------------------------------------
    def _link(self, doc: Doc, phrases: list[dict], cue_at: dict) -> list[dict]:
        links = []
        starts = {p["start"]: p for p in phrases}
        previous_group = None
        total_for_part = None
        chained: dict[int, Span] = {}
        for index, phrase in enumerate(phrases):
            # A passive right after the phrase ("two people were wounded") binds first; then an object
            # right after its verb ("killing five assailants"); then a verb further on.
            cue = (self._cue_passive(doc, phrase, cue_at) or self._cue_left(doc, phrase, cue_at, chained)
                   or self._cue_right(doc, phrase, starts, cue_at))
            if cue is not None and cue.end <= phrase["start"]:
                chained[phrase["end"] - 1] = cue
            group = phrase["group"]
            quantity = phrase["quantity"]
            if group == "refer":
                # "The hostages were killed", "The officers were injured and released": as many as before.
                wanted = phrase.get("refers_to")
                taken = next((l for l in reversed(links) if l["outcome"] == "kidnapped" and (
                    wanted in (None, "unknown") or l["group"] == wanted)), None)
                if taken is None or cue is None or cue.label_ == taken["outcome"]:
                    continue
                group = taken["group"]
                quantity = Quantity(taken["count"], taken["low"], taken["high"], taken["qualifier"])
            if group == "inherit":
                group = previous_group or "unknown"
            previous_group = group
            if cue is None:
                continue
            part_of = None
            if phrase["start"] > 0 and total_for_part is not None and self._inside_including(doc, total_for_part, phrase):
                part_of = total_for_part["index"]
                if group == "unknown":
                    # "five militants, including two commanders": the commanders are militants too.
                    group = links[part_of]["group"]
            link = {
                "id": len(links),
                "q": [phrase["start"], phrase["end"]],
                "cue": [cue.start, cue.end],
                "outcome": cue.label_,
                "group": group,
                "count": quantity.count,
                "low": quantity.low,
                "high": quantity.high,
                "qualifier": quantity.qualifier,
                "part_of": part_of,
            }
            links.append(link)
            after = doc[phrase["end"] : phrase["end"] + 2]
            if quantity.count is not None and len(after) and after[0].text == "," and cue.start > phrase["end"] and (
                    after.text.lower().endswith("including") or (len(after) > 1 and after[1].lower_ in DEFINITE)
                    or self._listed_parts_sum(doc, phrase, phrases, cue, quantity.count)):
                total_for_part = {"index": len(links) - 1, "end": phrase["end"], "cue": cue.start}
        return links

    def _listed_parts_sum(self, doc: Doc, total: dict, phrases: list[dict], cue: Span, count: int) -> bool:
        """"seven people, four policemen and three children, were hurt": the list adds up to the total."""
        parts = [p for p in phrases if total["end"] < p["start"] < cue.start]
        counts = [p["quantity"].count for p in parts if p["quantity"] is not None and p["quantity"].count is not None]
        return len(parts) >= 1 and len(counts) == len(parts) and sum(counts) == count

    def _inside_including(self, doc: Doc, total: dict, phrase: dict) -> bool:
        """Parts listed after a total: ", including four assailants," or ", the tribal elder and his bodyguard,"."""
        return total["end"] < phrase["start"] < total["cue"]

    def _cue_passive(self, doc: Doc, phrase: dict, cue_at: dict):
        i = phrase["end"]
        steps = 0
        while i < len(doc) and steps < 4 and doc[i].lower_ in PASSIVE_MARKERS:
            i += 1
            steps += 1
        if steps and i in cue_at:
            return cue_at[i]
        return None

    def _cue_right(self, doc: Doc, phrase: dict, starts: dict, cue_at: dict):
        i = phrase["end"]
        sent_end = doc[phrase["start"]].sent.end if doc.has_annotation("SENT_START") else len(doc)
        steps = 0
        passive = False
        while i < sent_end and steps < 40:
            if i in cue_at:
                cue = cue_at[i]
                # "killing" after a counted subject is the subject's own act ("militants ... killing two"),
                # and so is an active past verb reached with no "were" ("intercepted a vehicle and killed").
                if cue.label_ == "killed" and doc[cue.start].lower_ in {"killing", "kill", "kills"}:
                    return None
                if doc[cue.start].tag_ == "VBD" and not passive and doc[cue.start - 1].lower_ in {"and", ","}:
                    return None
                return cue
            if doc[i].lower_ in PASSIVE_MARKERS:
                passive = True
            other = starts.get(i)
            if other is not None:
                i = other["end"]
                continue
            word = doc[i].lower_
            if word == "(":
                while i < sent_end and doc[i].lower_ != ")":
                    i += 1
                i += 1
                continue
            if word in POSTMODIFIERS and (word not in {"of", "from", "with"} or i + 1 < sent_end and (
                    doc[i + 1].pos_ in {"PROPN", "DET", "ADJ", "NUM"} or doc[i + 1].is_title)):
                # "Five terrorists belonging to Fitna al-Khawarij were killed": skip the group's name.
                j = i + 1
                while j < sent_end and j - i < 8 and j not in cue_at and doc[j].lower_ not in {"were", "was", ","}:
                    j += 1
                i = j
                continue
            if word == "including":
                # "38 other people, including civilians, were injured": skip the breakdown.
                j = i + 1
                while j < sent_end and j - i < 12 and doc[j].text != "," and j not in cue_at:
                    j += 1
                i = j
                continue
            if word not in BRIDGES and not (doc[i].pos_ == "ADV"):
                return None
            i += 1
            steps += 1
        return None

    def _cue_left(self, doc: Doc, phrase: dict, cue_at: dict, chained: dict):
        """Active voice: "killing at least 27 worshippers", "killed Gul Rahman and his driver"."""
        i = phrase["start"] - 1
        while i >= 0 and doc[i].lower_ in {"along", "with", "all", "both"}:
            i -= 1
        if i in cue_at:
            cue = cue_at[i]
            if doc[cue.end - 1].pos_ == "NOUN" and doc[cue.end - 1].lower_ not in {"killing", "wounding", "injuring"}:
                return None
            return cue
        # "killing three soldiers and two civilians": the second phrase shares the first one's outcome,
        # but "killed Gul Rahman, a shopkeeper," describes one person twice.
        separators = []
        while i >= 0 and doc[i].lower_ in {"and", ","}:
            separators.append(doc[i].lower_)
            i -= 1
        if separators == [","] and doc[phrase["start"]].lower_ in {"a", "an", "the"}:
            return None
        return chained.get(i)


def _longest(spans: list[Span]) -> list[Span]:
    from spacy.util import filter_spans

    return filter_spans(spans)


@Language.factory("newsevents_casualties", default_config={})
def make_casualty_tagger(nlp: Language, name: str) -> CasualtyTagger:
    return CasualtyTagger(
        nlp,
        package_rules(__package__, "casualty_groups.jsonl", CasualtyGroupRule),
        package_rules(__package__, "outcome_cues.jsonl", OutcomeCueRule),
    )
