"""Speaker and agenda tables: rows that give a person with organisation / title (and a talk)."""
from __future__ import annotations

import re

from pipeline.extract.knowledge import Knowledge
from pipeline.extract.people import PersonText, parse_person_text
from pipeline.model import Affiliation, Block, Mention

NAME_COLUMN = re.compile(r"姓名|嘉宾|讲师|演讲人|分享人|讲者|演讲者|主讲|主持|speaker|name", re.I)
ORG_COLUMN = re.compile(r"单位|公司|机构|组织|所属|company|organi[sz]ation", re.I)
TITLE_COLUMN = re.compile(r"职务|职位|头衔|职称|title|position", re.I)
TALK_COLUMN = re.compile(r"议题|主题|题目|topic|session|演讲内容", re.I)


def column(header: tuple[str, ...], pattern: re.Pattern) -> int:
    for k, cell in enumerate(header):
        if pattern.search(cell):
            return k
    return -1


def table_mention(block: Block, know: Knowledge) -> Mention | None:
    if block.kind != "table_row" or not block.header:
        return None
    name_col = column(block.header, NAME_COLUMN)
    if name_col < 0 or name_col >= len(block.cells):
        return None
    person = parse_person_text(block.cells[name_col], know)
    if person is None:
        return None
    cell = lambda k: block.cells[k].strip() if 0 <= k < len(block.cells) else ""  # noqa: E731
    org, title = cell(column(block.header, ORG_COLUMN)), cell(column(block.header, TITLE_COLUMN))
    affiliations = list(person.affiliations)
    if org or title:
        affiliations = [Affiliation(org, title)]
    talk = cell(column(block.header, TALK_COLUMN)) or person.talk
    talk = re.sub(r"^[《“\"]|[》”\"]$", "", talk).strip()
    person = PersonText(person.name, affiliations, talk, True)
    return Mention(name=person.name, source_kind="table", line=block.line, raw=block.raw,
                   rule="table:speaker_column", confidence=0.9 if affiliations else 0.75,
                   affiliations=affiliations, talks=[talk] if talk else [])
