"""ACLED, GTD and UCDP tables as CSV, each written atomically, cells guarded against spreadsheet formulas."""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Callable, Iterable, Iterator

from pydantic import ValidationError

from models import ArticleResult

from ..codebooks import ACLED_COLUMNS, GTD_COLUMNS, UCDP_COLUMNS, iter_acled_rows, iter_gtd_rows, iter_ucdp_rows
from ..errors import Errors, NewsEventsError
from .atomic import atomic_path
from .outputs import _csv_value

Rows = Callable[[Iterable[ArticleResult]], Iterator[dict]]
EXPORTS: dict[str, tuple[tuple[str, ...], Rows]] = {
    "acled": (ACLED_COLUMNS, iter_acled_rows),
    "gtd": (GTD_COLUMNS, iter_gtd_rows),
    "ucdp": (UCDP_COLUMNS, iter_ucdp_rows),
}
"""Each export: its columns in the codebook's order, and the rows of a stream of results."""


def write_export(kind: str, results: Iterable[ArticleResult], path: Path) -> int:
    """Write one export (``acled``, ``gtd`` or ``ucdp``) of ``results`` to ``path``; returns the rows written."""
    columns, rows = EXPORTS[kind]
    written = 0
    with atomic_path(Path(path)) as tmp, open(tmp, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows(results):
            writer.writerow([_csv_value(row[c]) for c in columns])
            written += 1
    return written


def write_exports(results: Callable[[], Iterable[ArticleResult]], *, acled: Path | None = None,
                  gtd: Path | None = None, ucdp: Path | None = None) -> dict[str, int]:
    """Write the exports asked for; ``results`` gives a fresh stream of the results for each one."""
    targets = {"acled": acled, "gtd": gtd, "ucdp": ucdp}
    return {kind: write_export(kind, results(), path) for kind, path in targets.items() if path is not None}


def checked_results(path: Path, problems: list[str]) -> Iterator[ArticleResult]:
    """The results of a finished run's JSONL; each line that is not one adds a numbered message (E140)."""
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                yield ArticleResult.model_validate_json(raw)
            except ValidationError as err:
                first = err.errors()[0]
                where = ".".join(str(part) for part in first.get("loc", ())) or "line"
                problems.append(Errors.E140.format(path=path, line=number, reason=f"{where}: {first['msg']}"))


def export_results(path: Path, *, acled: Path | None = None, gtd: Path | None = None,
                   ucdp: Path | None = None) -> tuple[dict[str, int], list[str]]:
    """Write the exports asked for from a finished run's JSONL: (rows per export, messages for bad lines)."""
    if acled is None and gtd is None and ucdp is None:
        raise NewsEventsError(Errors.E141, stage="export", input=str(path))
    passes: list[list[str]] = []

    def results() -> Iterator[ArticleResult]:
        problems: list[str] = []
        passes.append(problems)
        return checked_results(Path(path), problems)

    counts = write_exports(results, acled=acled, gtd=gtd, ucdp=ucdp)
    return counts, passes[0] if passes else []
