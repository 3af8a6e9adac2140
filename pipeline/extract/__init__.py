"""Extract stage: people, affiliations, member lines and talks of one parsed post.

One module per concern: `captions` (bold/centred/photo captions, guest lists, headings),
`tables` (speaker and agenda tables), `members` (member lists), `prose` (speakers introduced
in running text), `talks` (tying talk titles to people). `people` and `affiliation` read a
short text naming one person; `names` validates names; `gazetteer` learns organisations
from the whole run before any post is extracted.
"""
from __future__ import annotations

from collections import Counter

from pipeline.extract.captions import (SENTENCE_END, caption_mentions, guest_list_mentions, introduces_people,
                                      is_bare_label, is_caption_candidate, listed_speaker_mentions, title_line, titled)
from pipeline.extract.knowledge import Knowledge
from pipeline.extract.members import member_lines, split_role
from pipeline.extract.prose import prose_mentions
from pipeline.extract.sections import name_caption_lines, pseudo_heading_talks, section_mentions
from pipeline.extract.tables import record_block_mentions, table_mentions, with_table_headers
from pipeline.extract.talks import heading_talks, tie_talks
from pipeline.model import Affiliation, Extraction, Mention, Post


def extract_post(post: Post, know: Knowledge) -> Extraction:
    mentions: list[Mention] = []
    used_lines: set[int] = set()
    blocks = with_table_headers(post.blocks, know)  # every reader sees a table's label row as its header
    members = member_lines(blocks, know)
    member_line_numbers = {m.line for m, _ in members}
    under_label = lines_listed = False
    title_above = ""  # `**新晋 Committer**` over a list: the title of the people it lists
    for block, following in zip(blocks, [*blocks[1:], None]):
        # the items of a list under a bare label, or the paragraphs right under it that each name someone
        # (`**分享嘉宾**` then `王一 星河科技…`; `团队成员：` then a line per member)
        listed = under_label and (block.kind == "list_item" or (block.kind == "paragraph" and lines_listed
                                                                and short_line(block))) \
            and not know.role_copula.search(block.text)  # `本届出品人为星河科技 CTO 王一。`: a sentence, prose's
        label = is_bare_label(block, know) or introduces_people(block, know)
        if label:
            lines_listed = not know.bio_label.match(block.text)  # a bio's label heads a bio, not lines of names
        title_above = title_above if block.kind == "list_item" else title_line(block, know)
        if block.line in member_line_numbers:
            under_label = label
            continue
        found: list[Mention] = []
        if block.kind == "table_row":
            found = table_mentions(block, know)
        elif block.kind == "record":
            found = record_block_mentions(block, know)
        elif block.kind in ("paragraph", "list_item", "alt_text"):
            found = guest_list_mentions(block, know)
        if not found and listed and block.kind == "list_item":
            found = listed_speaker_mentions(block, know)
        if not found and is_caption_candidate(block, know):
            found = caption_mentions(block, know, following)
        if not found and listed and block.kind == "paragraph":
            found = listed_speaker_mentions(block, know)
        under_label = label or (listed and (block.kind == "list_item" or bool(found)))
        if title_above and block.kind == "list_item":
            for mention in found:
                mention.affiliations = titled(mention.affiliations, Affiliation("", title_above))
        if found:
            mentions.extend(found)
            used_lines.add(block.line)
    pseudo_heading_talks(mentions, post.blocks, know)
    name_caption_lines(mentions, post.blocks, know)
    located = [m for m in section_mentions(post, know) if m.line not in member_line_numbers]  # a member line is no caption
    mentions.extend(located)
    used_lines.update(m.line for m in located)
    prose_blocks = [b for b in post.blocks if b.line not in used_lines and b.line not in member_line_numbers
                    and not split_role(b.text, know)[0]]
    prose = prose_mentions(prose_blocks, know)
    fill_affiliations_from_prose(mentions, prose)
    all_mentions = mentions + prose
    tie_talks(all_mentions, post.blocks, know)
    heading_talks(all_mentions, post.blocks, know)
    return Extraction(post=post, mentions=all_mentions, members=[m for m, _ in members],
                      member_affiliations=one_member_lines(members))


def short_line(block: Block) -> bool:
    """A paragraph as short as a person-text and no sentence: a line of a list written without marks."""
    return len(block.text) <= 60 and not SENTENCE_END.search(block.text.rstrip("。"))


def one_member_lines(members) -> dict:
    """All affiliations of each line that names one member; a line of several keeps each one's first."""
    lines = Counter(m.line for m, _ in members)
    return {m.line: affs for m, affs in members if lines[m.line] == 1}


def fill_affiliations_from_prose(structured: list[Mention], prose: list[Mention]) -> None:
    """A caption that gives only a name (`01-胡正策《开场致辞》`) takes the affiliations of the
    nearest sentence that introduces the same person."""
    for mention in structured:
        if mention.affiliations:
            continue
        same = [p for p in prose if p.name == mention.name and p.affiliations]
        if same:
            nearest = min(same, key=lambda p: (abs(p.line - mention.line), p.line))
            mention.affiliations = list(nearest.affiliations)
