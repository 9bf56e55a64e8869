"""Evidence: the exact span of article text a value was read from."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, ValidationInfo, model_validator

from .types import NonEmptyStr, Offset


class Record(BaseModel):
    """Base of every record: immutable, and unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Evidence(Record):
    start: Offset
    end: Offset
    text: NonEmptyStr
    sentence: Offset

    @model_validator(mode="after")
    def _matches_article(self, info: ValidationInfo) -> "Evidence":
        if self.end <= self.start:
            raise ValueError(f"evidence end {self.end} must be after start {self.start}")
        if self.end - self.start != len(self.text):
            raise ValueError(f"evidence {self.text!r} is {len(self.text)} characters but spans {self.start}..{self.end}")
        article_text = (info.context or {}).get("text") if info is not None else None
        if article_text is not None and article_text[self.start : self.end] != self.text:
            found = article_text[self.start : self.end]
            raise ValueError(f"evidence {self.text!r} does not match the article at {self.start}..{self.end} ({found!r})")
        return self
