"""The ``newsevents`` command: each sub-command is a thin wrapper over an importable function."""
from __future__ import annotations

from . import accuracy, evaluate, export, extract, schema  # noqa: F401,E402  (importing a command module registers it)
from .app import app


def main() -> None:
    app()
