"""Copied phrases: does a run of 4-8 characters copied from a section find it?

    python3 bench/copied_phrases.py [--runs 40] [--seed 13]

Builds the example (Material's search), takes random runs of 4 to 8
characters from its sections' own text (none holding a mark or a bracket),
types each into the search box in headless Chromium, and counts the runs
whose section is among the first five section hits.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.searching import CHROMIUM_ARGS, EXAMPLE_SLUG, ZERO_WIDTH, search, section_hits, serve  # noqa: E402


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
    arguments = parser.parse_args()
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


if __name__ == "__main__":
    main()
