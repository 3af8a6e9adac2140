"""Member lists: `. Organizer 曾强 四川鲲鹏生态创新中心` lines (also as Markdown lists or table
rows) under a heading that names the group (`openGauss 成都用户组首批成员分别是：`)."""
from __future__ import annotations

import re
from dataclasses import replace

from pipeline.extract.affiliation import EDGE
from pipeline.extract.knowledge import Knowledge
from pipeline.extract.people import BAR, labelled_people, parse_person_text
from pipeline.extract.tables import cell_under, column, org_and_title, row_affiliations
from pipeline.model import Affiliation, Block, MemberLine

BATCH = r"首批|第一批|第[一二三四五六七八九十\d]+批|创始|核心|全体"  # which members a list gives
LISTED = r"成员|会员|委员|人员"  # what a list of a group's people is called
ANNOUNCED = r"(?:分别是|分别为|如下|有|包括|组成|为|是)?"
ROSTER = r"名单|列表"  # `成员名单`, `Maintainer 列表`
GROUP_HEADING = re.compile(rf"^(?P<group>.{{2,40}}?)(?:的)?(?:{BATCH})?(?P<listed>{LISTED}|{ROSTER})(?:{ROSTER})?{ANNOUNCED}\s*[:：]?\s*$")


def group_word_in(text: str, know: Knowledge) -> bool:
    """SIG or a group word (用户组, 委员会 …) stands in the text: the cheap test before a group is sought."""
    return "SIG" in text or any(word in text for word in know.lex.group_words)


def named_group(text: str, know: Knowledge) -> str:
    """The last group a text names (`Graph SIG`, `SIG KnowledgeGraph`, `openGauss 成都用户组`),
    or "" (`SIG Maintainer` names a role, not a group). The pattern runs only on a text with a
    group word (most blocks have none)."""
    if not group_word_in(text, know):
        return ""
    found = [m.group().strip() for m in know.group_mention.finditer(text)
             if not (m.group("after") and m.group("after").lower() in know.lex.latin_title_words)]
    return found[-1] if found else ""


# `星河用户组正式成立，首批成员如下：`: a sentence that ends by announcing the list
LIST_CUE = re.compile(rf"(?:{BATCH})?(?:{LISTED}|{ROSTER})(?:{ROSTER})?{ANNOUNCED}\s*[:：]\s*$")  # `…委员会正式成立，名单如下：` too
NAMELESS = re.compile(rf"(?:{BATCH}|{LISTED}|{ROSTER})*")  # `成员名单`, `首批成员`: a heading that names no group
CLAUSE_MARK = re.compile(r"[，,。；;！!|｜]")  # a bar: a row of parts, not a list heading


def group_heading(block: Block, know: Knowledge) -> str:
    """The group a member-list heading names, or ""."""
    if block.kind not in ("heading", "paragraph") or len(block.text) > 120:
        return ""
    text = block.text.strip()
    match = GROUP_HEADING.match(text) if len(text) <= 60 else None
    if match and not CLAUSE_MARK.search(match.group("group")):
        group = match.group("group").strip(EDGE)
        named = named_group(group, know)
        if match.group("listed") in ("人员", "列表", "名单") and not group.endswith(know.lex.group_endings) \
                and not named and not NAMELESS.fullmatch(group):
            return ""  # `参会人员`, `工作人员`: who attended or helped, no group's people; `缺陷列表`: no people;
            # `获奖名单`, `本期 Maintainer 名单`: who won or holds a role, no group (`成员名单` means the one above)
        return named or group  # `杭州用户组由以下成员组成：`: the group the words before the list name
    cue = LIST_CUE.search(text)
    if cue:
        return named_group(text[:cue.start()], know)
    return group_of_role_list(text, know) if text.endswith((":", "：")) or block.kind == "heading" else ""


def group_of_role_list(text: str, know: Knowledge) -> str:
    """The group of a heading that is a group's name and a member role (`杭州用户组组织者：`,
    `Storage SIG Maintainer`): the list below gives the people in that role; or ""."""
    if not group_word_in(text, know):
        return ""  # before the list words come off: most headings name no group
    head = LIST_WORDS_AT_END.sub("", text).strip(EDGE)
    named = named_group(head, know)
    return named if named and head.startswith(named) and role_after_group(head, named, know) else ""


LIST_WORDS_AT_END = re.compile(rf"(?:{BATCH}|{LISTED}|{ROSTER})*{ANNOUNCED}\s*[:：]?\s*$")  # `列表`, `成员名单如下：`


def role_after_group(text: str, group: str, know: Knowledge) -> str:
    """The role a list heading gives after its group's name (`星河 SIG Maintainer 列表`), or ""."""
    at = text.find(group)
    rest = LIST_WORDS_AT_END.sub("", text[at + len(group):]) if at >= 0 else ""
    return role_heading(rest, know) if rest.strip(EDGE) else ""


def inline_list(block: Block, know: Knowledge) -> tuple[str, str, Block] | None:
    """A paragraph that is a member-list heading and its list in one (`X 用户组核心成员：A（…）、B（…）`,
    `Storage SIG Maintainer：A（…）、B（…）`): (the group its heading part names, the role it
    gives, the list as a block of its own), or None."""
    if block.kind != "paragraph":
        return None
    head, colon, listed = block.text.partition("：") if "：" in block.text else block.text.partition(":")
    group = group_heading(replace(block, text=head + colon), know) if colon and listed.strip() else ""
    return (group, role_after_group(head, group, know), replace(block, kind="list_item", text=listed.strip())) \
        if group else None


def names_no_group(group: str, know: Knowledge) -> bool:
    """`成员名单`, `用户组`: a list heading that names no group of its own (the one named above is meant)."""
    return bool(NAMELESS.fullmatch(group)) or group in know.lex.group_words


def role_heading(text: str, know: Knowledge) -> str:
    """The role a heading is wholly (`### Organizer`, `#### 组长`, `### Members`), or ""."""
    text = text.strip(EDGE + "：: ")
    roles = know.lex.member_role_words
    return text if text.lower() in roles or (text.endswith("s") and text[:-1].lower() in roles) else ""


def split_role(text: str, know: Knowledge, labelled: bool = False) -> tuple[str, str]:
    """(role as written, the rest) when text opens with a role word followed by a space;
    labelled: also a role written as a label (`组长：王一`), as lines under a member list are."""
    stripped = text.lstrip(". ·•-*")
    match = know.member_role.match(stripped) or (know.member_role_label.match(stripped) if labelled else None)
    return (match.group().strip(" |｜:："), stripped[match.end():]) if match else ("", "")


ROLE_BOUNDARY = re.compile(r"(?<=[。！!；;，,])\s*")


def roles_announced(block: Block, know: Knowledge) -> list[tuple[MemberLine, list[Affiliation]]]:
    """A paragraph whose first sentence names a group and whose later clauses each open with a
    role label (`组长：A（…），副组长：B（…）`): a member line per clause; [] otherwise."""
    if block.kind != "paragraph" or "：" not in block.text and ":" not in block.text:
        return []
    starts = [m.end() for m in ROLE_BOUNDARY.finditer(block.text) if split_role(block.text[m.end():], know, labelled=True)[0]]
    group = named_group(block.text[:starts[0]], know) if starts else ""
    if not group or split_role(block.text, know, labelled=True)[0]:
        return []
    out = []
    for start, end in zip(starts, [*starts[1:], len(block.text)]):
        clause = block.text[start:end].strip().rstrip("，,；;。！! ")
        out.extend(member_line(replace(block, text=clause), group, know))
    return out


def role_among_parts(text: str, know: Knowledge) -> tuple[str, str]:
    """(role, the other parts) of a line of three bar-separated parts or more, one of them wholly
    a role (a row number is no part); ("", "") otherwise."""
    parts = [p for p in BAR.split(text.strip(EDGE)) if p and not p.isdigit()]
    roles = [p for p in parts if role_heading(p, know)]
    if len(parts) < 3 or len(roles) != 1:
        return "", ""
    return roles[0], " | ".join(p for p in parts if p != roles[0])


def member_line(block: Block, group: str, know: Knowledge, heading_role: str = "", several: bool = False
                ) -> list[tuple[MemberLine, list[Affiliation]]]:
    """The member lines of one block (`成员：A（星河）、B（云海）` names several), each with every
    affiliation its text gives (the row keeps the first). heading_role: the role the heading
    above the item gives (`### Organizer`); several: the block is a list of people without a role."""
    if block.kind not in ("list_item", "paragraph", "table_row"):
        return []
    text = block.text
    role, rest = split_role(text, know, labelled=bool(group))
    if not role and heading_role and block.kind in ("list_item", "table_row"):
        role, rest = heading_role, text
    if not role and not group:
        return []
    if not role and block.kind == "paragraph":
        role, rest = role_among_parts(text, know)  # `1 | 齐一航 | 北辰科技 | 组长` under a group's heading
        if not role:
            return []
    if not role:
        rest = text
    if rest.lstrip().startswith(("：", ":")):
        return []  # `Organizer：整体统筹…` defines the role, it lists nobody
    if block.kind == "table_row" and column(block.header, know.columns.talk) >= 0:
        return []  # an agenda: its rows are speakers
    if block.kind == "table_row" and column(block.header, know.columns.name) >= 0:
        row = member_row(block, group, role, know)
        return [row] if row else []
    people = labelled_people(rest, know) if role or several else [parse_person_text(rest, know)]
    out = []
    for person in people:
        if person is None:
            continue
        own_role, affiliations = role_in_aside(person.affiliations, know) if not role else ("", person.affiliations)
        first = affiliations[0] if affiliations else Affiliation("", "")
        out.append((MemberLine(group_name=group, role=own_role or role, name=person.name, org=first.org,
                               title=first.title, line=block.line, raw=text), affiliations))
    return out


def role_in_aside(affiliations: list[Affiliation], know: Knowledge) -> tuple[str, list[Affiliation]]:
    """`尤一川（星河科技，组长）`: a title that is wholly a member role is the member's role."""
    for k, aff in enumerate(affiliations):
        role = role_heading(aff.title, know) if aff.title else ""
        if role:
            return role, affiliations[:k] + [Affiliation(aff.org, "")] + affiliations[k + 1:]
    return "", affiliations


def member_row(block: Block, group: str, role: str, know: Knowledge) -> tuple[MemberLine, list[Affiliation]] | None:
    """A member table's row read by its header: name, organisation, title and role columns."""
    columns = know.columns
    people = labelled_people(cell_under(block, columns.name), know)  # as a speaker table's name cell is read
    if not people:
        return None
    person = people[0]
    name_col = column(block.header, columns.name)
    org, title = org_and_title(block, name_col, know)
    role = cell_under(block, columns.role) or role
    if title and not role and role_heading(title, know):
        role = title  # `| 樊一川 | 天穹科技 | 主任委员 |` under `职务` and no role column: a role in the group
    if title and title == role:
        title = ""  # `| 理事长 | 王一 | 星河科技 |` under `职务`: the member's role in the group, no post at the body
    affiliations = row_affiliations(org, title, know) or list(person.affiliations)
    first = affiliations[0] if affiliations else Affiliation("", "")
    return MemberLine(group_name=group, role=role, name=person.name, org=first.org,
                      title=first.title, line=block.line, raw=block.text), affiliations


def member_lines(blocks: list[Block] | tuple[Block, ...], know: Knowledge) -> list[tuple[MemberLine, list[Affiliation]]]:
    """Every member line with all the affiliations its text gives."""
    out = []
    group = ""
    mentioned = ""  # the last group named anywhere above: the fallback for lists without a heading
    heading_role = ""  # `### Organizer` under the list's heading: the role of the items below it
    named_heading = ""  # `## 技术委员会`: a heading that is a group's name, whose role-labelled lines are members
    for block in blocks:
        heading = group_heading(block, know)
        if heading:
            group, heading_role = heading, role_after_group(block.text, heading, know)
            continue
        inline = inline_list(block, know)  # `用户组核心成员：尤一川（星河科技，组长）、乔一朵（…）`
        if inline:
            named, role, listed = inline
            named = mentioned if names_no_group(named, know) else named_group(named, know)  # not `队伍成员：…`, a team
            found = member_line(listed, named, know, role, several=True) if named else []
            if len(found) >= (1 if role else 2):  # `成都用户组 Leader：王一（…）`: a role named, one is a list
                out.extend(found)
                continue
        role = role_heading(block.text, know) if block.kind == "heading" and group else ""
        if role:
            heading_role = role
            continue
        if block.kind == "heading":
            group, heading_role = "", ""
            named = named_group(block.text, know)
            named_heading = named if named and named == block.text.strip(EDGE) else ""
            mentioned = named or mentioned
            continue
        if named_heading and not group and (split_role(block.text, know, labelled=True)[0] or (
                block.kind == "table_row" and column(block.header, know.columns.role) >= 0)):
            found = member_line(block, named_heading, know)  # `主席：王一（星河科技）` or a table with a role column under `## 技术委员会`
            if found:
                out.extend(found)
                continue
        announced = roles_announced(block, know)  # `星河杭州用户组正式成立！组长：A（…），副组长：B（…）。`
        if announced:
            out.extend(announced)
            continue
        name = mentioned if names_no_group(group, know) else group  # `### 成员名单`, `## 用户组成员` name no group
        found = member_line(block, name or group, know, heading_role) if group or split_role(block.text, know)[0] else []
        if found:
            out.extend(found)
            continue
        mentioned = named_group(block.text, know) or mentioned
        if block.kind == "paragraph" and len(block.text) > 60:
            group = ""
    return out
