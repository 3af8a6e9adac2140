"""Typed loading for analysts: `load_tables("data/out")` returns every table as a pandas
DataFrame with the declared types (Arrow-backed strings, real dates, nullable integers),
from Parquet where present, else from CSV (undoing the CSV's formula guard)."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.export import DATABASE, FORMULA_START
from pipeline.schema import TABLES, Table, field_of


def load_tables(folder: str | Path, tables: list[str] | None = None) -> dict[str, pd.DataFrame]:
    """Every table (or those named) of one run: the output link is resolved once, so a run that
    publishes meanwhile cannot mix two runs' tables."""
    folder = Path(os.path.realpath(folder))
    wanted = [t for t in TABLES if tables is None or t.name in tables]
    return {t.name: load_table(folder, t) for t in wanted}


def load_table(folder: Path, table: Table) -> pd.DataFrame:
    """One table from events.duckdb, else Parquet, else CSV, with the declared types. Dates
    come as pandas datetimes (`datetime64[ns]`, NaT when unknown), which comparisons with
    Timestamps, `.dt.to_period`, `resample` and `pd.Grouper` accept; the files keep DATE."""
    parquet, csv, database = folder / f"{table.name}.parquet", folder / f"{table.name}.csv", folder / DATABASE
    if database.exists():
        import duckdb

        with duckdb.connect(str(database), read_only=True) as connection:
            arrow = connection.sql(f'SELECT * FROM "{table.name}"').to_arrow_table().cast(table.arrow_schema())
    elif parquet.exists():
        arrow = pq.read_table(parquet, schema=table.arrow_schema())
    elif csv.exists():
        arrow = csv_to_arrow(csv, table)
    else:
        raise FileNotFoundError(f"neither {parquet.name} nor {csv.name} in {folder}")
    frame = arrow.to_pandas(types_mapper=pd.ArrowDtype)
    for field in arrow.schema:
        if pa.types.is_date32(field.type):
            frame[field.name] = pd.to_datetime(frame[field.name].astype("string"), format="%Y-%m-%d", errors="coerce")
    return frame


def csv_to_arrow(path: Path, table: Table) -> pa.Table:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    schema = table.arrow_schema()
    columns = {}
    for field in schema:
        values = frame[field.name].tolist() if field.name in frame else [""] * len(frame)
        nullable = field_of(table.name, field.name).nullable
        columns[field.name] = pa.array([None if nullable and v == "" else cell_value(v, field.type)
                                        for v in values], type=field.type)
    return pa.Table.from_pydict(columns, schema=schema)


def cell_value(text: str, kind: pa.DataType):
    if pa.types.is_string(kind):
        return text[1:] if text.startswith("'") and text[1:2] and text[1:2] in FORMULA_START + ("'",) else text
    if text == "":
        return None
    if pa.types.is_date32(kind):
        return dt.date.fromisoformat(text)
    if pa.types.is_integer(kind):
        return int(text)
    if pa.types.is_floating(kind):
        return float(text)
    if pa.types.is_boolean(kind):
        return text == "true"
    return text
