"""newsevents: structured, evidence-backed event records from English news on political violence.

>>> from pipeline import extract_events, load
>>> nlp = load()                      # once per process
>>> result = extract_events(text, published="2025-01-10", nlp=nlp)
"""
from .extract import extract_batch, extract_events, result_from_doc
from .loading import load, resolve_model

__all__ = ["extract_batch", "extract_events", "load", "resolve_model", "result_from_doc"]
__version__ = "0.1.0"
