"""`make bench`: whole-process timings on this machine, as a table.

For the real corpus and for synthetic corpora (`pipeline/synthetic.py`) of the sizes asked:
a full run with an empty cache, a re-run with nothing changed, and runs after one post was
edited (a sentence added, a speaker added, then a sentence naming two new host organisations);
wall time, CPU time, posts per second, peak RSS and seconds per stage. The generic
jieba baseline (`../shared/tools/baselines.py jieba`) runs on the real corpus beside it.

    python -m pipeline.bench --corpus ../shared/corpus --sizes 1000,20000,100000
"""
from __future__ import annotations

import argparse
import compileall
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pipeline.synthetic import generate


def timed(command: list[str]) -> dict:
    """Wall and CPU seconds and peak RSS (MiB) of one child process and the workers it waited
    for: wait4 gives that run's own usage (RUSAGE_CHILDREN would give the largest of all the
    runs so far)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise subprocess.CalledProcessError(child.returncode, command)
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_mib": usage.ru_maxrss / 1024}


def extract(input_dir: Path, out: Path, workers: int | None) -> dict:
    """One run; its stage seconds unless it found nothing changed (then it publishes nothing:
    the output still points at the same run folder)."""
    before = os.path.realpath(out) if out.exists() else None
    command = [sys.executable, "-m", "pipeline", "extract", "--input", str(input_dir), "--output", str(out)]
    result = timed(command + (["--workers", str(workers)] if workers else []))
    run = json.loads((out / "_run.json").read_text(encoding="utf-8"))
    unchanged = os.path.realpath(out) == before
    return {**result, "posts": run["rows"]["posts"], "stages": {} if unchanged else run.get("seconds", {})}


EDITS = {  # what a scheduled run meets most: a post touched up, a post that names one more speaker, and
    # one that names new hosts (organisations the whole run learns)
    "one post edited, same people": "\n补记：本文于发布后更新。\n",
    "one post edited, a new speaker": "\n![](photo.jpg)\n**星河启明科技架构师 王新鹏**\n",
    "one post edited, new organisations": "\n本次活动由星河启明运维、云海长风数据服务中心联合主办。\n",
}


def edit_one(input_dir: Path, addition: str) -> None:
    """Append to the post in the middle of the corpus."""
    posts = sorted(input_dir.rglob("*.md"))
    post = posts[len(posts) // 2]
    post.write_text(post.read_text(encoding="utf-8") + addition, encoding="utf-8")


def measure(label: str, input_dir: Path, workers: int | None) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        full = extract(input_dir, out, workers)
        rows.append({"corpus": label, "run": "full", **full})
        rows.append({"corpus": label, "run": "no change", **extract(input_dir, out, workers)})
        for run, addition in EDITS.items():
            edit_one(input_dir, addition)
            rows.append({"corpus": label, "run": run, **extract(input_dir, out, workers)})
    return rows


def baseline(corpus: Path, shared: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        result = timed([sys.executable, str(shared / "tools" / "baselines.py"), "jieba", str(corpus), tmp])
    return {"corpus": "real corpus", "run": "jieba baseline", **result, "posts": 0, "stages": {}}


def table(rows: list[dict]) -> str:
    lines = ["| corpus | run | posts | wall s | CPU s | posts/s | peak RSS MiB | read+parse | extract | dedup "
             "| resolve+tables |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        stages = r["stages"]
        rate = f"{r['posts'] / r['wall']:.0f}" if r["posts"] and r["run"] == "full" else ""
        lines.append(f"| {r['corpus']} | {r['run']} | {r['posts'] or ''} | {r['wall']:.2f} | {r['cpu']:.2f} | {rate} | "
                     f"{r['peak_mib']:.0f} | " + " | ".join(
                         f"{stages[k]:.2f}" if k in stages else "" for k in ("read_parse", "extract", "deduplicate",
                                                                               "resolve")) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="the real corpus (default: ../shared/corpus when present)")
    parser.add_argument("--sizes", default="1000,20000,100000", help="synthetic corpus sizes, comma-separated")
    parser.add_argument("--workers", type=int, help="passed to extract (default: its own, the machine's cores)")
    parser.add_argument("--json", type=Path, help="also write the rows to this file")
    args = parser.parse_args(argv)
    compileall.compile_dir(Path(__file__).resolve().parent, quiet=1)  # timed runs read bytecode, as `make
    # extract` leaves it, even where PYTHONDONTWRITEBYTECODE keeps Python from caching it
    shared = Path(__file__).resolve().parent.parent.parent / "shared"
    corpus = args.corpus or (shared / "corpus" if (shared / "corpus").is_dir() else None)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        if corpus:
            copy = Path(tmp) / "corpus"
            subprocess.run(["cp", "-r", str(corpus), str(copy)], check=True)
            rows += measure("real corpus", copy, args.workers)
            if (shared / "tools" / "baselines.py").exists():
                rows.append(baseline(corpus, shared))
        for size in [int(s) for s in args.sizes.split(",") if s.strip()]:
            folder = generate(Path(tmp) / f"synthetic-{size}", size)
            rows += measure(f"synthetic {size:,}", folder, args.workers)
            print(table(rows), file=sys.stderr, flush=True)
    print(f"{os.cpu_count()} cores; " + time.strftime("%Y-%m-%d"))
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
