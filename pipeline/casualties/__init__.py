"""Casualties: counted phrases ("four personnel", "a dozen civilians") linked to outcomes ("martyred")."""
from .component import CasualtyTagger
from .numbers import Quantity, QuantityReader

__all__ = ["CasualtyTagger", "Quantity", "QuantityReader"]
