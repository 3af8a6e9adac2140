"""`make eval`: extraction quality on a labelled gold folder, overall, per community and with
each community left out.

Per community: one run over the whole corpus, scored on each community's gold posts alone.
Leave one community out: the organisation gazetteer, the only thing the pipeline learns, is
learned from the other communities' posts, and the left-out community is extracted with it;
lexicons and rules are the same for all, so this measures how much a community's score rests
on what its own posts taught the run. The scorer is the shared one (`--scorer`), imported as is.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import tempfile
from pathlib import Path

from pipeline.deduplicate import build_tables, event_ids
from pipeline.export import write_tables
from pipeline.extract import extract_post
from pipeline.extract.gazetteer import run_gazetteer
from pipeline.extract.knowledge import build_knowledge, load_dictionary
from pipeline.lexicons import load_lexicons
from pipeline.model import Reject
from pipeline.normalise import normalise_extraction
from pipeline.read import find_posts, read_bytes, relative
from pipeline.resolve import resolve
from pipeline.workers import WorkerState, parse_bytes, summarised

TASKS = ("people", "affiliation", "members", "talks", "people_all", "affiliation_all")


def community_of(source_path: str) -> str:
    """The corpus folder a post comes from (`pingcap+blog-cn`), one per community site."""
    return source_path.split("/", 1)[0]


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score


def gold_by_community(gold: Path) -> dict[str, list[Path]]:
    groups: dict[str, list[Path]] = {}
    for path in sorted(gold.glob("*.json")):
        source = json.loads(path.read_text(encoding="utf-8"))["source"]
        groups.setdefault(community_of(source), []).append(path)
    return groups


def full_posts(corpus: Path) -> list:
    """Every post of the corpus, parsed whole (with its body) and summarised."""
    state = WorkerState("", None, False).setup()
    posts = []
    for path in find_posts(corpus)[0]:
        source_path = relative(path, corpus)
        data = read_bytes(path, source_path)
        post = None if isinstance(data, Reject) else parse_bytes(data, source_path, state)[0]
        if post is not None:
            posts.append(summarised(post, state.light))
    return posts


def extract_tables(posts, orgs: frozenset[str], out: Path) -> None:
    lex = load_lexicons()
    know = build_knowledge(lex, orgs, load_dictionary())
    extractions = [normalise_extraction(extract_post(post, know)) for post in posts]
    events = event_ids(posts)
    write_tables(build_tables(extractions, [], events, resolve(extractions, events, lex)), out, {})


def scored(score, gold_files: list[Path], out: Path, work: Path) -> dict:
    folder = Path(tempfile.mkdtemp(dir=work))
    for path in gold_files:
        shutil.copy(path, folder / path.name)
    return score(folder, out)


def row(label: str, posts: int, result: dict) -> str:
    return f"{label:<40} {posts:>5} " + " ".join(f"{result[t]['f1']:>8.3f}" for t in TASKS)


def evaluate(corpus: Path, gold: Path, scorer: Path) -> str:
    score = load_scorer(scorer)
    posts = full_posts(corpus)
    groups = gold_by_community(gold)
    header = f"{'F1':<40} {'posts':>5} " + " ".join(f"{t:>8}" for t in TASKS)
    lines = ["Per community (one run over the whole corpus)", header]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        whole = work / "whole"
        extract_tables(posts, run_gazetteer(posts), whole)
        lines.append(row("all gold posts", sum(map(len, groups.values())), scored(score, sum(groups.values(), []),
                                                                                   whole, work)))
        for community, files in groups.items():
            lines.append(row(community, len(files), scored(score, files, whole, work)))
        lines += ["", "Leave one community out (gazetteer learned from the other communities only)", header]
        for community, files in groups.items():
            others = [p for p in posts if community_of(p.source_path) != community]
            own = [p for p in posts if community_of(p.source_path) == community]
            out = work / f"loco-{community}"
            extract_tables(own, run_gazetteer(others), out)
            lines.append(row(community, len(files), scored(score, files, out, work)))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, help="folder of posts to extract")
    parser.add_argument("--gold", type=Path, required=True, help="folder of gold *.json files")
    parser.add_argument("--scorer", type=Path, required=True, help="path of score_extraction.py")
    args = parser.parse_args(argv)
    print(evaluate(args.corpus, args.gold, args.scorer))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
