"""Export stage: typed CSV and Parquet from the one schema, atomic swap, formula-safe CSV."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings, strategies as st

from pipeline.export import OutputError, csv_cell, csv_chunks, to_arrow, write_tables
from pipeline.model import Rows
from pipeline.load import cell_value
from pipeline.schema import TABLE_BY_NAME, TABLES, data_dictionary

def to_csv(rows: list[dict], columns: tuple[str, ...]) -> bytes:
    return b"".join(csv_chunks(Rows(columns, rows), columns))


def arrow_of(rows: list[dict], table: str) -> pa.Table:
    schema = TABLE_BY_NAME[table].arrow_schema()
    return to_arrow(Rows(schema.names, rows), schema, table)


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)


def test_formula_like_cells_are_defused_in_csv_only():
    assert csv_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and csv_cell("-5") == "'-5"
    assert csv_cell("云和恩墨") == "云和恩墨" and csv_cell(None) == "" and csv_cell(3) == "3"
    table = arrow_of([{"source_path": "a.md", "stage": "read", "error": "x", "message": "=1+1",
                       "line": None, "file_rejected": True}], "rejects")
    assert table.column("message").to_pylist() == ["=1+1"]


def test_arrow_types_are_explicit_dates_and_integers():
    schema = TABLE_BY_NAME["posts"].arrow_schema()
    assert schema.field("date").type == pa.date32() and schema.field("title").type == pa.string()
    assert TABLE_BY_NAME["appearances"].arrow_schema().field("line").type == pa.int32()
    table = arrow_of([{"post_id": "p", "date": "2022-08-26"}, {"post_id": "q", "date": None}], "posts")
    assert table.column("date").to_pylist() == [dt.date(2022, 8, 26), None]


def test_write_tables_swaps_a_complete_folder_and_keeps_the_old_one_on_failure(tmp_path, monkeypatch):
    out = tmp_path / "out"
    write_tables({"people": [{"person_id": "1", "name": "甲", "post_count": 1, "event_count": 1}]}, out, {"v": 1})
    assert out.is_symlink() and out.resolve().parent.name == ".out.runs"
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{t.name}.{ext}" for t in TABLES for ext in ("csv", "parquet")] + ["_run.json", "_schema.json", "events.duckdb"])
    before = (out / "people.csv").read_bytes()

    import pipeline.export as export

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(export, "write_parquet", broken)
    with pytest.raises(OSError):
        write_tables({"people": []}, out, {"v": 2})
    assert (out / "people.csv").read_bytes() == before
    assert not list((tmp_path / ".out.runs").glob(".tmp-*"))  # the failed run's staging folder is gone


@pytest.mark.parametrize("failing", ["load_table", "write_parquet"])
def test_a_failure_while_the_database_is_built_alongside_keeps_the_old_tables(tmp_path, monkeypatch, failing):
    import pipeline.export as export

    out = tmp_path / "out"
    write_tables({"people": [{"person_id": "1", "name": "甲", "post_count": 1, "event_count": 1}]}, out, {"v": 1})
    before = (out / "people.csv").read_bytes()
    calls = []

    def broken(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:  # the third table: tables before it are written and loaded already
            raise OSError("disk full")
        return original(*args, **kwargs)
    original = getattr(export, failing)
    monkeypatch.setattr(export, failing, broken)
    with pytest.raises(OSError, match="disk full"):
        write_tables({"people": []}, out, {"v": 2})
    assert (out / "people.csv").read_bytes() == before and len(calls) == 3
    assert not list((tmp_path / ".out.runs").glob(".tmp-*"))


def test_previous_output_folder_is_kept_one_run_for_open_readers(tmp_path):
    out = tmp_path / "out"
    first = write_tables({}, out, {"run": 1})
    second = write_tables({}, out, {"run": 2})
    third = write_tables({}, out, {"run": 3})
    assert out.resolve() == third and second.exists() and not first.exists()


def test_a_folder_the_pipeline_did_not_create_is_never_replaced(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.csv").write_text("x")
    with pytest.raises(OutputError, match="did not create"):
        write_tables({}, out, {})
    assert not out.is_symlink() and (out / "old.csv").read_text() == "x"
    empty = tmp_path / "empty"
    empty.mkdir()
    write_tables({}, empty, {})
    assert empty.is_symlink() and (empty / "posts.csv").exists()


def test_unwritable_output_is_a_programme_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError):
        write_tables({}, blocker / "out", {})


@settings(max_examples=60, deadline=None)
@given(st.lists(st.fixed_dictionaries({"post_id": TEXT, "source_path": TEXT, "person_id": TEXT,
                                       "name": TEXT, "talk_title": TEXT,
                                       "line": st.integers(1, 10**6)}), max_size=8))
def test_tables_round_trip_through_csv_and_parquet(tmp_path_factory, rows):
    table = TABLE_BY_NAME["talks"]
    folder = tmp_path_factory.mktemp("rt")
    pq.write_table(arrow_of(rows, table.name), folder / "t.parquet")
    back = pq.read_table(folder / "t.parquet").to_pylist()
    assert [{k: r[k] for k in ("name", "talk_title", "line")} for r in back] == \
           [{k: r[k] for k in ("name", "talk_title", "line")} for r in rows]
    (folder / "t.csv").write_bytes(to_csv(rows, table.columns))
    frame = pd.read_csv(folder / "t.csv", dtype=str, keep_default_na=False)
    undo = frame["talk_title"].map(lambda v: cell_value(v, pa.string()))
    assert list(undo) == [r["talk_title"] for r in rows]


def test_data_dictionary_is_generated_from_the_schema_and_committed_up_to_date():
    from tests.conftest import ROOT

    committed = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert committed == data_dictionary(), "run `make docs` and commit docs/data-dictionary.md"
    for table in TABLES:
        assert f"## `{table.name}`" in committed


def test_unknown_is_null_and_given_as_none_is_empty_in_both_formats(tmp_path):
    from pipeline.load import load_tables
    rows = {"posts": [{"post_id": "p", "event_id": "e", "source_path": "a.md", "title": "t", "location": "",
                       "date": None}],
            "affiliations": [{"post_id": "p", "source_path": "a.md", "person_id": "x", "name": "王一", "org": "",
                              "org_id": None, "title": "", "line": 3}]}
    write_tables(rows, tmp_path / "out", {})
    for drop_parquet in (False, True):
        if drop_parquet:
            for path in (tmp_path / "out").glob("*.parquet"):
                path.unlink()
        tables = load_tables(tmp_path / "out", ["posts", "affiliations"])
        assert pd.isna(tables["posts"].loc[0, "location"]) and pd.isna(tables["posts"].loc[0, "date"])
        assert tables["affiliations"].loc[0, "org"] == "" and pd.isna(tables["affiliations"].loc[0, "org_id"])


def test_every_column_has_a_description_of_its_own():
    from pipeline.schema import TABLES, field_of

    seen: dict[str, tuple] = {}
    for table in TABLES:
        for column in table.columns:
            field = field_of(table.name, column)
            assert field.description and field.example and field.derived, (table.name, column)
            if column == "name":
                seen[table.name] = field.description
    assert seen["organisations"] != seen["people"] and "Person" not in seen["organisations"]
    assert "group" in field_of("groups", "city").description and "event" in field_of("posts", "city").description


CELL = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False, width=32),
                 st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12),
                 st.sampled_from(["", " a", "a ", "=1", "-", "'x", "a\x00 b", "a\x00", "\x00=", "x,y", '"']))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(CELL, min_size=2, max_size=2), max_size=6))
def test_whole_column_csv_path_writes_what_the_per_cell_rule_writes(values):
    """The CSV takes a column whole when one scan finds nothing to quote or guard: the bytes
    must be those of csv_cell and quote applied to every cell."""
    from pipeline.export import quote

    rows = [{"a": a, "b": b} for a, b in values]
    expected = "".join(f"{quote(csv_cell(r['a']))},{quote(csv_cell(r['b']))}\n" for r in rows)
    assert to_csv(rows, ("a", "b")).decode("utf-8") == "a,b\n" + expected


def test_csv_written_in_chunks_is_the_same_file(monkeypatch):
    import pipeline.export as export

    rows = [{"a": v, "b": i} for i, v in enumerate(["x", "=1", None, "a,b", " y", "z", '"q"'])]
    whole = to_csv(rows, ("a", "b"))
    monkeypatch.setattr(export, "CSV_CHUNK", 2)
    assert to_csv(rows, ("a", "b")) == whole
    assert whole.decode("utf-8").splitlines()[2] == "'=1,1"


def test_parquet_written_in_row_groups_reads_back_whole(tmp_path, monkeypatch):
    import pipeline.export as export

    table = TABLE_BY_NAME["talks"]
    rows = [{"post_id": f"p{i}", "source_path": f"{i}.md", "person_id": "x", "name": "王一", "talk_title": t,
             "line": i + 1} for i, t in enumerate(["《A》", "", "B", "C", "D"])]
    monkeypatch.setattr(export, "PARQUET_CHUNK", 2)
    export.write_parquet(Rows(table.columns, rows), table, tmp_path / "t.parquet")
    back = pq.ParquetFile(tmp_path / "t.parquet")
    assert back.metadata.num_row_groups == 3
    assert back.read().to_pylist() == arrow_of(rows, table.name).to_pylist()
