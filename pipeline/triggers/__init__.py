"""Event triggers: the words that name an incident, typed into the taxonomy."""
from .component import TriggerRule, TriggerTagger

__all__ = ["TriggerRule", "TriggerTagger"]
