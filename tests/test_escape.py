"""Report text renders as exactly that text, whatever Markdown or HTML it holds."""

from __future__ import annotations

import html.parser

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from baogao.render.escape import render_inline, render_paragraph

# Markdown, HTML and template syntax, CJK text and the marks' characters.
ALPHABET = list("*_`[]()#|<>&\\{}!~-+.=:;'\"/ 1234567890aZ") + list("队建设一二三、。（）略＊xX%\t")
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


def test_marks_are_wrapped_in_a_styled_span_with_a_tooltip() -> None:
    rendered = render_inline("队*建设 (略) 政府")
    assert '<span class="bg-mark bg-mark-mask" title="原文此处有字符被遮盖">\\*</span>' in rendered
    assert '<span class="bg-mark bg-mark-redaction" title="原文此处有删略">(略)</span>' in rendered
    html_out = _python_markdown(rendered)
    assert "<em>" not in html_out
    assert ">*</span>" in html_out
