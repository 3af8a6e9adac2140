"""Operator slips, hostile input and a hostile cache (issue 10): one test per kind. Nothing an
operator owns is deleted, nothing outside the input is read, nothing hangs or crashes the run."""
from __future__ import annotations

import errno
import hashlib
import json
import os
import pickle
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline import cli
from pipeline.cache import DATABASE, MAGIC, Cache
from pipeline.load import load_tables
from pipeline.run import RefusedRun, extract_corpus
from tests.conftest import ROOT

POST = "---\ntitle: {title}\ndate: 2024-05-01\n---\n**星河科技高级工程师 赵一波**\n"


def corpus(folder: Path, **posts: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, title in posts.items():
        (folder / f"{name}.md").write_text(POST.format(title=title), encoding="utf-8")
    return folder


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def titles(out: Path) -> list[str]:
    return sorted(load_tables(out, ["posts"])["posts"]["title"])


# --- data lost by an operator's slip ---------------------------------------------------------

def test_1_an_output_that_is_an_existing_file_is_refused(tmp_path):
    precious = tmp_path / "notes.txt"
    precious.write_text("mine", encoding="utf-8")
    result = run_cli("extract", "--input", str(corpus(tmp_path / "in", a="A")), "--output", str(precious))
    assert result.returncode == 2 and "existing file" in result.stderr
    assert precious.read_text(encoding="utf-8") == "mine"


def test_2_an_output_folder_the_pipeline_did_not_create_is_refused_every_time(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "q3.xlsx").write_bytes(b"data")
    for _ in range(2):
        result = run_cli("extract", "--input", str(corpus(tmp_path / "in", a="A")), "--output", str(folder))
        assert result.returncode == 2 and "did not create" in result.stderr
    assert (folder / "q3.xlsx").read_bytes() == b"data" and not folder.is_symlink()


def test_3_an_empty_input_never_replaces_published_tables(tmp_path):
    out = tmp_path / "out"
    extract_corpus(corpus(tmp_path / "in", a="A"), out)
    before = (out / "posts.csv").read_bytes()
    empty = tmp_path / "unmounted"
    empty.mkdir()
    with pytest.raises(RefusedRun, match="no post files"):
        extract_corpus(empty, out)
    result = run_cli("extract", "--input", str(empty), "--output", str(out), "--max-reject-rate", "0.05")
    assert result.returncode == 2 and (out / "posts.csv").read_bytes() == before
    assert extract_corpus(corpus(tmp_path / "in", a="A"), out)["files_cached"] == 1  # the cache is intact
    extract_corpus(empty, out, allow_empty=True)
    assert titles(out) == []


def test_4_an_edit_that_keeps_size_and_mtime_is_seen(tmp_path):
    src, out = corpus(tmp_path / "in", a="Alpha"), tmp_path / "out"
    first = extract_corpus(src, out)
    post = src / "a.md"
    st = post.stat()
    post.write_text(POST.format(title="Alphb"), encoding="utf-8")
    os.utime(post, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert post.stat().st_size == st.st_size and post.stat().st_mtime_ns == st.st_mtime_ns
    second = extract_corpus(src, out)
    assert second["files_parsed"] == 1 and titles(out) == ["Alphb"]
    assert second["input_fingerprint"] != first["input_fingerprint"]


def test_5_a_run_killed_before_publishing_costs_readers_nothing(tmp_path):
    src, out = corpus(tmp_path / "in", a="A"), tmp_path / "out"
    extract_corpus(src, out)
    published = Path(os.path.realpath(out))
    unpublished = published.parent / "run-20990101T000000-000000001-1"  # what a kill before the swap leaves
    shutil.copytree(published, unpublished)
    os.utime(unpublished, ns=(2 ** 62, 2 ** 62))  # newer than everything
    corpus(src, b="B")
    extract_corpus(src, out)
    assert published.exists() and not unpublished.exists()  # the previous publication stays one run longer
    newest = Path(os.path.realpath(out))
    assert newest != published and titles(out) == ["A", "B"]
    shutil.copytree(newest, unpublished)
    os.utime(unpublished, ns=(2 ** 62, 2 ** 62))
    assert extract_corpus(src, out).get("unchanged") is True  # nothing to redo, and still tidied
    assert not unpublished.exists() and Path(os.path.realpath(out)) == newest and published.exists()


def test_6_load_tables_reads_one_run_even_while_another_publishes(tmp_path, monkeypatch):
    import pipeline.load as load

    src, out = corpus(tmp_path / "in", a="A"), tmp_path / "out"
    extract_corpus(src, out)
    first_run = Path(os.path.realpath(out))
    other = corpus(tmp_path / "in2", b="B", c="C")
    original = load.load_table
    swapped = []

    def load_then_publish(folder, table):
        frame = original(folder, table)
        if not swapped:
            swapped.append(True)
            extract_corpus(other, out)  # a scheduled run publishes between two tables
        return frame

    monkeypatch.setattr(load, "load_table", load_then_publish)
    tables = load.load_tables(out)
    assert Path(os.path.realpath(out)) != first_run
    assert list(tables["posts"]["title"]) == ["A"] and set(tables["appearances"]["source_path"]) == {"a.md"}


# --- the input is not trusted ----------------------------------------------------------------

def test_7_links_out_of_the_input_are_refused_not_followed(tmp_path):
    outside = corpus(tmp_path / "elsewhere", secret="SECRET")
    src = corpus(tmp_path / "in", a="A")
    os.symlink(outside / "secret.md", src / "link.md")
    os.symlink(outside, src / "linked-folder")
    os.symlink("/etc/passwd", src / "passwd.md")
    os.symlink(src / "a.md", src / "inside-link.md")  # a link inside the input is fine
    out = tmp_path / "out"
    info = extract_corpus(src, out)
    rejects = load_tables(out, ["rejects"])["rejects"]
    refused = set(rejects[rejects.error == "symlink_outside_input"].source_path)
    assert refused == {"link.md", "linked-folder", "passwd.md"}
    assert titles(out) == ["A", "A"] and info["files_rejected"] == 3
    assert "SECRET" not in "".join(p.read_text(encoding="utf-8") for p in out.glob("*.csv"))


def test_8_a_named_pipe_is_refused_unopened_and_the_run_goes_on(tmp_path):
    src = corpus(tmp_path / "in", a="A")
    os.mkfifo(src / "x.md")
    result = run_cli("extract", "--input", str(src), "--output", str(tmp_path / "out"))  # would hang forever
    assert result.returncode == 0
    rejects = load_tables(tmp_path / "out", ["rejects"])["rejects"]
    assert list(rejects[rejects.source_path == "x.md"].error) == ["not_a_regular_file"]


def test_9_deep_folders_odd_file_names_and_alias_bombs_do_not_crash_the_run(tmp_path):
    src = corpus(tmp_path / "in", a="A")
    deep = src
    for _ in range(1100):
        deep = deep / "d"
        deep.mkdir()
    (deep / "deep.md").write_text(POST.format(title="Deep"), encoding="utf-8")
    os.close(os.open(os.path.join(os.fsencode(src), b"caf\xe9.md"), os.O_CREAT | os.O_WRONLY))
    levels = ["a: &a [" + ",".join(['"lol"'] * 9) + "]"]
    for k, name in enumerate("bcdefgh"):
        levels.append(f"{name}: &{name} [" + ",".join([f"*{'abcdefgh'[k]}"] * 9) + "]")
    (src / "bomb.md").write_text("---\n" + "\n".join(levels) + "\ntitle: *h\n---\nx\n", encoding="utf-8")
    out = tmp_path / "out"
    info = extract_corpus(src, out)
    posts = load_tables(out, ["posts"])["posts"]
    assert "Deep" in set(posts.title) and "caf\\xe9.md" in set(posts.source_path)
    rejects = load_tables(out, ["rejects"])["rejects"]
    assert "aliases" in rejects[rejects.source_path == "bomb.md"].message.iloc[0]
    assert posts.title.str.len().max() <= 4096 and info["files_found"] == 4
    remove_deep(src / "d")  # pytest's own clean-up of old temporary folders recurses and would fail on it


def remove_deep(top: Path) -> None:
    """Remove a folder nested too deep for shutil.rmtree, from the bottom up."""
    chain = [top]
    while (chain[-1] / "d").is_dir():
        chain.append(chain[-1] / "d")
    for folder in reversed(chain):
        for item in folder.iterdir():
            if not item.is_dir():
                item.unlink()
        folder.rmdir()


def test_10_an_unreadable_folder_counts_as_rejected(tmp_path, monkeypatch):
    src = corpus(tmp_path / "in", a="A")
    corpus(src / "locked", b="B")
    real_scandir = os.scandir

    def scandir(path):
        if str(path).endswith("locked"):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    info = extract_corpus(src, tmp_path / "out")
    assert info["files_rejected"] == 1 and info["files_found"] == 2
    monkeypatch.setattr(sys, "argv", ["x"])
    code = cli.main(["extract", "--input", str(src), "--output", str(tmp_path / "out2"), "--max-reject-rate", "0"])
    assert code == cli.EXIT_TOO_MANY_REJECTS


# --- the cache is not trusted either ---------------------------------------------------------

class Boom:
    def __reduce__(self):
        return (os.system, ("touch /tmp/pipeline-pwned-$PPID",))


def test_11_a_forged_cache_entry_runs_no_code(tmp_path):
    src, out, cache_dir = corpus(tmp_path / "in", a="A"), tmp_path / "out", tmp_path / "cache"
    extract_corpus(src, out, cache_dir=cache_dir)
    payload = pickle.dumps(Boom())
    with sqlite3.connect(cache_dir / DATABASE) as db:
        db.execute("UPDATE entries SET data = ?", (MAGIC + hashlib.sha256(payload).digest() + payload,))
    marker = Path(f"/tmp/pipeline-pwned-{os.getpid()}")
    marker.unlink(missing_ok=True)
    corpus(src, b="B")  # a new post: the run reads the (forged) entries of the others
    info = extract_corpus(src, out, cache_dir=cache_dir)
    assert not marker.exists() and info["files_parsed"] == 2 and titles(out) == ["A", "B"]


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_11b_a_damaged_cache_database_is_set_aside_and_rebuilt(tmp_path, caplog, damage):
    src, out, cache_dir = corpus(tmp_path / "in", a="A", b="B"), tmp_path / "out", tmp_path / "cache"
    extract_corpus(src, out, cache_dir=cache_dir)
    database = cache_dir / DATABASE
    data = database.read_bytes()
    database.write_bytes(b"not a database at all " * 200 if damage == "garbage" else data[:len(data) // 3])
    for path in cache_dir.glob("index-*.json"):
        path.unlink()  # else the run sees nothing changed and opens no entry
    info = extract_corpus(src, out, cache_dir=cache_dir)
    assert titles(out) == ["A", "B"] and info["files_parsed"] + info["files_cached"] == 2
    assert extract_corpus(src, out, cache_dir=cache_dir)["files_parsed"] == 0  # rebuilt, and used again
    if damage == "garbage":
        assert "damaged" in caplog.text


@pytest.mark.parametrize("index", ["null", "[]", '"text"', "{\"a.md\": 3}", "{"])
def test_12_a_damaged_cache_index_is_ignored(tmp_path, index):
    src, out, cache_dir = corpus(tmp_path / "in", a="A"), tmp_path / "out", tmp_path / "cache"
    extract_corpus(src, out, cache_dir=cache_dir)
    for path in cache_dir.glob("index-*.json"):
        path.write_text(index, encoding="utf-8")
    assert extract_corpus(src, out, cache_dir=cache_dir)["files_found"] == 1 and titles(out) == ["A"]


def test_13_outputs_sharing_a_cache_folder_neither_evict_nor_crash_each_other(tmp_path):
    cache_dir = tmp_path / "cache"
    one, two = corpus(tmp_path / "in1", a="A"), corpus(tmp_path / "in2", b="B")
    extract_corpus(one, tmp_path / "out1", cache_dir=cache_dir)
    extract_corpus(two, tmp_path / "out2", cache_dir=cache_dir)
    again = extract_corpus(one, tmp_path / "out1", cache_dir=cache_dir)
    assert (again["files_parsed"], again["files_cached"]) == (0, 1)
    holder = Cache(cache_dir, owner="someone else")
    try:
        result = run_cli("extract", "--input", str(two), "--output", str(tmp_path / "out2"),
                         "--cache-dir", str(cache_dir))
        assert result.returncode == 3 and "in use by another run" in result.stderr
    finally:
        holder.close()
    assert titles(tmp_path / "out2") == ["B"]


# --- honest exit codes and output ------------------------------------------------------------

def test_14_a_full_disk_exits_4_and_a_bug_exits_5_with_one_line(tmp_path, monkeypatch, capsys):
    import pipeline.run as run

    src = corpus(tmp_path / "in", a="A")

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(run, "write_tables", full_disk)
    assert cli.main(["extract", "--input", str(src), "--output", str(tmp_path / "o1")]) == cli.EXIT_UNWRITABLE

    def bug(*args, **kwargs):
        raise KeyError("surprise")

    monkeypatch.setattr(run, "write_tables", bug)
    assert cli.main(["extract", "--input", str(src), "--output", str(tmp_path / "o2")]) == cli.EXIT_UNEXPECTED
    said = [line for line in capsys.readouterr().err.splitlines() if "unexpected error" in line]
    assert len(said) == 1 and "KeyError" in said[0] and not (tmp_path / "o2").exists()


def test_15_the_report_keeps_hostile_file_names_as_data(tmp_path):
    from pipeline.report import render

    name = "<!--<script>alert(1)</script>.md"
    html = render({"counts": {}, "tables": {"rejects": {"columns": ["source_path"], "rows": [[name]]}}})
    script = html[html.index("const DATA = "):]
    assert "<!--" not in script.split("</script>")[0] and "<script>alert" not in html
    payload = script[len("const DATA = "):script.index(";\n")]
    assert json.loads(payload)["tables"]["rejects"]["rows"][0][0] == name


def test_16_values_that_look_like_formulas_round_trip_exactly(tmp_path):
    from pipeline.export import write_tables

    values = ["'=1+1", "=1+1", "''", "'", "-5", "'plain"]
    write_tables({"rejects": [{"source_path": v, "stage": "read", "error": "e", "message": v, "line": None,
                               "file_rejected": True} for v in values]}, tmp_path / "out", {})
    (Path(os.path.realpath(tmp_path / "out")) / "rejects.parquet").unlink()
    back = load_tables(tmp_path / "out", ["rejects"])["rejects"]
    assert sorted(back.source_path) == sorted(values) and sorted(back.message) == sorted(values)
    assert isinstance(pd.read_csv(tmp_path / "out" / "rejects.csv"), pd.DataFrame)
