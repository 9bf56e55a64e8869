"""Reading counts from tokens: digits, number words, ranges, vague quantities and qualifiers."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, ValidationError
from spacy.tokens import Span
from text_to_num import text2num

from models.types import MAX_COUNT

from ..errors import Errors
from ..rules import data_path


@dataclass(frozen=True)
class Quantity:
    count: int | None
    low: int | None
    high: int | None
    qualifier: str


class QuantityTable(BaseModel):
    """``data/quantities.json``: how counts are written in words (unknown keys rejected)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    qualifiers: dict[str, str]
    """Words before a number and the qualifier they give it ("at least": at_least)."""
    vague: dict[str, int | None]
    """Counts without a number and their lower bound ("dozens": 24, "an unknown number": None)."""
    exact_words: dict[str, int]
    """Words that are a number ("a dozen": 12)."""
    number_words: frozenset[str]
    """Words a spelled-out number is made of ("twenty", "two", "hundred")."""
    ordinals: frozenset[str]
    """Ordinal words: a place in a series, never a count ("a third civilian")."""


@lru_cache(maxsize=1)
def quantity_table() -> QuantityTable:
    path = data_path(__package__, "quantities.json")
    try:
        return QuantityTable.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (json.JSONDecodeError, ValidationError) as err:
        raise ValueError(Errors.E009.format(name=path.name, line="-", reason=err)) from err


NUMBER_WORDS = quantity_table().number_words
ORDINALS = quantity_table().ordinals


_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")


def digits_value(text: str) -> int | None:
    """The count one token of digits writes ("13", "1,200"), or None when it is no plausible count.

    Digits beyond ``MAX_COUNT`` are a phone number, a serial or a date run together, never a toll, and
    reading them would only cost time (Python refuses ``int`` of more than 4,300 digits).
    """
    if not _DIGITS.fullmatch(text):
        return None
    digits = text.replace(",", "")
    if len(digits) > len(str(MAX_COUNT)):
        return None
    value = int(digits)
    return value if value <= MAX_COUNT else None


def is_year(text: str) -> bool:
    """"2024", "1998": four digits that name a year, not a count."""
    return len(text) == 4 and text.isdigit() and 1900 <= int(text) <= 2100


def number_value(words: list[str]) -> int | None:
    """The integer a run of tokens spells ("1,200", "twenty - two", "13"), or None."""
    tokens = [w for w in (w.lower().strip() for w in words) if w and w not in {"-", "–"}]
    if not tokens:
        return None
    if any(c.isdigit() for w in tokens for c in w):
        # One token of digits: "9999-12-31" is three tokens of digits, a date, not 99,991,231 people.
        return digits_value(tokens[0]) if len(tokens) == 1 else None
    if not all(w in NUMBER_WORDS for w in tokens):
        return None
    try:
        value = int(text2num(" ".join(w for w in tokens if w != "and"), "en"))
    except ValueError:
        return None
    return value if value <= MAX_COUNT else None




def is_number_token(token) -> bool:
    return token.like_num and token.lower_ not in ORDINALS and not re.fullmatch(r"\d+(st|nd|rd|th)", token.lower_)


class QuantityReader:
    """Reads the quantity at the start of a counted phrase span."""

    def __init__(self) -> None:
        table = quantity_table()
        self.qualifiers: dict[str, str] = table.qualifiers
        self.vague: dict[str, int | None] = table.vague
        self.exact: dict[str, int] = table.exact_words
        self.max_words = max(len(k.split()) for k in [*self.qualifiers, *self.vague, *self.exact])

    def phrase_at(self, words: list[str], i: int, table: dict) -> tuple[str, int] | None:
        """Longest key of ``table`` starting at ``words[i]``: (key, length)."""
        for n in range(min(self.max_words, len(words) - i), 0, -1):
            key = " ".join(words[i : i + n])
            if key in table:
                return key, n
        return None

    def read(self, span: Span) -> Quantity | None:
        return self.read_words([t.lower_ for t in span], [is_number_token(t) for t in span])

    def read_words(self, words: list[str], numbers: list[bool]) -> Quantity | None:
        """The quantity of a phrase given as its lower-cased words and which of them are numbers."""
        i = 0
        qualifier = "exact"
        hit = self.phrase_at(words, i, self.qualifiers)
        if hit and i + hit[1] < len(words):
            qualifier = self.qualifiers[hit[0]]
            i += hit[1]
        if words[i] == "between":
            return self._range(words, i + 1) or None
        if words[i] in {"a", "an"} and i + 3 < len(words) and numbers[i + 1] and words[i + 2] in {"-", "\u2013"} and (
                words[i + 3] in {"year", "month"}):
            return _with_qualifier(1, qualifier)  # "a 10-year-old boy": one person, of that age
        if words[i] == "another" and i + 1 < len(words) and numbers[i + 1]:
            i += 1  # "another 34 people"
        vague = self.phrase_at(words, i, self.vague)
        if vague:
            low = self.vague[vague[0]]
            return Quantity(None, low, None, "vague")
        exact = self.phrase_at(words, i, self.exact)
        if exact and not (i + exact[1] < len(words) and numbers[i + exact[1]]):
            value = self.exact[exact[0]]
            return _with_qualifier(value, qualifier)
        j = i
        while j < len(words) and (numbers[j] or (words[j] in {"-", "–", "and", ","} and j > i)):
            j += 1
        while j > i and words[j - 1] in {"-", "–", "and", ","}:
            j -= 1
        if j == i:
            return None
        rng = self._range(words, i)
        if rng:
            return rng
        found = number_value(words[i:j])
        if found is None:
            return None
        value = found
        if j < len(words) and words[j] in {"of"} and j + 1 < len(words) and words[j + 1] in {"dozens", "hundreds"}:
            return Quantity(None, value, None, "vague")
        return _with_qualifier(value, qualifier)

    def _range(self, words: list[str], i: int) -> Quantity | None:
        """"10 and 15" after "between", "10 to 15", "10-15"."""
        m = re.fullmatch(r"(\d+)[-–](\d+)", words[i]) if i < len(words) else None
        if m:
            low, high = digits_value(m.group(1)), digits_value(m.group(2))
            if low is None or high is None:
                return None
        else:
            for sep in ("and", "to", "-", "–", "or"):
                if sep in words[i + 1 : i + 4]:
                    k = words.index(sep, i + 1)
                    low, high = number_value(words[i:k]), number_value(words[k + 1 : k + 2])
                    if low is not None and high is not None:
                        break
            else:
                return None
            if low is None or high is None:
                return None
        if low > high:
            return None
        return Quantity(None, low, high, "approximately")


def _with_qualifier(value: int, qualifier: str) -> Quantity:
    if qualifier == "at_least":
        return Quantity(value, value, None, qualifier)
    if qualifier == "at_most":
        return Quantity(value, None, value, qualifier)
    return Quantity(value, None, None, qualifier)
