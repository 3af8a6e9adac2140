"""Export stage: every table as CSV and Parquet with the explicit Arrow types of
`pipeline/schema.py`, written into a temporary folder beside the output and swapped into place,
so that a failed run never leaves half-written tables."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.schema import TABLES, schema_json

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class OutputError(Exception):
    """The output folder cannot be written (a programme-level error)."""


def csv_cell(value) -> str:
    """Text of one CSV cell; a text starting like a spreadsheet formula gets a leading `'`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(round(value, 6))
    text = str(value)
    if isinstance(value, str) and text.startswith(FORMULA_START):
        return "'" + text
    return text


NEEDS_QUOTES = re.compile(r'[",\r\n]|^\s|\s$')


def quote(cell: str) -> str:
    """RFC 4180 quoting; a cell with a lone CR is quoted too (the csv module leaves it bare)."""
    return '"' + cell.replace('"', '""') + '"' if NEEDS_QUOTES.search(cell) else cell


def to_csv(rows: list[dict], columns: tuple[str, ...]) -> bytes:
    lines = [",".join(quote(c) for c in columns)]
    lines += [",".join(quote(csv_cell(row.get(c))) for c in columns) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def to_arrow(rows: list[dict], schema: pa.Schema) -> pa.Table:
    columns = {}
    for field in schema:
        values = [row.get(field.name) for row in rows]
        if pa.types.is_date32(field.type):
            values = [dt.date.fromisoformat(v) if isinstance(v, str) and v else None for v in values]
        columns[field.name] = pa.array(values, type=field.type)
    return pa.Table.from_pydict(columns, schema=schema)


def write_tables(tables: dict[str, list[dict]], output: Path, run_info: dict) -> None:
    """Write all tables to a sibling temporary folder, then swap it in for `output`."""
    output = output.resolve()
    parent = output.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = parent / f".{output.name}.tmp-{os.getpid()}"
        if staging.exists():
            shutil.rmtree(staging)
        staging.mkdir()
    except OSError as exc:
        raise OutputError(f"cannot write to {parent}: {exc.strerror or exc}") from exc
    try:
        for table in TABLES:
            rows = tables.get(table.name, [])
            (staging / f"{table.name}.csv").write_bytes(to_csv(rows, table.columns))
            pq.write_table(to_arrow(rows, table.arrow_schema()), staging / f"{table.name}.parquet")
        (staging / "_schema.json").write_text(schema_json(), encoding="utf-8")
        (staging / "_run.json").write_text(json.dumps(run_info, ensure_ascii=False, indent=2) + "\n",
                                           encoding="utf-8")
        swap_into_place(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def swap_into_place(staging: Path, output: Path) -> None:
    """Replace output with staging: the previous folder is moved aside first and removed last."""
    retired = output.parent / f".{output.name}.old-{os.getpid()}"
    try:
        if output.exists():
            os.replace(output, retired)
        os.replace(staging, output)
    except OSError as exc:
        if retired.exists() and not output.exists():
            os.replace(retired, output)
        raise OutputError(f"cannot move the new tables into {output}: {exc.strerror or exc}") from exc
    shutil.rmtree(retired, ignore_errors=True)
