"""Reading on any device and any network (issue 16), in headless Chromium at
1366×900 and 390×844: nothing fetched from another host, pages that paint
when the outside network hangs, search from a server and from disk, phones,
marks explained without hover, CJK type, the full text, print, accessibility.

Screenshots: with BAOGAO_SCREENSHOTS=DIR set, the tests save the pages they
look at into DIR (README's pictures come from ``docs/screenshots``).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from .conftest import SLUG

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed; browser tests skipped")
expect = sync_api.expect

SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
# Every kind of page a site has, on the example site (Material's search).
PAGES = {
    "home": "index.html",
    "overview": f"{SLUG}/index.html",
    "section": f"{SLUG}/02.html",
    "figures": f"{SLUG}/figures.html",
    "fulltext": f"{SLUG}/fulltext.html",
    "compare": "compare.html",
    "not-found": "404.html",
}
# axe-core, installed by .ci/run from the npm registry (never copied here).
AXE = Path(os.environ.get("BAOGAO_AXE", Path.home() / ".cache/baogao-node/node_modules/axe-core/axe.min.js"))
TIMEOUT_MS = 20_000


def screenshot(page: Any, name: str) -> None:
    folder = os.environ.get("BAOGAO_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        # The picture as a reader sees it once transitions (the search overlay's) have ended.
        page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


class Outside:
    """Routes every request that is not for `local` to a server that never answers, and records it."""

    def __init__(self, local: str) -> None:
        self.local = local
        self.requests: list[str] = []
        self.held: list[Any] = []

    def __call__(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(self.local) or url.startswith("data:") or url.startswith("blob:"):
            route.continue_()
            return
        self.requests.append(url)
        self.held.append(route)  # never answered: a firewall that drops packets


@pytest.fixture(params=list(SIZES))
def size(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@contextmanager
def opened(browser: Any, size: str, local: str) -> Iterator[tuple[Any, Outside]]:
    """A page at `size` that may load only what starts with `local`, the
    outside network hanging; no uncaught script error allowed."""
    context = browser.new_context(viewport=SIZES[size], is_mobile=size == "phone", has_touch=size == "phone")
    context.set_default_timeout(TIMEOUT_MS)
    outside = Outside(local)
    context.route("**/*", outside)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield page, outside
        assert not errors, f"uncaught JavaScript errors: {errors}"
    finally:
        context.close()


@pytest.fixture
def reader(browser: Any, site_url: str, size: str) -> Iterator[tuple[Any, Outside]]:
    """A page of the example site (Material's search)."""
    with opened(browser, size, site_url) as opened_page:
        yield opened_page


@pytest.fixture
def pagefind_reader(browser: Any, pagefind_url: str, size: str) -> Iterator[tuple[Any, Outside]]:
    """A page of the Pagefind site."""
    with opened(browser, size, pagefind_url) as opened_page:
        yield opened_page


def search_pagefind(page: Any, query: str) -> None:
    page.locator(".bg-search input[type=search]").fill(query)
    expect(page.locator(".bg-result").first).to_be_visible()


def first_paint(page: Any) -> float:
    """Milliseconds from navigation start to the first contentful paint."""
    page.wait_for_function(
        "performance.getEntriesByType('paint').some(e => e.name === 'first-contentful-paint')", timeout=TIMEOUT_MS
    )
    return float(
        page.evaluate("performance.getEntriesByType('paint').find(e => e.name === 'first-contentful-paint').startTime")
    )


def open_search(page: Any) -> Any:
    """Open Material's search as a reader does (the / key, or the header's search button on a phone)."""
    box = page.locator("input.md-search__input")
    button = page.locator("label.md-header__button[for='__search']")
    if button.is_visible():
        button.click()
    else:
        page.keyboard.press("/")
    expect(box).to_be_focused()
    return box


def search_material(page: Any, query: str) -> None:
    box = open_search(page)
    box.fill(query)
    box.press("End")  # Material reads the query on key release
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"\d+ 个符合条件的结果"))
    expect(page.locator(".md-search-result__list article").first).to_be_visible()


# --------------------------------------------------------------------------
# No outside requests
# --------------------------------------------------------------------------

LOADS = re.compile(r"<(?:script|link|img|iframe|source|audio|video|embed)\b[^>]*\s(?:src|href)=\"(?:https?:)?//", re.I)


def test_no_page_loads_anything_from_another_host(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) >= len(PAGES)
    offending = [
        f"{path.relative_to(built_site)}: {match.group(0)}"
        for path in pages
        for match in LOADS.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offending == []
    for sheet in built_site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", sheet.read_text(encoding="utf-8")), sheet


@pytest.mark.parametrize("kind", list(PAGES))
def test_each_kind_of_page_paints_within_a_second_when_the_outside_network_hangs(
    reader: tuple[Any, Outside], site_url: str, kind: str, size: str
) -> None:
    page, outside = reader
    page.goto(site_url + PAGES[kind], wait_until="commit")
    painted = first_paint(page)
    expect(page.locator("article h1").first).to_be_visible()
    assert painted < 1000, f"first paint after {painted:.0f} ms"
    assert outside.requests == []
    screenshot(page, f"{kind}-{size}")


def test_material_search_answers_when_the_outside_network_hangs(
    reader: tuple[Any, Outside], site_url: str, size: str
) -> None:
    page, outside = reader
    page.goto(site_url + "index.html")
    search_material(page, "双减")
    expect(page.locator(".md-search-result__list")).to_contain_text("双减")
    assert outside.requests == []
    screenshot(page, f"search-{size}")


def test_the_pagefind_search_page_paints_at_once_and_answers_when_the_outside_network_hangs(
    pagefind_reader: tuple[Any, Outside], pagefind_url: str, size: str
) -> None:
    page, outside = pagefind_reader
    page.goto(pagefind_url + "search.html", wait_until="commit")
    assert first_paint(page) < 1000
    search_pagefind(page, "双减")
    expect(page.locator(".bg-results")).to_contain_text("双减")
    assert outside.requests == []
    screenshot(page, f"search-large-{size}")


def test_search_works_from_a_folder_opened_from_disk(browser: Any, built_site: Path, size: str) -> None:
    with opened(browser, size, "file://") as (page, outside):
        page.goto((built_site / SLUG / "02.html").as_uri())
        search_material(page, "学前教育普及普惠")
        first = page.locator(".md-search-result__list a").first
        assert (first.get_attribute("href") or "").startswith("file://")
        first.click()
        expect(page.locator("article")).to_contain_text("学前教育")
        assert outside.requests == []


def test_the_pagefind_search_page_searches_from_disk(browser: Any, pagefind_site: Path, size: str) -> None:
    # Opened from disk, Pagefind's module and fetches are refused: the
    # classic-script twins build.py writes stand in.
    with opened(browser, size, "file://") as (page, outside):
        page.goto((pagefind_site / "search.html").as_uri())
        box = page.locator(".bg-search input[type=search]")
        expect(box).to_be_visible()
        box.fill("学校安全")
        first = page.locator(".bg-results > li").first
        expect(first.locator(".bg-result-report")).to_contain_text("自评报告")
        expect(first.locator(".bg-result-title")).to_contain_text("学校安全")
        href = first.locator("a").first.get_attribute("href") or ""
        assert href.startswith(pagefind_site.as_uri()), href
        first.locator("a").first.click()
        expect(page.locator("article")).to_contain_text("学校安全")
        assert outside.requests == []


def test_without_the_twins_the_search_page_opened_from_disk_says_how_to_search(
    browser: Any, pagefind_site: Path, size: str, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(pagefind_site, site)
    (site / "pagefind" / "baogao-pagefind-classic.js").unlink()
    with opened(browser, size, "file://") as (page, outside):
        page.goto((site / "search.html").as_uri())
        notice = page.locator(".bg-search-offline")
        expect(notice).to_be_visible()
        expect(notice).to_contain_text("python3 -m http.server")
        assert outside.requests == []


# --------------------------------------------------------------------------
# Phones
# --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(PAGES))
def test_no_page_scrolls_sideways(reader: tuple[Any, Outside], site_url: str, kind: str) -> None:
    page, _ = reader
    page.goto(site_url + PAGES[kind])
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # Nor does anything in the article stick out of the screen.
    sticking_out = page.evaluate(
        """width => [...document.querySelectorAll('article *')]
            .filter(e => e.getClientRects().length && e.getBoundingClientRect().right > width + 1)
            .filter(e => !e.closest('.md-typeset__scrollwrap, .md-typeset__table'))
            .map(e => e.tagName + '.' + e.className).slice(0, 5)""",
        width,
    )
    assert sticking_out == []


def test_the_figures_table_fits_a_phone_and_every_row_says_what_it_counts(
    reader: tuple[Any, Outside], site_url: str, size: str
) -> None:
    page, _ = reader
    page.goto(site_url + PAGES["figures"])
    table = page.locator(".bg-figures table")
    expect(table).to_be_visible()
    fits = table.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth + 1")
    assert fits, "the figures table is wider than the page"
    row = page.locator(".bg-figures tbody tr").nth(1)
    what = row.locator("td[data-label='指标']")
    expect(what).to_be_in_viewport()
    if size == "phone":
        # A card per figure: the cell shows its heading.
        label = what.evaluate("td => getComputedStyle(td, '::before').content")
        assert label == '"指标"'
    # The value as printed (数值 shows it so) never breaks inside.
    cell = row.locator("td[data-label='数值']")
    assert cell.evaluate("td => getComputedStyle(td).whiteSpace") == "nowrap"
    screenshot(page, f"figures-table-{size}")


def test_chart_text_is_at_least_11_px(reader: tuple[Any, Outside], site_url: str) -> None:
    page, _ = reader
    page.goto(site_url + PAGES["overview"])
    charts = page.locator("svg.bg-chart")
    expect(charts.first).to_be_visible()
    sizes = charts.evaluate_all(
        """svgs => svgs.flatMap(svg => {
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
        })"""
    )
    assert sizes and min(sizes) >= 11, min(sizes)


def test_report_titles_on_the_home_page_are_not_squeezed(reader: tuple[Any, Outside], site_url: str) -> None:
    page, _ = reader
    page.goto(site_url + PAGES["home"])
    link = page.locator(".bg-catalogue-list li a").first
    expect(link).to_be_visible()
    # A title of 26 characters takes at most three lines on a phone.
    lines = link.evaluate("a => a.getClientRects().length")
    assert lines <= 3, lines


# --------------------------------------------------------------------------
# Marks, type
# --------------------------------------------------------------------------


def test_the_marks_legend_shows_without_hover_and_each_mark_has_a_name(
    reader: tuple[Any, Outside], site_url: str
) -> None:
    page, _ = reader
    page.goto(site_url + PAGES["section"])
    legend = page.locator(".bg-legend")
    expect(legend).to_be_in_viewport()
    expect(legend).to_contain_text("原文遮盖的字符")
    # Under the title, before the text.
    assert legend.evaluate("p => p.previousElementSibling.tagName") == "H1"
    masks = page.get_by_role("img", name=re.compile("原文此处有字符被遮盖"))
    assert masks.count() >= 2
    expect(masks.first).to_have_text("*")


def test_a_page_without_marks_has_no_legend(reader: tuple[Any, Outside], site_url: str) -> None:
    page, _ = reader
    page.goto(site_url + PAGES["figures"])
    expect(page.locator("article h1")).to_be_visible()
    assert page.locator(".bg-legend").count() == 0


def test_chinese_is_set_in_system_cjk_fonts_and_no_font_is_downloaded(
    reader: tuple[Any, Outside], site_url: str
) -> None:
    page, _ = reader
    fonts: list[str] = []
    page.on("request", lambda request: fonts.append(request.url) if request.resource_type == "font" else None)
    page.goto(site_url + PAGES["section"])
    family = page.locator("article p").first.evaluate("p => getComputedStyle(p).fontFamily")
    assert family.startswith('"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC"'), family
    page.wait_for_load_state("networkidle")
    assert fonts == []


# --------------------------------------------------------------------------
# The whole text, print
# --------------------------------------------------------------------------


def test_the_full_text_page_reads_the_whole_report_and_offers_its_text(
    reader: tuple[Any, Outside], site_url: str
) -> None:
    page, _ = reader
    page.goto(site_url + PAGES["overview"])
    page.locator("nav.md-nav a", has_text="全文").first.dispatch_event("click")
    expect(page).to_have_url(re.compile(r"fulltext\.html$"))
    article = page.locator("article")
    for heading in ("一、基本情况", "二、自查自评情况", "三、存在的问题", "四、下一步工作打算"):
        expect(article.locator("h2", has_text=heading)).to_have_count(1)
    download = page.locator("article a", has_text="fulltext.txt")
    response = page.request.get(download.evaluate("a => a.href"))
    assert response.ok and response.headers["content-type"].startswith("text/plain")
    text = response.text()
    assert text.startswith("2023年张掖市人民政府履行教育职责情况自评报告\n\n")
    assert "队*建设" in text


def test_print_shows_the_page_its_report_and_source_and_whole_tables(
    reader: tuple[Any, Outside], site_url: str
) -> None:
    page, _ = reader
    page.goto(site_url + PAGES["figures"])
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".bg-figures-filter"):
        expect(page.locator(chrome).first).to_be_hidden()
    meta = page.locator(".bg-print-meta")
    expect(meta).to_be_visible()
    expect(meta).to_contain_text("2023年张掖市人民政府履行教育职责情况自评报告")
    expect(meta).to_contain_text("来源：sources/2023-zhangye-education-self-evaluation.txt")
    table = page.locator(".bg-figures table")
    columns = table.locator("thead th")
    assert columns.count() == 7
    right = table.evaluate("t => t.getBoundingClientRect().right")
    assert all(columns.nth(i).is_visible() for i in range(7))
    assert columns.nth(6).evaluate("th => th.getBoundingClientRect().right") <= right + 1
    assert table.evaluate("t => t.scrollWidth <= t.clientWidth + 1")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


# --------------------------------------------------------------------------
# Accessibility
# --------------------------------------------------------------------------


def axe_violations(page: Any) -> list[str]:
    if not AXE.is_file():
        pytest.skip(f"axe-core not found at {AXE} (npm install axe-core; .ci/run installs it)")
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """() => axe.run(document).then(result => result.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')))"""
    )
    return list(found)


@pytest.mark.parametrize("kind", list(PAGES))
def test_no_serious_accessibility_violation(reader: tuple[Any, Outside], site_url: str, kind: str) -> None:
    page, _ = reader
    page.goto(site_url + PAGES[kind])
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []


def test_the_pagefind_search_page_has_no_serious_accessibility_violation(
    pagefind_reader: tuple[Any, Outside], pagefind_url: str
) -> None:
    page, _ = pagefind_reader
    page.goto(pagefind_url + "search.html")
    search_pagefind(page, "双减")
    assert axe_violations(page) == []


def test_keyboard_focus_is_visible_on_the_filter_and_the_sort_headers(
    reader: tuple[Any, Outside], site_url: str
) -> None:
    page, _ = reader
    page.goto(site_url + PAGES["figures"])
    box = page.locator(".bg-figures-filter")
    box.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # reached by the keyboard: :focus-visible
    expect(box).to_be_focused()
    assert box.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    page.keyboard.press("Tab")
    heading = page.locator(".bg-figures th").first
    expect(heading).to_be_focused()
    style = heading.evaluate("e => [getComputedStyle(e).outlineStyle, parseFloat(getComputedStyle(e).outlineWidth)]")
    assert style[0] == "solid" and style[1] >= 2
    page.keyboard.press("Enter")
    expect(heading).to_have_attribute("aria-sort", "ascending")
