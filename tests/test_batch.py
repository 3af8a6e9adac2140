"""Scheduled runs: incremental cache, one run at a time, kill-safety, observability, exit codes."""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.cache import DATABASE, Cache
from pipeline.run import extract_corpus
from pipeline.runlock import LockHeld, RunLock
from tests.conftest import FIXTURES, ROOT


def csv_bytes(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.csv"))}


@pytest.fixture()
def small_corpus(tmp_path) -> Path:
    """The sample post, the two fixture posts and a copy that we will edit."""
    src = tmp_path / "in"
    shutil.copytree(ROOT / "data" / "raw", src)
    for fixture in (FIXTURES / "posts").glob("*.md"):
        shutil.copy(fixture, src / fixture.name)
    return src


def test_unchanged_rerun_parses_nothing_and_writes_identical_tables(small_corpus, tmp_path):
    out = tmp_path / "out"
    first = extract_corpus(small_corpus, out)
    before = csv_bytes(out)
    again = extract_corpus(small_corpus, out)
    assert (first["files_parsed"], first["files_cached"]) == (3, 0)
    assert (again["files_parsed"], again["files_cached"], again["posts_extracted"]) == (0, 3, 0)
    assert csv_bytes(out) == before
    assert again["input_fingerprint"] == first["input_fingerprint"]


def test_changing_one_post_reextracts_it_and_matches_a_full_run(small_corpus, tmp_path):
    out, full = tmp_path / "out", tmp_path / "full"
    extract_corpus(small_corpus, out)
    post = small_corpus / "meetup-toml.md"
    post.write_text(post.read_text(encoding="utf-8").replace("卢文博", "卢文斌"), encoding="utf-8")
    info = extract_corpus(small_corpus, out)
    assert info["files_parsed"] == 1 and info["posts_extracted"] == 1
    extract_corpus(small_corpus, full, full=True, cache_dir=tmp_path / "other-cache")
    assert csv_bytes(out) == csv_bytes(full)
    with sqlite3.connect(tmp_path / ".out.cache" / DATABASE) as db:
        entries = db.execute("SELECT count(*) FROM entries").fetchone()[0]
    assert entries == 12  # a full, a light, an organisation text and an extraction entry per post: the edited post's old ones are gone
    assert b"\xe5\x8d\xa2\xe6\x96\x87\xe6\x96\x8c" in (out / "people.csv").read_bytes()  # 卢文斌


def test_an_edit_that_changes_no_extraction_publishes_the_same_tables_again(small_corpus, tmp_path):
    out, full = tmp_path / "out", tmp_path / "full"
    first = extract_corpus(small_corpus, out)
    post = small_corpus / "meetup-toml.md"
    post.write_text(post.read_text(encoding="utf-8") + "\n补记：本文于发布后更新。\n", encoding="utf-8")
    info = extract_corpus(small_corpus, out)
    assert info.get("tables_reused") is True and info["files_parsed"] == 1 and "resolve" not in info["seconds"]
    assert info["input_fingerprint"] != first["input_fingerprint"]
    assert info["corpus_fingerprint"] == first["corpus_fingerprint"] and info["rows"] == first["rows"]
    extract_corpus(small_corpus, full, full=True, cache_dir=tmp_path / "other-cache")
    assert csv_bytes(out) == csv_bytes(full)
    assert json.loads((out / "_run.json").read_text(encoding="utf-8"))["input_fingerprint"] == info["input_fingerprint"]
    assert extract_corpus(small_corpus, out).get("unchanged") is True  # the next run sees the new input published
    (Path(os.path.realpath(out)) / "people.parquet").unlink()  # a published file gone: the tables are written again
    post.write_text(post.read_text(encoding="utf-8") + "\n再记。\n", encoding="utf-8")
    again = extract_corpus(small_corpus, out)
    assert "tables_reused" not in again and (out / "people.parquet").is_file()
    assert csv_bytes(out) == csv_bytes(full)


GLUED_CAPTION = """---
title: 星河开发者沙龙
date: 2024-05-11
---

![](speaker.jpg)
**星河运维架构师王新鹏**
"""
HOSTS = """---
title: 云海技术日
date: 2024-06-01
---

本次活动由星河运维、云海数据服务中心联合主办。
"""


def test_organisations_learned_anew_reextract_only_the_posts_that_contain_them(small_corpus, tmp_path):
    """A post that teaches the run new organisations must not cost a re-extraction of every
    post: only the posts whose text holds one of them can come out differently."""
    out, full = tmp_path / "out", tmp_path / "full"
    (small_corpus / "salon.md").write_text(GLUED_CAPTION, encoding="utf-8")
    extract_corpus(small_corpus, out)
    (small_corpus / "hosts.md").write_text(HOSTS, encoding="utf-8")
    info = extract_corpus(small_corpus, out)
    assert info["posts_extracted"] == 2  # the new post, and the salon that names 星河运维
    assert ",星河运维,架构师," in (out / "affiliations.csv").read_text(encoding="utf-8")  # the caption split anew
    extract_corpus(small_corpus, full, full=True, cache_dir=tmp_path / "other-cache")
    assert csv_bytes(out) == csv_bytes(full)
    (small_corpus / "hosts.md").unlink()
    again = extract_corpus(small_corpus, out)
    assert again["posts_extracted"] == 1  # the organisations are forgotten: the salon again, no other post
    assert ",星河,运维架构师," in (out / "affiliations.csv").read_text(encoding="utf-8")
    extract_corpus(small_corpus, full, full=True, cache_dir=tmp_path / "other-cache")
    assert csv_bytes(out) == csv_bytes(full)


def test_jieba_is_let_go_before_the_corpus_stages(small_corpus, tmp_path, monkeypatch):
    """The knowledge (jieba's dictionary, some 90 MB) serves extraction only: nothing may keep
    it alive through resolve, tables and export, where the run's memory peaks."""
    import gc

    import pipeline.run as run
    from pipeline.extract.knowledge import Knowledge

    alive = []

    def resolve(*args, **kwargs):
        alive.extend(o for o in gc.get_objects() if isinstance(o, Knowledge) and o.tokenizer is not None)
        return real_resolve(*args, **kwargs)
    real_resolve = run.resolve
    monkeypatch.setattr(run, "resolve", resolve)
    extract_corpus(small_corpus, tmp_path / "out")
    assert alive == []


def test_a_forged_entry_with_a_sound_checksum_is_extracted_again_and_no_tables_are_reused(small_corpus, tmp_path):
    import hashlib

    from pipeline.cache import MAGIC
    out, full = tmp_path / "out", tmp_path / "full"
    extract_corpus(small_corpus, out)
    payload = b'{"$t":"Extraction","v":[1]}'  # a record of another shape, checksummed as the cache does
    with sqlite3.connect(tmp_path / ".out.cache" / DATABASE) as db:
        db.execute("UPDATE entries SET data = ?", (MAGIC + hashlib.sha256(payload).digest() + payload,))
    post = small_corpus / "meetup-toml.md"
    post.write_text(post.read_text(encoding="utf-8").replace("卢文博", "卢文斌"), encoding="utf-8")
    info = extract_corpus(small_corpus, out)
    extract_corpus(small_corpus, full, full=True, cache_dir=tmp_path / "other-cache")
    assert csv_bytes(out) == csv_bytes(full) and info["corpus_fingerprint"] == ""


def test_corrupt_or_deleted_cache_is_rebuilt_and_changes_nothing(small_corpus, tmp_path, caplog):
    out = tmp_path / "out"
    extract_corpus(small_corpus, out)
    before = csv_bytes(out)
    cache = tmp_path / ".out.cache"
    with sqlite3.connect(cache / DATABASE) as db:
        entries = db.execute("SELECT key, data FROM entries ORDER BY key").fetchall()
        # every other entry flipped, whatever kind it is (keys hash the code, so which entries sort
        # first changes with every edit: corrupting the first three hit only entries a re-run may not read)
        for key, data in entries[0::2]:
            flipped = bytearray(data)
            flipped[-5] ^= 0xFF
            db.execute("UPDATE entries SET data = ? WHERE key = ?", (bytes(flipped), key))
        db.execute("UPDATE entries SET data = ? WHERE key = ?", (b"", entries[1][0]))  # a torn write
    for index in cache.glob("index-*.json"):
        index.unlink()  # else the run sees nothing changed and reads no entry at all
    info = extract_corpus(small_corpus, out)
    assert csv_bytes(out) == before
    assert "corrupt" in caplog.text and info["files_parsed"] + info["posts_extracted"] >= 1
    shutil.rmtree(cache)
    extract_corpus(small_corpus, out)
    assert csv_bytes(out) == before


def test_bulk_read_returns_sound_entries_only_and_counts_them_used(tmp_path, caplog):
    cache = Cache(tmp_path / "cache")
    cache.put("a", ("甲", 1))
    cache.put("b", ["乙"])
    cache.put("c", 0)
    cache.flush(close=True)
    with sqlite3.connect(tmp_path / "cache" / DATABASE) as db:
        data = bytearray(db.execute("SELECT data FROM entries WHERE key = 'b'").fetchone()[0])
        data[-2] ^= 0xFF
        db.execute("UPDATE entries SET data = ? WHERE key = 'b'", (bytes(data),))
    cache.used.clear()
    cache.put("d", {"丙": 2})  # pending, not yet written
    found = cache.get_many(["a", "b", "c", "d", "missing", "a"])
    assert found == {"a": ("甲", 1), "c": 0, "d": {"丙": 2}}
    assert "corrupt" in caplog.text
    assert {"a", "c", "d"} <= cache.used and "b" not in cache.used
    assert Cache(tmp_path / "other", enabled=False).get_many(["a"]) == {}
    cache.close()


def test_full_run_reads_no_cache(small_corpus, tmp_path):
    out = tmp_path / "out"
    extract_corpus(small_corpus, out)
    info = extract_corpus(small_corpus, out, full=True)
    assert info["files_parsed"] == 3 and info["files_cached"] == 0 and info["full"] is True


def test_run_info_says_what_the_run_did(small_corpus, tmp_path):
    extract_corpus(small_corpus, tmp_path / "out")
    info = json.loads((tmp_path / "out" / "_run.json").read_text(encoding="utf-8"))
    assert {"started", "finished", "version", "code_fingerprint", "input_fingerprint", "files_found",
            "files_parsed", "files_cached", "files_rejected", "rows", "seconds"} <= set(info)
    assert info["files_found"] == 3 and info["rows"]["posts"] == 3
    assert set(info["seconds"]) == {"read_parse", "extract", "deduplicate", "resolve"}


def cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True,
                          **kwargs)


def test_second_run_on_a_locked_output_exits_at_once_with_code_3(small_corpus, tmp_path):
    out = tmp_path / "out"
    with RunLock(out):
        with pytest.raises(LockHeld):
            with RunLock(out):
                pass
        started = time.perf_counter()
        result = cli("extract", "--input", str(small_corpus), "--output", str(out))
        assert result.returncode == 3 and "another run" in result.stderr
        assert time.perf_counter() - started < 10


def test_lock_left_by_a_killed_process_is_taken_over(small_corpus, tmp_path):
    out = tmp_path / "out"
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from pathlib import Path; "
                               "from pipeline.runlock import RunLock; l = RunLock(Path(sys.argv[1])).__enter__(); "
                               "print('held', flush=True); time.sleep(60)", str(out)],
                              cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    assert cli("extract", "--input", str(small_corpus), "--output", str(out)).returncode == 3
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert cli("extract", "--input", str(small_corpus), "--output", str(out)).returncode == 0


def child_pids(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def alive(pid: int) -> bool:
    """The process exists and is no zombie."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def test_sigkill_at_any_point_keeps_the_previous_output_and_the_next_run_succeeds(corpus, tmp_path):
    out = tmp_path / "out"
    assert cli("extract", "--input", str(corpus), "--output", str(out)).returncode == 0
    before = csv_bytes(out)
    rng = random.Random(7)
    for delay in (0.2, 0.8, 1.5, 2.5, 3.5, rng.uniform(0.1, 5.0)):
        # --full so that every run does all the work: each kill lands in a different stage
        run = subprocess.Popen([sys.executable, "-m", "pipeline", "extract", "--input", str(corpus), "--output",
                                str(out), "--full"], cwd=ROOT, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        workers = child_pids(run.pid)
        run.send_signal(signal.SIGKILL)
        run.wait()
        assert csv_bytes(out) == before, f"output changed after a kill at {delay:.1f}s"
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in workers if alive(pid)], "a killed run's workers outlived it"
    assert cli("extract", "--input", str(corpus), "--output", str(out)).returncode == 0
    assert csv_bytes(out) == before
    leftovers = [p.name for p in (tmp_path / ".out.runs").iterdir() if p.name.startswith(".tmp-")]
    assert leftovers == []


def test_json_logs_and_no_progress_bar_when_not_on_a_terminal(small_corpus, tmp_path):
    result = cli("extract", "--input", str(small_corpus), "--output", str(tmp_path / "out"), "--log-format", "json")
    lines = [json.loads(line) for line in result.stderr.splitlines()]
    assert result.returncode == 0 and lines and all({"time", "level", "message"} <= set(x) for x in lines)
    assert "\r" not in result.stderr


def test_reject_rate_above_the_limit_exits_1_after_writing_the_tables(small_corpus, tmp_path):
    (small_corpus / "broken.md").write_bytes(b"+++\ntitle = 'never closed'\n")
    out = tmp_path / "out"
    assert cli("extract", "--input", str(small_corpus), "--output", str(out), "--max-reject-rate", "0.1").returncode == 1
    assert b"front_matter_unclosed" in (out / "rejects.csv").read_bytes()
    assert cli("extract", "--input", str(small_corpus), "--output", str(out), "--max-reject-rate", "0.5").returncode == 0
    assert cli("extract", "--input", str(small_corpus), "--output", str(out), "--max-reject-rate", "7").returncode == 2


def test_a_50_mb_post_and_a_dangling_link_are_rejects(small_corpus, tmp_path):
    with open(small_corpus / "huge.md", "wb") as handle:
        handle.write(b"+++\ntitle = 'big'\n+++\n")
        handle.write(b"x" * (50 * 1024 * 1024))
    os.symlink(small_corpus / "nowhere.md", small_corpus / "dangling.md")
    info = extract_corpus(small_corpus, tmp_path / "out")
    rejects = (tmp_path / "out" / "rejects.csv").read_text(encoding="utf-8")
    assert "huge.md,read,too_large" in rejects and "dangling.md,read,unreadable" in rejects
    assert info["files_found"] == 5 and info["files_rejected"] == 2 and info["rows"]["posts"] == 3


def test_the_bench_runs_on_a_small_synthetic_corpus(tmp_path):
    result = subprocess.run([sys.executable, "-m", "pipeline.bench", "--corpus", str(ROOT / "data" / "raw"),
                             "--sizes", "30", "--workers", "1", "--json", str(tmp_path / "b.json")],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    rows = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    synthetic = {r["run"]: r for r in rows if r["corpus"] == "synthetic 30"}
    assert list(synthetic) == ["full", "no change", "one post edited, same people", "one post edited, a new speaker",
                               "one post edited, new organisations"]
    assert all(r["posts"] == 30 for r in synthetic.values())
    assert synthetic["no change"]["stages"] == {}  # nothing published anew
    assert "resolve" not in synthetic["one post edited, same people"]["stages"]  # the published tables stand
    assert "resolve" in synthetic["one post edited, a new speaker"]["stages"]
    assert "| synthetic 30 | full | 30 |" in result.stdout


def test_one_and_two_workers_give_byte_identical_tables(tmp_path):
    from pipeline.synthetic import generate

    src = generate(tmp_path / "in", 60)
    extract_corpus(src, tmp_path / "one", workers=1)
    extract_corpus(src, tmp_path / "two", workers=2)
    assert csv_bytes(tmp_path / "one") == csv_bytes(tmp_path / "two")


def test_batches_shrink_towards_the_end_and_keep_every_job_in_order():
    from pipeline.workers import BATCH_MOST, batches

    found = batches(list(range(856)), 2)
    sizes = [len(b) for b in found]
    assert [job for batch in found for job in batch] == list(range(856))
    assert sizes[0] == BATCH_MOST and sizes[-1] == 1 and sizes == sorted(sizes, reverse=True)
    assert batches([], 2) == [] and batches([7], 4) == [[7]]
