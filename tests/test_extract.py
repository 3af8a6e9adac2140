"""Extract stage: names, affiliations, captions, guest lists, member lists, talks, prose.
Hand-written texts with invented names and organisations: they test the mechanisms."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from pipeline.extract import extract_post
from pipeline.extract.affiliation import bio_affiliations, split_affiliations
from pipeline.extract.names import is_person_name
from pipeline.extract.knowledge import build_knowledge, load_dictionary
from pipeline.extract.people import parse_person_text
from pipeline.model import Affiliation, SourceText
from pipeline.parse import InlineRenderer, parse_post
from tests.conftest import FIXTURES

RENDERER = InlineRenderer()


def person(text, know):
    found = parse_person_text(text, know)
    return None if found is None else (found.name, [(a.org, a.title) for a in found.affiliations], found.talk)


@pytest.mark.parametrize("text, expected", [
    ("云和恩墨西区业务部总经理 卢文博", ("卢文博", [("云和恩墨", "西区业务部总经理")], "")),
    ("邵明  openGauss项目总监", ("邵明", [("openGauss", "项目总监")], "")),
    ("蒋海峰：openGauss 数据库领域总经理", ("蒋海峰", [("openGauss", "数据库领域总经理")], "")),
    ("西湖理工大学教授、博士生导师许静怡", ("许静怡", [("西湖理工大学", "教授"), ("西湖理工大学", "博士生导师")], "")),
    ("华为计算开源业务总经理、星火开源基金会 TOC 主席 堵立新",
     ("堵立新", [("华为", "计算开源业务总经理"), ("星火开源基金会", "TOC 主席")], "")),
    ("江苏星河、昇腾生态创新中心首席运营官董一鸣", ("董一鸣", [("江苏星河、昇腾生态创新中心", "首席运营官")], "")),
    ("云和恩墨副总经理兼数据库生态产品群总经理 熊一帆",
     ("熊一帆", [("云和恩墨", "副总经理"), ("云和恩墨", "数据库生态产品群总经理")], "")),
    ("钱塘理工大学计算机学院副教授、数据工程系主任、智慧城市研究中心主任 孙立",
     ("孙立", [("钱塘理工大学", "计算机学院副教授"), ("钱塘理工大学", "数据工程系主任"),
              ("钱塘理工大学", "智慧城市研究中心主任")], "")),
    ("StarDB CEO & Apache Nebula PMC Chair 张一鸣", ("张一鸣", [("StarDB", "CEO"), ("Apache Nebula", "PMC Chair")], "")),
    ("讲师：赵一恒 | StarRocks TSC Member", ("赵一恒", [("StarRocks", "TSC Member")], "")),  # the committee is the title's
    ("openGauss SIG SQLEngine&SIG Tools Committer 彭一",
     ("彭一", [("openGauss", "SIG SQLEngine"), ("openGauss", "SIG Tools Committer")], "")),
    ("西湖大学地球科学学院周海群教授", ("周海群", [("西湖大学", "地球科学学院教授")], "")),
    ("01-胡立策《开场致辞》", ("胡立策", [], "开场致辞")),
    ("演讲嘉宾：李争 | openLooKeng PMC", ("李争", [("openLooKeng", "PMC")], "")),
    ("@wangyd 王一东（北辰软件）", ("王一东", [("北辰软件", "")], "")),  # a handle before the name
    ("作者：Reminiscent（鄢一鹏）", ("鄢一鹏", [], "")),  # a handle, then the name in brackets
    ("分享嘉宾：星河政务服务中心 周一敏 工程师", ("周一敏", [("星河政务服务中心", "工程师")], "")),  # name between
    ("讲师：Tom Zhang Zilliz 解决方案架构师", ("Tom Zhang", [("Zilliz", "解决方案架构师")], "")),  # the surname ends it
    ("张一丰 | Senior Engineer | Globex Cloud", ("张一丰", [("Globex Cloud", "Senior Engineer")], "")),  # title, then body
    ("Li Ming | 架构师 | 星河跳动", ("Li Ming", [("星河跳动", "架构师")], "")),
    ("徐一立（主持人，星河社区运营）", ("徐一立", [("星河社区", "运营")], "")),  # the role at the event is no body
    ("Reminiscent（鄢一鹏，星河大学）", ("鄢一鹏", [("星河大学", "")], "")),
    ("王一凡，星河科技架构师 —— 分布式事务", ("王一凡", [("星河科技", "架构师")], "分布式事务")),
    ("Jane Roe, Staff Engineer at Globex — Scaling Foo", ("Jane Roe", [("Globex", "Staff Engineer")], "Scaling Foo")),
    ('Jane Roe (Globex Corp) presenting "Scaling Service Mesh"', ("Jane Roe", [("Globex Corp", "")], "Scaling Service Mesh")),
    ("面向AI的数据管理 | 西湖理工大学教授 陈立群", ("陈立群", [("西湖理工大学", "教授")], "面向AI的数据管理")),
    ("北京星河软件股份有限公司售前总监 詹一科", ("詹一科", [("北京星河软件股份有限公司", "售前总监")], "")),
    ("海量数据内核开发工程师余一鹏", ("余一鹏", [("海量数据", "内核开发工程师")], "")),
    ("▲中国移动架构师邵欢", ("邵欢", [("中国移动", "架构师")], "")),
    ("openEuler 委员会执行总监 刘一飞发表《构建开源 AI 生态系统》演讲",
     ("刘一飞", [("openEuler", "委员会执行总监")], "构建开源 AI 生态系统")),
    ("星河市政府创新科技及工业局工业专员（创新及科技）葛一明博士致辞",
     ("葛一明", [("星河市政府", "创新科技及工业局工业专员")], "")),
    ("物流及供应链多元技术研发中心(LSCM)特殊项目总监 伦婉霞博士",
     ("伦婉霞", [("物流及供应链多元技术研发中心(LSCM)", "特殊项目总监")], "")),
    ("北京市公安局局长 王一", ("王一", [("北京市公安局", "局长")], "")),
    ("湖南省星河生态创新中心 COO 旷俊", ("旷俊", [("湖南省星河生态创新中心", "COO")], "")),
    ("共建星河企业级开源数据库 openGauss数据库领域总经理 胡立策",
     ("胡立策", [("openGauss", "数据库领域总经理")], "共建星河企业级开源数据库")),
    ("Member 个人开发者", None),
    ("APIStar PMC 成员 敖一琪（流云星河科技 联合创始人）",  # one more affiliation in an aside after the name
     ("敖一琪", [("APIStar", "PMC 成员"), ("流云星河科技", "联合创始人")], "")),
    ("星河科技架构师 韦一然（北辰大学 客座教授）", ("韦一然", [("星河科技", "架构师"), ("北辰大学", "客座教授")], "")),
    ("霍一桐 / 星海存储 资深工程师", ("霍一桐", [("星海存储", "资深工程师")], "")),  # a trade word ends the name
    ("架构师 王一鸣（星河科技）", ("王一鸣", [("星河科技", "架构师")], "")),  # the title before, the body in the aside
    ("北辰大学 - 王一鸣", ("王一鸣", [("北辰大学", "")], "")),  # a body before a dash, no talk
    ("王一鸣 (IBM)", ("王一鸣", [("IBM", "")], "")),  # three Latin letters in brackets: a body, no place
    ("袁一怡（上海）", ("袁一怡", [], "")),
    ("图：江海智能首席科学家 宦一川", ("宦一川", [("江海智能", "首席科学家")], "")),  # 宦, a surname of the 百家姓
    ("中国星河有限公司北京分公司技术总监 王一鸣", ("王一鸣", [("中国星河有限公司北京分公司", "技术总监")], "")),  # a branch
    ("Jason（王一鸣），星河科技架构师", ("王一鸣", [("星河科技", "架构师")], "")),  # an English name, then the name
    ("王一鸣 Jason，星河科技架构师", ("王一鸣", [("星河科技", "架构师")], "")),
    ("王一 Google，架构师", ("王一", [("Google", "架构师")], "")),  # the word is the body: the rest names none
    ("王一飞（「Dynamix 星瓜智能」，StarX Approver，StarX 调度模块主要贡献者）",  # a long aside of three parts
     ("王一飞", [("Dynamix 星瓜智能", ""), ("StarX", "Approver"), ("StarX", "调度模块主要贡献者")], "")),
    ("云原生可观测性实践 - 王一鸣", ("王一鸣", [], "云原生可观测性实践")),
])
def test_person_captions(text, expected, know):
    assert person(text, know) == expected


@pytest.mark.parametrize("text", ["圆桌论坛", "成都用户组成立仪式", "Q1: 我想邀请好友参赛，具体如何操作？",
                                  "Plugin SIG", "关注 openGauss 微信公众号", "云和恩墨分论坛", "2.1.1 安装"])
def test_captions_that_name_nobody(text, know):
    assert parse_person_text(text, know) is None or parse_person_text(text, know).affiliations == [] and \
        not is_person_name(parse_person_text(text, know).name, know.lex, know.names)


def test_chinese_and_latin_name_validation(lex):
    assert is_person_name("欧阳陆伟", lex) and is_person_name("Keith Chan", lex)
    assert not is_person_name("圆桌论坛", lex) and not is_person_name("James", lex)
    assert not is_person_name("毕业于", lex)  # a bio's verb that opens with a surname
    assert is_person_name("James", lex, strict=False)
    assert not is_person_name("Maintainers", lex, strict=False) and not is_person_name("Committers", lex, strict=False)
    assert is_person_name("Chris", lex, strict=False)
    assert not is_person_name("小王", lex, strict=False) and not is_person_name("老李", lex, strict=False)  # address
    assert is_person_name("王小", lex, strict=False)


def test_a_guessed_body_ending_with_a_trade_word_leaves_a_second_one_to_the_title(know):
    """`飞轮科技技术副总裁`: 飞轮科技 is the body and 技术副总裁 the title; `东方通软件总经理` keeps its 软件."""
    assert split_affiliations("飞轮科技技术副总裁", know) == [Affiliation("飞轮科技", "技术副总裁")]
    assert split_affiliations("东方通软件总经理", know) == [Affiliation("东方通软件", "总经理")]
    assert split_affiliations("星澜数据服务总监", know) == [Affiliation("星澜数据", "服务总监")]


def test_an_ending_that_learned_organisations_share_runs_a_known_short_name_on(lex):
    """`长江鲲鹏` is learned, but `长江鲲鹏生态创新中心主任` names the centre: 生态创新中心 ends two
    learned organisations, so it is how organisations are named, not a unit of 长江鲲鹏; an ending
    no two share stays a unit (`星河科技平台能力中心`)."""
    know = build_knowledge(lex, {"长江鲲鹏", "江苏鲲鹏生态创新中心", "四川鲲鹏生态创新中心", "星河科技"}, load_dictionary())
    assert split_affiliations("长江鲲鹏生态创新中心主任", know) == [Affiliation("长江鲲鹏生态创新中心", "主任")]
    assert split_affiliations("星河科技平台能力中心主任", know) == [Affiliation("星河科技", "平台能力中心主任")]


def test_a_space_after_a_title_before_a_known_body_starts_another_affiliation(know):
    assert split_affiliations("北辰大学计算机学院副主任 云和恩墨 技术委员会主席", know) == [
        Affiliation("北辰大学", "计算机学院副主任"), Affiliation("云和恩墨", "技术委员会主席")]
    assert split_affiliations("华为 计算产品线 海量数据 产品总经理", know)[0].org == "华为"  # no title before the space


def test_a_department_of_a_ministry_goes_to_the_title(know):
    """`工业和信息化部信息技术发展司副司长`: the ministry (or commission) is the body; its 司 / 局 is a
    department and goes to the title."""
    def split(text):
        return [(a.org, a.title) for a in split_affiliations(text, know)]
    assert split("工业和信息化部信息技术发展司副司长") == [("工业和信息化部", "信息技术发展司副司长")]
    assert split("国家发展改革委高技术司副司长") == [("国家发展改革委", "高技术司副司长")]
    assert split("工信部网络安全管理局副局长") == [("工信部", "网络安全管理局副局长")]
    assert split("国家知识产权局副局长") == [("国家知识产权局", "副局长")]  # a body of its own
    assert split("教育部科技司司长") == [("教育部", "科技司司长")]


def test_a_known_body_does_not_end_inside_a_trade_word_and_an_academys_institute_is_its_own(lex):
    """Learned `中移信息` in `中移信息技术中心…` ends inside 信息技术: the body is 中移; an institute
    after an academy the run knows (`中科院` + `软件研究所`) is a body of its own."""
    know = build_knowledge(lex, {"中移信息", "中科院", "华为"}, load_dictionary())
    def split(text):
        return [(a.org, a.title) for a in split_affiliations(text, know)]
    assert split("中移信息技术中心副总经理") == [("中移", "信息技术中心副总经理")]
    assert split("中移信息产品经理") == [("中移信息", "产品经理")]
    assert split("中科院软件研究所副总工") == [("中科院软件研究所", "副总工")]
    assert split("中科院信工所研发工程师") == [("中科院信工所", "研发工程师")]  # an institute's short name


def test_affiliation_parts_share_or_name_their_organisation(know):
    assert split_affiliations("东方通集团执行副总裁兼东方通软件总经理", know) == [
        Affiliation("东方通集团", "执行副总裁"), Affiliation("东方通软件", "总经理")]  # a trade word before 总经理
    assert split_affiliations("个人开发者", know) == [Affiliation("", "个人开发者")]
    assert split_affiliations("海量数据", know) == [Affiliation("海量数据", "")]


def test_affiliation_bars_separate_roles_and_a_domain_word_is_no_organisation(know):
    assert split_affiliations("AI 技术研究者｜ABE AI 社群主理人", know) == [
        Affiliation("", "AI 技术研究者"), Affiliation("ABE", "AI 社群主理人")]
    assert split_affiliations("软件工程师 | Rust 爱好者", know) == [
        Affiliation("", "软件工程师"), Affiliation("", "Rust 爱好者")]


def test_an_interest_before_an_interest_head_is_no_organisation(know):
    """`多语言爱好者`, `音乐发烧友`: what a person is a fan of (interest_heads.txt) is no body, unless
    the words before are a credible one, and it takes no body from the part before."""
    assert split_affiliations("多语言爱好者", know) == [Affiliation("", "多语言爱好者")]
    assert split_affiliations("音乐发烧友", know) == [Affiliation("", "音乐发烧友")]
    assert split_affiliations("星河科技开源爱好者", know) == [Affiliation("星河科技", "开源爱好者")]
    # in a bio after a post, a hobby is no affiliation
    assert bio_affiliations("原贝壳找房基础架构部工程师，多语言爱好者，偏向异步和函数式编程。", know) == [
        Affiliation("贝壳找房", "基础架构部工程师")]
    assert bio_affiliations("汉服爱好者，古琴修习者。", know)[0] == Affiliation("", "汉服爱好者")


def test_the_writers_own_company_is_no_organisation_name(know):
    """`我司 CTO 黄东旭`: 我司 stands for the company that writes the post; no body is named."""
    assert split_affiliations("我司 CTO", know) == [Affiliation("", "CTO")]
    assert split_affiliations("本公司首席架构师", know) == [Affiliation("", "首席架构师")]


def test_when_it_happened_and_the_event_reported_are_no_organisation(know):
    """`前段时间 PingCAP CTO`, `本次大会的讲师`: a time adverb or the reported event before the
    title is not part of a body."""
    assert split_affiliations("前段时间 星河数据 CTO", know) == [Affiliation("星河数据", "CTO")]
    assert split_affiliations("本次大会的讲师", know) == [Affiliation("", "讲师")]


def test_an_account_of_the_person_is_no_affiliation(know):
    """`孙晓光 GitHub ID` under a photo, `网名 sorrycc`: an account names no body."""
    assert split_affiliations("GitHub ID", know) == []
    assert split_affiliations("星河数据 CTO | GitHub ID", know) == [Affiliation("星河数据", "CTO")]
    assert split_affiliations("Android 工程师", know) == [Affiliation("", "Android 工程师")]


def test_a_brand_suffix_written_as_a_word_of_its_own_belongs_to_the_body(know):
    """`华为云数据库创新实验室布道师`: 华为云 is the body; not in `腾讯云原生…` (云原生 is a word) nor
    `华为云与计算…` (cloud and computing, one business)."""
    assert split_affiliations("华为云数据库创新实验室布道师", know) == [Affiliation("华为云", "数据库创新实验室布道师")]
    assert split_affiliations("华为云 DevOps 专家", know) == [Affiliation("华为云", "DevOps 专家")]
    assert split_affiliations("华为云原生架构师", know) == [Affiliation("华为", "云原生架构师")]
    assert split_affiliations("华为云与计算开源业务总经理", know) == [Affiliation("华为", "云与计算开源业务总经理")]


def test_what_a_bio_says_the_person_does_now_is_no_post(know):
    """`…，现负责…平台框架设计和研发`: 现 then a bio verb is work, not a title; `一线` opens a title."""
    assert bio_affiliations("陈一津 星河数据 web 前端架构师，现负责星河 web 前端平台框架设计和研发，曾先后负责 QQ",
                            know, subject="陈一津") == [Affiliation("星河数据", "web 前端架构师")]
    assert split_affiliations("一线前端工程师", know) == [Affiliation("", "一线前端工程师")]


def test_a_later_part_opening_with_a_country_names_an_institution_of_its_own(know):
    """`评委会副主任、中国星河科学技术传播中心副主任`: 中国… is no unit of the committee before."""
    assert split_affiliations("评委会副主任、中国星河科学技术传播中心副主任", know) == [
        Affiliation("评委会", "副主任"), Affiliation("中国星河科学技术传播中心", "副主任")]


def test_a_han_word_set_off_before_a_latin_product_is_the_body(know):
    """`星和恩墨 MogDB 数据库 CTO`: a body no list knows, set off by a space before a product's name;
    not `全栈开发 Java 工程师` (a title's words)."""
    assert split_affiliations("星和恩墨 MogDB 数据库 CTO", know) == [Affiliation("星和恩墨", "MogDB 数据库 CTO")]
    assert split_affiliations("全栈开发 Java 工程师", know) == [Affiliation("", "全栈开发 Java 工程师")]


def test_a_later_part_names_its_trade_name_body_before_the_first_title_word(know):
    """`…、星河科技技术总监`: the body ends at the first trade word a title follows (科技), not at
    a later one that the title opens with (技术)."""
    assert split_affiliations("北辰大学教授、星河科技技术总监", know) == [
        Affiliation("北辰大学", "教授"), Affiliation("星河科技", "技术总监")]


def test_a_comma_before_a_latin_named_body_ends_the_body_before_it(know):
    assert split_affiliations("星河范式，Nova Reviewer", know) == [Affiliation("星河范式", ""), Affiliation("Nova", "Reviewer")]
    assert split_affiliations("江苏鲲鹏、昇腾生态创新中心主任", know) == [Affiliation("江苏鲲鹏、昇腾生态创新中心", "主任")]


def test_a_talk_beside_a_bar_and_a_name_is_no_organisation(know):
    assert person("向量检索集群优化的三个阶段｜李一轩", know) == ("李一轩", [], "向量检索集群优化的三个阶段")
    assert person("星河科技｜李一轩", know) == ("李一轩", [("星河科技", "")], "")
    assert person("分享嘉宾 | 赵一桐 天穹数据资深工程师", know) == ("赵一桐", [("天穹数据", "资深工程师")], "")  # a label
    assert person("主持人 | 周一新 | 星河启明 运营经理", know) == ("周一新", [("星河启明", "运营经理")], "")
    assert person("孙一明 / 北斗云 / 《星河连接器开发》", know) == ("孙一明", [("北斗云", "")], "星河连接器开发")


def test_a_bio_clause_ends_the_affiliations_of_a_caption(know):
    assert person("郭一庆 星河云 Web 前端工程师，负责云数据库多个产品，长期从事前端框架设计", know) == (
        "郭一庆", [("星河云", "Web 前端工程师")], "")


def test_a_connective_or_a_place_word_opens_a_prose_affiliation(know):
    text = ("---\ntitle: x\n---\n于是研发工程师李一龙决定动手。在海量数据 Doc SIG Maintainer 孙一玉的指导下，大家完成了实验。\n")
    post, _ = parse_post(SourceText("p.md", text, "utf-8"), RENDERER)
    assert {m.name: [(a.org, a.title) for a in m.affiliations] for m in extract_post(post, know).mentions} == {
        "李一龙": [("", "研发工程师")], "孙一玉": [("海量数据", "Doc SIG Maintainer")]}


def test_a_brand_with_a_sentence_character_is_still_a_caption(know):
    assert person("陈一明，饿了么北京技术中心架构组负责人", know) == (
        "陈一明", [("饿了么", "北京技术中心架构组负责人")], "")
    assert person("大家都来了，王一鸣", know) is None  # a sentence: it ends with no title


def test_a_place_and_a_unit_after_a_body_are_its_department(know):
    assert split_affiliations("星汤香港技术服务中心主管", know) == [Affiliation("星汤", "香港技术服务中心主管")]
    assert split_affiliations("星河理工大学珠海学院教授", know) == [Affiliation("星河理工大学", "珠海学院教授")]
    assert split_affiliations("云和恩墨(北京)技术中心主任", know)[0].org != "云和恩墨("
    assert split_affiliations("开场致辞 江苏星河生态创新中心首席运营官", know)[0].org != "开场致辞"


@pytest.fixture(scope="module")
def unknown(lex):
    """Knowledge with no organisation known: the guesses alone."""
    from pipeline.extract.knowledge import build_knowledge, load_dictionary
    return build_knowledge(lex, set(), load_dictionary())


@pytest.mark.parametrize("text, expected", [
    ("星汉恩墨优化专家", ("星汉恩墨", "优化专家")),  # a verbal noun right before a title head
    ("星汉恩墨西区业务部总经理", ("星汉恩墨", "西区业务部总经理")),  # a region before a department
    ("星汉恩墨2020产品事业部总经理", ("星汉恩墨", "2020产品事业部总经理")),  # a number after the body
    ("字节跳动资深研发工程师", ("字节跳动", "资深研发工程师")),  # 跳动 before a modifier stays
    ("星为，昇腾计算业务总裁", ("星为", "昇腾计算业务总裁")),  # no body runs across a comma
])
def test_what_comes_off_a_guessed_body(text, expected, unknown):
    assert [(a.org, a.title) for a in split_affiliations(text, unknown)] == [expected]


@pytest.mark.parametrize("bio, expected", [
    ("目前在星河科技担任高级工程师，负责存储。", [("星河科技", "高级工程师")]),
    ("现就职于星河科技，任高级工程师。", [("星河科技", "高级工程师")]),
    ("他目前在星河科技做架构师。", [("星河科技", "架构师")]),
    ("开源爱好者，就职于星河科技，任前端技术专家。", [("星河科技", "前端技术专家")]),  # a fan's word gives way
    ("资深工程师，现就职于星河科技，担任前端技术专家。", [("", "资深工程师"), ("星河科技", "前端技术专家")]),
    ("久仰大名！现在，月影大大正在 360 做总监，带领团队。", [("360", "总监")]),
    ("曾在北辰软件工作，现为星河科技技术总监。", [("星河科技", "技术总监")]),
    ("曾在北辰软件担任工程师，后来去了星河。", []),  # a past post only
    ("他在大会上当选为理事。", []),  # elected at a meeting: no body
    ("他在北京做架构师。", []),  # a place, no body
    ("久仰大名！他曾在北辰访学。先后在三家公司任职。早在 2008 年就出书了！现在，月影正在 360 做总监。", [("360", "总监")]),
    ("久仰大名！他曾在北辰访学。先后在三家公司任职。他在星河科技担任过架构师。", []),  # far on, not said to hold now
])
def test_a_bio_that_says_where_the_person_works_now(bio, expected, know):
    """`目前在 X 担任 Y`, `现就职于 X，任 Y`, `现为 X Y`: the post a bio says the person holds now,
    wherever in its first sentences (a past one, `曾在…`, is none)."""
    assert [(a.org, a.title) for a in bio_affiliations(bio, know, subject="月影")] == expected


def test_a_bio_lists_other_roles_after_also_without_the_body_before(know):
    from pipeline.extract.affiliation import bio_affiliations
    text = ("他现在是 tap4fun Web 前端工程师，海量数据社区理事会成员，也是 JavaScript 全栈开发者、开源软件作者、"
            "Nova 中文社区技术布道师和 jQuery 贡献者。")
    assert [(a.org, a.title) for a in bio_affiliations(text, know)] == [
        ("tap4fun", "Web 前端工程师"), ("海量数据社区", "理事会成员"), ("", "JavaScript 全栈开发者"), ("", "开源软件作者"),
        ("Nova 中文社区", "技术布道师"), ("jQuery", "贡献者")]


def test_a_caption_sentence_about_where_its_person_speaks_names_them_only(know):
    assert person("张一潇在 KubeCon 的 Cloud Native 论坛上分享 Nova", know) == ("张一潇", [], "")
    assert person("海量数据在北京举办活动", know) is None


def test_a_technical_domain_after_a_guessed_body_opens_the_title(know):
    assert split_affiliations("星通数科操作系统研发工程师", know) == [Affiliation("星通数科", "操作系统研发工程师")]
    assert split_affiliations("北京大数据研究院院长", know) == [Affiliation("北京大数据研究院", "院长")]


def test_a_thanked_persons_affiliation_starts_after_the_thanks(know):
    text = "---\ntitle: x\n---\n我们感谢星河银行大数据技术专家吴一珉、海量数据高级工程师程一舰带来的分享与贡献。\n"  # thanked for
    # talks, so speakers (people merely thanked are none: test_people_merely_thanked_in_prose_are_no_speakers)
    post, _ = parse_post(SourceText("p.md", text, "utf-8"), RENDERER)
    assert {m.name: [(a.org, a.title) for a in m.affiliations] for m in extract_post(post, know).mentions} == {
        "吴一珉": [("星河银行", "大数据技术专家")], "程一舰": [("海量数据", "高级工程师")]}


def test_a_domain_word_inside_a_latin_name_stays_in_it(know):
    assert split_affiliations("W4C Chinese Web IG 成员", know) == [Affiliation("W4C Chinese Web IG", "成员")]
    assert split_affiliations("Gooble Web 开发者", know) == [Affiliation("Gooble", "Web 开发者")]
    assert split_affiliations("ECMA TC39 代表", know) == [Affiliation("ECMA TC39", "代表")]  # TC39 is no TC


def test_an_organisation_ending_before_a_listing_names_a_part_not_the_body(know):
    assert split_affiliations("Nakos注册中心等模块主要贡献者", know) == [
        Affiliation("Nakos", "注册中心等模块主要贡献者")]


def test_brackets_set_the_body_apart_and_english_rank_words_open_the_title(know):
    assert split_affiliations("「Nova 星瓜智能」CTO，Nova Maintainer", know) == [
        Affiliation("Nova 星瓜智能", "CTO"), Affiliation("Nova", "Maintainer")]
    assert split_affiliations("Open Foo Foundation Executive Director", know) == [
        Affiliation("Open Foo Foundation", "Executive Director")]


def test_a_former_employer_is_the_body_without_its_marker(know):
    assert split_affiliations("原海量数据基础架构部工程师", know) == [Affiliation("海量数据", "基础架构部工程师")]
    assert split_affiliations("星河大学教授、前云和恩墨 CTO", know) == [
        Affiliation("星河大学", "教授"), Affiliation("云和恩墨", "CTO")]
    assert split_affiliations("前端工程师", know) == [Affiliation("", "前端工程师")]  # a word, not a marker
    assert split_affiliations("现代汽车工程师", know) == [Affiliation("现代汽车", "工程师")]


def test_years_of_experience_open_no_affiliation(know):
    assert [(a.org + a.title).replace(" ", "") for a in split_affiliations("18 年老谷粉、微软 MVP", know)] == ["微软MVP"]
    assert split_affiliations("十余年数据库经验，现任星河科技高级架构师", know) == [Affiliation("星河科技", "高级架构师")]
    assert split_affiliations("2019年度最佳贡献者", know) != []  # a year's award is no span of years


def test_a_body_made_of_endings_alone_is_part_of_the_title(know):
    assert split_affiliations("项目社区导师", know) == [Affiliation("", "项目社区导师")]  # 项目 and 社区 name no body
    assert split_affiliations("星河社区导师", know) == [Affiliation("星河社区", "导师")]


def extraction_of(name: str, know):
    text = (FIXTURES / "posts" / name).read_bytes().decode("utf-8-sig")
    post, _ = parse_post(SourceText(name, text.replace("\r\n", "\n"), "utf-8"), RENDERER)
    return extract_post(post, know)


def test_fixture_post_gives_captions_guests_members_and_talks(lex):
    posts = []
    for name in ("meetup-toml.md",):
        text = (FIXTURES / "posts" / name).read_text(encoding="utf-8")
        posts.append(parse_post(SourceText(name, text, "utf-8"), RENDERER)[0])
    from pipeline.extract.knowledge import build_knowledge, load_dictionary

    from pipeline.extract.gazetteer import run_gazetteer
    from pipeline.workers import summarised

    bare = build_knowledge(lex, set(), None)
    orgs = run_gazetteer([summarised(post, bare) for post in posts])
    assert {"杭州星河科技", "钱塘数据"} <= orgs
    know = build_knowledge(lex, orgs, load_dictionary())
    found = extract_post(posts[0], know)
    captions = {(m.name, m.source_kind, m.line, tuple((a.org, a.title) for a in m.affiliations), tuple(m.talks))
                for m in found.mentions if m.rule != "caption:guest_list" and m.source_kind == "caption"}
    assert captions == {
        ("卢文博", "caption", 13, (("杭州星河科技", "数据库研发部总经理"),), ("分布式事务的工程实践",)),
        ("韩立群", "caption", 19, (("浙江工程大学", "计算机学院副教授"), ("浙江工程大学", "数据工程系主任")),
         ("数据库课程的实践教学",)),
    }
    guests = [(m.name, [(a.org, a.title) for a in m.affiliations]) for m in found.mentions
              if m.rule == "caption:guest_list"]
    assert guests == [("卢文博", [("杭州星河科技", "数据库研发部总经理")]),
                      ("彭晓东", [("钱塘数据", "高级工程师")]),
                      ("韩立群", [("浙江工程大学", "计算机学院副教授")])]
    members = [(m.group_name, m.role, m.name, m.org, m.title) for m in found.members]
    assert members == [("示例社区杭州用户组", "Organizer", "蒋海峰", "钱塘数据", ""),
                       ("示例社区杭州用户组", "Member", "许静怡", "杭州星河科技", ""),
                       ("示例社区杭州用户组", "Member", "许静怡", "杭州星河科技", ""),
                       ("示例社区杭州用户组", "Ambassador", "彭晓东", "钱塘数据", "高级工程师")]
    assert not any(m.name in ("圆桌论坛",) for m in found.mentions)


def test_a_two_character_name_that_jieba_joins_with_the_and_after_it(know):
    """`…研一学生李平和信息学院研一学生邱一璞`: 平和 is a word, but 李平 is the name and 和 joins the next."""
    assert prose_people("分别是星河大学计算机学院的研一学生李平和信息学院研一学生邱一璞。", know) == {
        "李平": ([("星河大学", "计算机学院的研一学生")], []), "邱一璞": ([("信息学院", "研一学生")], [])}


@pytest.mark.parametrize("sentence", ["随后，远帆科技的陶佳怡和星野数据的葛文博共同分享了《分布式软总线实践》。",
                                      "随后，远帆科技的陶佳怡与星野数据的葛文博联合分享了《分布式软总线实践》。"])
def test_a_three_character_name_that_jieba_joins_with_the_and_after_it(sentence, know):
    """`陶佳怡和星野…`: 怡和 is a word (a company), but 陶佳怡 is the name; 联合 and 共同 before
    the verb say the two speak together."""
    assert prose_people(sentence, know) == {"陶佳怡": ([("远帆科技", "")], ["分布式软总线实践"]),
                                            "葛文博": ([("星野数据", "")], ["分布式软总线实践"])}


@pytest.mark.parametrize("adverb", ["先后", "相继"])
def test_a_name_followed_by_an_adverb_of_people_acting_in_turn(adverb, know):
    """`…教授奚一岚先后发表…`: jieba tags 先后 a time word, yet it follows a name as a verb's adverb does."""
    assert prose_people(f"上午，星河科技 CTO 蒙一飞、北辰大学教授奚一岚{adverb}发表主题演讲。", know) == {
        "蒙一飞": ([("星河科技", "CTO")], []), "奚一岚": ([("北辰大学", "教授")], [])}


def test_people_listed_after_as_many_bodies_take_them_in_order_and_share_what_follows(know):
    """`来自A、B的专家C、D`: C is with A, D with B; `C（A）、D（B）作为嘉宾参加了…`: both (the 作 of 作为
    was read as the 作 of 作了 and D lost); one body with 、 in its name stays whole."""
    assert prose_people("来自星河科技、云海数据的专家鞠一鸣、臧一东分享了最新进展。", know) == {
        "鞠一鸣": ([("星河科技", "专家")], []), "臧一东": ([("云海数据", "专家")], [])}
    assert prose_people("鞠一鸣（星河科技）、臧一东（云海数据）作为嘉宾参加了圆桌讨论。", know) == {
        "鞠一鸣": ([("星河科技", "")], []), "臧一东": ([("云海数据", "")], [])}
    assert prose_people("江苏鲲鹏、昇腾生态创新中心首席运营官董一鸣分享了经验。", know) == {
        "董一鸣": ([("江苏鲲鹏、昇腾生态创新中心", "首席运营官")], [])}


def test_a_scientist_and_a_host_named_before_their_aside_are_introduced(know):
    """科学家 is a title head; `主持人NAME（…）`: the role at the event before the name is no part of it."""
    assert prose_people("邀请到了来自星河科技的首席科学家卢一刚博士、云海数据联合创始人兼 CTO 韦一豪。", know) == {
        "卢一刚": ([("星河科技", "首席科学家")], []), "韦一豪": ([("云海数据", "联合创始人"), ("云海数据", "CTO")], [])}
    assert prose_people("最后，主持人尹一慧（星河社区运营经理）宣布大会圆满结束。", know) == {
        "尹一慧": ([("星河社区", "运营经理")], [])}


@pytest.mark.parametrize("sentence", ["本次沙龙邀请了星河科技的岑一舟、云海数据的甄一茜两位嘉宾。",
                                      "本次沙龙邀请了星河科技的岑一舟、云海数据的甄一茜等嘉宾参加。"])
def test_bodies_people_enumerated_before_a_headcount_of_guests_are_introduced(sentence, know):
    assert prose_people(sentence, know) == {"岑一舟": ([("星河科技", "")], []), "甄一茜": ([("云海数据", "")], [])}


def test_a_body_glued_to_a_name_before_a_verb_of_speech_and_a_host_after_zai(know):
    """`由星野数据符一舟带来的《…》`: a trade name glued to the name, then the verb; `在王一然（…）的
    主持下`: 在 opens the clause; `当前数据库产品获得…`: no name starts inside a word (数据库)."""
    assert prose_people("由星野数据符一舟带来的《流批一体》分享，引发了热烈讨论。", know) == {
        "符一舟": ([("星野数据", "")], ["流批一体"])}
    assert prose_people("在王一然（星河科技 CTO）的主持下，圆桌讨论顺利进行。", know) == {
        "王一然": ([("星河科技", "CTO")], [])}
    assert prose_people("这也是当前数据库产品获得该认证的最高级别。", know) == {}


def test_an_acronym_title_listed_after_the_title_head_still_introduces_the_name(know):
    """`…社区Maintainer、oEVP 王玺源在《…》的主题分享中`: the acronym is one more title."""
    assert prose_people("星河社区Maintainer、oEVP 王一源在《星河 AI 生态的现状》的主题分享中介绍了框架。", know) == {
        "王一源": ([("星河社区", "Maintainer"), ("", "oEVP")], ["星河 AI 生态的现状"])}


def test_a_list_item_sentence_that_introduces_a_speaker_gives_its_talk(know):
    text = "---\ntitle: x\n---\n- 第一位分享嘉宾是来自星河的资深工程师刘一海，他带来了题为《星河 OLAP 演进》的分享。\n"
    post, _ = parse_post(SourceText("p.md", text, "utf-8"), RENDERER)
    assert [(m.name, m.talks) for m in extract_post(post, know).mentions] == [("刘一海", ["星河 OLAP 演进"])]


def test_a_trade_name_no_list_knows_before_a_name_and_honorific_is_the_body(know):
    """`星澜数据潘一宝先生加入…`: 星澜数据 (a name and a trade word) is the body; 先生 is dropped."""
    assert prose_people("星澜数据潘一宝先生加入openGauss品牌委员会，成为openGauss品牌委员会委员。", know) == {
        "潘一宝": ([("星澜数据", ""), ("openGauss", "品牌委员会委员")], [])}


def test_a_body_and_its_speaker_then_a_comma_before_the_verb(know):
    assert prose_people("随后，华为的王一亮，介绍了华为的湖仓一体方案。", know) == {"王一亮": ([("华为", "")], [])}


def test_a_name_as_a_body_s_title_and_an_apposition_before_a_verb_to_the_audience(know):
    assert prose_people("王一凡作为星河科技的首席架构师，分享了团队的实践经验。", know) == {
        "王一凡": ([("星河科技", "首席架构师")], [])}
    assert prose_people("李一明，北辰数据首席架构师，为大家解读了最新版本。", know) == {
        "李一明": ([("北辰数据", "首席架构师")], [])}


def test_bodies_people_listed_before_one_verb_of_speech(know):
    assert prose_people("华为的王一凡、北辰大学的李一明分别从企业和学术角度分享了观点。", know) == {
        "王一凡": ([("华为", "")], []), "李一明": ([("北辰大学", "")], [])}


def test_two_speakers_with_asides_who_performed_a_dialogue(know):
    """`A（…）和B（…）进行了对谈`: 进行了 before the verb, 和 before the second name, 对谈 a panel's verb."""
    assert prose_people("王一凡（星河科技）和李一明（北辰大学）进行了对谈。", know) == {
        "王一凡": ([("星河科技", "")], []), "李一明": ([("北辰大学", "")], [])}


def test_prose_speakers_with_title_before_the_name(know):
    text = ("+++\ntitle = 'x'\n+++\n\n随后，由openGauss生态经理薛立斌为大家带来《企业级特性解读》主题演讲。"
            "来自云和恩墨的高级研究员刘一伟分享了高可用实践。中国移动架构师邵欢、华为高级工程师赵宇与开发者和用户齐聚一堂。\n")
    post, _ = parse_post(SourceText("p.md", text, "utf-8"), RENDERER)
    found = extract_post(post, know)
    prose = {(m.name, tuple((a.org, a.title) for a in m.affiliations)) for m in found.mentions
             if m.source_kind == "prose"}
    assert prose == {("薛立斌", (("openGauss", "生态经理"),)), ("刘一伟", (("云和恩墨", "高级研究员"),)),
                     ("邵欢", (("中国移动", "架构师"),)), ("赵宇", (("华为", "高级工程师"),))}
    talks = {m.name: m.talks for m in found.mentions}
    assert talks["薛立斌"] == ["企业级特性解读"]


def prose_people(paragraph: str, know) -> dict[str, tuple[list[tuple[str, str]], list[str]]]:
    """The people running prose names in a post of one paragraph: name -> ((org, title) pairs, talks)."""
    post, _ = parse_post(SourceText("p.md", f"+++\ntitle = 'x'\n+++\n\n{paragraph}\n", "utf-8"), RENDERER)
    return {m.name: ([(a.org, a.title) for a in m.affiliations], m.talks)
            for m in extract_post(post, know).mentions if m.source_kind == "prose"}


def test_heads_of_a_unit_introduce_names_in_prose(know):
    """Titles ending in 长 (处长, 组长, 中心长) are nouns, whatever jieba's tag (it has 处长 as a verb)."""
    prose = prose_people("此外，星河银行金融科技研究院基础研究处处长周一然、天穹数据云中心中心长林一华、"
                         "北辰大学兴趣小组组长孙一航进行了主题演讲。", know)
    assert set(prose) == {"周一然", "林一华", "孙一航"}
    assert prose["周一然"][0][0][1].endswith("处长")
    assert prose["林一华"][0][0][1].endswith("中心长")


def test_a_name_then_its_present_post_in_prose(know):
    """`现任`, `担任` follow a name as 是 does (jieba tags 现任 a noun)."""
    prose = prose_people("会上，丁一凡现任星河科技高级架构师，分享了《云原生实践》。随后，韩一舟担任北辰大学副教授，介绍了课程建设。",
                         know)
    assert {name: affs for name, (affs, _) in prose.items()} == {
        "丁一凡": [("星河科技", "高级架构师")], "韩一舟": [("北辰大学", "副教授")]}


def test_a_nickname_set_apart_by_a_space_then_a_speech_verb_is_a_name(know):
    """`…全栈开发工程师 水歌分享了…`: no surname, but a space before it and what the person does after it."""
    prose = prose_people("星河科技创始人、TS 全栈开发工程师 沫歌分享了脚手架的搭建。北辰大学架构师 团队分享了经验。"
                         "企业和 DBA 人员也介绍了经验。星河大学教授 为大会带来分享。", know)
    assert list(prose) == ["沫歌"]  # 团队 is a word, 人员也 and 为大会 hold function characters
    assert prose["沫歌"][0][0] == ("星河科技", "创始人")


def test_a_body_s_person_then_an_honorific_and_the_audience_before_the_verb(know):
    prose = prose_people("星河科技的杨一川老师为大家带来了《数据湖实践》的分享。随后，天穹数据的吕一涵为我们介绍了调度器。"
                         "星河科技的员工为大家带来了礼物。星河 SIG 的 Maintainers 为同学带来了多个任务。", know)
    assert prose == {"杨一川": ([("星河科技", "")], ["数据湖实践"]), "吕一涵": ([("天穹数据", "")], [])}


def test_a_sentence_ending_in_a_list_of_names_with_bodies(know):
    prose = prose_people("经过评选，以下同学获得“优秀贡献者”称号：陈一诺（北辰大学）、杨一川（天穹数据）。"
                         "感谢以下同事的反馈：吕一涵（星河科技）、何一平（天穹数据）。会议地点：星河大厦（3楼）、天穹中心（5楼）。", know)
    assert prose == {"陈一诺": ([("北辰大学", "")], []), "杨一川": ([("天穹数据", "")], [])}  # people thanked are no speakers
    prose = prose_people("恭喜以下同学成为星河 Committer：陈一晨（星河启明）、王一帆（北斗云）。", know)
    assert prose == {"陈一晨": ([("星河启明", "")], []), "王一帆": ([("北斗云", "")], [])}  # a role they take
    prose = prose_people("最后，社区新晋 Committer：费一琪（北辰数据库）、宓一鸣（天河云）获颁证书。", know)
    assert prose == {"费一琪": ([("北辰数据库", "")], []), "宓一鸣": ([("天河云", "")], [])}  # what they did after the list


def test_a_post_people_take_up_in_the_same_sentence_is_theirs(know):
    """`A、B加入StarDB用户委员会，成为StarDB用户委员会委员`: the post both become holders of."""
    prose = prose_people("华为黄一儒先生、中国移动崔一峰先生加入StarDB用户委员会，成为StarDB用户委员会委员。"
                         "海量数据潘一宝先生成为了社区的一员。中国移动孟一震先生成为了StarDB的核心Committer。", know)
    assert prose["黄一儒"] == ([("华为", ""), ("StarDB", "用户委员会委员")], [])
    assert prose["崔一峰"] == ([("中国移动", ""), ("StarDB", "用户委员会委员")], [])
    assert prose["潘一宝"] == ([("海量数据", "")], [])  # 一员 is no post
    assert prose["孟一震"] == ([("中国移动", ""), ("StarDB", "核心Committer")], [])


def test_thanks_before_a_speaker_are_no_part_of_the_post(know):
    assert prose_people("感谢讲师吴一琪的精彩分享！", know) == {"吴一琪": ([("", "讲师")], [])}


def test_phrases_that_open_with_a_surname_are_no_names_in_prose(know):
    assert prose_people("星河云是一家专业公司，集市场营销、运营服务、产品研发于一体。会上，李教授向大家展示了社区进展。"
                        "学术专家和社区贡献者齐聚 StarDB 峰会。完善社区成员晋级的指导机制。", know) == {}


def test_the_theme_an_event_is_held_under_is_nobody_s_talk(know):
    prose = prose_people("大会以“数智赋能 共筑未来”为主题，星河科技高级工程师王一凡分享了数据库实践。", know)
    assert prose == {"王一凡": ([("星河科技", "高级工程师")], [])}


def test_officials_opening_an_event_are_read_from_prose(know):
    prose = prose_people("浙江省经济和信息化厅厅长顾一峰、星河开源联盟主席韩一舟等领导出席，杭州市人民政府副市长石一平致辞。", know)
    assert {name: affs for name, (affs, _) in prose.items()} == {
        "顾一峰": [("浙江省经济和信息化厅", "厅长")], "韩一舟": [("星河开源联盟", "主席")], "石一平": [("杭州市人民政府", "副市长")]}


def test_an_award_sentence_over_a_photo_is_prose_not_a_caption(know):
    text = ("+++\ntitle = 'x'\n+++\n\nKyuubi PMC [韩一舟](https://example.org/han) "
            "荣获星河基金会“2023年活力开源贡献者-技术贡献奖”。\n\n![](award.png)\n")
    post, _ = parse_post(SourceText("p.md", text, "utf-8"), RENDERER)
    found = {(m.name, m.source_kind, tuple((a.org, a.title) for a in m.affiliations))
             for m in extract_post(post, know).mentions}
    assert found == {("韩一舟", "prose", (("Kyuubi", "PMC"),))}


def test_enumerated_organisation_name_pairs(know):
    text = "---\ntitle: x\n---\n会议召开，来自云和恩墨王一潇、华为梁一冰、星河数据孟一震、神舟星用峁亚一、北京超图王一丹等委员参加。\n"
    post, _ = parse_post(SourceText("p.md", text, "utf-8"), RENDERER)
    found = extract_post(post, know)
    assert [(m.name, m.affiliations[0].org) for m in found.mentions] == [  # 峁: a surname no list knows
        ("王一潇", "云和恩墨"), ("梁一冰", "华为"), ("孟一震", "星河数据"), ("峁亚一", "神舟星用"), ("王一丹", "北京超图")]


def test_an_unknown_body_that_could_pass_for_a_name_in_a_list_of_bodies_and_names(know):
    """`普元袁怡` among `云和恩墨王潇、华为梁冰…`: 普元 could be a name (普 is a surname), but where most
    items are a body and a name, it is read as the others are."""
    text = "---\ntitle: x\n---\n会议召开，来自云和恩墨王一潇、华为梁一冰、普元袁一怡、海量数据王一丹，参加了会议。\n"
    post, _ = parse_post(SourceText("p.md", text, "utf-8"), RENDERER)
    assert [(m.name, m.affiliations[0].org) for m in extract_post(post, know).mentions] == [
        ("王一潇", "云和恩墨"), ("梁一冰", "华为"), ("袁一怡", "普元"), ("王一丹", "海量数据")]
    text = "---\ntitle: x\n---\n会议召开，来自云和恩墨王一潇、普元袁一怡、华为梁一冰，参加了会议。\n"  # two vouch for less
    post, _ = parse_post(SourceText("p.md", text, "utf-8"), RENDERER)
    assert [m.name for m in extract_post(post, know).mentions] == ["王一潇", "梁一冰"]


def test_an_enumerated_body_by_its_ending_then_a_name(know):
    """`…、光大银行程小舰、…`: a body no list knows, named by its ending (银行), then a name."""
    assert prose_people("我们感谢招行大数据技术专家吴一珉、星澜银行程一舰、鸿鹄元数总经理胡一云带来的分享。", know) == {
        "吴一珉": ([("招行", "大数据技术专家")], []), "程一舰": ([("星澜银行", "")], []),
        "胡一云": ([("鸿鹄元数", "总经理")], [])}
    assert prose_people("新版支持将配置中心和服务注册中心解耦、按需接入。", know) == {}  # a clause, no body


def test_the_lead_in_before_the_first_body_no_list_knows_is_no_part_of_it(know):
    """`来自星河恩墨王一潇、华为梁一冰…`: 来自 opens the list, the body is 星河恩墨."""
    text = "---\ntitle: x\n---\n会议召开，来自星河恩墨王一潇、华为梁一冰、东方通孙一娜，参加了会议。\n"
    post, _ = parse_post(SourceText("p.md", text, "utf-8"), RENDERER)
    assert [(m.name, m.affiliations[0].org) for m in extract_post(post, know).mentions] == [
        ("王一潇", "星河恩墨"), ("梁一冰", "华为"), ("孙一娜", "东方通")]


def test_after_a_comma_an_enumeration_of_affiliations_belongs_to_the_next_name(know):
    text = ("---\ntitle: x\n---\n本论坛邀请到云和恩墨联合创始人兼 CTO 杨一琨，星河科技 SQL 引擎技术专家、openGauss "
            "Maintainer、Apache Doris PMC 陈一浩，海量数据首席架构师王一伟、北辰大学教授李一明进行了分享。\n")
    post, _ = parse_post(SourceText("p.md", text, "utf-8"), RENDERER)
    found = {m.name: [(a.org, a.title) for a in m.affiliations] for m in extract_post(post, know).mentions}
    assert found["陈一浩"] == [("星河科技", "SQL 引擎技术专家"), ("openGauss", "Maintainer"), ("Apache Doris", "PMC")]
    assert found["王一伟"] == [("海量数据", "首席架构师")]
    assert found["李一明"] == [("北辰大学", "教授")]


def test_talk_markers_above_or_below_speaker_lines(know):
    above = ("---\ntitle: x\n---\n**议题：流式计算的新进展**\n\n演讲嘉宾：李争 | openLooKeng PMC\n\n介绍。\n\n"
             "**议题：多数据中心的查询加速**\n\n演讲嘉宾：何一杰 | 中科院信工所 研发工程师\n")
    below = ("---\ntitle: x\n---\n<strong>穆立 openGauss项目总监</strong>\n\n个人简介：多年经验。\n\n"
             "<strong>熊一凯 海量数据产品总经理</strong>\n\n<strong>议题题目：携手共建数据库。</strong>\n\n"
             "<strong>罗一琪 openGauss产品规划总监</strong>\n\n<strong>演讲题目：数据库的春天</strong>\n")
    for text, expected in ((above, {"李争": ["流式计算的新进展"], "何一杰": ["多数据中心的查询加速"]}),
                           (below, {"穆立": [], "熊一凯": ["携手共建数据库"], "罗一琪": ["数据库的春天"]})):
        post, _ = parse_post(SourceText("p.md", text, "utf-8"), RENDERER)
        found = extract_post(post, know)
        assert {m.name: m.talks for m in found.mentions if m.source_kind != "prose"} == expected


def test_speaker_table_rows(know):
    text = ("---\ntitle: x\n---\n| 时间 | 议题 | 嘉宾 |\n|---|---|---|\n| 14:00 | 《向量检索实践》 | 华为高级工程师 赵一波 |\n"
            "| 14:30 | 茶歇 | |\n")
    post, _ = parse_post(SourceText("p.md", text, "utf-8"), RENDERER)
    found = extract_post(post, know)
    assert [(m.name, m.source_kind, m.line, m.talks, [(a.org, a.title) for a in m.affiliations])
            for m in found.mentions] == [("赵一波", "table", 6, ["向量检索实践"], [("华为", "高级工程师")])]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("云和恩墨总经理华为张王李陈教授、，：|《》** 　AbC\n工程师大学公司.-"
                                             "；@·（）—讲职位嘉宾组长成员#1左图{}<>%=分享三")), max_size=120))
def test_extract_never_raises_on_arbitrary_text(know, text):
    post, _ = parse_post(SourceText("p.md", text, "utf-8"), RENDERER)
    if post is not None:
        extract_post(post, know)
        parse_person_text(text, know)


def test_gazetteer_learns_organisations_set_apart_in_captions(lex):
    from pipeline.extract.gazetteer import caption_org
    from pipeline.extract.knowledge import build_knowledge

    light = build_knowledge(lex, set(), None)
    assert caption_org("陕西星河生态创新中心 COO 王一涛", light) == "陕西星河生态创新中心"
    assert caption_org("全力打造星河生态 | 星河数据 总经理 张三", light) == ""
    assert caption_org("星河数据高级工程师 张三", light) == ""


def test_gazetteer_learns_the_hosts_of_an_event_not_the_people_who_started_it(lex):
    from pipeline.extract.gazetteer import candidate_orgs

    assert candidate_orgs("星河科技、云海数据等单位", lex) == ["星河科技", "云海数据"]
    assert candidate_orgs("张一潇、李一轩 等维护者", lex) == []


@pytest.mark.parametrize("body, learned", [
    ("## 主办单位\n\n星河科技、云海数据\n\n## 合作宣传\n\n北辰社区、天穹数据\n", {"星河科技", "云海数据", "北辰社区", "天穹数据"}),
    ("## 操作系统支持\n\n一般情况下，开源软件很少自己分发安装包、镜像。\n", set()),  # a feature heading, no hosts
    ("## 社区合作\n\n星河网关近期支持了服务治理、服务配置。\n", set()),
    ("## 合作\n\n目前，星河科技已与多家云厂商达成合作，预计还会增加。\n", set()),  # a sentence under a host word
    ("集群由多个主机构成，当主机发生故障时，为保证系统可靠性、易用性，提供修复工具支持。\n", set()),
    ("本次活动由星河科技、云海数据联合主办。\n", {"星河科技", "云海数据"}),
    # an enumeration with two bodies named by their endings: its other items are bodies too
    ("2021 年，星河银行、云海移动、北辰大学、天穹通用共同发起。\n", {"云海移动", "天穹通用"}),
    ("张一潇、李一轩、北辰大学、星河银行。\n", set()),  # people among the items: no list of bodies
    ("星河银行、云海移动、天穹通用。\n", set()),  # one ending only
    # a table's organisation column beside a column of names
    ("| 姓名 | 单位 | 角色 |\n| --- | --- | --- |\n| 周一新 | 北斗云 | 组长 |\n| 吴一琪 | 高级工程师 | 成员 |\n", {"北斗云"}),
    ("| 产品 | 单位 |\n| --- | --- |\n| 星河网关 | 北斗云 |\n", set()),  # no column of names
])
def test_the_gazetteer_learns_hosts_not_feature_lists(body, learned, lex):
    from pipeline.extract.gazetteer import post_organisations
    from pipeline.extract.knowledge import build_knowledge

    post, _ = parse_post(SourceText("p.md", f"---\ntitle: x\n---\n{body}", "utf-8"), RENDERER)
    assert post_organisations(post, build_knowledge(lex, set(), None)) == learned


@pytest.mark.parametrize("line, expected", [
    ("委员：李一德 北辰大学、赵一平 天穹数据", [("委员", "李一德", "北辰大学", ""), ("委员", "赵一平", "天穹数据", "")]),
    # one person with two titles, the second with a Latin word that is no name
    (". Member Gauss 数据库高校合作总监、Gauss 松鼠会秘书长 康一阳", [("Member", "康一阳", "Gauss", "数据库高校合作总监")]),
])
def test_a_member_line_of_several_name_and_body_pairs(line, expected, know):
    post, _ = parse_post(SourceText("p.md", f"---\ntitle: x\n---\n## 星河社区技术委员会成员\n\n{line}\n", "utf-8"),
                         RENDERER)
    assert [(m.role, m.name, m.org, m.title) for m in extract_post(post, know).members] == expected


def test_member_lines_without_a_list_heading_take_the_group_named_above(know):
    text = ("---\ntitle: x\n---\nopenGauss 社区正式成立 Graph SIG。图数据广泛应用。\n\n"
            "<img src='a.png'>\nMaintainer 王一鑫 天津大学\n\n<img src='b.png'>\nCommitter 李一 华为\n")
    post, _ = parse_post(SourceText("p.md", text, "utf-8"), RENDERER)
    found = extract_post(post, know)
    assert [(m.group_name, m.role, m.name, m.org) for m in found.members] == [
        ("Graph SIG", "Maintainer", "王一鑫", "天津大学"), ("Graph SIG", "Committer", "李一", "华为")]


def test_prose_names_are_followed_like_names(know):
    text = ("---\ntitle: x\n---\n来自开源社区的技术专家与开发者齐聚现场。睿思智联研发工程师、HAMi Reviewer 欧阳陆伟分享了工程实践。"
            "星河社区理事长江一勇荣获“年度人物”。\n")
    post, _ = parse_post(SourceText("p.md", text, "utf-8"), RENDERER)
    names = {m.name for m in extract_post(post, know).mentions}
    assert names == {"欧阳陆伟", "江一勇"}


def test_prose_words_that_open_with_a_surname_are_no_names(know):
    text = ("---\ntitle: x\n---\n目前缺少贡献者，欢迎贡献者来贡献。在上周六的星河开发者沙龙上，星河科技高级专家郭一平宣布了新计划。"
            "结合前面的开发者全景图，可以分解成以下动作。\n")
    post, _ = parse_post(SourceText("p.md", text, "utf-8"), RENDERER)
    assert {m.name for m in extract_post(post, know).mentions} == {"郭一平"}


def test_a_section_heading_is_a_prose_speakers_talk_only_when_they_present_it(know):
    def talks(sentence):
        post, _ = parse_post(SourceText("p.md", f"---\ntitle: x\n---\n## 星河开源计划发布\n\n{sentence}\n", "utf-8"),
                             RENDERER)
        return {m.name: m.talks for m in extract_post(post, know).mentions}
    assert talks("星河科技高级专家郭一平介绍了星河开源计划。") == {"郭一平": ["星河开源计划发布"]}
    assert talks("星河科技高级专家郭一平宣布了新计划，在活动演讲中，他介绍了初衷。") == {"郭一平": []}


def test_a_bold_line_above_a_photo_heads_a_section_whose_prose_speaker_presents_it(know):
    text = ("---\ntitle: x\n---\n**手搓一个星河脚手架**\n![Image](a.png)\n\n"
            "星河科技创始人、TS 全栈开发工程师 水一歌分享了怎么手搓一个脚手架，随后介绍了步骤。\n\n"
            "**合影留念**\n![Image](b.png)\n\n活动结束后，星河科技工程师王一凡与大家合影。\n")
    post, _ = parse_post(SourceText("p.md", text, "utf-8"), RENDERER)
    assert {m.name: m.talks for m in extract_post(post, know).mentions} == {"水一歌": ["手搓一个星河脚手架"], "王一凡": []}


def test_an_event_theme_in_quotes_is_nobodys_talk(know):
    text = ("---\ntitle: x\n---\n**星河科技高级工程师 赵一波**\n\n"
            "以“一切为了开发者”为主题的开放原子开发者大会开幕，赵一波参加了会议。\n\n"
            "随后赵一波带来了“分布式数据库的演进”的主题分享。\n")
    post, _ = parse_post(SourceText("p.md", text, "utf-8"), RENDERER)
    found = extract_post(post, know)
    assert {m.name: m.talks for m in found.mentions if m.source_kind != "prose"} == {"赵一波": ["分布式数据库的演进"]}


def test_a_quoted_topic_the_speaker_shared_is_their_talk(know):
    text = ("---\ntitle: x\n---\n资深前端工程师彭一梅就“软件工程师是否会被替代”这一话题进行了分享。"
            "大家围绕“开源的未来”这个话题展开了讨论。\n")
    post, _ = parse_post(SourceText("p.md", text, "utf-8"), RENDERER)
    assert {m.name: m.talks for m in extract_post(post, know).mentions} == {"彭一梅": ["软件工程师是否会被替代"]}


def test_a_latin_body_opens_with_a_latin_name_then_more(lex):
    """`latin_body` decides whether a part after a comma names its own body (`…，openGauss Maintainer`)."""
    from pipeline.extract.affiliation import latin_body
    from pipeline.extract.knowledge import build_knowledge

    light = build_knowledge(lex, set(), None)
    assert [latin_body(t, light) for t in ("openGauss Maintainer", "HAMi Reviewer", "Acme", "Senior PM")] == \
        [True, True, False, False]


def test_dictionary_store_gives_jiebas_own_frequencies_and_survives_damage(tmp_path):
    import logging

    import jieba

    from pipeline.extract.knowledge import load_dictionary

    jieba.setLogLevel(logging.WARNING)
    reference = jieba.Tokenizer()
    reference.initialize()
    built = load_dictionary(str(tmp_path))  # parsed from jieba's dict.txt, then stored
    (store,) = tmp_path.glob("pipeline-jieba-*.marshal")
    stored = load_dictionary(str(tmp_path))
    assert built.freq == reference.FREQ and built.total == reference.total
    assert (stored.freq, stored.total, stored.tags) == (built.freq, built.total, built.tags)
    assert stored.tags["安装"] == "v" and stored.tags["华为"] == "nr"  # as jieba tags it
    store.write_bytes(store.read_bytes()[: store.stat().st_size // 2])  # a store cut short
    assert load_dictionary(str(tmp_path)).freq == reference.FREQ
    assert store.stat().st_size > 1_000_000  # written again whole


def test_a_text_is_cut_the_same_whatever_organisations_the_run_learned_elsewhere(lex):
    """The gazetteer's words change how a text is cut only where the text contains one: a
    corpus that teaches 20,000 organisations must not make `前端开发` one word in every post."""
    from pipeline.extract.knowledge import build_knowledge, load_dictionary

    alone = build_knowledge(lex, set(), load_dictionary())
    crowded = build_knowledge(lex, {f"星河{i}号科技" for i in range(20_000)}, load_dictionary())
    for text in ("Web 前端开发入门工作坊", "ThoughtWorks 咨询师，Angular 项目的社区活跃贡献者"):
        assert crowded.tokenizer.lcut(text) == alone.tokenizer.lcut(text)
    assert crowded.tokenizer.lcut("星河7号科技架构师") == ["星河7号科技", "架构师"]


def test_prefetch_hands_its_value_over_once_and_raises_its_error_in_the_taker():
    from pipeline.workers import Prefetch

    calls = []
    started = Prefetch(lambda: calls.append(1) or len(calls))
    started.start()
    assert started.take() == 1 and started.outcome is None
    never_started = Prefetch(lambda: calls.append(1) or len(calls))
    assert never_started.take() == 2  # computed when asked for

    def fail():
        raise OSError("no dictionary")
    failing = Prefetch(fail)
    failing.start()
    with pytest.raises(OSError, match="no dictionary"):
        failing.take()


def test_a_known_body_runs_past_an_inner_ending_when_only_a_unit_follows(lex):
    """The run's gazetteer knows `星河科学院软件研究所` (an institute of an academy): a unit after
    it, with no title word, leaves the institute whole and the unit as the title."""
    from pipeline.extract.knowledge import build_knowledge, load_dictionary
    know = build_knowledge(lex, {"星河科学院", "星河科学院软件研究所"}, load_dictionary())
    assert split_affiliations("星河科学院软件研究所智能软件研究中心", know) == [
        Affiliation("星河科学院软件研究所", "智能软件研究中心")]
    assert split_affiliations("星河科学院软件研究所副研究员", know) == [Affiliation("星河科学院软件研究所", "副研究员")]
    assert split_affiliations("星河科学院计算技术研究所", know) == [Affiliation("星河科学院", "计算技术研究所")]
    know = build_knowledge(lex, {"星为"}, load_dictionary())
    assert split_affiliations("星为云", know) == [Affiliation("星为云", "")]  # no inner ending: one name


def test_the_summary_introduces_the_speaker_the_post_title_names(know):
    """`华为马海旭：…` as the post's title, and the summary alone says his title and talk."""
    text = ("---\ntitle: 华为左一轩：算力未来，共赢计算时代\nsummary: 8月29日，华为智能计算业务部总裁左一轩发表了"
            "《算力未来，共赢计算时代》的主题演讲。\n---\n大家好，非常荣幸参加本次大会。\n")
    post, _ = parse_post(SourceText("p.md", text, "utf-8"), RENDERER)
    found = extract_post(post, know)
    assert [(m.name, m.rule, m.talks) for m in found.mentions] == [
        ("左一轩", "heading:post_title", ["算力未来，共赢计算时代"]),
        ("左一轩", "prose:title_then_name", ["算力未来，共赢计算时代"])]


def test_an_organisation_then_its_title_after_a_comma_is_one_affiliation(know):
    assert split_affiliations("东辰智能，算法负责人", know) == [Affiliation("东辰智能", "算法负责人")]
    assert split_affiliations("东辰智能，算法负责人、架构师", know) == [
        Affiliation("东辰智能", "算法负责人"), Affiliation("东辰智能", "架构师")]
    assert person("演讲嘉宾：钱一多，东辰智能，算法负责人", know)[1] == [("东辰智能", "算法负责人")]


def test_a_numbered_talk_heading_gives_its_title_without_the_ordinal(know):
    text = ("---\ntitle: x\n---\n## 精彩回顾\n\n#### 议题一：《从零构建消息队列》\n\n**分享嘉宾：** 孙一凡 @ 海量数据\n\n"
            "- 演讲嘉宾：钱一多，东方通，算法负责人\n")
    post, _ = parse_post(SourceText("p.md", text, "utf-8"), RENDERER)
    talks = {}
    for m in extract_post(post, know).mentions:  # a name's mentions in one post are merged later
        talks.setdefault(m.name, set()).update(m.talks)
    assert talks == {"孙一凡": {"从零构建消息队列"}, "钱一多": {"从零构建消息队列"}}
    text = "---\ntitle: x\n---\n##### 13:50 - 14:30 用 TypeScript 开发大型应用\n\n- 分享嘉宾：海量数据: 孙一凡\n"
    post, _ = parse_post(SourceText("p.md", text, "utf-8"), RENDERER)
    assert {t for m in extract_post(post, know).mentions for t in m.talks} == {"用 TypeScript 开发大型应用"}


def test_a_community_manager_of_a_company_is_a_title(know):
    assert person("主持人：何一苇 东方通 社区经理", know) == ("何一苇", [("东方通", "社区经理")], "")
    assert person("星河开源社区运营负责人 耿一航", know) == ("耿一航", [("星河开源社区", "运营负责人")], "")


def test_a_one_word_handle_after_a_han_name_when_the_next_part_gives_the_body(know):
    assert person("黎一泽 Armlly｜东方通 资深工程师｜《Rust 异步运行时》", know) == (
        "黎一泽", [("东方通", "资深工程师")], "Rust 异步运行时")
    assert person("黎一泽 StarDB｜资深工程师", know)[1] == [("StarDB", "资深工程师")]  # no body after it: the body


@pytest.mark.parametrize("text, expected", [
    ("Keynote: John Smith, Staff Engineer @ Globex — eBPF in Production",
     ("John Smith", [("Globex", "Staff Engineer")], "eBPF in Production")),
    ("王一凡，东方通架构师 —— 服务网格的落地实践", ("王一凡", [("东方通", "架构师")], "服务网格的落地实践")),
    ("服务网格的落地实践 —— 王一凡，东方通架构师", ("王一凡", [("东方通", "架构师")], "服务网格的落地实践")),
])
def test_a_talk_after_a_dash_that_ends_a_person_text(text, expected, know):
    assert person(text, know) == expected
    assert person("王一凡，东方通架构师 —— 海量数据顾问", know)[2] == ""  # a title after the dash: no talk


@pytest.mark.parametrize("sentence", ["活动中，邵一航老师（东方通）为大家带来了《云原生备份》的分享。",
                                      "随后，邵一航（东方通）带来《云原生备份》的主题分享。"])
def test_prose_a_name_with_its_organisation_in_brackets_before_a_verb_of_speech(sentence, know):
    post, _ = parse_post(SourceText("p.md", f"---\ntitle: x\n---\n{sentence}\n", "utf-8"), RENDERER)
    assert [(m.name, [(a.org, a.title) for a in m.affiliations], m.talks)
            for m in extract_post(post, know).mentions] == [("邵一航", [("东方通", "")], ["云原生备份"])]
    post, _ = parse_post(SourceText("p.md", "---\ntitle: x\n---\n随后，邵一航（东方通）的同事也来了。\n", "utf-8"), RENDERER)
    assert not extract_post(post, know).mentions  # no speech after the bracket: no speaker


def test_prose_bare_names_after_a_named_person_share_the_affiliation(know):
    text = ("---\ntitle: x\n---\n基金会邀请北辰大学教授王一伟，星河开源基金会资深研究员郭一晧、蓝一峰五位评委参加。"
            "两名大四本科生徐一鸣、陈一源，来自 Acme 的 CTO Karena Angell、Red Hat 以及星河社区成员 Brian Stevens 参加。\n")
    post, _ = parse_post(SourceText("p.md", text, "utf-8"), RENDERER)
    got = {m.name: [(a.org, a.title) for a in m.affiliations] for m in extract_post(post, know).mentions}
    assert got["蓝一峰"] == got["郭一晧"] == [("星河开源基金会", "资深研究员")]
    assert got["陈一源"] == got["徐一鸣"] == [("", "大四本科生")]
    assert "Red Hat" not in got


def test_prose_a_title_written_after_the_name_is_an_affiliation_of_its_own(know):
    text = ("---\ntitle: x\n---\n评委会主任、北辰计算机学会开源发展委员会主任王一民院士，评委会副主任陈一锐出席。"
            "星河大学的卫一轩教授介绍了课程。\n")
    post, _ = parse_post(SourceText("p.md", text, "utf-8"), RENDERER)
    got = {m.name: [(a.org, a.title) for a in m.affiliations] for m in extract_post(post, know).mentions}
    assert got["王一民"][-1] == ("", "院士")
    assert got["卫一轩"] == [("星河大学", "教授")]
    text = "---\ntitle: x\n---\n指导老师为星河大学计算机学院教授、博士生导师丁一锋教授。\n"
    post, _ = parse_post(SourceText("p.md", text, "utf-8"), RENDERER)
    assert [(a.org, a.title) for m in extract_post(post, know).mentions for a in m.affiliations] == [
        ("星河大学", "计算机学院教授"), ("星河大学", "博士生导师")]  # 教授 said already


def test_a_title_after_the_name_of_a_caption_that_gives_a_title_before(know):
    assert person("星河学会理事长梅一宏教授", know) == ("梅一宏", [("星河学会", "理事长"), ("", "教授")], "")
    assert person("北辰大学地球科学学院 韩一梅教授", know) == ("韩一梅", [("北辰大学", "地球科学学院教授")], "")


def test_a_body_then_its_title_after_a_slash(know):
    assert split_affiliations("星河科技 / 资深架构师", know) == [Affiliation("星河科技", "资深架构师")]
    assert split_affiliations("北辰大学 / 副教授", know) == [Affiliation("北辰大学", "副教授")]
    assert split_affiliations("华为/海量数据 CTO", know) == [Affiliation("华为", "CTO"), Affiliation("海量数据", "CTO")]
    assert split_affiliations("Web/JavaScript 全栈工程师", know) == [Affiliation("", "Web/JavaScript 全栈工程师")]


@pytest.mark.parametrize("text, expected", [
    ("程一鹏 @chengyp （海量数据）", ("程一鹏", [("海量数据", "")], "")),
    ("Jane Roe (@janeroe), Acme Corp", ("Jane Roe", [("Acme Corp", "")], "")),
    ("程一鹏（@chengyp），东方通架构师", ("程一鹏", [("东方通", "架构师")], "")),
])
def test_a_handle_after_the_name_is_no_part_of_the_affiliation(text, expected, know):
    assert person(text, know) == expected


def prose_of(sentence, know):
    post, _ = parse_post(SourceText("p.md", f"---\ntitle: x\n---\n{sentence}\n", "utf-8"), RENDERER)
    return {m.name: ([(a.org, a.title) for a in m.affiliations], m.talks) for m in extract_post(post, know).mentions}


def test_prose_two_speakers_joined_by_and_who_respectively_present_two_talks(know):
    assert prose_of("东方通的贺一鸣和海量数据的邹一帆分别分享了《消息队列实践》和《数据库内核优化》。", know) == {
        "贺一鸣": ([("东方通", "")], ["消息队列实践"]), "邹一帆": ([("海量数据", "")], ["数据库内核优化"])}
    assert prose_of("加了判断是否为 Streaming 的 Flag 和一些表示 Streaming 属性的字段。", know) == {}  # no co-speaker


def test_prose_a_host_and_the_guests_a_panel_includes(know):
    assert prose_of("圆桌讨论环节由贺一鸣（东方通）主持，嘉宾包括邹一帆（海量数据）、顾一川（华为）。", know) == {
        "贺一鸣": ([("东方通", "")], []), "邹一帆": ([("海量数据", "")], []), "顾一川": ([("华为", "")], [])}


@pytest.mark.parametrize("text", ["**来自印度的贡献者 Rudra Karpe**", "**来自北京的开发者张一三**",
                                  "来自北京的开发者张一三分享了《服务网格》。"])
def test_a_place_a_person_comes_from_is_no_organisation(text, know):
    post, _ = parse_post(SourceText("p.md", f"---\ntitle: x\n---\n{text}\n", "utf-8"), RENDERER)
    assert [[(a.org, a.title) for a in m.affiliations] for m in extract_post(post, know).mentions] == [
        [("", "贡献者" if "贡献者" in text else "开发者")]]


def test_a_short_bracket_after_a_name_that_names_a_known_body_is_kept(know):
    assert person("邓一峰（华为）", know) == ("邓一峰", [("华为", "")], "")
    assert person("袁一怡（上海）", know) == ("袁一怡", [], "")  # a place: where the person is from


def test_a_caption_whose_body_no_list_knows_keeps_its_product_in_the_title(lex):
    """Without the gazetteer (a community left out), `星河恩墨 StarDB 数据库 CTO 张一伟`: the words
    before a Latin title are the affiliation, no talk (CTO opens with a Latin letter, not a body)."""
    bare = build_knowledge(lex, {"华为"}, load_dictionary())
    assert person("星河恩墨 StarDB 数据库 CTO 张一伟", bare) == ("张一伟", [("星河恩墨", "StarDB 数据库 CTO")], "")
