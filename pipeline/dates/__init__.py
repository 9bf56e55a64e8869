"""Dates: expressions found by token patterns, resolved with dateparser against the publication date."""
from .component import DatePatternRule, DateTagger
from .resolve import ResolvedDate, resolve_date

__all__ = ["DatePatternRule", "DateTagger", "ResolvedDate", "resolve_date"]
