"""``newsevents_paragraphs``: a line break ends a sentence.

Headlines, datelines and captions carry no final full stop, so the parser runs them into the lead
("12 Maoists killed in encounter RAIPUR, Feb 10 - Twelve Maoists were killed ..."), and one toll is
read twice. Marking the token after a line break as a sentence start, before the parser runs, keeps
them apart; the parser respects sentence starts that are already set.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("newsevents_paragraphs")
def mark_line_breaks(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
        elif "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc
