"""``newsevents_actor_resolver``: decides the open actor mentions by the article's countries.

The actor tagger leaves a mention open when several registry entries share its form ("Maoists": the
CPI (Maoist) in India, Shining Path in Peru, the NPA in the Philippines) or when the form names its
entry only at home ("Congress", "ANA"). Once the places stage has run, the countries the article is
set in are known: its resolved places (two votes each) and its unambiguous named actors (one vote each)
vote for theirs. An open mention then takes

- the candidate whose country has the most votes (a tie decides nothing);
- failing that, the one candidate no vote contradicts: a candidate of another country than every
  country the article gives is never chosen, and a local alias needs a vote for its own country;
- failing that, the fallback its candidates share (a generic entry such as "Rebels"), or nothing: the
  mention is dropped rather than given to a group the article may not be about.
"""
from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from ..components import ACTORS, PLACES
from .component import CANDIDATE_ATTRS, ENTRY_ATTRS, span_key

PLACE_VOTE = 2
"""A resolved place says more about where the story is set than an actor: armies and foreign groups travel."""
ACTOR_VOTE = 1
RESOLVED_ATTRS = "resolved"
"""Key of the actor span group's attrs: "start:end" of an open mention -> the entry chosen ("" for none)."""


class ActorResolver:
    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        group = doc.spans.get(ACTORS)
        if group is None or not group.attrs.get(CANDIDATE_ATTRS):
            return doc
        candidates: dict[str, dict[str, Any]] = group.attrs[CANDIDATE_ATTRS]
        entries: dict[str, dict[str, Any]] = group.attrs.get(ENTRY_ATTRS, {})
        votes = self.country_votes(doc, group, candidates, entries)
        spans: list[Span] = []
        resolved: dict[str, str] = {}
        for span in group:
            key = span_key(span)
            if key not in candidates:
                spans.append(span)
                continue
            chosen = choose(candidates[key], entries, votes) or candidates[key].get("fallback", "")
            resolved[key] = chosen
            if chosen:
                spans.append(Span(doc, span.start, span.end, label=entries[chosen]["kind"], kb_id=chosen)
                             if chosen in entries else Span(doc, span.start, span.end, label=span.label_, kb_id=chosen))
        attrs = dict(group.attrs)
        attrs[RESOLVED_ATTRS] = resolved
        doc.spans[ACTORS] = SpanGroup(doc, name=ACTORS, attrs=attrs, spans=spans)
        return doc

    def country_votes(self, doc: Doc, group: SpanGroup, candidates: dict[str, Any],
                      entries: dict[str, dict[str, Any]]) -> dict[str, int]:
        """Countries the article is set in, by votes of its places and its unambiguous named actors."""
        votes: dict[str, int] = {}
        for code in self._place_countries(doc):
            votes[code] = votes.get(code, 0) + PLACE_VOTE
        for span in group:
            entry = entries.get(span.kb_id_)
            if span_key(span) in candidates or entry is None or entry["generic"] or not entry["country"]:
                continue
            votes[entry["country"]] = votes.get(entry["country"], 0) + ACTOR_VOTE
        return votes

    def _place_countries(self, doc: Doc) -> list[str]:
        places = doc.spans.get(PLACES)
        if not places or not self.nlp.has_pipe("newsevents_places"):
            return []
        gazetteer = getattr(self.nlp.get_pipe("newsevents_places"), "gazetteer", None)
        if gazetteer is None:
            return []
        codes = []
        for span in places:
            entry = gazetteer.entry(span.kb_id_) if span.kb_id_ else None
            if entry is not None and entry.country:
                codes.append(entry.country)
        return codes


def choose(open_mention: dict[str, Any], entries: dict[str, dict[str, Any]], votes: dict[str, int]) -> str | None:
    """The candidate the article's countries decide for, if any (see the module's docstring)."""
    local = set(open_mention.get("local", ()))
    standing = []
    for rid in open_mention["ids"]:
        entry = entries.get(rid, {})
        country = entry.get("country")
        where = [country, *entry.get("operates_in", ())] if country else []
        if votes and where and not any(c in votes for c in where):
            continue  # CPI (Maoist) in a story set wholly in Peru
        if rid in local and not (country and votes.get(country)):
            continue  # "Congress" with no Indian place or actor in sight
        standing.append((max((votes.get(c, 0) for c in where), default=0), rid))
    if not standing:
        return None
    standing.sort(key=lambda item: -item[0])
    best, rid = standing[0]
    if best > 0 and (len(standing) == 1 or standing[1][0] < best):
        return rid
    if len(standing) == 1 and votes:
        return rid  # the one candidate left once the article's countries rule the others out
    return None


@Language.factory("newsevents_actor_resolver", default_config={}, assigns=["doc.spans"], requires=["doc.spans"])
def make_actor_resolver(nlp: Language, name: str) -> ActorResolver:
    return ActorResolver(nlp)
