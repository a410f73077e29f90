"""Report text renders as exactly that text, whatever Markdown or HTML it holds."""

from __future__ import annotations

import html
import html.parser

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from baogao.render.escape import render_inline, render_paragraph

# Markdown, HTML and template syntax, CJK text and the marks' characters.
ALPHABET = list("*_`[]()#|<>&\\{}!~-+.=:;'\"/ 1234567890aZ") + list("队建设一二三、。（）略＊xX%\t３７．，％")
HOSTILE = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "# 不是标题",
    "| a | b |",
    "---",
    "***",
    "{{ x }} {% if %} <!-- c -->",
    "1. 不是列表",
    "- 不是列表",
    "> 不是引用",
    "&amp; &lt; &#42;",
    "**不加粗** __也不__ `不是代码`",
    "队*建设，二*以上，****个",
    "![img](x.png)",
    "<https://example.org>",
    "a  \\",
]


class _Text(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _shown(rendered_html: str) -> tuple[str, set[str]]:
    parser = _Text()
    parser.feed(rendered_html)
    return "".join(parser.parts).strip(), set(parser.tags)


def _python_markdown(source: str) -> str:
    # The renderer and extensions MkDocs uses with baogao's mkdocs.yml.
    return markdown.markdown(source, extensions=["admonition", "tables", "toc"])


def _commonmark(source: str) -> str:
    return MarkdownIt("commonmark").render(source)


def _assert_shows_exactly(text: str, render: object) -> None:
    assert callable(render)
    shown, tags = _shown(render(render_paragraph(text)))
    # Whitespace may change (Python-Markdown expands tabs); characters may not.
    assert shown.split() == text.split()
    assert tags <= {"p", "span"}, f"{text!r} became markup: {tags}"


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("render", [_python_markdown, _commonmark], ids=["python-markdown", "commonmark"])
def test_hostile_text_is_shown_as_text(text: str, render: object) -> None:
    _assert_shows_exactly(text, render)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=40).map(str.strip).filter(bool))
def test_any_line_renders_as_itself_in_python_markdown(text: str) -> None:
    _assert_shows_exactly(text, _python_markdown)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=40).map(str.strip).filter(bool))
def test_any_line_renders_as_itself_in_commonmark(text: str) -> None:
    _assert_shows_exactly(text, _commonmark)


def test_marks_are_wrapped_in_a_styled_span_with_a_tooltip_and_an_accessible_name() -> None:
    rendered = render_inline("队*建设 (略) 政府")
    assert (
        '<span class="bg-mark bg-mark-mask" role="img" aria-label="&#42;（原文此处有字符被遮盖）"'
        ' title="原文此处有字符被遮盖">\\*</span>'
    ) in rendered
    assert (
        '<span class="bg-mark bg-mark-redaction" role="img" aria-label="(略)（原文此处有删略）"'
        ' title="原文此处有删略">(略)</span>'
    ) in rendered
    html_out = _python_markdown(rendered)
    assert "<em>" not in html_out
    assert ">*</span>" in html_out
    assert 'aria-label="*（原文此处有字符被遮盖）"' in html.unescape(html_out)  # as the browser reads it


def test_a_mark_in_a_table_cell_keeps_the_row_whole() -> None:
    # | inside a mark's accessible name would end the cell.
    rendered = render_inline("甲|乙**丙")
    html_out = _python_markdown(f"| a | b |\n| --- | --- |\n| {rendered} | x |")
    assert html_out.count("<td>") == 2 and "甲|乙" in html_out


def test_full_width_numbers_are_kept_whole_and_shown_as_printed() -> None:
    rendered = render_inline("生产总值３３．５万亿元，增长７％。")
    assert '<span class="bg-num">３３．５</span>万亿元' in rendered
    assert '<span class="bg-num">７％</span>' in rendered
    assert "，" not in rendered.split("bg-num")[1].split("</span>")[0]  # a comma after it is not part of it
    assert _shown(_python_markdown(rendered))[0] == "生产总值３３．５万亿元，增长７％。"


def test_the_legend_names_exactly_the_kinds_of_mark_on_the_page() -> None:
    from baogao.render.escape import with_legend

    page = "---\ntitle: x\n---\n\n# 标题\n\n" + render_inline("队*建设，XX县")
    shown = with_legend(page)
    assert shown.index("# 标题") < shown.index('class="bg-legend"') < shown.index("队")
    legend = shown.split('class="bg-legend"')[1].split(">", 1)[1].split("</p>")[0]
    assert "原文遮盖的字符" in legend and "占位符" in legend and "删略" not in legend
    assert with_legend("# 标题\n\n没有标注。\n") == "# 标题\n\n没有标注。\n"
