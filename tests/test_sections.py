"""A built page's sections as a large site's search indexes them
(baogao/build/sections.py): what is a section, what is left out, and how the
text is split into words."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from baogao.build import sections
from baogao.build.sections import headings_record_html, index_text, page_sections, record_html
from baogao.text.numbering import fold_width

PAGE = """<html><body><header><h1 id="site">站点</h1></header>
<article class="md-content__inner md-typeset">
<nav class="bg-breadcrumb" data-pagefind-ignore><a href="../index.html">首页</a></nav>
<span hidden data-pagefind-meta="region:甘肃省张掖市"></span>
<span hidden data-pagefind-filter="report:2023年自评报告"></span>
<span hidden data-pagefind-filter="year:2023"></span>
<h1 id="二自查自评情况">二、自查自评情况<a class="headerlink" href="#二自查自评情况">&para;</a></h1>
<p class="bg-legend" data-pagefind-ignore>本页标注：(略) 原文删略</p>
<p>市政府高度重视。</p>
<h2 id="一党的领导">(一)党的领导<a class="headerlink" href="#一党的领导">&para;</a></h2>
<h3 id="1双减">1.认真落实“双减”决策部署。</h3>
<p>共拨付3412.55万元。<span class="bg-reading" data-pagefind-ignore>〔另一副本作〕</span></p><p>第二段&lt;b&gt;</p>
<div class="bg-figures" data-pagefind-ignore><table><tr><td>在园幼儿</td></tr></table></div>
<script>var x = "不是正文";</script>
</article><footer>页脚</footer></body></html>"""


def test_each_heading_starts_a_section_with_its_own_text_and_the_page_furniture_is_left_out() -> None:
    records = page_sections(PAGE, "r/02.html")
    assert [(record.url, record.heading, record.level) for record in records] == [
        ("r/02.html", "二、自查自评情况", 1),
        ("r/02.html#一党的领导", "(一)党的领导", 2),
        ("r/02.html#1双减", "1.认真落实“双减”决策部署。", 3),
    ]
    assert records[0].text == "市政府高度重视。"
    assert records[1].text == ""  # a heading followed at once by its first sub-heading
    assert records[2].text == "共拨付3412.55万元。 第二段<b>"
    for record in records:
        assert record.filters == (("report", "2023年自评报告"), ("year", "2023"))
        assert record.meta == (("region", "甘肃省张掖市"),)
        for left_out in ("首页", "本页标注", "另一副本", "在园幼儿", "不是正文", "页脚", "站点", "¶"):
            assert left_out not in record.text + record.heading


def test_a_page_whose_own_block_is_ignored_whole_is_a_tool_page_not_indexed() -> None:
    page = PAGE.replace("<p>市政府高度重视。</p>", '<div data-pagefind-ignore="all"><p>全文</p></div>')
    assert page_sections(page, "r/fulltext.html") == []
    # Ignored whole further down (inside another block) leaves only that block out.
    nested = PAGE.replace(
        "<p>第二段&lt;b&gt;</p>", '<div><div data-pagefind-ignore="all"><h4 id="x">藏</h4></div></div>'
    )
    assert [record.heading for record in page_sections(nested, "r/02.html")][-1] == "1.认真落实“双减”决策部署。"


def test_a_page_without_an_article_has_no_sections() -> None:
    assert page_sections("<html><body><h1 id='a'>标题</h1></body></html>", "x.html") == []


def test_han_characters_digits_and_latin_letters_are_words() -> None:
    assert index_text("落实“双减”决策，共拨付３４１２．５５万元") == "落 实“ 双 减” 决 策， 共 拨 付 3 4 1 2. 5 5 万 元"
    assert index_text("细颗粒物（PM2.5）浓度下降3.5%") == "细 颗 粒 物（ P M 2. 5） 浓 度 下 降 3. 5%"
    assert index_text("——经济增长，１９９８年") == "——经 济 增 长， 1 9 9 8 年"
    assert index_text("4G网络、A股") == "4 G 网 络、 A 股"
    # A mark of Chinese text ends a word even between two numbers: 2.92% is found on its own.
    assert index_text("1.17%、1.41%、2.92%。将") == "1. 1 7%、 1. 4 1%、 2. 9 2%。 将"
    assert fold_width("ＧＤＰ增长３．５％，第１．") == "GDP增长3.5%，第1．"  # a point not between digits stays


@given(st.text(alphabet=st.sampled_from("双减教育经费3.5%PM，。“”（）、 \n\u3000ＡＢ１２"), max_size=80))
def test_splitting_into_words_loses_no_character_and_leaves_no_mark_alone(text: str) -> None:
    # Same characters, in the same order, only the spaces differ: what a reader copies is all there.
    words = index_text(text)
    assert re.sub(r"\s", "", words) == re.sub(r"\s", "", fold_width(text))
    # A mark standing alone would take a position in the index of its own, and
    # the words on either side of it would no longer stand side by side.
    if re.search(r"\w", text):
        assert all(re.search(r"\w", word) for word in words.split(" ")), words


@given(st.text(alphabet=st.sampled_from("双减经3.%，。“”（）、…—·‘ \n\u3000\uff0e\uff65Ａ１a-𠀀"), max_size=60))
def test_the_fast_cut_into_words_is_the_regular_expressions_cut(text: str) -> None:
    # index_text sets characters apart by str.translate; the rule it stands
    # for is the regular expression, which still cuts text beyond the BMP.
    by_rule = " ".join(sections._HAN_EDGE.sub(" ", fold_width(text)).split())
    by_rule = sections._LEADING_MARKS.sub(r"\1", sections._LONE_MARKS.sub("", by_rule))
    assert index_text(text) == by_rule


def test_a_record_escapes_every_value_and_puts_the_heading_first() -> None:
    record = page_sections(PAGE, "r/02.html")[2]
    document = record_html(record)
    assert "<h1>1. 认 真 落 实“ 双 减” 决 策 部 署。</h1>" in document
    assert "第 二 段&lt; b&gt;" in document
    assert 'data-pagefind-meta="url:r/02.html#1双减"' in document
    assert 'data-pagefind-meta="title:1.认真落实“双减”决策部署。"' in document
    hostile = record.__class__(
        'r/a.html#"><script>', '"><img src=x onerror=alert(x)>', 2, "<script>", (("region", '"><b>'),), ()
    )
    hostile_document = record_html(hostile)
    assert "<script>" not in hostile_document and "<img" not in hostile_document and "<b>" not in hostile_document
    # Kept as text: in the document's title and its title meta as printed, and
    # in its heading as the index reads it (each letter a word).
    assert html.unescape(hostile_document).count("onerror=alert(x)") == 2
    assert "<h1>&quot;&gt;&lt;i m g s r c= x o n e r r o r= a l e r t( x)&gt;</h1>" in hostile_document


def test_a_reports_headings_are_one_record_each_heading_addressed_by_its_id() -> None:
    records = [record for record in page_sections(PAGE, "r/02.html") if record.heading]
    document = headings_record_html(records, "r")
    assert '<h2 id="02.html#1双减">1. 认 真 落 实“ 双 减” 决 策 部 署。</h2>' in document
    assert "<p>" not in document  # the sections' text is not indexed here
    assert 'data-pagefind-meta="url:r/"' in document
    hostile = records[0].__class__('r/a.html#"><x>', '"><img src=x>', 2, "text", (("region", '"><b>'),), ())
    hostile_document = headings_record_html([hostile], "r")
    assert "<img" not in hostile_document and "<b>" not in hostile_document and '"><x>' not in hostile_document
