"""Stage 2, clean: chrome, title, repeated blocks and marks."""

from __future__ import annotations

from collections import Counter

import pytest

from baogao.model import SourceText
from baogao.text.clean import clean
from baogao.text.decode import normalize_text

from .conftest import fixture_params
from .dumps import dump_clean


def _source(text: str) -> SourceText:
    return SourceText("fixture.txt", normalize_text(text), "utf-8", "0" * 64)


@pytest.mark.parametrize(("given", "expected"), fixture_params("clean.txt"))
def test_clean_fixture(given: str, expected: str) -> None:
    assert dump_clean(clean(_source(given))) == expected


def accounted_for(text: str) -> Counter[str]:
    """Characters of `text` that cleaning kept, removed or took as the title."""
    cleaned = clean(_source(text))
    parts = [cleaned.title, *(line.text for line in cleaned.lines), *(r.text for r in cleaned.removed)]
    return Counter("".join("".join(parts).split()))


def test_every_character_is_kept_or_recorded_as_removed() -> None:
    text = "某县教育工作报告\n内容\n一、情况\n" + "这是一段足够长的正文，用来构成重复的整块内容。" * 4 + "\n收藏\n"
    doubled = text + "\n" + text
    assert accounted_for(doubled) == Counter("".join(doubled.split()))
    assert {r.kind for r in clean(_source(doubled)).removed} == {"chrome", "title", "duplicate"}
