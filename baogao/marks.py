"""Marks: the places where the source hid text.

A mark is never deleted. It stays in the text, is recorded with its position,
and `escape.render_inline` styles it so a reader sees where the source hid
something. Each kind is one named rule (pattern and label), so a new kind is
one more entry in `MARK_RULES`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .model import Line, Mark


@dataclass(frozen=True)
class MarkRule:
    """How to find one kind of mark and how to tell a reader about it."""

    kind: str
    pattern: re.Pattern[str]
    label: str
    """Tooltip shown on the page (Chinese, user-visible)."""


MARK_RULES: tuple[MarkRule, ...] = (
    # A notice that the page shows only part of the text. First, because it
    # holds brackets and 省略 that the other rules would take for themselves.
    MarkRule(
        "cutoff",
        re.compile(
            r"[(（【\[][^()（）【】\[\]\n]{0,30}?"
            r"(?:省略\d*字|未完|全文共\d+字|当前显示\d+字|内容被隐藏|隐藏了|下载APP|正式会员|完整阅读|完整内容)"
            r"[^()（）【】\[\]\n]{0,40}[)）】\]]"
        ),
        "原文此处被截断，未显示全文",
    ),
    # (略) / （略）: the publisher cut text here.
    MarkRule("redaction", re.compile(r"[(（]\s*略\s*[)）]"), "原文此处有删略"),
    # A run of asterisks standing for masked characters or digits (队*建设).
    MarkRule("mask", re.compile(r"[*＊]+"), "原文此处有字符被遮盖"),
    # Template placeholders never filled in: 20xx年, XX县, ××学校, ____.
    MarkRule(
        "placeholder",
        re.compile(r"[xX](?<![A-Za-z][xX])[xX]+(?![A-Za-z])|[×ｘＸ]{2,}|_{2,}|＿{2,}|○{2,}"),
        "原文此处是未填写的占位符",
    ),
    # An ASCII ? between Chinese characters is one the encoder could not
    # represent (国务院总理?李克强). Patterns start with a character, not a
    # lookbehind, so the scan does not test every position.
    MarkRule("lost", re.compile(r"\?(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]\?)\?*"), "原文此处有无法显示的字符"),
)

# Every mark starts with one of these characters: scanning for them first and
# trying the rules only there is several times faster than one alternation.
_FIRST = re.compile(r"[(（【\[*＊xX×ｘＸ_＿○?]")
LABELS = {rule.kind: rule.label for rule in MARK_RULES}


def iter_marks(text: str) -> Iterator[tuple[str, int, int]]:
    """Yield (kind, start, end) for every mark in `text`, left to right."""
    position = 0
    while (first := _FIRST.search(text, position)) is not None:
        position = first.start() + 1
        for rule in MARK_RULES:
            match = rule.pattern.match(text, first.start())
            if match is None:
                continue
            start, end = match.start(), match.end()
            if rule.kind == "cutoff":
                # The ellipses around a cut-off notice are part of it. Found
                # here rather than in the pattern: an optional prefix would
                # make the scan try a match at every character.
                while start and text[start - 1] in "….":
                    start -= 1
                while end < len(text) and text[end] in "….":
                    end += 1
            yield rule.kind, start, end
            position = end
            break


def find_marks(lines: tuple[Line, ...]) -> tuple[Mark, ...]:
    """Record every mark in `lines` with its source position."""
    found = []
    for line in lines:
        for kind, start, end in iter_marks(line.text):
            text = line.text[start:end]
            count = end - start if kind in ("mask", "placeholder", "lost") else 1
            found.append(Mark(kind, text, count, line.number, line.column + start))
    return tuple(found)


def count_marks(text: str) -> int:
    """Number of marks in `text`; fewer marks means a more complete copy."""
    return sum(1 for _ in iter_marks(text))
