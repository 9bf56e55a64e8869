"""Context: ConText-style modifiers (negation, threat, attempt, hypothesis, generality) with direction and scope."""
from .component import ContextRule, ContextTagger

__all__ = ["ContextRule", "ContextTagger"]
