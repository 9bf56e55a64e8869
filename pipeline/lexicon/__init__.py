"""Lexicon: weapons and physical targets, each a phrase list in ``data/``."""
from .component import LexiconRule, LexiconTagger

__all__ = ["LexiconRule", "LexiconTagger"]
