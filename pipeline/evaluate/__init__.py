"""Evaluation: gold annotations, the scorer, and adapters for third-party annotated data."""
