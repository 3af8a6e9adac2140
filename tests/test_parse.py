"""Parse stage: front matter and line-anchored blocks."""
from __future__ import annotations

import datetime as dt

from hypothesis import given, settings, strategies as st

from pipeline.model import Reject, SourceText
from pipeline.parse import InlineRenderer, normalise_date, parse_post
from pipeline.read import decode

RENDERER = InlineRenderer()


def parse(text: str):
    return parse_post(SourceText("p.md", text, "utf-8"), RENDERER)


def test_toml_front_matter_fields_are_normalised():
    post, rejects = parse('+++\ntitle = "T"\ntime = "2022/08/26"\ntags = "会议"\nlocation = "成都"\n'
                          'label = "线下"\nauthor = "openGauss"\n+++\n\n正文\n')
    assert rejects == []
    assert (post.title, post.date, post.tags, post.location, post.label, post.author) == (
        "T", "2022-08-26", ("会议",), "成都", "线下", "openGauss")
    assert post.front_matter_format == "toml"


def test_yaml_front_matter_with_a_real_date_and_a_tag_list():
    post, _ = parse("---\ntitle: T\ndate: 2022-07-18\ntags: ['theme', 'news']\nauthors: [a, b]\n---\nbody\n")
    assert post.date == "2022-07-18" and post.tags == ("theme", "news") and post.author == "a, b"
    assert post.front_matter_format == "yaml"


def test_no_front_matter_is_a_post_with_empty_fields():
    post, rejects = parse("# 标题\n\n正文\n")
    assert rejects == [] and post.title == "" and post.date is None
    assert [b.kind for b in post.blocks] == ["heading", "paragraph"]


def test_front_matter_may_follow_blank_lines():
    post, _ = parse('\n+++\ntitle = "late"\n+++\nx\n')
    assert post.title == "late"


def test_unclosed_front_matter_is_a_reject_naming_the_line():
    post, rejects = parse("+++\ntitle = 'x'\n\n正文\n")
    assert post is None
    assert (rejects[0].stage, rejects[0].error) == ("parse", "front_matter_unclosed")
    assert "line 1" in rejects[0].message


def test_malformed_toml_and_yaml_are_rejects():
    _, toml_rejects = parse('+++\ntitle = "x\n+++\nbody\n')
    _, yaml_rejects = parse("---\ntitle: [unclosed\n---\nbody\n")
    assert toml_rejects[0].error == "front_matter_toml"
    assert yaml_rejects[0].error == "front_matter_yaml"
    assert "lines 1-3" in toml_rejects[0].message


def test_yaml_that_is_a_list_or_a_scalar_is_a_reject():
    for text in ("---\n- a\n- b\n---\nbody\n", "---\njust text\n---\nbody\n"):
        post, rejects = parse(text)
        assert post is None and rejects[0].error == "front_matter_not_mapping"


def test_a_date_that_is_not_a_date_keeps_the_post_and_says_so():
    post, rejects = parse('+++\ntitle = "x"\ndate = "2022.13"\n+++\nbody\n')
    assert post is not None and post.date is None
    assert rejects[0].error == "bad_date" and rejects[0].file_rejected is False


def test_normalise_date_forms():
    assert normalise_date("2021.05.15") == "2021-05-15"
    assert normalise_date("2021年5月1日") == "2021-05-01"
    assert normalise_date(dt.datetime(2020, 1, 2, 3, 4)) == "2020-01-02"
    assert normalise_date("2022-02-30") is None
    assert normalise_date(20220101) is None


def test_blocks_keep_source_lines_and_see_captions_under_photos():
    text = ('+++\ntitle = "x"\n+++\n\n开场。\n\n<img src="a.jpg" />\n'
            '<font size=1><center>**云和恩墨西区业务部总经理 鲜亿福**</center></font>\n\n'
            '<video controls>\n  <source src="v.mp4">\n</video><center>东南大学首席教授时龙兴</center>\n\n'
            '## 议程\n\n| 时间 | 嘉宾 |\n|---|---|\n| 14:00 | 张三 华为工程师 |\n\n. Member 熊小红 海量数据\n')
    post, _ = parse(text)
    rows = [(b.line, b.kind, b.text, b.emphasised, b.after_media) for b in post.blocks if b.kind != "media"]
    assert rows == [
        (5, "paragraph", "开场。", False, False),
        (8, "paragraph", "云和恩墨西区业务部总经理 鲜亿福", True, True),
        (12, "paragraph", "东南大学首席教授时龙兴", True, True),
        (14, "heading", "议程", False, False),
        (18, "table_row", "14:00 张三 华为工程师", False, False),
        (20, "list_item", "Member 熊小红 海量数据", False, False),
    ]
    table_row = [b for b in post.blocks if b.kind == "table_row"][0]
    assert table_row.header == ("时间", "嘉宾") and table_row.cells == ("14:00", "张三 华为工程师")


def test_a_line_right_above_a_video_is_marked():
    post, _ = parse("01-胡正策《开场致辞》\n\n<video><source src='a.mp4'></video>\n")
    assert post.blocks[0].before_media is True


def test_markdown_bold_and_html_strong_are_emphasis_but_inline_bold_is_not():
    post, _ = parse("**整行加粗 张三**\n\n<strong>李四 华为</strong>\n\n句子里有**一点**加粗。\n")
    assert [b.emphasised for b in post.blocks] == [True, True, False]


def test_crlf_bom_fixture_parses_like_its_lf_twin():
    from tests.conftest import FIXTURES

    raw = (FIXTURES / "posts" / "meetup-yaml-crlf.md").read_bytes()
    post, rejects = parse_post(decode("y.md", raw), RENDERER)
    assert rejects == [] and post.date == "2023-05-20" and post.tags == ("会议", "meetup")
    assert post.blocks[0].line == 9


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_parse_never_raises_on_arbitrary_text(text):
    post, rejects = parse(text)
    assert (post is None) == any(r.file_rejected for r in rejects)
    if post is not None:
        assert all(1 <= b.line <= text.count("\n") + 1 for b in post.blocks)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["+++", "---", "**", "<center>", "</font>", "<video>", "| a |",
                                 "|---|", ". Member", "# h", "```", "《", "张三", "\n", " "]),
                max_size=40))
def test_parse_never_raises_on_markup_soup(pieces):
    parse("".join(pieces))


def test_html_table_rows_keep_their_own_lines():
    post, _ = parse("<table>\n<tr><th>嘉宾</th><th>议题</th></tr>\n<tr><td>张三 华为工程师</td><td>A</td></tr>\n"
                    "<tr><td>李四 海量数据总监</td><td>B</td></tr>\n</table>\n")
    assert [(b.line, b.cells) for b in post.blocks] == [(3, ("张三 华为工程师", "A")), (4, ("李四 海量数据总监", "B"))]
