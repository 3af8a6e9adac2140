"""Resolve stage: one id per organisation, group and person, and the analyst's overrides.
Hand-written extractions with invented names: they test the rules, not the corpus."""
from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest

from pipeline.lexicons import load_lexicons
from pipeline.model import Affiliation, Extraction, MemberLine, Mention
from pipeline.resolve import OverrideError, declared_pairs, group_key, load_overrides, resolve
from tests.conftest import ROOT
from tests.test_normalise_deduplicate import make_post

LEX = load_lexicons()


def extraction(path: str, people: list[tuple[str, str, str]], body: str = "", members=()) -> Extraction:
    mentions = [Mention(name=n, source_kind="caption", line=k + 1, raw=n, rule="caption:affiliated",
                        confidence=0.95, affiliations=[Affiliation(o, t)]) for k, (n, o, t) in enumerate(people)]
    post = replace(make_post(path, body=body), declared=tuple(declared_pairs(body)))
    return Extraction(post=post, mentions=mentions, members=list(members))


def run(extractions, overrides=None, events=None):
    events = events or {e.post.source_path: e.post.source_path for e in extractions}
    return resolve(extractions, events, LEX, overrides or {})


ORG_POSTS = [
    extraction("site/a.md", [("王一", "星河技术有限公司", "总裁"), ("李二", "北京星河云计算技术股份有限公司", "经理"),
                             ("赵三", "openStar 社区", "Maintainer"), ("钱四", "中国邮政储蓄银行", "工程师")],
               body="据悉，北京飞鸟数智科技有限公司（以下简称“鸟智”）与星河签约。"),
    extraction("site/b.md", [("王一", "星河", "总裁"), ("李二", "星河云", "经理"), ("赵三", "openStar", "PMC"),
                             ("钱四", "邮储银行", "工程师"), ("孙五", "飞鸟科技", "CTO"), ("周六", "星河云", "架构师"),
                             ("吴七", "开放原子开源基金会", "理事"), ("郑八", "开放源子开源基金会", "理事"),
                             ("冯九", "北京飞鸟科技有限公司", "CEO"), ("陈十", "该", ""),
                             ("褚一", "北京飞鸟数智科技有限公司", "CFO"), ("卫二", "鸟智", "COO"),
                             ("蒋三", "北京大学", "教授"), ("沈四", "北京航空航天大学", "教授"),
                             ("韩五", "江苏星河生态创新中心", "主任"), ("杨六", "江西星河生态创新中心", "主任"),
                             ("朱七", "生态创新中心", "主任"), ("秦八", "陕西星河生态创新中心", "主任")]),
]


def test_spellings_of_one_body_share_an_id_and_bodies_that_contain_another_do_not():
    r = run(ORG_POSTS)
    same = [("星河技术有限公司", "星河"), ("北京星河云计算技术股份有限公司", "星河云"), ("openStar 社区", "openStar"),
            ("中国邮政储蓄银行", "邮储银行"), ("飞鸟科技", "北京飞鸟科技有限公司"),
            ("开放原子开源基金会", "开放源子开源基金会"), ("北京飞鸟数智科技有限公司", "鸟智")]
    for a, b in same:
        assert r.org_id(a) and r.org_id(a) == r.org_id(b), (a, b)
    assert r.org_id("星河") != r.org_id("星河云")  # a brand that contains its parent's name is its own body
    assert r.org_id("北京大学") != r.org_id("北京航空航天大学")  # one long run dropped: another body
    assert r.org_id("江苏星河生态创新中心") != r.org_id("江西星河生态创新中心")  # a place differs: no typo
    assert len({r.org_id(o) for o in ("生态创新中心", "陕西星河生态创新中心", "江苏星河生态创新中心")}) == 3
    assert r.org_id("该") is None
    joined = {row["alias"]: row["joined_by"] for row in r.aliases}
    assert joined["邮储银行"] == "abbreviation" or joined["中国邮政储蓄银行"] == "abbreviation"
    assert "short name declared in a post" in joined.values()


def test_a_long_name_that_several_distinct_short_names_abbreviate_joins_none_of_them():
    """星启科技, 河启科技 and 河明科技 each keep 星河启明科技's characters in order: one new long name
    would bridge three bodies into one. Abbreviations that agree with each other still join."""
    r = run([extraction("site/a.md", [("王一", "星启科技", "CTO"), ("李二", "河启科技", "CEO"), ("赵三", "河明科技", "CFO"),
                                      ("钱四", "星河启明科技", "架构师"), ("孙五", "中国邮政储蓄银行", "工程师"),
                                      ("周六", "邮储银行", "工程师"), ("吴七", "中邮储银行", "工程师")])])
    assert len({r.org_id(o) for o in ("星启科技", "河启科技", "河明科技", "星河启明科技")}) == 4
    assert r.org_id("邮储银行") == r.org_id("中邮储银行") == r.org_id("中国邮政储蓄银行")


def test_two_word_initials_abbreviate_a_four_character_name():
    """`中移` / `中国移动`, `北大` / `北京大学`: the first character of each of two words; not where
    another four-character name of the run has the same initials."""
    r = run([extraction("site/a.md", [("王一", "中国移动", "经理"), ("李二", "中移", "经理"), ("赵三", "北京大学", "教授"),
                                      ("钱四", "北大", "教授"), ("孙五", "北京航空航天大学", "教授"),
                                      ("周六", "星河云海", "CTO"), ("吴七", "星海云河", "CEO"), ("郑八", "星云", "CFO")])])
    assert r.org_id("中移") == r.org_id("中国移动")
    assert r.org_id("北大") == r.org_id("北京大学") != r.org_id("北京航空航天大学")
    assert len({r.org_id(o) for o in ("星云", "星河云海", "星海云河")}) == 3  # two names it could stand for


def test_a_named_research_unit_of_a_registered_company_is_the_company():
    r = run([extraction("site/a.md", [("王一", "星河技术有限公司", "总裁"), ("李二", "星河", "经理"),
                                      ("赵三", "星河高斯实验室", "专家"), ("钱四", "北京大学高斯实验室", "教授"),
                                      ("孙五", "北京大学", "教授")])])
    assert r.org_id("星河高斯实验室") == r.org_id("星河")
    assert r.org_id("北京大学高斯实验室") != r.org_id("北京大学")  # a university is no registered company


def test_a_name_written_in_two_languages_is_one_body():
    r = run([extraction("site/a.md", [("王一", "Novara 星瓜智能", "CTO"), ("李二", "星瓜智能", "CEO"),
                                      ("赵三", "Star Foundation", "Director"), ("钱四", "Star 基金会", "理事"),
                                      ("孙五", "Nova 基金会", "理事"), ("周六", "Star University", "教授")])])
    assert r.org_id("Novara 星瓜智能") == r.org_id("星瓜智能")
    assert r.org_id("Star Foundation") == r.org_id("Star 基金会")
    assert r.org_id("Star University") != r.org_id("Star 基金会")  # another type of body
    assert r.org_id("Nova 基金会") != r.org_id("Star 基金会")


def test_a_body_with_its_short_name_in_brackets_is_the_body():
    r = run([extraction("site/a.md", [("王一", "星瓜智能（Novara）", "CTO"), ("李二", "星瓜智能", "CEO"),
                                      ("赵三", "星河（CNSF）", "Maintainer"), ("钱四", "CNSF", "Director")])])
    assert r.org_id("星瓜智能（Novara）") == r.org_id("星瓜智能")
    assert r.org_id("星河（CNSF）") != r.org_id("CNSF")  # the bracket is the body's short name, not another body


def test_groups_join_spacing_case_and_sig_spellings():
    assert group_key("openStar 成都用户组") == group_key("openStar成都用户组")
    assert group_key("Cloud Native SIG") == group_key("CloudNative兴趣小组")
    members = [MemberLine("openStar 成都用户组", "Member", "王一", "星河", "", 3, ""),
               MemberLine("openStar成都用户组", "Member", "李二", "星河", "", 4, "")]
    r = run([extraction("site/g.md", [], members=members)])
    assert len(r.groups) == 1 and r.groups[0]["city"] == "成都" and r.groups[0]["community"] == "openStar"


def test_namesakes_with_different_employers_and_roles_keep_apart():
    posts = [extraction("site/a.md", [("王磊", "中南理工大学", "教师")]),
             extraction("site/b.md", [("王磊", "星河科技", "首席架构师")]),
             extraction("site/c.md", [("王磊", "星河科技", "架构师")]),
             extraction("site/d.md", [("王磊", "", "")])]
    r = run(posts)
    ids = {p: r.person_of[(p, "王磊")] for p in ("site/a.md", "site/b.md", "site/c.md", "site/d.md")}
    assert ids["site/a.md"] != ids["site/b.md"] == ids["site/c.md"]
    assert ids["site/d.md"] in (ids["site/a.md"], ids["site/b.md"])  # name only: joined, with low confidence
    assert "shared organisation" in r.person_evidence[ids["site/b.md"]][0]
    assert "2 people share this name" in r.person_evidence[ids["site/b.md"]][0]


def test_a_short_name_and_the_same_name_with_trade_words_are_no_conflicting_employers():
    """`普元` and `普元信息` (one body, written short and with its trade word) let one community's
    mentions of a name join; the bodies keep their own ids, and a body of another name still conflicts."""
    posts = [extraction("site/a.md", [("袁一怡", "普元信息", "市场经理")]),
             extraction("site/b.md", [("袁一怡", "普元", "")]),
             extraction("site/c.md", [("袁一怡", "天穹数据", "")])]
    r = run(posts)
    ids = {p: r.person_of[(p, "袁一怡")] for p in ("site/a.md", "site/b.md", "site/c.md")}
    assert ids["site/a.md"] == ids["site/b.md"] != ids["site/c.md"]
    assert r.org_id("普元") != r.org_id("普元信息")


def test_sites_and_mirrors_named_after_one_project_are_one_community():
    """`starx-mirror+website-v2` and `ways-portal+starx-portal-mirror` hold one project's posts:
    a mention there that says nothing conflicting joins; another project's site stays apart."""
    posts = [extraction("starx-mirror+website-v2/blog/a.md", [("王一源", "", "社区核心参与者")]),
             extraction("ways-portal+starx-portal-mirror/news/b.md", [("王一源", "StarX 社区", "Maintainer")]),
             extraction("nebula+website/news/c.md", [("王一源", "", "讲师")])]
    r = run(posts)
    ids = [r.person_of[(e.post.source_path, "王一源")] for e in posts]
    assert ids[0] == ids[1] != ids[2]


def test_copies_of_one_report_are_one_person_whatever_they_say():
    posts = [extraction("app/a.md", [("李华", "星河", "顾问")]), extraction("content/a.md", [("李华", "", "")]),
             extraction("other/x.md", [("李华", "东方软件集团", "研究员")])]
    r = run(posts, events={"app/a.md": "e1", "content/a.md": "e1", "other/x.md": "e2"})
    assert r.person_of[("app/a.md", "李华")] == r.person_of[("content/a.md", "李华")] != r.person_of[("other/x.md", "李华")]


def test_overrides_of_each_kind_are_applied_and_stale_ones_reported():
    posts = [extraction("site/a.md", [("王磊", "中南理工大学", "教师"), ("李二", "星河", "经理")]),
             extraction("site/b.md", [("王磊", "星河科技", "架构师"), ("李二", "", "")])]
    base = run(posts)
    a, b = base.person_of[("site/a.md", "王磊")], base.person_of[("site/b.md", "王磊")]
    assert a != b and base.person_of[("site/a.md", "李二")] == base.person_of[("site/b.md", "李二")]
    people = run(posts, {"merge_people": [{"ids": [a, b]}, {"ids": [a, "feedfacefeedface"]}],
                         "split_person": [{"source_path": "site/a.md", "name": "李二"},
                                          {"source_path": "nope.md", "name": "李二"}]})
    assert people.person_of[("site/a.md", "王磊")] == people.person_of[("site/b.md", "王磊")]
    assert people.person_of[("site/a.md", "李二")] != people.person_of[("site/b.md", "李二")]
    orgs = run(posts, {"org_alias": [{"alias": "星河科技", "org": "星河"}, {"alias": "不存在", "org": "星河"}],
                       "not_org": [{"alias": "中南理工大学"}, {"alias": "从未出现"}]})
    assert orgs.org_id("星河科技") == orgs.org_id("星河") and orgs.org_id("中南理工大学") is None
    split = run(posts, {"org_alias": [{"alias": "星河科技", "org": "星河"}], "split_org": [{"alias": "星河科技"}]})
    assert split.org_id("星河科技") != split.org_id("星河")  # split_org wins over an alias
    status = {(o["kind"], o["status"]) for o in people.overrides + orgs.overrides}
    assert status == {(k, s) for k in ("merge_people", "split_person", "org_alias", "not_org") for s in ("applied", "stale")}
    stale = [j.message for j in people.rejects + orgs.rejects if j.error == "stale_override"]
    assert len(stale) == 4 and any("feedfacefeedface" in m for m in stale)


def test_a_malformed_overrides_file_is_refused_with_exit_2(tmp_path):
    bad = tmp_path / "o.toml"
    bad.write_text('[[merge_people]]\nids = ["a"]\n[[frobnicate]]\nx = 1\n', encoding="utf-8")
    with pytest.raises(OverrideError, match="unknown kind"):
        load_overrides(bad)
    bad.write_text('[[org_alias]]\nalias = "x"\n', encoding="utf-8")
    with pytest.raises(OverrideError, match="lacks org"):
        load_overrides(bad)
    result = subprocess.run([sys.executable, "-m", "pipeline", "extract", "--input", str(ROOT / "data" / "raw"),
                             "--output", str(tmp_path / "out"), "--overrides", str(bad)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2 and "lacks org" in result.stderr and not (tmp_path / "out").exists()
