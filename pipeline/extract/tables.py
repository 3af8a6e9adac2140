"""Speaker and agenda tables: rows that give a person with organisation / title (and a talk)."""
from __future__ import annotations

import re
from dataclasses import replace
from itertools import takewhile

from pipeline.extract.affiliation import (bio_affiliations, has_title_word, says_no_organisation, split_affiliations,
                                          starts_with_org)
from pipeline.extract.knowledge import Columns, Knowledge
from pipeline.extract.names import is_person_name
from pipeline.extract.people import labelled_people, parse_person_text
from pipeline.extract.talks import CLOCK, clean_title, event_part
from pipeline.model import Affiliation, Block, Mention

BIO_COLUMN = re.compile(r"^\s*(?:嘉宾|讲师|个人|人物)?(?:简介|介绍)\s*$|^\s*(?:bio|biography|profile|about)\s*$", re.I)
GENERIC_NAME_COLUMN = re.compile(r"\s*(?:name|names|名称)\s*", re.I)  # a column of names of anything
SPEAKER_SPLIT = re.compile(r"\s*[；;]\s*|<br\s*/?>|\n")


def column(header: tuple[str, ...], pattern: re.Pattern, besides: int = -1) -> int:
    """The first column whose header matches pattern, other than column `besides`; -1 if none."""
    for k, cell in enumerate(header):
        if k != besides and pattern.search(cell):
            return k
    return -1


def cell_under(block: Block, pattern: re.Pattern, besides: int = -1) -> str:
    """The row's cell in the column whose header matches pattern (not column `besides`: a
    `讲师/公司` column is the name's, its organisation is read from the cell), or ""."""
    k = column(block.header, pattern, besides)
    return block.cells[k].strip() if 0 <= k < len(block.cells) else ""


def org_and_title(block: Block, name_col: int, know: Knowledge) -> tuple[str, str]:
    """The row's organisation and title cells; one column for both (`公司/职位`: `星河科技/架构师`)
    gives its cell to the organisation, for row_affiliations to split."""
    columns = know.columns
    org_col, title_col = column(block.header, columns.org, name_col), column(block.header, columns.title, name_col)
    org = block.cells[org_col].strip() if 0 <= org_col < len(block.cells) else ""
    title = block.cells[title_col].strip() if 0 <= title_col < len(block.cells) and title_col != org_col else ""
    return org, title


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


def table_mentions(block: Block, know: Knowledge) -> list[Mention]:
    """The speakers of one table row: a speaker column (one cell may hold several people,
    `王一（一刀），某某技术专家；李二，某某工程师`), else an agenda cell `name《talk》`."""
    if block.kind != "table_row":
        return []
    columns = know.columns
    name_col = column(block.header, columns.name)
    if name_col < 0 or name_col >= len(block.cells):
        mention = agenda_cell_mention(block, know)
        return [mention] if mention else []
    if GENERIC_NAME_COLUMN.fullmatch(block.header[name_col]) and not any(
            column(block.header, pattern, name_col) >= 0 for pattern in (*columns.of_person(), BIO_COLUMN)):
        return []  # `| Name | Description |`: names of things, unless a column says more of a person
    org, title = org_and_title(block, name_col, know)
    talk_col = column(block.header, columns.talk)
    bio = cell_under(block, BIO_COLUMN, name_col) if not (org or title) else ""
    out = []
    for col in [name_col] + [k for k in range(name_col + 1, min(len(block.header), len(block.cells)))
                             if columns.name.search(block.header[k]) and k != talk_col]:  # `| 学生 | 学校 | 导师 |`
        people = [person for text in SPEAKER_SPLIT.split(block.cells[col]) if text.strip()
                  for person in labelled_people(text, know)]  # `赵一（星河科技）、钱二（云海数据）`
        for person in people:
            affiliations = row_affiliations(org, title, know) if col == name_col and (org or title) else (
                list(person.affiliations) or (bio_affiliations(bio, know) if col == name_col else []))
            talk = cell_under(block, columns.talk) if talk_col not in (name_col, col) else ""
            talk = (clean_title(talk) if col == name_col and not event_part(talk, know) else "") or person.talk
            out.append(Mention(name=person.name, source_kind="table", line=block.line, raw=block.raw,
                               rule="table:speaker_column", confidence=0.9 if affiliations else 0.75,
                               affiliations=affiliations, talks=[talk] if talk else []))
    return out


def row_affiliations(org: str, title: str, know: Knowledge) -> list[Affiliation]:
    """The affiliation of a row's organisation and title cells; a title cell with no organisation
    cell beside it that opens with one (`北辰开源基金会 运营总监` under `职位`) gives both; an
    organisation cell that says the person has none (`个人开发者` under `单位`) gives a title."""
    if says_no_organisation(org, know):
        org, title = "", " ".join(part for part in (org, title) if part)
    if org and not title and has_title_word(org, know):
        return split_affiliations(org, know)  # a cell under `公司/职位`, or a title written in the organisation's
    if title and not org and starts_with_org(title, know):
        found = split_affiliations(title, know)
        if found and found[0].org:
            return found
    return [Affiliation(org, title)] if org or title else []


def field_words(name: str) -> list[str]:
    """`SpeakerCard` -> Speaker, Card; `guest-list` -> guest, list; `speakers` -> speakers."""
    return [w for w in re.split(r"[-_.:\s]+|(?<=[a-z])(?=[A-Z])", name.strip()) if w] or [name]


def record_block_mentions(block: Block, know: Knowledge) -> list[Mention]:
    """A record (a front-matter list's item, `speakers:` then `- name: … company: …`, or a
    component's attributes, `<SpeakerCard name=… />`) whose field or tag a speaker label names
    in one of its words (Speakers, Guest, 嘉宾): a row of a speaker table, its keys the header.
    Records of other fields or tags (`authors`, `city`, `<Bilibili>`) name nobody who spoke."""
    if block.kind != "record" or not any(know.presenter_label.fullmatch(word + "：") for word in field_words(block.text)):
        return []  # `<AuthorCard …>`: a presence label (作者, Author) names no speaker of the event
    if not block.header:  # one value, a person-text (`guests: ["王一（星河科技）"]`); a bare handle is none (`- Akagilnc`)
        return [Mention(name=person.name, source_kind="table", line=block.line, raw=block.raw, rule="table:record",
                        confidence=0.85 if person.affiliations else 0.75, affiliations=list(person.affiliations),
                        talks=[person.talk] if person.talk else [])
                for cell in block.cells for person in labelled_people(cell, know)
                if person.affiliations or is_person_name(person.name, know.lex, know.names, single_latin=False)]
    return [replace(m, rule="table:record") for m in table_mentions(replace(block, kind="table_row"), know)]


def is_label_row(block: Block, columns: Columns) -> bool:
    """Cells that are all short column labels, one of them a name column and another a talk,
    organisation, title, role or time column (`时间 | 主题 | 嘉宾`, `姓名 | 单位 | 角色`)."""
    cells = [c.strip() for c in block.cells if c.strip()]
    if len(cells) < 2 or any(len(c) > 8 for c in cells):
        return False
    return (any(columns.name.search(c) for c in cells)
            and all(columns.name.search(c) or any(p.search(c) for p in columns.of_person()) for c in cells))


def with_table_headers(blocks: tuple[Block, ...], know: Knowledge) -> list[Block]:
    """The blocks, where a table written without header cells (HTML `<td>` only) opens with a
    row of column labels: that row heads the rows after it and is no row itself. A table with
    neither gets the header its cells say (inferred_header)."""
    out: list[Block] = []
    header: tuple[str, ...] = ()
    for k, block in enumerate(blocks):
        opens = block.kind == "table_row" and (k == 0 or blocks[k - 1].kind != "table_row")
        if block.kind != "table_row":
            header = ()
        elif not block.header and not header and opens and is_label_row(block, know.columns):
            header = block.cells
            continue
        elif not any(h.strip() for h in block.header) and not header and opens:
            header = inferred_header([b for b in takewhile(lambda b: b.kind == "table_row", blocks[k:])], know)
        if not any(h.strip() for h in block.header) and header:
            block = replace(block, header=header)
        out.append(block)
    return out


def inferred_header(rows: list[Block], know: Knowledge) -> tuple[str, ...]:
    """Column labels for a table with no header (`<td>14:00</td><td>弹性调度</td><td>王一 / 星河科技</td>`):
    a column whose filled cells are mostly person-texts is the speakers' (two at least), one of
    times of day the time's, and of the others the one with most text the talk's; () unless a
    speakers' column is found."""
    width = max(len(r.cells) for r in rows)
    cells = [[r.cells[c].strip() for r in rows if c < len(r.cells) and r.cells[c].strip()] for c in range(width)]

    def people_in(column: list[str]) -> int:
        return sum(1 for text in column for person in labelled_people(text, know)[:1]
                   if is_person_name(person.name, know.lex, know.names, single_latin=False))
    counts = [people_in(column) if len(column) >= 2 else 0 for column in cells]
    speakers = max(range(width), key=lambda c: counts[c])
    if width < 2 or counts[speakers] < 2 or 2 * counts[speakers] < len(cells[speakers]):
        return ()
    header = [""] * width
    header[speakers] = know.lex.columns_name[0]
    times = [c for c in range(width) if c != speakers and cells[c] and all(CLOCK.fullmatch(t) for t in cells[c])]
    for c in times[:1]:
        header[c] = know.lex.columns_time[0]
    rest = [c for c in range(width) if not header[c] and cells[c]]
    if rest:
        header[max(rest, key=lambda c: (sum(map(len, cells[c])), -c))] = know.lex.columns_talk[0]
    return tuple(header)
