"""The Typer application every command module registers itself with."""
from __future__ import annotations

import typer

app = typer.Typer(
    name="newsevents",
    help="Structured, evidence-backed event records from English news on political violence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
