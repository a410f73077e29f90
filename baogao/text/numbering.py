"""The official numbering: numerals, heading markers and the heading grammar.

Chinese official documents number their parts by convention:

    第一部分 第一章   level 0     第一节        below them
    一、              level 1     （一） (一)   level 2
    1. 1． 1、        level 3     （1） (1) 1)  level 4     ① level 5
    1.1 (under 1.)    level 4     1.1.1         level 5

A heading either stands alone (``二、自查自评情况``) or runs into its body
(``1.推动……落实落细。规范设置……``): then the title is the first sentence and
the rest of the line is body. Each numbering style is one record in
`HEADING_RULES`. Cleaning (chrome, line breaks, the title) and the outline
both read headings through this module, so that no early stage depends on a
later one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CHINESE_DIGITS = "一二三四五六七八九十"
ARABIC_DIGITS = "0-9０-９"
"""A character class of half- and full-width digits."""
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# Full-width digits as ASCII (str.translate).
FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

# Digits, Latin letters and the percent sign printed full-width, and a
# full-width point between digits, read half-width: so the large site's
# search index (build/sections.py) and its query (baogao-search-page.js)
# match either width; the page still shows what the source printed.
_WIDE = str.maketrans(
    {
        chr(code): chr(code - 0xFEE0)
        for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B), 0xFF05)
    }
)
_WIDE_POINT = re.compile("(?<=[0-9])\uff0e(?=[0-9])")


def fold_width(text: str) -> str:
    """`text` with full-width digits, letters, points and percent signs half-width."""
    return _WIDE_POINT.sub(".", text.translate(_WIDE))


# A title longer than this is not a title but a paragraph that starts with a
# number; it is kept whole as body under a heading that shows only its number.
MAX_HEADING_TITLE_CHARS = 60
# Room for the marker where a marker and its title are measured together
# (（一） is 3 characters, 第一节 3).
MAX_MARKER_CHARS = 4
# A run-in title ends at the first sentence end.
# ASCII ? is not a sentence end here: in GB text it is a character the
# encoder lost (国务院总理?李克强).
SENTENCE_END = "。！？"


@dataclass(frozen=True)
class HeadingRule:
    """One numbering style: how its marker looks and where it nests."""

    id: str
    level: int
    """The level reported for this numbering style (一、 is 1)."""
    rank: int
    """Nesting order: a heading closes every open heading of equal or lower rank."""
    pattern: re.Pattern[str]
    """Matches the marker; group ``num`` is the number as printed."""
    chinese: bool
    """Whether the number is written in Chinese numerals."""
    inline: bool = True
    """Whether the marker may stand inside a flattened line and still start a
    heading (① is a list item there, not a heading)."""
    distinctive: bool = False
    """Whether, inside a flattened line, the marker is taken where the
    numbering expects it even without a sentence end before it: bracketed
    numbers and 一、 are; a bare 1. is not."""


_CN_NUM = rf"[{CHINESE_DIGITS}百零〇]{{1,4}}"
# What follows a decimal heading number: a space, or a character that is not
# the unit of an amount.
_AMOUNT_UNITS = "亿万千百十元角分个%％‰倍户所名项次年月日号时点岁平米公吨斤亩克升度期批辆台套家座条位册份天周篇"
_TITLE_AFTER = rf"(?:\s+|(?=[\u4e00-\u9fff])(?![{_AMOUNT_UNITS}]))"
HEADING_RULES: tuple[HeadingRule, ...] = (
    # 第一部分 / 第一章 / 第一编 above 一、; 第一节 between them and 一、.
    HeadingRule(
        "part",
        0,
        0,
        re.compile(rf"第(?P<num>{_CN_NUM}|[{ARABIC_DIGITS}]{{1,3}})(?:部分|编|章)[：:\s]*"),
        True,
        distinctive=True,
    ),
    HeadingRule(
        "section",
        0,
        1,
        re.compile(rf"第(?P<num>{_CN_NUM}|[{ARABIC_DIGITS}]{{1,3}})节[：:\s]*"),
        True,
        distinctive=True,
    ),
    HeadingRule("cn", 1, 2, re.compile(rf"(?P<num>[{CHINESE_DIGITS}]{{1,3}})[、．.]"), True, distinctive=True),
    HeadingRule(
        "cn-paren", 2, 3, re.compile(rf"[(（]\s*(?P<num>[{CHINESE_DIGITS}]{{1,3}})\s*[)）]"), True, distinctive=True
    ),
    # 1.57亿元 is an amount and 3、4、5岁 an enumeration: no digit may follow.
    HeadingRule("digit", 3, 4, re.compile(rf"(?P<num>[{ARABIC_DIGITS}]{{1,2}})[.．、](?![{ARABIC_DIGITS}])"), False),
    # Decimal numbering (1.1, 2.3.1) as levels below 1.: a unit after the
    # number makes it an amount (1.57亿元, 2.5倍), not a heading.
    HeadingRule(
        "decimal-3",
        5,
        7,
        re.compile(
            rf"(?P<num>[{ARABIC_DIGITS}]{{1,2}}(?:[.．][{ARABIC_DIGITS}]{{1,2}}){{2}})(?![.．]?[{ARABIC_DIGITS}]){_TITLE_AFTER}"
        ),
        False,
        inline=False,
    ),
    HeadingRule(
        "decimal-2",
        4,
        6,
        re.compile(
            rf"(?P<num>[{ARABIC_DIGITS}]{{1,2}}[.．][{ARABIC_DIGITS}]{{1,2}})(?![.．]?[{ARABIC_DIGITS}]){_TITLE_AFTER}"
        ),
        False,
        inline=False,
    ),
    HeadingRule(
        "digit-paren",
        4,
        8,
        re.compile(rf"[(（]\s*(?P<num>[{ARABIC_DIGITS}]{{1,2}})\s*[)）]"),
        False,
        distinctive=True,
    ),
    HeadingRule(
        "digit-half-paren", 4, 8, re.compile(rf"(?P<num>[{ARABIC_DIGITS}]{{1,2}})[)）](?![{ARABIC_DIGITS}])"), False
    ),
    HeadingRule("circled", 5, 9, re.compile(rf"(?P<num>[{CIRCLED}])"), False, inline=False),
)


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
        elif char in CHINESE_DIGITS:
            current = CHINESE_DIGITS.index(char) + 1
    return total + current


def chinese_numeral(value: int) -> str:
    """Chinese numeral for 1..99, as official documents print it."""
    if value <= 10:
        return CHINESE_DIGITS[value - 1]
    tens, ones = divmod(value, 10)
    return (CHINESE_DIGITS[tens - 1] if tens > 1 else "") + "十" + (CHINESE_DIGITS[ones - 1] if ones else "")


def number_value(number: str, rule: HeadingRule) -> int:
    """The value of a marker's number as printed in `rule`'s style."""
    if rule.chinese and not number.isdigit():
        return chinese_value(number)
    if number in CIRCLED:
        return CIRCLED.index(number) + 1
    # 2.3 is the third under 2: its value among its siblings is its last part.
    return int(re.split(r"[.．]", number.translate(FULL_WIDTH_DIGITS))[-1])


def print_like(value: int, sibling: str) -> str:
    """`value` printed in the style of the number `sibling` (二 → 三, ② → ③)."""
    if sibling and sibling[0] in CHINESE_DIGITS:
        return chinese_numeral(value)
    if sibling and sibling[0] in CIRCLED:
        return CIRCLED[value - 1]
    parent = re.match(r"^(.*[.．])[0-9０-９]+$", sibling)
    return (parent.group(1) if parent else "") + str(value)


def split_title(rest: str) -> tuple[str, str, str]:
    """Split what follows a marker into (title, its end punctuation, body)."""
    for index, char in enumerate(rest[: MAX_HEADING_TITLE_CHARS + 1]):
        if char in SENTENCE_END:
            return rest[:index], char, rest[index + 1 :].strip()
    if len(rest) <= MAX_HEADING_TITLE_CHARS:
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
