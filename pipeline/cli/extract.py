from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..batch import DEFAULT_BATCH_SIZE, DEFAULT_N_PROCESS, ENGINES, RunSummary, partial_path, run_batch
from ..errors import Errors, NewsEventsError
from .app import app
from .checks import check_outputs, usage_error

EXIT_PARTIAL = 3
EXIT_INTERRUPTED = 130


def parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint="--published") from None


def print_summary(summary: RunSummary, out: Path, console: Console) -> None:
    table = Table(title=f"newsevents: {out}")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("articles", str(summary.articles))
    if summary.resumed:
        table.add_row("  from the earlier run", str(summary.resumed))
    table.add_row("failed", str(summary.failed))
    table.add_row("incidents", str(summary.incidents))
    for kind, count in sorted(summary.events_by_type.items(), key=lambda kv: (-kv[1], kv[0])):
        table.add_row(f"  {kind}", str(count))
    table.add_row("all event mentions", str(summary.events))
    table.add_row("aggregate claims", str(summary.aggregates))
    if summary.geo_written or summary.geo_omitted:
        table.add_row("mapped incidents (GeoJSON)", str(summary.geo_written))
        table.add_row("  without coordinates (omitted)", str(summary.geo_omitted))
    for kind, rows in summary.exported.items():
        table.add_row(f"{kind.upper()} rows", str(rows))
    console.print(table)
    for line in summary.errors[:20]:
        console.print(f"[red]error[/red] {line}", markup=True, highlight=False)
    if len(summary.errors) > 20:
        console.print(f"... and {len(summary.errors) - 20} more errors", highlight=False)
    if summary.dropped:
        console.print(f"{summary.dropped} record(s) of the earlier partial file came from inputs not given this "
                      "time and were left out", highlight=False)
    if summary.stopped:
        console.print(f"[red]stopped[/red] {summary.stopped}; the {summary.articles} inputs done so far are written "
                      "(run again with --resume to continue)", markup=True, highlight=False)


@app.command("extract")
def extract_command(
    paths: list[Path] = typer.Argument(..., help="Files or folders of articles."),
    output: Path = typer.Option(..., "--output", "-o", help="Where to write one ArticleResult per line (JSONL)."),
    csv: Path | None = typer.Option(None, "--csv", help="Also write the incidents as a flat CSV table (ACLED-style columns)."),
    parquet: Path | None = typer.Option(None, "--parquet", help="Also write the incidents as a Parquet table."),
    geojson: Path | None = typer.Option(None, "--geojson", help="Also write the incidents with coordinates as GeoJSON."),
    errors: Path | None = typer.Option(None, "--errors", help="Write one line per failed input (input, stage, message)."),
    acled: Path | None = typer.Option(None, "--acled", help="Also write the incidents as an ACLED table (its codes)."),
    gtd: Path | None = typer.Option(None, "--gtd", help="Also write the incidents as a GTD table (its variables and codes)."),
    ucdp: Path | None = typer.Option(None, "--ucdp", help="Also write the deadly incidents as a UCDP GED table."),
    published: str | None = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD) for inputs that give none."),
    model: str | None = typer.Option(None, "--model", help=("spaCy pipeline to load (default: $NEWSEVENTS_MODEL or the "
        "installed English model).")),
    n_process: int = typer.Option(DEFAULT_N_PROCESS, "--n-process", min=1,
                                  help="Processes for nlp.pipe (or Dask workers). 1 suits 2 cores; use more on bigger machines."),
    batch_size: int = typer.Option(DEFAULT_BATCH_SIZE, "--batch-size", min=1,
                                   help="Articles per nlp.pipe batch, per Dask chunk and per fsync of the output."),
    max_errors: int | None = typer.Option(None, "--max-errors", min=0, help="Stop once more than N inputs failed."),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run from OUT.partial instead of starting over."),
    engine: str = typer.Option("local", "--engine", help="local (spaCy processes) or dask (a Dask cluster)."),
    scheduler: str | None = typer.Option(None, "--scheduler", help=("Dask scheduler address (tcp://host:8786); default: a local "
        "cluster.")),
) -> None:
    """Extract events from articles into a JSONL file (plus CSV/Parquet/GeoJSON/ACLED/GTD/UCDP) and print a summary."""
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise typer.BadParameter(f"no such file or folder: {', '.join(missing)}", param_hint="PATHS")
    if engine not in ENGINES:
        raise typer.BadParameter(f"choose one of: {', '.join(ENGINES)}", param_hint="--engine")
    if scheduler and engine != "dask":
        raise typer.BadParameter(Errors.E122.format(engine=engine), param_hint="--scheduler")
    date = parse_date(published)
    console = Console(stderr=True)
    problem = check_outputs({"-o": output, "--csv": csv, "--parquet": parquet, "--geojson": geojson,
                             "--errors": errors, "--acled": acled, "--gtd": gtd, "--ucdp": ucdp}, paths)
    if problem is not None:
        raise usage_error(console, problem)
    progress = Progress(SpinnerColumn(), TextColumn("extracting"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.fields[failed]} failed"), TimeElapsedColumn(), console=console,
                        disable=not console.is_terminal, transient=True)
    written = 0
    try:
        with progress:
            task = progress.add_task("extract", total=None, failed=0)
            failures = 0

            def advance(result) -> None:
                nonlocal failures, written
                failures += result.error is not None
                written += 1
                progress.update(task, advance=1, failed=failures)

            summary = run_batch(paths, output, published=date, model=model, batch_size=batch_size,
                                n_process=n_process, resume=resume, max_errors=max_errors, csv=csv,
                                parquet=parquet, geojson=geojson, errors=errors, acled=acled, gtd=gtd, ucdp=ucdp,
                                engine=engine,
                                scheduler=scheduler, on_result=advance)
    except NewsEventsError as err:
        raise usage_error(console, str(err)) from err
    except RuntimeError as err:
        console.print(f"[red]error[/red] {err}", markup=True, highlight=False)
        raise typer.Exit(1) from err
    except KeyboardInterrupt:
        console.print(f"[yellow]interrupted[/yellow]: {written} input(s) of this run are in "
                      f"{partial_path(output)}; run the same command with --resume to continue where it stopped",
                      markup=True, highlight=False)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    print_summary(summary, output, console)
    if summary.failed or summary.stopped:
        raise typer.Exit(EXIT_PARTIAL)
