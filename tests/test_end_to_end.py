"""End to end: the sample post with every expected row spelled out, the real corpus with its
accounting and the quality floors, bad input, reruns and the command line."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline.run import extract_corpus
from pipeline.read import POST_SUFFIXES
from tests.conftest import ROOT, shared_path

SAMPLE = "opengauss-website/content/zh/events/2022-08-26/meetup.md"


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample") / "out"
    extract_corpus(ROOT / "data" / "raw", out)
    return out


def rows(out: Path, table: str, columns: list[str]) -> list[tuple]:
    frame = pd.read_parquet(out / f"{table}.parquet")
    frame = frame[frame.source_path == SAMPLE] if "source_path" in frame else frame
    return [tuple(r) for r in frame[columns].itertuples(index=False)]


def test_sample_post_caption_people_and_their_affiliations(sample_out):
    captions = [r for r in rows(sample_out, "appearances", ["name", "source_kind", "line"]) if r[1] == "caption"]
    assert captions == [("鲜亿福", "caption", 26), ("堵俊平", "caption", 31), ("黄凯耀", "caption", 38),
                        ("张程伟", "caption", 43), ("张明", "caption", 48), ("明玉琢", "caption", 53),
                        ("熊军", "caption", 58), ("孙明", "caption", 64)]
    affiliations = [r for r in rows(sample_out, "affiliations", ["name", "org", "title", "source_kind"])
                    if r[3] == "caption"]
    assert sorted(r[:3] for r in affiliations) == sorted([
        ("鲜亿福", "云和恩墨", "西区业务部总经理"),
        ("堵俊平", "华为", "计算开源业务总经理"), ("堵俊平", "开放原子开源基金会", "TOC主席"),
        ("黄凯耀", "openGauss", "开源数据库首席架构师"), ("黄凯耀", "openGauss", "技术委员会委员"),
        ("张程伟", "云和恩墨", "MogDB数据库CTO"),
        ("张明", "中国电信集团", "高级技术专家"),
        ("明玉琢", "虚谷伟业", "产品总监"),
        ("熊军", "云和恩墨", "副总经理"), ("熊军", "云和恩墨", "数据库生态产品群总经理"),
        ("孙明", "电子科技大学", "计算机学院副教授"), ("孙明", "电子科技大学", "计算机工程与应用系主任"),
        ("孙明", "电子科技大学", "智慧城市研究中心主任")])


def test_sample_post_members_once_each_with_organisation(sample_out):
    members = rows(sample_out, "memberships", ["role", "name", "org", "title", "repeats"])
    assert members == [
        ("Organizer", "曾强", "四川鲲鹏生态创新中心", "", 1), ("Ambassador", "俞翔", "泰克教育", "", 1),
        ("Ambassador", "黄元霞", "虚谷伟业", "", 1), ("Ambassador", "李真旭", "云和恩墨", "", 1),
        ("Member", "佘兴彬", "云和恩墨", "", 1), ("Member", "陈少云", "云和恩墨", "", 1),
        ("Member", "杨明翰", "云和恩墨", "", 1), ("Member", "王涛", "云和恩墨", "", 1),
        ("Member", "熊小红", "海量数据", "", 2), ("Member", "孙久江", "海量数据", "", 1),
        ("Member", "甘丽", "本原数据", "", 1), ("Member", "陈泽", "本原数据", "", 1),
        ("Member", "窦尧", "兴业数字金融", "", 1), ("Member", "胡娟", "兴业数字金融", "", 1),
        ("Member", "刘牌", "东方通", "", 1), ("Member", "熊灿灿", "平安科技", "", 1),
        ("Member", "贺胜", "", "个人开发者", 1), ("Member", "江龙滔", "北京思斐软件", "", 1),
        ("Member", "陈智明", "成都海迪鑫华", "", 1)]
    groups = {r[0] for r in rows(sample_out, "memberships", ["group_name"])}
    assert groups == {"openGauss成都用户组"}


def test_sample_post_talks(sample_out):
    assert rows(sample_out, "talks", ["name", "talk_title"]) == [
        ("堵俊平", "以用户为中心共建生态，释放开源数据库创新力量"),
        ("黄凯耀", "聚焦内核创新，持续架构优化，共建开放生态"),
        ("张程伟", "金融机构核心交易系统数据库选型和应用实践"),
        ("张明", "国产自研数据库在中国电信内部系统上云中的规模应用"),
        ("明玉琢", "虚谷基于鲲鹏全栈国产环境的优化与实践"),
        ("熊军", "基于 zCloud 的Wisdom as Code理念的落地实现"),
        ("孙明", "从数据库应用、原理到实现，逐级挑战")]
    assert not any(name == "鲜亿福" for name, in rows(sample_out, "talks", ["name"]))


def test_sample_post_scores_perfectly(sample_out, gold_dev, scorer, tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    shutil.copy(gold_dev / "og-content-events-2022-08-26.json", gold)
    figures = score(scorer, gold, sample_out, tmp_path)
    for task in ("people", "affiliation", "members", "talks", "people_all", "affiliation_all"):
        assert figures[task]["f1"] == 1.0, (task, figures[task])
    assert figures["duplicates"] == 0


def score(scorer: Path, gold: Path, out: Path, tmp: Path) -> dict:
    result = tmp / "score.json"
    subprocess.run([sys.executable, str(scorer), "--gold", str(gold), "--out", str(out), "--json", str(result)],
                   check=True, capture_output=True)
    return json.loads(result.read_text(encoding="utf-8"))


def test_two_runs_give_byte_identical_csv(sample_out, tmp_path):
    again = tmp_path / "again"
    extract_corpus(ROOT / "data" / "raw", again)
    for csv_file in sorted(sample_out.glob("*.csv")):
        assert (again / csv_file.name).read_bytes() == csv_file.read_bytes(), csv_file.name


@pytest.fixture(scope="module")
def corpus_out(corpus, tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("corpus") / "out"
    info = extract_corpus(corpus, out)
    return out, info


def test_corpus_every_file_is_accounted_for(corpus, corpus_out):
    out, info = corpus_out
    found = sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.suffix.lower() in POST_SUFFIXES)
    assert any(path.endswith(".mdx") for path in found)  # the corpus's one MDX post is read too
    posts = pd.read_parquet(out / "posts.parquet")
    rejects = pd.read_parquet(out / "rejects.parquet")
    rejected_files = set(rejects[rejects.file_rejected].source_path)
    assert sorted(set(posts.source_path) | rejected_files) == found
    assert len(posts) + len(rejected_files) == len(found) == info["files_found"]
    assert not (rejects.stage == "extract").any(), rejects[rejects.stage == "extract"].message.tolist()
    assert posts.event_id.nunique() < len(posts)  # the two site formats of one report share an event


def test_corpus_dev_scores_stay_above_the_recorded_floors(corpus_out, gold_dev, scorer, tmp_path):
    floors = json.loads((ROOT / "tests" / "quality_floors.json").read_text(encoding="utf-8"))
    figures = score(scorer, gold_dev, corpus_out[0], tmp_path)
    for task, floor in floors.items():
        if task.startswith("_") or task == "duplicates_max" or task.startswith("er_"):
            continue
        assert figures[task]["f1"] >= floor, f"{task} F1 {figures[task]['f1']} fell below the floor {floor}"
    assert figures["duplicates"] <= floors["duplicates_max"]


def test_corpus_identity_scores_stay_above_the_floors_with_no_namesake_or_distinct_pair_merged(corpus_out, tmp_path):
    floors = json.loads((ROOT / "tests" / "quality_floors.json").read_text(encoding="utf-8"))
    result = tmp_path / "er.json"
    subprocess.run([sys.executable, str(shared_path("tools", "score_er.py")), "--gold", str(shared_path("gold", "er")),
                    "--out", str(corpus_out[0]), "--json", str(result)], check=True, capture_output=True)
    figures = json.loads(result.read_text(encoding="utf-8"))
    assert figures["people"]["f1"] >= floors["er_people"] and figures["people"]["homonyms_merged"] == 0
    assert figures["organisations"]["f1"] >= floors["er_organisations"]
    assert figures["organisations"]["distinct_merged"] == 0


BAD_INPUTS = {
    "empty.md": b"",
    "front-matter-only.md": b'+++\ntitle = "only"\n+++\n',
    "no-front-matter.md": "**华为高级工程师 赵一波**\n".encode(),
    "unclosed.md": b'+++\ntitle = "x"\n\nbody\n',
    "bad-toml.md": b'+++\ntitle = "x\n+++\nbody\n',
    "bad-yaml.md": b"---\ntitle: [x\n---\nbody\n",
    "yaml-list.md": b"---\n- a\n---\nbody\n",
    "yaml-scalar.md": b"---\nhello\n---\nbody\n",
    "bad-date.md": b'+++\ntitle = "x"\ndate = "someday"\n+++\nbody\n',
    "invalid-utf8.md": b"\x81\x30\xff\xfe\xff",
    "gb18030.md": "+++\ntitle = \"国标\"\n+++\n**华为高级工程师 赵一波**\n".encode("gb18030"),
    "bom crlf.md": b"\xef\xbb\xbf---\r\ntitle: x\r\n---\r\n\r\nbody\r\n",
    "lone-cr.md": b"---\rtitle: x\r---\rbody\r",
    "binary.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00",
    "nested+html 🎉.md": ("---\ntitle: x\n---\n" + "<div>" * 500 + "<center>**张三 华为工程师" + "\n").encode(),
    "中文/目录/活动.md": b"---\ntitle: ok\n---\nbody\n",
    "ignored.txt": b"not a post",
}


def test_bad_input_ends_as_posts_or_rejects_and_the_run_goes_on(tmp_path):
    src = tmp_path / "in"
    for name, data in BAD_INPUTS.items():
        path = src / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    info = extract_corpus(src, tmp_path / "out")
    posts = pd.read_parquet(tmp_path / "out" / "posts.parquet")
    rejects = pd.read_parquet(tmp_path / "out" / "rejects.parquet")
    by_file = {(r.source_path, r.error) for r in rejects.itertuples()}
    assert {("unclosed.md", "front_matter_unclosed"), ("bad-toml.md", "front_matter_toml"),
            ("bad-yaml.md", "front_matter_yaml"), ("yaml-list.md", "front_matter_not_mapping"),
            ("yaml-scalar.md", "front_matter_not_mapping"), ("invalid-utf8.md", "encoding"),
            ("binary.md", "binary"), ("bad-date.md", "bad_date"),
            ("gb18030.md", "decoded_as_gb18030")} <= by_file
    assert set(posts.source_path) == {"empty.md", "front-matter-only.md", "no-front-matter.md", "bad-date.md",
                                      "gb18030.md", "bom crlf.md", "lone-cr.md", "nested+html 🎉.md",
                                      "中文/目录/活动.md"}
    assert info["files_found"] == len(BAD_INPUTS) - 1
    assert len(posts) + rejects.file_rejected.sum() == info["files_found"]
    people = pd.read_parquet(tmp_path / "out" / "appearances.parquet")
    assert {"赵一波"} <= set(people.name)


def cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, capture_output=True, text=True)


def test_cli_exit_codes(tmp_path):
    assert cli("extract", "--input", str(tmp_path / "missing"), "--output", str(tmp_path / "o")).returncode == 2
    assert cli("frobnicate").returncode == 2
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = cli("extract", "--input", str(ROOT / "data" / "raw"), "--output", str(blocker / "out"))
    assert result.returncode == 4 and "cannot write" in result.stderr
    ok = cli("extract", "--input", str(ROOT / "data" / "raw"), "--output", str(tmp_path / "out"))
    assert ok.returncode == 0 and (tmp_path / "out" / "posts.csv").exists()
