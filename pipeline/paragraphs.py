"""``newsevents_paragraphs``: a line break ends a sentence, and so does a semicolon in a headline.

Headlines, datelines and captions carry no final full stop, so the parser runs them into the lead
("12 Maoists killed in encounter RAIPUR, Feb 10 - Twelve Maoists were killed ..."), and one toll is
read twice. Marking the token after a line break as a sentence start, before the parser runs, keeps
them apart; the parser respects sentence starts that are already set.
"""
from __future__ import annotations

from bisect import bisect_right

from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc


@Language.component("newsevents_paragraphs", assigns=["token.is_sent_start"])
def mark_line_breaks(doc: Doc) -> Doc:
    # The token after a line break, whether the break is a space token or trailing whitespace, is the
    # first token starting after it: found from the text, not by visiting every token.
    text = doc.text
    if "\n" not in text:
        return doc
    starts = doc.to_array(IDX).tolist()
    # "Jihadists overrun army base in Borno; women abducted near Gwoza": a headline's semicolon joins two
    # stories, each its own sentence.
    headline = text[: text.find("\n")]
    if ";" in headline and not headline.rstrip().endswith((".", "!", "?")):
        semicolon = headline.find(";")
        while semicolon != -1:
            after = bisect_right(starts, semicolon)
            if after < len(doc) and doc[after].idx < len(headline):
                doc[after].is_sent_start = True
            semicolon = headline.find(";", semicolon + 1)
    position = text.find("\n")
    while position != -1:
        after = bisect_right(starts, position)
        if after < len(doc):
            doc[after].is_sent_start = True
        position = text.find("\n", position + 1)
    return doc
