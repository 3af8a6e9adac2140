"""Normalise and deduplicate stages."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from pipeline.deduplicate import SKETCH_K, build_tables, event_ids, merge_mentions, stable_id, text_sketch
from pipeline.lexicons import load_lexicons
from pipeline.resolve import resolve
from pipeline.model import Affiliation, Extraction, MemberLine, Mention, Post, Reject
from pipeline.normalise import clean, key, normalise_name


def make_post(path, title="T", date="2023-05-20", body=""):
    return Post(source_path=path, title=title, date=date, location="", label="", tags=("会议",),
                author="", category="", summary="", link="", blocks=(), body_text=body,
                front_matter_format="yaml")


def test_clean_folds_latin_width_and_keeps_chinese_punctuation():
    assert clean("  ｏｐｅｎＧａｕｓｓ　３.０，开源：数据库 ") == "openGauss 3.0，开源：数据库"
    assert clean("《以用户为中心共建生态，释放创新力量 》") == "以用户为中心共建生态，释放创新力量"
    assert normalise_name(" 鲜 亿福 ") == "鲜亿福" and normalise_name("Keith  Chan") == "Keith Chan"
    assert key("ＯｐｅｎＧａｕｓｓ 社区") == key("opengauss社区")


def test_clean_keeps_an_opening_mark_whose_pair_closes_inside_and_drops_a_dash_at_the_edge():
    assert clean("“智”造先“基”：MogDB 的实践") == "“智”造先“基”：MogDB 的实践"
    assert clean("“开源的十年”") == "开源的十年" and clean("（星河科技）") == "星河科技"
    assert clean("云海数据 –") == "云海数据"


def test_mentions_of_one_person_merge_with_the_union_of_structured_affiliations():
    caption = Mention("黄凯耀", "caption", 38, "c", "caption:affiliated", 0.95,
                      [Affiliation("openGauss", "首席架构师")], ["聚焦内核创新"])
    guest = Mention("黄凯耀", "caption", 80, "g", "caption:guest_list", 0.85,
                    [Affiliation("openGauss", "首席架构师"), Affiliation("openGauss", "技术委员会委员")])
    prose = Mention("黄凯耀", "prose", 20, "p", "prose:title_then_name", 0.7, [Affiliation("华为", "专家")])
    merged = merge_mentions([prose, guest, caption])
    assert len(merged) == 1
    one = merged[0]
    assert (one.source_kind, one.line, one.talks) == ("caption", 38, ["聚焦内核创新"])
    assert one.affiliations == [Affiliation("openGauss", "首席架构师"), Affiliation("openGauss", "技术委员会委员")]


def test_prose_affiliations_serve_only_people_no_structured_spot_describes():
    prose = Mention("余昇锦", "prose", 9, "p", "prose:title_then_name", 0.7, [Affiliation("联通数科", "工程师")])
    assert merge_mentions([prose])[0].affiliations == [Affiliation("联通数科", "工程师")]


def test_a_bio_adds_nothing_to_a_person_whose_spot_describes_them():
    row = Mention("沈一琳", "table", 5, "r", "table:speaker_column", 0.9, [Affiliation("星河", "数据平台技术专家")])
    bio = Mention("沈一琳", "caption", 12, "b", "caption:bio", 0.85, [Affiliation("星河数据", "平台技术专家")])
    assert merge_mentions([row, bio])[0].affiliations == [Affiliation("星河", "数据平台技术专家")]
    assert merge_mentions([bio])[0].affiliations == [Affiliation("星河数据", "平台技术专家")]


def test_two_site_formats_of_one_report_share_an_event_id_and_templates_do_not():
    body = "由示例社区主办的 Meetup 在杭州举办，" * 20
    posts = [make_post("content/zh/events/a.md", body=body), make_post("app/zh/events/a.md", body=" " + body + "更多"),
             make_post("other.md", title="另一篇", body="完全不同的一篇文章，讲的是别的事情。" * 20),
             make_post("t1.md", title="Meetup", date="2021-03-09", body="模板" * 50),
             make_post("t2.md", title="Meetup", date="2021-07-19", body="模板" * 50)]
    ids = event_ids(posts)
    assert ids["content/zh/events/a.md"] == ids["app/zh/events/a.md"] != ids["other.md"]
    assert ids["t1.md"] != ids["t2.md"]


def test_tables_keep_one_member_row_per_repeated_line_and_count_repeats():
    post = make_post("p.md")
    lines = [MemberLine("成都用户组", "Member", "熊小红", "海量数据", "", 106, ". Member 熊小红 海量数据"),
             MemberLine("成都用户组", "Member", "熊小红", "海量数据", "", 110, ". Member 熊小红 海量数据")]
    extractions = [Extraction(post=post, members=lines)]
    events = event_ids([post])
    tables = build_tables(extractions, [Reject("bad.md", "read", "encoding", "m")], events,
                          resolve(extractions, events, load_lexicons()))
    assert [(r["name"], r["repeats"], r["line"]) for r in tables["memberships"]] == [("熊小红", 2, 106)]
    assert [(r["name"], r["source_kind"]) for r in tables["appearances"]] == [("熊小红", "member_list")]
    assert [(r["name"], r["org"], r["title"]) for r in tables["affiliations"]] == [("熊小红", "海量数据", "")]
    assert tables["people"] == [{"person_id": stable_id("person", "熊小红"), "name": "熊小红",
                                 "post_count": 1, "event_count": 1, "evidence": "one post", "id_confidence": 1.0}]
    assert [(r["name"], r["group_id"] is not None) for r in tables["memberships"]] == [("熊小红", True)]
    assert tables["rejects"][0]["file_rejected"] is True


def test_ids_are_stable_hashes_of_normalised_names():
    assert stable_id("person", key("Keith Chan")) == stable_id("person", key("keith chan"))
    assert len(stable_id("post", "a.md")) == 16


def test_shared_strings_keeps_values_and_shares_equal_strings_across_posts():
    import pickle

    from pipeline.model import shared_strings

    def extraction(path):
        mention = Mention("王一", "caption", 3, "星河科技 架构师 王一", "caption:affiliated", 0.95,
                          [Affiliation("星河科技", "架构师")], ["《云原生》"])
        return Extraction(post=make_post(path), mentions=[mention],
                          members=[MemberLine("成都用户组", "Member", "王一", "星河科技", "", 9, ". Member 王一 星河科技")])
    a, b = (pickle.loads(pickle.dumps(extraction(p))) for p in ("a.md", "b.md"))  # as they come from two workers
    assert a.mentions[0].affiliations[0].org is not b.mentions[0].affiliations[0].org
    seen: dict[str, str] = {}
    a, b = shared_strings(a, seen), shared_strings(b, seen)
    assert b == pickle.loads(pickle.dumps(extraction("b.md")))
    assert a.mentions[0].affiliations[0].org is b.mentions[0].affiliations[0].org is b.members[0].org
    assert a.mentions[0].talks[0] is b.mentions[0].talks[0]


def reference_sketch(text: str) -> tuple[str, int]:
    """The sketch as its docstring defines it, one zlib.crc32 per 4-gram."""
    import heapq
    import re
    import unicodedata
    import zlib
    flat = re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text)).lower().encode("utf-32-le")
    hashes = {zlib.crc32(flat[i:i + 16]) for i in range(0, max(len(flat) - 12, 0), 4)}
    return "".join(f"{h:08x}" for h in heapq.nsmallest(SKETCH_K, hashes)), len(hashes)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("鲜亿福云和恩墨，。 _-AbcÉé①㈱ＡＢ\u0301𠀋0９\n"), max_size=400))
def test_text_sketch_equals_the_crc32_of_each_4gram(text):
    assert text_sketch(text) == reference_sketch(text)


def test_text_sketch_of_a_long_report_keeps_the_k_smallest_of_all_its_4grams():
    text = "".join(f"第{i}位嘉宾来自云和恩墨，分享《数据库第{i * 7}讲》。" for i in range(300))
    sketch, count = text_sketch(text)
    assert (sketch, count) == reference_sketch(text)
    assert len(sketch) == 8 * SKETCH_K and count > SKETCH_K
