"""``newsevents_casualties``: counted phrases linked to the outcome they report.

"One civilian and six assailants were killed and three civilians were injured" gives three
statements: (1 civilians killed), (6 militants killed), (3 civilians injured). Phrases after
"including" are parts of the total before them, so totals are not counted twice.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ..attrs import CASUALTY_LINKS
from ..components import CASUALTIES, set_spans
from ..rules import Rule, package_rules
from .numbers import QuantityReader, is_number_token

# Words that may stand between a counted phrase and its outcome ("were reportedly also killed").
BRIDGES = {
    ",", "and", "were", "was", "are", "is", "have", "has", "had", "been", "being", "got", "get", "reportedly",
    "also", "critically", "seriously", "severely", "badly", "grievously", "mortally", "fatally", "all", "later",
    "including", "both", "each", "respectively", "allegedly", "subsequently", "were", "left", "as", "well",
    "of", "them", "whom", "who", "among",
}
LEFT_BRIDGES = {"at", "least", "about", "around", "nearly", "some", "over", "more", "than", "approximately",
                "up", "to", "as", "many", "another", "other", "an", "estimated", "almost"}
GROUP_PRIORITY = {"police": 0, "militants": 1, "security_forces": 2, "civilians": 3, "unknown": 4}
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
        for token in doc:
            word = token.lower_
            if word not in self.heads or token.i in used:
                continue
            nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
            # Only the last noun of "police officers" heads the phrase.
            if nxt is not None and nxt.lower_ in self.heads and nxt.pos_ in {"NOUN", "PROPN", ""}:
                continue
            start = self._quantity_start(doc, token)
            if start is None:
                continue
            span = doc[start : token.i + 1]
            quantity = self.reader.read(span)
            if quantity is None:
                continue
            group = self._group(span, token)
            found.append({"start": start, "end": token.i + 1, "group": group, "quantity": quantity, "bare": False})
            used.update(range(start, token.i + 1))
        # Bare numbers next to an outcome: "killing three", "5 injured".
        for token in doc:
            if token.i in used or not is_number_token(token) or token.ent_type_ in {"DATE", "TIME", "MONEY", "PERCENT"}:
                continue
            if token.like_num and token.text.isdigit() and 1900 <= int(token.text) <= 2100:
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
        found.sort(key=lambda p: p["start"])
        return found

    def _quantity_start(self, doc: Doc, head) -> int | None:
        """Index where the counted phrase ending at ``head`` starts, or None when it has no count."""
        sent_start = head.sent.start if doc.has_annotation("SENT_START") else 0
        i = head.i - 1
        limit = max(sent_start, head.i - 7)
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
            elif word in {"-", "–", "'s", "’s", "of"} or (tok.is_alpha and not tok.is_stop) or word in {"other", "others"}:
                pass
            else:
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
        head_group = self.heads[head.lower_]
        if best is not None and head_group in {"unknown", "security_forces", "civilians"}:
            return best
        return head_group

    # Linking ------------------------------------------------------------------------------------
    def _link(self, doc: Doc, phrases: list[dict], cue_at: dict) -> list[dict]:
        links = []
        starts = {p["start"]: p for p in phrases}
        previous_group = None
        total_for_part = None
        for index, phrase in enumerate(phrases):
            cue = self._cue_right(doc, phrase, starts, cue_at) or self._cue_left(doc, phrase, cue_at)
            group = phrase["group"]
            if group == "inherit":
                group = previous_group or "unknown"
            previous_group = group
            if cue is None:
                continue
            part_of = None
            if phrase["start"] > 0 and total_for_part is not None and self._inside_including(doc, total_for_part, phrase):
                part_of = total_for_part["index"]
            quantity = phrase["quantity"]
            link = {
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
            if doc[phrase["end"]: phrase["end"] + 3].text.lower().lstrip(", ").startswith("including"):
                total_for_part = {"index": len(links) - 1, "end": phrase["end"], "cue": cue.start}
        return links

    def _inside_including(self, doc: Doc, total: dict, phrase: dict) -> bool:
        return total["end"] < phrase["start"] < total["cue"] and "including" in doc[total["end"] : phrase["start"]].text.lower()

    def _cue_right(self, doc: Doc, phrase: dict, starts: dict, cue_at: dict):
        i = phrase["end"]
        sent_end = doc[phrase["start"]].sent.end if doc.has_annotation("SENT_START") else len(doc)
        steps = 0
        while i < sent_end and steps < 40:
            if i in cue_at:
                cue = cue_at[i]
                # "killing" after a counted subject is the subject's own act ("militants ... killing two").
                if cue.label_ == "killed" and doc[cue.start].lower_ in {"killing", "kill", "kills"}:
                    return None
                return cue
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
            if word not in BRIDGES and not (doc[i].pos_ == "ADV"):
                return None
            i += 1
            steps += 1
        return None

    def _cue_left(self, doc: Doc, phrase: dict, cue_at: dict):
        i = phrase["start"] - 1
        steps = 0
        while i >= 0 and steps < 4:
            if i in cue_at:
                cue = cue_at[i]
                if doc[cue.end - 1].pos_ in {"NOUN"} and doc[cue.end - 1].lower_ not in {"killing", "wounding", "injuring"}:
                    return None
                return cue
            if doc[i].lower_ not in {"and", ",", "another", "also", "at", "least", "in", "all"}:
                return None
            i -= 1
            steps += 1
        return None


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
