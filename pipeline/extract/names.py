"""Person-name validation: Chinese names (common and compound surnames, 2-4 characters) and Latin names."""
from __future__ import annotations

import re

from pipeline.lexicons import Lexicons

HAN_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
LATIN_NAME = re.compile(r"[A-Z][a-z]+(?:[ \-][A-Z][a-z]+){0,2}")


def is_chinese_name(text: str, lex: Lexicons, known_orgs: frozenset[str] = frozenset(),
                    strict: bool = True) -> bool:
    """strict: the first character(s) must be a known surname. Loose (strict=False) is for a
    token whose place alone says it is a name (set apart by spaces from a title, say)."""
    if not HAN_NAME.fullmatch(text) or text in lex.not_names or text in known_orgs:
        return False
    if text[:2] in lex.compound_surnames and len(text) in (3, 4):
        ok = True
    else:
        ok = len(text) in (2, 3) and (text[0] in lex.surnames or not strict)
    if not ok:
        return False
    if any(head in text for head in lex.title_heads if len(head) >= 2 and not head.isascii()):
        return False
    if any(text.endswith(suffix) for suffix in lex.org_suffixes):
        return False
    return not any(word in text for word in lex.not_names if len(word) >= 2)


def is_latin_name(text: str, lex: Lexicons, single_word: bool = False) -> bool:
    """`Keith Chan`: capitalised words only, none of them a title word. A single word
    (`James`) only where its place says it is a name (single_word=True)."""
    if not LATIN_NAME.fullmatch(text):
        return False
    words = re.split(r"[ \-]", text)
    if len(words) == 1 and not single_word:
        return False
    heads = {h.lower() for h in lex.title_heads} | {m.lower() for m in lex.title_modifiers}
    return not any(w.lower() in heads or w.lower() in lex.latin_stopwords for w in words)


def is_person_name(text: str, lex: Lexicons, known_orgs: frozenset[str] = frozenset(),
                   strict: bool = True) -> bool:
    return is_chinese_name(text, lex, known_orgs, strict) or is_latin_name(text, lex, not strict)


def strip_honorific(text: str, lex: Lexicons) -> tuple[str, str]:
    """`周会群教授` -> (`周会群`, `教授`); `张总` stays as it is (too short to be sure)."""
    for tail in lex.honorifics + lex.title_heads:
        if not tail.isascii() and text.endswith(tail) and len(text) - len(tail) >= 2:
            return text[: -len(tail)], tail
    return text, ""
