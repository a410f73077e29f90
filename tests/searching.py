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
    (title, link), in order: each page's sections as listed under it, or the
    page itself where it lists none."""
    page.goto(base + "search.html")
    box = page.locator("#bg-pagefind input")
    box.fill(query)
    # Pagefind's message names the query once it has searched (找到 4 个 双减 的相关结果,
    # or that none was found); while it searches it says so (正在搜索).
    page.wait_for_function(
        """([query]) => {
            const message = document.querySelector('.pagefind-ui__message');
            const text = message ? message.textContent : '';
            if (!text.includes(query) || /正在|Searching/.test(text)) return false;
            const found = text.match(/找到\\s*(\\d+)\\s*个|(\\d+) results?/);
            const count = found ? found[1] || found[2] : '0';
            // With a count, wait for the list too: results are rendered after it.
            return count === '0' || document.querySelectorAll('.pagefind-ui__result-link').length > 0;
        }""",
        arg=[query],
        timeout=timeout,
    )
    results = page.locator(".pagefind-ui__result").evaluate_all(
        """results => results.flatMap(result => {
            const nested = [...result.querySelectorAll('.pagefind-ui__result-nested .pagefind-ui__result-link')];
            const links = nested.length ? nested : [result.querySelector('.pagefind-ui__result-link')];
            return links.filter(Boolean).map(link => [link.textContent, link.getAttribute('href')]);
        })"""
    )
    return [(title.strip(), href) for title, href in results]
