"""Paths as they are written in messages, ids and records."""
from __future__ import annotations


def printable(text: str) -> str:
    """``text`` with undecodable bytes of a file name (surrogate escapes) written as ``\\xNN``.

    Such names come from file systems that are not UTF-8; JSON cannot carry the surrogates, and an error
    record that cannot be written would lose the input it is about.
    """
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
