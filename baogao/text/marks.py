"""Marks: the places where the source hid text.

A mark is never deleted. It stays in the text, is recorded with its position,
and `render.escape.render_inline` styles it so a reader sees where the source
hid something. Each kind is one `MarkRule` record (its id is the mark's kind,
with its pattern and behaviour), so a new kind is one more entry in
`MARK_RULES`; `render.labels.MARK_LABELS` says each kind in Chinese.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Line, Mark


@dataclass(frozen=True)
class MarkRule:
    """How to find one kind of mark."""

    id: str
    """The kind of mark it finds (`Mark.kind`)."""
    pattern: re.Pattern[str]
    counts_chars: bool
    """Whether the mark stands for as many characters as it has (``***`` is
    3); otherwise for an unknown stretch of text (1)."""
    takes_ellipses: bool = False
    """Whether ellipses just before and after it are part of it."""
    not_after: re.Pattern[str] | None = None
    """No mark where the text just before it matches this (searched in the
    `LOOK_BACK` characters before the match)."""


LOOK_BACK = 8
# A preview cut off with a notice that is not in brackets: 预览结束, 还剩3页未读.
PREVIEW_ENDS = re.compile(
    r"(?:预览已?结束|試讀結束|试读结束|(?:剩余|还剩|還剩)\s*\d+\s*页(?:未读)?|未完待续|未完，?待续|全文未完"
    r"|(?:点击|點擊)?(?:查看|阅读|閱讀|展开|展開)全文)"
)
# A question ends with ? as well: …怎么写? is not a character the encoder lost.
_QUESTION = re.compile(
    r"(吗|呢|么|嗎|麼|怎么|怎麼|如何|什么|什麼|为何|為何|为什么|為什麼|哪|谁|誰|是否|多少|几|幾)"
    r"[^，。,；;？?！!]{0,4}$"
)


MARK_RULES: tuple[MarkRule, ...] = (
    # A notice that the page shows only part of the text. First, because it
    # holds brackets and 省略 that the other rules would take for themselves.
    MarkRule(
        "cutoff",
        re.compile(
            r"[(（【\[][^()（）【】\[\]\n]{0,30}?"
            r"(?:省略\d*字|未完|全文共\d+字|当前显示\d+字|内容被隐藏|隐藏了|下载APP|正式会员|完整阅读|完整内容)"
            rf"[^()（）【】\[\]\n]{{0,40}}[)）】\]]|{PREVIEW_ENDS.pattern}"
        ),
        counts_chars=False,
        takes_ellipses=True,
    ),
    # (略) / （略）: the publisher cut text here.
    MarkRule("redaction", re.compile(r"[(（]\s*略\s*[)）]"), counts_chars=False),
    # A run of asterisks standing for masked characters or digits (队*建设).
    MarkRule("mask", re.compile(r"[*＊]+"), counts_chars=True),
    # Template placeholders never filled in: 20xx年, XX县, ××学校, ____.
    MarkRule(
        "placeholder",
        # A single x stands for one hidden character or digit where a name,
        # a number or a date would be (区x届, x次, X区, x.6亿元), never beside
        # Latin letters or digits (x86, 3x4, X光 is a word).
        re.compile(
            r"[xX](?<![A-Za-z][xX])[xX]+(?![A-Za-z])|[×ｘＸ]{2,}|_{2,}|＿{2,}|○{2,}"
            r"|[xX×ｘＸ](?<![A-Za-z0-9][xX×ｘＸ])(?![A-Za-z0-9光射线]|\s)(?=[\u3400-\u9fff.．])"
        ),
        counts_chars=True,
    ),
    # An ASCII ? between Chinese characters is one the encoder could not
    # represent (国务院总理?李克强). Patterns start with a character, not a
    # lookbehind, so the scan does not test every position.
    MarkRule(
        "lost",
        re.compile(r"\?(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]\?)\?*"),
        counts_chars=True,
        not_after=_QUESTION,
    ),
)

# Every mark starts with one of these characters: scanning for them first and
# trying the rules only there is several times faster than one alternation.
_FIRST = re.compile(r"[(（【\[*＊xX×ｘＸ_＿○?]")
# …and a preview's notice out of brackets with one of these: looked for only
# in a line that holds such a notice, for they are common characters.
_FIRST_WITH_NOTICES = re.compile(r"[(（【\[*＊xX×ｘＸ_＿○?预试試剩还還未全点點查阅閱展]")
_BY_KIND = {rule.id: rule for rule in MARK_RULES}


def iter_marks(text: str, rules: tuple[MarkRule, ...] = MARK_RULES) -> Iterator[tuple[str, int, int]]:
    """Yield (kind, start, end) for every mark in `text`, left to right."""
    position = 0
    starts = _FIRST_WITH_NOTICES if PREVIEW_ENDS.search(text) else _FIRST
    while (first := starts.search(text, position)) is not None:
        position = first.start() + 1
        for rule in rules:
            match = rule.pattern.match(text, first.start())
            if match is None:
                continue
            if rule.not_after and rule.not_after.search(text[max(0, match.start() - LOOK_BACK) : match.start()]):
                continue
            start, end = match.start(), match.end()
            if rule.takes_ellipses:
                # The ellipses around a cut-off notice are part of it. Found
                # here rather than in the pattern: an optional prefix would
                # make the scan try a match at every character.
                while start and text[start - 1] in "….":
                    start -= 1
                while end < len(text) and text[end] in "….":
                    end += 1
            yield rule.id, start, end
            position = end
            break


def find_marks(lines: tuple[Line, ...]) -> tuple[Mark, ...]:
    """Record every mark in `lines` with its source position."""
    found = []
    for line in lines:
        for kind, start, end in iter_marks(line.text):
            text = line.text[start:end]
            count = end - start if _BY_KIND[kind].counts_chars else 1
            found.append(Mark(kind, text, count, line.number, line.column + start))
    return tuple(found)


def count_marks(text: str) -> int:
    """Number of marks in `text`; fewer marks means a more complete copy."""
    return sum(1 for _ in iter_marks(text))
