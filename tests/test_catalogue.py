"""A catalogue a reader finds their way in (issue 14), in headless Chromium at
1366×900 and 390×844: the home page narrows a thousand reports by year and
kind; every page names its report (window title, breadcrumb, header) and
leads to the report's previous and next page."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from baogao.build.site import Stamp, build_site
from baogao.model import Listing, Metadata, PageRef, Summary
from baogao.render.environment import make_environment
from baogao.render.labels import KINDS
from baogao.render.names import CATALOGUE_SCRIPT
from baogao.render.site_pages import HOME_LISTED, render_catalogue_script, render_home

from .conftest import ROOT, SLUG
from .searching import serve
from .test_reading import SIZES, opened, screenshot

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed; browser tests skipped")
expect = sync_api.expect

REPORTS = 1000
REGIONS = [
    ("甘肃省/张掖市", "city"),
    ("甘肃省", "province"),
    ("内蒙古自治区/呼伦贝尔市/海拉尔区", "county"),
    ("湖北省/襄阳市", "city"),
    ("全国", "national"),
    ("", ""),
]
SUMMARY = Summary(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, {}, 0, 0, 0)


def thousand_listings() -> list[Listing]:
    """A thousand different reports: kinds, regions and years spread over them."""
    chooser = random.Random(14)
    kinds = [kind for kind in KINDS if kind]
    listings = []
    for index in range(REPORTS):
        kind = kinds[index % len(kinds)]
        region, level = REGIONS[index % len(REGIONS)]
        year = str(2003 + index % 22)
        title = f"{year}年{region.replace('/', '')}{KINDS[kind]}（第{index}号）"
        metadata = Metadata(kind=kind, region=region, region_level=level, year=year)
        fingerprint = tuple(chooser.getrandbits(32) for _ in range(20))
        pages = (PageRef("01.md", "一、总体情况"),)
        listings.append(Listing(f"r{index:04d}", title, pages, SUMMARY, (), metadata, "", 1000, fingerprint))
    return listings


@pytest.fixture(scope="module")
def catalogue_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The home page of a thousand reports, built by MkDocs with the site's theme."""
    out = tmp_path_factory.mktemp("catalogue")
    content = out / "content"
    content.mkdir()
    listings = thousand_listings()
    (content / "index.md").write_text(render_home(listings, make_environment(ROOT / "templates")))
    (content / CATALOGUE_SCRIPT).write_text(render_catalogue_script(listings), encoding="utf-8")
    build_site(ROOT / "mkdocs.yml", content, out / "site", [{"首页": "index.md"}], Stamp("test", "", {}), True)
    with serve(out / "site") as base:
        yield base


@pytest.fixture(params=list(SIZES))
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    size = str(request.param)
    with opened(browser, size, "http://127.0.0.1") as (opened_page, _):
        opened_page.size = size
        yield opened_page


def choose(page: Any, field: str, value: str) -> float:
    """Choose `value` in the filter for `field`; milliseconds the page took to narrow the list."""
    return float(
        page.evaluate(
            """([field, value]) => {
                const select = document.querySelector(`select[data-field="${field}"]`);
                const start = performance.now();
                select.value = value;
                select.dispatchEvent(new Event('change'));
                return performance.now() - start;
            }""",
            [field, value],
        )
    )


def shown(page: Any) -> int:
    return int(page.locator(".bg-catalogue-list li:not([hidden])").count())


def test_the_home_page_narrows_a_thousand_reports_by_year_and_kind(page: Any, catalogue_url: str) -> None:
    listings = thousand_listings()
    page.goto(catalogue_url + "index.html")
    # The page itself lists the newest entries only; the rest come from the data, a page at a time.
    expect(page.locator(".bg-catalogue-count")).to_have_text(f"显示全部 {REPORTS} 份，已列出前 {HOME_LISTED} 份。")
    assert shown(page) == HOME_LISTED
    # Counts per value are in the filters.
    in_2020 = sum(1 for item in listings if item.metadata.year == "2020")
    assert page.locator('select[data-field="year"] option[value="2020"]').inner_text() == f"2020（{in_2020}）"
    took = choose(page, "year", "2020")
    assert shown(page) == in_2020
    assert took < 100, f"{took:.0f} ms"
    audits = sum(1 for item in listings if item.metadata.year == "2020" and item.metadata.kind == "audit")
    took = choose(page, "kind", "audit")
    assert shown(page) == audits > 0 and took < 100
    expect(page.locator(".bg-catalogue-count")).to_have_text(f"显示 {audits} 份（共 {REPORTS} 份）。")
    for item in page.locator(".bg-catalogue-list li:not([hidden]) .bg-catalogue-meta").all():
        expect(item).to_contain_text("审计工作报告")
        expect(item).to_contain_text("2020年")
    # Words of the title narrow further; none left says so.
    page.locator(".bg-catalogue-text").fill("没有这样的标题")
    assert shown(page) == 0
    expect(page.locator(".bg-catalogue-count")).to_have_text(f"显示 0 份（共 {REPORTS} 份）。")
    page.locator(".bg-catalogue-text").fill("")
    choose(page, "year", "*")
    choose(page, "kind", "*")
    assert shown(page) == HOME_LISTED
    # 显示更多 lists the next page of matches, to the last.
    listed = HOME_LISTED
    while listed < REPORTS:
        page.locator(".bg-catalogue-more").click()
        listed = min(REPORTS, listed + HOME_LISTED)
        assert shown(page) == listed
    expect(page.locator(".bg-catalogue-more")).to_be_hidden()
    expect(page.locator(".bg-catalogue-count")).to_have_text(f"显示全部 {REPORTS} 份。")
    slugs = page.eval_on_selector_all(".bg-catalogue-list li > a", "links => links.map(a => a.getAttribute('href'))")
    assert sorted(slugs) == sorted(f"./{item.slug}/index.html" for item in listings)
    # Newest first by default; by title on request.
    first_year = page.locator(".bg-catalogue-list li").first.get_attribute("data-year")
    assert first_year == max(item.metadata.year for item in listings)
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, f"home-1000-{page.size}")


def test_every_page_of_a_report_names_it(page: Any, site_url: str, built_site: Path) -> None:
    report = "2023年张掖市人民政府履行教育职责情况自评报告"
    for path in sorted((built_site / SLUG).glob("*.html")):
        page.goto(site_url + f"{SLUG}/{path.name}")
        assert report in page.title(), path.name
        crumb = page.locator("nav.bg-breadcrumb")
        expect(crumb).to_contain_text("首页")
        expect(crumb).to_contain_text(report)
        # The header's first line names the report, on a phone too.
        expect(page.locator(".md-header__topic").first).to_contain_text(report)
    page.goto(site_url + f"{SLUG}/02.html")
    assert page.title() == f"二、自查自评情况 · {report}"


def test_previous_and_next_stay_in_the_report(page: Any, site_url: str) -> None:
    page.goto(site_url + f"{SLUG}/index.html")
    titles = []
    for _ in range(10):
        following = page.locator("nav.bg-pager a", has_text="→")
        if following.count() == 0:
            break
        following.first.click()
        titles.append(page.locator("article h1").first.inner_text().rstrip("¶"))
        assert f"/{SLUG}/" in page.url
    assert titles[:4] == ["一、基本情况", "二、自查自评情况", "三、存在的问题", "四、下一步工作打算"]
    assert page.url.endswith("fulltext.html")  # the last page has no next
    back = page.locator("nav.bg-pager a", has_text="←").first
    expect(back).to_contain_text("数字一览")


def test_the_overview_says_what_the_report_is(page: Any, site_url: str) -> None:
    page.goto(site_url + f"{SLUG}/index.html")
    facts = page.locator("article p", has_text="类别：")
    expect(facts).to_contain_text("类别：自评报告 · 发布机关：张掖市人民政府 · 地区：甘肃省张掖市")
    screenshot(page, f"overview-metadata-{page.size}")


def test_copies_are_listed_once_and_the_incomplete_copy_says_so(browser: Any, tmp_path: Path) -> None:
    corpus = ROOT.parent / "shared" / "corpus"
    if not corpus.is_dir():
        pytest.skip("../shared/corpus is absent (it exists beside the project in CI, not in a user's clone)")
    import subprocess
    import sys

    command = [
        sys.executable,
        "build.py",
        "-q",
        "--content",
        str(tmp_path / "content"),
        "--site",
        str(tmp_path / "site"),
    ]
    subprocess.run([*command, str(corpus)], cwd=ROOT, check=True, timeout=600)
    with serve(tmp_path / "site") as base:
        context = browser.new_context(viewport=SIZES["desktop"])
        try:
            opened = context.new_page()
            opened.goto(base + "index.html")
            entries = opened.locator(".bg-catalogue-list li")
            assert entries.count() == 16  # 20 sources, 4 of them copies
            entry = opened.locator(".bg-catalogue-list li", has_text="2007年国务院政府工作报告")
            expect(entry.locator(".bg-catalogue-copies")).to_contain_text("2007-2（不完整）")
            opened.goto(base + "2007-2/index.html")
            expect(opened.locator(".admonition.warning")).to_contain_text("原文只有分页网页的第一页")
            copies = opened.locator("article ol", has_text="本页")
            expect(copies).to_contain_text("最完整")
        finally:
            context.close()
    assert re.search(r"共 16 份报告（20 个来源", (tmp_path / "content" / "index.md").read_text(encoding="utf-8"))
