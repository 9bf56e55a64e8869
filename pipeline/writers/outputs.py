"""CSV, Parquet, GeoJSON and errors files, each written atomically from the finished results."""
from __future__ import annotations

import contextlib
import csv as csv_module
import datetime as dt
import json
from pathlib import Path
from typing import Iterable, Iterator

from models import ArticleResult

from .atomic import atomic_path
from .table import COLUMNS, event_rows

PARQUET_BATCH = 4096
_TYPES = {
    "event_date": "date", "event_date_end": "date", "latitude": "float", "longitude": "float",
    "fatalities": "int", "injured": "int", "confidence": "float",
}


def parquet_schema():
    import pyarrow as pa

    kinds = {"date": pa.date32(), "float": pa.float64(), "int": pa.int64()}
    return pa.schema([(name, kinds.get(_TYPES.get(name, ""), pa.string())) for name in COLUMNS])


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula ("=HYPERLINK(...)" in an article becomes live)."""


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value  # shown as text, as spreadsheets do for a leading apostrophe
    return str(value)


class _CsvSink:
    def __init__(self, path: Path) -> None:
        self.handle = open(path, "w", encoding="utf-8", newline="")
        self.writer = csv_module.writer(self.handle)
        self.writer.writerow(COLUMNS)

    def add(self, row: dict) -> None:
        self.writer.writerow([_csv_value(row[c]) for c in COLUMNS])

    def close(self) -> None:
        self.handle.close()


class _ParquetSink:
    def __init__(self, path: Path) -> None:
        import pyarrow.parquet as pq

        self.schema = parquet_schema()
        self.writer = pq.ParquetWriter(path, self.schema)
        self.rows: list[dict] = []

    def add(self, row: dict) -> None:
        self.rows.append(row)
        if len(self.rows) >= PARQUET_BATCH:
            self.flush()

    def flush(self) -> None:
        import pyarrow as pa

        if self.rows:
            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def close(self) -> None:
        self.flush()
        self.writer.close()


class _GeoJsonSink:
    """A FeatureCollection of the incidents with coordinates; GeoJSON order is [longitude, latitude]."""

    def __init__(self, path: Path) -> None:
        self.handle = open(path, "w", encoding="utf-8")
        self.handle.write('{"type": "FeatureCollection", "features": [\n')
        self.written = 0
        self.omitted = 0

    def add(self, row: dict) -> None:
        if row["latitude"] is None or row["longitude"] is None:
            self.omitted += 1
            return
        properties = {k: _csv_value(v) if isinstance(v, dt.date) else v for k, v in row.items()
                      if k not in ("latitude", "longitude")}
        feature = {"type": "Feature", "id": row["event_id"],
                   "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
                   "properties": properties}
        self.handle.write((",\n" if self.written else "") + json.dumps(feature, ensure_ascii=False))
        self.written += 1

    def close(self) -> None:
        self.handle.write("\n]}\n")
        self.handle.close()


def write_flat_outputs(
    results: Iterable[ArticleResult],
    *,
    csv: Path | None = None,
    parquet: Path | None = None,
    geojson: Path | None = None,
    errors: Path | None = None,
) -> tuple[int, int]:
    """Write the outputs asked for in one pass; returns (GeoJSON features written, omitted without coordinates)."""
    targets = {"csv": csv, "parquet": parquet, "geojson": geojson, "errors": errors}
    with contextlib.ExitStack() as stack:
        tmp = {name: stack.enter_context(atomic_path(Path(path))) for name, path in targets.items() if path is not None}
        sinks: dict[str, _CsvSink | _ParquetSink | _GeoJsonSink] = {}
        geo: _GeoJsonSink | None = None
        error_handle = None
        try:
            if "csv" in tmp:
                sinks["csv"] = _CsvSink(tmp["csv"])
            if "parquet" in tmp:
                sinks["parquet"] = _ParquetSink(tmp["parquet"])
            if "geojson" in tmp:
                sinks["geojson"] = geo = _GeoJsonSink(tmp["geojson"])
            error_handle = open(tmp["errors"], "w", encoding="utf-8") if "errors" in tmp else None

            def tee(items: Iterable[ArticleResult]) -> Iterator[ArticleResult]:
                for result in items:
                    if result.error is not None and error_handle is not None:
                        error_handle.write(json.dumps({"article_id": result.article_id, **result.error.model_dump()},
                                                      ensure_ascii=False) + "\n")
                    yield result

            flat = [s for s in sinks.values()]
            for row in event_rows(tee(results)):
                for sink in flat:
                    sink.add(row)
        finally:
            for sink in sinks.values():
                sink.close()
            if error_handle is not None:
                error_handle.close()
    return (geo.written, geo.omitted) if geo is not None else (0, 0)

