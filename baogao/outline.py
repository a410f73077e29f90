"""Stage 3, outline: the official numbering as a tree, and its gaps.

Chinese official documents number their parts by convention:

    一、      level 1     （一） (一)   level 2
    1. 1． 1、 level 3     （1） (1)     level 4     ① level 5

A heading either stands alone (``二、自查自评情况``) or runs into its body
(``1.推动……落实落细。规范设置……``): then the title is the first sentence and
the rest of the line is body. Each rule is one entry in `HEADING_RULES`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Gap, Line, Outline, Section, Span

_CN = "一二三四五六七八九十"
_DIGITS = "0-9０-９"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@dataclass(frozen=True)
class HeadingRule:
    name: str
    level: int
    """The level reported for this numbering style (一、 is 1)."""
    rank: int
    """Nesting order: a heading closes every open heading of equal or lower rank."""
    pattern: re.Pattern[str]
    """Matches the marker; group ``num`` is the number as printed."""
    chinese: bool
    """Whether the number is written in Chinese numerals."""


_CN_NUM = rf"[{_CN}百零〇]{{1,4}}"
HEADING_RULES: tuple[HeadingRule, ...] = (
    # 第一部分 / 第一章 / 第一编 above 一、; 第一节 between them and 一、.
    HeadingRule("part", 0, 0, re.compile(rf"第(?P<num>{_CN_NUM}|[{_DIGITS}]{{1,3}})(?:部分|编|章)[：:\s]*"), True),
    HeadingRule("section", 0, 1, re.compile(rf"第(?P<num>{_CN_NUM}|[{_DIGITS}]{{1,3}})节[：:\s]*"), True),
    HeadingRule("cn", 1, 2, re.compile(rf"(?P<num>[{_CN}]{{1,3}})[、．.]"), True),
    HeadingRule("cn-paren", 2, 3, re.compile(rf"[(（]\s*(?P<num>[{_CN}]{{1,3}})\s*[)）]"), True),
    # 1.57亿元 is an amount and 3、4、5岁 an enumeration: no digit may follow.
    HeadingRule("digit", 3, 4, re.compile(rf"(?P<num>[{_DIGITS}]{{1,2}})[.．、](?![{_DIGITS}])"), False),
    HeadingRule("digit-paren", 4, 5, re.compile(rf"[(（]\s*(?P<num>[{_DIGITS}]{{1,2}})\s*[)）]"), False),
    HeadingRule("digit-half-paren", 4, 5, re.compile(rf"(?P<num>[{_DIGITS}]{{1,2}})[)）](?![{_DIGITS}])"), False),
    HeadingRule("circled", 5, 6, re.compile(rf"(?P<num>[{_CIRCLED}])"), False),
)
# The end matter of a report, taken as one unnumbered top-level section.
APPENDIX = HeadingRule("appendix", 0, 0, re.compile(r"(?!)"), False)
# A line naming the end matter (notes, glossary, annexes): what follows is an
# appendix, whose numbered lines are entries, not headings of the report.
END_MATTER = re.compile(rf"(注释|附注|注|名词解释|附件\s*[{_DIGITS}]*|附录)\s*[：:]?")

# A run-in title ends at the first sentence end.
# ASCII ? is not a sentence end here: in GB text it is a character the
# encoder lost (国务院总理?李克强).
_SENTENCE_END = "。！？"
# A title longer than this is not a title but a paragraph that starts with a
# number; it is kept whole as body under a heading that shows only its number.
MAX_TITLE_CHARS = 60


@dataclass(frozen=True)
class Heading:
    """A heading line split into its parts."""

    rule: HeadingRule
    number: str
    marker: str
    title: str
    title_end: str
    rest: str


def chinese_value(numeral: str) -> int:
    """Value of a Chinese numeral (十一 is 11, 二十 is 20, 一百零五 is 105)."""
    total = current = 0
    for char in numeral:
        if char == "十":
            total, current = total + (current or 1) * 10, 0
        elif char == "百":
            total, current = total + (current or 1) * 100, 0
        elif char in _CN:
            current = _CN.index(char) + 1
    return total + current


def chinese_numeral(value: int) -> str:
    """Chinese numeral for 1..99, as official documents print it."""
    if value <= 10:
        return _CN[value - 1]
    tens, ones = divmod(value, 10)
    return (_CN[tens - 1] if tens > 1 else "") + "十" + (_CN[ones - 1] if ones else "")


def number_value(number: str, rule: HeadingRule) -> int:
    if rule.chinese and not number.isdigit():
        return chinese_value(number)
    if number in _CIRCLED:
        return _CIRCLED.index(number) + 1
    return int(number.translate(str.maketrans("０１２３４５６７８９", "0123456789")))


def split_title(rest: str) -> tuple[str, str, str]:
    """Split what follows a marker into (title, its end punctuation, body)."""
    for index, char in enumerate(rest[: MAX_TITLE_CHARS + 1]):
        if char in _SENTENCE_END:
            return rest[:index], char, rest[index + 1 :].strip()
    if len(rest) <= MAX_TITLE_CHARS:
        return rest, "", ""
    return "", "", rest


def parse_heading(text: str) -> Heading | None:
    """The heading at the start of `text`, or None."""
    for rule in HEADING_RULES:
        match = rule.pattern.match(text)
        if match:
            rest = text[match.end() :].strip()
            title, end, body = split_title(rest)
            return Heading(rule, match["num"], text[: match.end()], title, end, body)
    return None


def is_heading(text: str) -> bool:
    return parse_heading(text) is not None


@dataclass
class _Open:
    """A section being built: mutable only inside `build_outline`."""

    heading: Heading
    line: int
    body: list[Line]
    children: list[Section]
    last_line: int


def _close(node: _Open) -> Section:
    heading = node.heading
    return Section(
        number=heading.number,
        marker=heading.marker,
        title=heading.title,
        title_end=heading.title_end,
        level=heading.rule.level,
        ordinal=number_value(heading.number, heading.rule) if heading.number else 0,
        body=tuple(node.body),
        span=Span(node.line, node.last_line),
        children=tuple(node.children),
    )


def build_outline(lines: tuple[Line, ...]) -> Outline:
    """Nest headings by rank; text before the first heading is the preface.

    A line naming the end matter (注释：) after the last section starts an
    appendix: its numbered lines are glossary entries, not headings.
    """
    preface: list[Line] = []
    roots: list[Section] = []
    stack: list[_Open] = []

    def close_top() -> None:
        section = _close(stack.pop())
        (stack[-1].children if stack else roots).append(section)
        if stack:
            stack[-1].last_line = max(stack[-1].last_line, section.span.end)

    in_appendix = False
    for line in lines:
        heading = None if in_appendix else parse_heading(line.text)
        if heading is None and not in_appendix and (stack or roots) and END_MATTER.fullmatch(line.text):
            in_appendix = True
            heading = Heading(APPENDIX, "", "", line.text.rstrip("：:"), line.text[len(line.text.rstrip("：:")) :], "")
        if heading is None:
            if stack:
                stack[-1].body.append(line)
                stack[-1].last_line = line.number
            else:
                preface.append(line)
            continue
        while stack and stack[-1].heading.rule.rank >= heading.rule.rank:
            close_top()
        # The body of a run-in heading is the end of its line.
        column = line.column + len(line.text) - len(heading.rest)
        body = [Line(line.number, heading.rest, column)] if heading.rest else []
        stack.append(_Open(heading, line.number, body, [], line.number))
    while stack:
        close_top()
    sections = tuple(roots)
    return Outline(tuple(preface), sections, tuple(find_gaps(sections)))


def find_gaps(sections: tuple[Section, ...], parent: str = "") -> list[Gap]:
    """Numbers missing between siblings of the same level (1, 2, 4 lacks 3)."""
    gaps: list[Gap] = []
    previous: dict[int, Section] = {}
    for section in sections:
        if not section.ordinal:  # an appendix has no number
            continue
        before = previous.get(section.level)
        start = before.ordinal if before else 0
        # A number lower than the last one starts a new list: not a gap.
        if section.ordinal > start + 1:
            for missing in range(start + 1, section.ordinal):
                gaps.append(
                    Gap(
                        parent=parent,
                        level=section.level,
                        missing=_print_like(missing, section),
                        after=before.number if before else "",
                        before=section.number,
                        line=section.span.start,
                    )
                )
        previous[section.level] = section
        path = f"{parent}/{section.number}" if parent else section.number
        gaps.extend(find_gaps(section.children, path))
    return gaps


def _print_like(value: int, sibling: Section) -> str:
    if sibling.number and sibling.number[0] in _CN:
        return chinese_numeral(value)
    if sibling.number and sibling.number[0] in _CIRCLED:
        return _CIRCLED[value - 1]
    return str(value)


def walk(sections: tuple[Section, ...]) -> list[Section]:
    """Every section, depth first, in reading order."""
    found: list[Section] = []
    for section in sections:
        found.append(section)
        found.extend(walk(section.children))
    return found
