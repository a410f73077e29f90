"""Body text as Markdown blocks: paragraphs, and the lists hidden in them.

Official reports enumerate inside a paragraph (``…主要做法：一是…；二是…``) or
with lead lines (``——经济平稳较快发展。…``). These are not headings; they
belong to their paragraph and read best as a list. Only the rendering
changes: every character stays, in order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .escape import render_paragraph

_LEAD = re.compile(r"(?:(?<=[。；;：:，,])|^)\s*(?=([一二三四五六七八九十]{1,3})是)")
_DASH_LEAD = "——"


def _numeral(text: str) -> int:
    return "一二三四五六七八九十".index(text) + 1 if len(text) == 1 else 0


def split_enumeration(text: str) -> tuple[str, list[str]]:
    """Split ``intro一是…二是…`` into the intro and its items, if it has 2+."""
    starts = []
    expected = 1
    for match in _LEAD.finditer(text):
        if _numeral(match.group(1)) == expected:
            starts.append(match.end())
            expected += 1
    if len(starts) < 2:
        return text, []
    bounds = [*starts, len(text)]
    items = [text[start:end].strip() for start, end in zip(bounds, bounds[1:], strict=False)]
    return text[: starts[0]].strip(), items


def _list(items: Iterable[str]) -> str:
    return "\n".join(f"- {render_paragraph(item)}" for item in items)


def render_blocks(lines: Iterable[str]) -> str:
    """Markdown for a run of body lines, blank-line separated."""
    blocks: list[str] = []
    dashes: list[str] = []
    for text in lines:
        if text.startswith(_DASH_LEAD):
            dashes.append(text)
            continue
        if dashes:
            blocks.append(_list(dashes))
            dashes = []
        intro, items = split_enumeration(text)
        if intro:
            blocks.append(render_paragraph(intro))
        if items:
            blocks.append(_list(items))
    if dashes:
        blocks.append(_list(dashes))
    return "\n\n".join(blocks)
