"""数字一览 and 指标对比 as a reader uses them (issue 15), in headless
Chromium: the figures table in document order, sorted and sorted back, each
row leading to its sentence; the comparison page's series over the years."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from .conftest import SLUG, corpus_or_skip, run_build
from .searching import serve
from .test_reading import SIZES, opened, screenshot

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed; browser tests skipped")


def _sections(page: Any) -> list[str]:
    return page.locator(".bg-figures tbody tr td:first-child").all_inner_texts()


def _order(page: Any) -> list[int]:
    return [
        int(value)
        for value in page.eval_on_selector_all(
            ".bg-figures tbody tr td:first-child", "cells => cells.map(c => c.dataset.value)"
        )
    ]


def test_the_figures_table_reads_in_document_order_and_sorts_back(browser: Any, site_url: str) -> None:
    with opened(browser, "desktop", site_url) as (page, _):
        page.goto(f"{site_url}{SLUG}/figures.html")
        first = _order(page)
        assert first == sorted(first) and len(first) == 147
        assert _sections(page)[0] == "一、基本情况"
        heading = page.locator(".bg-figures th", has_text="数值")
        heading.click()
        values = page.eval_on_selector_all(
            ".bg-figures tbody tr td[data-label='数值']", "cells => cells.map(c => parseFloat(c.dataset.value))"
        )
        known = [value for value in values if value == value]  # masked values (NaN) sort first
        assert known == sorted(known)
        chapter = page.locator(".bg-figures th", has_text="章节")
        chapter.click()
        assert _order(page) == first  # back in document order, not 二 before 一 as pinyin would put it
        chapter.click()
        assert _order(page) == first[::-1]
        screenshot(page, "figures-sorted-desktop")


def test_a_figure_leads_to_its_sentence(browser: Any, site_url: str) -> None:
    with opened(browser, "desktop", site_url) as (page, _):
        page.goto(f"{site_url}{SLUG}/figures.html")
        link = page.locator(".bg-figures tbody tr", has_text="72298人").locator("a")
        assert re.fullmatch(r"01\.html#[^:]+:~:text=.+", link.get_attribute("href") or "")
        link.click()
        page.wait_for_url(re.compile(r"/01\.html#"))
        assert "72298" in page.locator("article").inner_text()


def test_numbers_are_right_aligned_and_the_header_stays_in_view(browser: Any, site_url: str) -> None:
    with opened(browser, "desktop", site_url) as (page, _):
        page.goto(f"{site_url}{SLUG}/figures.html")
        cell = page.locator(".bg-figures tbody td[data-label='数值']").first
        assert cell.evaluate("c => getComputedStyle(c).textAlign") == "right"
        page.mouse.wheel(0, 2500)
        page.wait_for_timeout(200)
        header = page.locator(".bg-figures thead th").first.bounding_box()
        assert header is not None and 0 <= header["y"] < 120  # stuck under the site's header


@pytest.fixture(scope="module")
def national_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    corpus = corpus_or_skip()
    out = tmp_path_factory.mktemp("national")
    result = run_build(
        "-q", "--content", str(out / "content"), "--site", str(out / "site"), str(corpus / "national-work-reports")
    )
    assert result.returncode == 0, result.stderr
    with serve(out / "site") as url:
        yield url


@pytest.mark.parametrize(
    ("heading", "first", "last"),
    [
        ("国内（地区）生产总值（全国）", ("2002", "１０．２万亿元"), ("2017", "82.7万亿元")),
        ("财政收入（全国）", ("2002", "１８９１４亿元"), ("2017", "17.3万亿元")),
        ("粮食产量（全国）", ("2004", "46947万吨"), ("2014", "6.07亿吨")),
    ],
)
def test_the_national_reports_indicators_as_series(
    browser: Any, national_url: str, heading: str, first: tuple[str, str], last: tuple[str, str]
) -> None:
    for size in SIZES:
        with opened(browser, size, national_url) as (page, _):
            page.goto(national_url + "compare.html")
            title = page.locator("h3", has_text=heading)
            title.scroll_into_view_if_needed()
            chart = title.locator("xpath=following-sibling::figure[1]//*[name()='svg']")
            assert chart.get_attribute("aria-label") == heading
            rows = title.locator("xpath=following-sibling::div[1]//tbody/tr")
            cells = [row.locator("td").all_inner_texts()[:2] for row in rows.all()]
            assert cells[0] == list(first) and cells[-1] == list(last)
            years = [int(year) for year, _ in cells]
            assert years == sorted(years)
            if heading.startswith("国内"):
                assert len(cells) == 16  # every report from 2003 to 2018
                screenshot(page, f"compare-series-{size}")


def test_an_overview_sets_its_indicators_beside_the_regions_earlier_reports(browser: Any, national_url: str) -> None:
    for size in SIZES:
        with opened(browser, size, national_url) as (page, _):
            page.goto(national_url + "2018/index.html")
            heading = page.locator("h2", has_text="与往年比较")
            heading.scroll_into_view_if_needed()
            row = page.locator("tr", has_text="国内（地区）生产总值").first
            cells = row.locator("td").all_inner_texts()
            assert cells[1] == "2017年 82.7万亿元"
            assert cells[2].startswith("2016年 74.4万亿元 · 2015年 67.7万亿元")
            row.locator("a", has_text="2016年").click()
            page.wait_for_url(re.compile(r"/2017/index\.html$"))
            if size == "phone":
                page.go_back()
                page.locator("h2", has_text="与往年比较").scroll_into_view_if_needed()
            screenshot(page, f"overview-history-{size}")
