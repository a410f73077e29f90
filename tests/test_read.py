"""Stage 1, read: every supported encoding gives the same text; non-text fails clearly."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from baogao.build.sources import read_source
from baogao.errors import InputError
from baogao.text.decode import decode_bytes, normalize_text

from .conftest import SAMPLE

TEXT = "2023年张掖市人民政府履行教育职责情况自评报告\n一、基本情况\n全市现有学校（园）500所，队*建设。\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
    ],
    ids=["utf-8", "utf-8-bom", "gb18030", "gbk", "utf-16-bom", "utf-16-le", "utf-16-be"],
)
def test_every_supported_encoding_gives_the_same_text(data: bytes, encoding: str) -> None:
    text, found = decode_bytes(data, "report.txt")
    assert text == TEXT
    assert found == encoding


def test_line_ends_and_indentation_are_normalised_but_nothing_else() -> None:
    raw = "\u3000\u3000一、基本情况\r\n\u00a0\u00a0全市（园）５００所，“双减”。\r第二行\u3000甲\n"
    assert normalize_text(raw) == "一、基本情况\n全市（园）５００所，“双减”。\n第二行\u3000甲\n"


def test_full_width_characters_are_content_not_normalised() -> None:
    text, _ = decode_bytes("１９９８年，（一）ＡＰＰ".encode("gb18030"), "x.txt")
    assert text == "１９９８年，（一）ＡＰＰ"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "file is empty"),
        (b"   \n\n\t ", "file is empty"),
        ("\u3000\u3000\n".encode(), "only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4, "not text"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 4, "not text"),
    ],
    ids=["empty", "whitespace", "ideographic-whitespace", "png", "zip"],
)
def test_what_is_not_text_gets_a_clear_error(data: bytes, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        decode_bytes(data, "bad/report.txt")
    message = str(caught.value)
    assert message.startswith("bad/report.txt: ")
    assert problem in message
    assert "\n" not in message


def test_read_source_records_encoding_and_hash(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(TEXT.encode("gb18030"))
    source = read_source(path, "r.txt")
    assert (source.path, source.encoding, source.text) == ("r.txt", "gb18030", TEXT)
    assert len(source.sha256) == 64


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read file"):
        read_source(tmp_path / "missing.txt")


def test_the_example_reads_as_utf8() -> None:
    source = read_source(SAMPLE)
    assert source.encoding == "utf-8"
    assert source.text.startswith("2023年张掖市人民政府履行教育职责情况自评报告\n")
    assert "\u00a0" not in source.text


def test_code_points_that_would_break_a_line_stay_as_printed() -> None:
    text = normalize_text("前文<U+000D><U+000A>- 列表项<U+2028>文字<U+00A0>完")
    assert text == "前文<U+000D><U+000A>- 列表项<U+2028>文字 完"


# A saved portal page, written here: a menu, a breadcrumb, the report, a footer.
SAVED_PAGE = """<!DOCTYPE html>
<html><head><meta charset="gbk"><title>关于某某县2024年义务教育均衡发展的自评报告_某某县人民政府</title>
<script>var _hmt = _hmt || []; function track() { return 1; }</script></head>
<body><div class="nav"><a href="/">首页</a> <a href="/zwgk">政务公开</a> <a href="/hd">互动交流</a></div>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 工作报告</div>
<div class="article"><h1>关于某某县2024年义务教育均衡发展的自评报告</h1>
<p class="info">发布时间：2024-12-02 来源：县教育局 浏览次数：312</p>
<div class="content">
<p>一、基本情况</p>
<p>全县现有义务教育学校42所，在校学生31250人，专任教师2418人。我县坚持教育优先发展，把均衡发展作为教育工作的重中之重。</p>
<p>二、主要做法</p>
<p>（一）加大经费投入。2024年全县教育经费总投入5.82亿元，比上年增长6.1%，确保了“三个增长”。</p>
<p>（二）改善办学条件。新建、改扩建校舍3.6万平方米，配齐了实验室、图书室和功能教室，学校面貌焕然一新。</p>
<p>三、存在问题</p>
<p>部分农村学校教师结构性缺编，音体美教师不足，需要在下一步工作中着力解决。</p>
</div></div>
<div class="footer">版权所有：某某县人民政府 ICP备12345678号 技术支持：某某网络</div>
</body></html>
"""


def test_a_saved_web_page_is_read_as_its_main_text(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_bytes(SAVED_PAGE.encode("gbk"))
    text = read_source(page).text
    lines = text.split("\n")
    assert "关于某某县2024年义务教育均衡发展的自评报告" in lines[:2]
    for kept in ("一、基本情况", "（二）改善办学条件。", "需要在下一步工作中着力解决。", "5.82亿元"):
        assert kept in text
    for dropped in ("var _hmt", "互动交流", "ICP备", "<p>", "&gt;"):
        assert dropped not in text


def test_a_web_page_without_text_gets_a_clear_error(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><head><script>var a = 1;</script></head><body><div></div></body></html>", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_source(page)
    assert "empty.html" in str(caught.value) and "no text found in this web page" in str(caught.value)
