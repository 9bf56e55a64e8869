"""The ``newsevents`` command: each sub-command is a thin wrapper over an importable function."""
from __future__ import annotations

import typer

app = typer.Typer(
    name="newsevents",
    help="Structured, evidence-backed event records from English news on political violence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

from . import extract as _extract  # noqa: E402,F401  (registers its commands)
from . import schema as _schema  # noqa: E402,F401
from . import accuracy as _accuracy  # noqa: E402,F401
from . import evaluate as _evaluate  # noqa: E402,F401


def main() -> None:
    app()
