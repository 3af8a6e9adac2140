"""Speaker and agenda tables: rows that give a person with organisation / title (and a talk)."""
from __future__ import annotations

import re

from pipeline.extract.knowledge import Knowledge
from pipeline.extract.names import is_person_name
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


def agenda_cell_mention(block: Block, know: Knowledge) -> Mention | None:
    """An agenda row with no speaker column: a cell that holds a name and a marked talk
    (`孟之杰《DApp 开发入门》`, `《…》 王一（某某）`), whatever the column is called."""
    for cell in block.cells:
        if "《" not in cell:
            continue
        person = parse_person_text(cell, know)
        if person and person.talk and is_person_name(person.name, know.lex, know.names, single_latin=False):
            return Mention(name=person.name, source_kind="table", line=block.line, raw=block.raw,
                           rule="table:agenda_cell", confidence=0.85, affiliations=list(person.affiliations),
                           talks=[person.talk])
    return None


def table_mention(block: Block, know: Knowledge) -> Mention | None:
    if block.kind != "table_row":
        return None
    name_col = column(block.header, NAME_COLUMN)
    if name_col < 0 or name_col >= len(block.cells):
        return agenda_cell_mention(block, know)
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
