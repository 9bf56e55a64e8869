"""Places: a layered gazetteer (curated districts and aliases over a global towns layer) and its tagger."""
from .gazetteer import Gazetteer, PlaceEntry, gazetteer
from .component import PlaceTagger

__all__ = ["Gazetteer", "PlaceEntry", "PlaceTagger", "gazetteer"]
