"""`make bench`: time a whole run over a corpus (the process, start-up included) and report
wall time, peak memory and the seconds per stage that the run recorded in `_run.json`."""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def bench(input_dir: Path, repeats: int) -> list[dict]:
    results = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "out"
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "pipeline", "extract", "--input", str(input_dir),
                            "--output", str(out)], check=True, stderr=subprocess.DEVNULL)
            wall = time.perf_counter() - start
            run = json.loads((out / "_run.json").read_text(encoding="utf-8"))
            peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            results.append({"wall_seconds": round(wall, 2), "peak_rss_mib": round(peak_mib, 1),
                            "files": run["files_found"], "stages": run["seconds"]})
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, required=True)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    results = bench(args.input, args.repeats)
    for k, r in enumerate(results, 1):
        stages = ", ".join(f"{name} {secs:.2f}s" for name, secs in r["stages"].items())
        print(f"run {k}: {r['files']} files in {r['wall_seconds']:.2f}s wall, peak RSS "
              f"{r['peak_rss_mib']:.0f} MiB ({stages})")
    best = min(r["wall_seconds"] for r in results)
    print(f"best wall time {best:.2f}s over {len(results)} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
