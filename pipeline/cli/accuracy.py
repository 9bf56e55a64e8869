from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from ..writers.atomic import write_text
from .app import app
from .checks import check_outputs, usage_error


@app.command("accuracy")
def accuracy_command(
    data: Path | None = typer.Option(None, "--data", help="Folder of real annotated JSONL (default: ../shared/data)."),
    limit: int | None = typer.Option(None, "--limit", min=1, help="Only the first N records of each file."),
    json_out: Path | None = typer.Option(None, "--json", help="Write the figures and failing record ids here."),
    show: int = typer.Option(0, "--show", min=0, help="Print the field mismatches of the first N failing records."),
) -> None:
    """Per-field accuracy on the real annotated records (GTD, ACLED); skips when the data is absent."""
    from ..evaluate.accuracy import FIELD_NOTES, argument_rows, as_table_rows, measure_all
    from ..evaluate.adapters import shared_data_dir
    from ..evaluate.by_country import PLACE_FIELDS, country_rows

    console = Console()
    problem = check_outputs({"--json": json_out}, [])
    if problem is not None:
        raise usage_error(console, problem)
    folder = shared_data_dir(data)
    if folder is None:
        console.print("No annotated data found (../shared/data or --data): nothing to measure.")
        raise typer.Exit(0)
    reports = measure_all(folder, limit=limit)
    table = Table(title=f"Accuracy on {folder}")
    table.add_column("field")
    for report in reports:
        table.add_column(f"{report.name} (n={report.records})", justify="right")
    for row in as_table_rows(reports):
        table.add_row(*row)
    console.print(table)
    for report in reports:
        rows = argument_rows(report)
        if rows:
            arguments = Table(title=f"Arguments on {report.name} (head-word match, pooled per article)")
            for column in ("role", "precision", "recall", "f1", "tp", "fp", "fn"):
                arguments.add_column(column, justify="left" if column == "role" else "right")
            for row in rows:
                arguments.add_row(*row)
            console.print(arguments)
    places = country_rows(reports)
    if places:
        by_country = Table(title="Places by country (the country the source codes)")
        for column in ("source", "country", "records", *PLACE_FIELDS):
            by_country.add_column(column, justify="left" if column in {"source", "country"} else "right")
        for row in places:
            by_country.add_row(*row)
        console.print(by_country)
    for name, note in FIELD_NOTES.items():
        console.print(f"[bold]{name}[/bold]: {note}", highlight=False)
    for report in reports:
        for failure in report.failures[:show]:
            console.print(f"{report.name} {failure['id']}: {failure['misses']}", markup=False, highlight=False)
    if json_out is not None:
        payload = {
            r.name: {"records": r.records,
                     "fields": {k: {"correct": v.correct, "total": v.total, "accuracy": v.accuracy}
                                for k, v in r.fields.items()},
                     **({"arguments": {role: {"precision": c.precision, "recall": c.recall, "f1": c.f1, "tp": c.tp,
                                              "fp": c.fp, "fn": c.fn}
                                       for role, c in [*r.arguments.roles.items(), ("micro", r.arguments.micro)]}}
                        if r.arguments is not None else {}),
                     "countries": {c.name: {"records": c.records,
                                            "fields": {k: {"correct": v.correct, "total": v.total,
                                                           "accuracy": v.accuracy}
                                                       for k, v in c.fields.items() if k in PLACE_FIELDS}}
                                   for c in r.countries.values()}}
            for r in reports
        }
        write_text(json_out, json.dumps(payload, indent=2) + "\n")
