"""Search quality in Chromium: hit@1 and hit@3 of the query set, before and after.

    python bench/search_quality.py

Builds the example and ../shared/corpus/national-work-reports twice: with
baogao's query segmentation (templates/theme/main.html wraps Material's search
worker) and without it (the same templates less that override: Material's
own query segmentation), then types every query of tests/search_queries.txt
into the search box of each site in headless Chromium (/usr/bin/chromium) and
reports where the expected section ranks. Then the same queries on two more
sites: the example alone (Material's search), the first site's reports with
Pagefind's search page (what a small site would get from the large sites'
search), and the example among every report of
../shared/corpus/national-work-reports and ../shared/pages (a large site:
Pagefind's search page).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.searching import (  # noqa: E402
    CHROMIUM_ARGS,
    EXAMPLE_SLUG,
    MORE_QUERIES,
    load_queries,
    rank,
    score,
    search,
    search_pagefind,
    serve,
)

CORPUS = ROOT.parent / "shared" / "corpus" / "national-work-reports"


PAGES = ROOT.parent / "shared" / "pages"


def build(work: Path, with_segmentation: bool, sources: tuple[Path, ...] = (), search: str = "material") -> Path:
    templates = work / "templates"
    shutil.copytree(ROOT / "templates", templates)
    if not with_segmentation:
        (templates / "theme" / "main.html").unlink()
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("custom_dir: templates/theme", f"custom_dir: {templates / 'theme'}")
    config = config.replace("INHERIT: content/.baogao/nav.yml\n", "")
    (work / "mkdocs.yml").write_text(config, encoding="utf-8")
    command = [sys.executable, str(ROOT / "build.py"), "-q", "--templates", str(templates)]
    command += ["--config", str(work / "mkdocs.yml"), "--content", str(work / "content"), "--site", str(work / "site")]
    command += ["--search", search, *(str(path) for path in sources or (ROOT / "sources", CORPUS))]
    subprocess.run(command, cwd=ROOT, check=True)
    return work / "site"


def measure(
    site: Path, misses: list[str], pagefind: bool = False, only_example: bool = False, more: bool = False
) -> dict[str, list[int | None]]:
    ranks: dict[str, list[int | None]] = {"example": [], "corpus": [], "more": []}
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(base + "index.html")
        queries = [(query, "example" if query.report == EXAMPLE_SLUG else "corpus") for query in load_queries()]
        queries += [(query, "more") for query in load_queries(MORE_QUERIES)] if more else []
        for query, kind in queries:
            if only_example and query.report != EXAMPLE_SLUG:
                continue
            results = search_pagefind(page, base, query.text) if pagefind else search(page, base, query.text)
            position = rank(results, query)
            ranks[kind].append(position)
            if position is None or position > 3:
                misses.append(f"{query.text} ({position or '-'})")
        browser.close()
    return ranks


def main() -> None:
    rows = []
    missed: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for name, flag in (("Material's own segmentation (before)", False), ("baogao's segmentation (after)", True)):
            work = Path(scratch) / ("after" if flag else "before")
            work.mkdir()
            start = time.perf_counter()
            missed[name] = []
            ranks = measure(build(work, flag), missed[name])
            elapsed = time.perf_counter() - start
            for kind, found in ranks.items():
                if found:
                    hit1, hit3 = score(found)
                    rows.append((name, kind, len(found), hit1, hit3, elapsed))
        sites = (
            ("the example alone (Material)", (ROOT / "sources",), "material", True),
            ("the example and the national reports (Pagefind)", (ROOT / "sources", CORPUS), "pagefind", False),
            ("the example among the corpus and pages (Pagefind)", (ROOT / "sources", CORPUS, PAGES), "pagefind", False),
        )
        for number, (name, sources, search_mode, only_example) in enumerate(sites):
            work = Path(scratch) / f"site-{number}"
            work.mkdir()
            start = time.perf_counter()
            missed[name] = []
            site = build(work, True, sources, search_mode)
            more = search_mode == "pagefind" and PAGES in sources
            ranks = measure(site, missed[name], search_mode == "pagefind", only_example, more=more)
            elapsed = time.perf_counter() - start
            for kind, found in ranks.items():
                if found:
                    hit1, hit3 = score(found)
                    rows.append((name, kind, len(found), hit1, hit3, elapsed))
    print("| search | queries | n | hit@1 | hit@3 |")
    print("| --- | --- | --- | --- | --- |")
    for name, kind, count, hit1, hit3, _ in rows:
        print(f"| {name} | {kind} | {count} | {hit1:.2f} | {hit3:.2f} |")
    for name, queries in missed.items():
        print(f"not in the first 3 with {name} (rank): {', '.join(queries) or 'none'}")


if __name__ == "__main__":
    main()
