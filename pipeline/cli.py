"""Command line: `python -m pipeline extract --input DIR --output DIR`, `python -m pipeline docs`."""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from pipeline.export import OutputError
from pipeline.schema import data_dictionary

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_UNWRITABLE = 4


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    extract = sub.add_parser("extract", help="read every *.md below --input and write the tables")
    extract.add_argument("--input", type=Path, required=True)
    extract.add_argument("--output", type=Path, required=True)
    docs = sub.add_parser("docs", help="write the data dictionary generated from the schema")
    docs.add_argument("--output", type=Path, default=Path("docs/data-dictionary.md"))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s", stream=sys.stderr)

    if args.command == "docs":
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(data_dictionary(), encoding="utf-8")
        return EXIT_OK
    if not args.input.is_dir():
        parser.print_usage(sys.stderr)
        print(f"error: --input {args.input} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    from pipeline.run import extract_corpus
    try:
        extract_corpus(args.input, args.output)
    except OutputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_UNWRITABLE
    return EXIT_OK
