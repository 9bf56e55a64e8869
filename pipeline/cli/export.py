"""``newsevents export``: a finished run's results as ACLED, GTD or UCDP tables."""
from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from ..errors import Errors, NewsEventsError
from .app import app
from .checks import check_outputs, usage_error

EXIT_PARTIAL = 3
SHOWN_PROBLEMS = 20


@app.command("export")
def export_command(
    results: Path = typer.Argument(..., exists=True, dir_okay=False, help="A finished run's JSONL (newsevents extract -o)."),
    acled: Path | None = typer.Option(None, "--acled", help="Write the incidents as an ACLED table."),
    gtd: Path | None = typer.Option(None, "--gtd", help="Write the incidents as a GTD table."),
    ucdp: Path | None = typer.Option(None, "--ucdp", help="Write the deadly incidents as a UCDP GED table."),
) -> None:
    """Write ACLED, GTD and UCDP tables from the results of an earlier run (bad lines are reported and skipped)."""
    from ..writers.exports import export_results

    console = Console(stderr=True)
    if acled is None and gtd is None and ucdp is None:
        raise usage_error(console, Errors.E141)
    problem = check_outputs({"--acled": acled, "--gtd": gtd, "--ucdp": ucdp}, [results])
    if problem is not None:
        raise usage_error(console, problem)
    if not results.read_bytes().strip():
        raise usage_error(console, Errors.E142.format(path=results))
    try:
        counts, problems = export_results(results, acled=acled, gtd=gtd, ucdp=ucdp)
    except NewsEventsError as err:
        raise usage_error(console, str(err)) from err
    except OSError as err:
        console.print(f"[red]error[/red] {err}", markup=True, highlight=False)
        raise typer.Exit(1) from err
    for kind, rows in counts.items():
        console.print(f"{kind.upper()}: {rows} rows", highlight=False)
    for line in problems[:SHOWN_PROBLEMS]:
        console.print(f"[red]error[/red] {line}", markup=True, highlight=False)
    if len(problems) > SHOWN_PROBLEMS:
        console.print(f"... and {len(problems) - SHOWN_PROBLEMS} more errors", highlight=False)
    if problems:
        raise typer.Exit(EXIT_PARTIAL)
