"""Stage 3, outline: the official numbering as a tree, and its gaps.

Headings are read by `numbering.parse_heading` (the grammar of 一、 （一） 1.
（1） ①); this stage nests them by rank, puts text before the first heading
into the preface, takes the end matter (注释：) as an appendix, and finds the
numbers missing between siblings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Gap, Line, Outline, Section, Span
from .numbering import ARABIC_DIGITS, Heading, HeadingRule, number_value, parse_heading, print_like

# The end matter of a report, taken as one unnumbered top-level section.
APPENDIX = HeadingRule("appendix", 0, 0, re.compile(r"(?!)"), False, inline=False)
# A line naming the end matter (notes, glossary, annexes): what follows is an
# appendix, whose numbered lines are entries, not headings of the report.
END_MATTER = re.compile(rf"(注释|附注|注|名词解释|附件\s*[{ARABIC_DIGITS}]*|附录)\s*[：:]?")


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
                        missing=print_like(missing, section.number),
                        after=before.number if before else "",
                        before=section.number,
                        line=section.span.start,
                    )
                )
        previous[section.level] = section
        path = f"{parent}/{section.number}" if parent else section.number
        gaps.extend(find_gaps(section.children, path))
    return gaps


def walk(sections: tuple[Section, ...]) -> list[Section]:
    """Every section, depth first, in reading order."""
    found: list[Section] = []
    for section in sections:
        found.append(section)
        found.extend(walk(section.children))
    return found


def heading_text(section: Section) -> str:
    """The heading as printed: marker, title and the punctuation ending it."""
    return f"{section.marker}{section.title}{section.title_end}"
