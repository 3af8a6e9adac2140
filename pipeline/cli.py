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
import datetime as dt
import errno
import json
import os
import re
import logging
import sys
import time
from pathlib import Path

from pipeline.export import OutputError
from pipeline import __version__
from pipeline.cache import CacheInUse
from pipeline.runlock import LockHeld
from pipeline.schema import data_dictionary

EXIT_OK = 0
EXIT_TOO_MANY_REJECTS = 1
EXIT_USAGE = 2
EXIT_LOCKED = 3
EXIT_UNWRITABLE = 4
EXIT_UNEXPECTED = 5


LOG_FIELDS = ("path", "stage", "error", "line", "files", "seconds")


class JsonLines(logging.Formatter):
    """One JSON object per log record: an ISO 8601 time with its UTC offset, and the record's
    own fields (path, stage, error …) beside the message, for log tools to filter on."""

    def format(self, record: logging.LogRecord) -> str:
        when = dt.datetime.fromtimestamp(record.created, dt.timezone.utc).astimezone()
        entry = {"time": when.isoformat(timespec="milliseconds"), "level": record.levelname, "logger": record.name,
                 "message": record.getMessage()}
        entry.update({k: getattr(record, k) for k in LOG_FIELDS if getattr(record, k, None) is not None})
        return json.dumps(entry, ensure_ascii=False)


def setup_logging(fmt: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLines() if fmt == "json" else logging.Formatter("%(levelname)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)


class TerminalProgress:
    """A progress bar per stage on stderr, with the rate and the time left; drawn only when
    stderr is a terminal."""

    def __init__(self) -> None:
        self.started: dict[str, float] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        start = self.started.setdefault(stage, time.monotonic())
        if not total or not (done == total or done % 20 == 0):
            return
        elapsed = max(time.monotonic() - start, 1e-6)
        rate = done / elapsed
        left = (total - done) / rate if rate else 0
        width = 30
        filled = width * done // total
        sys.stderr.write(f"\r{stage:8} [{'#' * filled}{' ' * (width - filled)}] {done}/{total} "
                         f"{rate:6.0f}/s  ETA {left:4.0f}s ")
        if done == total:
            sys.stderr.write(f"\r{stage:8} [{'#' * width}] {total}/{total} in {elapsed:.1f}s{' ' * 20}\n")
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


def unknown_option(argv: list[str], parser: argparse.ArgumentParser) -> str:
    """The first option on the command line that the chosen command does not have, with the
    nearest one it does have: a misspelt --input is reported as such, not as a missing --input."""
    import difflib

    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))  # noqa: SLF001
    command = next((w for w in argv if not w.startswith("-")), None)
    known = [o for a in parser._actions for o in a.option_strings]  # noqa: SLF001
    if command in commands.choices:
        known += [o for a in commands.choices[command]._actions for o in a.option_strings]  # noqa: SLF001
    for word in argv:
        option = word.split("=", 1)[0]
        if option.startswith("-") and option not in known and not re.fullmatch(r"-\d.*", option):
            close = difflib.get_close_matches(option, known, n=1)
            return f"unknown option {option}" + (f" (did you mean {close[0]}?)" if close else "")
    return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__.splitlines()[0], allow_abbrev=False)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    extract = sub.add_parser("extract", help="read every post (*.md, *.mdx, *.markdown) below --input and write the tables", allow_abbrev=False)
    extract.add_argument("--input", type=Path, required=True, metavar="DIR",
                         help="folder of posts: every *.md, *.mdx and *.markdown below it is read, recursively")
    extract.add_argument("--output", type=Path, required=True, metavar="DIR",
                         help="where the tables are published (a symbolic link the pipeline manages)")
    extract.add_argument("--cache-dir", type=Path, help="per-file cache (default: .<output>.cache beside the output)")
    extract.add_argument("--full", action="store_true", help="re-read and re-extract everything")
    extract.add_argument("--max-reject-rate", type=rate, default=1.0,
                         help="exit 1 when more than this share of files is rejected (default 1: never)")
    extract.add_argument("--log-format", choices=("text", "json"), default="text",
                         help="text (default) or one JSON object per line")
    extract.add_argument("--workers", type=positive, default=None,
                         help="processes for the per-post stages (default: the machine's cores)")
    extract.add_argument("--allow-empty", action="store_true",
                         help="publish a run that found no posts over an output that has some")
    extract.add_argument("--overrides", type=Path,
                         help="TOML file of identity corrections applied on every run (see README)")
    report = sub.add_parser("report", help="write a self-contained report.html from an output folder",
                            allow_abbrev=False)
    report.add_argument("--input", type=Path, required=True, metavar="DIR", help="an output folder of `extract`")
    report.add_argument("--output", type=Path, metavar="FILE", help="default: report.html beside the input folder")
    docs = sub.add_parser("docs", help="write the data dictionary generated from the schema", allow_abbrev=False)
    docs.add_argument("--output", type=Path, default=Path("docs/data-dictionary.md"), metavar="FILE",
                      help="default: docs/data-dictionary.md")
    argv = sys.argv[1:] if argv is None else argv
    problem = unknown_option(argv, parser)
    if problem:
        parser.print_usage(sys.stderr)
        print(f"python -m pipeline: error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code else EXIT_OK

    if args.command == "report":
        from pipeline.report import write_report

        if not (args.input / "posts.csv").exists() and not (args.input / "posts.parquet").exists():
            print(f"error: {args.input} holds no tables (run `extract` first)", file=sys.stderr)
            return EXIT_USAGE
        target = args.output or args.input.absolute().parent / "report.html"
        try:
            written = write_report(args.input, target)
        except OSError as exc:
            print(f"error: cannot write {target}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_UNWRITABLE
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
                              progress=TerminalProgress() if sys.stderr.isatty() else None, overrides=overrides,
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
