"""`make bench`: time whole runs over a corpus (the process, start-up included): a full run with
an empty cache, then a re-run with nothing changed. Reports wall time, peak memory and the
seconds per stage that each run recorded in `_run.json`."""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed_run(input_dir: Path, out: Path) -> dict:
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run([sys.executable, "-m", "pipeline", "extract", "--input", str(input_dir), "--output", str(out)],
                   check=True, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    run = json.loads((out / "_run.json").read_text(encoding="utf-8"))
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return {"wall": wall, "peak_mib": peak, "files": run["files_found"], "parsed": run["files_parsed"],
            "cached": run["files_cached"], "stages": run["seconds"]}


def describe(label: str, r: dict) -> str:
    stages = ", ".join(f"{name} {secs:.2f}s" for name, secs in r["stages"].items())
    return (f"{label}: {r['files']} files ({r['parsed']} parsed, {r['cached']} cached) in {r['wall']:.2f}s wall, "
            f"peak RSS {r['peak_mib']:.0f} MiB ({stages})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, required=True)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    fulls, reruns = [], []
    for _ in range(args.repeats):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "out"
            fulls.append(timed_run(args.input, out))
            reruns.append(timed_run(args.input, out))
            print(describe("full run ", fulls[-1]))
            print(describe("no-change", reruns[-1]))
    print(f"best of {args.repeats}: full run {min(r['wall'] for r in fulls):.2f}s, "
          f"no-change re-run {min(r['wall'] for r in reruns):.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
