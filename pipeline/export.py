"""Export stage: every table as CSV and Parquet with the explicit Arrow types of
`pipeline/schema.py`, written into a new folder beside the output and published by replacing a
symbolic link, so that a failed run never leaves half-written tables."""
from __future__ import annotations

import datetime as dt
import json
import os
import queue
import re
import shutil
import threading
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline.model import Rows
from pipeline.schema import TABLES, field_of, schema_json

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DATABASE = "events.duckdb"
# Views for the questions analysts ask first; each reads the tables only.
VIEWS = {
    "speakers_per_org_year": """
        SELECT o.org_id, o.name AS organisation, year(p.date) AS year,
               count(DISTINCT a.person_id) AS speakers, count(DISTINCT p.event_id) AS events
        FROM affiliations a JOIN organisations o USING (org_id) JOIN posts p USING (post_id)
        JOIN appearances ap ON ap.post_id = a.post_id AND ap.person_id = a.person_id
        WHERE ap.source_kind <> 'member_list' AND p.date IS NOT NULL
        GROUP BY ALL""",
    "people_across_cities": """
        SELECT ap.person_id, pe.name, count(DISTINCT p.city) AS cities, string_agg(DISTINCT p.city, '、') AS city_list,
               count(DISTINCT p.event_id) AS events
        FROM appearances ap JOIN people pe USING (person_id) JOIN posts p USING (post_id)
        WHERE p.city IS NOT NULL
        GROUP BY ALL""",
    "group_membership_over_time": """
        SELECT g.group_id, g.name AS group_name, year(p.date) AS year, count(DISTINCT m.person_id) AS members,
               count(DISTINCT m.post_id) AS posts
        FROM memberships m JOIN groups g USING (group_id) JOIN posts p USING (post_id)
        GROUP BY ALL""",
}


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
    if isinstance(value, str) and text.startswith(FORMULA_START + ("'",)):
        return "'" + text  # a value that itself opens with ' gets one more, so reading back is exact
    return text


NEEDS_QUOTES = re.compile(r'[",\r\n]|^\s|\s$')


def quote(cell: str) -> str:
    """RFC 4180 quoting; a cell with a lone CR is quoted too (the csv module leaves it bare)."""
    return '"' + cell.replace('"', '""') + '"' if NEEDS_QUOTES.search(cell) else cell


NONE = type(None)
# In a column's cells, each between NULs: a cell that starts or ends like one needing care.
CELL_EDGE_CARE = re.compile(r'\x00[\s=+\-@\']|\s\x00')
CELL_NEEDS_CARE = re.compile(r'[",\r\n]|^[\s=+\-@\']|\s$')


def csv_column(values: list) -> list[str]:
    """The CSV cells of one column: a column of plain text or integers as it is (one scan of
    the whole column says nothing needs quoting or guarding), else csv_cell and quote for the
    cells that need them."""
    kinds = set(map(type, values))
    if kinds <= {str, NONE}:
        texts = ["" if v is None else v for v in values] if NONE in kinds else values
        blob = "\x00" + "\x00".join(texts) + "\x00"
        if not ('"' in blob or "," in blob or "\n" in blob or "\r" in blob or CELL_EDGE_CARE.search(blob)):
            return texts
        care = CELL_NEEDS_CARE.search
        return [quote(csv_cell(v)) if care(v) else v for v in texts]
    if kinds <= {int, NONE}:
        return ["" if v is None else str(v) for v in values]
    if kinds <= {float, NONE}:
        return ["" if v is None else repr(round(v, 6)) for v in values]
    return [quote(csv_cell(v)) for v in values]


CSV_CHUNK = 50_000  # rows formatted at a time: the text of a whole large table is never held at once


PARQUET_CHUNK = 200_000  # rows per Parquet row group: one group's Arrow arrays at a time


def csv_chunks(rows: Rows, columns: tuple[str, ...]):
    """A table's CSV bytes: the header, then a chunk of rows at a time."""
    yield (",".join(quote(c) for c in columns) + "\n").encode("utf-8")
    for start in range(0, len(rows), CSV_CHUNK):
        part = rows.slice(start, start + CSV_CHUNK)
        cells = [csv_column(part.column(c)) for c in columns]
        yield ("\n".join(map(",".join, zip(*cells))) + "\n").encode("utf-8")


def write_parquet(rows: Rows, table, path: Path) -> None:
    """The table as Parquet, a row group of PARQUET_CHUNK rows at a time."""
    schema = table.arrow_schema()
    with pq.ParquetWriter(path, schema) as writer:
        for start in range(0, max(len(rows), 1), PARQUET_CHUNK):
            writer.write_table(to_arrow(rows.slice(start, start + PARQUET_CHUNK), schema, table.name))


def to_arrow(rows: Rows, schema: pa.Schema, table: str) -> pa.Table:
    """Rows as an Arrow table: a nullable text column holds null for unknown (never ""), any
    other text column "" where a row has none, so CSV and Parquet read back alike."""
    columns = {}
    for field in schema:
        values = rows.column(field.name)
        if pa.types.is_string(field.type):
            column = pa.array(values, type=field.type)
            if field_of(table, field.name).nullable:
                columns[field.name] = pc.if_else(pc.equal(column, ""), pa.scalar(None, field.type), column)
            else:
                columns[field.name] = column.fill_null("")
            continue
        if pa.types.is_date32(field.type):
            values = [dt.date.fromisoformat(v) if isinstance(v, str) and v else None for v in values]
        columns[field.name] = pa.array(values, type=field.type)
    return pa.Table.from_pydict(columns, schema=schema)


def write_tables(tables: dict[str, Rows | list[dict]], output: Path, run_info: dict) -> Path:
    """Write all tables into a new folder beside `output`, then point `output` at it (a table
    given as row dicts is taken as Rows of its columns).

    `output` is a symbolic link to `.<name>.runs/<run>`; the link is replaced in one atomic
    rename, so a reader opens either the previous complete set of tables or the new one. The
    previous set stays one run longer for readers that still have it open. Returns the folder."""
    def fill(staging: Path) -> None:
        with DatabaseWriter(staging) as database:
            for table in TABLES:
                rows = tables.get(table.name, [])
                rows = rows if isinstance(rows, Rows) else Rows(table.columns, rows)
                with open(staging / f"{table.name}.csv", "wb") as handle:
                    handle.writelines(csv_chunks(rows, table.columns))
                write_parquet(rows, table, staging / f"{table.name}.parquet")
                database.add(table)
        (staging / "_schema.json").write_text(schema_json(), encoding="utf-8")
    return publish_run(output, run_info, fill)


def republish(output: Path, run_info: dict) -> Path:
    """Publish the tables already published at `output` again, under this run's info: a run
    whose corpus-level inputs are those of the published run has the same tables, byte for
    byte. The files are hard links to the published ones (a copy where links fail)."""
    published = Path(os.path.realpath(output.absolute()))

    def fill(staging: Path) -> None:
        for path in published.iterdir():
            if path.name != "_run.json" and path.is_file():
                try:
                    os.link(path, staging / path.name)
                except OSError:
                    shutil.copy2(path, staging / path.name)
    return publish_run(output, run_info, fill)


def publish_run(output: Path, run_info: dict, fill) -> Path:
    """A new run folder beside `output`, filled by fill(folder) and the run's info, then
    published in one atomic link swap; on any failure the folder is removed."""
    output = output.absolute()
    runs = output.parent / f".{output.name}.runs"
    try:
        runs.mkdir(parents=True, exist_ok=True)
        for stale in runs.glob(".tmp-*"):  # left by a run that was killed (the caller holds the lock)
            shutil.rmtree(stale, ignore_errors=True)
        stamp = time.strftime("%Y%m%dT%H%M%S")
        staging = runs / f".tmp-{stamp}-{os.getpid()}"
        staging.mkdir()
    except OSError as exc:
        raise OutputError(f"cannot write to {output.parent}: {exc.strerror or exc}") from exc
    try:
        fill(staging)
        (staging / "_run.json").write_text(json.dumps(run_info, ensure_ascii=False, indent=2) + "\n",
                                           encoding="utf-8")
        sync_folder(staging)
        final = runs / f"run-{stamp}-{time.time_ns() % 10**9:09d}-{os.getpid()}"
        previous = Path(os.path.realpath(output)) if output.is_symlink() else None
        os.replace(staging, final)
        publish(final, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    prune_runs(runs, keep={final, previous})
    return final


class DatabaseWriter:
    """events.duckdb beside the files: every table with its declared types, a primary key where
    the table is one row per id, and the VIEWS; each table loaded from its Parquet file as soon
    as that is written. DuckDB works without the interpreter lock, so a thread of its own builds
    the database while the next tables are formatted. Leaving the block waits for it, and
    raises its error, if any (then the caller discards the folder)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.tables: queue.SimpleQueue = queue.SimpleQueue()
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self.run, name="database", daemon=True)

    def __enter__(self) -> "DatabaseWriter":
        self.thread.start()
        return self

    def add(self, table) -> None:
        self.tables.put(table)

    def __exit__(self, kind, error, trace) -> None:
        self.tables.put(None)
        self.thread.join()
        if error is None and self.error is not None:
            raise self.error

    def run(self) -> None:
        import duckdb

        received_all = False
        try:
            with duckdb.connect(str(self.folder / DATABASE)) as connection:
                for table in iter(self.tables.get, None):
                    load_table(connection, self.folder, table)
                received_all = True
                for name, query in VIEWS.items():
                    connection.execute(f'CREATE VIEW "{name}" AS {query}')
        except BaseException as exc:
            self.error = exc
            while not received_all and self.tables.get() is not None:
                pass  # the tables still to come are not loaded


def load_table(connection, folder: Path, table) -> None:
    columns = ", ".join(f'"{c}" {DUCKDB_TYPES[str(field_of(table.name, c).type)]}' for c in table.columns)
    key = f', PRIMARY KEY ("{table.key[0]}")' if len(table.key) == 1 and table.key[0].endswith("_id") else ""
    connection.execute(f'CREATE TABLE "{table.name}" ({columns}{key})')
    connection.execute(f'INSERT INTO "{table.name}" SELECT * FROM read_parquet(?)',
                       [str(folder / f"{table.name}.parquet")])
    connection.execute(f"COMMENT ON TABLE \"{table.name}\" IS '{table.grain}'")


DUCKDB_TYPES = {"string": "VARCHAR", "date32[day]": "DATE", "int32": "INTEGER", "int64": "BIGINT",
                "double": "DOUBLE", "bool": "BOOLEAN"}


def sync_folder(folder: Path) -> None:
    for path in folder.iterdir():
        with open(path, "rb") as handle:
            os.fsync(handle.fileno())


def publish(final: Path, output: Path) -> None:
    """Point output at final with one atomic rename of a fresh symbolic link."""
    link = output.parent / f".{output.name}.link-{os.getpid()}"
    link.unlink(missing_ok=True)
    os.symlink(os.path.relpath(final, output.parent), link)
    try:
        if output.is_dir() and not output.is_symlink():
            if any(output.iterdir()):
                raise OutputError(f"{output} is a folder this pipeline did not create: not replaced")
            output.rmdir()
        os.replace(link, output)
    except OSError as exc:
        link.unlink(missing_ok=True)
        raise OutputError(f"cannot move the new tables into {output}: {exc.strerror or exc}") from exc


def remove_unpublished(output: Path) -> None:
    """Remove run folders newer than the published one: a run killed before its link swap left
    them, and no reader has them."""
    output = output.absolute()
    runs = output.parent / f".{output.name}.runs"
    if not output.is_symlink() or not runs.is_dir():
        return
    published = Path(os.path.realpath(output))
    since = published.stat().st_mtime_ns if published.exists() else 0
    for folder in runs.iterdir():
        if folder.is_dir() and folder != published and (folder.name.startswith(".tmp-")
                                                         or folder.stat().st_mtime_ns > since):
            shutil.rmtree(folder, ignore_errors=True)


def prune_runs(runs: Path, keep: set) -> None:
    """Drop every run folder but the one just published and the one published before it
    (readers may still have it open); a folder a killed run never published goes too."""
    for old in runs.iterdir():
        if old.is_dir() and not old.name.startswith(".tmp-") and old not in keep:
            shutil.rmtree(old, ignore_errors=True)
