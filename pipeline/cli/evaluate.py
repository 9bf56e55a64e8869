"""``newsevents evaluate`` (score against gold) and ``newsevents gold`` (annotation helpers)."""
from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console

from models import ArticleResult

from ..errors import NewsEventsError
from ..evaluate.gold import GoldArticle, draft_gold, find_evidence, iter_gold_errors, load_gold_dir, read_article
from ..evaluate.report import (
    evaluate,
    gold_as_predictions,
    predict,
    read_predictions,
    report_table,
    write_json,
)
from ..evaluate.scorer import Report
from ..writers.atomic import write_text
from .app import app
from .checks import check_outputs, usage_error

EXIT_INVALID = 2


def _fail(console: Console, err: Exception) -> None:
    console.print(f"[red]error[/red] {err}", markup=True, highlight=False)
    raise typer.Exit(EXIT_INVALID)


def _shared_gold(folder: Path | None, limit: int | None, console: Console) -> dict[str, list[GoldArticle]] | None:
    from ..evaluate.adapters import read_shared_records, shared_data_dir, shared_gold_document

    found = shared_data_dir(folder)
    if found is None:
        console.print(f"No shared data found ({folder or '../shared/data or $NEWSEVENTS_SHARED_DATA'}): nothing to evaluate.")
        return None
    sets = {}
    for path in sorted(found.glob("*.jsonl")):
        items, skipped = [], []
        for record in read_shared_records(path, limit=limit):
            try:
                items.append(GoldArticle(article=record.article, gold=shared_gold_document(record), path=path))
            except (ValueError, TypeError) as err:  # one odd record never stops the run
                skipped.append(f"{record.article.source}: {err}")
        if skipped:
            console.print(f"[yellow]{path.name}: {len(skipped)} record(s) could not be read as gold and were skipped"
                          f"[/yellow] (first: {skipped[0]})", markup=True, highlight=False)
        sets[path.name] = items
    return sets


@app.command("evaluate")
def evaluate_command(
    gold_dir: Path = typer.Argument(None, help=("Folder of <slug>.gold.json files (recursive) or a JSONL of "
        "GoldDocuments; with --shared-data, the shared data folder.")),
    pred: str | None = typer.Option(None, "--pred", help=("Predictions (JSONL of ArticleResults), or 'gold' to score "
        "the gold against itself. Default: run the extractor.")),
    json_path: Path | None = typer.Option(None, "--json", help="Write the report as JSON here."),
    html_path: Path | None = typer.Option(None, "--html", help="Write a self-contained HTML error report here."),
    model: str | None = typer.Option(None, "--model", help=("spaCy pipeline for the extractor (default: "
        "$NEWSEVENTS_MODEL or the installed English model).")),
    all_modalities: bool = typer.Option(False, "--all-modalities", help=(
        "Score every event, not only incidents (asserted, occurred or attempted, not generic).")),
    shared_data: bool = typer.Option(False, "--shared-data", help=("Score on the real annotated records (GOLD_DIR or "
        "../shared/data), one table per file.")),
    limit: int | None = typer.Option(None, "--limit", min=1, help="With --shared-data: at most N records per file."),
    errors: int = typer.Option(0, "--errors", min=0, help="Also print the first N errors."),
) -> None:
    """Score predicted events against gold annotations: precision, recall and F1 per field."""
    console = Console()
    problem = check_outputs({"--json": json_path, "--html": html_path}, [])
    if problem is not None:
        raise usage_error(console, problem)
    sets: dict[str, list[GoldArticle]]
    if shared_data:
        found = _shared_gold(gold_dir, limit, console)
        if found is None:
            return
        sets, partial = found, True
    else:
        if gold_dir is None:
            raise typer.BadParameter("give a gold folder (or --shared-data)", param_hint="GOLD_DIR")
        try:
            sets = {str(gold_dir): load_gold_dir(gold_dir)}
        except NewsEventsError as err:
            _fail(console, err)
        partial = False

    reports: dict[str, Report] = {}
    combined_gold: list[GoldArticle] = []
    combined_pred: list[ArticleResult] = []
    for name, gold in sets.items():
        try:
            if pred == "gold":
                predictions = gold_as_predictions(gold)
            elif pred:
                predictions = read_predictions(pred)
            else:
                predictions = predict(gold, model=model)
        except NewsEventsError as err:
            _fail(console, err)
        report = evaluate(gold, predictions, all_modalities=all_modalities, by_group=not partial,
                          partial_gold=partial)
        reports[name] = report
        combined_gold += gold
        combined_pred += predictions
        console.print(report_table(report, title=f"newsevents evaluate {name}"))
        if report.unknown_articles:
            console.print(f"[yellow]{len(report.unknown_articles)} predicted article(s) have no gold, not scored:[/yellow] "
                          + ", ".join(report.unknown_articles[:10]), markup=True, highlight=False)
        if report.unpredicted_articles and pred not in (None, "gold"):
            console.print(f"[yellow]{len(report.unpredicted_articles)} gold article(s) have no prediction "
                          "(scored as empty).[/yellow]", markup=True)
        for line in report.prediction_errors[:10]:
            console.print(f"[yellow]prediction[/yellow] {line}", markup=True, highlight=False)
        for error in report.errors[:errors]:
            console.print(f"{error['article_id']} {error['kind']} {error['field']}: gold={error['gold']!r} "
                          f"predicted={error['predicted']!r} ({error['context']})", markup=False, highlight=False)

    main = next(iter(reports.values()))
    if len(reports) > 1:
        main = evaluate(combined_gold, combined_pred, all_modalities=all_modalities, by_group=not partial,
                        partial_gold=partial)
    if json_path is not None:
        extra = {"sources": {n: r.as_dict() for n, r in reports.items()}} if len(reports) > 1 else None
        write_json(main, json_path, extra=extra)
        console.print(f"Report written to {json_path}")
    if html_path is not None:
        from ..evaluate.html import render_report

        write_text(html_path, render_report(main, combined_gold, combined_pred, all_modalities=all_modalities))
        console.print(f"HTML report written to {html_path}")


gold_app = typer.Typer(help="Annotation helpers: validate gold files, draft one, locate evidence spans.",
                       no_args_is_help=True)
app.add_typer(gold_app, name="gold")


@gold_app.command("check")
def gold_check_command(path: Path = typer.Argument(..., help="A gold folder, a .gold.json or a JSONL of GoldDocuments.")) -> None:
    """Validate every gold file (schema, ids, evidence offsets against the text)."""
    console = Console()
    problems = list(iter_gold_errors(path))
    for line in problems:
        console.print(f"[red]invalid[/red] {line}", markup=True, highlight=False)
    if problems:
        raise typer.Exit(EXIT_INVALID)
    gold = load_gold_dir(path)
    events = sum(len(g.gold.events) for g in gold)
    aggregates = sum(len(g.gold.aggregates) for g in gold)
    console.print(f"{len(gold)} gold files valid: {events} events, {aggregates} aggregates")


@gold_app.command("draft")
def gold_draft_command(
    article: Path = typer.Argument(..., help="The article <slug>.txt (its <slug>.meta.json gives the date)."),
    output: Path | None = typer.Option(None, "--output", "-o", help=("Default: <slug>.gold.json next to the article; never "
        "overwritten.")),
    model: str | None = typer.Option(None, "--model"),
) -> None:
    """Write a draft gold file from the extractor's output, for the annotator to correct."""
    console = Console()
    output = output or article.with_name(article.name.rsplit(".", 1)[0] + ".gold.json")
    if output.exists():
        _fail(console, FileExistsError(f"{output} exists; remove it or give --output"))
    problem = check_outputs({"--output": output}, [article])
    if problem is not None:
        raise usage_error(console, problem)
    try:
        item = read_article(article, article_id=article.name, gold_path=output)
    except NewsEventsError as err:
        _fail(console, err)
    placeholder = GoldArticle(article=item, gold=draft_gold(item.id, [], []), path=output)
    result = predict([placeholder], model=model)[0]
    if result.error is not None:
        _fail(console, RuntimeError(result.error.message))
    doc = draft_gold(item.id, result.events, result.aggregates)
    write_text(output, doc.model_dump_json(indent=2) + "\n")
    console.print(f"Draft with {len(doc.events)} events and {len(doc.aggregates)} aggregates written to {output}")


@gold_app.command("span")
def gold_span_command(
    article: Path = typer.Argument(..., help="The article text file."),
    phrase: str = typer.Argument(..., help="The exact text of the span."),
    nth: int = typer.Option(1, "--nth", min=1, help="Which occurrence."),
    model: str | None = typer.Option(None, "--model"),
) -> None:
    """Print the Evidence JSON of a phrase: offsets and the sentence index of the annotation guide."""
    from ..evaluate.gold import sentence_index
    from ..loading import load

    text = article.read_text(encoding="utf-8")
    try:
        evidence = find_evidence(text, phrase, sentences=sentence_index(load(model), text), nth=nth)
    except ValueError as err:
        _fail(Console(stderr=True), err)
    typer.echo(json.dumps(evidence.model_dump()))
