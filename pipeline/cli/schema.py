from __future__ import annotations

import json

import typer

from models import json_schema

from .app import app


@app.command("schema")
def schema_command(
    model: str = typer.Option("result", "--model", "-m", help="Which record: result (output) or article (input)."),
) -> None:
    """Print the JSON Schema of the output record (ArticleResult) or of the input Article."""
    if model not in {"result", "article"}:
        raise typer.BadParameter("choose 'result' or 'article'", param_hint="--model")
    typer.echo(json.dumps(json_schema(model), indent=2))
