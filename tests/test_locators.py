"""Extract stage, layouts located by the post's structure (sections.py) and the reader's newer
person-text forms. Hand-written posts with invented names and organisations."""
from __future__ import annotations

import pytest

from pipeline.deduplicate import merge_mentions
from pipeline.extract import extract_post
from pipeline.extract.affiliation import split_affiliations
from pipeline.extract.knowledge import build_knowledge, load_dictionary
from pipeline.extract.people import parse_person_text
from pipeline.model import SourceText
from pipeline.parse import InlineRenderer, parse_post
from tests.test_parse import LAYOUT_TABLE

RENDERER = InlineRenderer()


def extraction_of(text: str, know):
    """The extract stage's output for one hand-written post."""
    post, _ = parse_post(SourceText("p.md", text, "utf-8"), RENDERER)
    return extract_post(post, know)


def affiliations_by_name(extraction) -> dict[str, list[tuple[str, str]]]:
    """name -> its (organisation, title) pairs, for every mention of an extraction."""
    return {m.name: [(a.org, a.title) for a in m.affiliations] for m in extraction.mentions}


def member_rows(members) -> list[tuple[str, str, str, str, str]]:
    """(group, role, name, org, title) of each member line."""
    return [(m.group_name, m.role, m.name, m.org, m.title) for m in members]


def talks_by_name(extraction) -> dict[str, list[str]]:
    return {m.name: m.talks for m in extraction.mentions}


def found(text: str, know) -> dict[str, tuple]:
    return {m.name: (m.source_kind, m.line, sorted((a.org, a.title) for a in m.affiliations), m.talks)
            for m in extraction_of(text, know).mentions if m.source_kind != "prose"}


def bold_under_photo(caption: str) -> str:
    """A post whose only caption is a bold line under a photo."""
    return f"---\ntitle: x\n---\n![](a.jpg)\n**{caption}**\n"


@pytest.mark.parametrize("caption, name, affiliations", [
    ("李一凯（知乎 ID：一白），现任星河单车数据库团队资深经理", "李一凯", [("星河单车", "数据库团队资深经理")]),
    ("吴一镝，星河头条数据库中间件负责人", "吴一镝", [("星河头条", "数据库中间件负责人")]),
    ("李一来，CloudNova 架构师", "李一来", [("CloudNova", "架构师")]),
    ("黄一明，星河科技", "黄一明", [("星河科技", "")]),  # the body alone, a trade name
])
def test_caption_with_name_comma_bio_under_a_photo(caption, name, affiliations, know):
    text = f"---\ntitle: x\n---\n![](a.jpg)\n>{caption}\n"
    assert found(text, know) == {name: ("caption", 5, sorted(affiliations), [])}


def test_image_alt_text_is_a_caption(know):
    text = "---\ntitle: x\n---\n正文。\n\n![华为 CTO 王一鸣 现场分享](photo.jpg)\n\n![image.png](b.png)\n"
    assert found(text, know) == {"王一鸣": ("caption", 6, [("华为", "CTO")], [])}


def test_hugo_figure_shortcode_captions_are_captions(know):
    text = ("---\ntitle: x\n---\n正文。\n\n{{< figure src=\"/img/1.jpg\" caption=\"北辰大学副教授 谭一文\" >}}\n\n"
            "{{% figure src=\"/img/2.jpg\" title=\"星火开源基金会理事 单一平\" %}}\n\n"
            "{{< figure src=\"/img/3.jpg\" alt=\"image.png\" >}}\n")
    assert found(text, know) == {"谭一文": ("caption", 6, [("北辰大学", "副教授")], []),
                                 "单一平": ("caption", 8, [("星火开源基金会", "理事")], [])}


def test_alt_text_written_as_a_file_name_with_underscores_reads_by_its_parts(know):
    text = "---\ntitle: x\n---\n![冯一凡_云海数据_架构师](b.jpg)\n\n![微信图片_20240501](e.jpg)\n"
    assert found(text, know) == {"冯一凡": ("caption", 4, [("云海数据", "架构师")], [])}
    hyphens = "---\ntitle: x\n---\n![闻一彤-珞珈软件-高级工程师](b.jpg)\n\n![Cloud-Native-2024](e.jpg)\n"
    assert found(hyphens, know) == {"闻一彤": ("caption", 4, [("珞珈软件", "高级工程师")], [])}


def test_jekyll_figure_include_captions_are_captions(know):
    text = ("---\ntitle: x\n---\n正文。\n\n{% include figure.html src=\"a.jpg\" caption=\"云海数据 CTO 邬思齐\" %}\n\n"
            "{% include image.html url=\"b.jpg\" alt=\"photo.jpg\" %}\n")
    assert found(text, know) == {"邬思齐": ("caption", 6, [("云海数据", "CTO")], [])}


def test_name_headings_take_caption_bio_and_the_talk_above(know):
    text = ("---\ntitle: x\n---\n## 第二波主题\n\n### 《星河前端研发最佳实践》\n\n介绍这个主题。\n\n#### 陈立彬\n\n"
            "<figure>\n{% asset_img Chen.jpeg %}\n    <figcaption>星河金服 - 高级技术专家</figcaption>\n</figure>\n\n"
            "花名云一，入职星河已有 11 年。\n\n---\n\n### 《无服务器计算架构》\n\n#### 蒙子维\n\n"
            "拥有 15 年以上电信级企业应用系统开发经验。\n\n### 活动嘉宾\n\n#### 熊一洋\n\n"
            "> 《如何参与开源项目》\n\n熊一洋是美团前端工程师，Vue 开发组成员，喜欢跑步。\n")
    assert found(text, know) == {
        "陈立彬": ("heading", 10, [("星河金服", "高级技术专家")], ["星河前端研发最佳实践"]),
        "蒙子维": ("heading", 23, [], ["无服务器计算架构"]),
        "熊一洋": ("heading", 29, [("Vue", "开发组成员"), ("美团", "前端工程师")], ["如何参与开源项目"]),
    }


def test_bio_labels_and_bold_name_bios(know):
    text = ("---\ntitle: x\n---\n### 《Deno 初体验》\n\n讲讲 Deno。\n\n#### 讲师简介\n\n"
            "**满一荣**，前星河优启科技架构师、前星河奇燎科技 CTO，现在喜欢切图。\n\n"
            "*本文作者：*\n\n朱一飞（花名：一谷）\n\nGithub ID: nkorange，云和恩墨中间件高级开发工程师，Nacos 开源项目负责人。\n\n"
            ">**聂一辉**，TiKV Committer，曾经是一个连续创业者。\n")
    result = found(text, know)
    assert result["满一荣"] == ("caption", 10, [("星河优启科技", "架构师"), ("星河奇燎科技", "CTO")],
                               ["Deno 初体验"])
    assert result["朱一飞"][1:3] == (14, [("Nacos", "开源项目负责人"), ("云和恩墨", "中间件高级开发工程师")])
    assert result["聂一辉"][2] == [("TiKV", "Committer")]


def test_records_of_label_lines(know):
    text = ("---\ntitle: x\n---\n#### Linux 电脑博物馆\n\n- 布展人：周一岸、沈一文\n- 官网：https://example.org\n\n"
            "#### 开源硬件教育分享\n\n- 讲师：沈二文\n- 组织：BURNlab\n\n#### 开源公益编程教育社区\n\n"
            "- 组织名：freeCodeCamp\n- 布展人：喵喵喵/牛牛\n")
    assert found(text, know) == {
        "周一岸": ("caption", 6, [], []), "沈一文": ("caption", 6, [], []),
        "沈二文": ("caption", 11, [("BURNlab", "")], ["开源硬件教育分享"]),
        "喵喵喵": ("caption", 17, [("freeCodeCamp", "")], []), "牛牛": ("caption", 17, [("freeCodeCamp", "")], []),
    }


def test_records_of_a_field_a_line(know):
    text = ("---\ntitle: x\n---\n## 分享一\n\n讲师：鲍一凡\n公司：星河科技\n职位：资深工程师\n议题：《服务网格落地》\n\n"
            "## 分享二\n\n- 《可观测性的下一步》\n  - 讲师：成一诺\n  - 单位：云海数据 SRE 负责人\n\n"
            "### 🎙️ 嘉宾：芮一涵\n\n**所在单位**：北辰大学\n**职务**：副教授\n\n"
            "- 讲师：龙一川\n- 公司：星河科技\n- 讲师：花一溪\n- 公司：云海数据\n\n"
            "| 讲师 | 甘一川 |\n| --- | --- |\n| 公司 | 北辰大学 |\n| 职位 | 教授 |\n| 议题 | 数据库内核演进 |\n")
    result = found(text, know)
    assert result["鲍一凡"] == ("caption", 6, [("星河科技", "资深工程师")], ["服务网格落地"])
    assert result["成一诺"] == ("caption", 14, [("云海数据", "SRE 负责人")], ["可观测性的下一步"])
    assert result["芮一涵"] == ("heading", 17, [("北辰大学", "副教授")], [])
    assert (result["龙一川"][2], result["花一溪"][2]) == ([("星河科技", "")], [("云海数据", "")])
    assert result["甘一川"] == ("caption", 27, [("北辰大学", "教授")], ["数据库内核演进"])


def test_records_opened_by_a_name_field_take_no_heading_as_talk(know):
    text = ("---\ntitle: x\n---\n## 获奖名单\n\n姓名：丁一凡\n单位：星河科技\n职务：架构师\n\n"
            "姓名：孔一德\n单位：天穹数据\n职务：高级工程师\n议题：向量检索实践\n")
    result = found(text, know)
    assert result["丁一凡"][2:] == ([("星河科技", "架构师")], [])
    assert result["孔一德"][2:] == ([("天穹数据", "高级工程师")], ["向量检索实践"])


@pytest.mark.parametrize("line, expected", [
    ("讲师：丁一凡 | 职位：星河科技架构师", ([("星河科技", "架构师")], [])),
    ("讲师：丁一凡 ｜ 公司：星河科技 ｜ 职位：架构师 ｜ 议题：向量检索实践", ([("星河科技", "架构师")], ["向量检索实践"])),
])
def test_a_line_of_labelled_parts_reads_by_what_the_parts_hold(line, expected, know):
    assert found(f"---\ntitle: x\n---\n{line}\n", know)["丁一凡"][2:] == expected


def test_list_items_opening_with_a_bold_person_and_label_lines_of_several_person_texts(know):
    text = ("---\ntitle: x\n---\n1. **童一彤** 云海数据 产品经理\n2. **蓝一心** 北辰大学 研究员\n\n"
            "- **苏一茜（星河银行研发工程师）** 揭秘超节点硬件适配与网络拓扑感知调度\n\n"
            "分享嘉宾：房一舟，星河科技架构师；卢一航，云海数据高级工程师\n\n"
            "主持人：舒一航（星河科技）；嘉宾：米一凡（云海数据）、贝一宁（北辰大学）\n")
    assert found(text, know) == {
        "童一彤": ("caption", 4, [("云海数据", "产品经理")], []), "蓝一心": ("caption", 5, [("北辰大学", "研究员")], []),
        "苏一茜": ("caption", 7, [("星河银行", "研发工程师")], []),
        "房一舟": ("caption", 9, [("星河科技", "架构师")], []), "卢一航": ("caption", 9, [("云海数据", "高级工程师")], []),
        "舒一航": ("caption", 11, [("星河科技", "")], []), "米一凡": ("caption", 11, [("云海数据", "")], []),
        "贝一宁": ("caption", 11, [("北辰大学", "")], []),
    }


@pytest.mark.parametrize("item, name, affiliations", [
    ("**Jane Whitfield**, Staff Engineer, Acme Corp", "Jane Whitfield", [("Acme Corp", "Staff Engineer")]),
    ("Maria Lenz – Principal Architect @ Initech", "Maria Lenz", [("Initech", "Principal Architect")]),
    ("架构师，星河科技 王一鸣", "王一鸣", [("星河科技", "架构师")]),
])
def test_a_title_written_before_its_organisation(item, name, affiliations, know):
    text = bold_under_photo(item.strip("*"))
    assert found(text, know)[name][2] == sorted(affiliations)


def test_the_list_under_a_speaker_heading_and_an_at_sign_before_the_organisation(know):
    text = ("---\ntitle: x\n---\n#### 演讲嘉宾\n\n- 施一苇 @ 星河科技：《开源合规实践》\n- 伍一涛 / 云海数据 / 架构师\n")
    assert found(text, know) == {"施一苇": ("caption", 6, [("星河科技", "")], ["开源合规实践"]),
                                 "伍一涛": ("caption", 7, [("云海数据", "架构师")], [])}


def test_member_lists_under_role_headings_and_a_heading_with_its_list_in_one_line(know):
    text = ("---\ntitle: x\n---\nVolcano 上海用户组今日正式成立。\n\n## 用户组成员\n\n### Organizer\n\n- 蔡一舟 星河科技\n\n"
            "### Members\n\n- 柏一芸 北辰大学\n\n用户组核心成员：尤一川（星河科技，组长）、乔一朵（云海数据，副组长）\n\n"
            "队伍成员：刘一璐、张一康\n\n## 西安用户组成员\n\n. Member 星河科技生态总监、星河松鼠会秘书长 康一阳\n")
    assert member_rows(extraction_of(text, know).members) == [
        ("Volcano 上海用户组", "Organizer", "蔡一舟", "星河科技", ""),
        ("Volcano 上海用户组", "Members", "柏一芸", "北辰大学", ""),
        ("Volcano 上海用户组", "组长", "尤一川", "星河科技", ""),
        ("Volcano 上海用户组", "副组长", "乔一朵", "云海数据", ""),
        ("西安用户组", "Member", "康一阳", "星河科技", "生态总监"),
    ]


@pytest.mark.parametrize("caption, affiliations", [
    ("寇一飞 | 架构师 @星河科技", [("星河科技", "架构师")]),
    ("寇一飞，资深工程师@云海数据", [("云海数据", "资深工程师")]),
    ("寇一飞 (@kouyifei) 星河科技架构师", [("星河科技", "架构师")]),
    ("寇一飞 @云海数据", [("云海数据", "")]),  # an at sign before a Han body names it: no handle is written so
    ("寇一飞@云海数据", [("云海数据", "")]),
])
def test_an_at_sign_after_a_title_names_the_organisation_and_a_handle_is_none(caption, affiliations, know):
    text = bold_under_photo(caption)
    assert found(text, know)["寇一飞"][2] == affiliations


def test_a_speaker_and_organisation_column_in_one_is_read_from_its_cells(know):
    text = ("---\ntitle: x\n---\n| 议题 | 讲师/公司 |\n| --- | --- |\n| 数据湖的未来 | 伏一鸣 / 云海数据 |\n"
            "| 开源合规 | 蒋一舟（北辰大学） |\n\n## 星河用户组成员\n\n| 姓名/单位 | 角色 |\n| --- | --- |\n"
            "| 柯一川（星河科技） | 组长 |\n")
    extraction = extraction_of(text, know)
    assert {m.name: [(a.org, a.title) for a in m.affiliations] for m in extraction.mentions if m.source_kind == "table"} \
        == {"伏一鸣": [("云海数据", "")], "蒋一舟": [("北辰大学", "")]}
    assert [(m.group_name, m.role, m.name, m.org) for m in extraction.members] == [("星河用户组", "组长", "柯一川", "星河科技")]


@pytest.mark.parametrize("caption, name", [
    ("Kevin Wang 星河科技架构师", "Kevin Wang"),
    ("星河科技架构师 Kevin Wang（王凯文）", "Kevin Wang"),
    ("Transfer Queue 社区 Maintainer 荣一浩", "荣一浩"),
])
def test_a_latin_full_name_beside_a_chinese_affiliation(caption, name, know):
    text = bold_under_photo(caption)
    expected = {"Kevin Wang": [("星河科技", "架构师")], "荣一浩": [("Transfer Queue 社区", "Maintainer")]}[name]
    assert {k: v[2] for k, v in found(text, know).items()} == {name: expected}


def test_photo_captions_with_a_colon_lead_in_a_speech_tail_and_places_in_the_photo(know):
    text = ("---\ntitle: x\n---\n![](1.jpg)\n图：星河科技架构师 屈一帆\n\n"
            "![](3.jpg)\n<font size=\"2\">北辰大学副教授 卓一然在分享</font>\n\n"
            "![](5.jpg)\n左一：星河科技 刘一溪；右一：云海数据 何一泽\n")
    assert {k: (v[0], v[2]) for k, v in found(text, know).items()} == {
        "屈一帆": ("caption", [("星河科技", "架构师")]), "卓一然": ("caption", [("北辰大学", "副教授")]),
        "刘一溪": ("caption", [("星河科技", "")]), "何一泽": ("caption", [("云海数据", "")])}


@pytest.mark.parametrize("caption, name, affiliations", [
    ("邰一鸣（Tony Tai），星河科技 SRE 负责人", "邰一鸣", [("星河科技", "SRE 负责人")]),
    ("王一川（Red Hat）", "王一川", [("Red Hat", "")]),
])
def test_a_bracketed_latin_name_with_a_chinese_surname_is_another_spelling(caption, name, affiliations, know):
    text = bold_under_photo(caption)
    assert found(text, know)[name][2] == affiliations


def test_a_talk_numbered_in_words_loses_its_number(know):
    text = "---\ntitle: x\n---\n### 分享三：数据库内核演进 | 北辰大学 教授 石一川\n\n内容介绍。\n"
    assert found(text, know)["石一川"][3] == ["数据库内核演进"]


@pytest.mark.parametrize("caption, name, affiliations", [
    ("王一川 – 云海数据 – 技术总监", "王一川", [("云海数据", "技术总监")]),  # an en dash is no part of a body
    ("蓝鲸互娱 - 高级工程师 - 王一川", "王一川", [("蓝鲸互娱", "高级工程师")]),
    ("钱一七 | 美团 | 高级工程师", "钱一七", [("美团", "高级工程师")]),  # a short body no run knows
    ("美团 | 高级工程师 | 钱一七", "钱一七", [("美团", "高级工程师")]),  # the part a surname opens is the name
    ("致辞 | 钱一七 | 星河科技", "钱一七", [("星河科技", "")]),
])
def test_parts_set_apart_by_bars_or_spaced_dashes(caption, name, affiliations, know):
    assert {k: v[2] for k, v in found(bold_under_photo(caption), know).items()} == {name: affiliations}


@pytest.mark.parametrize("caption, name, affiliations", [
    ("北辰大学教授 阿依古丽·买买提", "阿依古丽·买买提", [("北辰大学", "教授")]),
    ("星河科技架构师 迪丽努尔·艾一提", "迪丽努尔·艾一提", [("星河科技", "架构师")]),
    ("韩一梅·北辰大学·副教授", "韩一梅", [("北辰大学", "副教授")]),
])
def test_a_name_with_middle_dots_is_one_name(caption, name, affiliations, know):
    text = bold_under_photo(caption)
    assert {k: v[2] for k, v in found(text, know).items()} == {name: affiliations}


@pytest.mark.parametrize("caption, affiliations", [
    ("开场致辞 —— 宁一鸣（星河科技 社区运营总监）", [("星河科技", "社区运营总监")]),
    ("宁一鸣（星河科技 社区运营总监）—— 开场致辞", [("星河科技", "社区运营总监")]),
    ("宁一鸣，星河科技架构师 —— 致辞", [("星河科技", "架构师")]),
])
def test_opening_remarks_beside_a_person_are_neither_talk_nor_body(caption, affiliations, know):
    """`开场致辞` is a talk only when written as a title; a space between two Han words parts
    them, so `社区` written onto the title is the title's."""
    assert found(bold_under_photo(caption), know)["宁一鸣"][2:] == (affiliations, [])


@pytest.mark.parametrize("caption, name, affiliations, talks", [
    ("张一三（星河科技）：开源治理的实践", "张一三", [("星河科技", "")], ["开源治理的实践"]),
    ("张一三（星河科技架构师）—— 开源治理的实践", "张一三", [("星河科技", "架构师")], ["开源治理的实践"]),
    ("Tom Barlow (Globex) — Kubernetes at scale", "Tom Barlow", [("Globex", "")], ["Kubernetes at scale"]),
    ("张一三（星河科技）：架构师", "张一三", [("星河科技", "架构师")], []),
])
def test_a_bracketed_affiliation_then_a_talk(caption, name, affiliations, talks, know):
    assert found(bold_under_photo(caption), know)[name][2:] == (affiliations, talks)


def test_a_name_heading_takes_the_bio_right_under_it_that_opens_with_the_name(know):
    text = ("---\ntitle: x\n---\n#### 第三位嘉宾：祁一鸣\n\n祁一鸣，北辰大学副教授，长期从事数据库研究。\n\n"
            "#### 第四位嘉宾：祝一凡\n\n钟一鸣，云海数据工程师。\n")
    result = found(text, know)
    assert result["祁一鸣"][2] == [("北辰大学", "副教授")]
    assert result["祝一凡"][2] == []  # a bio of someone else adds nothing


def test_a_latin_name_heading_is_a_speaker_when_the_section_under_it_opens_with_the_name(know):
    """`### Maria Garcia: Scaling Foo` then `Maria is a principal engineer at Initech…`: the bio under
    the heading vouches for a Latin name no list knows; a heading of two capitalised words whose
    section speaks of something else is no person."""
    text = ("---\ntitle: x\n---\n### Maria Garcia: Scaling Foo to 10,000 Nodes\n\n"
            "Maria is a principal engineer at Initech and a Foo maintainer.\n\n"
            "### Jonas Weber\n\nJonas Weber works as Staff Engineer at Globex.\n\n"
            "### Cloud Native: Next Steps\n\nThe roadmap is a list of work for Foo.\n")
    result = found(text, know)
    assert result["Maria Garcia"][2:] == ([("Foo", "maintainer"), ("Initech", "principal engineer")],
                                          ["Scaling Foo to 10,000 Nodes"])
    assert result["Jonas Weber"][2] == [("Globex", "Staff Engineer")]
    assert "Cloud Native" not in result


def test_a_latin_name_heading_beside_a_han_name_heading_of_one_speakers_section(know):
    """Under `讲师简介`, one heading a surname the lists know vouches for its sibling headings
    (`Li Wei`, `Tom Barlow`) when their sections read like a speaker's; a sibling whose section
    speaks of something else is no person."""
    text = ("---\ntitle: x\n---\n## 讲师简介\n\n#### 汪一洋\n\n星河科技首席架构师，十年分布式系统经验。\n\n"
            "#### Li Wei\n\nStaff Engineer at Bluewhale, Apache Kafka committer.\n\n"
            "#### Tom Barlow\n\n云海数据 高级工程师\n\n#### Cloud Native\n\nThe roadmap is a list of work.\n")
    assert {k: v[2] for k, v in found(text, know).items()} == {
        "汪一洋": [("星河科技", "首席架构师")], "Li Wei": [("Apache Kafka", "committer"), ("Bluewhale", "Staff Engineer")],
        "Tom Barlow": [("云海数据", "高级工程师")]}


def test_a_heading_above_a_labelled_line_of_two_speakers_is_the_talk_of_both(know):
    text = "---\ntitle: x\n---\n### 分享二：向量数据库\n\n分享人：王晓东（北辰软件）、赵雨桐（天穹数据）\n"
    result = found(text, know)
    assert result["王晓东"][3] == result["赵雨桐"][3] == ["向量数据库"]


def test_a_bar_after_a_label_word_and_a_hosts_heading_give_no_organisation_and_no_talk(know):
    text = "---\ntitle: x\n---\n## 本期主持\n\n主持人 | 周立新 | 星河启明 运营经理\n"
    assert found(text, know) == {"周立新": ("caption", 6, [("星河启明", "运营经理")], [])}


def test_a_plain_short_line_of_a_name_a_comma_and_an_affiliation_is_a_caption(know):
    text = ("---\ntitle: x\n---\n孙嘉禾，北辰科技 CTO\n\n周嘉树 (Tom Zhou)，云海数据架构师\n\n"
            "王明远，你好，欢迎来到现场。\n\n张思远，感谢参与\n")
    result = found(text, know)
    assert result == {"孙嘉禾": ("caption", 4, [("北辰科技", "CTO")], []),
                      "周嘉树": ("caption", 6, [("云海数据", "架构师")], [])}


def test_a_plain_line_of_slash_parts_naming_a_person_is_a_caption(know):
    text = "---\ntitle: x\n---\n毛一宁 / 星河科技 / 架构师 / 《开源合规实践》\n\n支持 x86 / ARM / RISC-V 三种架构。\n"
    assert found(text, know) == {"毛一宁": ("caption", 4, [("星河科技", "架构师")], ["开源合规实践"])}


def test_a_labelled_line_that_lists_names_takes_none_for_an_organisation(know):
    text = "---\ntitle: x\n---\n#### 学生开源年会\n\n- 布展人：朱一捷/杨一畅\n- 官网：https://example.org\n"
    mentions = extraction_of(text, know).mentions  # every reader's, before they are merged
    assert {m.name for m in mentions} == {"朱一捷", "杨一畅"}
    assert [(m.name, a.org) for m in mentions for a in m.affiliations] == []


def test_a_list_of_speakers_with_asides_gives_each_their_affiliations(know):
    text = ("---\ntitle: x\n---\n#### GPU 共享\n\n- 讲者：Jon Dorey (Acme CTO) & 李一轩（Yixuan Li）（@yixuan）\n"
            "- 时间：14:00\n")
    assert found(text, know) == {"Jon Dorey": ("caption", 6, [("Acme", "CTO")], ["GPU 共享"]),
                                 "李一轩": ("caption", 6, [], ["GPU 共享"])}


def test_a_records_talk_label_gives_the_talk_and_one_speaker_keeps_the_aside(know):
    text = ("---\ntitle: x\n---\n### 1. Opening Keynote\n\n- **时间**：09:00–09:35\n"
            "- **讲者**：张一潇（「Nova 星瓜智能」CEO，Nova Maintainer）\n- **议程**：[Keynote: Welcome](https://e.org/k)\n")
    assert found(text, know) == {
        "张一潇": ("caption", 7, [("Nova", "Maintainer"), ("Nova 星瓜智能", "CEO")], ["Keynote: Welcome"])}


def test_names_placed_in_a_photo_by_position_asides(know):
    text = ("---\ntitle: x\n---\n#### 汉服舞蹈表演\n\n旧一祠（左一）、织和（右一）、坤九九（中间），均为汉服爱好者、古琴修习者。\n\n"
            "![](a.jpg)\n来自印度的贡献者 Rudra Karpe（中间）和 Shiva Lamba（右）\n\n他们（左）讲得很好（右）。\n")
    assert found(text, know) == {
        "旧一祠": ("caption", 6, [], []), "织和": ("caption", 6, [], []), "坤九九": ("caption", 6, [], []),
        "Rudra Karpe": ("caption", 9, [("", "贡献者")], []), "Shiva Lamba": ("caption", 9, [], [])}


def test_a_leaders_heading_is_their_talk_only_in_a_session_record(know):
    text = ("---\ntitle: x\n---\n#### 时序数据库实操\n\n- 时间：10 月 31 日 14:10-16:00\n- 导师：向一宇\n\n"
            "#### 课题一：GPU 共享实战\n\n- 导师：李一轩、杨一仁\n- 难度：进阶\n")
    assert found(text, know) == {
        "向一宇": ("caption", 7, [], ["时序数据库实操"]),
        "李一轩": ("caption", 11, [], []), "杨一仁": ("caption", 11, [], []),
    }


def test_many_part_lines_and_the_bold_talk_above(know):
    text = ("---\ntitle: x\n---\n**📚 AI 编程教育的探索之旅**\n> 彭一梅 | 创业者 | 全栈工程师 | fCC 活动组织者\n"
            "- 要点一\n\n**🗃️ 数据库技术及应用**\n> 孙一瑜 | 西南理工大学教授 | 华为 ICT 学院负责人\n")
    assert found(text, know) == {
        "彭一梅": ("caption", 5, [("", "全栈工程师"), ("", "创业者"), ("fCC", "活动组织者")], ["AI 编程教育的探索之旅"]),
        "孙一瑜": ("caption", 9, [("华为", "ICT 学院负责人"), ("西南理工大学", "教授")], ["数据库技术及应用"]),
    }


def test_answer_labels_of_an_interview_and_the_post_title(know):
    text = ("---\ntitle: 刘一寅：星河工具链和生态\n---\n**星河资本谢一佳：** 这次主要是线上协作。\n\n"
            "**Ti-Improve 方一和：** 我最喜欢那个项目。\n\n**Q：** 下一个问题？\n")
    assert found(text, know) == {
        "刘一寅": ("heading", 2, [], []),
        "谢一佳": ("caption", 4, [("星河资本", "")], []),
        "方一和": ("caption", 6, [("Ti-Improve", "")], []),
    }


def test_one_bold_label_is_not_an_interview(know):
    assert found("---\ntitle: x\n---\n**星河资本谢一佳：** 这次主要是线上协作。\n", know) == {}


def test_bold_labels_that_mostly_name_no_one_are_not_an_interview(know):
    """`**自研**：…` `**公有云**：…` `**开源**：…`: topics, though 公有云 reads like a name."""
    text = ("---\ntitle: x\n---\n**自研**：利用集团内部的场景验证。\n\n**公有云**：拥抱云原生时代。\n\n"
            "**开源**：进行了大量的生态演进。\n")
    assert found(text, know) == {}
    exchange = ("---\ntitle: x\n---\n**Mods：** 我们是队伍。\n\n**星河资本谢一佳：** 很看好。\n\n**Mods：** 谢谢。\n\n"
                "**Mods 团队-徐一：** 我也喜欢。\n\n**Mods 团队-孙一曦：** 同上。\n")
    assert found(exchange, know) == {"谢一佳": ("caption", 6, [("星河资本", "")], [])}


def test_a_handle_then_the_name_in_brackets_names_the_person(know):
    text = "---\ntitle: x\n---\n### PCP-2: Improve groupChecker by vectorization\n\n* 作者：Reminiscent（鄢一鹏）\n\n该任务由鄢一鹏同学完成。\n"
    merged = merge_mentions(extraction_of(text, know).mentions)
    assert [m.name for m in merged] == ["鄢一鹏"]


def test_agenda_cells_without_a_speaker_column(know):
    text = ("---\ntitle: x\n---\n| 时刻 | 议程 |\n| :---: | :---: |\n| 09:00 | 主办方致辞 |\n"
            "| 09:10 | 孟一杰《DApp 开发入门》 |\n| 13:40 | 圆桌《职业成长建议》 |\n")
    assert found(text, know) == {"孟一杰": ("table", 7, [], ["DApp 开发入门"])}


def test_a_given_name_with_zhi_is_a_name_and_zhi_in_running_text_is_not(know):
    agenda = ("---\ntitle: x\n---\n| 时刻 | 议程 |\n| :---: | :---: |\n| 09:10 | 马之远《边缘计算入门》 |\n")
    assert found(agenda, know) == {"马之远": ("table", 6, [], ["边缘计算入门"])}
    caption = "---\ntitle: x\n---\n![](a.jpg)\n**云和恩墨 架构师 黄之鹏**\n"
    assert found(caption, know) == {"黄之鹏": ("caption", 5, [("云和恩墨", "架构师")], [])}
    prose = "---\ntitle: x\n---\n活动结束一周之后，华为高级工程师赵之宇回顾了总之很忙的筹备。\n"
    post, _ = parse_post(SourceText("p.md", prose, "utf-8"), RENDERER)
    assert [m.name for m in extract_post(post, know).mentions] == ["赵之宇"]


def test_a_bio_label_before_a_sentence_names_nobody(know):
    assert found("---\ntitle: x\n---\n个人简介：前微博 DBA，主要研究方向为开源数据库。\n", know) == {}


def test_evaluation_splits_gold_by_community(tmp_path):
    from pipeline.evaluate import community_of, gold_by_community
    for name, source in (("a.json", "pingcap+blog-cn/x.md"), ("b.json", "opengauss-website/app/zh/y.md"),
                         ("c.json", "pingcap+blog-cn/z.md")):
        (tmp_path / name).write_text(f'{{"source": "{source}"}}', encoding="utf-8")
    groups = gold_by_community(tmp_path)
    assert {k: [p.name for p in v] for k, v in groups.items()} == {
        "opengauss-website": ["b.json"], "pingcap+blog-cn": ["a.json", "c.json"]}
    assert community_of("FreeCodeCamp-Chengdu+Wiki/_posts/a.md") == "FreeCodeCamp-Chengdu+Wiki"


def extracted(body: str, know):
    """The extraction of a post made of body under a minimal front matter."""
    return extraction_of("---\ntitle: x\n---\n" + body, know)


LAYOUT_FAMILIES = [
    # speaker-label lines with everything on one line
    ("讲师：王一鸣，星河科技高级工程师\n", {"王一鸣": ([("星河科技", "高级工程师")], [])}),
    ("分享嘉宾：王一鸣 / 星河科技 / 架构师\n", {"王一鸣": ([("星河科技", "架构师")], [])}),
    ("主讲人：王一鸣（星河大学）\n", {"王一鸣": ([("星河大学", "")], [])}),
    ("讲师：Rick\n", {"Rick": ([], [])}),
    # agendas
    ("- 服务网格实践（星河云 架构师-王一鸣 14:00-14:40）\n", {"王一鸣": ([("星河云", "架构师")], ["服务网格实践"])}),
    ("- 服务网格实践 —— 王一鸣（星河科技）\n", {"王一鸣": ([("星河科技", "")], ["服务网格实践"])}),
    ("| 时间 | 环节 | 分享人 |\n|---|---|---|\n| 14:00 | 服务网格实践 | 王一鸣（一刀），星河科技技术专家；李二强，星河科技工程师 |\n",
     {"王一鸣": ([("星河科技", "技术专家")], ["服务网格实践"]), "李二强": ([("星河科技", "工程师")], ["服务网格实践"])}),
    ("1. 《服务网格实践》\n   演讲嘉宾：王一鸣，星河科技架构师\n", {"王一鸣": ([("星河科技", "架构师")], ["服务网格实践"])}),
    ("| 时间 | 议题 | 讲师 |\n|---|---|---|\n| 14:40 | 实时数仓建设 | 沈一琳，星河 数据平台技术专家 |\n",
     {"沈一琳": ([("星河", "数据平台技术专家")], ["实时数仓建设"])}),
    ("## 第一期分享\n\n1. 闻一楠：《向量数据库的下一个十年》\n2. 司马一青 - 云海 - 《向量检索实践》\n",
     {"闻一楠": ([], ["向量数据库的下一个十年"]), "司马一青": ([("云海", "")], ["向量检索实践"])}),
    ("**服务网格实践** 讲师：王一鸣\n", {"王一鸣": ([], ["服务网格实践"])}),
    # headings
    ("### 王一鸣：服务网格的落地实践\n\n正文。\n", {"王一鸣": ([], ["服务网格的落地实践"])}),
    ("## 《服务网格的落地实践》\n\n王一鸣 星河科技架构师\n\n正文。\n",
     {"王一鸣": ([("星河科技", "架构师")], ["服务网格的落地实践"])}),
    # member lists without roles under a heading that names no group
    ("## 星河 SIG\n\n### 首批成员\n\n- 王一鸣 星河科技\n- 李 强 星河大学\n",
     {"王一鸣": ([("星河科技", "")], []), "李强": ([("星河大学", "")], [])}),
    # a member list announced at the end of a sentence, roles before a colon, several members a line
    ("星河上海用户组正式成立，首批成员如下：\n\n- 组长：闻一楠（星河智能）\n- 成员：欧阳一远（云海数据）、景一春（星河大学 副教授）\n",
     {"闻一楠": ([("星河智能", "")], []), "欧阳一远": ([("云海数据", "")], []), "景一春": ([("星河大学", "副教授")], [])}),
]


@pytest.mark.parametrize("body, expected", LAYOUT_FAMILIES, ids=[b.splitlines()[0][:24] for b, _ in LAYOUT_FAMILIES])
def test_layout_families(body, expected, know):
    extraction = extracted(body, know)
    got = {m.name: (sorted((a.org, a.title) for a in m.affiliations), m.talks)
           for m in extraction.mentions if m.source_kind != "prose"}
    for member in extraction.members:
        got.setdefault(member.name, ([(member.org, member.title)], []))
    assert got == {k: (sorted(v[0]), v[1]) for k, v in expected.items()}


@pytest.mark.parametrize("text, expected", [
    ("虎牙基础保障部中间件团队负责人", ("虎牙", "基础保障部中间件团队负责人")),
    ("阿里巴巴中间件高级开发工程师", ("阿里巴巴", "中间件高级开发工程师")),
    ("工业和信息化部副部长", ("工业和信息化部", "副部长")),  # a ministry ends with 部: not a department
    ("星河恩墨文档工程师", ("星河恩墨", "文档工程师")),  # a job field opens the title
    ("两名大四本科生", ("", "大四本科生")),  # a count of people names no organisation
    ("星河数据运维工程师", ("星河数据", "运维工程师")),
])
def test_a_department_glued_to_an_unknown_organisation_goes_to_the_title(text, expected, know):

    assert [(a.org, a.title) for a in split_affiliations(text, know)] == [expected]


def test_member_list_announced_in_a_sentence_names_its_group_and_roles(know):
    body = ("StarDB 上海用户组正式成立，首批成员如下：\n\n- 组长：闻一楠（星河智能）\n"
            "- 成员：欧阳一远（云海数据）、景一春（星河大学 副教授）\n\nOrganizer：负责整体统筹。\n")
    members = extracted(body, know).members
    assert member_rows(members) == [
        ("StarDB 上海用户组", "组长", "闻一楠", "星河智能", ""), ("StarDB 上海用户组", "成员", "欧阳一远", "云海数据", ""),
        ("StarDB 上海用户组", "成员", "景一春", "星河大学", "副教授")]


def test_a_group_word_from_the_lexicon_names_an_announced_list(know):
    body = "星河开源俱乐部正式成立，首批成员如下：\n\n- 郑一鸣（星河科技）\n- 冯一宁（天穹数据）\n"
    assert [(m.group_name, m.name, m.org) for m in extracted(body, know).members] == [
        ("星河开源俱乐部", "郑一鸣", "星河科技"), ("星河开源俱乐部", "冯一宁", "天穹数据")]


def test_a_list_announced_as_the_members_a_group_is_made_of(know):
    body = ("### 杭州用户组成立\n\n杭州用户组由以下成员组成：\n\n- Organizer：王一伟（星河科技）\n"
            "- Member：赵一琳（北辰大学）、钱一多（天穹数据）\n")
    assert [(m.group_name, m.role, m.name, m.org) for m in extracted(body, know).members] == [
        ("杭州用户组", "Organizer", "王一伟", "星河科技"), ("杭州用户组", "Member", "赵一琳", "北辰大学"),
        ("杭州用户组", "Member", "钱一多", "天穹数据")]


def test_role_labelled_lines_under_a_heading_that_is_a_group_s_name(know):
    body = ("## 技术委员会\n\n主席：孙一航（星河科技）\n\n委员：周一然（天穹数据）、吴一帆（北辰大学）\n\n"
            "技术委员会负责技术路线。\n\n## 活动回顾\n\n主席：郑一鸣（星河科技）\n")
    assert [(m.group_name, m.role, m.name, m.org) for m in extracted(body, know).members] == [
        ("技术委员会", "主席", "孙一航", "星河科技"), ("技术委员会", "委员", "周一然", "天穹数据"),
        ("技术委员会", "委员", "吴一帆", "北辰大学")]  # under another heading a 主席 is no member


def test_a_sentence_under_a_photo_is_prose_not_a_caption(know):
    body = ("<img src='a.png'>\n\n圆桌环节由 星河 Ambassador 孔一馨主持，嘉宾包括星河科技基础架构工程师耿一杰、"
            "云海引擎解决方案架构师邝一舒。\n")
    found = {m.name: (m.source_kind, [(a.org, a.title) for a in m.affiliations]) for m in extracted(body, know).mentions}
    assert found["耿一杰"] == ("prose", [("星河科技", "基础架构工程师")])
    assert found["邝一舒"] == ("prose", [("云海引擎", "解决方案架构师")])


def test_numbered_talk_headings_above_speaker_lines_and_html_agendas_without_header_cells(know):
    body = ("### 议题一：镜像加速的实践\n\n**讲师**：卢一杰，星河科技基础架构部高级工程师\n\n"
            "### 议题二：P2P 分发的未来\n\n讲师介绍：龚一玲，现任云海存储研发经理。\n\n"
            "<table>\n<tr><td>时间</td><td>主题</td><td>嘉宾</td></tr>\n"
            "<tr><td>14:00</td><td>分布式事务的演进</td><td>陈一伟</td></tr>\n</table>\n")
    talks = talks_by_name(extracted(body, know))
    assert talks == {"卢一杰": ["镜像加速的实践"], "龚一玲": ["P2P 分发的未来"], "陈一伟": ["分布式事务的演进"]}


def test_an_html_agenda_without_any_header_takes_its_columns_from_its_cells(know):
    """No header cells and no label row: the column of person-texts is the speakers', the one of
    times the time's, the one with most text of the others the talk's; `王一 / 西湖云` is one
    person and a body no list knows (a loose reading took 西湖云 for a second name)."""
    body = ("<table>\n<tr><td>13:30-14:00</td><td>签到</td><td></td></tr>\n"
            "<tr><td>14:00-14:40</td><td>大规模集群的弹性调度</td><td>柯一然 / 星河科技</td></tr>\n"
            "<tr><td>14:40-15:20</td><td>可观测性的三板斧</td><td>赵一凯 / 西湖云</td></tr>\n</table>\n")
    found = {m.name: ([(a.org, a.title) for a in m.affiliations], m.talks) for m in extracted(body, know).mentions}
    assert found == {"柯一然": ([("星河科技", "")], ["大规模集群的弹性调度"]),
                     "赵一凯": ([("西湖云", "")], ["可观测性的三板斧"])}


def test_a_speaker_card_of_two_spellings_then_its_affiliation_line(know):
    """`Kevin Zhao 赵一凯` is one person's two spellings (the Latin one has a romanised surname),
    not a body and a name; `西湖云 容器平台负责人` is the card's affiliation line, not a person
    (a three-character word no surname opens, the first two an ordinary word)."""
    body = ("<p><img src=\"s1.png\"></p>\n<p><strong>柯一然</strong></p>\n<p>西湖云 容器平台负责人</p>\n\n"
            "<p><img src=\"s2.png\"></p>\n<p><strong>Kevin Zhao</strong> 赵一凯</p>\n<p>钱塘数据 SRE 专家</p>\n")
    found = {m.name: [(a.org, a.title) for a in m.affiliations] for m in extracted(body, know).mentions}
    assert found == {"柯一然": [("西湖云", "容器平台负责人")], "赵一凯": [("钱塘数据", "SRE 专家")]}


def test_html_headings_head_sections_as_markdown_ones_do(know):
    """`<h3>议题一：…</h3>` over a speaker line is that speaker's talk, and `<h4>` name headings
    under `<h2>讲师简介</h2>` take the lines under them, as their Markdown forms do (read as
    bold paragraphs, the talk heading went to the name above it)."""
    body = ("<h2>讲师简介</h2>\n\n<h4>汪一洋</h4>\n<p>星河科技首席架构师，十年分布式系统经验。</p>\n\n"
            "<h4>Li Wei</h4>\n<p>Staff Engineer at Bluewhale.</p>\n\n"
            "<h3>议题一：镜像加速的实践</h3>\n<p><strong>讲师</strong>：卢一杰，星河科技基础架构部高级工程师</p>\n")
    found = {m.name: (m.source_kind, m.talks) for m in extracted(body, know).mentions}
    assert found == {"汪一洋": ("heading", []), "Li Wei": ("heading", []), "卢一杰": ("caption", ["镜像加速的实践"])}


@pytest.mark.parametrize("body", [
    "👤 讲师：邬一帆\n🏢 公司：星河科技\n📝 议题：分布式数据库的十年\n\n👤 讲师：蒯一鸣\n🏢 公司：云海数据\n📝 议题：向量数据库的未来\n",
    "议题：分布式数据库的十年\n讲师：邬一帆\n公司：星河科技\n议题：向量数据库的未来\n讲师：蒯一鸣\n公司：云海数据\n",
])
def test_each_record_of_a_run_of_label_lines_keeps_its_own_talk(body, know):
    """Record after record of `label：value` lines: a record's own talk label is its speaker's
    (the run's first one went to every speaker), below the speaker or, in a run that opens with
    its talk label, above."""
    assert talks_by_name(extracted(body, know)) == {"邬一帆": ["分布式数据库的十年"], "蒯一鸣": ["向量数据库的未来"]}


def test_a_list_item_of_a_person_then_a_marked_talk_is_a_speaker_line(know):
    found = {m.name: ([(a.org, a.title) for a in m.affiliations], m.talks)
             for m in extracted("## 分论坛\n\n1. 申一川 星河科技 高级工程师《存储引擎的演进》\n", know).mentions}
    assert found == {"申一川": ([("星河科技", "高级工程师")], ["存储引擎的演进"])}


def test_a_sentence_under_a_people_heading_whose_subject_is_a_role_is_prose(know):
    """Under `## 出品人`, `本届分论坛出品人为云海数据 CTO 党一凡。` is a sentence (the role, its copula,
    the person), read by prose; a person-text line under a bare label still lists its speaker."""
    body = "**分享嘉宾**\n\n邬一帆，星河科技架构师。\n\n## 出品人\n\n本届分论坛出品人为云海数据 CTO 党一凡。\n"
    found = {m.name: (m.source_kind, [(a.org, a.title) for a in m.affiliations]) for m in extracted(body, know).mentions}
    assert found == {"邬一帆": ("caption", [("星河科技", "架构师")]), "党一凡": ("prose", [("云海数据", "CTO")])}


@pytest.mark.parametrize("line, expected", [
    ("Keynote：《开源的下一个十年》 by 祖一鸣（星河科技）", ([("星河科技", "")], ["开源的下一个十年"])),
    ("Scaling Foo to Many Nodes by Jane Roe, Acme Corp", ([("Acme Corp", "")], ["Scaling Foo to Many Nodes"])),
    ("Hosted by 祖一鸣（星河科技）", ([("星河科技", "")], [])),  # a role, no talk
])
def test_a_talk_then_by_and_its_speaker(line, expected, know):
    """`by` sets the speaker apart from the talk before it (it was read as a body, `by`)."""
    person = parse_person_text(line, know)
    assert ([(a.org, a.title) for a in person.affiliations], [person.talk] if person.talk else []) == expected
    if line.startswith("Keynote"):
        assert {m.name: m.talks for m in extracted(line + "\n", know).mentions} == {"祖一鸣": ["开源的下一个十年"]}


def test_each_speaker_of_a_paragraph_of_several_takes_the_talk_of_their_own_sentence(know):
    """`首先，A带来了《X》。随后，B分享了《Y》。`: B's talk is Y (the paragraph's first talk sentence
    was the only one read, and it was A's); a title that opens with a quoted word keeps it."""
    body = ("## 讲师\n\n| 讲师 | 介绍 |\n| --- | --- |\n| 邴一鸣 | 星河科技高级架构师 |\n\n"
            "首先，星河科技高级架构师邴一鸣带来了题为《Foo 的演进》的分享。随后，来自云海数据的资深工程师凤一川分享了"
            "《“智”造先“基”：Bar 实践》。最后，北辰大学副教授滑一鸣介绍了流式计算的研究进展。\n")
    assert talks_by_name(extracted(body, know)) == {"邴一鸣": ["Foo 的演进"], "凤一川": ["“智”造先“基”：Bar 实践"],
                                                    "滑一鸣": []}


def test_a_committee_heading_in_its_term_names_one_group_whose_role_labels_list_members(know):
    """`星河用户组第一届委员会`: the term between group words joins them into one group (it was
    read as `第一届委员会` after `星河用户组`, no heading of a group's name, and gave no members)."""
    body = ("## 星河用户组第一届委员会\n\n- 主席：邴一鸣（星河科技）\n- 副主席：凤一川（云海数据）、滑一鸣（北辰大学）\n"
            "- 委员：濮一凡、阚一舟\n")
    assert member_rows(extracted(body, know).members) == [
        ("星河用户组第一届委员会", "主席", "邴一鸣", "星河科技", ""), ("星河用户组第一届委员会", "副主席", "凤一川", "云海数据", ""),
        ("星河用户组第一届委员会", "副主席", "滑一鸣", "北辰大学", ""), ("星河用户组第一届委员会", "委员", "濮一凡", "", ""),
        ("星河用户组第一届委员会", "委员", "阚一舟", "", "")]


@pytest.mark.parametrize("text, expected", [
    ("王一鸣老师（蓝鲸互娱）", [("蓝鲸互娱", "")]),  # an honorific is no title, the bracket no talk
    ("周会群教授（北辰大学）", [("北辰大学", "教授")]),  # a title after the name is the bracket's body's
    ("王一鸣，前蓝鲸互娱架构师，现为独立开发者", [("", "独立开发者"), ("蓝鲸互娱", "架构师")]),
])
def test_a_name_with_a_tail_then_its_body_in_brackets_and_a_title_that_says_no_body(text, expected, know):
    person = parse_person_text(text, know)
    assert (person.name, sorted((a.org, a.title) for a in person.affiliations), person.talk) == (
        text[:3], expected, "")


@pytest.mark.parametrize("text, expected", [
    ("青藤云安全 技术总监 王一鸣", ("青藤云安全", "技术总监")),  # a field word ends the company's name
    ("去哪儿网资深 DBA 王一鸣", ("去哪儿网", "资深 DBA")),  # a rank is the title's
    ("数据库 架构师 王一鸣", ("", "数据库 架构师")),  # a field alone is no body
    ("蓝鲸互娱基础架构团队 研发工程师 王一鸣", ("蓝鲸互娱", "基础架构团队 研发工程师")),  # a unit is the title's
])
def test_a_space_before_a_title_ends_a_body_whose_name_ends_with_a_field_word(text, expected, know):
    person = parse_person_text(text, know)
    assert [(a.org, a.title) for a in person.affiliations] == [expected]


@pytest.mark.parametrize("label", ["重磅嘉宾", "答疑嘉宾", "圆桌主持", "分享老师", "助教"])
def test_a_short_label_ending_with_a_speaker_role_labels_its_speaker(label, know):
    """`重磅嘉宾：`, `圆桌主持：`: a short label that ends with a speaker's role word is a label, as
    an award's name ending with 奖 is; `王老师：` (a form of address, an interview's) is not."""
    assert found(f"---\ntitle: x\n---\n{label}：王一鸣，蓝鲸互娱架构师\n", know) == {
        "王一鸣": ("caption", 4, [("蓝鲸互娱", "架构师")], [])}
    assert know.speaker_label.match("王老师：我们先聊聊开源。") is None


@pytest.mark.parametrize("label", ["话题", "讲题", "议题名称", "演讲标题"])
def test_more_talk_labels_under_a_speaker_line(label, know):
    body = f"讲师：王一鸣，蓝鲸互娱架构师\n{label}：分布式系统的设计\n"
    assert talks_by_name(extracted(body, know)) == {"王一鸣": ["分布式系统的设计"]}


@pytest.mark.parametrize("org_label", ["任职单位", "工作单位", "所属公司", "学校"])
def test_more_organisation_labels_of_a_record(org_label, know):
    body = f"讲师：王一鸣\n{org_label}：蓝鲸互娱\n职称：架构师\n"
    assert found("---\ntitle: x\n---\n" + body, know)["王一鸣"][2] == [("蓝鲸互娱", "架构师")]


def test_founders_and_volunteers_of_a_user_group_are_its_members(know):
    body = "## 星河用户组核心成员\n\n- 会长：王一鸣（蓝鲸互娱）\n- 志愿者：钱四海、孙五岳\n- 联合发起人：周六合（北辰大学）\n"
    assert member_rows(extracted(body, know).members) == [
        ("星河用户组", "会长", "王一鸣", "蓝鲸互娱", ""), ("星河用户组", "志愿者", "钱四海", "", ""),
        ("星河用户组", "志愿者", "孙五岳", "", ""), ("星河用户组", "联合发起人", "周六合", "北辰大学", "")]


@pytest.mark.parametrize("sentence", [
    "主持人周六合与嘉宾吴七星（星河科技）、郑八方（云海数据）围绕数据库国产化展开讨论。",
    "圆桌嘉宾包括吴七星（星河科技）、郑八方（云海数据）。",
    "本场分享者吴七星（星河科技）、郑八方（云海数据）依次上台交流。",  # any speaker label opens a list
])
def test_panel_guests_listed_with_their_bodies_in_prose(sentence, know):
    """A list of two people or more with their bodies in brackets after `嘉宾` (the last opener of the
    sentence, so `嘉宾包括…` reads the list after 包括), then what they did."""
    found = {m.name: [(a.org, a.title) for a in m.affiliations] for m in extracted(sentence + "\n", know).mentions}
    assert found == {"吴七星": [("星河科技", "")], "郑八方": [("云海数据", "")]}


def test_a_line_of_several_titled_people_and_a_timed_name_heading(know):
    """`赵三丰 北辰大学教授<br>钱思海 星河科技技术总监`: a person-text each line (read as one card's
    fields, they gave one person three affiliations); `### 14:40-15:20 郑雨桐：…` names its speaker
    after its time (the time's colon was taken for the name's)."""
    body = ("<p>赵三丰 北辰大学教授<br>钱思海 星河科技技术总监<br>孙悦然 云海数据工程师</p>\n\n"
            "### 14:40-15:20 郑雨桐：流式计算的未来\n\n内容。\n")
    found = {m.name: ([(a.org, a.title) for a in m.affiliations], m.talks) for m in extracted(body, know).mentions}
    assert found == {"赵三丰": ([("北辰大学", "教授")], []), "钱思海": ([("星河科技", "技术总监")], []),
                     "孙悦然": ([("云海数据", "工程师")], []), "郑雨桐": ([], ["流式计算的未来"])}


def test_a_name_heading_whose_given_name_is_a_word_is_a_speaker_when_its_section_says_so(know):
    """`### 张建国`, `### 孙建华`: common names whose given name is a dictionary word (建国, 建华) are
    speakers where the section under them reads like a speaker's; `### 高智能` over product prose is none."""
    body = ("## 讲师简介\n\n### 张建国\n\n星河科技首席架构师，十年分布式系统经验。\n\n### 孙建华\n\n云海数据 技术总监\n\n"
            "### 高智能\n\n新一代的产品带来了更高的效率。\n")
    assert {k: v[2] for k, v in found("---\ntitle: x\n---\n" + body, know).items()} == {
        "张建国": [("星河科技", "首席架构师")], "孙建华": [("云海数据", "技术总监")]}


def test_a_latin_full_name_then_one_capitalised_word_is_the_name_and_its_body(know):
    """`Kevin Zhao, Bluewhale` in a speaker cell: one person and the body (it gave a second person,
    Bluewhale); after a Han name one Latin word stays ambiguous (an English name) and gives none."""
    body = "| Time | Session | Speaker |\n| --- | --- | --- |\n| 10:30 | Cloud Native Storage | Kevin Zhao, Bluewhale |\n"
    found = {m.name: [(a.org, a.title) for a in m.affiliations] for m in extracted(body, know).mentions}
    assert found == {"Kevin Zhao": [("Bluewhale", "")]}
    assert parse_person_text("王一鸣，Mike", know).affiliations == []


def test_a_talk_heading_under_a_speakers_section_with_no_speaker_of_its_own_is_that_speakers_talk(know):
    """`### 讲师介绍` `**周嘉怡**` …, then `### 分享主题：…` with nobody under it: the talk of the
    speaker above (the heading ended the speaker's section and the talk went to nobody)."""
    body = ("### 讲师介绍\n\n**周嘉怡**\n\n星河科技云原生团队负责人\n\n### 分享主题：基于 Foo 的多集群管理\n\n多集群管理是……\n\n"
            "### 讲师介绍\n\n**冯雨桐**\n\n北辰大学博士生\n\n### 分享主题：边缘计算调度\n")
    merged = merge_mentions(extracted(body, know).mentions)  # as the tables have them: one row a person
    assert {m.name: m.talks for m in merged} == {"周嘉怡": ["基于 Foo 的多集群管理"], "冯雨桐": ["边缘计算调度"]}


def test_a_trade_word_inside_a_fields_name_ends_no_body(know):
    """`…，蓝鲸互娱大数据平台负责人`: 数据 ends company names (`云海数据`), but here it is the end of the field
    大数据, which opens the title (the body read `蓝鲸互娱大数据`)."""
    body = "![](x.png)\n\n**李岗**\n\nApache Foo PMC，蓝鲸互娱大数据平台负责人\n"
    assert {m.name: [(a.org, a.title) for a in m.affiliations] for m in extracted(body, know).mentions} == {
        "李岗": [("Apache Foo", "PMC"), ("蓝鲸互娱", "大数据平台负责人")]}


def test_a_known_latin_body_glued_after_a_title_opens_an_affiliation_of_its_own(lex):
    """`清华大学计算机学院副主任openGauss社区技术委员会主席李国良` (as one copy of a corpus post writes
    it): the known body right after the title opens a second affiliation, as after a space."""
    knowing = build_knowledge(lex, {"StarDB社区", "北辰大学"}, load_dictionary())
    for text in ("北辰大学计算机学院副主任StarDB社区技术委员会主席王思远", "北辰大学计算机学院副主任 StarDB社区技术委员会主席 王思远"):
        person = parse_person_text(text, knowing)
        assert [(a.org, a.title) for a in person.affiliations] == [("北辰大学", "计算机学院副主任"),
                                                                  ("StarDB社区", "技术委员会主席")]


def test_people_merely_thanked_in_prose_are_no_speakers(know):
    """The gold's rule: prose names speakers, hosts, guests, not people merely thanked; a thanks for
    a talk still names its speaker."""
    body = ("感谢志愿者冯嘉怡的辛勤付出。\n\n衷心感谢主导本次评审的 StarDB TOC 主席 Jane Roe 与 TOC 成员王泽峰。\n\n"
            "感谢星河科技工程师王思远的精彩分享。\n")
    found = {m.name: [(a.org, a.title) for a in m.affiliations] for m in extracted(body, know).mentions}
    assert found == {"王思远": [("星河科技", "工程师")]}


def test_an_agenda_rows_short_last_part_after_a_bodys_part_is_the_talk(know):
    """`14:40 | 李嘉怡 | 云海数据 | 向量检索`: after a part that names a body, the last one is the talk
    even at four characters (it was joined to the body, `云海数据 向量检索`, and the row gave nobody)."""
    body = "## 议程\n\n- 14:40 | 李嘉怡 | 云海数据 | 向量检索\n- Li Ming | 架构师 | 星河跳动\n"
    found = {m.name: ([(a.org, a.title) for a in m.affiliations], m.talks) for m in extracted(body, know).mentions}
    assert found == {"李嘉怡": ([("云海数据", "")], ["向量检索"]), "Li Ming": ([("星河跳动", "架构师")], [])}


def test_an_english_title_at_an_organisation(know):

    def person(text):
        found = parse_person_text(text, know)
        return found.name, [(a.org, a.title) for a in found.affiliations], found.talk
    assert [(a.org, a.title) for a in split_affiliations("Senior Engineer at StarDB", know)] == [("StarDB", "Senior Engineer")]
    assert person("Speaker: Jon Doe, Staff Engineer at Acme Cloud") == ("Jon Doe", [("Acme Cloud", "Staff Engineer")], "")


def test_an_english_title_of_an_organisation_and_of_a_field(know):

    def affiliations(text):
        return [(a.org, a.title) for a in split_affiliations(text, know)]
    assert affiliations("CTO of Acme Labs") == [("Acme Labs", "CTO")]
    assert affiliations("Co-founder of Globex") == [("Globex", "Co-founder")]
    assert affiliations("VP of Engineering") == [("", "VP of Engineering")]  # a field, not a body
    assert affiliations("Head of Developer Relations") == [("", "Head of Developer Relations")]


def test_bold_name_and_colon_name_comma_bio_list_items_and_photo_lead_ins(know):
    body = ("**张一涵**，星云数据高级工程师，主要研究分布式存储，本次带来《对象存储的分层设计》。\n\n"
            "**吕一欣**：北辰大学计算机学院副教授\n\n分享主题：「云原生可观测性实践」\n\n"
            "- 汪一墨，海纳数据产品总监，分享了《数据湖的演进》\n- 邓一桐，北辰大学博士生，分享了《基于 eBPF 的性能分析》\n\n"
            "![图为方一宇在现场演讲](x.jpg)\n")
    got = {m.name: ([(a.org, a.title) for a in m.affiliations], m.talks)
           for m in merge_mentions(extracted(body, know).mentions) if m.source_kind != "prose"}  # one row a person
    assert got == {"张一涵": ([("星云数据", "高级工程师")], ["对象存储的分层设计"]),
                   "吕一欣": ([("北辰大学", "计算机学院副教授")], ["云原生可观测性实践"]),
                   "汪一墨": ([("海纳数据", "产品总监")], ["数据湖的演进"]),
                   "邓一桐": ([("北辰大学", "博士生")], ["基于 eBPF 的性能分析"]),
                   "方一宇": ([], [])}


@pytest.mark.parametrize("line, expected", [
    ("**丁一凡** 星河科技 架构师", {"丁一凡": ("caption", 4, [("星河科技", "架构师")], [])}),
    ("**丁一凡** 星河科技高级架构师。", {"丁一凡": ("caption", 4, [("星河科技", "高级架构师")], [])}),
    ("**丁一凡** 我觉得开源最重要的是人。", {}),
    ("**丁一凡** 说：星河科技的架构师很厉害", {}),
    ("**丁一凡** 星河科技前端工程师，负责云数据库多个产品。", {}),  # a bio: read by the bio readers, not as a line
])
def test_a_bold_name_then_its_affiliation_on_a_line_of_its_own(line, expected, know):
    assert found(f"---\ntitle: x\n---\n{line}\n", know) == expected


@pytest.mark.parametrize("body, expected", [
    ("分享嘉宾：丁一凡\n\n嘉宾简介：星河科技高级架构师，十年数据库经验。", [("星河科技", "高级架构师")]),
    ("### 丁一凡：《向量检索实践》\n\n星河科技高级架构师", [("星河科技", "高级架构师")]),
    ("**主持人：丁一凡**\n\n星河科技 高级架构师 李一二", []),  # the line below names someone else
])
def test_a_name_given_alone_takes_the_bio_or_affiliation_line_under_it(body, expected, know):
    mentions = extraction_of(f"---\ntitle: x\n---\n{body}\n", know).mentions
    assert sorted({(a.org, a.title) for m in mentions if m.name == "丁一凡" for a in m.affiliations}) == expected


def test_a_photo_card_that_opens_with_the_role_gives_it_to_the_name_line_below(know):
    text = ("---\ntitle: x\n---\n<img src=\"a.png\" style=\"width: 15%\">\n\nIoT SIG Maintainer\n\n"
            "张一伟  云和恩墨\n\nGiteeID: @zhang\n\n![](b.png)\n\n活动现场\n\n李一凡 北辰大学\n")
    assert found(text, know) == {"张一伟": ("caption", 8, [("云和恩墨", "IoT SIG Maintainer")], [])}


@pytest.mark.parametrize("name_line, expected", [
    ("王一凡", {"王一凡": ("caption", 8, [("星河科技", "CEO")], [])}),
    ("王一凡在大会上致辞。", {}),  # a sentence under the card is prose
])
def test_a_photo_card_with_the_affiliation_above_the_name(name_line, expected, know):
    assert found(f"---\ntitle: x\n---\n![](a.jpg)\n\n星河科技 CEO\n\n{name_line}\n", know) == expected


@pytest.mark.parametrize("line, expected", [
    ("社区核心参与者：[Jane Roe](https://x.y/j)、[王一源](https://x.y/w)",
     {"Jane Roe": [("", "社区核心参与者")], "王一源": [("", "社区核心参与者")]}),
    ("**新晋 Maintainer**：王一凡（星河科技）、李一德", {"王一凡": [("星河科技", "新晋 Maintainer")],
                                                 "李一德": [("", "新晋 Maintainer")]}),
    ("华为 Maintainer：王一凡、李一德", {"王一凡": [("华为", "Maintainer")], "李一德": [("华为", "Maintainer")]}),
    ("总经理：我们认为开源很重要。", {}),
])
def test_a_title_as_the_label_of_a_list_of_names(line, expected, know):
    assert {name: value[2] for name, value in found(f"---\ntitle: x\n---\n{line}\n", know).items()} == expected


def test_a_bold_label_is_no_bold_name(know):
    line = "**圆桌嘉宾**：王一凡（星河科技）、李一德（北辰大学）、赵一平（天穹数据）"
    mentions = extraction_of(f"---\ntitle: x\n---\n{line}\n", know).mentions
    assert sorted((m.name, [(a.org, a.title) for a in m.affiliations]) for m in mentions) == [
        ("李一德", [("北辰大学", "")]), ("王一凡", [("星河科技", "")]), ("赵一平", [("天穹数据", "")])]


def test_an_event_word_before_a_label_and_years_of_experience_among_the_titles(know):
    text = "---\ntitle: x\n---\n活动嘉宾： 田一罡        星河社区技术委员会主席、 华为数据库C-TMG主任、 16年数据库开发经验。\n"
    assert found(text, know) == {"田一罡": ("caption", 4, [("华为", "数据库C-TMG主任"), ("星河社区", "技术委员会主席")], [])}


@pytest.mark.parametrize("caption", [
    "![王一凡（星河科技）与 Jane Roe（Acme）在星河大会 2026 的分享](a.jpg)",
    "![](a.jpg)\n王一凡（星河科技）、Jane Roe（Acme）",
])
def test_a_photo_caption_of_two_people_each_with_a_bracketed_body(caption, know):
    assert {name: value[2] for name, value in found(f"---\ntitle: x\n---\n{caption}\n", know).items()} == {
        "王一凡": [("星河科技", "")], "Jane Roe": [("Acme", "")]}


@pytest.mark.parametrize("line, expected", [
    ("**Speaker:** Jane Roe (Acme)", {"Jane Roe": ("caption", 4, [("Acme", "")], [])}),  # a Latin name's bracketed word
    ("**讲师：** 王一 (Rick)", {"王一": ("caption", 4, [], [])}),  # after a Han name: another spelling
    ("- 14:00-14:40 向量检索实践 / 王一凡（星河科技）", {"王一凡": ("caption", 4, [("星河科技", "")], ["向量检索实践"])}),
])
def test_latin_bodies_in_brackets_and_a_talk_set_apart_by_a_slash(line, expected, know):
    assert found(f"---\ntitle: x\n---\n{line}\n", know) == expected


@pytest.mark.parametrize("line, expected", [
    ("**胡一云 | StarDB集成商 鸿鹄元数总经理**", [("鸿鹄元数", "总经理")]),
    ("**王一凡 星河科技合作伙伴部总监**", [("星河科技", "合作伙伴部总监")]),  # a department, no second body
])
def test_a_body_named_by_its_relation_to_another_is_the_affiliation(line, expected, know):
    assert list(found(f"---\ntitle: x\n---\n{line}\n", know).values())[0][2] == expected


def test_an_interview_answer_after_a_bold_name_is_no_affiliation(know):
    body = "**吕一欣**：我觉得开源社区最重要的是人，我们一直在做这件事。\n"
    assert [m.name for m in extracted(body, know).mentions if m.source_kind != "prose"] == []


@pytest.mark.parametrize("sentence, expected", [
    ("活动当天，汪一墨（海纳数据产品总监）分享了《数据湖的演进》，现场反响热烈。", ("汪一墨", [("海纳数据", "产品总监")])),
    ("随后，邓一桐，北辰大学计算机学院博士生，介绍了基于 eBPF 的性能分析方法。", ("邓一桐", [("北辰大学", "计算机学院博士生")])),
    ("最后，由北辰大学的卫一轩老师带来《开源教育》主题演讲。", ("卫一轩", [("北辰大学", "")])),
    ("本次活动邀请到了华为的卫一轩老师，为大家带来主题分享。", ("卫一轩", [("华为", "")])),  # 了 before a short body
    ("首先，来自 StarDB 的黄一旭分享了新版本的进展。", ("黄一旭", [("StarDB", "")])),  # 来自…的, no title
    ("随后，北辰大学的邓一桐介绍了基于 eBPF 的性能分析方法。", ("邓一桐", [("北辰大学", "")])),
    ("丁一凡老师是星河科技的高级架构师，为大家分享了《向量检索实践》。", ("丁一凡", [("星河科技", "高级架构师")])),
    ("今天我们就来看看 StarDB Committer 白一坤的贡献历程吧。", ("白一坤", [("StarDB", "Committer")])),
    ("星河数据 StarDB 产品经理 黄一旭在大会上分享了新版本。", ("黄一旭", [("星河数据", "StarDB 产品经理")])),  # as 云和恩墨 MogDB …
    ("- 丁一（花名：叔同，研究员），云原生应用平台团队负责人。", ("丁一", [("", "研究员")])),
    ("欧一凯（博维科技研究员、广东省智能科技研究院实验室主管）展示了平台。",
     ("欧一凯", [("博维科技", "研究员"), ("广东省智能科技研究院", "实验室主管")])),
])
def test_prose_names_with_their_affiliation_after_them(sentence, expected, know):
    found = [(m.name, [(a.org, a.title) for a in m.affiliations]) for m in extracted(sentence + "\n", know).mentions]
    assert found == [expected]


@pytest.mark.parametrize("sentence", [
    "张一鸣（左）和李一强（右）在交流。",
    "随后，王一，我们的老朋友，也来到了现场。",
    "会上，华为（中国）有限公司发布了新版本。",
    "北辰大学的高性能计算平台介绍了新版本。",
    "华为的王者之路分享了很多经验。",
    "他平时也是个话剧爱好者，分享了不少经验。",
    "活动是星河科技的高级架构师组织的，分享了经验。",
])
def test_prose_asides_that_are_no_affiliation(sentence, know):
    assert [m.name for m in extracted(sentence + "\n", know).mentions if m.affiliations] == []


@pytest.mark.parametrize("text, expected", [
    ("「Dynamia 星瓜智能」Head of Global Market & Solution Engineer",
     [("Dynamia 星瓜智能", "Head of Global Market"), ("Dynamia 星瓜智能", "Solution Engineer")]),
    ("Simplismart Forward Deployed Engineer", [("Simplismart", "Forward Deployed Engineer")]),
    ("江苏星河生态创新中心/江苏欧拉生态创新中心CTO", [("江苏星河生态创新中心", "CTO"), ("江苏欧拉生态创新中心", "CTO")]),
    ("Red Hat 以及 vLLM 社区成员", [("Red Hat", "成员"), ("vLLM 社区", "成员")]),
    ("江苏星河、昇腾生态创新中心首席运营官", [("江苏星河、昇腾生态创新中心", "首席运营官")]),
    ("南京星石数据技术有限责任公司、深圳星河产业联盟高级顾问",
     [("南京星石数据技术有限责任公司", ""), ("深圳星河产业联盟", "高级顾问")]),
    ("星河大学教授、凝一软件研发专家", [("星河大学", "教授"), ("凝一软件", "研发专家")]),
    ("星河大学教授、大数据研究专家", [("星河大学", "教授"), ("星河大学", "大数据研究专家")]),
    ("南京星石数据技术有限责任公司深圳星河产业联盟高级顾问",
     [("南京星石数据技术有限责任公司", ""), ("深圳星河产业联盟", "高级顾问")]),
    ("星河移动信息技术有限公司平台能力中心研发总监", [("星河移动信息技术有限公司", "平台能力中心研发总监")]),
])
def test_organisations_joined_before_one_title_share_it(text, expected, know):

    assert [(a.org, a.title) for a in split_affiliations(text, know)] == expected


def test_a_prose_organisation_keeps_its_bracketed_short_name(know):
    sentence = "2026 年 7 月 16 日，星瓜智能（Dynamia）联合创始人兼 CTO、HAMi 作者 李一轩 在 Meetup 上做了一场分享。\n"
    found = [(m.name, [(a.org, a.title) for a in m.affiliations]) for m in extracted(sentence, know).mentions]
    assert found == [("李一轩", [("星瓜智能（Dynamia）", "联合创始人"), ("星瓜智能（Dynamia）", "CTO"), ("HAMi", "作者")])]


@pytest.mark.parametrize("orgs, text, expected", [
    ("星河通", "星河通软件总经理", [("星河通软件", "总经理")]),
    ("润和", "润和软件副董事长", [("润和软件", "副董事长")]),
    ("华为", "华为软件开发工程师", [("华为", "软件开发工程师")]),
    ("", "星河软件副董事长", [("星河软件", "副董事长")]),
])
def test_a_trade_word_before_a_company_level_title_belongs_to_the_name(orgs, text, expected, lex):

    know = build_knowledge(lex, {orgs}, load_dictionary())
    assert [(a.org, a.title) for a in split_affiliations(text, know)] == expected


def test_a_name_under_a_photo_takes_the_affiliation_line_after_it(know):
    body = ('<div class="speaker">\n  <img src="a.jpg">\n  <h4>王一国</h4>\n  <p>星河科技 高级架构师</p>\n</div>\n\n'
            '<div class="speaker">\n<img src="b.jpg"/>\n<p><strong>范一雯</strong></p>\n<p>活动现场座无虚席。</p>\n</div>\n')
    got = affiliations_by_name(extracted(body, know))
    assert got == {"王一国": [("星河科技", "高级架构师")], "范一雯": []}


@pytest.mark.parametrize("line, expected", [
    ("🎤 分享嘉宾：赵一奇，云海数据首席架构师", ("赵一奇", [("云海数据", "首席架构师")])),
    ("👨‍💻 讲师：钱一星（北辰大学）", ("钱一星", [("北辰大学", "")])),
    ("嘉宾一：孙一方，星火开源基金会理事长", ("孙一方", [("星火开源基金会", "理事长")])),
])
def test_speaker_labels_after_an_emoji_or_with_a_number(line, expected, know):
    assert [(m.name, [(a.org, a.title) for a in m.affiliations]) for m in extracted(line + "\n", know).mentions] == [expected]


def test_list_items_under_a_bare_speaker_label_are_speakers(know):
    body = "Speakers:\n\n- Jon Doe (StarDB)\n- 李一强（星河科技）\n\n演讲嘉宾：\n\n- 王一鸣\n"
    got = affiliations_by_name(extracted(body, know))
    assert got == {"Jon Doe": [("StarDB", "")], "李一强": [("星河科技", "")], "王一鸣": []}


@pytest.mark.parametrize("body, expected", [
    ("【嘉宾】周一航 星河云 架构师\n", {"周一航": ([("星河云", "架构师")], [])}),
    ("[讲师] 吴一帆，云海数据高级工程师\n", {"吴一帆": ([("云海数据", "高级工程师")], [])}),
    ("### 01 / 郑一鸣：服务网格的演进\n\n正文。\n", {"郑一鸣": ([], ["服务网格的演进"])}),
    ("### Part 2 | 冯一宁《可观测性实践》\n\n正文。\n", {"冯一宁": ([], ["可观测性实践"])}),
    ("> 分享嘉宾：卫一东\n> 星河大学 副教授\n> 分享主题：《开源教育》\n", {"卫一东": ([("星河大学", "副教授")], ["开源教育"])}),
    ("导师：伍一叶\n\n导师邮箱：wuyiye@example.com\n", {"伍一叶": ([], [])}),  # a record line, no affiliation
    ("讲师：向一宇\n\n人群 | 运维人员、数据库开发工程师\n", {"向一宇": ([], [])}),
    ("**项目标题：** **星河支持向量索引**\n\n**项目导师：** 林一旭\n\n**项目申请：** <https://x.y/1>\n",
     {"林一旭": ([], [])}),  # a summer-of-code mentor: named, the project is no talk
    ("### 嘉宾分享一：桂一鸣《星河在政务云的实践》\n\n正文。\n", {"桂一鸣": ([], ["星河在政务云的实践"])}),  # a numbered label
    ("本专场出品人：芮一帆，锦江星河 CTO\n", {"芮一帆": ([("锦江星河", "CTO")], [])}),  # a label after a track's word
    ("| 姓名 | 单位 | 贡献 |\n| --- | --- | --- |\n| 应一川 | 个人开发者 | 插件开发 |\n",
     {"应一川": ([("", "个人开发者")], [])}),  # an organisation cell that says there is none
    ("| 序号 | 议题 | 分享人 | 公司/职位 |\n| --- | --- | --- | --- |\n| 1 | 向量索引 | 鄢一鸣 | 星河科技/架构师 |\n",
     {"鄢一鸣": ([("星河科技", "架构师")], ["向量索引"])}),  # one column for both: its cell split
    ("**晏一川（星衡科技）**：分享了可观测平台在大促中的实践。\n", {"晏一川": ([("星衡科技", "")], [])}),
    ("Panelists: Li Na (Acme Cloud), Tom Brown (Umbrella Corp) and Wang Fang (Independent Developer)\n",
     {"Li Na": ([("Acme Cloud", "")], []), "Tom Brown": ([("Umbrella Corp", "")], []),  # Latin words are long
      "Wang Fang": ([("", "Independent Developer")], [])}),
])
def test_bracketed_labels_numbered_headings_and_a_label_line_then_its_affiliation(body, expected, know):
    got = {m.name: ([(a.org, a.title) for a in m.affiliations], m.talks) for m in extracted(body, know).mentions}
    assert got == expected


@pytest.mark.parametrize("body, expected", [
    ("本期讲师：陶一然，星河科技资深工程师\n", {"陶一然": ([("星河科技", "资深工程师")], [])}),
    ("本次分享嘉宾：谢一凡（云海数据 CTO）\n", {"谢一凡": ([("云海数据", "CTO")], [])}),
    ("**韩一梅·北辰大学·副教授**\n", {"韩一梅": ([("北辰大学", "副教授")], [])}),
    ("![](a.jpg)\nJane Roe (Acme Cloud, Senior PM)\n", {"Jane Roe": ([("Acme Cloud", "Senior PM")], [])}),
])
def test_label_lead_ins_middle_dots_and_english_asides(body, expected, know):
    got = {m.name: ([(a.org, a.title) for a in m.affiliations], m.talks)
           for m in extracted(body, know).mentions if m.source_kind != "prose"}
    assert got == expected


def test_member_tables_with_a_role_column_and_speaker_cells_naming_two(know):
    body = ("StarDB 社区正式成立 Cloud SIG。\n\n### 成员名单\n\n| 姓名 | 单位 | 角色 |\n| --- | --- | --- |\n"
            "| 王一五 | 星河科技 | Maintainer |\n| 李一四 | 云海数据 | Committer |\n\n"
            "| 主题 | 分享人 |\n| --- | --- |\n| 服务网格 | 赵一六（星河科技）、钱一七（云海数据） |\n")
    found = extracted(body, know)
    assert member_rows(found.members) == [
        ("Cloud SIG", "Maintainer", "王一五", "星河科技", ""), ("Cloud SIG", "Committer", "李一四", "云海数据", "")]
    assert {m.name: ([(a.org, a.title) for a in m.affiliations], m.talks) for m in found.mentions} == {
        "赵一六": ([("星河科技", "")], ["服务网格"]), "钱一七": ([("云海数据", "")], ["服务网格"])}


def test_a_bold_marked_title_above_a_photo_and_its_caption_is_that_speakers_talk(know):
    """Bold lines head each speaker's part: the opening's has no marked title (no talk), the next
    ones do; each belongs to the caption under the photo below it, not to the caption above it."""
    text = ("---\ntitle: x\n---\n**开场致辞**\n\n![](o.jpg)\n\n<center>北辰大学教授 滑一明</center>\n\n"
            "**《云原生数据库架构演进》**\n\n![](s1.jpg)\n\n<center>星河云科技数据库产品部总经理 麦一东</center>\n\n"
            "**《AI for DB 的探索》**\n\n![](s2.jpg)\n\n<center>云海数据 AI 实验室负责人 冼一凡</center>\n")
    assert talks_by_name(extraction_of(text, know)) == {"滑一明": [], "麦一东": ["云原生数据库架构演进"],
                                                         "冼一凡": ["AI for DB 的探索"]}


def test_a_talk_marker_right_above_a_labelled_speaker_line_is_that_speakers(know):
    """`主题：…` then `讲师：…` make one record, though a speaker card stands above them; where each
    marker follows its speaker's line instead, it stays with that speaker."""
    above = ("---\ntitle: x\n---\n![](a.png)\n\n**史一鸣**\n\n星河科技 资深工程师\n\n"
             "本次直播中，史一鸣老师介绍了 Raft 协议的实践。\n\n"
             "**主题：**多副本一致性的工程实践\n\n**讲师：**雷一峰 云海数据 技术专家\n")
    assert talks_by_name(extraction_of(above, know)) == {"史一鸣": [], "雷一峰": ["多副本一致性的工程实践"]}
    below = ("---\ntitle: x\n---\n讲师：史一鸣 星河科技 资深工程师\n\n主题：多副本一致性\n\n"
             "讲师：雷一峰 云海数据 技术专家\n\n主题：存储引擎的压缩\n")
    assert talks_by_name(extraction_of(below, know)) == {"史一鸣": ["多副本一致性"], "雷一峰": ["存储引擎的压缩"]}
    for between in ("\n\n![](1.jpg)\n\n", "\n\n"):  # a record of three fields each: the bio keeps the talk with A
        records = ("---\ntitle: x\n---\n**分享嘉宾：蒯一鸣**\n\n**嘉宾介绍：**星河科技大数据平台负责人\n\n"
                   f"**演讲主题：**调度系统的实践{between}**分享嘉宾：庾一楠**\n\n**嘉宾介绍：**云海数据 高级开发工程师\n\n"
                   "**演讲主题：**工作流引擎的插件化\n")
        assert talks_by_name(extraction_of(records, know)) == {"蒯一鸣": ["调度系统的实践"], "庾一楠": ["工作流引擎的插件化"]}
    english = ("---\ntitle: x\n---\n### Topic 2: Observability for LLM Apps\n\nSpeaker: Jane Wu, Staff Engineer at Globex\n\n"
               "**Talk:** Building Agents with Tools\n\n**Speaker:** 龙一彤，云海数据 算法工程师\n")  # a heading's topic, then a record
    assert talks_by_name(extraction_of(english, know)) == {"Jane Wu": ["Observability for LLM Apps"],
                                                          "龙一彤": ["Building Agents with Tools"]}
    section = ("---\ntitle: x\n---\n## 开场致辞\n\n![](o.jpg)\n\n星河社区理事长 缪一鸣 致开场辞。\n\n"
               "## 议题一：湖仓一体架构实践\n\n![](t1.jpg)\n\n**分享嘉宾**：干一东，星河科技 大数据架构师\n\n"
               "本次分享中，干一东介绍了实时入湖。\n")  # a marked heading, a photo, then the speaker line
    assert talks_by_name(extraction_of(section, know)) == {"缪一鸣": [], "干一东": ["湖仓一体架构实践"]}
    own_below = ("---\ntitle: x\n---\n讲师：宣一鸣，星河科技 架构师\n\n宣一鸣介绍了很多实践。\n\n主题：分布式缓存\n\n"
                 "讲师：车一东，云海数据 工程师\n\n主题：日志系统\n")  # B has a marker of its own below: the one above is A's
    assert talks_by_name(extraction_of(own_below, know)) == {"宣一鸣": ["分布式缓存"], "车一东": ["日志系统"]}
    headed = ("---\ntitle: x\n---\n### 胥一鸣 | 星河科技 架构师\n\n十年分布式系统经验，StarDB Committer。\n\n"
              "**分享主题**：分布式事务的工程实践\n\n### 嘉宾：蒯一东\n\n云海数据高级工程师。\n\n**分享主题**：LSM 树的调优\n")
    assert talks_by_name(extraction_of(headed, know)) == {"胥一鸣": ["分布式事务的工程实践"], "蒯一东": ["LSM 树的调优"]}
    cards = ("---\ntitle: x\n---\n## 嘉宾\n\n- **计一鸣**\n  - 星河科技 架构师\n  - 议题：《服务治理》\n"
             "- **祁一琪**\n  - 云海数据 技术专家\n  - 议题：《实时数仓》\n")  # name, affiliation, topic: each card's own
    assert talks_by_name(extraction_of(cards, know)) == {"计一鸣": ["服务治理"], "祁一琪": ["实时数仓"]}


def test_a_caption_of_two_people_each_with_a_body(know):
    text = "---\ntitle: x\n---\n![](a.jpg)\n\n**星河科技 王一鸣、云海数据 李晓东**\n"
    assert affiliations_by_name(extraction_of(text, know)) == {"王一鸣": [("星河科技", "")], "李晓东": [("云海数据", "")]}
    titles = "---\ntitle: x\n---\n![](a.jpg)\n\n**星河云与计算开源业务总经理、星火基金会 TOC 主席 堵一平**\n"  # one person's titles
    got = affiliations_by_name(extraction_of(titles, know))
    assert list(got) == ["堵一平"] and [org for org, _ in got["堵一平"]][-1] == "星火基金会"
    assert affiliations_by_name(extraction_of("---\ntitle: x\n---\n![](a.jpg)\n\n**    、星河科技 王一鸣**\n", know)) == {
        "王一鸣": [("星河科技", "")]}  # a list that opens with blanks is no list


def test_list_items_that_are_each_a_title_and_a_name_are_a_list_of_people(know):
    """A list of person-texts is a speaker list with or without a label above it; an item that
    only opens with a name or a brand (`Google 新一代…工具的介绍`) is none."""
    text = ("---\ntitle: x\n---\n本次峰会的嘉宾阵容十分强大。\n\n- 开源基金会秘书长 冷一鸣\n- 星河市科技局副局长 訾一峰\n\n"
            "### 社区大使名单\n\n1. 滕一琪 星河科技 高级工程师\n2. 冉一宇 北辰大学 学生\n\n"
            "- Google 新一代跨平台开发工具 Flutter 的介绍\n- 章一嵩 博士和他背后的负载均衡帝国\n")
    assert found(text, know) == {"冷一鸣": ("caption", 6, [("开源基金会", "秘书长")], []),
                                 "訾一峰": ("caption", 7, [("星河市科技局", "副局长")], []),
                                 "滕一琪": ("caption", 11, [("星河科技", "高级工程师")], []),
                                 "冉一宇": ("caption", 12, [("北辰大学", "学生")], [])}
    labelled = "---\ntitle: x\n---\n## 致辞嘉宾\n\n- 王一鸣\n- 李一东\n"  # a label heading over bare names
    assert sorted(found(labelled, know)) == ["李一东", "王一鸣"]


def test_marked_titles_joined_after_a_verb_of_speech_are_all_the_speakers_talks(know):
    """`分享了《A》和《B》`: two talks; `分别分享了《X》和《Y》`: one each; `出版了《…》、《…》`: books."""
    text = ("---\ntitle: x\n---\n![](a.jpg)\n\n**星河科技架构师 顾一鸣**\n\n顾一鸣先后分享了《分布式事务》和《存储引擎》两个主题。\n\n"
            "![](b.jpg)\n\n**北辰大学教授 简一东**、**云海数据 CTO 谷一凡**\n\n简一东和谷一凡分别分享了《图计算》和《流计算》。\n\n"
            "![](c.jpg)\n\n**天穹大学教授 李一良**\n\n李一良教授发表了主题演讲，并编著出版了《数据库核心技术》、《数据库源码解析》。\n")
    talks = talks_by_name(extraction_of(text, know))
    assert talks["顾一鸣"] == ["分布式事务", "存储引擎"]
    assert (talks["简一东"], talks["谷一凡"]) == (["图计算"], ["流计算"])
    assert talks["李一良"] == []


def test_a_front_matter_list_of_person_texts_names_speakers_and_not_handles(know):
    text = ('---\ntitle: x\nguests: ["仇一鸣（星河科技）", "芦一东（云海数据 架构师）"]\nmentors:\n  - Akagilnc\n'
            "  - 庞一川\n---\n正文。\n")
    assert found(text, know) == {"仇一鸣": ("table", 3, [("星河科技", "")], []),
                                 "芦一东": ("table", 3, [("云海数据", "架构师")], []), "庞一川": ("table", 6, [], [])}


def test_lines_right_under_a_bold_label_or_a_label_line_each_name_a_person(know):
    """`**分享嘉宾**` (bold, no colon) over a line; `团队成员：` over a line per member; under a
    bio's label the lines are the bio, no names (`Deno contributor；…`)."""
    text = ("---\ntitle: x\n---\n**分享嘉宾**\n\n符一彤 天穹科技 高级工程师\n\n## 团队\n\n团队成员：\n"
            "刘  一 星河科技大学计算机学院，研究生一年级\n邱一璞 星河科技大学信息学院，研究生一年级\n\n"
            "#### 讲师简介\n\n**满一荣**，星河科技架构师。\n\nDeno contributor；Deno 中国发起人。\n")
    assert found(text, know) == {
        "符一彤": ("caption", 6, [("天穹科技", "高级工程师")], []),
        "刘一": ("caption", 11, [("星河科技大学", "计算机学院，研究生一年级")], []),
        "邱一璞": ("caption", 12, [("星河科技大学", "信息学院，研究生一年级")], []),
        "满一荣": ("caption", 16, [("星河科技", "架构师")], [])}


def test_a_member_table_whose_name_column_is_called_members_gives_every_row_its_role(know):
    body = ("StarDB 性能优化 SIG 今日正式成立，首批成员如下：\n\n| 角色 | 成员 | 所属单位 |\n| --- | --- | --- |\n"
            "| SIG Owner | 卞一鸣 | 星河科技 |\n| Maintainer | 苗一东 | 云海数据 |\n")
    assert member_rows(extracted(body, know).members) == [("性能优化 SIG", "SIG Owner", "卞一鸣", "星河科技", ""),
                                                          ("性能优化 SIG", "Maintainer", "苗一东", "云海数据", "")]


@pytest.mark.parametrize("title, expected", [
    ("专访 | 星河科技 CTO 覃一凡", {"覃一凡": ("heading", 2, [("星河科技", "CTO")], [])}),
    ("对话邢一东：开源商业化的路径", {"邢一东": ("heading", 2, [], [])}),
    ("对话：开源商业化的路径", {}),
    ("对话 Maintainer：柴一鸣", {"柴一鸣": ("heading", 2, [("", "Maintainer")], [])}),  # a role, then the name
])
def test_an_interview_title_names_its_person_after_the_opening_word(title, expected, know):
    assert found(f"---\ntitle: \"{title}\"\n---\n\n正文。\n", know) == expected


def test_a_member_tables_post_column_holding_roles_gives_the_role(know):
    """No role column, and `职务` holds what is wholly a member role: the role in the group."""
    body = ("## 技术委员会名单\n\n| 序号 | 姓名 | 单位 | 职务 |\n| --- | --- | --- | --- |\n"
            "| 1 | 樊一川 | 天穹科技 | 主任委员 |\n| 2 | 房一彤 | 星衡数据 | 首席架构师 |\n")
    assert member_rows(extracted(body, know).members) == [("技术委员会", "主任委员", "樊一川", "天穹科技", ""),
                                                          ("技术委员会", "", "房一彤", "星衡数据", "首席架构师")]


def test_agenda_lines_with_bars_and_spaced_dots(know):
    """`time | 开场致辞 | name | org`: a part of the event is no body; `name · org title` under a
    marked title is a speaker line; `地点：A · B · C` is a field's values, nobody."""
    text = ("---\ntitle: x\n---\n- 14:00-14:30 | 开场致辞 | 鲍一鸣 | 星河科技\n"
            "- 14:30-15:10 | 云原生存储实践 | 喻一东 | 云海数据 架构师\n\n"
            "**14:40 - 15:20**\n《向量检索的工程实践》\n鲁一彤 · 星衡数据 研发经理\n\n"
            "- **地点**：Hall 1–5 · Gouda Zone · Poster Pavilion\n")
    assert found(text, know) == {"鲍一鸣": ("caption", 4, [("星河科技", "")], []),
                                 "喻一东": ("caption", 5, [("云海数据", "架构师")], ["云原生存储实践"]),
                                 "鲁一彤": ("caption", 9, [("星衡数据", "研发经理")], ["向量检索的工程实践"])}


def test_a_figure_caption_or_a_caption_class_is_a_caption_and_forms_of_address_name_nobody(know):
    """`<figcaption>`, `<div class="caption">`: captions; `贺老`, `余先生` under a photo: a form of
    address, no name; a talk's abstract under a name caption is no bio (`JS 全栈概念主要是…而言`)."""
    text = ("---\ntitle: x\n---\n<figure>\n{% asset_img a.png %}\n  <figcaption>余一江</figcaption>\n</figure>\n\n"
            "ThoughtWorks 咨询师，95 后，Angular 布道者。\n\n<div class=\"img-caption\">北辰大学 教授 阎一帆</div>\n\n"
            "<figure>\n  <figcaption>贺老</figcaption>\n</figure>\n\n<figure>\n  <figcaption>余先生</figcaption>\n</figure>\n\n"
            "<figure>\n{% asset_img b.png %}\n  <figcaption>唐一峰</figcaption>\n</figure>\n\n"
            "JS 全栈概念主要是基于 Web 开发而言。\n")
    assert affiliations_by_name(extraction_of(text, know)) == {
        "余一江": [("ThoughtWorks", "咨询师")], "阎一帆": [("北辰大学", "教授")], "唐一峰": []}


def test_a_numbered_section_over_one_speakers_caption_is_that_speakers_talk(know):
    """`## 1. …` then a photo and one caption: the talk; a numbered section with two people, or a
    heading with no number, gives none this way."""
    text = ("---\ntitle: x\n---\n## 1. 湖仓一体架构实践\n\n![](t1.jpg)\n\n<center>星河科技 大数据架构师 景一东</center>\n\n"
            "景一东介绍了实时入湖。\n\n## 2. 向量检索的工程化\n\n![](t2.jpg)\n\n**云海数据 算法专家 梁一彤**\n\n"
            "## 3. 现场花絮与合影\n\n![](t3.jpg)\n\n<center>北辰大学 副教授 钱一川、天穹科技 CTO 孙一雯</center>\n\n"
            "## 湖仓一体的明天\n\n![](t4.jpg)\n\n<center>北辰大学 教授 邹一平</center>\n")
    assert talks_by_name(extraction_of(text, know)) == {"景一东": ["湖仓一体架构实践"], "梁一彤": ["向量检索的工程化"],
                                                         "钱一川": [], "孙一雯": [], "邹一平": []}


def test_a_member_tables_name_cell_is_read_as_a_speaker_tables_is(know):
    """A name cell vouches for a name no surname list knows (貊), as a speaker column does."""
    body = ("## 星河西安用户组成员\n\n| 角色 | 姓名 | 单位 |\n| --- | --- | --- |\n"
            "| 组长 | 宇文一鸣 | 长安星河 |\n| 副组长 | 貊晓琳 | 西岭大学 |\n")
    assert member_rows(extracted(body, know).members) == [("星河西安用户组", "组长", "宇文一鸣", "长安星河", ""),
                                                          ("星河西安用户组", "副组长", "貊晓琳", "西岭大学", "")]


@pytest.mark.parametrize("caption", ["星河科技高级工程师 张一三 正在分享", "星河科技高级工程师张一三为大家带来精彩分享",
                                     "星河科技高级工程师张一三发表主旨演讲", "星河科技 高级工程师 张一三 分享现场",
                                     "星河科技高级工程师张一三演讲中"])
def test_a_photo_caption_that_ends_with_what_the_speaker_does(caption, know):

    found = parse_person_text(caption, know)
    assert (found.name, [(a.org, a.title) for a in found.affiliations]) == ("张一三", [("星河科技", "高级工程师")])


def test_a_bio_clause_that_says_where_the_person_is_now(know):
    body = "**满一荣**，前星河优启科技架构师、前云海科技 CTO，现 StarWorks 切图仔。\n"
    got = affiliations_by_name(extracted(body, know))
    assert got == {"满一荣": [("星河优启科技", "架构师"), ("云海科技", "CTO"), ("StarWorks", "切图仔")]}


def test_a_sig_named_after_the_word_sig_names_the_member_list(know):
    body = ("**星河社区正式成立 SIG KnowledgeGraph。**\n\n<img src='a.png'>\nMaintainer 王一鑫 天津大学\n\n"
            "SIG Maintainer 负责评审。\n\n<img src='b.png'>\nCommitter 李一 华为\n")
    assert [(m.group_name, m.name) for m in extracted(body, know).members] == [
        ("SIG KnowledgeGraph", "王一鑫"), ("SIG KnowledgeGraph", "李一")]


def test_agenda_items_that_open_with_a_time(know):
    body = ("## 议程\n\n- 14:00-14:30 《服务网格的演进》 张一三 星河科技\n- 14:30 | 李一四 | 云海数据 架构师 | 《可观测性实践》\n"
            "- 15:00-15:30 开源治理实践 —— 王一五（北辰大学 副教授）\n")
    got = {m.name: ([(a.org, a.title) for a in m.affiliations], m.talks) for m in extracted(body, know).mentions}
    assert got == {"张一三": ([("星河科技", "")], ["服务网格的演进"]), "李一四": ([("云海数据", "架构师")], ["可观测性实践"]),
                   "王一五": ([("北辰大学", "副教授")], ["开源治理实践"])}


@pytest.mark.parametrize("line, expected", [
    ("圆桌嘉宾：周一航（星河科技 CTO）、吴一帆（云海数据）", {"周一航": [("星河科技", "CTO")], "吴一帆": [("云海数据", "")]}),
    ("受访者：郑一鸣，北辰大学副教授", {"郑一鸣": [("北辰大学", "副教授")]}),
    ("评委：冯一宁（星河科技）", {"冯一宁": [("星河科技", "")]}),
    ("Moderator: Jon Doe, Staff Engineer at StarDB", {"Jon Doe": [("StarDB", "Staff Engineer")]}),
])
def test_panel_interview_and_jury_labels(line, expected, know):
    got = affiliations_by_name(extracted(line + "\n", know))
    assert got == expected


def test_a_member_table_without_header_cells_reads_its_label_row(know):
    body = ("### 星河 SIG 成员名单\n\n<table>\n<tr><td>姓名</td><td>单位</td><td>角色</td></tr>\n"
            "<tr><td>王一五</td><td>星河科技</td><td>Maintainer</td></tr>\n</table>\n")
    assert [(m.role, m.name, m.org, m.title) for m in extracted(body, know).members] == [
        ("Maintainer", "王一五", "星河科技", "")]


def test_speaker_cards_name_under_a_photo_then_an_affiliation_line(know):
    text = ("---\ntitle: x\n---\n"
            '<div class="speaker">\n<img src="a.jpg">\n<p class="name">尤思源</p>\n'
            '<p class="title">澄湖软件 内核研发专家</p>\n<p class="topic">分享主题：查询优化器的代价模型</p>\n</div>\n\n'
            '<div class="speaker">\n<img src="b.jpg">\n<p class="name">葛文静</p>\n'
            '<p class="title">西岭大学 计算机学院副教授</p>\n<p>分享主题：学习型索引综述</p>\n</div>\n\n'
            "![](c.jpg)\n\n大家合影\n\n活动现场气氛热烈\n")
    assert found(text, know) == {
        "尤思源": ("caption", 6, [("澄湖软件", "内核研发专家")], ["查询优化器的代价模型"]),
        "葛文静": ("caption", 13, [("西岭大学", "计算机学院副教授")], ["学习型索引综述"])}


def test_a_speaker_card_gives_one_affiliation_a_line(know):
    text = ("---\ntitle: x\n---\n<figure>\n<img src=\"a.jpg\">\n<figcaption>余一琦</figcaption>\n"
            "<figcaption>星河社区 - 核心成员</figcaption>\n<figcaption>云海互动 - Web 开发工程师</figcaption>\n"
            "</figure>\n\n活动现场气氛热烈。\n")
    assert found(text, know) == {"余一琦": ("caption", 6, [("云海互动", "Web 开发工程师"), ("星河社区", "核心成员")], [])}


def test_a_talk_label_heading_gives_the_talk_of_the_speaker_above(know):
    text = ("---\ntitle: x\n---\n### 分享嘉宾\n\n![](a.png)\n\n闵一辰 | 云栖智算 解决方案架构师\n\n### 演讲主题\n\n"
            "《向量检索在推荐系统中的落地》\n\n### 分享嘉宾\n\n![](b.png)\n\n戚一峰 | 深蓝计算 研发总监\n\n"
            "### 演讲主题\n\n大模型时代的数据基础设施\n\n### 活动花絮\n\n现场交流热烈。\n")
    assert found(text, know) == {
        "闵一辰": ("caption", 8, [("云栖智算", "解决方案架构师")], ["向量检索在推荐系统中的落地"]),
        "戚一峰": ("caption", 18, [("深蓝计算", "研发总监")], ["大模型时代的数据基础设施"])}


@pytest.mark.parametrize("line", [
    "圆桌对话：主持人 贺一章（远川数据）；嘉宾 蓝一洋（北辰科技）、柴一溪（星汉云）",
    "圆桌对话：主持人：贺一章（远川数据）；嘉宾：蓝一洋（北辰科技）、柴一溪（星汉云）",
])
def test_a_session_name_before_speaker_labels_with_or_without_colons(line, know):
    got = affiliations_by_name(extracted(line + "\n", know))
    assert got == {"贺一章": [("远川数据", "")], "蓝一洋": [("北辰科技", "")], "柴一溪": [("星汉云", "")]}


def test_a_line_of_labels_that_name_nobody_is_no_session(know):
    assert extracted("时间：下午两点 地点：北京\n", know).mentions == []


@pytest.mark.parametrize("caption, affiliations", [
    ("钟一涛, Senior Architect, 极光云科技", [("极光云科技", "Senior Architect")]),
    ("钟一涛，高级架构师，北辰大学", [("北辰大学", "高级架构师")]),
    ("钟一涛，高级架构师，热爱数据", [("", "高级架构师")]),
])
def test_a_title_then_a_chinese_organisation_after_the_name(caption, affiliations, know):
    assert found(bold_under_photo(caption), know) == {"钟一涛": ("caption", 5, affiliations, [])}


def test_a_bold_name_alone_then_its_affiliation_line(know):
    text = ("---\ntitle: x\n---\n## 嘉宾介绍\n\n**冼一明**\n\n青云科技 KubeSphere 研发负责人\n\n"
            "**分享主题**：云原生多集群管理的实践\n\n**裘一桐**\n\n星河银行 容器平台架构师\n\n"
            "**分享主题**：金融行业的容器化之路\n\n**致谢**\n\n活动现场气氛热烈\n")
    cards = {m.name: (m.source_kind, m.line, sorted((a.org, a.title) for a in m.affiliations), m.talks)
             for m in extraction_of(text, know).mentions if m.rule == "caption:bare"}  # a bio heading reads 冼一明 too
    assert cards == {
        "冼一明": ("caption", 6, [("青云科技", "KubeSphere 研发负责人")], ["云原生多集群管理的实践"]),
        "裘一桐": ("caption", 12, [("星河银行", "容器平台架构师")], ["金融行业的容器化之路"])}


def test_a_numbered_heading_holding_a_marked_talk_above_its_speaker(know):
    text = ("---\ntitle: x\n---\n### 01 《星河在字节的落地实践》\n\n分享嘉宾：邬一鸣 星河跳动 数据平台研发工程师\n\n"
            "### 1.2 《湖仓一体的查询加速》\n\n鲁一哲 飞轮数据 技术总监\n")
    assert talks_by_name(extraction_of(text, know)) == {
        "邬一鸣": ["星河在字节的落地实践"], "鲁一哲": ["湖仓一体的查询加速"]}


def test_list_items_of_names_with_a_handle_and_a_trade_name_in_brackets(know):
    text = ("---\ntitle: x\n---\n## 新晋 Committer\n\n恭喜以下同学成为 Committer：\n\n- 瞿一鸣（@qym，星环科技）\n"
            "- 聂一帆（@nxf，北岭大学）\n\n## 新晋 PMC\n\n- 甘一峰（远山科技）\n- 开源软件（热爱开源）\n")
    assert found(text, know) == {"瞿一鸣": ("caption", 8, [("星环科技", "")], []),
                                 "聂一帆": ("caption", 9, [("北岭大学", "")], []),
                                 "甘一峰": ("caption", 13, [("远山科技", "")], [])}


def test_front_matter_speaker_records_are_speakers_and_author_records_are_not(know):
    text = ("---\ntitle: x\nauthors:\n  - name: 柯一文\n    title: 社区运营\nspeakers:\n  - name: 左一轩\n"
            "    company: 星图智能\n    title: 首席科学家\n    topic: 向量检索的工程实践\n---\n正文\n")
    assert found(text, know) == {"左一轩": ("table", 7, [("星图智能", "首席科学家")], ["向量检索的工程实践"])}


def test_a_name_heading_whose_colon_gives_an_affiliation_gives_no_talk(know):
    text = "---\ntitle: x\n---\n### 鲍一鸣：星河科技 高级架构师\n\n在星河科技负责云原生平台建设。\n\n### 蔺一然：服务网格的落地实践\n"
    assert found(text, know) == {"鲍一鸣": ("heading", 4, [("星河科技", "高级架构师")], []),
                                 "蔺一然": ("heading", 8, [], ["服务网格的落地实践"])}


def test_a_speaker_table_with_a_bio_column_takes_the_bio_affiliations(know):
    text = ("---\ntitle: x\n---\n| 嘉宾 | 简介 |\n|---|---|\n| 芮一宁 | 星河科技首席架构师，Apache Foo PMC 成员 |\n"
            "| 钮一帆 | 云海数据技术总监，负责数据平台建设 |\n")
    assert found(text, know) == {"芮一宁": ("table", 6, [("Apache Foo", "PMC 成员"), ("星河科技", "首席架构师")], []),
                                 "钮一帆": ("table", 7, [("云海数据", "技术总监")], [])}


@pytest.mark.parametrize("line, name, affiliations", [
    ("**John Smith** - Principal Engineer, Acme Cloud", "John Smith", [("Acme Cloud", "Principal Engineer")]),
    ("**吕一欣** — 北辰大学副教授", "吕一欣", [("北辰大学", "副教授")]),
])
def test_a_bold_name_then_a_dash_and_its_affiliation(line, name, affiliations, know):
    assert found(f"---\ntitle: x\n---\n{line}\n\n**注意** - 请提前签到\n", know) == {
        name: ("caption", 4, affiliations, [])}


@pytest.mark.parametrize("caption", ["图：左起 邰一鸣、仇一宁、班一舟（北辰大学）", "从左到右依次为邰一鸣、仇一宁、班一舟（北辰大学）"])
def test_the_order_of_a_photo_without_a_colon_opens_a_guest_list(caption, know):
    got = {m.name: [(a.org, a.title) for a in m.affiliations]
           for m in extraction_of(f"---\ntitle: x\n---\n![](g.jpg)\n\n{caption}\n", know).mentions}
    assert got == {"邰一鸣": [], "仇一宁": [], "班一舟": [("北辰大学", "")]}


def test_a_role_word_glued_to_a_guest_name_is_its_label(know):
    caption = "▲ 圆桌讨论环节（从左到右：主持人邰一鸣、嘉宾仇一宁、嘉宾班一舟）"
    got = {m.name: [(a.org, a.title) for a in m.affiliations]
           for m in extraction_of(f"---\ntitle: x\n---\n![](g.jpg)\n\n{caption}\n", know).mentions}
    assert got == {"邰一鸣": [], "仇一宁": [], "班一舟": []}


def test_an_attendee_list_is_no_group_and_a_group_of_people_still_is(know):
    attendees = extraction_of("---\ntitle: x\n---\n## 参会人员\n\n- 鞠一鸣（星河科技）\n- 乜一航（云海数据）\n", know)
    assert attendees.members == [] and {m.name for m in attendees.mentions} == {"鞠一鸣", "乜一航"}
    group = extraction_of("---\ntitle: x\n---\n## 深圳城市用户组人员\n\n- 鞠一鸣（星河科技）\n", know)
    assert [(m.group_name, m.name, m.org) for m in group.members] == [("深圳城市用户组", "鞠一鸣", "星河科技")]
    winners = extraction_of("---\ntitle: x\n---\n获奖名单：\n\n| 奖项 | 获奖人 | 单位 |\n| --- | --- | --- |\n"
                            "| 最佳新人 | 吕一凡 | 华南星河大学 |\n", know)  # who won: people, no group
    assert winners.members == [] and [(m.name, m.affiliations[0].org) for m in winners.mentions] == [
        ("吕一凡", "华南星河大学")]
    roster = extraction_of("---\ntitle: x\n---\n## 深圳城市用户组\n\n### 成员名单\n\n- 鞠一鸣（星河科技）\n", know)
    assert [(m.group_name, m.name) for m in roster.members] == [("深圳城市用户组", "鞠一鸣")]  # the group above


def test_a_keynote_marker_above_a_speaker_line_gives_the_talk(know):
    text = "---\ntitle: x\n---\n**主题演讲一：开源生态的新机遇**\n\n演讲人：桑一凡，星河科技 副总裁\n"
    assert found(text, know) == {"桑一凡": ("caption", 6, [("星河科技", "副总裁")], ["开源生态的新机遇"])}


def test_a_labelled_name_heading_takes_the_bio_under_it(know):
    text = ("---\ntitle: x\n---\n#### 讲师：琴一舟\n\n星河科技高级研发工程师，KubeEdge Maintainer。\n\n"
            "#### 讲师：龚一帆\n\n云海数据 SRE 负责人，专注于可观测性。\n")
    assert found(text, know) == {
        "琴一舟": ("heading", 4, [("KubeEdge", "Maintainer"), ("星河科技", "高级研发工程师")], []),
        "龚一帆": ("heading", 8, [("云海数据", "SRE 负责人")], [])}


@pytest.mark.parametrize("name", ["洪一亮", "萧一聪", "傅一明", "阎一航", "谯一鸣"])
def test_rarer_surnames_of_the_list_are_surnames(name, know):
    assert found(bold_under_photo(f"星河科技高级工程师 {name}"), know) == {
        name: ("caption", 5, [("星河科技", "高级工程师")], [])}


def test_english_speaker_lines_headings_panels_and_tables(know):
    text = ("---\ntitle: x\n---\n### Scaling Kafka at Acme\n\n*Speaker: Anna Schmidt, Staff Engineer at Acme Corp*\n\n"
            "### Exhibits\n\n- 布展人：周一岸\n\n"
            "Panelists: Maria Garcia (Initech), Chen Wei (Umbrella Cloud) and Tom Baker (Hooli).\n\n"
            "| Time | Session | Speaker |\n|------|---------|---------|\n"
            "| 10:15 | eBPF deep dive | Omar Haddad, Cilium Maintainer, Isovalent |\n| 11:00 | Lightning talks | Various |\n")
    assert found(text, know) == {
        "Anna Schmidt": ("caption", 6, [("Acme Corp", "Staff Engineer")], ["Scaling Kafka at Acme"]),
        "周一岸": ("caption", 10, [], []),
        "Maria Garcia": ("caption", 12, [("Initech", "")], []), "Chen Wei": ("caption", 12, [("Umbrella Cloud", "")], []),
        "Tom Baker": ("caption", 12, [("Hooli", "")], []),
        "Omar Haddad": ("table", 16, [("Cilium", "Maintainer"), ("Isovalent", "")], ["eBPF deep dive"])}


def test_new_maintainers_from_their_organisation_with_accented_names(know):
    text = ("---\ntitle: x\n---\nWe welcome two new maintainers:\n\n"
            "- **Priya Nair** ([@priyan](https://github.com/priyan)) from Acme Corp\n"
            "- **Lukas Müller** ([@lmueller](https://github.com/lmueller)) from Globex\n")
    assert found(text, know) == {"Priya Nair": ("caption", 6, [("Acme Corp", "")], []),
                                 "Lukas Müller": ("caption", 7, [("Globex", "")], [])}


def test_a_table_of_students_and_mentors_names_both(know):
    text = ("---\ntitle: x\n---\n| 项目 | 学生 | 学校 | 导师 |\n|---|---|---|---|\n"
            "| 星河调度器优化 | 庾一鸣 | 北辰大学 | 莘一航（星河科技） |\n| 日志压缩 | 夔小宇 | 南岭理工学院 | 郈一舟 |\n")
    assert found(text, know) == {"庾一鸣": ("table", 6, [("北辰大学", "")], []),
                                 "莘一航": ("table", 6, [("星河科技", "")], []),
                                 "夔小宇": ("table", 7, [("南岭理工学院", "")], []),
                                 "郈一舟": ("table", 7, [], [])}


def test_quoted_speaker_cards_with_a_rare_surname_and_a_bio_clause_that_is_no_body(know):
    text = ("---\ntitle: x\n---\n> **蔚一鸣**\n> 星河科技 架构师\n> 分享主题：服务网格的五年\n\n"
            "## 嘉宾介绍\n\n- 陈一宁：北辰大学副教授，主要研究分布式系统\n\n**致谢**\n\n星河科技 架构师团队\n")
    assert found(text, know) == {"蔚一鸣": ("caption", 4, [("星河科技", "架构师")], ["服务网格的五年"]),
                                 "陈一宁": ("caption", 10, [("北辰大学", "副教授")], [])}


def test_agenda_lines_of_bars_with_a_time_and_an_emoji_heading(know):
    text = ("---\ntitle: x\n---\n⏰ 14:00 | 王一鸣 | 星河科技 | 服务网格实践\n\n王一 | 某某科技 | 前端负责人\n\n"
            "## 🎤 蒯一凡：可观测性的落地\n")
    assert found(text, know) == {"王一鸣": ("caption", 4, [("星河科技", "")], ["服务网格实践"]),
                                 "王一": ("caption", 6, [("某某科技", "前端负责人")], []),
                                 "蒯一凡": ("heading", 8, [], ["可观测性的落地"])}


def test_a_latin_spelling_after_a_han_name_is_no_organisation(know):
    assert found(bold_under_photo("张一帆 Zhang Yifan, 星河科技 CTO"), know) == {
        "张一帆": ("caption", 5, [("星河科技", "CTO")], [])}


def test_a_handle_or_latin_name_after_a_slash_is_the_same_persons_other_spelling(know):
    assert found(bold_under_photo("黎一泽/Armlly 星河科技工程师"), know) == {
        "黎一泽": ("caption", 5, [("星河科技", "工程师")], [])}
    assert found(bold_under_photo("王一凡 / Jane Roe"), know) == {"王一凡": ("caption", 5, [], [])}
    assert found("---\ntitle: x\n---\n项目导师：黎一泽/Armlly\n", know) == {"黎一泽": ("caption", 4, [], [])}
    assert found("---\ntitle: x\n---\n项目社区导师：黎一泽/Armlly、王一凡\n", know) == {
        "黎一泽": ("caption", 4, [("", "项目社区导师")], []), "王一凡": ("caption", 4, [("", "项目社区导师")], [])}
    assert set(found("---\ntitle: x\n---\n导师：王一凡/李一舟\n", know)) == {"王一凡", "李一舟"}  # two Han names: two people
    assert parse_person_text("黎一泽/Armlly 星河科技工程师", know).nickname == "Armlly"


def test_a_technical_post_names_nobody(know):
    text = ("---\ntitle: 配置说明\nauthors:\n  - name: 社区小助手\n---\n| 参数 | 说明 | 默认值 |\n|---|---|---|\n"
            "| name | 服务名称 | nacos |\n\n| Name | Description |\n|---|---|\n| Spring Cloud | 微服务框架 |\n"
            "| Dubbo Admin | 管理控制台 |\n\n- **Nacos Server**：注册中心与配置中心\n- **Nacos Client** - 客户端 SDK\n"
            "- **高可用**：支持集群部署\n\n**注意**：请先启动数据库。\n\n> **提示**\n> 生产环境 建议配置\n")
    assert [(m.name, m.rule) for m in extraction_of(text, know).mentions] == []


def test_a_name_column_beside_a_person_column_is_still_read(know):
    text = "---\ntitle: x\n---\n| Name | Company |\n|---|---|\n| Jane Doe | Acme |\n"
    assert found(text, know) == {"Jane Doe": ("table", 6, [("Acme", "")], [])}


def test_a_title_word_that_opens_with_a_surname_is_no_name(know):
    text = "---\ntitle: x\n---\n**新晋 Committer**\n\n- 王一伟（@wangyw，星河科技）\n- 赵一琳（@zhaoyl，北辰大学）\n"
    assert set(found(text, know)) == {"王一伟", "赵一琳"}  # 新晋 (newly made) opens the title


def test_a_bold_title_over_a_list_is_the_title_of_the_people_it_lists(know):
    text = ("---\ntitle: x\n---\n**新晋 Committer**\n\n- 王一伟（@wangyw，星河科技）\n- 赵一琳（北辰大学 副教授）\n\n"
            "活动回顾。\n\n- 钱一多（天穹数据）\n")
    assert found(text, know) == {"王一伟": ("caption", 6, [("星河科技", "新晋 Committer")], []),
                                 "赵一琳": ("caption", 7, [("北辰大学", "副教授")], []),  # a title of its own stays
                                 "钱一多": ("caption", 11, [("天穹数据", "")], [])}  # a list under other text: none


def test_a_name_glued_after_a_body_starts_where_jieba_cuts(know):
    assert found(bold_under_photo("海量数据社区优秀开发者"), know) == {}  # not 社|区优秀: a title, no name
    assert found(bold_under_photo("海量数据研发部王一凡工程师"), know) == {
        "王一凡": ("caption", 5, [("海量数据", "研发部工程师")], [])}  # jieba cuts before 王一凡
    assert found(bold_under_photo("海量数据高级工程师王一凡"), know) == {"王一凡": ("caption", 5, [("海量数据", "高级工程师")], [])}


def test_a_talk_as_the_first_of_bar_parts_before_the_name(know):
    assert found(bold_under_photo("服务网格的演进 | 王一凡 | 星河科技 架构师"), know) == {
        "王一凡": ("caption", 5, [("星河科技", "架构师")], ["服务网格的演进"])}
    assert found(bold_under_photo("服务网格的演进 / 王一凡 / 星河科技"), know) == {
        "王一凡": ("caption", 5, [("星河科技", "")], ["服务网格的演进"])}


def test_a_speaker_card_written_on_one_html_line(know):
    text = ('---\ntitle: x\n---\n<div class="speaker"><h4>孙一航</h4><p>星河科技 技术专家</p><p>北辰大学 客座教授</p></div>\n')
    assert found(text, know) == {"孙一航": ("caption", 4, [("北辰大学", "客座教授"), ("星河科技", "技术专家")], [])}


def test_a_talk_marker_in_brackets_above_a_bracketed_speaker_label(know):
    text = "---\ntitle: x\n---\n【议题】服务网格的演进\n\n【嘉宾】王一凡，星河科技架构师\n"
    assert found(text, know) == {"王一凡": ("caption", 6, [("星河科技", "架构师")], ["服务网格的演进"])}


def test_agenda_rows_written_as_paragraphs_with_a_clock_and_a_marked_talk(know):
    text = ("---\ntitle: x\n---\n14:00-14:40 《数据库内核实践》 许一林 星河科技 架构师\n\n"
            "14:40-15:20 《云原生网关》 何一平 天穹数据 工程师\n\n15:20 茶歇\n\n"
            "15:30-16:00 星河科技 架构师 吕一涵 服务网格\n")  # no marks: talk and body cannot be told apart
    assert found(text, know) == {"许一林": ("caption", 4, [("星河科技", "架构师")], ["数据库内核实践"]),
                                 "何一平": ("caption", 6, [("天穹数据", "工程师")], ["云原生网关"])}


def test_column_labels_are_lexicon_words_matched_inside_the_label(know):
    text = ("---\ntitle: x\n---\n| 时段 | 分享者 | 所在单位 | 担任职务 |\n|---|---|---|---|\n"
            "| 上午 | 何一平 | 星河科技 | 架构师 |\n")
    assert found(text, know) == {"何一平": ("table", 6, [("星河科技", "架构师")], [])}


def test_a_heading_that_names_its_own_speaker_is_no_talk_of_the_line_below(know):
    text = "---\ntitle: x\n---\n## 🎤 蒯一凡：可观测性的落地\n\n王一 | 某某科技 | 前端负责人\n"
    assert found(text, know) == {"蒯一凡": ("heading", 4, [], ["可观测性的落地"]),
                                 "王一": ("caption", 6, [("某某科技", "前端负责人")], [])}


def test_award_lines_name_their_winners_without_a_talk(know):
    text = "---\ntitle: x\n---\n## 年度之星\n\n一等奖：章一鸣（星河科技）、郑一航（北辰大学）\n\n二等奖：林一舟（云海数据）\n"
    assert found(text, know) == {"章一鸣": ("caption", 6, [("星河科技", "")], []),
                                 "郑一航": ("caption", 6, [("北辰大学", "")], []),
                                 "林一舟": ("caption", 8, [("云海数据", "")], [])}


@pytest.mark.parametrize("caption, names", [
    ("▲ 章一鸣（左）与郑一航（右）签约", {"章一鸣", "郑一航"}),
    ("和一鸣（左）、和一航（右）", {"和一鸣", "和一航"}),
])
def test_a_word_joining_two_placed_names_is_no_part_of_either(caption, names, know):
    assert {m.name for m in extraction_of(f"---\ntitle: x\n---\n![](a.jpg)\n\n{caption}\n", know).mentions} == names


def test_a_topic_of_parts_set_apart_by_slashes_names_nobody(know):
    text = "---\ntitle: x\n---\n- 面向 NVIDIA / Huawei Ascend / Enflame 的 DRA 方案落地实践\n"
    assert extraction_of(text, know).mentions == []


def test_han_text_after_a_latin_word_is_no_latin_organisation(know):
    from pipeline.extract.affiliation import credible_org
    assert credible_org("Acme Cloud", know) and not credible_org("vLLM 推理集群优化的三个阶段", know)


def test_shortcodes_and_components_whose_attributes_describe_a_speaker(know):
    text = ("---\ntitle: x\n---\n"
            '{{< speaker name="王一鸣" company="星河科技" title="架构师" topic="服务网格实践" >}}\n\n'
            '<SpeakerCard name="Jane Doe" company="Acme" title="Staff Engineer" />\n\n'
            '<AuthorCard name="柯一文" title="社区运营" />\n\n'
            '<Bilibili bvid="BV1" title="你的算力用的好么？Meetup 上海站" />\n')
    assert found(text, know) == {"王一鸣": ("table", 4, [("星河科技", "架构师")], ["服务网格实践"]),
                                 "Jane Doe": ("table", 6, [("Acme", "Staff Engineer")], [])}


def test_a_nickname_heading_takes_its_talk_from_the_agenda_row_that_names_it(know):
    """`### 月影` among name headings, and `| 16:30 | 月影《基于 Canvas 的绘图模型》 |` in the agenda: the
    agenda vouches for a name no surname list knows."""
    text = ("---\ntitle: x\n---\n## 流程\n\n| 时间 | 内容 |\n| --- | --- |\n| 16:30 | 月影《基于 Canvas 的绘图模型》 |\n\n"
            "## 嘉宾\n\n### 月影\n\n久仰大名，他在前端领域深耕多年。\n\n### 孟一杰\n\n星河科技前端工程师。\n\n"
            "### 唐一华\n\n云海数据架构师。\n")
    result = found(text, know)
    assert result["月影"][0] == "heading" and result["月影"][3] == ["基于 Canvas 的绘图模型"]


def test_a_component_whose_attributes_are_written_one_a_line(know):
    text = ("---\ntitle: x\n---\n<SpeakerCard\n  name=\"Jane Doe\"\n  company=\"Acme\"\n  title=\"Staff Engineer\"\n/>\n\n"
            "正文第一段。\n")
    assert found(text, know) == {"Jane Doe": ("table", 4, [("Acme", "Staff Engineer")], [])}


def test_the_heading_of_a_section_that_introduces_a_talk_is_its_speakers_talk(know):
    text = ("---\ntitle: x\n---\n# 内容亮点\n\n## 星河 Embedded 工具链的支持探索\n\n议题简介：本次分享将介绍最新进展。\n\n"
            "Speaker：\n\n<img src=\"a.png\">\n\n星河 TC 委员 任一慰\n\n<img src=\"b.png\">\n\n星河 SIG Maintainer 刘一锴\n\n"
            "## 编译器中的中间语言简介\n\n议题简介：介绍中间表示。\n\nSpeaker：\n\n<img src=\"c.png\">\n\n北辰 Lab 编译器开发工程师 廖一华\n\n"
            "## 嘉宾简介\n\n讲师：\n\n<img src=\"d.png\">\n\n云海数据 架构师 吴一伟\n\n"
            "## 作者\n\n*本文作者：*\n\n朱一飞，星河科技高级开发工程师\n")
    assert {m.name: m.talks for m in extraction_of(text, know).mentions if m.source_kind != "prose"} == {
        "任一慰": ["星河 Embedded 工具链的支持探索"], "刘一锴": ["星河 Embedded 工具链的支持探索"],
        "廖一华": ["编译器中的中间语言简介"], "吴一伟": [], "朱一飞": []}


def test_two_speakers_joined_by_yu_share_their_talk_and_a_panel_list_does_not(know):
    text = ("---\ntitle: x\n---\n![](5.jpg)\n\n▲中国移动架构师邵一庆\n\n"
            "中国移动架构师邵一庆与高级工程师赵一聪带来《基于星河构建 Agent 沙箱基础设施》分享，围绕沙箱环境建设、安全隔离进行了介绍。\n\n"
            "![](6.jpg)\n\n▲北辰大学教授 王一鹏\n\n![](7.jpg)\n\n▲云海数据 CTO 李一永\n\n"
            "在圆桌讨论环节，嘉宾王一鹏、李一永共同围绕“开源数据库的未来”的主题进行了讨论。\n")
    talks = talks_by_name(extraction_of(text, know))
    assert talks["邵一庆"] == ["基于星河构建 Agent 沙箱基础设施"] and talks["赵一聪"] == ["基于星河构建 Agent 沙箱基础设施"]
    assert talks["王一鹏"] == [] and talks["李一永"] == []


def test_a_list_item_that_opens_with_a_marked_talk_names_its_speaker_after_it(know):
    text = "---\ntitle: x\n---\n1. 《分布式事务的设计》 王晓东 北辰软件 CTO\n2. 《向量检索》的设计与实现\n"
    assert found(text, know) == {"王晓东": ("caption", 4, [("北辰软件", "CTO")], ["分布式事务的设计"])}


def test_two_listed_speakers_who_present_a_marked_talk_share_it(know):
    text = ("---\ntitle: x\n---\n![](5.jpg)\n\n▲星河科技工程师王一鸣\n\n![](6.jpg)\n\n▲星河科技工程师李一凡\n\n"
            "星河科技工程师王一鸣、李一凡分享了《星河调度器实践》。\n")
    talks = talks_by_name(extraction_of(text, know))
    assert talks["王一鸣"] == talks["李一凡"] == ["星河调度器实践"]
    three = text.replace("▲星河科技工程师李一凡\n\n", "▲星河科技工程师李一凡\n\n![](7.jpg)\n\n▲星河科技工程师张一山\n\n").replace(
        "王一鸣、李一凡分享了", "王一鸣、李一凡、张一山分享了")
    assert all(not t for t in talks_by_name(extraction_of(three, know)).values())  # three listed: a panel


def test_prose_members_of_a_foundation_podling_committees_and_a_body_after_laizi(know):
    body = ("邀请了星河基金会会员姜一宁、Apache brpc PPMC谭一意等老师们同台讨论。\n\n"
            "本次访谈我们邀请到了特邀评委：来自青云 QingCloud 的张一飞老师，共同谈谈他们的看法。\n")
    got = affiliations_by_name(extracted(body, know))
    assert got == {"姜一宁": [("星河基金会", "会员")], "谭一意": [("Apache brpc", "PPMC")],
                   "张一飞": [("青云 QingCloud", "")]}


def test_a_short_line_above_a_photo_ends_the_section_of_the_heading_above(know):
    text = ("---\ntitle: x\n---\n## OS 智能治理利器 ——Witty 智能运维套件\n\n![](3.jpg)\n\n"
            "星河 SIG Maintainer何一成带来 Witty 智能运维套件主题分享，该套件面向操作系统打造智能运维方案。\n\n"
            "从算力到应用：昇腾生态下 AI 一体机实践探索\n\n![](4.jpg)\n\n"
            "成都星河创新中心CTO余一川分享 AI 产业趋势与技术布局，解读大模型带来的算力挑战。\n")
    assert talks_by_name(extraction_of(text, know)) == {
        "何一成": ["OS 智能治理利器 ——Witty 智能运维套件"], "余一川": []}


def test_lower_case_and_misspelt_latin_titles_in_prose(know):
    body = ("星河社区sig-ops commiter 陈一臻分享了星河智能运维平台下的亚健康诊断套件。\n\n"
            "国内最活跃的开源项目之一Apache Doris的committer 吴一迪，分享了Apache Doris的技术特性。\n")
    got = affiliations_by_name(extracted(body, know))
    assert got == {"陈一臻": [("星河社区", "sig-ops commiter")], "吴一迪": [("Apache Doris", "committer")]}


def test_a_bracketed_place_inside_a_company_name_is_no_clause_break(know):
    body = "圆桌讨论由任一东主持，自动系统（香港）有限公司助理副总裁洪一祝、香港理工大学计算机系教授肖一斌等嘉宾参与讨论。\n"
    got = affiliations_by_name(extracted(body, know))
    assert got["洪一祝"] == [("自动系统（香港）有限公司", "助理副总裁")] and got["肖一斌"] == [("香港理工大学", "计算机系教授")]


def test_a_bold_name_that_is_also_a_word_with_a_body_in_brackets_and_a_one_word_latin_name_in_prose(know):
    text = ("---\ntitle: x\n---\n- **马达（燧原科技）** 展示基于 GPU Operator 的全栈云原生集成方案\n- **马达（电机）** 转速很高\n\n"
            "### 设备插件新功能\n\n第四范式平台工程师 James 介绍了 HAMi 设备插件在昇腾场景下的集成。\n")
    got = {m.name: ([(a.org, a.title) for a in m.affiliations], m.talks) for m in extraction_of(text, know).mentions}
    assert got == {"马达": ([("燧原科技", "")], []), "James": ([("第四范式", "平台工程师")], ["设备插件新功能"])}


def test_level_one_section_headings_give_talks_and_a_year_is_no_numbering(know):
    text = ("---\ntitle: x\n---\n# 2023 GCC版本规划及特性前瞻\n\n星河 Compiler SIG Maintainer李一成给大家带来GCC编译器工作进展议题。\n\n"
            "# LLVM选型介绍及后续工作规划\n\n星河 Compiler SIG Maintainer、TC委员赵一峰老师介绍了LLVM编译器相关的工作规划。\n")
    assert talks_by_name(extraction_of(text, know)) == {
        "李一成": ["2023 GCC版本规划及特性前瞻"], "赵一峰": ["LLVM选型介绍及后续工作规划"]}


def test_openlookeng_layouts_name_bar_lines_numbered_talks_and_team_members(know):
    text = ("---\ntitle: x\n---\n**星河: 跨源跨域查询，让大数据更简单**\n\n陈一杰 | 星河社区运营总监\n\n首页 | 关于我们\n\n"
            "1. OmniRuntime：大数据运行时的框架解析\n\n   演讲嘉宾：罗一旦 | 星河 开发工程师\n\n"
            "2. 项目难度：进阶\n\n   演讲嘉宾：周一佩 | 星河 开发工程师\n\n"
            "### 团队介绍\n\n<b>团队成员：</b> 余一扬\n\n重庆交通大学计算机科学专业，研二学生\n")
    got = {m.name: ([(a.org, a.title) for a in m.affiliations], m.talks) for m in extraction_of(text, know).mentions}
    assert got == {"陈一杰": ([("星河社区", "运营总监")], ["星河: 跨源跨域查询，让大数据更简单"]),
                   "罗一旦": ([("星河", "开发工程师")], ["OmniRuntime：大数据运行时的框架解析"]),
                   "周一佩": ([("星河", "开发工程师")], []),
                   "余一扬": ([("重庆交通大学", "计算机科学专业，研二学生")], [])}


def test_a_bracketed_place_before_any_organisation_ending_and_a_latin_handle_that_says_nothing(know):
    got = affiliations_by_name(extracted("星河（中国）基金会秘书长王一鸣分享了经验。\n\n"
                                         "社区中新增了2位Committer Karsonto 和 Daydreamer-ia。\n", know))
    assert got == {"王一鸣": [("星河（中国）基金会", "秘书长")]}


def test_a_member_table_under_a_heading_that_names_the_group(know):
    body = ("## 星河用户组委员会\n\n| 姓名 | 公司 | 角色 |\n| --- | --- | --- |\n| 唐一飞 | 星河科技 | 组长 |\n"
            "| 韩一梅 | 北辰大学 | 副组长 |\n")
    found = extracted(body, know)
    assert [(m.group_name, m.role, m.name, m.org) for m in found.members] == [
        ("星河用户组委员会", "组长", "唐一飞", "星河科技"), ("星河用户组委员会", "副组长", "韩一梅", "北辰大学")]
    assert not found.mentions


def test_a_title_column_whose_cells_open_with_the_organisation(know):
    body = ("| 时间 | 主题 | 嘉宾 | 职位 |\n| --- | --- | --- | --- |\n| 14:00 | 开源社区的运营之道 | 龙一帆 | 北辰开源基金会 运营总监 |\n"
            "| 14:40 | 嵌入式 Rust | 欧阳一川 | 高级工程师 |\n")
    assert affiliations_by_name(extracted(body, know)) == {
        "龙一帆": [("北辰开源基金会", "运营总监")], "欧阳一川": [("", "高级工程师")]}


def test_a_keynote_line_keeps_its_own_talk(know):
    body = "## Agenda\n\n- Keynote: Jane Roe (Acme Corp CTO) — Scaling Service Mesh\n- Keynote: 王一凡（星河科技 CTO）——服务网格实践\n"
    assert found(body, know) == {"Jane Roe": ("caption", 3, [("Acme Corp", "CTO")], ["Scaling Service Mesh"]),
                                 "王一凡": ("caption", 4, [("星河科技", "CTO")], ["服务网格实践"])}


@pytest.mark.parametrize("line", ["▲ 星河社区布道师 龚一鸣", "↑ 星河社区布道师 龚一鸣", "图：星河社区布道师 龚一鸣"])
def test_a_line_that_points_at_the_photo_is_a_caption(line, know):
    body = f"活动现场气氛热烈。\n\n{line}\n\n大家积极提问。\n"
    assert found(body, know) == {"龚一鸣": ("caption", 3, [("星河社区", "布道师")], [])}


def test_people_placed_in_the_photo_with_their_affiliations(know):
    body = "![](a.jpg)\n\n星河学会理事长梅一宏教授（左一）、李一良教授（左二）、星河学会奖励委员会主席廖一科教授（右一）\n"
    assert affiliations_by_name(extracted(body, know)) == {
        "梅一宏": [("星河学会", "理事长"), ("", "教授")], "李一良": [("", "教授")],
        "廖一科": [("星河学会", "奖励委员会主席"), ("", "教授")]}


def test_an_award_named_as_a_label_lists_its_winners(know):
    body = "## 颁奖\n\n🏆 最佳贡献奖：邢一凡（海量数据）、宁一舟（东方通）\n\n年度开源之星奖项：柯一平\n"
    assert affiliations_by_name(extracted(body, know)) == {
        "邢一凡": [("海量数据", "")], "宁一舟": [("东方通", "")], "柯一平": []}


def test_an_agenda_list_of_names_and_talks_after_a_colon(know):
    body = ("## 视频回放\n\n1. 莫一凡：流式计算的未来\n2. 【视频】齐一航：分布式系统的课程设计\n3. 时间：2026年10月10日\n\n"
            "演讲嘉宾：柯一平（海量数据）\n演讲题目：分布式存储\n")
    assert found(body, know) == {
        "莫一凡": ("caption", 3, [], ["流式计算的未来"]), "齐一航": ("caption", 4, [], ["分布式系统的课程设计"]),
        "柯一平": ("caption", 7, [("海量数据", "")], ["分布式存储"])}


def test_a_heading_that_sets_a_name_off_from_its_organisation(know):
    body = "### 白一帆 - 东方通\n\n介绍了实践。\n\n### 张江 高科\n\n### 星河 - 社区\n"
    assert found(body, know) == {"白一帆": ("heading", 1, [("东方通", "")], [])}


def test_a_committee_announced_with_its_list_and_a_role_list_table(know):
    body = ("星河社区第一届技术委员会正式成立，名单如下：\n\n主任委员：甘一川（海量数据）\n\n"
            "副主任委员：祝一鸣（东方通）、白一帆（华为）\n\n## 星河 SIG Maintainer 列表\n\n"
            "| 序号 | 姓名 | 单位 | 职务 |\n| --- | --- | --- | --- |\n| 1 | 莫一凡 | 海量数据 | 高级工程师 |\n")
    found = extracted(body, know)
    assert member_rows(found.members) == [
        ("星河社区第一届技术委员会", "主任委员", "甘一川", "海量数据", ""),
        ("星河社区第一届技术委员会", "副主任委员", "祝一鸣", "东方通", ""),
        ("星河社区第一届技术委员会", "副主任委员", "白一帆", "华为", ""),
        ("星河 SIG", "Maintainer", "莫一凡", "海量数据", "高级工程师")]
    assert not found.mentions


def test_a_list_heading_that_names_no_group_lists_no_members(know):
    body = "## 兼容性缺陷列表\n\n| 序号 | 姓名 | 问题 |\n| --- | --- | --- |\n| 1 | 莫一凡 | 类型转换 |\n"
    assert not extracted(body, know).members


def test_a_line_that_opens_with_a_bold_name_and_its_bracketed_affiliation(know):
    assert found("活动现场。\n\n**贺一鸣**（东方通高级工程师）\n\n讲师：祝一鸣 | 邹一帆\n", know) == {
        "贺一鸣": ("caption", 3, [("东方通", "高级工程师")], []), "祝一鸣": ("caption", 5, [], []),
        "邹一帆": ("caption", 5, [], [])}


def test_member_rows_written_as_bar_separated_lines_under_a_group_heading(know):
    body = "## 星河深圳用户组成员\n\n1 | 齐一航 | 海量数据 | 组长\n2 | 柯一平 | 东方通 | 成员\n"
    found = extracted(body, know)
    assert member_rows(found.members) == [("星河深圳用户组", "组长", "齐一航", "海量数据", ""),
                                          ("星河深圳用户组", "成员", "柯一平", "东方通", "")]
    assert not found.mentions


def test_member_roles_labelled_inside_the_paragraph_that_announces_the_group(know):
    body = "星河杭州用户组正式成立！组长：甘一川（海量数据），副组长：祝一鸣（东方通）。\n"
    assert member_rows(extracted(body, know).members) == [("星河杭州用户组", "组长", "甘一川", "海量数据", ""),
                                                          ("星河杭州用户组", "副组长", "祝一鸣", "东方通", "")]


def test_a_records_talk_label_after_a_keynote_heading_gives_one_talk_per_speaker(know):
    text = ("---\ntitle: x\n---\n### 1. Opening Keynote\n\n- **时间**：09:00–09:35\n"
            "- **讲者**：张一潇 (Nova Foundation Executive Director) & 王一凡 (Acme CTO)\n"
            "- **议程**：[Keynote: Welcome + Opening Remarks](https://e.org/k)\n")
    merged = merge_mentions(extraction_of(text, know).mentions)
    assert {m.name: m.talks for m in merged} == {"张一潇": ["Keynote: Welcome + Opening Remarks"],
                                                 "王一凡": ["Keynote: Welcome + Opening Remarks"]}


def test_a_sentence_that_stands_above_a_photo_is_read_as_prose(know):
    text = ("---\ntitle: x\n---\n首先，来自星河集团的技术专家赵一鸣为大家带来了《金融场景的实践》的分享。\n\n![](a.jpg)\n")
    mentions = extraction_of(text, know).mentions
    assert [(m.name, m.source_kind, [(a.org, a.title) for a in m.affiliations], m.talks) for m in mentions] == [
        ("赵一鸣", "prose", [("星河集团", "技术专家")], ["金融场景的实践"])]
    text = "---\ntitle: x\n---\n本次活动由 StarEx 联合创始人 & CTO 潘一娟 带来分享。\n\n![](a.jpg)\n"
    assert [(m.name, m.source_kind, [(a.org, a.title) for a in m.affiliations])
            for m in extraction_of(text, know).mentions] == [("潘一娟", "prose", [("StarEx", "联合创始人"), ("StarEx", "CTO")])]


def test_a_labelled_bio_line_above_a_photo_is_a_caption_though_it_ends_like_a_sentence(know):
    text = ("---\ntitle: x\n---\n## 《证券行业的可观测性》\n\n"
            "**讲师介绍**：闵一宜，华信星河证券 SRE 负责人，KubeStar Contributor。\n\n![](a.jpg)\n")
    assert found(text, know) == {"闵一宜": ("caption", 6, [("KubeStar", "Contributor"), ("华信星河证券", "SRE 负责人")],
                                            ["证券行业的可观测性"])}


def test_an_english_quotation_signed_in_brackets_is_no_caption(know):
    """Only a speaker label's value counts Latin words as short: a long quotation stays a paragraph."""
    text = ("---\ntitle: x\n---\n*In open source, we feel strongly that to really do something well, you have to "
            "get a lot of people involved.（Jon Roe）*\n")
    assert found(text, know) == {}


def test_a_sentence_announcing_people_opens_a_list_of_them(know):
    text = ("---\ntitle: x\n---\n经过社区投票，以下贡献者获得 2023 年度优秀贡献者称号：\n\n"
            "- 许一强（@xuqiang，中科星方）\n- 韩一梅（星河跳动）\n\n以下是本次活动的议程：\n\n- 签到\n- 合影\n")
    assert {m.name: [(a.org, a.title) for a in m.affiliations] for m in extraction_of(text, know).mentions} == {
        "许一强": [("中科星方", "")], "韩一梅": [("星河跳动", "")]}
    counted = "---\ntitle: x\n---\n本周 Kernel SIG 新增 Maintainer 2 名：\n\n- 郭一东（@guoxd），麒麟软件\n- 石一磊，统信软件\n"
    assert {m.name: [(a.org, a.title) for a in m.affiliations] for m in extraction_of(counted, know).mentions} == {
        "郭一东": [("麒麟软件", "")], "石一磊": [("统信软件", "")]}


def test_agenda_rows_give_session_speaker_and_affiliation(know):
    text = ("---\ntitle: x\n---\n## 活动议程\n\n09:30-10:00 签到\n10:00-10:10 开场致辞 星河社区理事长 马一涛\n"
            "10:10-10:50 云原生可观测性实践 青云星河 王一明\n"
            "11:30-12:00 圆桌对话：主持人 王一川（InfoQ）；嘉宾 赵一健（浪潮星河）\n")
    assert found(text, know) == {
        "马一涛": ("caption", 7, [("星河社区", "理事长")], []),
        "王一明": ("caption", 8, [("青云星河", "")], ["云原生可观测性实践"]),
        "王一川": ("caption", 9, [("InfoQ", "")], []), "赵一健": ("caption", 9, [("浪潮星河", "")], [])}


@pytest.mark.parametrize("bio", ["个人简介：星河数据高级技术专家，Apache Dubbo PMC，主要负责 Dubbo 3 的研发。",
                                 "星河数据高级技术专家，Apache Dubbo PMC，主要负责 Dubbo 3 的研发。"])
def test_a_bold_name_alone_under_a_photo_takes_the_bio_below(bio, know):
    text = f"---\ntitle: x\n---\n![](liu.jpg)\n\n**刘一军**\n\n{bio}\n"
    assert found(text, know) == {"刘一军": ("caption", 6, [("Apache Dubbo", "PMC"), ("星河数据", "高级技术专家")], [])}


def test_opening_remarks_in_an_agenda_table_are_no_talk_unless_written_as_a_title(know):
    text = ("---\ntitle: x\n---\n| 时间 | 内容 | 分享人 |\n|:---:|:---:|:---:|\n"
            "| 14:00 | 开场致辞 | 王一强（星河大学软件学院 院长） |\n| 14:10 | 《开场致辞》 | 李一华 |\n"
            "| 14:20 | 大模型在遥感中的应用 | 陈一实 |\n")
    assert {m.name: m.talks for m in extraction_of(text, know).mentions} == {
        "王一强": [], "李一华": ["开场致辞"], "陈一实": ["大模型在遥感中的应用"]}


def test_a_guest_list_keeps_the_asides_of_its_last_guest(know):
    caption = "圆桌嘉宾（从左至右）：何一耀、徐一立（主持人，星河社区运营）"
    got = {m.name: [(a.org, a.title) for a in m.affiliations]
           for m in extraction_of(f"---\ntitle: x\n---\n![](g.jpg)\n\n{caption}\n", know).mentions}
    assert got == {"何一耀": [], "徐一立": [("星河社区", "运营")]}


def test_a_numbered_name_and_talk_heading_takes_the_bio_that_opens_its_section(know):
    text = "---\ntitle: x\n---\n## 01 张一明：数据库自治的探索\n\n张一明，星河数据库首席架构师。\n"
    assert found(text, know) == {"张一明": ("heading", 4, [("星河", "数据库首席架构师")], ["数据库自治的探索"])}


def test_a_heading_naming_a_group_of_the_events_people_is_no_talk(know):
    text = "---\ntitle: x\n---\n## 教练团队\n\n- 主讲：许一歌\n- 助教：姜一姜\n\n## 云原生数据库实践\n\n- 主讲：王一凡\n"
    assert {m.name: m.talks for m in extraction_of(text, know).mentions} == {
        "许一歌": [], "姜一姜": [], "王一凡": ["云原生数据库实践"]}


def test_photo_cards_laid_out_in_a_table_give_each_person_with_organisation_title_and_talk(know):
    extraction = extraction_of("---\ntitle: Meetup 回顾\n---\n" + LAYOUT_TABLE, know)
    assert affiliations_by_name(extraction) == {"林晓峰": [("星辰智算", "资深架构师")], "周若彤": [("海川数据", "技术总监")]}
    assert talks_by_name(extraction) == {"林晓峰": ["向量检索的工程实践"], "周若彤": ["湖仓一体的落地"]}


def test_a_numbered_bold_line_that_labels_the_talk_as_a_theme_talk_gives_the_speaker_below_it(know):
    text = ("---\ntitle: x\n---\n**01 主题分享：云原生可观测性**\n\n**讲师：** 贺一帆\n\n"
            "**讲师简介：** 现任蓝海智算 SRE 负责人。\n\n**02 技术分享：AI 应用开发框架**\n\n**讲师：** 覃小婉\n")
    assert talks_by_name(extraction_of(text, know)) == {"贺一帆": ["云原生可观测性"], "覃小婉": ["AI 应用开发框架"]}


def test_a_heading_of_a_name_and_a_talk_set_apart_by_a_bar_names_the_speaker(know):
    text = "---\ntitle: 峰会 | 回顾\n---\n### 钱思远 | 向量数据库选型\n\n> **主持人：** 戴晓敏（星河社区运营负责人）\n"
    assert found(text, know) == {"钱思远": ("heading", 4, [], ["向量数据库选型"]),
                                 "戴晓敏": ("caption", 6, [("星河社区", "运营负责人")], [])}


def test_a_listed_name_that_is_also_a_word_counts_where_its_aside_gives_an_affiliation(know):
    text = "---\ntitle: x\n---\n圆桌嘉宾：余诗涵（南湖大学 副教授）、常乐（北辰数据 CEO）\n"
    assert found(text, know) == {"余诗涵": ("caption", 4, [("南湖大学", "副教授")], []),
                                 "常乐": ("caption", 4, [("北辰数据", "CEO")], [])}


def test_a_group_and_a_role_before_a_colon_head_the_list_of_people_in_that_role(know):
    text = ("---\ntitle: x\n---\n**Storage SIG Maintainer**：邵子健（星河科技）、柏文轩（云海数据）\n\n"
            "杭州用户组组织者：\n\n- 甘志远，星河科技\n- 詹雨欣，云海数据 高级工程师\n")
    extraction = extraction_of(text, know)
    assert member_rows(extraction.members) == [
        ("Storage SIG", "Maintainer", "邵子健", "星河科技", ""), ("Storage SIG", "Maintainer", "柏文轩", "云海数据", ""),
        ("杭州用户组", "组织者", "甘志远", "星河科技", ""), ("杭州用户组", "组织者", "詹雨欣", "云海数据", "高级工程师")]
    assert extraction.mentions == []  # member lines, neither captions nor bios


def test_an_organisation_before_a_list_of_names_is_each_ones(know):
    text = "---\ntitle: x\n---\n- 分享嘉宾：星河科技 龚一鸣、车一雯\n- 分享嘉宾：云海数据架构师 伍一涛、龙一霏\n"
    assert found(text, know) == {"龚一鸣": ("caption", 4, [("星河科技", "")], []), "车一雯": ("caption", 4, [("星河科技", "")], []),
                                 "伍一涛": ("caption", 5, [("云海数据", "架构师")], []),
                                 "龙一霏": ("caption", 5, [("云海数据", "架构师")], [])}


@pytest.mark.parametrize("caption, expected", [
    ("**Speaker: 牛一帆 (DaoCloud)**", {"牛一帆": ("caption", 5, [("DaoCloud", "")], [])}),  # a brand, no English name
    ("来自 华为 的 Bob Zhang 在分享 Kubernetes 调度器", {}),  # 来自 opens with a surname, but is no name
])
def test_a_bracketed_brand_is_an_organisation_and_a_lead_in_is_no_name(caption, expected, know):
    assert found(f"---\ntitle: x\n---\n![](a.jpg)\n{caption}\n", know) == expected


def test_html_cards_with_line_breaks_and_list_items_of_a_name_and_colon_give_their_people(know):
    text = ("---\ntitle: x\n---\n<p><img src=\"a.jpg\"/></p>\n<p><strong>聂一帆</strong><br/>星河科技 架构师<br/>议题：《服务网格》</p>\n\n"
            "<ul>\n<li><strong>阚晓云</strong>：云海数据 技术专家</li>\n</ul>\n\n- **文档**：星河社区 Meetup 2025年8月3日\n")
    assert found(text, know) == {"聂一帆": ("caption", 5, [("星河科技", "架构师")], ["服务网格"]),
                                 "阚晓云": ("caption", 8, [("云海数据", "技术专家")], [])}


@pytest.mark.parametrize("text, expected", [
    ("琴一舟：星河科技 架构师", ("琴一舟", [("星河科技", "架构师")])),  # a surname no list knows, a title beside it
    ("文档：星河社区 Meetup 2025年8月3日", None),  # a word before a colon is a field's label
    ("地点：星河科技园 A 座", None),
])
def test_what_stands_before_a_colon_is_a_name_only_if_no_ordinary_word(text, expected, know):
    found = parse_person_text(text, know)
    assert (found and (found.name, [(a.org, a.title) for a in found.affiliations])) == expected


def test_one_person_after_a_group_and_role_is_a_member_and_a_role_under_a_title_column_is_no_title(know):
    text = ("---\ntitle: x\n---\n成都用户组 Leader：汪一然（星河科技）\n\n### 理事会成员\n\n| 职务 | 姓名 | 单位 |\n"
            "| --- | --- | --- |\n| 理事长 | 司马一鸣 | 星河科技 |\n| 首席顾问 | 欧阳一菲 | 云海数据 |\n")
    assert member_rows(extraction_of(text, know).members) == [
        ("成都用户组", "Leader", "汪一然", "星河科技", ""), ("理事会", "理事长", "司马一鸣", "星河科技", ""),
        ("理事会", "", "欧阳一菲", "云海数据", "首席顾问")]


def test_a_marked_talk_with_its_speaker_in_brackets_names_the_speaker(know):
    text = "---\ntitle: x\n---\n**分享主题：** 数据湖的演进（包一然，北辰数据 架构师）\n\n**议题：** 服务网格的落地\n"
    assert found(text, know) == {"包一然": ("caption", 4, [("北辰数据", "架构师")], ["数据湖的演进"])}


def test_an_award_named_like_a_title_is_a_label_and_an_opening_speech_ends_a_caption(know):
    text = ("---\ntitle: x\n---\n**年度最佳贡献者**：乔一辰（星河科技）、沙一雯（北辰大学）\n\n![](1.jpg)\n\n"
            "<center>星河开源社区理事长 麦一川 致开幕辞</center>\n")
    assert found(text, know) == {"乔一辰": ("caption", 4, [("星河科技", "")], []), "沙一雯": ("caption", 4, [("北辰大学", "")], []),
                                 "麦一川": ("caption", 8, [("星河开源社区", "理事长")], [])}


def test_people_thanked_and_authors_of_changes_are_no_speakers(know):
    text = ("---\ntitle: 社区周报\n---\n感谢以下贡献者：管一鸣（@guanym）、童一帆（@tongyf）\n\n"
            "- #1234 修复调度器内存泄漏（by 管一鸣）\n- #1235 文档更新（by 童一帆）\n")
    assert found(text, know) == {}


def test_the_last_word_of_a_latin_product_name_is_no_one_word_name(know):
    text = "---\ntitle: x\n---\n2.  **个人主页**开发（非预编译型，托管于 **GitHub Pages**）\n\n![](a.jpg)\n**华为 平台工程师 James**\n"
    assert found(text, know) == {"James": ("caption", 7, [("华为", "平台工程师")], [])}


def test_a_sentence_of_a_bio_under_a_photo_names_no_one_as_a_caption(know):
    text = ("---\ntitle: x\n---\n<figure>\n    <img src=\"he.png\">\n</figure>\n\n"
            "贺老从 1998 年 IE 4 时代开始写网页代码，至今身为 TC39、W3C 两个标准委员会的委员，可谓中国 Web 前端界少有的“两院院士”。\n")
    assert found(text, know) == {}


def test_a_numbered_bold_name_then_its_affiliation_is_a_caption(know):
    text = ("---\ntitle: x\n---\n**1. 姬一鸣** 星河科技 架构师\n\n- **2. 莘一帆** 云海数据 技术专家\n\n"
            "**伍一凡** 认为：开源需要更多的参与者。\n")
    assert found(text, know) == {"姬一鸣": ("caption", 4, [("星河科技", "架构师")], []),
                                 "莘一帆": ("caption", 6, [("云海数据", "技术专家")], [])}
