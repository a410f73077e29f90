"""Scale: 1, 100 and 1,000 reports through baogao and MkDocs, and search in Chromium.

    python bench/scale.py [--sizes 1 100 1000]

For each size, generated from the real reports (each copy different; see
bench/rebuild.py), it measures:
- baogao's own time (read to Markdown: ``build.py --no-site``);
- the MkDocs build of that Markdown with baogao's mkdocs.yml, and with a bare
  mkdocs-material configuration (theme and search only), the baseline;
- pages, and the size of search_index.json;
- time to first result: a fresh page in headless Chromium, the query typed as
  soon as the search box is there, until the first result shows.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from playwright.sync_api import sync_playwright  # noqa: E402
from rebuild import make_reports  # noqa: E402

from tests.searching import CHROMIUM_ARGS, serve  # noqa: E402

BARE = """site_name: bare
docs_dir: {content}
site_dir: {site}
theme:
  name: material
  language: zh
  font: false
plugins:
  - search
"""


def timed(command: list[str], timeout: float) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, timeout=timeout, capture_output=True)
    return time.perf_counter() - start


def first_result(site: Path, query: str, search: str) -> float:
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        start = time.perf_counter()
        if search == "pagefind":
            page.goto(base + "search.html")
            page.locator(".pagefind-ui__search-input").fill(query)
            page.locator(".pagefind-ui__result-link").first.wait_for(timeout=600_000)
        else:
            page.goto(base + "index.html")
            page.keyboard.press("/")
            box = page.locator("input.md-search__input")
            box.fill(query)
            box.press("End")
            page.locator(".md-search-result__list article").first.wait_for(timeout=600_000)
        elapsed = time.perf_counter() - start
        browser.close()
    return elapsed


def _size(folder: Path) -> float:
    """MB of a search index: Material's one JSON file, or Pagefind's folder."""
    if not folder.exists():
        return float("nan")
    if folder.is_file():
        return folder.stat().st_size / 1e6
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 100, 1000])
    parser.add_argument("--timeout", type=float, default=3600, help="per build, in seconds")
    parser.add_argument("--search", choices=["material", "pagefind"], default="material")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare mkdocs-material baseline")
    arguments = parser.parse_args()
    rows = []
    for size in arguments.sizes:
        with tempfile.TemporaryDirectory() as scratch:
            work = Path(scratch)
            make_reports(work / "sources", size)
            content, site, bare_site = work / "content", work / "site", work / "bare"
            ours = [sys.executable, "build.py", "-q", "--content", str(content), "--site", str(site)]
            ours += ["--search", arguments.search]
            baogao = timed([*ours, "--no-site", str(work / "sources")], arguments.timeout)
            mkdocs = timed([*ours, str(work / "sources")], arguments.timeout)
            (work / "bare.yml").write_text(BARE.format(content=content, site=bare_site), encoding="utf-8")
            command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(work / "bare.yml")]
            bare = float("nan") if arguments.no_bare else timed(command, arguments.timeout)
            pages = sum(1 for _ in content.rglob("*.md"))
            material_index = site / "search" / "search_index.json"
            index = _size(site / "pagefind" if arguments.search == "pagefind" else material_index)
            bare_index = _size(bare_site / "search" / "search_index.json")
            search = first_result(site, "教育经费", arguments.search)
            rows.append((size, pages, baogao, mkdocs, bare, index, bare_index, search))
            print(rows[-1], flush=True)
    print(
        "| reports | pages | baogao (s) | MkDocs, baogao's config (s) | bare mkdocs-material (s) | ratio |"
        " search index (MB) | bare index (MB) | first result (s) |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for size, pages, baogao, mkdocs, bare, index, bare_index, search in rows:
        print(
            f"| {size} | {pages} | {baogao:.1f} | {mkdocs:.1f} | {bare:.1f} | {mkdocs / bare:.2f} |"
            f" {index:.1f} | {bare_index:.1f} | {search:.2f} |"
        )


if __name__ == "__main__":
    main()
