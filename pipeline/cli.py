"""Command line: a thin layer over `pipeline.run`.

    python -m pipeline extract --input DIR --output DIR [--full] [--cache-dir DIR]
                               [--max-reject-rate R] [--log-format text|json] [--overrides FILE]
    python -m pipeline report --input DIR [--output report.html]
    python -m pipeline docs [--output docs/data-dictionary.md]

Exit codes: 0 complete (rejected files are data), 1 completed but the share of rejected files
is above --max-reject-rate, 2 bad usage or a refused run (an unreadable overrides file, an
--output that is not ours, an empty input over published tables), 3 another run holds the output's lock,
4 the output cannot be written (full disk, no permission), 5 an unexpected error (a bug; nothing
was published).
"""
from __future__ import annotations

import argparse
import errno
import json
import os
import logging
import sys
from pathlib import Path

from pipeline.export import OutputError
from pipeline.cache import CacheInUse
from pipeline.runlock import LockHeld
from pipeline.schema import data_dictionary

EXIT_OK = 0
EXIT_TOO_MANY_REJECTS = 1
EXIT_USAGE = 2
EXIT_LOCKED = 3
EXIT_UNWRITABLE = 4
EXIT_UNEXPECTED = 5


class JsonLines(logging.Formatter):
    """One JSON object per log record."""

    def format(self, record: logging.LogRecord) -> str:
        return json.dumps({"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"), "level": record.levelname,
                           "logger": record.name, "message": record.getMessage()}, ensure_ascii=False)


def setup_logging(fmt: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLines() if fmt == "json" else logging.Formatter("%(levelname)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)


def terminal_progress(stage: str, done: int, total: int) -> None:
    """A progress bar on stderr, drawn only when stderr is a terminal."""
    if total and (done == total or done % 20 == 0):
        width = 30
        filled = width * done // total
        sys.stderr.write(f"\r{stage:8} [{'#' * filled}{' ' * (width - filled)}] {done}/{total}")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def output_problem(output: Path) -> str:
    """Why --output cannot be used without losing something, or "". The pipeline's output is a
    symbolic link into `.NAME.runs/`; an existing file, a folder with content, or a link elsewhere
    belongs to someone else and is never replaced."""
    output = output.absolute()
    if output.is_symlink():
        target = os.path.realpath(output)
        runs = str(output.parent.resolve() / f".{output.name}.runs") + os.sep
        return "" if target.startswith(runs) else \
            f"--output {output} is a symbolic link to {target}, not an output of this pipeline: refusing to replace it"
    if output.is_file():
        return f"--output {output} is an existing file: refusing to replace it"
    if output.is_dir():
        if any(output.iterdir()):
            return (f"--output {output} is a folder this pipeline did not create (its outputs are symbolic links "
                    f"into .{output.name}.runs/): refusing to replace it; choose another --output")
        output.rmdir()
    elif output.exists():
        return f"--output {output} exists and is not a folder: refusing to replace it"
    return ""


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("a whole number of 1 or more")
    return value


def rate(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError("a share between 0 and 1")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    extract = sub.add_parser("extract", help="read every *.md below --input and write the tables")
    extract.add_argument("--input", type=Path, required=True)
    extract.add_argument("--output", type=Path, required=True)
    extract.add_argument("--cache-dir", type=Path, help="per-file cache (default: .<output>.cache beside the output)")
    extract.add_argument("--full", action="store_true", help="re-read and re-extract everything")
    extract.add_argument("--max-reject-rate", type=rate, default=1.0,
                         help="exit 1 when more than this share of files is rejected (default 1: never)")
    extract.add_argument("--log-format", choices=("text", "json"), default="text")
    extract.add_argument("--workers", type=positive, default=None,
                         help="processes for the per-post stages (default: the machine's cores)")
    extract.add_argument("--allow-empty", action="store_true",
                         help="publish a run that found no posts over an output that has some")
    extract.add_argument("--overrides", type=Path,
                         help="TOML file of identity corrections applied on every run (see README)")
    report = sub.add_parser("report", help="write a self-contained report.html from an output folder")
    report.add_argument("--input", type=Path, required=True, help="an output folder of `extract`")
    report.add_argument("--output", type=Path, help="default: report.html beside the input folder")
    docs = sub.add_parser("docs", help="write the data dictionary generated from the schema")
    docs.add_argument("--output", type=Path, default=Path("docs/data-dictionary.md"))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code else EXIT_OK

    if args.command == "report":
        from pipeline.report import write_report

        if not (args.input / "posts.csv").exists() and not (args.input / "posts.parquet").exists():
            print(f"error: {args.input} holds no tables (run `extract` first)", file=sys.stderr)
            return EXIT_USAGE
        written = write_report(args.input, args.output or args.input.absolute().parent / "report.html")
        print(f"wrote {written}", file=sys.stderr)
        return EXIT_OK
    if args.command == "docs":
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(data_dictionary(), encoding="utf-8")
        return EXIT_OK
    setup_logging(args.log_format)
    log = logging.getLogger("pipeline")
    if not args.input.is_dir():
        parser.print_usage(sys.stderr)
        log.error("--input %s is not a folder", args.input)
        return EXIT_USAGE
    from pipeline.resolve import OverrideError, load_overrides
    from pipeline.run import RefusedRun, extract_corpus
    from pipeline.workers import default_workers
    problem = output_problem(args.output)
    if problem:
        log.error("%s", problem)
        return EXIT_USAGE
    try:
        overrides = load_overrides(args.overrides)
    except OverrideError as exc:
        log.error("%s", exc)
        return EXIT_USAGE
    try:
        info = extract_corpus(args.input, args.output, cache_dir=args.cache_dir, full=args.full,
                              progress=terminal_progress if sys.stderr.isatty() else None, overrides=overrides,
                              allow_empty=args.allow_empty, workers=args.workers or default_workers())
    except RefusedRun as exc:
        log.error("%s", exc)
        return EXIT_USAGE
    except (LockHeld, CacheInUse) as exc:
        log.error("%s", exc)
        return EXIT_LOCKED
    except OutputError as exc:
        log.error("%s", exc)
        return EXIT_UNWRITABLE
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES):
            log.error("cannot write the output: %s", exc.strerror or exc)
            return EXIT_UNWRITABLE
        log.error("unexpected error, nothing published: %s: %s", type(exc).__name__, exc)
        return EXIT_UNEXPECTED
    except Exception as exc:  # a bug: one line that says what, the previous output stays as it was
        log.error("unexpected error, nothing published: %s: %s", type(exc).__name__, exc)
        return EXIT_UNEXPECTED
    share = info["files_rejected"] / info["files_found"] if info["files_found"] else 0.0
    if share > args.max_reject_rate:
        log.error("%d of %d files rejected (%.1f%%), above --max-reject-rate %.1f%%", info["files_rejected"],
                  info["files_found"], 100 * share, 100 * args.max_reject_rate)
        return EXIT_TOO_MANY_REJECTS
    return EXIT_OK
