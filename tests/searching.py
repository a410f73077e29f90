"""Search the built site in Chromium as a reader does; score a query set.

Used by tests/test_browser.py and bench/search_quality.py.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

QUERIES = Path(__file__).resolve().parent / "search_queries.txt"
# Queries answered by the corpus and ../shared/pages (bench/search_quality.py's large site).
MORE_QUERIES = Path(__file__).resolve().parent / "search_queries_more.txt"
EXAMPLE_SLUG = "2023-zhangye-education-self-evaluation"
ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\ufeff]")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass(frozen=True)
class Query:
    text: str
    report: str
    """Report slug the answer is in; ``*`` for any report."""
    heading: str
    """A part of the heading of the section that must be found."""


def load_queries(path: Path = QUERIES) -> list[Query]:
    queries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            text, report, heading = line.split("\t")
            queries.append(Query(text, EXAMPLE_SLUG if report == "example" else report, heading))
    return queries


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 (a free port); yield its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def search(page: Any, base: str, query: str, timeout: int = 20_000) -> list[tuple[str, str]]:
    """Type `query` into the search box; the visible results as (title, link), in order.

    Each query starts from a freshly loaded home page, so no result of the
    previous query can be read as this one's.
    """
    page.goto(base + "index.html")
    box = page.locator("input.md-search__input")
    page.keyboard.press("/")
    box.fill(query)
    box.press("End")  # Material reads the query on key release
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function(
        """([query]) => {
            const meta = document.querySelector('.md-search-result__meta');
            const box = document.querySelector('input.md-search__input');
            if (!meta || box.value !== query) return false;
            // The count and the list are rendered apart: with a count, wait
            // for the list too, or a slow machine reads an empty list.
            if (/没有/.test(meta.textContent)) return true;
            const shown = [...document.querySelectorAll('.md-search-result__list article')]
                .some(article => article.offsetParent !== null);
            return /\\d/.test(meta.textContent) && shown;
        }""",
        arg=[query],
        timeout=timeout,
    )
    del meta
    results = page.locator(".md-search-result__list article.md-search-result__article").evaluate_all(
        """articles => articles
            .filter(article => article.offsetParent !== null)
            .map(article => [
                (article.querySelector('h1, h2') || article).textContent,
                article.closest('a').getAttribute('href'),
            ])"""
    )
    return [(ZERO_WIDTH.sub("", title).strip(), href) for title, href in results]


# Material heads each page's group of results with the page itself; when no
# query term matched in it, its link carries an empty ?h=. It is a label, not
# a hit, and does not count as a position.
_GROUP_HEADER = re.compile(r"\?h=(?:#|$)")


def section_hits(results: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The results that are sections, without the page headers Material groups them under."""
    return [(title, href) for title, href in results if not _GROUP_HEADER.search(href)]


def rank(results: list[tuple[str, str]], query: Query) -> int | None:
    """1-based position of the expected section among the hits, or None."""
    hits = section_hits(results)
    for position, (title, href) in enumerate(hits, 1):
        if query.heading in title and (query.report == "*" or f"/{query.report}/" in href):
            return position
    return None


def score(ranks: list[int | None]) -> tuple[float, float]:
    """hit@1 and hit@3."""
    total = len(ranks) or 1
    return (
        sum(1 for r in ranks if r == 1) / total,
        sum(1 for r in ranks if r is not None and r <= 3) / total,
    )


def search_pagefind(page: Any, base: str, query: str, timeout: int = 20_000) -> list[tuple[str, str]]:
    """Type `query` on a Pagefind site's 搜索 page; the sections shown, as
    (title, link), in order."""
    page.goto(base + "search.html")
    box = page.locator(".bg-search input[type=search]")
    box.fill(query)
    # The count names the query once its results are shown (“双减”：找到 4 个结果,
    # or 没有找到“双减”); the block says when it has searched.
    page.wait_for_function(
        """([query]) => {
            const block = document.querySelector('.bg-search');
            const count = document.querySelector('.bg-results-count');
            return block && count && block.dataset.state === 'done' && count.textContent.includes(query.trim());
        }""",
        arg=[query],
        timeout=timeout,
    )
    results = page.locator(".bg-results .bg-result-title").evaluate_all(
        "links => links.map(link => [link.textContent, link.getAttribute('href')])"
    )
    return [(title.strip(), href) for title, href in results]


def search_pagefind_all(page: Any, base: str, query: str, timeout: int = 20_000) -> list[tuple[str, str]]:
    """Like `search_pagefind`, then every further page of results (显示更多结果), as a reader pages on."""
    search_pagefind(page, base, query, timeout)
    more = page.locator(".bg-results-more")
    while more.is_visible():
        shown = page.locator(".bg-results .bg-result-title").count()
        more.click()
        page.wait_for_function(
            "([shown]) => document.querySelectorAll('.bg-results .bg-result-title').length > shown",
            arg=[shown],
            timeout=timeout,
        )
    results = page.locator(".bg-results .bg-result-title").evaluate_all(
        "links => links.map(link => [link.textContent, link.getAttribute('href')])"
    )
    return [(title.strip(), href) for title, href in results]
