"""The baogao plugin's figures table, set aside while Python-Markdown runs:
the page's HTML must be what Python-Markdown alone writes, for the golden
figures page, for any cell text, and for pages a reader has reshaped."""

from __future__ import annotations

import html
import os
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from baogao.build.plugin import FIGURES_BLOCK, PLACEHOLDER, put_back, set_aside

from .conftest import ROOT, SLUG
from .test_parallel import differences

GOLDEN_FIGURES = ROOT / "tests" / "golden" / "content" / SLUG / "figures.md"


@pytest.fixture(scope="module")
def convert() -> markdown.Markdown:
    """Python-Markdown with the site's extensions, as MkDocs sets it up."""
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), docs_dir=str(ROOT / "tests" / "golden" / "content"))
    return markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])


def both_ways(md: markdown.Markdown, text: str) -> tuple[str, str, bool]:
    """Python-Markdown's HTML of `text`, the plugin's, and whether it set the table aside."""
    plain = md.reset().convert(text)
    shortened, block = set_aside(text)
    if block is None:
        return plain, plain, False
    return plain, put_back(md.reset().convert(shortened), block), True


AFTER = "## 未列入表格的数字\n\n- 日期：1 处\n"


def page_with(cells: list[str], before: str = "# 数字一览\n\n说明。", after: str = AFTER) -> str:
    """A figures page as templates/figures.md.j2 writes it, cells escaped as its html filter does."""
    rows = "\n".join(f"<tr><td>{html.escape(cell)}</td></tr>" for cell in cells)
    table = f"{FIGURES_BLOCK} data-pagefind-ignore>\n<table>\n<tbody>\n{rows}\n</tbody>\n</table>\n</div>"
    return f"{before}\n\n{table}\n\n{after}"


def test_the_golden_figures_page_renders_the_same(convert: markdown.Markdown) -> None:
    text = GOLDEN_FIGURES.read_text(encoding="utf-8").split("---\n", 2)[2]
    plain, ours, set_aside_ = both_ways(convert, text)
    assert set_aside_, "the template's table was not recognised"
    assert ours == plain


SETTINGS = settings(
    max_examples=int(os.environ.get("BAOGAO_EXAMPLES", "80")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
# Cell text as the template writes it: one line, any character a report has.
CELL = st.text(alphabet=st.sampled_from("教育*#|<>[]&\"'`_\\ -=!1.0（）"), max_size=12)


@SETTINGS
@given(st.lists(CELL, min_size=1, max_size=5), st.sampled_from([AFTER, "文字"]))
def test_the_table_is_set_aside_and_renders_the_same(convert: markdown.Markdown, cells: list[str], after: str) -> None:
    plain, ours, set_aside_ = both_ways(convert, page_with(cells, after=after))
    assert set_aside_
    assert ours == plain


@SETTINGS
@given(
    st.lists(st.text(alphabet=st.sampled_from("教育*#|<>[]&\"'`_\\ \t\r\n\x02-=!1.0"), max_size=12), max_size=5),
    st.sampled_from([AFTER, "", "文字"]),
)
def test_any_cell_text_renders_the_same_set_aside_or_not(
    convert: markdown.Markdown, cells: list[str], after: str
) -> None:
    plain, ours, _ = both_ways(convert, page_with(cells, after=after))
    assert ours == plain


@pytest.mark.parametrize(
    "text",
    [
        page_with(["a"]).replace("</tbody>", "<div>x</div></tbody>"),  # a reader's nested div
        page_with(["a"]).replace("</div>\n\n", "</div>\n"),  # no blank line after the table
        page_with(["a"], before=PLACEHOLDER),  # the placeholder is page text
        page_with(["a"]).replace("<tbody>", "<tbody>\n"),  # a blank line in the block
        page_with(["a\tb"]),  # Python-Markdown expands tabs
        page_with(["a"], after=""),  # the table ends the page
        page_with(["a"]).replace("<td>a</td>", '<td id="x">a</td>'),  # a link target in the table
        page_with(["a"], before='<div markdown="1">'),  # inside an md_in_html container
        page_with(["a"], before="<!--"),  # commented out
        page_with(["a"], before="```"),  # in a fenced code block
    ],
    ids=[
        "nested-div",
        "no-blank-line-after",
        "placeholder-in-text",
        "blank-line-inside",
        "tab",
        "last",
        "id",
        "container",
        "comment",
        "fence",
    ],
)
def test_a_table_of_another_shape_is_left_to_markdown(convert: markdown.Markdown, text: str) -> None:
    assert set_aside(text) == (text, None)
    assert PLACEHOLDER not in both_ways(convert, text)[1] or PLACEHOLDER in text


def test_a_lost_placeholder_is_an_error() -> None:
    with pytest.raises(ValueError, match="placeholder"):
        put_back("<p>rewritten</p>\n", "<div></div>")


# Pages a reader has reshaped around the table, built by MkDocs with the
# plugin and without it: the same HTML, whether the plugin set the table
# aside, left it alone, or rendered the page again as written.
RESHAPED = {
    "plain": page_with(["一"]),
    "in-a-div": page_with(["一"], before='<div markdown="1">', after="</div>\n"),
    "commented-out": page_with(["一"], before="<!--", after="-->\n"),
    "fenced": page_with(["一"], before="```", after="```\n"),
    "before-a-link-definition": page_with(["一"], after="[a]: http://example.com\n"),
    "in-a-list": page_with(["一"], before="- 项目", after="- 项目\n"),
}


def test_pages_a_reader_reshaped_render_as_mkdocs_renders_them(tmp_path: Path) -> None:
    from mkdocs.commands.build import build

    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in RESHAPED.items():
        (docs / f"{name}.md").write_text(text, encoding="utf-8")
    for plugins, site in ((["baogao"], "with-plugin"), ([], "without-plugin")):
        config = load_config(
            config_file=str(ROOT / "mkdocs.yml"),
            docs_dir=str(docs),
            site_dir=str(tmp_path / site),
            nav=sorted(f"{name}.md" for name in RESHAPED),
            plugins=plugins,
        )
        build(config)
    assert differences(tmp_path / "with-plugin", tmp_path / "without-plugin") == []
    assert "<tr><td>一</td></tr>" in (tmp_path / "with-plugin" / "plain.html").read_text(encoding="utf-8")
