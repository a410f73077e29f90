"""Scale: 1, 100 and 1,000 reports through baogao and MkDocs, and search in Chromium.

    python bench/scale.py [--sizes 1 100 1000]

For each size, generated from the real reports (each copy different; see
bench/rebuild.py), it measures:
- baogao's own time (read to Markdown: ``build.py --no-site``);
- the site build of that Markdown (MkDocs, plus Pagefind where ``--search
  auto`` picks it: above 30 reports), and a bare mkdocs-material
  configuration (theme and search only) on the same Markdown, the baseline
  (up to ``--bare-up-to`` reports);
- the whole build's peak memory (largest process: build.py, its MkDocs
  workers or Pagefind), and a re-run with nothing changed;
- pages, and the size of the search index (for Pagefind, its index files;
  its folders whole as a reader over HTTP may load them, scripts included;
  and apart the twin scripts written for reading from disk);
- time to first result in headless Chromium, timed in the page, two ways:
  from navigation start (the query typed as soon as the box is there), and
  from the query's input event on a page that has finished loading; each
  the median of ``--runs`` fresh browser contexts.
"""

from __future__ import annotations

import argparse
import json
import statistics
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

from baogao.build.pagefind import DISK_TWIN_SUFFIXES  # noqa: E402
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


# Runs a command and prints the peak RSS (KB) of the largest process under it.
PEAK = "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True);"
PEAK += " print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"


def timed(command: list[str], timeout: float) -> tuple[float, float]:
    """Wall time in seconds and peak memory in MB of `command`."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", PEAK, *command], cwd=ROOT, check=True, timeout=timeout, capture_output=True, text=True
    )
    return time.perf_counter() - start, int(done.stdout.split()[-1]) / 1024


# Installed before the page's own scripts: resolves to [ms from the query's
# first input event, ms from navigation start] at the first frame showing a
# result. Timed in the page, because Playwright notices a change by polling
# (after 0, 20, 50, 100, 100, then every 500 ms), which would round a result
# at 0.45 s up to 0.77 s.
WATCH = """window.baogaoFirstResult = new Promise((resolve) => {
  let typed = null;
  document.addEventListener("input", () => { typed ??= performance.now(); }, {capture: true});
  const look = (now) => {
    const hit = document.querySelector(SELECTOR);
    if (typed !== null && hit && hit.getBoundingClientRect().width > 0) { resolve([now - typed, now]); return; }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
});"""
WAIT = """Promise.race([window.baogaoFirstResult, new Promise((_, fail) =>
  setTimeout(() => fail(new Error("no result within 60 s")), 60000))])"""
RESULT = {"pagefind": ".bg-result-title", "material": ".md-search-result__list article"}


def first_result(site: Path, query: str, search: str, settled: bool, runs: int) -> float:
    """Median seconds until the first result shows, over `runs` fresh
    browser contexts (nothing cached): from navigation start (the query typed
    as soon as the box is there), or from the keypress once loaded."""
    times = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for _ in range(runs):
            context = browser.new_context()
            page = context.new_page()
            page.add_init_script(WATCH.replace("SELECTOR", json.dumps(RESULT[search])))
            wait = "networkidle" if settled else "domcontentloaded"
            if search == "pagefind":
                page.goto(base + "search.html", wait_until=wait)
                page.locator(".bg-search input[type=search]").fill(query)
            else:
                page.goto(base + "index.html", wait_until=wait)
                page.keyboard.press("/")
                box = page.locator("input.md-search__input")
                box.fill(query)
                box.press("End")  # Material reads the query on key release
            from_keypress, from_start = page.evaluate(WAIT)
            times.append((from_keypress if settled else from_start) / 1000)
            context.close()
        browser.close()
    return statistics.median(times)


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
    parser.add_argument("--runs", type=int, default=5, help="search timings: the median of this many")
    parser.add_argument("--search", choices=["auto", "material", "pagefind"], default="auto")
    parser.add_argument("--like", choices=["distinct", "copies"], default="distinct", help="see rebuild.make_reports")
    parser.add_argument(
        "--bare-up-to",
        type=int,
        default=100,
        help="build the bare mkdocs-material baseline only up to this many reports (above, it takes over 10 minutes)",
    )
    arguments = parser.parse_args()
    rows = []
    for size in arguments.sizes:
        with tempfile.TemporaryDirectory() as scratch:
            work = Path(scratch)
            make_reports(work / "sources", size, arguments.like)
            content, site, bare_site = work / "content", work / "site", work / "bare"
            ours = [sys.executable, "build.py", "-q", "--content", str(content), "--site", str(site)]
            ours += ["--search", arguments.search]
            baogao, baogao_peak = timed([*ours, "--no-site", str(work / "sources")], arguments.timeout)
            built, built_peak = timed([*ours, str(work / "sources")], arguments.timeout)
            again, _ = timed([*ours, str(work / "sources")], arguments.timeout)
            (work / "bare.yml").write_text(BARE.format(content=content, site=bare_site), encoding="utf-8")
            command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(work / "bare.yml")]
            bare = timed(command, arguments.timeout)[0] if size <= arguments.bare_up_to else float("nan")
            pages = sum(1 for _ in content.rglob("*.md"))
            search = "pagefind" if (site / "pagefind").is_dir() else "material"
            twins = served = 0.0
            if search == "pagefind":
                data = [path for path in site.glob("pagefind*/**/*") if path.suffix in DISK_TWIN_SUFFIXES]
                index = sum(path.stat().st_size for path in data) / 1e6
                # The index of headings alone is searched over HTTP only: it has no twins.
                twins = sum(
                    twin.stat().st_size for path in data if (twin := path.with_name(path.name + ".js")).is_file()
                )
                twins /= 1e6
                # What a reader over HTTP may load: the index folders whole (scripts too), less the twins.
                served = sum(path.stat().st_size for path in site.glob("pagefind*/**/*") if path.is_file()) / 1e6
                served -= twins
            else:
                index = _size(site / "search" / "search_index.json")
            loaded = first_result(site, "教育经费", search, False, arguments.runs)
            typed = first_result(site, "教育经费", search, True, arguments.runs)
            row = (size, pages, search, baogao, built, baogao + built, max(baogao_peak, built_peak), again, bare, index)
            row = (*row, served, twins)
            rows.append((*row, loaded, typed))
            print(rows[-1], flush=True)
    print(
        "| reports | pages | search | baogao (s) | site (s) | total (s) | peak memory (MB) |"
        " re-run, nothing changed (s) | bare mkdocs-material (s) | site / bare | search index (MB) |"
        " index folders as served (MB) | its twins for disk (MB) | first result from navigation start (s) |"
        " first result from keypress (s) |"
    )
    print("| --- " * 15 + "|")
    for size, pages, search, baogao, built, total, peak, again, bare, index, served, twins, loaded, typed in rows:
        print(
            f"| {size} | {pages} | {search} | {baogao:.1f} | {built:.1f} | {total:.1f} | {peak:.0f} | {again:.2f} |"
            f" {bare:.1f} | {built / bare:.2f} | {index:.1f} | {served:.1f} | {twins:.1f} | {loaded:.2f} |"
            f" {typed:.2f} |"
        )


if __name__ == "__main__":
    main()
