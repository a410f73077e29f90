"""Rules are records with ids: each can be read, tested and switched off by its id,
and every id the data carries has its Chinese in render/labels.py."""

from __future__ import annotations

import pytest

from baogao.model import SourceText
from baogao.render import labels
from baogao.render.escape import render_inline
from baogao.text.chrome import CHROME_RULES, HTML_COMMENT, chrome_rule
from baogao.text.clean import PAGE_RULES, SITE_NAME, TITLE_LABEL, TITLE_REPEAT, clean
from baogao.text.dedupe import DUPLICATE_COPY
from baogao.text.figures import sentence_figures
from baogao.text.linebreaks import split_flattened
from baogao.text.marks import MARK_RULES, iter_marks
from baogao.text.numbering import HEADING_RULES, parse_heading
from baogao.text.report import COMPLETE, GAPS, INCOMPLETE, NO_HEADINGS
from baogao.text.rules import without

# One line of each kind of chrome, each taken by its own rule first.
CHROME_EXAMPLES = {
    "html-residue": "</div>",
    "image": "![1679967920917550.png 9f69c93fbc[1].png](/ueditor/php/upload/image/20230328/1679967920917550.png)",
    "script": "var x = document.getElementById('a');",
    "breadcrumb": "当前位置：首页 > 政务公开 > 规划计划",
    "widget": "【字体：大 中 小】",
    "portal-line": "来源：市教育局 发布时间：2023-05-12",
    "page-marker": "第 2 页 共 5 页",
    "caption": "图为学生在上课。新华社记者 姚大伟摄",
    "brackets-only": "【 】",
    "ui-words": "首页 | 上一篇 | 下一篇 | 打印 | 关闭",
}
# Report lines no rule may take.
REPORT_LINES = [
    "全市现有各级各类学校(园)500所，在校学生12.3万人。",
    "（1）登录系统后填报数据。",
    "数据来源：市统计局。",
    "二、主要做法",
]


def test_every_chrome_rule_has_an_example_and_a_label() -> None:
    assert [rule.id for rule in CHROME_RULES] == list(CHROME_EXAMPLES)
    assert set(labels.REMOVAL_REASONS) == {
        *(f"chrome.{rule.id}" for rule in CHROME_RULES),
        f"chrome.{HTML_COMMENT}",
        TITLE_REPEAT,
        DUPLICATE_COPY,
        *PAGE_RULES,
        TITLE_LABEL,
        SITE_NAME,
    }


@pytest.mark.parametrize(("rule_id", "line"), CHROME_EXAMPLES.items())
def test_each_chrome_rule_takes_its_kind_of_line(rule_id: str, line: str) -> None:
    assert chrome_rule(line) == rule_id


@pytest.mark.parametrize("line", REPORT_LINES)
def test_no_chrome_rule_takes_report_text(line: str) -> None:
    assert chrome_rule(line) is None


@pytest.mark.parametrize(("rule_id", "line"), CHROME_EXAMPLES.items())
def test_a_chrome_rule_switched_off_by_id_keeps_its_lines(rule_id: str, line: str) -> None:
    assert chrome_rule(line, without(CHROME_RULES, rule_id)) != rule_id
    source = SourceText("x.txt", f"报告标题\n{line}\n正文第一句。", "utf-8", "0")
    kept = [kept.text for kept in clean(source, without(CHROME_RULES, *CHROME_EXAMPLES)).lines]
    assert line in kept


def test_a_removal_records_the_rule_id_and_the_site_says_it_in_chinese() -> None:
    source = SourceText("x.txt", "报告标题\n当前位置：首页 > 通知\n正文第一句。\n报告标题", "utf-8", "0")
    removed = clean(source).removed
    assert [(r.kind, r.rule_id) for r in removed] == [("chrome", "chrome.breadcrumb"), ("title", TITLE_REPEAT)]
    assert [labels.removal_reason(r) for r in removed] == ["面包屑导航", "与标题相同"]


def test_a_duplicate_names_the_copy_that_was_kept() -> None:
    body = "这是一段足够长的正文，用来检验重复的整段文字会被识别出来并且只保留一份副本而不是两份。" * 2
    source = SourceText("x.txt", f"标题\n{body}\n{body}", "utf-8", "0")
    (removal,) = clean(source).removed
    assert removal.rule_id == DUPLICATE_COPY and removal.copy_of is not None
    assert labels.removal_reason(removal) == "与原文第 2–2 行重复"


def test_an_unknown_rule_id_is_an_error() -> None:
    with pytest.raises(KeyError, match="no rule with id nav"):
        without(CHROME_RULES, "nav")


def test_mark_rules_have_labels_and_count_characters_only_where_they_stand_for_them() -> None:
    assert {rule.id for rule in MARK_RULES} == set(labels.MARK_LABELS)
    text = "教师队**建设(略)，XX县"
    assert [kind for kind, _, _ in iter_marks(text)] == ["mask", "redaction", "placeholder"]
    assert [kind for kind, _, _ in iter_marks(text, without(MARK_RULES, "mask"))] == ["redaction", "placeholder"]
    assert 'title="原文此处有字符被遮盖"' in render_inline("队**建设")


def test_heading_rules_have_distinct_ids_and_the_circled_marker_is_not_inline() -> None:
    ids = [rule.id for rule in HEADING_RULES]
    assert len(ids) == len(set(ids))
    heading = parse_heading("①加强领导")
    assert heading is not None and heading.rule.id == "circled" and not heading.rule.inline
    # ① inside a flattened line stays in its line; （二） after a sentence end splits it.
    from baogao.model import Line

    flattened = (Line(1, "（一）加强领导。①健全机构；②明确分工。（二）完善制度。"),)
    assert [line.text for line in split_flattened(flattened)] == [
        "（一）加强领导。①健全机构；②明确分工。",
        "（二）完善制度。",
    ]


def test_every_skip_reason_and_verdict_has_its_chinese() -> None:
    sentences = [
        "2023年完成。",
        "5月10日召开。",
        "第69次会议。",
        "〔2023〕12号文件。",
        "5G网络。",
        "共有3个。",
        "增长了7",
    ]
    reasons = {skip.reason for sentence in sentences for skip in sentence_figures(sentence, "", 1, "")[1]}
    assert reasons <= set(labels.SKIP_REASONS)
    assert {NO_HEADINGS, INCOMPLETE, GAPS, COMPLETE} == set(labels.VERDICTS)


@pytest.mark.parametrize(
    ("text", "marks"),
    [
        # One x where a number, a name or a date would be is a placeholder.
        ("召开常委会会议x次，听取报告x项", [("placeholder", "x"), ("placeholder", "x")]),
        ("2020年X区人大常委会工作报告", [("placeholder", "X")]),
        ("完成投资x.6亿元", [("placeholder", "x")]),
        ("20xx年xx县", [("placeholder", "xx"), ("placeholder", "xx")]),
        # …but not an x among Latin letters or digits, nor X光.
        ("x86平台、3x4的表格、拍X光片、Windows XP", []),
        # A question ends with ?; a ? inside a name is a lost character.
        ("自查报告怎么写?下面是范文", []),
        ("应当如何写报告呢?以下是", []),
        ("国务院总理?李克强", [("lost", "?")]),
        # A preview that stops with a notice.
        ("预览结束，还剩5页未读", [("cutoff", "预览结束"), ("cutoff", "还剩5页未读")]),
    ],
)
def test_what_each_mark_takes(text: str, marks: list[tuple[str, str]]) -> None:
    assert [(kind, text[start:end]) for kind, start, end in iter_marks(text)] == marks
