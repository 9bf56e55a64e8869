"""Ingest: files and records in, ``models.Article`` (or a failure naming the input) out."""
from .readers import DEFAULT_MAX_BYTES, SUPPORTED, Failure, iter_articles

__all__ = ["DEFAULT_MAX_BYTES", "SUPPORTED", "Failure", "iter_articles"]
