"""Checks every command makes before any work: the outputs it was asked to write can be written."""
from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from ..errors import Errors
from ..writers.atomic import unwritable

EXIT_USAGE = 2


def usage_error(console: Console, message: str) -> typer.Exit:
    console.print(f"[red]error[/red] {message}", markup=True, highlight=False)
    return typer.Exit(EXIT_USAGE)


def check_outputs(outputs: dict[str, Path | None], inputs: list[Path]) -> str | None:
    """The first output that cannot be written, as a numbered message (checked before any work)."""
    given = {option: path for option, path in outputs.items() if path is not None}
    seen: dict[Path, str] = {}
    for option, path in given.items():
        resolved = path.resolve()
        if resolved in seen:
            return Errors.E125.format(option=option, path=path, reason=f"{seen[resolved]} writes the same file")
        seen[resolved] = option
        if any(resolved == p.resolve() for p in inputs):
            return Errors.E125.format(option=option, path=path, reason="it is one of the inputs")
        reason = unwritable(path)
        if reason is not None:
            return Errors.E125.format(option=option, path=path, reason=reason)
    return None
