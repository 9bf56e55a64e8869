"""Places: a layered gazetteer (curated districts and aliases over a global towns layer) and its tagger."""
from .component import PlaceTagger
from .gazetteer import Gazetteer, PlaceEntry, gazetteer

__all__ = ["Gazetteer", "PlaceEntry", "PlaceTagger", "gazetteer"]
