"""Search quality on queries written blind: by someone who read the national
reports' raw text and never saw the site or its search.

    python bench/search_blind.py [--pages] [--misses]

`tests/search_queries_blind.tsv` holds 50 queries a reader would type (15
topic words, 15 phrases from inside paragraphs, 10 figures with their
units, 10 pairs of words), each with the report (its year) and the nearest
and the top-level heading above the passage, as printed. The bench builds
the example and ../shared/corpus/national-work-reports (with ``--pages``,
../shared/pages too) with Pagefind's search page, types every query in
headless Chromium (/usr/bin/chromium) and counts a query right where a
result in the right report whose title is either heading stands first (and
in the first three). No rule of baogao was written from these queries; the
figures of the first run are in README ("Search").
"""

from __future__ import annotations

import argparse
import csv
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.searching import CHROMIUM_ARGS, search_pagefind, section_hits, serve  # noqa: E402

QUERIES = ROOT / "tests" / "search_queries_blind.tsv"
CORPUS = ROOT.parent / "shared" / "corpus" / "national-work-reports"
PAGES = ROOT.parent / "shared" / "pages"


def folded(text: str) -> str:
    """A heading as compared: width folded, no spaces, no stray marks (二、２０１０年主要任务?)."""
    return re.sub(r"[\s?？。.]", "", unicodedata.normalize("NFKC", text))


def position(hits: list[tuple[str, str]], row: dict[str, str]) -> int | None:
    """1-based position of the first result in the report whose title is one of the row's headings."""
    headings = [folded(row[name]) for name in ("nearest_heading", "top_heading") if row[name] not in ("", "-")]
    for number, (title, href) in enumerate(hits, 1):
        if f"/{row['year']}/" in href and folded(title) in headings:
            return number
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", action="store_true", help="add ../shared/pages to the site")
    parser.add_argument("--misses", action="store_true", help="list the queries not answered first")
    arguments = parser.parse_args()
    rows = list(csv.DictReader(QUERIES.open(encoding="utf-8"), delimiter="\t"))
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    misses = []
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        sources = [ROOT / "sources", CORPUS, *([PAGES] if arguments.pages else [])]
        command = [sys.executable, str(ROOT / "build.py"), "-q", "--search", "pagefind"]
        command += ["--content", str(work / "content"), "--site", str(work / "site"), *map(str, sources)]
        subprocess.run(command, cwd=ROOT, check=True)
        with serve(work / "site") as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            for row in rows:
                hits = section_hits(search_pagefind(page, base, row["query"]))
                found = position(hits, row)
                for kind in (row["kind"], "all"):
                    counts[kind][0] += 1
                    counts[kind][1] += found == 1
                    counts[kind][2] += found is not None and found <= 3
                if found != 1:
                    shown = hits[0][0] if hits else "nothing"
                    wanted = f"{row['year']} {row['nearest_heading']}"
                    misses.append(f"{row['query']}: want {wanted}; first {shown} ({found})")
            browser.close()
    print("| queries | count | right section first | in the first three |")
    print("| --- | --- | --- | --- |")
    for kind in ("topic", "phrase", "number", "twoword", "all"):
        total, first, three = counts[kind]
        print(f"| {kind} | {total} | {first / total:.2f} | {three / total:.2f} |")
    if arguments.misses:
        print("\n".join(misses))


if __name__ == "__main__":
    main()
