"""Hostile and odd input: shown as text, or refused with one line; never a broken site."""

from __future__ import annotations

import html
import json
import os
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from baogao.build.sources import slug_for
from baogao.errors import InputError
from baogao.model import SourceText
from baogao.render.environment import make_environment
from baogao.render.pages import render_report
from baogao.text.clean import clean
from baogao.text.decode import decode_bytes, normalize_text
from baogao.text.report import process

from .conftest import ROOT, run_build
from .dumps import accounted_characters
from .pagetext import article_html, article_text

HOSTILE_LINES = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "# 不是标题",
    "| 甲 | 乙 |",
    "---",
    "{{ 7*7 }} 与 {% if true %}模板{% endif %}",
    "注意<!--这不是注释",
    # A line that is nothing but one HTML tag is taken for HTML residue of
    # the scraped page (chrome); inside a sentence it is text.
    "图片<img src=x onerror=alert(2)>说明",
    "**不加粗** _不倾斜_ `不是代码` ~~不删除~~",
    "&lt;已转义&gt; &amp;",
    "!!! danger 注意事项",
]
HOSTILE_TITLES = [
    "关于: 这个报告",
    "yes",
    "# 井号开头",
    "*号开头的报告",
    "&锚点开头",
    "null",
    "- 列表",
    "'引号' \"双引号\"",
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile")
    sources = out / "sources"
    sources.mkdir()
    body = "一、基本情况\n" + "\n".join(HOSTILE_LINES) + "\n二、存在问题\n" + HOSTILE_LINES[0] + "\n"
    (sources / "hostile.txt").write_text("恶意内容测试报告\n" + body, encoding="utf-8")
    for index, title in enumerate(HOSTILE_TITLES):
        (sources / f"title-{index}.txt").write_text(f"{title}\n一、情况\n正文{index}。\n", encoding="utf-8")
    (sources / "script-title.txt").write_text(
        "<img src=x onerror=alert(1)>自评报告\n前言部分的文字。\n一、<b onmouseover=alert(2)>基本情况</b>\n正文。\n",
        encoding="utf-8",
    )
    result = run_build("-q", "--content", str(out / "content"), "--site", str(out / "site"), str(sources))
    assert result.returncode == 0, result.stderr
    return out


def test_markup_in_report_text_is_shown_as_text(hostile_site: Path) -> None:
    page = hostile_site / "site" / "hostile" / "01.html"
    text = article_text(page)
    for line in HOSTILE_LINES:
        assert line in text, line
    html = article_html(page)
    assert "<script>alert" not in html
    assert "<img" not in html
    assert 'href="javascript:' not in html
    assert not re.search(r"<(em|strong|code|del|table|h1)\b", html.replace("<h1 id=", "<x id="))
    # Jinja never evaluates report text.
    assert "49" not in text and "{{ 7*7 }}" in text


def test_markup_in_titles_never_reaches_the_theme_as_html(hostile_site: Path) -> None:
    # MkDocs renders the theme without autoescape: page and nav titles must
    # arrive escaped, or a title would run script on every page.
    for page in (hostile_site / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<img src=x" not in text and "<b onmouseover" not in text, page
    overview = (hostile_site / "site" / "script-title" / "index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;自评报告" in overview


def test_titles_hostile_to_yaml_survive_front_matter(hostile_site: Path) -> None:
    for index, title in enumerate(HOSTILE_TITLES):
        slug = f"title-{index}"
        page = (hostile_site / "content" / slug / "index.md").read_text(encoding="utf-8")
        meta = yaml.safe_load(page.split("---\n", 2)[1])
        # The page title is for the theme, which prints it as HTML: escaped.
        assert html.unescape(meta["title"]) == title and meta["report"] == title
        data = json.loads((hostile_site / "content" / slug / "report.json").read_text(encoding="utf-8"))
        assert data["title"] == title
        assert article_text(hostile_site / "site" / slug / "index.html").strip().startswith(title)
    nav = yaml.safe_load((hostile_site / "content" / ".baogao" / "nav.yml").read_text(encoding="utf-8"))
    titles = [html.unescape(next(iter(entry))) for entry in nav["nav"][1:]]
    assert titles == ["指标对比", "恶意内容测试报告", "<img src=x onerror=alert(1)>自评报告", *HOSTILE_TITLES]


def test_file_names_with_dots_spaces_chinese_and_clashing_slugs(tmp_path: Path) -> None:
    folder = tmp_path / "in" / "sub"
    folder.mkdir(parents=True)
    for name in ("张掖 报告 2023.txt", "a b.txt", "a-b.txt", "..txt"):
        (folder / name).write_text("标题\n一、情况\n正文。\n", encoding="utf-8")
    dotted = tmp_path / "in" / "sub" / ".." / "sub" / "a b.txt"
    result = run_build("-q", "--no-site", "--content", str(tmp_path / "content"), str(folder), str(dotted))
    assert result.returncode == 0, result.stderr
    folders = sorted(p.name for p in (tmp_path / "content").iterdir() if p.is_dir() and p.name != ".baogao")
    assert folders == ["a-b", "a-b-2", "report", "张掖-报告-2023"]
    # Nothing was written outside content/.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "in"]


@pytest.mark.parametrize("name", ["../../etc/passwd.txt", "a/../../b.txt", "..", "报告/../x"])
def test_slugs_never_leave_the_content_folder(name: str) -> None:
    slug = slug_for(Path(name))
    assert "/" not in slug and ".." not in slug and slug


def test_a_hundred_thousand_lines_without_a_heading(tmp_path: Path) -> None:
    source = tmp_path / "long.txt"
    lines = [f"这是第{index}句话，内容各不相同，编号{index * 7}。" for index in range(100_000)]
    source.write_text("长篇无标题报告\n" + "\n".join(lines) + "\n", encoding="utf-8")
    result = run_build("-q", "--no-site", "--content", str(tmp_path / "content"), str(source))
    assert result.returncode == 0, result.stderr
    parts = sorted((tmp_path / "content" / "long").glob("text-*.md"))
    assert len(parts) > 100
    shown = "".join(p.read_text(encoding="utf-8").split("---\n", 2)[2] for p in parts)
    assert all(line in shown for line in (lines[0], lines[50_000], lines[-1]))


BAD_BYTES = {
    "random high bytes": bytes(range(0x80, 0x100)) * 8,
    "nul-heavy": b"\x00\x01\x02\x03" * 300,
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
}


@pytest.mark.parametrize("data", BAD_BYTES.values(), ids=BAD_BYTES.keys())
def test_bytes_that_are_not_text_get_one_line_naming_the_file(tmp_path: Path, data: bytes) -> None:
    bad = tmp_path / "bad file.txt"
    bad.write_bytes(data)
    result = run_build("-q", "--content", str(tmp_path / "content"), "--site", str(tmp_path / "site"), str(bad))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "bad file.txt: " in result.stderr
    assert not (tmp_path / "content").exists() and not (tmp_path / "site").exists()


# Fuzzing: no exception but the documented input errors, and no text lost.
FUZZ = settings(
    max_examples=int(os.environ.get("BAOGAO_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@FUZZ
@given(st.binary(max_size=400))
def test_any_bytes_decode_or_fail_with_an_input_error(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data, "fuzz.txt")
    except InputError as error:
        assert str(error).startswith("fuzz.txt: ") and "\n" not in str(error)
        return
    assert text.strip() and encoding


TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from(list("一二三、（）()1.。：*略xX—\n\n\n <>!-U+00A0")),
    ),
    max_size=300,
)


@FUZZ
@given(TEXT)
def test_any_text_goes_through_clean_outline_and_write_losing_nothing(text: str) -> None:
    normalized = normalize_text(text)
    report = process(SourceText("fuzz.txt", normalized, "utf-8", "0" * 64), "fuzz")
    files = render_report(report, make_environment(ROOT / "templates"))
    assert "fuzz/index.md" in files
    # The title counts when it came from the text (not the file-name fallback).
    title = clean(SourceText("fuzz.txt", normalized, "utf-8", "0" * 64)).title
    assert accounted_characters(report, title) == Counter("".join(normalized.split()))


def test_a_file_of_nothing_but_page_chrome_is_refused(tmp_path: Path) -> None:
    chrome = tmp_path / "chrome.txt"
    chrome.write_text("首页\n发送至邮箱\n【字体：大 中 小】\n热门搜索\n", encoding="utf-8")
    result = run_build("-q", "--no-site", "--content", str(tmp_path / "content"), str(chrome))
    assert result.returncode == 2
    assert "chrome.txt: no report text: the file holds only page chrome" in result.stderr


def test_a_removed_lines_words_are_shown_as_text_on_the_overview(tmp_path: Path) -> None:
    source = tmp_path / "page.txt"
    body = "全县共有义务教育学校36所，在校学生2.1万人，专任教师1870人，办学条件持续改善。"
    lines = ["当前位置：首页 > <b onmouseover=x>栏目</b> > *列表*", "某县教育工作自评报告", body, "一、基本情况", body]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_build("-q", "--no-site", "--content", str(tmp_path / "content"), str(source))
    assert result.returncode == 0, result.stderr
    overview = (tmp_path / "content" / "page" / "index.md").read_text(encoding="utf-8")
    record = next(line for line in overview.splitlines() if line.startswith("- 原文第 1 行"))
    assert "<b" not in record and "&lt;b onmouseover=x&gt;" in record and "\\*列表\\*" in record
