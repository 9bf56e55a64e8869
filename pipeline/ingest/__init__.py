"""Ingest: files and records in, ``models.Article`` (or a failure naming the input) out."""
from .readers import Failure, iter_articles

__all__ = ["Failure", "iter_articles"]
