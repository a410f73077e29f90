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
    # (略) / （略）: the publisher cut text here.
    MarkRule("redaction", re.compile(r"[(（]\s*略\s*[)）]"), "原文此处有删略"),
    # A run of asterisks standing for masked characters or digits (队*建设).
    MarkRule("mask", re.compile(r"[*＊]+"), "原文此处有字符被遮盖"),
)

_COMBINED = re.compile("|".join(f"(?P<{rule.kind}>{rule.pattern.pattern})" for rule in MARK_RULES))
LABELS = {rule.kind: rule.label for rule in MARK_RULES}


def iter_marks(text: str) -> Iterator[tuple[str, int, int]]:
    """Yield (kind, start, end) for every mark in `text`, left to right."""
    for match in _COMBINED.finditer(text):
        kind = match.lastgroup
        assert kind is not None
        yield kind, match.start(), match.end()


def find_marks(lines: tuple[Line, ...]) -> tuple[Mark, ...]:
    """Record every mark in `lines` with its source position."""
    found = []
    for line in lines:
        for kind, start, end in iter_marks(line.text):
            text = line.text[start:end]
            count = end - start if kind == "mask" else 1
            found.append(Mark(kind, text, count, line.number, line.column + start))
    return tuple(found)


def count_marks(text: str) -> int:
    """Number of marks in `text`; fewer marks means a more complete copy."""
    return sum(1 for _ in iter_marks(text))
