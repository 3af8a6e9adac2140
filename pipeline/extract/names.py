"""Person-name validation: Chinese names (common and compound surnames, 2-4 characters) and Latin names."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from pipeline.lexicons import Lexicons

HAN_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
LATIN_WORD = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+"  # a capitalised word of a Latin name, accents allowed (Müller, Émile)
LATIN_NAME = re.compile(rf"{LATIN_WORD}(?:[ \-]{LATIN_WORD}){{0,2}}")
ADDRESS_PREFIXES = "小老阿"  # before a surname: a familiar form of address (小王, 老李, 阿张)
ADDRESS_SUFFIXES = "老总工"  # after a surname: a respectful form of address (贺老, 张总, 李工)
FORMER = ("前", "原", "现")  # `前某某科技`: an earlier or present employer, never a name
HARD_FUNCTION_CHARS = frozenset("的了是被把这那、，。：“《")  # never in a name, wherever they stand
NAME_TAGS = ("nr", "nrfg")  # jieba's tags for Chinese person names; nrt (transliterations: 亚马逊) is not one
VERB_LIKE_TAGS = {"v", "vn", "vd", "d", "c", "p", "u"}  # not time or adjective words: 周天昱, 高明远 are names
FUNCTION_TAGS = {"c", "d", "p", "r", "u", "y", "e", "o", "t"}  # never names, wherever they stand


@dataclass(frozen=True)
class NameFilter:
    """Words that are not names: known organisations and ordinary words of jieba's dictionary
    (安装, 计划, 云和 …), and two-character words that cannot open a three-character name.
    Looked up in the dictionary's tags, so that a filter costs nothing to build."""

    tags: Mapping[str, str] = field(default_factory=dict)  # jieba's tag of each 2-3 character word
    orgs: frozenset[str] = frozenset()
    function_words_only: bool = False

    def is_word(self, text: str) -> bool:
        """text is a known organisation or a word that is no name (only a function word, for
        a filter with function_words_only)."""
        tag = self.tags.get(text)
        if self.function_words_only:
            return tag in FUNCTION_TAGS or text in self.orgs
        return (tag is not None and tag not in NAME_TAGS) or text in self.orgs

    def opens_no_name(self, text: str) -> bool:
        """A two-character verb-like word, which cannot open a three-character name (`全面转`)."""
        return not self.function_words_only and len(text) == 2 and self.tags.get(text) in VERB_LIKE_TAGS

    def is_ordinary(self, text: str) -> bool:
        """A dictionary word that is not a name, whatever the filter."""
        tag = self.tags.get(text)
        return tag is not None and tag not in NAME_TAGS


def name_filter(orgs, dictionary_tags: Mapping[str, str], function_words_only: bool = False) -> NameFilter:
    """function_words_only: refuse only conjunctions, adverbs, pronouns … (另外, 其中), for names
    whose place vouches for them; otherwise every ordinary word."""
    return NameFilter(dictionary_tags, frozenset(orgs), function_words_only)


def is_chinese_name(text: str, lex: Lexicons, words: NameFilter = NameFilter(),
                    strict: bool = True) -> bool:
    """strict: the first character(s) must be a known surname. Loose (strict=False) is for a
    token whose place alone says it is a name (set apart by spaces from a title, say)."""
    if not HAN_NAME.fullmatch(text) or text in lex.not_names or words.is_word(text):
        return False
    if len(text) == 2 and ((text[0] in ADDRESS_PREFIXES and text[1] in lex.surnames)
                           or (text[0] in lex.surnames and text[1] in ADDRESS_SUFFIXES)):
        return False  # `小王`, `老李`, `贺老`, `张总`: how one calls a person, no name
    if len(text) == 3 and text[1:] in lex.honorifics:
        return False  # `余先生`, `王老师`: a surname and a form of address
    if len(text) == 3 and words.opens_no_name(text[:2]):
        return False  # `全面转`
    if len(text) == 3 and text[2] in "一二三四五六七八九十" and words.is_word(text[:2]):
        return False  # `方式一`, `方案二`: an enumerated item, not a name
    inner = text[1:-1] if len(text) == 3 else text[1:]  # `方祝和`: a function character may end a given name
    if any(ch in lex.function_chars for ch in inner) or text[-1] in HARD_FUNCTION_CHARS:
        return False
    if text[:2] in lex.compound_surnames and len(text) in (3, 4):
        ok = True
    else:
        ok = len(text) in (2, 3) and (text[0] in lex.surnames or not strict)
    if not ok:
        return False
    if not strict and text[0] not in lex.surnames and (words.is_ordinary(text[1:]) or text.startswith(FORMER)
                                                       or len(text) == 3 and words.is_ordinary(text[:2])):
        return False  # `全栈`-like words, `前微博` (a former employer), `西湖云`: no surname, so no name
    if lex.han_title_heads.inside(text):
        return False
    if lex.org_suffix_set.ending(text):
        return False
    return not lex.long_not_names.inside(text)


def is_placed_name(text: str, lex: Lexicons, words: NameFilter = NameFilter()) -> bool:
    """A Han name its place alone vouches for (a position in a photo, `织和（右一）`): stage
    names and nicknames need no surname and may hold any character but the hard function ones;
    an ordinary word or a known non-name is still refused."""
    return (bool(HAN_NAME.fullmatch(text)) and text not in lex.not_names and not words.is_word(text)
            and not any(ch in HARD_FUNCTION_CHARS for ch in text))


def is_latin_name(text: str, lex: Lexicons, single_word: bool = False) -> bool:
    """`Keith Chan`: capitalised words only, none of them a title word. A single word
    (`James`) only where its place says it is a name (single_word=True)."""
    if not LATIN_NAME.fullmatch(text):
        return False
    words = text.split(" ")  # `Ti-Improve` is one word (a team), `Jack Works` two
    if len(words) == 1 and not single_word:
        return False
    return not any(w.lower() in lex.latin_title_words or w.lower().removesuffix("s") in lex.latin_title_words
                   or w.lower() in lex.latin_stopwords for w in words)  # `Maintainers` is a title word too


DOTTED_NAME = re.compile(r"[\u4e00-\u9fff]{2,8}(?:[·・•][\u4e00-\u9fff]{2,8}){1,2}")


def is_dotted_name(text: str, lex: Lexicons, words: NameFilter = NameFilter()) -> bool:
    """`阿依古丽·买买提`, `迪丽热巴·迪力木拉提`: a name written in Han characters with middle dots
    between its parts (Uyghur, Kazakh, Tibetan, transcribed foreign names); no part may be an
    organisation, a title or a place, and the first no ordinary word (`韩一梅·北辰大学` is a name and
    its body; `数据·智能` two words); a later part may be a word jieba knows (`买买提`)."""
    if not DOTTED_NAME.fullmatch(text):
        return False
    parts = re.split(r"[·・•]", text)
    return not words.is_word(parts[0]) and not any(
        lex.org_suffix_set.ending(part) or lex.han_title_heads.inside(part) or part in lex.not_names
        or part.startswith(lex.places) or any(c in HARD_FUNCTION_CHARS for c in part) for part in parts)


def is_person_name(text: str, lex: Lexicons, words: NameFilter = NameFilter(),
                   strict: bool = True, single_latin: bool | None = None) -> bool:
    """single_latin: a one-word Latin name is allowed (default: when not strict)."""
    return is_chinese_name(text, lex, words, strict) or is_latin_name(
        text, lex, (not strict) if single_latin is None else single_latin) or is_dotted_name(text, lex, words)


def strip_honorific(text: str, lex: Lexicons) -> tuple[str, str]:
    """`周会群教授` -> (`周会群`, `教授`); `张总` stays as it is (too short to be sure). Honorifics
    are tried before title heads, each list in its own order, as written in the lexicons."""
    priority = lex.name_tails
    found = [(priority[text[-n:]], text[-n:]) for n in lex.name_tail_lengths
             if len(text) - n >= 2 and text[-n:] in priority]
    if not found:
        return text, ""
    tail = min(found)[1]
    return text[:-len(tail)], tail
