"""For the analysts: typed loading, DuckDB and Polars on the Parquet files, the notebook run
headless, and the report checked in a real headless browser."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from pipeline import load_tables
from pipeline.report import report_data, write_report
from pipeline.run import extract_corpus
from pipeline.schema import TABLES
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("analysts") / "out"
    extract_corpus(ROOT / "data" / "raw", folder)
    return folder


def test_load_tables_gives_declared_types_whichever_format_is_present(out, tmp_path):
    from_parquet = load_tables(out)
    csv_only, parquet_only = tmp_path / "csv", tmp_path / "parquet"
    csv_only.mkdir()
    parquet_only.mkdir()
    for path in out.glob("*.csv"):
        shutil.copy(path, csv_only)
    for path in out.glob("*.parquet"):
        shutil.copy(path, parquet_only)
    assert (out / "events.duckdb").exists()  # from_parquet above read the database
    for folder in (csv_only, parquet_only):
        other = load_tables(folder)
        for table in TABLES:
            pd.testing.assert_frame_equal(from_parquet[table.name], other[table.name], check_exact=True)
    posts = from_parquet["posts"]
    assert pd.api.types.is_datetime64_any_dtype(posts["date"]) and posts["title"].dtype == pd.ArrowDtype(pa.string())
    assert (posts["date"] >= pd.Timestamp("2022-01-01")).all()  # the everyday pandas operations work on dates
    assert str(posts["date"].dt.to_period("M").iloc[0]) == "2022-08"
    assert posts.set_index("date").resample("MS").size().tolist() == [1]
    assert posts.groupby(pd.Grouper(key="date", freq="YS")).size().tolist() == [1]
    assert from_parquet["appearances"]["line"].dtype == pd.ArrowDtype(pa.int32())
    assert posts["date"].iloc[0] == pd.Timestamp("2022-08-26")


def test_csv_formula_guard_is_undone_on_load(tmp_path):
    from pipeline.export import write_tables

    write_tables({"rejects": [{"source_path": "=x.md", "stage": "read", "error": "e", "message": "-oops",
                               "line": None, "file_rejected": True}]}, tmp_path / "out", {})
    (tmp_path / "out" / "rejects.parquet").unlink()
    rejects = load_tables(tmp_path / "out", ["rejects"])["rejects"]
    assert rejects.loc[0, "source_path"] == "=x.md" and rejects.loc[0, "message"] == "-oops"
    assert pd.isna(rejects.loc[0, "line"])


def test_events_duckdb_holds_every_table_with_keys_and_the_views(out):
    import duckdb

    with duckdb.connect(str(out / "events.duckdb"), read_only=True) as db:
        tables = {r[0] for r in db.sql("SELECT table_name FROM duckdb_tables()").fetchall()}
        assert tables == {t.name for t in TABLES}
        keys = {r[0] for r in db.sql("SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'")
                .fetchall()}
        assert {"posts", "people", "organisations", "groups"} <= keys
        assert db.execute("SELECT DISTINCT typeof(date) FROM posts").fetchall() == [("DATE",)]
        views = {r[0] for r in db.sql("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
        assert views == {"speakers_per_org_year", "people_across_cities", "group_membership_over_time"}
        top = db.execute("SELECT organisation, speakers FROM speakers_per_org_year ORDER BY speakers DESC, "
                         "organisation LIMIT 1").fetchall()[0]
        assert top[1] >= 2 and db.execute("SELECT count(*) FROM people_across_cities").fetchall()[0][0] > 0


def test_duckdb_and_polars_read_the_parquet_files_with_the_same_types(out):
    duckdb = pytest.importorskip("duckdb")
    polars = pytest.importorskip("polars")
    described = duckdb.sql(f"DESCRIBE SELECT * FROM read_parquet('{out / 'posts.parquet'}')").fetchall()
    columns = {row[0]: row[1] for row in described}
    assert columns["date"] == "DATE" and columns["title"] == "VARCHAR"
    line_type = duckdb.sql(f"SELECT typeof(line) FROM read_parquet('{out / 'appearances.parquet'}') LIMIT 1").fetchall()
    assert line_type == [("INTEGER",)]
    frame = polars.read_parquet(out / "posts.parquet")
    assert frame.schema["date"] == polars.Date and frame.schema["title"] == polars.String
    assert polars.read_parquet(out / "appearances.parquet").schema["line"] == polars.Int32


def test_committed_notebook_has_no_outputs():
    notebook = json.loads((ROOT / "notebooks" / "explore.ipynb").read_text(encoding="utf-8"))
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert code and all(c["outputs"] == [] and c["execution_count"] is None for c in code)


def test_notebook_runs_headless_without_errors(out):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    notebook = nbformat.read(ROOT / "notebooks" / "explore.ipynb", as_version=4)
    os.environ["PIPELINE_OUT"] = str(out)
    try:
        nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                                resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    finally:
        del os.environ["PIPELINE_OUT"]
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = json.dumps([o.get("data", {}).get("text/plain", "") for o in outputs], ensure_ascii=False)
    assert "openGauss成都用户组" in text and "堵俊平" in text
    pictures = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(pictures) >= 6  # months, cities, speakers, cities per speaker, organisations, quality
    printed = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    if os.environ.get("CI") == "true":
        assert "CJK font: Noto Sans CJK" in printed  # .ci/run installs it: Chinese labels render


def test_report_data_counts_the_sample(out):
    data = report_data(out)
    assert data["counts"] == {"posts": 1, "events": 1, "people": 27, "organisations": 16, "talks": 7,
                              "memberships": 19}
    assert data["timeline"] == [["2022-08", 1]]
    assert data["quality"]["member_lines_repeated"] == 1
    assert len(data["network"]["people"]) == 8
    assert data["tables"]["speakers"]["total"] == len(data["tables"]["speakers"]["rows"]) == 8


def test_report_timeline_keeps_empty_months_and_tables_say_when_cut(tmp_path):
    from pipeline.export import write_tables
    import pipeline.report as report

    posts = [{"post_id": str(k), "event_id": str(k), "source_path": f"site/{k}.md", "title": "t", "date": d}
             for k, d in enumerate(["2021-01-05", "2021-04-02", None])]
    write_tables({"posts": posts}, tmp_path / "out", {})
    data = report.report_data(tmp_path / "out")
    assert data["timeline"] == [["2021-01", 1], ["2021-02", 0], ["2021-03", 0], ["2021-04", 1]]
    assert data["years"] == {"years": ["2021"], "communities": ["site"], "counts": {"site": [2]}}
    spec = report.table_spec(["a"], [[k] for k in range(report.TABLE_ROWS + 5)])
    assert spec["total"] == report.TABLE_ROWS + 5 and len(spec["rows"]) == report.TABLE_ROWS


def test_report_is_self_contained(out, tmp_path):
    page = write_report(out, tmp_path / "report.html").read_text(encoding="utf-8")
    assert not re.search(r"""<(script|link|img)[^>]*(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "鲜亿福" in page and page.count("data-chart>") == 7
    assert page.index("Noto Sans CJK SC") < page.index("sans-serif")  # a CJK font is named first


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    if os.environ.get("CI") == "true":
        pytest.fail("CI must have Debian's chromium (.ci/run installs it)")
    pytest.skip("no chromium on this machine (outside CI)")


def test_report_loads_in_a_headless_browser_draws_every_chart_and_renders_chinese(out, tmp_path):
    browser = chromium()
    page = write_report(out, tmp_path / "report.html")
    result = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                             "--no-first-run", "--disable-background-networking", "--disable-component-update",
                             "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr",
                             "--v=0", "--virtual-time-budget=15000", "--dump-dom", page.as_uri()],
                            capture_output=True, text=True, timeout=180)
    dom = result.stdout
    assert 'data-charts="7"' in dom and 'data-charts-drawn="7"' in dom, result.stderr[-2000:]
    assert "data-errors" not in dom
    assert 'data-cjk="ok"' in dom, "Chinese renders as missing-glyph boxes: install a CJK font (fonts-noto-cjk)"
    console = [line for line in result.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert console == []
