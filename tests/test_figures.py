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
        # A change whose indicator the sentence does not name says so (empty).
        ("较上年增加6604万元,增长2.45%。", [("", 66040000, "元", "万元"), ("", 2.45, "%", "%")]),
        ("思政课师生比分别达到1∶185、1∶221。", [("思政课师生比", 185, "比", ""), ("思政课师生比", 221, "比", "")]),
        ("全县有学校１２３所。", [("学校", 123, "所", "所")]),
        ("在校学生**人,达标率xx%。", [("在校学生", None, "人", "人"), ("达标率", None, "%", "%")]),
        ("89人参加抽检。", [("参加抽检", 89, "人", "人")]),
        # A verb alone names nothing: the figure says it cannot tell.
        ("投入70多亿元。", [("", 7000000000, "元", "亿元")]),
        # Land, livestock and vehicles have units of their own.
        ("蔬菜种植面积3373公顷。", [("蔬菜种植面积", 3373, "公顷", "公顷")]),
        ("当年出栏生猪12.5万头。", [("出栏生猪", 125000, "头", "万头")]),
        # What is counted is read in simplified characters and given as printed.
        ("全年共辦結案件1200件,審結率95％。", [("案件", 1200, "件", "件"), ("審結率", 95, "%", "％")]),
        # A capacity printed before the works it describes is theirs; money spent
        # to build something is still the spending's.
        ("晨鸣公司3.5万吨造纸生产线建成投产。", [("造纸生产线", 35000, "吨", "万吨")]),
        ("全年水泥产量3.5万吨。", [("水泥产量", 35000, "吨", "万吨")]),
        ("投资5000万元建设污水处理厂。", [("投资", 50000000, "元", "万元")]),
        # A list closed by 等 names the members; the noun after the unit counts them.
        ("延伸抽查区农业农村局、区城管局、铜盂镇等5个单位。", [("单位", 5, "个", "个")]),
        # A subject that lists members before 等 is what they are.
        ("起诉非法吸收公众存款、集资诈骗等涉众型经济犯罪198人。", [("涉众型经济犯罪", 198, "人", "人")]),
    ],
)
def test_values_units_and_what_they_count(sentence: str, expected: list[tuple[object, ...]]) -> None:
    figures, _ = sentence_figures(sentence, "", 1, "")
    assert [(f.what, f.value, f.base_unit, f.unit) for f in figures] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 分别 pairs a list with its values, item by item.
        (
            "食品、石化、医药、信息等产业增加值分别增长7.5%、11.5%、17.4%、7.3%。",
            [("食品", "change", 7.5), ("石化", "change", 11.5), ("医药", "change", 17.4), ("信息", "change", 7.3)],
        ),
        ("煤炭、电解铝分别淘汰落后生产能力1.1亿吨和120万吨。", [("煤炭", "level", 1.1e8), ("电解铝", "level", 1.2e6)]),
        (
            "全年中央财政用于科技、教育、卫生和文化事业的支出分别为774亿元、536亿元、138亿元和123亿元。",
            [
                ("科技", "level", 7.74e10),
                ("教育", "level", 5.36e10),
                ("卫生", "level", 1.38e10),
                ("文化事业的支出", "level", 1.23e10),
            ],
        ),
        # A later run of as many values takes the same list: 减为增长1.2%和1.8%.
        (
            "化学需氧量、二氧化硫排放量由上年分别增长5.6％和13.1％，减为增长1.2%和1.8%。",
            [("化学需氧量", "change", 5.6), ("二氧化硫排放量", "change", 13.1)]
            + [("化学需氧量", "change", 1.2), ("二氧化硫排放量", "change", 1.8)],
        ),
        # A change is tied to the indicator it changes; a from-to names one indicator twice.
        (
            "国内生产总值达到18.23万亿元，比上年增长9.9%。",
            [("国内生产总值", "level", 1.823e13), ("国内生产总值", "change", 9.9)],
        ),
        ("财政收入从11.7万亿元增加到17.3万亿元。", [("财政收入", "level", 1.17e13), ("财政收入", "level", 1.73e13)]),
        # The thing counted may follow the number.
        ("组织实施了1000多项高新技术产业化示范工程。", [("高新技术产业化示范工程", "level", 1000)]),
        ("占世界的60%以上。", [("", "share", 60)]),
        # Exact decimals: no float noise.
        ("地方财政收入326.4亿元。", [("地方财政收入", "level", 32640000000)]),
        # A list in traditional characters is paired item by item too (分別 is 分别).
        ("糧食、油料產量分別增長2%和3%。", [("糧食", "change", 2), ("油料產量", "change", 3)]),
        # The thing counted after the unit ends before 的 and its own verb.
        ("常委会制定了25部法规的实施细则。", [("法规", "level", 25)]),
    ],
)
def test_lists_changes_and_shares(sentence: str, expected: list[tuple[str, str, float]]) -> None:
    figures, _ = sentence_figures(sentence, "", 1, "")
    assert [(f.what, f.measure, f.value) for f in figures] == expected


@pytest.mark.parametrize(
    ("sentence", "text", "low", "high", "what"),
    [
        ("国内生产总值增长6.5%－7%。", "6.5%－7%", 6.5, 7, "国内生产总值"),
        ("主要污染物排放总量减少8%至10%。", "8%至10%", 8, 10, "主要污染物排放总量"),
        ("居民收入增长6.5－7%。", "6.5－7%", 6.5, 7, "居民收入"),
    ],
)
def test_a_range_is_kept_as_a_range(sentence: str, text: str, low: float, high: float, what: str) -> None:
    figures, _ = sentence_figures(sentence, "", 1, "")
    assert [(f.text, f.value, f.value_high, f.what) for f in figures] == [(text, low, high, what)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全市森林覆盖率达到百分之三十六点九。", [("百分之三十六点九", 36.9, "%", "森林覆盖率")]),
        ("全年财政收入一百零八亿元。", [("一百零八亿元", 10800000000, "元", "财政收入")]),
        ("新建学校三十多所。", [("三十多所", 30, "所", "学校")]),
        ("惠及两万人。", [("两万人", 20000, "人", "")]),
        # Words made of numerals are not counts.
        ("千万不能松懈，十分重要，亿万农民，百万人口城市，一个中心。", []),
    ],
)
def test_chinese_numerals_are_read(sentence: str, expected: list[tuple[object, ...]]) -> None:
    figures, _ = sentence_figures(sentence, "", 1, "")
    assert [(f.text, f.value, f.base_unit, f.what) for f in figures] == expected


def test_counters_keep_their_unit_and_times_and_anniversaries_are_not_figures() -> None:
    figures, _ = sentence_figures("走访慰问困难群众16户次，接待群众3.2万人次。", "", 1, "")
    assert [(f.text, f.base_unit, f.value) for f in figures] == [("16户次", "户次", 16), ("3.2万人次", "人次", 32000)]
    for sentence in ("会议于10:40开始。", "隆重庆祝自治区成立60周年。"):
        figures, skipped = sentence_figures(sentence, "", 1, "")
        assert figures == [] and skipped


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
    row = next(
        line for line in page.split("\n") if '<td data-label="指标">小学</td><td data-label="单位">所</td>' in line
    )
    assert "127所" in row and "130所" in row


def test_masked_values_and_ratios_in_one_sentence() -> None:
    text = "报告\n一、情况\n共有*所学校，xx名教师，占比**%，0∶5，第3页，〔2020〕1号。\n"
    report = process(SourceText("x.txt", text, "utf-8", ""), "x")
    assert [f.masked for f in report.figures] == [True, True, True, False]
    assert report.figures[-1].value is None  # 0∶5 has no ratio value


def test_history_lists_a_regions_earlier_values_newest_first_as_text() -> None:
    from baogao.model import Indicator, Listing, Metadata, Summary
    from baogao.render.compare import history_section, report_history

    summary = Summary(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, {}, 0, 0, 0)

    def report(slug: str, year: str, text: str, value: float, region: str = "甘肃省/张掖市") -> Listing:
        gdp = Indicator("国内（地区）生产总值", "元", text, year, value, "level", "gdp")
        metadata = Metadata(kind="government-work", region=region, region_level="city", year=year)
        return Listing(slug, f"{year}年报告", (), summary, (gdp,), metadata, "", 100, (hash(slug),))

    listings = [
        report("a", "2021", "500亿元", 5e10),
        report("b", "2022", "530亿元", 5.3e10),
        report("c", "2023", "*[x](y)亿元", 5.6e10),
        report("d", "2023", "900亿元", 9e10, region="甘肃省/兰州市"),
    ]
    history = report_history(listings)
    assert set(history) == {"b", "c"}  # the first year and the other region have nothing earlier
    assert history["c"][0]["earlier"] == [["2022", "530亿元", "b"], ["2021", "500亿元", "a"]]
    markdown = history_section(history["c"])
    assert "[2022年 530亿元](../b/index.md) · [2021年 500亿元](../a/index.md)" in markdown
    assert "*[x](y)" not in markdown  # report text is escaped, never markup


def test_a_line_chart_places_years_by_distance_and_labels_apart() -> None:
    import re as regex

    from baogao.render.charts import line_chart

    points = [(str(year), float(year - 2000)) for year in (2002, 2003, 2004, 2005, 2014, 2017)]
    svg = line_chart("国内生产总值（全国）", points, "万亿元")
    xs = [float(x) for x in regex.findall(r'<circle class="bg-chart-point" cx="([\d.]+)"', svg)]
    # 2002 to 2017 spans the axis; 2014 stands 12/15 of the way, not 4/5.
    assert xs[0] == 18 and xs[-1] == 382 and abs(xs[4] - (18 + 364 * 12 / 15)) < 0.1
    labels = [float(x) for x in regex.findall(r'<text x="([\d.]+)" y="17\d" text-anchor="middle">20', svg)]
    assert labels[0] == 18 and labels[-1] == 382
    assert all(later - earlier >= 364 / 6 for earlier, later in zip(labels, labels[1:], strict=False))
    assert "<script" not in svg and "&lt;" not in svg


def test_regions_of_one_year_are_compared_largest_first_and_copies_count_once() -> None:
    from baogao.model import Indicator, Listing, Metadata, Summary
    from baogao.render.compare import across_regions, time_series

    summary = Summary(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, {}, 0, 0, 0)

    def report(slug: str, region: str, value: float, fingerprint: tuple[int, ...]) -> Listing:
        gdp = Indicator("国内（地区）生产总值", "元", f"{value / 1e8:g}亿元", "2023", value, "level", "gdp")
        metadata = Metadata(kind="government-work", region=region, region_level="city", year="2023")
        return Listing(slug, f"{region}报告", (), summary, (gdp,), metadata, "", 100, fingerprint)

    copy = tuple(range(20))  # two sources of one report share their first sentences
    listings = [
        report("a", "甘肃省/张掖市", 5e10, copy),
        report("a-copy", "甘肃省/张掖市", 5e10, copy),
        report("b", "甘肃省/兰州市", 3.5e11, (100,)),
        report("c", "甘肃省/酒泉市", 9e10, (200,)),
    ]
    (series,) = across_regions(listings)
    assert series.heading == "国内（地区）生产总值（2023年）"
    assert [(point.label, point.slug) for point in series.points] == [
        ("甘肃省兰州市", "b"),
        ("甘肃省酒泉市", "c"),
        ("甘肃省张掖市", "a"),
    ]
    assert "<svg" in series.chart() and "亿元" in series.chart()
    assert time_series(listings) == []  # one year per region: no series over the years
