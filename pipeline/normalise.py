"""Normalise stage: NFKC for Latin letters and digits (full-width ｏｐｅｎＧａｕｓｓ -> openGauss),
white space folded, edge punctuation dropped. Chinese text and punctuation inside a value are
kept; the original text stays beside the value in the `raw` columns."""
from __future__ import annotations

import functools
import re
import unicodedata

from pipeline.model import Affiliation, Extraction, MemberLine, Mention

BULLETS = "▲△▼▽■□●○◆◇★☆→•·"  # picture-caption marks (`▲ 中国移动架构师 邵欢`)
TITLE_MARKS = "《》「」『』"
EDGE = " \t:：,，、;；.。|｜/／-–—―－_*#()（）[]【】\"'“”‘’" + BULLETS + TITLE_MARKS  # every dash: `云海数据 –`
SPACE = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")


FULL_WIDTH_ALNUM = {code: unicodedata.normalize("NFKC", chr(code)) for code in range(0xFF01, 0xFF5F)
                    if unicodedata.normalize("NFKC", chr(code)).isalnum()}


def fold_width(text: str) -> str:
    """NFKC for full-width Latin letters and digits only (ｏｐｅｎＧａｕｓｓ１ -> openGauss1);
    Chinese punctuation such as ，：（） stays as written."""
    return text.translate(FULL_WIDTH_ALNUM)


PAIRS = {")": "(", "）": "（", "]": "[", "】": "【", "》": "《", "”": "“", "’": "‘", "」": "「", "』": "『"}
CLOSING = {open_: close for close, open_ in PAIRS.items()}


def strip_edge(text: str, edge: str = EDGE) -> str:
    """Strip edge punctuation, but keep a closing bracket whose opening one is in the text
    (`技术研发中心(LSCM)`), and an opening one whose closing one is (`“智”造先“基”`)."""
    kept = text.lstrip(edge)
    opened = text[:len(text) - len(kept)].rstrip()[-1:]  # the mark stripped right before the text, if any
    text = kept.rstrip(edge)
    close = CLOSING.get(opened, "")
    if close and text.count(close) > text.count(opened):
        text = opened + text  # `“智”造先“基”：…`: the opening mark of a pair that closes inside stays
    for close, open_ in PAIRS.items():
        if open_ in text and text.count(open_) > text.count(close):
            text = text + close
            break
    return text.strip()


def clean(text: str) -> str:
    text = SPACE.sub(" ", fold_width(text or "")).strip()
    return strip_edge(text)


@functools.lru_cache(maxsize=1 << 18)
def key(text: str) -> str:
    """Comparison key: NFKC, no white space, Latin lower-cased (as the gold scorer compares).
    Names and organisations recur across a run: each spelling is keyed once."""
    return SPACE.sub("", unicodedata.normalize("NFKC", text or "")).lower().strip(EDGE)


def normalise_name(name: str) -> str:
    name = clean(name)
    return name.replace(" ", "") if re.fullmatch(r"[\u4e00-\u9fff ]+", name) else name


def normalise_mention(mention: Mention) -> Mention:
    mention.name = normalise_name(mention.name)
    mention.affiliations = [Affiliation(clean(a.org), clean(a.title)) for a in mention.affiliations]
    mention.talks = [clean(t) for t in mention.talks if clean(t)]
    return mention


def normalise_member(member: MemberLine) -> MemberLine:
    return MemberLine(group_name=clean(member.group_name), role=clean(member.role),
                      name=normalise_name(member.name), org=clean(member.org),
                      title=clean(member.title), line=member.line, raw=member.raw)


def normalise_extraction(extraction: Extraction) -> Extraction:
    extraction.mentions = [normalise_mention(m) for m in extraction.mentions if normalise_name(m.name)]
    extraction.members = [normalise_member(m) for m in extraction.members]
    extraction.member_affiliations = {
        line: [Affiliation(clean(a.org), clean(a.title)) for a in affs]
        for line, affs in extraction.member_affiliations.items()}
    return extraction
