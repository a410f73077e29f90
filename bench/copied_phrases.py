"""Copied phrases: does a run of 4-8 characters copied from a section find it?

    python3 bench/copied_phrases.py [--runs 40] [--seed 13] [--large]

Builds the example (Material's search), takes random runs of 4 to 8
characters from its sections' own text (none holding a mark or a bracket),
types each into the search box in headless Chromium, and counts the runs
whose section is among the first five section hits.

With --large: the example among ../shared/corpus/national-work-reports and
../shared/pages, searched on Pagefind's 搜索 page; the runs are taken from
every report's sections as the page shows them (baogao.build.sections),
and a run counts as found in the first five, in the first page of ten,
or at all (among every result the page can show).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from baogao.build.sections import page_sections  # noqa: E402
from tests.searching import (  # noqa: E402
    CHROMIUM_ARGS,
    EXAMPLE_SLUG,
    ZERO_WIDTH,
    search,
    search_pagefind_all,
    section_hits,
    serve,
)

SHARED = ROOT.parent / "shared"
# What a copied run must not hold: marks, brackets, and white space the page shows as a gap.
NOT_IN_A_RUN = "()（）*〔〕 "


def sections(data: list[dict[str, object]]) -> list[dict[str, object]]:
    found = []
    for section in data:
        found.append(section)
        found += sections(section["children"])  # type: ignore[arg-type]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--large", action="store_true", help="a Pagefind site of the example, corpus and pages")
    arguments = parser.parse_args()
    if arguments.large:
        large(arguments.runs, arguments.seed)
        return
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        command = [sys.executable, "build.py", "-q", "--content", str(out / "content"), "--site", str(out / "site")]
        subprocess.run(command, cwd=ROOT, check=True)
        report = json.loads((out / "content" / EXAMPLE_SLUG / "report.json").read_text(encoding="utf-8"))
        chooser = random.Random(arguments.seed)
        candidates = [s for s in sections(report["sections"]) if len(str(s["text"]).replace("\n", "")) >= 20]
        runs: list[tuple[str, str]] = []
        while len(runs) < arguments.runs:
            section = chooser.choice(candidates)
            text = str(section["text"]).replace("\n", "")
            length = chooser.randint(4, 8)
            start = chooser.randrange(0, len(text) - length)
            run = text[start : start + length]
            if not any(char in run for char in "()（）*"):
                runs.append((run, f"{section['marker']}{section['title']}"))
        found = 0
        with serve(out / "site") as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            for run, heading in runs:
                titles = [ZERO_WIDTH.sub("", title) for title, _ in section_hits(search(page, base, run))][:5]
                if any(heading[:12] in title for title in titles):
                    found += 1
                else:
                    print(f"not in the first five: {run!r} (in {heading[:20]})")
            browser.close()
    print(f"{found} of {len(runs)} copied runs find their section among the first five section hits")


def shown_at(link: str) -> str:
    """The address a result opens, without its text fragment, decoded."""
    return urllib.parse.unquote(link.split(":~:")[0]).rstrip("#")


def large(count: int, seed: int) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        command = [sys.executable, "build.py", "-q", "--search", "pagefind", "--content", str(out / "content")]
        command += ["--site", str(out / "site"), "sources", str(SHARED / "corpus" / "national-work-reports")]
        command += [str(SHARED / "pages")]
        subprocess.run(command, cwd=ROOT, check=True)
        site = out / "site"
        records = []
        for page in sorted(site.glob("*/*.html")):
            if not page.parent.name.startswith("pagefind"):
                records += page_sections(page.read_text(encoding="utf-8"), page.relative_to(site).as_posix())
        candidates = [record for record in records if len(record.text) >= 20]
        chooser = random.Random(seed)
        runs = []
        while len(runs) < count:
            record = chooser.choice(candidates)
            length = chooser.randint(4, 8)
            start = chooser.randrange(0, len(record.text) - length)
            run = record.text[start : start + length]
            if not any(char in run for char in NOT_IN_A_RUN):
                runs.append((run, record.url))
        first5 = first10 = anywhere = 0
        with serve(site) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            for run, url in runs:
                links = [link for _, link in search_pagefind_all(page, base, run)]
                where = next((number for number, link in enumerate(links) if shown_at(link).endswith(url)), None)
                first5 += where is not None and where < 5
                first10 += where is not None and where < 10
                anywhere += where is not None
                if where is None or where >= 5:
                    shared = sum(run in record.text for record in records)
                    rank = "not found" if where is None else f"at {where + 1}"
                    print(f"{rank}: {run!r} ({url}; {shared} sections hold it)")
            browser.close()
    print(f"of {len(runs)} copied runs: {first5} find their section in the first five, {first10} in the first ten, ")
    print(f"{anywhere} at all")


if __name__ == "__main__":
    main()
