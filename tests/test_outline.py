"""Stage 3, outline: fixture cases, numeral helpers and the example's outline."""

from __future__ import annotations

import pytest

from baogao.model import Line
from baogao.text.numbering import chinese_numeral, chinese_value, parse_heading
from baogao.text.outline import build_outline

from .conftest import fixture_params
from .dumps import dump_outline


def _lines(text: str) -> tuple[Line, ...]:
    return tuple(Line(number, line) for number, line in enumerate(text.split("\n"), 1) if line.strip())


@pytest.mark.parametrize(("given", "expected"), fixture_params("outline.txt"))
def test_outline_fixture(given: str, expected: str) -> None:
    assert dump_outline(build_outline(_lines(given))) == expected


@pytest.mark.parametrize("value", range(1, 100))
def test_chinese_numerals_round_trip(value: int) -> None:
    assert chinese_value(chinese_numeral(value)) == value


@pytest.mark.parametrize(
    "text",
    ["2023年，全市投入", "1.57亿元", "一是资源配置再优化", "99.68%的学校", "各位代表："],
)
def test_look_alikes_are_not_headings(text: str) -> None:
    assert parse_heading(text) is None


def test_section_spans_cover_their_children() -> None:
    outline = build_outline(_lines("一、甲\n正文\n（一）乙\n1.丙。丁\n二、戊"))
    first = outline.sections[0]
    assert (first.span.start, first.span.end) == (1, 4)
    assert [line.text for line in first.children[0].children[0].body] == ["丁"]
