"""Search results a reader can use (issue 13, in part), in headless Chromium:
each result names its report; the figures table is in neither index; full-
width digits find half-width ones; on a large site (Pagefind) a box in every
page's header, filters by report, kind and year, and a page's sections
ordered by how well they match."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from .conftest import SLUG
from .searching import search
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
            first = page.locator(".pagefind-ui__result").first
            expect(first).to_be_visible()
            # The result names its report; the section whose heading holds the query comes first.
            expect(first.locator(".pagefind-ui__result-title").first).to_contain_text("自评报告")
            nested = first.locator(".pagefind-ui__result-nested .pagefind-ui__result-title").first
            expect(nested).to_contain_text("学校安全")
            # Results narrow by report, kind and year.
            names = page.locator(".pagefind-ui__filter-name")
            expect(names).to_have_count(3, timeout=20_000)  # the filters load after the first results
            assert {name.strip() for name in names.all_inner_texts()} == {"报告", "类别", "年份"}
