"""Wire the stages together: read -> parse -> learn organisations -> extract -> normalise ->
deduplicate -> export. All file I/O is here and in `export`."""
from __future__ import annotations

import datetime as dt
import logging
import time
from pathlib import Path

from pipeline import __version__
from pipeline.deduplicate import build_tables
from pipeline.export import write_tables
from pipeline.extract import extract_post
from pipeline.extract.gazetteer import learn_organisations
from pipeline.extract.knowledge import build_knowledge
from pipeline.lexicons import load_lexicons
from pipeline.model import Extraction, Post, Reject
from pipeline.normalise import normalise_extraction
from pipeline.parse import InlineRenderer, parse_post
from pipeline.read import find_posts, read_post

log = logging.getLogger("pipeline")


def parse_all(root: Path) -> tuple[list[Post], list[Reject], int]:
    paths, rejects = find_posts(root)
    renderer = InlineRenderer()
    posts: list[Post] = []
    for path in paths:
        source = read_post(path, root)
        if isinstance(source, Reject):
            rejects.append(source)
            continue
        for warning in source.warnings:
            log.warning("%s: %s", source.source_path, warning)
            rejects.append(Reject(source.source_path, "read", "decoded_as_gb18030", warning,
                                  file_rejected=False))
        try:
            post, part_rejects = parse_post(source, renderer)
        except Exception as exc:  # a parser bug must not stop the run: the file becomes a reject
            post, part_rejects = None, [Reject(source.source_path, "parse", "parser_error",
                                               f"{type(exc).__name__}: {exc}")]
        rejects.extend(part_rejects)
        if post is not None:
            posts.append(post)
    return posts, rejects, len(paths)


def extract_all(posts: list[Post]) -> tuple[list[Extraction], list[Reject], dict]:
    lex = load_lexicons()
    bare = build_knowledge(lex, set())
    know = build_knowledge(lex, learn_organisations(posts, bare), base=bare)
    extractions, rejects = [], []
    for post in posts:
        try:
            extractions.append(normalise_extraction(extract_post(post, know)))
        except Exception as exc:  # keep the post; say the extraction failed
            rejects.append(Reject(post.source_path, "extract", "extractor_error",
                                  f"{type(exc).__name__}: {exc}", file_rejected=False))
            extractions.append(Extraction(post=post))
    return extractions, rejects, {"lexicon_fingerprint": lex.fingerprint, "organisations_learned": len(know.orgs)}


def extract_corpus(input_dir: Path, output_dir: Path) -> dict:
    """Run every stage over input_dir and write the tables to output_dir; returns the run info."""
    started = dt.datetime.now(dt.timezone.utc)
    timings = {}
    clock = time.perf_counter()
    posts, rejects, found = parse_all(input_dir)
    timings["read_parse"] = time.perf_counter() - clock
    clock = time.perf_counter()
    extractions, extract_rejects, knowledge_info = extract_all(posts)
    timings["extract"] = time.perf_counter() - clock
    rejects += extract_rejects
    for reject in rejects:
        log.warning("reject %s [%s/%s]: %s", reject.source_path, reject.stage, reject.error, reject.message)
    clock = time.perf_counter()
    tables = build_tables(extractions, rejects)
    timings["deduplicate"] = time.perf_counter() - clock
    files_rejected = len({r.source_path for r in rejects if r.file_rejected and r.source_path.lower().endswith(".md")})
    run_info = {
        "version": __version__,
        "started": started.isoformat(timespec="seconds"),
        "input": str(input_dir),
        "files_found": found,
        "files_parsed": len(posts),
        "files_rejected": files_rejected,
        "rows": {name: len(rows) for name, rows in tables.items()},
        "seconds": {k: round(v, 3) for k, v in timings.items()},
        **knowledge_info,
    }
    clock = time.perf_counter()
    write_tables(tables, output_dir, run_info)
    run_info["seconds"]["export"] = round(time.perf_counter() - clock, 3)
    log.info("%d files: %d posts, %d rejected; %s", found, len(posts), files_rejected,
             ", ".join(f"{k} {v}" for k, v in run_info["rows"].items()))
    return run_info
