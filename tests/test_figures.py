"""Stage 4, figures: values, units, what they count; every number accounted for."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from baogao.build.sources import read_source
from baogao.model import Report, SourceText
from baogao.render.data import COLUMNS
from baogao.render.labels import SKIP_REASONS
from baogao.text.figures import sentence_figures
from baogao.text.report import process

from .conftest import SAMPLE, SLUG, run_build
from .dumps import report_pieces

# The example's basic-facts paragraph, read by hand: (group, what, value, unit).
BASIC_FACTS = [
    ("", "各级各类学校(园)", 500, "所"),
    ("各级各类学校(园)", "教学点", 150, "个"),
    ("各级各类学校(园)", "在校(园)学生(幼儿)", None, "人"),
    ("各级各类学校(园)", "教职工", 16510, "人"),
    ("", "幼儿园", 321, "所"),
    ("幼儿园", "在园幼儿", 40195, "人"),
    ("幼儿园", "教职工", 4170, "人"),
    ("", "小学", 127, "所"),
    ("小学", "在校生", 72298, "人"),
    ("小学", "教职工", 5981, "人"),
    ("", "初中", 32, "所"),
    ("初中", "在校生", 38049, "人"),
    ("初中", "教职工", 3126, "人"),
    ("", "普通高中", 9, "所"),
    ("普通高中", "省级示范性高中", 6, "所"),
    ("普通高中", "在校生", 22516, "人"),
    ("普通高中", "教职工", 2137, "人"),
    ("", "中等职业学校", 9, "所"),
    ("中等职业学校", "在校生", 12576, "人"),
    ("中等职业学校", "教职工", 885, "人"),
    ("", "高等职业学校", 1, "所"),
    ("高等职业学校", "在校生", 3301, "人"),
    ("高等职业学校", "教职工", 151, "人"),
    ("", "开放大学", 1, "所"),
    ("开放大学", "教职工", 26, "人"),
    ("", "特殊教育学校", 1, "所"),
    ("特殊教育学校", "在校生", 191, "人"),
    ("特殊教育学校", "教职工", 60, "人"),
    ("", "校外培训机构", 253, "所"),
]


@pytest.fixture(scope="module")
def example() -> Report:
    return process(read_source(SAMPLE), SLUG)


def test_basic_facts_paragraph_yields_every_triple(example: Report) -> None:
    found = [(f.group, f.what, f.value, f.unit) for f in example.figures if f.line == 13]
    assert found == BASIC_FACTS


def test_every_number_is_a_figure_or_skipped_for_a_documented_reason(example: Report) -> None:
    texts = report_pieces(example)
    numbers = sum(len(re.findall(r"[0-9０-９]+(?:[.．][0-9０-９]+)?", text)) for text in texts)
    in_figures = sum(len(re.findall(r"[0-9０-９]+(?:[.．][0-9０-９]+)?", f.text)) for f in example.figures)
    assert in_figures + len(example.skipped) == numbers
    assert {skip.reason for skip in example.skipped} <= set(SKIP_REASONS)
    # The skip classes hold what they say.
    years = [s.text for s in example.skipped if s.reason == "year"]
    assert "2022" in years and "2023" in years
    assert [s.text for s in example.skipped if s.reason == "ordinal"] == ["69"]
    assert [s.text for s in example.skipped if s.reason == "name"] == ["5"]  # 5G


def test_masked_figures_are_listed_with_unknown_value(example: Report) -> None:
    masked = [f for f in example.figures if f.masked]
    assert [(f.text, f.value) for f in masked] == [("*人", None)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全市一般公共预算教育经费投入共计27.56亿元。", [("一般公共预算教育经费投入", 2756000000, "元", "亿元")]),
        ("较上年增加6604万元,增长2.45%。", [("较上年增加", 66040000, "元", "万元"), ("增长", 2.45, "%", "%")]),
        ("思政课师生比分别达到1∶185、1∶221。", [("思政课师生比", 185, "比", ""), ("思政课师生比", 221, "比", "")]),
        ("全县有学校１２３所。", [("学校", 123, "所", "所")]),
        ("在校学生**人,达标率xx%。", [("在校学生", None, "人", "人"), ("达标率", None, "%", "%")]),
        ("89人参加抽检。", [("参加抽检", 89, "人", "人")]),
        ("投入70多亿元。", [("投入", 7000000000, "元", "亿元")]),
    ],
)
def test_values_units_and_what_they_count(sentence: str, expected: list[tuple[object, ...]]) -> None:
    figures, _ = sentence_figures(sentence, "", 1, "")
    assert [(f.what, f.value, f.base_unit, f.unit) for f in figures] == expected


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("2023年,全市", "year"),
        ("截至10月底", "date"),
        ("市委第69次常委会", "ordinal"),
        ("甘教发〔2023〕12号文件", "document"),
        ("配备5G信号屏蔽仪", "name"),
        ("2 (略) 共拨付", "fragment"),
        ("重点涉及4大类", "no-unit"),
    ],
)
def test_numbers_that_are_not_figures_have_a_reason(sentence: str, reason: str) -> None:
    figures, skipped = sentence_figures(sentence, "", 1, "")
    assert not figures
    assert skipped and skipped[0].reason == reason


def test_figures_csv_and_json_have_the_documented_columns(example_build: Path) -> None:
    folder = example_build / "content" / SLUG
    rows = list(csv.DictReader(io.StringIO((folder / "figures.csv").read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == COLUMNS
    assert rows[0]["what"] == "各级各类学校(园)" and rows[0]["value"] == "500" and rows[0]["unit"] == "所"
    masked = [row for row in rows if row["masked"] == "True"]
    assert masked and masked[0]["value"] == ""
    data = json.loads((folder / "figures.json").read_text(encoding="utf-8"))
    assert data["columns"] == list(COLUMNS) and len(data["figures"]) == len(rows)
    money = next(row for row in data["figures"] if row["text"] == "27.56亿元")
    assert money["value"] == 2756000000 and money["base_unit"] == "元" and money["year"] == "2022"


def test_overview_has_key_facts_and_charts(example_build: Path) -> None:
    page = (example_build / "content" / SLUG / "index.md").read_text(encoding="utf-8")
    assert "| 小学 | 127 | 72,298 | 5,981 |" in page
    assert page.count('<svg class="bg-chart"') == 2
    assert "[数字一览](figures.md)" in page


def test_comparison_page_lines_up_an_indicator_across_reports(tmp_path: Path) -> None:
    other = tmp_path / "another-year.txt"
    other.write_text(SAMPLE.read_text(encoding="utf-8").replace("小学127所", "小学130所"), encoding="utf-8")
    result = run_build("-q", "--no-site", "--content", str(tmp_path / "content"), str(SAMPLE), str(other))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "content" / "compare.md").read_text(encoding="utf-8")
    row = next(line for line in page.split("\n") if line.startswith("| 小学 | 所 |"))
    assert "127所" in row and "130所" in row


def test_masked_values_and_ratios_in_one_sentence() -> None:
    text = "报告\n一、情况\n共有*所学校，xx名教师，占比**%，0∶5，第3页，〔2020〕1号。\n"
    report = process(SourceText("x.txt", text, "utf-8", ""), "x")
    assert [f.masked for f in report.figures] == [True, True, True, False]
    assert report.figures[-1].value is None  # 0∶5 has no ratio value
