"""Split an affiliation text into (organisation, title) pairs.

`华为计算开源业务总经理、开放原子开源基金会 TOC 主席` -> (华为, 计算开源业务总经理),
(开放原子开源基金会, TOC 主席). Parts joined by 、，兼及&/ are separate affiliations; a part
that names no organisation shares the one before it; a part with no title word is part of
the next one's organisation (`江苏鲲鹏、昇腾生态创新中心`).
"""
from __future__ import annotations

import functools
import re

from pipeline.extract.knowledge import Knowledge
from pipeline.extract.names import FORMER
from pipeline.lexicons import made_of
from pipeline.model import Affiliation
from pipeline.normalise import EDGE as NORMALISE_EDGE, TITLE_MARKS, strip_edge

PART_SEPARATORS = re.compile(r"\s*(?:[、，,；;&＆/／|｜]|兼任|兼|以及|及|和(?=\s)| and | 与 )\s*")
# the normalise stage's edge marks, but for book-title marks: while a person's text is read,
# `《开场致辞》` at its end is the talk and must stay whole
EDGE = "".join(ch for ch in NORMALISE_EDGE if ch not in TITLE_MARKS + "_")
LATIN_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9.+\-]*|\d+")
ENUMERATION = "等"
LATIN_BODY = re.compile(r"\s*[A-Za-z][\w.+\-]*\s+\S")  # `HAMi Reviewer`: a Latin name, then more
TITLE_AT_ORG = re.compile(r"^(?P<title>[A-Za-z][\w .&+/-]*?)\s+at\s+(?P<org>[A-Z0-9][\w .&+-]*)$")  # `@`: title_at_sign
TITLE_OF_ORG = re.compile(r"^(?P<title>[A-Za-z][\w.&+/-]*(?: [A-Za-z][\w.&+/-]*)*?)\s+of\s+(?:the\s+)?"
                          r"(?P<org>[A-Z0-9][\w .&+-]*)$")
TITLE_AT_SIGN = re.compile(r"^(?P<title>[^@]+?)\s*@\s*(?P<org>[^@\s][^@]*)$")  # not a handle: one @, a title before it
BRACKETED_ORG = re.compile(r"[「『](?P<org>[^「」『』]{2,40})[」』]\s*(?P<title>.*)$")


def title_at_sign(part: str, know: Knowledge) -> Affiliation | None:
    """`架构师 @星河科技`, `资深工程师@云海数据`: a title, an at sign, its organisation (a handle has
    no title before its at sign)."""
    at = TITLE_AT_SIGN.match(part)
    if at and has_title_word(at.group("title"), know) and not has_title_word(at.group("org"), know):
        return Affiliation(at.group("org").strip(EDGE), at.group("title").strip(EDGE))
    return None


def has_title_word(text: str, know: Knowledge) -> bool:
    return know.title_words.search(text) is not None


SHARING = ("/", "／", "以及", "及", "和", "与", "&", "＆", "and")  # `A/B CTO`, `Red Hat 以及 vLLM 社区成员`


HANDLE_PIECE = re.compile(r"@[A-Za-z0-9][A-Za-z0-9_.\-]*")  # `@xuqiang`; `@云海数据` names a body


def split_parts(text: str, know: Knowledge) -> list[tuple[str, bool]]:
    """Separate affiliations, each with whether it is an organisation alone that takes the title
    of the part after it (`江苏星河生态创新中心/江苏欧拉生态创新中心CTO`: a named body, then a
    joining word other than 、). A whole named body before 、 and another body is an affiliation
    of its own without a title. Another part without any title word is glued to the next part
    (`江苏鲲鹏、昇腾生态创新中心`), unless it stands before a comma and a Latin-named body
    (`第四范式，HAMi Reviewer`): a body of its own."""
    pieces = PART_SEPARATORS.split(text)
    seps = PART_SEPARATORS.findall(text)
    parts: list[tuple[str, bool]] = []
    carry = ""
    for k, piece in enumerate(pieces):
        piece = piece.strip(EDGE)
        if not piece or HANDLE_PIECE.fullmatch(piece):
            continue  # `（@qym，星环科技）`: a handle is no part of an affiliation
        if not carry and YEARS_OF.match(piece):
            continue  # `16年数据库开发经验`, `18 年老谷粉`: a description between affiliations
        joined = carry + piece
        last = k == len(pieces) - 1
        own_body = not last and seps[k].strip() in ("，", ",") and latin_body(pieces[k + 1], know)
        if not has_title_word(piece, know) and not last and not own_body:
            if not carry and seps[k].strip() in SHARING and credible_org(piece, know) \
                    and starts_with_org(pieces[k + 1].strip(EDGE), know):
                parts.append((piece, True))
                continue
            if not carry and seps[k].strip() == "、" and named_org(piece, know) \
                    and starts_with_org(pieces[k + 1].strip(EDGE), know):
                parts.append((piece, False))  # `南京基石数据技术有限责任公司、深圳鲲鹏产业联盟高级顾问`
                continue
            slash = seps[k].strip() in ("/", "／") and credible_org(piece, know) \
                and piece.lower() not in know.lex.latin_domain_words  # not `Web/JavaScript 全栈工程师`
            carry = joined + (" " if slash else seps[k].strip() or " ")  # `北辰科技 / 资深架构师`: a body, then its title
            continue
        parts.append((joined, False))
        carry = ""
    if carry.strip(EDGE):
        parts.append((carry.strip(EDGE), False))
    return parts


def latin_body(text: str, know: Knowledge) -> bool:
    """Text opens with a Latin name that is no title word, then more (`HAMi Reviewer`, not `Senior PM`)."""
    match = LATIN_BODY.match(text)
    return match is not None and text.split()[0].lower() not in know.lex.latin_title_words


def starts_with_org(text: str, know: Knowledge) -> bool:
    """Text opens with an organisation: a known one, a name with an organisation ending before
    its title, or a Latin name."""
    return bool(know.org_prefix(text) or suffix_org_end(text, know) or latin_org_end(text, know))


def suffix_org_end(text: str, know: Knowledge) -> int:
    """End offset of the first organisation-type ending (大学, 公司 …) with a name before it."""
    ends = []
    for suffix in know.lex.org_suffixes:
        start = text.find(suffix, 1)
        while start != -1:
            before = text[:start]
            opens_title = know.title_heads_only.match(text, start) is not None  # 局长, 所长 …
            listed = text.startswith(ENUMERATION, start + len(suffix))  # `注册中心等模块`: one of several things
            if len(before.strip()) >= 2 and not opens_title and not listed and not ends_with_title(before, know):
                ends.append(start + len(suffix))
                break
            start = text.find(suffix, start + 1)
    return extend_with_suffix(text, min(ends), know) if ends else 0


def regional_unit_start(org: str, know: Knowledge) -> int:
    """`饿了么北京技术中心`, `商汤香港技术服务中心`: a body, a place, then a unit ending: the unit
    is a department (it goes to the title), and the body ends before the place. Not where the
    body before the place has an organisation ending of its own (`北京理工大学珠海学院`)."""
    if not any(org.endswith(u) for u in know.lex.unit_suffixes):
        return 0
    for place in know.lex.places:
        at = org.find(place, 2)
        body = org[:at]
        if at > 0 and org[at - 1] not in "（( " and not know.lex.org_suffix_set.ending(body) \
                and body[-1] not in know.lex.function_chars:
            return at
    return 0


def ministry_unit_start(org: str, know: Knowledge) -> int:
    """`工业和信息化部` + `信息技术发展司`, `国家发展改革委` + `高技术司`: a ministry or commission, then one of
    its departments (ministry_units.txt): the body ends after the ministry, the department goes
    to the title. Not after a body the run knows (`星河科技` + `产品部…`)."""
    if not org.endswith(know.lex.ministry_units) or know.org_prefix(org):
        return 0
    for at in range(2, len(org) - 2):
        ending = next((e for e in know.lex.ministry_endings if org.startswith(e, at)), "")
        if ending:
            return at + len(ending)
    return 0


def ends_with_title(text: str, know: Knowledge) -> bool:
    """The text ends with a title head (`项目总监`, `CTO`). A head that also opens unit names
    (研发 in 技术研发中心) does not count."""
    text = text.rstrip(EDGE)
    match = None
    for match in know.title_heads_only.finditer(text):
        pass
    return match is not None and match.end() == len(text) and match.group() not in know.lex.title_modifiers


def extend_with_suffix(text: str, end: int, know: Knowledge) -> int:
    """`华为` + `公司…` -> `华为公司`; `中国电信` + `集团…` -> `中国电信集团`."""
    changed = True
    while changed:
        changed = False
        rest = text[end:]
        for suffix in know.lex.org_suffixes:
            if rest.startswith(suffix) and know.title_heads_only.match(text, end) is None:
                end += len(suffix)
                changed = True
                break
    return end


def trade_word_across(text: str, end: int, know: Knowledge) -> int:
    """`中移信息` + `技术中心…`: a known body whose last trade word runs on into a longer one (信息 +
    技术 = 信息技术) ends before that word (`中移` + `信息技术中心…`)."""
    word = next((w for w in know.lex.industry_words if text.endswith(w, 0, end)), "")
    start = end - len(word)
    if word and start >= 2 and any(len(w) > len(word) and w.startswith(word) and text.startswith(w, start)
                                   for w in know.lex.industry_words):
        return start
    return end


def extend_with_trade_word(text: str, end: int, know: Knowledge) -> int:
    """`东方通` + `软件总经理` -> `东方通软件`: a trade word right before a company-level title."""
    rest = text[end:]
    for word in know.lex.industry_words:
        if rest.startswith(word) and rest[len(word):].lstrip().startswith(know.lex.company_heads):
            return end + len(word)
    return end


def second_trade_word_start(text: str, end: int, know: Knowledge) -> int:
    """`飞轮科技` + `技术副总裁`: where a guessed body already ends with a trade word, a second one
    right before the title, which also opens titles (技术), is the title's."""
    for word in know.lex.industry_words:
        start = end - len(word)
        if start >= 4 and text.endswith(word, 0, end) and word in know.lex.title_modifiers and any(
                text.endswith(w, 0, start) and start - len(w) >= 2 for w in know.lex.industry_words):
            return start
    return end


def extend_with_brand(text: str, end: int, know: Knowledge) -> int:
    """`华为` + `云数据库创新实验室布道师` -> `华为云`: a brand suffix (brand_suffixes.txt) jieba cuts as
    a word of its own after the body; not `腾讯` + `云原生架构师`, where it opens a word, nor
    `华为` + `云与计算…`, where it is one of two joined words."""
    rest = text[end:end + 8]
    for suffix in know.lex.brand_suffixes:
        if (rest.startswith(suffix) and not CONJOINED_AFTER.match(rest, len(suffix))
                and know.tokenizer.lcut(rest, HMM=False)[0] == suffix):
            return end + len(suffix)
    return end


CONJOINED_AFTER = re.compile(r"\s*[与和及、&]")  # `华为` + `云与计算…`: cloud and computing, one business


def trade_name_end(text: str, know: Knowledge) -> int:
    """End of a company name made of a name and a trade word (`凝思软件`, `星河科技`) when a title
    word follows it; 0 when the text opens with a title word (`基础软件研发专家`) or has no such name."""
    if text.startswith(know.lex.title_starters) or not HAN.match(text):
        return 0
    ends = []
    for word in know.lex.industry_words:
        at = text.find(word, 2)
        end = at + len(word)
        if at > 0 and HAN.fullmatch(text[at - 1]) and not has_title_word(text[:at], know) \
                and text[end:].lstrip().startswith(know.lex.title_starters):
            field = next((d for d in know.lex.domain_words if len(d) > len(word) and text.endswith(d, 0, end)), "")
            if field and end - len(field) >= 2:
                end -= len(field)  # `蓝鲸互娱大数据平台负责人`: the trade word ends a field (大数据), which opens the title
            ends.append(end)
    return min(ends, default=0)  # `星河科技` + `技术总监`: the first trade word a title follows


def latin_org_end(text: str, know: Knowledge) -> int:
    """`SphereEx CEO` -> end of `SphereEx`; `Apache ShardingSphere PMC Chair` -> end of `Apache ShardingSphere`.
    A domain word (Web, Java) followed by more of a Latin name is part of it (`W3C Chinese Web IG`)."""
    end = 0
    pos = 0
    while pos < len(text):
        pos = skip_spaces(text, pos)
        match = LATIN_TOKEN.match(text, pos)
        if not match:
            break
        word = match.group().lower()
        if word in know.lex.latin_title_words:
            following = LATIN_TOKEN.match(text, skip_spaces(text, match.end()))
            if not (word in know.lex.latin_domain_words and following
                    and following.group().lower() not in know.lex.latin_title_words):
                break
        end = pos = match.end()
    return end


def skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return pos


def space_org_end(text: str, know: Knowledge) -> int:
    """`星河云 架构师`, `星河 数据平台技术专家`: a space before the title ends the organisation,
    when what stands before it has no title word and what follows opens with a title word or is
    one word that ends with a title."""
    head, _, tail = text.partition(" ")
    body = trade_name_body(head, know)
    if (head and tail and not head.isascii() and not know.title_heads_only.search(body)
            and body_before_starters(body, know)
            and (tail.startswith(know.lex.title_starters) or (
                HAN.match(tail) and not re.search(r"[A-Za-z]", head) and " " not in tail
                and ends_with_title(tail, know)))):
        return len(head)
    return 0


def body_before_starters(head: str, know: Knowledge) -> bool:
    """A name before a title after a space: no word a title opens with at its end, or only field
    words (`青藤云安全`: 安全, domain_words.txt and industry_words.txt) after a name of two
    characters or more that is no dictionary word and holds no title word; not `数据库`,
    `网络安全` (nothing, or an ordinary word, before the field), `…mesa团队` (a unit is the title's)
    or `去哪儿网资深` (a rank is the title's)."""
    if not head.endswith(know.long_title_starters):
        return True
    fields = know.lex.field_words
    rest = head
    while rest.endswith(fields):
        rest = rest[:-len(next(w for w in fields if rest.endswith(w)))]
    return rest != head and not rest.endswith(know.long_title_starters) and len(rest) >= 2 \
        and rest not in know.dictionary and not has_title_word(rest, know)


def trade_name_body(head: str, know: Knowledge) -> str:
    """`深蓝计算` -> `深蓝`: a name before the trade word that ends it (计算, 软件 are also title
    words: `计算研发总监`); set apart by a space, the whole is a company's name. A known
    organisation at its start (`华为软件`) keeps the trade word out: the word is the title's."""
    for word in know.lex.industry_words:
        if head.endswith(word) and len(head) - len(word) >= 2 and not know.org_prefix(head):
            return head[:-len(word)]
    return head


def trade_name(text: str, know: Knowledge) -> bool:
    """`极光云科技`, `澄湖软件`: Han words that end with a trade word, with a short name before it that
    opens with no verb or function word (`热爱数据` is what a person does), holds no title or
    trade word (`开源软件`, `金融科技`) and is no one word of the dictionary (`人工智能`)."""
    if HAN_NAME.fullmatch(text) is None or know.tokenizer is None:
        return False
    body = trade_name_body(text, know)
    words = know.tokenizer.lcut(text, HMM=False)
    return (body != text and len(body) <= 4 and len(words) > 1 and know.dictionary.get(words[0]) not in NOT_A_NAME_START
            and not any(len(w) >= 2 and (w in know.lex.title_modifiers or w in know.lex.industry_words)
                        for w in know.tokenizer.lcut(body, HMM=False)))


HAN_NAME = re.compile(r"[\u4e00-\u9fff]{4,16}")
NOT_A_NAME_START = {"v", "vd", "vn", "a", "ad", "d", "p", "c", "r", "u", "m", "q"}  # jieba's tags


HAN_BODY_WORD = re.compile(r"[\u4e00-\u9fff]{3,8}")  # one Han word of three or more, set off by a space: a name


def jieba_org_end(text: str, know: Knowledge) -> int:
    """Fallback: the words before the first title word are the organisation, but what belongs
    to the title comes off its end: a department (a word ending in 部, with the word before it:
    `虎牙|基础|保障部`, and a region before that: `…|西区|业务部`), a verbal noun right before the
    title (`优化|专家`, `服务|总监`). A Latin name or a number after Han words (`云和恩墨 MogDB …`,
    `…2020 产品…`) opens the title too."""
    words = []
    end = 0
    stop = ""
    for word in know.tokenizer.lcut(text):
        glued = end and not text[end - 1].isascii()  # `云和恩墨MogDB`; spaced only after a named body
        spaced = end and text[end - 1] == " " and text[:end].strip() and (
            named_org(text[:end], know) or trade_name(text[:end].strip(), know)
            or HAN_BODY_WORD.fullmatch(text[:end].strip()) is not None)  # `云和恩墨 MogDB 数据库 CTO`
        if ((glued or spaced) and word[:1].isascii() and word[:1].isalnum() and word.strip()) or (
                word.strip() in know.lex.title_starters or word.startswith(know.long_title_starters)
                or has_title_word(word, know) or word.strip() in ("，", ",")):  # `华为，昇腾计算业务总裁`
            stop = word
            break
        words.append(word)
        end += len(word)
    while words and not words[-1].strip():
        words.pop()
    department = next((j for j, w in enumerate(words) if j >= 1 and w.endswith("部")), None)
    # where the department's name starts: the word before a 部-word among the body's words, or
    # the word the body stopped at (`云和恩墨|西区|业务部`, 业务 being a title modifier)
    keep = max(1, department - 1) if department is not None else len(words) if stop.endswith("部") else None
    if keep is not None:
        if keep > 1 and REGION.fullmatch(words[keep - 1]):
            keep -= 1  # a region before the department is the department's
        body = "".join(words[:keep])
        if len(body) >= 2 and body not in know.lex.places and body[-1] not in know.lex.function_chars:
            words = words[:keep]  # not `工业和|信息化部` (a ministry), not `北京|移动…部`
    elif (len(words) >= 2 and know.dictionary.get(words[-1]) == "vn" and len("".join(words[:-1])) >= 2
          and know.title_heads_only.match(stop or "") is not None):
        words = words[:-1]  # a verbal noun right before a title head: `优化|专家`, not `字节|跳动|资深…`
    return sum(map(len, words))


HAN = re.compile(r"[\u4e00-\u9fff]")
INSTITUTE = re.compile(r"[\u4e00-\u9fff]{1,4}?所")  # an institute's short name (信工所, 计算所)
COUNTING = re.compile(r"^(?:[一二两三四五六七八九十几多数]+|\d+)\s*[名位个]")
REGION = re.compile(r"[东西南北中华][东西南北中]?(?:区|大区)?")


def split_org_title(part: str, know: Knowledge, guess: bool = True) -> Affiliation:
    """(organisation, title) of one part. guess=False: no jieba guess, only a known name, an
    organisation ending or a Latin name can open an organisation (for later caption parts)."""
    part = part.strip(EDGE)
    for lead_in in know.lex.affiliation_lead_ins:
        if part.startswith(lead_in) and len(part) > len(lead_in) + 1:
            part = part[len(lead_in):].strip(EDGE)  # `现任宝兰德售前总监`
            break
    at = TITLE_AT_ORG.match(part)
    if at and any(w.lower() in know.lex.latin_title_words for w in at.group("title").split()):
        return Affiliation(at.group("org").strip(), at.group("title").strip())  # `Senior Engineer at Acme`
    at = title_at_sign(part, know)
    if at is not None:
        return at
    of = TITLE_OF_ORG.match(part)
    if of and of.group("title").split()[-1].lower() in know.lex.latin_title_words and any(
            w.lower() not in know.lex.latin_title_words and w.lower() not in know.lex.latin_fields
            for w in of.group("org").split()):
        return Affiliation(of.group("org").strip(), of.group("title").strip())  # `CTO of Acme`, not `VP of Engineering`
    named = BRACKETED_ORG.match(part)
    if named:  # `「星河智能」CTO`: the brackets set the body's name apart
        return Affiliation(named.group("org").strip(), named.group("title").strip(EDGE))
    if part[:1] in FORMER and part[:2] not in know.dictionary and len(part.strip()) > 3:
        part = part[1:].strip(EDGE)  # `原贝壳找房…`: a former employer; not `前端…`, `现代汽车` (words)
    if not part:
        return Affiliation("", "")
    if not has_title_word(part, know):
        known = know.org_prefix(part)
        if known and part[len(known):len(known) + 1] == " ":  # `海量数据 产品发展部`: a known body, then its unit
            return Affiliation(known.strip(EDGE), part[len(known):].strip(EDGE))
        # `北京大学城市规划与设计学院`: the unit after the body is the title; a known body may run
        # past an inner ending (`中国科学院软件研究所` + `智能软件研究中心`)
        end = suffix_org_end(part, know)
        end = max(end, len(known)) if end else 0
        if interest_only(part, part[:end] if 0 < end < len(part) else part, know):
            return Affiliation("", part)
        return Affiliation(part[:end].strip(EDGE), part[end:].strip(EDGE)) if 0 < end < len(part) else \
            Affiliation(part, "")
    if says_no_organisation(part, know):
        return Affiliation("", part)
    end = len(know.org_prefix(part))
    by_suffix = suffix_org_end(part, know)
    if end:
        end = extend_with_trade_word(part, extend_with_suffix(part, trade_word_across(part, extend_with_brand(
            part, end, know), know), know), know)
        academy = part[:end].endswith(know.lex.academy_endings)  # `中科院` + `软件研究所`: an institute of its own
        if (by_suffix > end and not has_title_word(part[end:by_suffix], know)
                and (academy or part[end:by_suffix] in know.org_endings
                     or not any(part[:by_suffix].endswith(u) for u in know.lex.unit_suffixes))):
            end = by_suffix  # `神舟通用` + `数据技术有限公司`: the legal name runs on; `长江鲲鹏` +
            # `生态创新中心`: an ending learned organisations share, no unit of the body
        institute = INSTITUTE.match(part, end) if academy else None
        end = institute.end() if institute else end  # `中科院` + `信工所`
    else:
        end = regional_unit_start(part[:by_suffix], know) or by_suffix
    if not end and part[0].isascii() and part[0].isalnum():
        end = latin_org_end(part, know)
    if not end and not guess:
        end = trade_name_end(part, know)  # `…、凝思软件研发专家`: a later part naming a company of its own
    if not end and guess:
        end = space_org_end(part, know) or second_trade_word_start(
            part, extend_with_trade_word(part, jieba_org_end(part, know), know), know)
        if end <= 2 and len(part) <= 6 and not part[:end].isascii():
            end = 0  # `全栈工程师`, `大一学生`: two characters before a title are part of it
    end = ministry_unit_start(part[:end], know) or end
    while end and part[end - 1] in "（( ":
        end -= 1  # a cut inside `星瓜智能（Dynamia）`: the bracket opens the short name
    abbreviation = re.match(r"\s*[（(][A-Za-z0-9\u4e00-\u9fff .&-]{1,15}[）)]", part[end:]) if end else None
    if abbreviation:
        end += abbreviation.end()  # `…技术研发中心(LSCM)特殊项目总监`: the short name belongs to the body
    body, space, ending = part[:end].rpartition(" ")
    if space and ending in know.lex.community_suffixes and part[end:end + 1].strip() and len(body.strip(EDGE)) >= 2 \
            and HAN.match(body[-1]):
        end = len(body)  # `星河科技 社区布道师`: the ending written onto the title is the title's (a space
        # between Han words parts them; after a Latin name it is only spacing: `openGauss 社区理事长`)
    org, title = strip_edge(part[:end], EDGE), part[end:].strip(EDGE)
    if org.endswith("的") or title.startswith("的"):  # `孔明科技的前端架构师`
        org, title = org.removesuffix("的").strip(EDGE), title.removeprefix("的").strip(EDGE)
    if re.fullmatch(r"[A-Za-z][\w.+\-]*", org) and re.match(r"(?i)sig\s*(?:maintainer|committer|leader|owner|member|成员|组长)", title):
        return Affiliation("", f"{org} {title}")  # `GIS SIG Maintainer`: GIS names the SIG, not a body
    if "的" in org[1:-1] and len(org.rsplit("的", 1)[1].strip()) >= 2:
        org = org.rsplit("的", 1)[1].strip(EDGE)  # `衷心感谢主导本次尽职调查的 CNCF`: what follows the last 的
    counted = COUNTING.match(org)
    if counted:  # `两名大四本科生`: a count of people, no organisation
        org, title = "", (org[counted.end():] + title).strip(EDGE)
    if org in know.lex.place_names and title:
        org = ""  # `来自印度的贡献者`: where the person is from, no organisation
    if org and interest_only(part, org, know):
        return Affiliation("", part)
    if org and not title:
        return Affiliation(org, "")
    return Affiliation(org, title)


def says_no_organisation(text: str, know: Knowledge) -> bool:
    """`个人开发者`, `Independent developer`: the text says the person is with no organisation."""
    return text.lower().startswith(know.lex.no_organisation_keys)


def interest_only(part: str, org: str, know: Knowledge) -> bool:
    """`多语言爱好者`: the text ends with an interest head (interest_heads.txt) and the words taken
    for its organisation are no credible body: they name what the person is a fan of."""
    return part.endswith(know.lex.interest_heads) and not credible_org(org, know)


def reads_as_sentence(text: str, know: Knowledge) -> bool:
    """Words of running sentences stand in the text (了, 我们 …); a single-character one only
    counts where the text does not end with a title as a caption does (`陈东明，饿了么…架构组负责人`)."""
    found = [m for m in know.lex.sentence_markers if m in text]
    return bool(found) and (any(len(m) > 1 for m in found) or not ends_with_title(text, know))


def ends_with_org(text: str, know: Knowledge) -> bool:
    """Text ends with an organisation ending (大学) or with a known organisation (…云和恩墨)."""
    text = text.rstrip()
    return bool(know.lex.org_suffix_set.ending(text) or know.orgs.ending(text))


def named_org(org: str, know: Knowledge) -> bool:
    """A Han organisation that is known or has an organisation ending (`星河大学`), not any word."""
    org = org.strip()
    return bool(org) and (know.org_prefix(org) == org or bool(know.lex.org_suffix_set.ending(org)))


LATIN_ORG = re.compile(r"[A-Za-z][A-Za-z0-9_ .&+-]*")  # Latin letters only: `vLLM 推理…` is no Latin name


def credible_org(org: str, know: Knowledge) -> bool:
    """An organisation that is known, has an organisation ending, is a trade name or a Latin name."""
    org = org.strip()
    return bool(org) and (know.org_prefix(org) == org or bool(know.lex.org_suffix_set.ending(org))
                          or bool(LATIN_ORG.fullmatch(org)) or trade_name(org, know))


SENTENCE_END = re.compile(r"[。！？!?\n]")
CLAUSE = re.compile(r"[，,；;]|\s+and\s+(?=(?:an?|the)\s)")  # `… at Initech and a Foo maintainer`
ACCOUNT_WORDS = r"\bID\b|ＩＤ|账号|帐号|微信号|网名|花名|昵称"  # what names a person's account, not a body
ACCOUNT = re.compile(ACCOUNT_WORDS, re.I)
HANDLE = re.compile(rf"\b(?:github|gitee|twitter|wechat|微信)\b|@|社区ID|{ACCOUNT_WORDS}", re.I)
PRONOUN = r"(?:他|她|ta|TA)"
NOW_WORDS = r"(?:现在|目前|如今)"  # what holds now (a bare 现 only at a clause's start or before 任/为: 现场, 发现)
POST_VERB = r"(?:担任|是|为|任)"
ALSO = re.compile(rf"(?:{PRONOUN}\s*)?(?:也|还是)")
PRESENT_LATIN = re.compile(rf"^(?:现任|{NOW_WORDS}|现)\s*(?=[A-Za-z])")
LATIN_SUBJECT = re.compile(r"^(?:(?:he|she|they)\s+)?(?:(?:is|was|works as|serves as)\s+)?(?:an?\s+|the\s+)?", re.I)
SUBJECT = re.compile(rf"^(?:{PRONOUN}\s*)?(?:{NOW_WORDS}|现|同时)?\s*(?:也)?{POST_VERB}\s*")


SINGLE_LATIN_BODY = re.compile(r"[A-Z][\w&.'-]+")  # `Isovalent`, `PingCAP`
CAPITALISED_BODY = re.compile(r"[A-Z0-9][\w&.'-]*(?: [A-Z0-9&][\w&.'-]*){0,4}")  # `Acme Corp`, `Globex`


def latin_body_alone(text: str, know: Knowledge) -> bool:
    """`Acme Corp` after `Jane Roe,`: two capitalised words or more, none a title word or a field
    (one word there is as often the person's English name: `唐刚，Mike，…`)."""
    return CAPITALISED_BODY.fullmatch(text) is not None and " " in text.strip() and not any(
        w.lower() in know.lex.latin_title_words or w.lower() in know.lex.latin_fields for w in text.split())


def bio_affiliations(text: str, know: Knowledge, subject: str = "") -> list[Affiliation]:
    """The affiliations a bio opens with: `TiKV Committer，曾经是一个连续创业者…` -> (TiKV, Committer).
    Clauses of the first sentence are read while each is an affiliation (a title word, no
    sentence words); handles (`GitHub ID: x`) are skipped; the first sentence-like clause ends it.
    subject: the person's name, which may open the sentence (`熊洋是美团前端工程师`)."""
    sentence = SENTENCE_END.split(text.strip(), maxsplit=1)[0]
    out: list[Affiliation] = []
    clauses = CLAUSE.split(sentence)
    posts_from = functools.cache(lambda k: present_post("，".join(clauses[k:]), know))  # each tail read once
    for k, clause in enumerate(clauses):
        clause = clause.strip(EDGE)
        now = present_post(clause, know)  # `他目前在星河科技做架构师`
        running_on = [] if now or posts_from(k + 1) else posts_from(k)  # one that opens here and runs on:
        # `就职于星河科技，任前端专家`
        if now or running_on:  # `开源爱好者，就职于…`: what the person is a fan of is no post
            out = [a for a in out if a.org or not a.title.endswith(know.lex.interest_heads)] + (now or running_on)
            if running_on:
                break
            continue
        if AT_PLACE.match(clause):
            break  # `他在北京做架构师`, `他在大会上当选为理事`: where the person is, no post of a body
        if k == 0 and subject and clause.startswith(subject):
            clause = clause[len(subject):]
        elif k == 0 and subject.strip() and subject.isascii() and clause.startswith(subject.split()[0] + " "):
            clause = clause[len(subject.split()[0]):]  # `Maria is a principal engineer at Initech`
        also = ALSO.match(clause) is not None  # `也是 …`: other roles, not more of the body before
        clause = SUBJECT.sub("", clause, count=1).strip(EDGE)
        clause = LATIN_SUBJECT.sub("", clause, count=1).strip(EDGE)
        clause = re.sub(r"^也是|^还是|^也", "", clause).strip(EDGE)
        present = PRESENT_LATIN.match(clause)  # `现 ThoughtWorks 切图仔`: where the person is now
        clause = clause[present.end():] if present else clause
        if not clause or (HANDLE.search(clause) and title_at_sign(clause, know) is None):
            continue
        if len(out) == 1 and not out[0].org and not has_title_word(clause, know) and (
                CAPITALISED_BODY.fullmatch(clause) or named_org(clause, know) or trade_name(clause, know)):
            out[0] = Affiliation(clause, out[0].title)  # `Jane Roe, Staff Engineer, Acme Corp`: the title, then its body
            continue
        if out and out[-1].org and SINGLE_LATIN_BODY.fullmatch(clause) and clause.lower() not in know.lex.latin_stopwords:
            out.append(Affiliation(clause, ""))  # `Omar Haddad, Cilium Maintainer, Isovalent`: a body of its own
            continue
        listing = len(PART_SEPARATORS.findall(clause)) >= 2  # `…开发者、开源软件作者、…布道师和 jQuery 贡献者`
        if ((len(clause) > 45 and not listing) or len(clause) > 120
                or not (has_title_word(clause, know) or named_org(clause, know) or present
                        or (k == 0 and (trade_name(clause, know) or latin_body_alone(clause, know))))  # `王一，星河科技`
                or reads_as_sentence(clause, know)
                or any(clause.startswith(v) or NOW_THEN.sub("", clause).startswith(v) or f"{v}过" in clause
                       for v in know.lex.bio_verbs)):  # `现负责…平台框架设计`: what the person does now
            break
        if present and not has_title_word(clause, know):
            end = latin_org_end(clause, know)  # a title no list knows after the body (`切图仔`)
            found = [Affiliation(clause[:end].strip(), clause[end:].strip(EDGE))] if end else []
        else:
            found = split_affiliations(clause, know)
        if found and not any(a.org or ends_with_title(a.title, know) for a in found):
            break  # `JS 全栈概念主要是基于 Web 开发而言`: a title word inside a sentence, no post
        if out:  # `…工程师，多语言爱好者`: a hobby after a post is none
            found = [a for a in found if a.org or not a.title.endswith(know.lex.interest_heads)]
        if out and found and not found[0].org and not also:
            found = titles_of_last_body(out, found, know)
        out.extend(found)
    if not out:  # `曾在北辰软件工作，现为星河科技技术总监`, `久仰大名！…现在，他正在 360 做总监`
        for k, later in enumerate(SENTENCE_END.split(text.strip())):
            out = present_post(later, know) if k < 3 or NOW.search(later) else []  # far on, only what holds now
            if out:
                break
    return out


YEARS_OF = re.compile(r"(?:\d{1,2}|[一二三四五六七八九十]+)\s*(?:多|余)?\s*年(?!度|级)")  # `16年数据库开发经验`, `十余年`


def related_body(text: str, know: Knowledge) -> str:
    """The text from the body that a relation word introduces (`openLooKeng集成商 鸿鹄元数总经理`
    -> `鸿鹄元数总经理`): the person works for the integrator, partner or member, not for the body
    it is related to. Unchanged unless a credible body stands before the word and one after it."""
    for noun in know.lex.relation_nouns:
        at = text.find(noun)
        before, after = text[:at].strip(), text[at + len(noun):].strip(EDGE)
        if at > 0 and after and credible_org(before, know) and not has_title_word(after[:2], know) \
                and any(a.org for a in split_affiliations(after, know)):
            return after
    return text


def present_post(text: str, know: Knowledge) -> list[Affiliation]:
    """The post a bio's sentence says the person holds now: `目前在 X 担任 Y`, `现就职于 X，任 Y`,
    `正在 X 做 Y`, `现为 X Y`; not a past one (`曾在 X 担任 Y`)."""
    at = PRESENT_AT.search(text)
    if (at and has_title_word(at.group("title"), know) and not has_title_word(at.group("org"), know)
            and at.group("org").strip(EDGE) not in know.lex.place_names):  # `在北京做架构师`: where, no body
        return [Affiliation(at.group("org").strip(EDGE), at.group("title").strip(EDGE))]
    now = PRESENT_AS.search(text)
    found = split_affiliations(now.group("rest"), know) if now else []
    return found if found and found[0].org else []


PRESENT_AT = re.compile(r"(?<!曾)(?<!曾经)(?<!之前)(?<!以前)(?<!此前)(?:就职于|任职于|供职于|在|于)\s*"
                        r"(?P<org>[^，,。；;、\s“”《》][^，,。；;“”《》]{0,24}?)\s*[，,]?\s*(?:担任|出任|任|做|当(?!选))\s*"
                        r"(?P<title>[^，,。；;！!？?\s][^，,。；;！!？?]{0,19})")
NOW = re.compile(rf"{NOW_WORDS}|当前|现[任为就]")
NOW_THEN = re.compile(rf"^(?:{NOW_WORDS}|现)\s*")
AT_PLACE = re.compile(rf"{PRONOUN}?\s*{NOW_WORDS}?\s*正?在(?![职校读])")  # not 在校学生, 在读
PRESENT_AS = re.compile(rf"(?:{NOW_WORDS}{POST_VERB}|现[为任])\s*(?P<rest>[^，,。；;！!？?]{{2,40}})")


def titles_of_last_body(out: list[Affiliation], found: list[Affiliation], know: Knowledge) -> list[Affiliation]:
    """Titles given with no body take the body before them (`东辰智能，算法负责人、架构师`), but for
    what a fan is (`…，多语言爱好者`: interest_heads.txt) and a title that says there is none
    (`…，现为独立开发者`); that body's own entry, written with no title, gives way to them (it is
    removed from out)."""
    found = [Affiliation(out[-1].org, a.title) if not a.org and not a.title.endswith(know.lex.interest_heads)
             and not says_no_organisation(a.title, know) else a for a in found]
    if not out[-1].title and found[0].org == out[-1].org:
        out.pop()
    return found


ITEM_MARK = re.compile(r"\s*[，,、；;]\s*")


def without_event_roles(text: str, know: Knowledge) -> str:
    """The text less an item that is only the person's role at the event (`主持人，星河社区运营`)."""
    items = ITEM_MARK.split(text)
    roles = know.lex.speaker_label_words
    return "，".join(item for item in items if item not in roles) if any(item in roles for item in items) else text


HAN_TO_LATIN = re.compile(r" |(?<=[\u4e00-\u9fff])(?=[A-Za-z])")


def bodies_after_titles(text: str, know: Knowledge) -> str:
    """A space, or a Latin name right after Han text, after a title before a known body is a break
    between two affiliations (`清华大学计算机学院副主任 openGauss 社区技术委员会主席`, and glued:
    `…副主任openGauss社区技术委员会主席`)."""
    for cut in reversed(list(HAN_TO_LATIN.finditer(text))):
        rest = text[cut.end():]
        if know.org_prefix(rest) and has_title_word(rest, know) and ends_with_title(text[:cut.start()], know):
            text = text[:cut.start()] + "，" + rest
    return text


def split_affiliations(text: str, know: Knowledge) -> list[Affiliation]:
    """All (organisation, title) pairs of one affiliation text, in the order written."""
    text = without_event_roles(related_body(re.sub(r"\s+", " ", text).strip(EDGE), know), know)
    if not text:
        return []
    text = bodies_after_titles(text, know)
    out: list[Affiliation] = []
    sharing: list[str] = []  # organisations waiting for the title of the next part
    for part, shares_title in split_parts(text, know):
        if ACCOUNT.search(part):
            continue  # `孙晓光 GitHub ID`, `网名 sorrycc`: the person's account, no body
        if shares_title:
            sharing.append(part)
            continue
        if out and part.startswith(know.lex.bio_verbs):
            break  # `腾讯云 Web 前端工程师，负责云数据库…`: what the person does, no more affiliations
        aff = split_org_title(part, know, guess=not out or part.startswith(FORMER))  # `…、前星河科技 CTO`
        if aff.org and aff.title and made_of(aff.org.replace(" ", ""), know.lex.community_suffixes, at_end=True):
            aff = Affiliation("", (aff.org + aff.title).strip())  # `项目社区导师`: 项目 and 社区 name no body
        if out and aff.org and not know.org_prefix(part) and any(
                aff.org.endswith(u) for u in know.lex.unit_suffixes) and not aff.org.startswith(know.lex.places) \
                and not any(aff.org.startswith(c) for c in know.lex.countries):
            aff = Affiliation("", part)  # `…、智慧城市研究中心主任`: a unit of the organisation before;
            # not `…、广东省智能科技研究院…主管`, `…、中国科协科学技术传播中心副主任`: a place or country
            # opens the name of an institution of its own
        if not aff.org and out:
            aff = titles_of_last_body(out, [aff], know)[0]
        second = suffix_org_end(aff.title, know) if aff.org.endswith(know.lex.legal_suffixes) else 0
        if 0 < second < len(aff.title) and aff.title[:second].endswith(know.lex.branch_suffixes):
            aff = Affiliation(aff.org + aff.title[:second], aff.title[second:].strip(EDGE))  # `…有限公司北京分公司`: one body
        elif 0 < second < len(aff.title) and not aff.title[:second].endswith(know.lex.unit_suffixes):
            out.append(Affiliation(aff.org, ""))  # `…有限责任公司深圳鲲鹏产业联盟高级顾问`: a second body,
            aff = split_org_title(aff.title, know, guess=False)  # not a unit (`…公司平台能力中心`)
        out.extend(Affiliation(org, aff.title) for org in sharing)
        sharing = []
        if len(out) == 1 and not out[0].org and aff.org and not aff.title:
            out[0] = Affiliation(aff.org, out[0].title)  # `Staff Engineer, Acme Corp`: the title, then its organisation
        elif aff.org or aff.title:
            out.append(aff)
    out.extend(Affiliation(org, "") for org in sharing)
    return out
