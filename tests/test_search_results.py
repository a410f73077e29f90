"""Search results a reader can use (issue 13, in part), in headless Chromium:
each result names its report; the figures table is in neither index; full-
width digits find half-width ones; on a large site (Pagefind) a box in every
page's header, filters by report, kind and year, and sections ranked by
how well they match."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from .conftest import SLUG
from .searching import search, search_pagefind_all
from .test_reading import opened

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed; browser tests skipped")
expect = sync_api.expect
REPORT = "2023年张掖市人民政府履行教育职责情况自评报告"


def test_the_figures_table_and_page_furniture_are_not_in_materials_index(built_site: Path) -> None:
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    figures = [doc for doc in docs if doc["location"] == f"{SLUG}/figures.html"]
    assert figures and all("在园幼儿" not in doc["text"] for doc in figures)  # a cell of the table only
    sections = [doc for doc in docs if doc["location"].startswith(f"{SLUG}/0")]
    assert sections and not any("→" in doc["text"] or "←" in doc["text"] for doc in sections)  # previous/next
    # The overview's account of cleaning quotes the lines it removed: not searched.
    assert not any("网页杂项" in doc["text"] or "发送至邮箱" in doc["text"] for doc in docs)


def test_each_result_names_its_report_and_full_width_digits_find_the_same(browser: Any, site_url: str) -> None:
    with opened(browser, "desktop", site_url) as (page, _):
        half = search(page, site_url, "3412.55万元")
        named = page.locator(".md-search-result__article .bg-result-report").first
        expect(named).to_have_text(f"{REPORT} · 自评报告 · 甘肃省张掖市 · 2023年")
        wide = search(page, site_url, "３４１２．５５万元")
        assert wide == half and "认真落实" in half[1][0]
        assert not any("数字一览" in title for title, _ in half)


def test_a_large_site_has_a_search_box_in_every_header_that_opens_the_results(browser: Any, pagefind_url: str) -> None:
    for size in ("desktop", "phone"):
        with opened(browser, size, pagefind_url) as (page, _):
            page.goto(pagefind_url + "report-1/02.html")
            box = page.locator(".md-header .bg-header-search input")
            expect(box).to_be_visible()
            box.fill("学校安全")
            box.press("Enter")
            expect(page).to_have_url(re.compile(r"search\.html\?q="))
            first = page.locator(".bg-result").first
            expect(first).to_be_visible()
            # The section whose heading holds the query comes first, and names its report and year.
            expect(first.locator(".bg-result-title")).to_contain_text("学校安全")
            expect(first.locator(".bg-result-report")).to_contain_text("自评报告")
            expect(first.locator(".bg-result-excerpt mark").first).to_contain_text("学校安全")
            # Results narrow by report, kind and year: every report is one choice.
            reports = page.locator(".bg-search select[name=report]")
            expect(reports.locator("option")).to_have_count(4, timeout=20_000)  # 全部报告 and three reports
            assert page.locator(".bg-search-filters label:visible").all_inner_texts()[0].startswith("报告")
            chosen = reports.locator("option").nth(2).inner_text()
            reports.select_option(label=chosen)
            expect(page.locator(".bg-search")).to_have_attribute("data-state", "done")
            lines = page.locator(".bg-result-report")
            expect(lines.first).to_contain_text(chosen)
            assert all(chosen in line for line in lines.all_inner_texts()), lines.all_inner_texts()


# Runs copied from a report: every one of at least four characters finds the
# section it stands in (issue 13's property), on a large site's search page.
COPIED_RUNS = int(os.environ.get("BAOGAO_COPIED_RUNS", "10"))
SEARCHED = re.compile(r"[\w]")  # Han characters, digits and letters


@pytest.fixture(scope="module")
def indexed_sections(pagefind_site: Path) -> list[Any]:
    """Every section of the Pagefind site's report pages, as its search indexes them."""
    from baogao.build.sections import page_sections

    found = []
    for page in sorted(pagefind_site.glob("report-*/*.html")):
        found += page_sections(page.read_text(encoding="utf-8"), page.relative_to(pagefind_site).as_posix())
    return [record for record in found if len(record.text) >= 12]


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_every_run_copied_from_a_section_finds_it(
    browser: Any, pagefind_url: str, indexed_sections: list[Any], size: str
) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    with opened(browser, size, pagefind_url) as (page, _):

        @settings(max_examples=COPIED_RUNS, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(st.data())
        def copied(data: st.DataObject) -> None:
            record = data.draw(st.sampled_from(indexed_sections), label="section")
            length = data.draw(st.integers(4, 12), label="length")
            start = data.draw(st.integers(0, len(record.text) - length), label="start")
            run = record.text[start : start + length]
            # Characters are what a reader copies: marks and spaces do not count.
            # (Digits and letters are words one by one: a run that starts inside
            # a number or a Latin word, 8049 of 38049 or DP of GDP, is found.)
            if len(SEARCHED.findall(run)) < 4:
                return
            shown = [
                unquote(href.split(":~:")[0]).rstrip("#") for _, href in search_pagefind_all(page, pagefind_url, run)
            ]
            # Sections that hold the run's characters side by side (marks and spaces aside,
            # as the search reads a query) are as good an answer as the one it came from.
            wanted = "".join(SEARCHED.findall(run))
            holding = sum(wanted in "".join(SEARCHED.findall(other.text)) for other in indexed_sections)
            assert any(link.endswith("/" + record.url) for link in shown), f"{run!r} did not find {record.url}"
            if holding <= 10:  # a run few sections hold finds its section on the first page
                first_page = shown[:10]
                assert any(link.endswith("/" + record.url) for link in first_page), f"{run!r}: {record.url} not in 10"

        copied()


def test_a_large_sites_result_opens_its_section_at_the_match(browser: Any, pagefind_url: str) -> None:
    with opened(browser, "desktop", pagefind_url) as (page, _):
        page.goto(pagefind_url + "search.html?q=" + "3412.55万元")
        first = page.locator(".bg-result-title").first
        expect(first).to_contain_text("认真落实“双减”决策部署")
        expect(page.locator(".bg-result-excerpt mark").first).to_have_text("3412.55万元")
        first.click()
        page.wait_for_url(re.compile(r"/02\.html#"))
        # The browser scrolls to the text fragment: the figure is on the screen, far down its page.
        page.wait_for_function("window.scrollY > 200")
        figure = page.locator("article p", has_text="3412.55万元").first
        box = figure.bounding_box()
        assert box is not None and 0 <= box["y"] < page.viewport_size["height"], box


def test_a_run_copied_from_inside_a_latin_word_finds_its_section(browser: Any, pagefind_url: str) -> None:
    # The example prints 校外培训APP进行购课; a reader copies from the middle of APP.
    with opened(browser, "desktop", pagefind_url) as (page, _):
        page.goto(pagefind_url + "search.html?q=" + "PP进行购课")
        expect(page.locator(".bg-result-title").first).to_contain_text("认真落实“双减”决策部署")
        # The excerpt shows the word as printed, its letters joined again.
        expect(page.locator(".bg-result-excerpt").first).to_contain_text("APP进行购课")


def test_a_large_sites_headings_show_before_every_sections_text_is_searched(browser: Any, pagefind_url: str) -> None:
    with opened(browser, "desktop", pagefind_url) as (page, _):
        # The parts' index never answers: only the index of headings alone can.
        page.route(re.compile(r"/pagefind(-[0-9a-f]{10})?/(index|fragment|filter)/"), lambda route: None)
        page.goto(pagefind_url + "search.html")
        page.locator(".bg-search input[type=search]").fill("学校安全")
        first = page.locator(".bg-result").first
        expect(first.locator(".bg-result-title")).to_contain_text("学校安全")
        expect(first.locator(".bg-result-report")).to_contain_text("自评报告")
        # It opens its section at the heading, highlighted.
        href = first.locator(".bg-result-title").get_attribute("href") or ""
        assert re.search(r"/report-\d+/0\d\.html#[^:]+:~:text=", unquote(href)), href
        assert page.locator(".bg-search").get_attribute("data-state") == "searching"
