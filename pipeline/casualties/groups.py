"""Which group counted people are of, where the words of the phrase itself do not say: the description
after a name, an "of" phrase after the head, or the people "them" points back at."""
from __future__ import annotations

from spacy.tokens import Doc

from ..components import TokenTable


def apposition_words(doc: Doc, end: int) -> list[str]:
    """"Abdulloh Samae, 52, the headman of a village": the words describing a name right after it."""
    i = end
    if i >= len(doc) or doc[i].text != ",":
        return []
    i += 1
    if i + 1 < len(doc) and doc[i].like_num and doc[i + 1].text == ",":
        i += 2  # the age
    if i >= len(doc) or doc[i].lower_ not in {"a", "an", "the"}:
        return []
    words = []
    for token in doc[i + 1 : min(len(doc), i + 7)]:
        if token.text == "," or token.lower_ == "of" or token.is_sent_start:
            break
        words.append(token.lower_)
    return words


def group_after(t: TokenTable, heads: dict[str, str], actor_group: dict[int, str], links: frozenset[str],
                head: int) -> str | None:
    """"three members of the Dawlah Islamiyah group", "suppliers to the terrorists": the group an "of"
    phrase after the head names, when the head says none."""
    if head + 1 >= t.length or t.lower[head + 1] not in links:
        return None
    for i in range(head + 2, min(t.length, head + 8)):
        if t.lower[i] in {",", ".", ";", "were", "was", "and"}:
            break
        if i in actor_group:
            return actor_group[i]
        group = heads.get(t.lower[i])
        if group is not None and group != "unknown" and t.tag[i] in {"NNS", "NNPS", "NN", "NNP"}:
            return group
    return None


def antecedent_group(t: TokenTable, heads: dict[str, str], actor_group: dict[int, str], number: int) -> str | None:
    """"made contact with terrorists and neutralised 6 of them": the group of the people "them" are, the
    nearest plural people noun (or named group) before the number in its sentence."""
    for i in range(number - 1, t.sentence_start[number] - 1, -1):
        if t.tag[i] not in {"NNS", "NNPS", "NNP"}:
            continue  # "under Venkatapuram police station limits": a noun's modifier names no people
        if i in actor_group:
            return actor_group[i]
        group = heads.get(t.lower[i])
        if group is not None and group != "unknown":
            return group
    return None
