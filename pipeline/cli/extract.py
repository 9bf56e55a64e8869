from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from ..batch import RunSummary, run_batch
from ..extract import DEFAULT_BATCH_SIZE
from . import app

EXIT_PARTIAL = 3


def parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint="--published")


def print_summary(summary: RunSummary, out: Path, console: Console) -> None:
    table = Table(title=f"newsevents: {out}")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("articles", str(summary.articles))
    table.add_row("failed", str(summary.failed))
    table.add_row("incidents", str(sum(summary.events_by_type.values())))
    table.add_row("all event mentions", str(summary.events))
    table.add_row("aggregate claims", str(summary.aggregates))
    for kind, count in sorted(summary.events_by_type.items(), key=lambda kv: (-kv[1], kv[0])):
        table.add_row(f"  {kind}", str(count))
    console.print(table)
    for line in summary.errors[:20]:
        console.print(f"[red]error[/red] {line}", markup=True, highlight=False)


@app.command("extract")
def extract_command(
    paths: list[Path] = typer.Argument(..., help="Files or folders (.txt .md .json .jsonl)."),
    output: Path = typer.Option(..., "--output", "-o", help="Where to write one ArticleResult per line (JSONL)."),
    published: str | None = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD) for inputs that give none."),
    model: str | None = typer.Option(None, "--model", help="spaCy pipeline to load (default: $NEWSEVENTS_MODEL or the installed English model)."),
    batch_size: int = typer.Option(DEFAULT_BATCH_SIZE, "--batch-size", min=1),
    n_process: int = typer.Option(1, "--n-process", min=1),
) -> None:
    """Extract events from articles into a JSONL file and print a summary."""
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise typer.BadParameter(f"no such file or folder: {', '.join(missing)}", param_hint="PATHS")
    console = Console(stderr=True)
    summary = run_batch(paths, output, published=parse_date(published), model=model, batch_size=batch_size,
                        n_process=n_process)
    print_summary(summary, output, console)
    if summary.failed:
        raise typer.Exit(EXIT_PARTIAL)
