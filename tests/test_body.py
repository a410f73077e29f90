"""The report's body among the page (issue 12): pages written here in the
shapes real sites print, and the real pages of ../shared/pages/ against
hand labels (`tests/bodies.py`)."""

from __future__ import annotations

import pytest

from baogao.model import SourceText
from baogao.text.body import Kind, line_kind
from baogao.text.clean import clean
from baogao.text.decode import normalize_text

from .bodies import SHARED, measure_all, summarise
from .conftest import fixture_params
from .dumps import dump_clean


@pytest.mark.parametrize(("given", "expected"), fixture_params("body.txt"))
def test_body_fixture(given: str, expected: str) -> None:
    cleaned = clean(SourceText("fixture.txt", normalize_text(given), "utf-8", "0" * 64))
    assert dump_clean(cleaned) == expected


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("全县共有义务教育学校36所，在校学生2.1万人。", Kind.PROSE),
        ("特此报告。", Kind.PROSE),
        ("二、存在问题", Kind.HEADING),
        ("——2024年3月5日在某县第十八届人民代表大会第三次会议上", Kind.FRAME),
        ("县长 李四", Kind.FRAME),
        ("市长 ***", Kind.FRAME),  # a speaker whose name the page masks
        ("市人大常委会：", Kind.FRAME),  # a report addressed to a body
        ("某县人民政府教育督导室：", Kind.FRAME),
        ("存在的问题和不足之处：", Kind.SHORT),
        ("各位代表：", Kind.FRAME),
        ("2025年3月1日", Kind.FRAME),
        ("发布时间：2025-03-02 10:15", Kind.CHROME),
        ("來源：某某日報", Kind.CHROME),
        ("分享到 微信 微博", Kind.CHROME),
        ("以下是小编为大家整理的工作总结，仅供参考。", Kind.CHROME),
        ("首页 > 政务公开 > 计划总结", Kind.CHROME),
        ("• 约 9页", Kind.CHROME),
        ("序号 |", Kind.SHORT),
        ("某县教育局2024年工作要点", Kind.SHORT),
    ],
)
def test_what_a_line_reads_as(line: str, kind: Kind) -> None:
    assert line_kind(line) is kind


def test_real_pages_against_their_labels() -> None:
    """Development floors, so that a change that makes cleaning worse on real
    pages fails; `python3 bench/clean_quality.py` prints the figures. The
    issue's goal (95% of titles, at most 2% of chrome left, no body line
    lost) is not met yet."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent (it exists beside the project in CI, not in a user's clone)")
    found = measure_all()
    dev, held = summarise(found["dev"]), summarise(found["held"])
    assert dev.title_right >= 0.97 and dev.chrome_left <= 0.08 and dev.body_lost == 0, dev
    assert held.title_right >= 0.99 and held.chrome_left <= 0.06 and held.body_lost == 0, held
