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


@pytest.mark.parametrize(
    ("text", "origin", "said"),
    [
        ("某县教育工作报告\n" + "这是一段足够长的正文，说明全县教育工作的进展和成效。" * 3, "printed", ""),
        (
            "各位代表：\n现在，我代表县人民法院向大会报告工作，请予审议，并请各位委员提出意见。\n"
            + "一年来，全县法院依法履行审判职能，各项工作取得新进展，审判质效稳步提升。" * 2,
            "derived",
            "原页面未印标题：本标题据正文开头拟定",
        ),
        (
            "这是一段足够长的正文，说明全县教育工作的进展和成效，没有标题。" * 3,
            "file-name",
            "原页面未印标题：本标题取自文件名",
        ),
    ],
)
def test_a_reader_is_told_where_a_title_not_printed_comes_from(text: str, origin: str, said: str) -> None:
    from baogao.render.data import report_data
    from baogao.render.environment import make_environment
    from baogao.render.pages import page_refs, render_report
    from baogao.text.report import process

    from .conftest import ROOT

    report = process(_source(text), "r")
    assert report.title_origin == origin
    assert report_data(report, page_refs(report))["title_origin"] == origin
    overview = render_report(report, make_environment(ROOT / "templates"))["r/index.md"]
    assert (said in overview) if said else ("原页面未印标题" not in overview)
