"""Member lists: `. Organizer 曾强 四川鲲鹏生态创新中心` lines (also as Markdown lists or table
rows) under a heading that names the group (`openGauss 成都用户组首批成员分别是：`)."""
from __future__ import annotations

import re

from pipeline.extract.affiliation import EDGE
from pipeline.extract.knowledge import Knowledge
from pipeline.extract.people import parse_person_text
from pipeline.model import Affiliation, Block, MemberLine

GROUP_HEADING = re.compile(
    r"^(?P<group>.{2,40}?)(?:的)?(?:首批|第一批|第[一二三四五六七八九十\d]+批|创始|核心|全体)?"
    r"(?:成员|会员|委员|名单)(?:名单)?(?:分别是|分别为|如下|有|包括|为|是)?\s*[:：]?\s*$")


GROUP_WORDS = ("用户组", "委员会", "工作组", "兴趣小组")
GROUP_MENTION = re.compile(r"[A-Za-z][A-Za-z0-9\- ]{0,40}?\s?SIG(?![A-Za-z])|"
                           rf"[\u4e00-\u9fffA-Za-z]{{2,20}}?(?:{'|'.join(GROUP_WORDS)})")


def named_group(text: str) -> str:
    """The last group a text names (`Graph SIG`, `openGauss 成都用户组`), or "". The pattern
    runs only on a text with a group word (most blocks have none)."""
    if "SIG" not in text and not any(word in text for word in GROUP_WORDS):
        return ""
    found = [m.group().strip() for m in GROUP_MENTION.finditer(text)]
    return found[-1] if found else ""


def group_heading(block: Block) -> str:
    """The group a member-list heading names, or ""."""
    if block.kind not in ("heading", "paragraph") or len(block.text) > 60:
        return ""
    match = GROUP_HEADING.match(block.text.strip())
    return match.group("group").strip(EDGE) if match else ""


def split_role(text: str, know: Knowledge) -> tuple[str, str]:
    """(role as written, the rest) when text opens with a role word followed by a space."""
    stripped = text.lstrip(". ·•-*")
    match = know.member_role.match(stripped)
    return (match.group(1), stripped[match.end():]) if match else ("", "")


def member_line(block: Block, group: str, know: Knowledge) -> tuple[MemberLine, list[Affiliation]] | None:
    """A member line and every affiliation its text gives (the row keeps the first)."""
    if block.kind not in ("list_item", "paragraph", "table_row"):
        return None
    text = block.text
    role, rest = split_role(text, know)
    if not role and not group:
        return None
    if not role:
        if block.kind == "paragraph":
            return None
        rest = text
    if rest.lstrip().startswith(("：", ":")):
        return None  # `Organizer：整体统筹…` defines the role, it lists nobody
    person = parse_person_text(rest, know)
    if person is None:
        return None
    first = person.affiliations[0] if person.affiliations else None
    return MemberLine(group_name=group, role=role, name=person.name,
                      org=first.org if first else "", title=first.title if first else "",
                      line=block.line, raw=text), person.affiliations


def member_lines(blocks: tuple[Block, ...], know: Knowledge) -> list[tuple[MemberLine, list[Affiliation]]]:
    """Every member line with all the affiliations its text gives."""
    out = []
    group = ""
    mentioned = ""  # the last group named anywhere above: the fallback for lists without a heading
    for block in blocks:
        heading = group_heading(block)
        if heading:
            group = heading
            continue
        if block.kind == "heading":
            group = ""
            mentioned = named_group(block.text) or mentioned
            continue
        found = member_line(block, group or mentioned, know) if group or split_role(block.text, know)[0] else None
        if found is not None:
            out.append(found)
            continue
        mentioned = named_group(block.text) or mentioned
        if block.kind == "paragraph" and len(block.text) > 60:
            group = ""
    return out
