"""Cleaning quality on real pages: titles, chrome left, body lost (issue 12).

    python3 bench/clean_quality.py [--misses]

Reads the pages of ../shared/pages/ labelled in tests/labels/bodies.jsonl
and prints, for the development files and the held-out third apart: the
share of titles right, the share of the page's lines left in the text, and
how many body lines were removed. --misses lists every wrong title, line
left and line lost.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.bodies import SHARED, measure_all, summarise  # noqa: E402


def main() -> None:
    if not SHARED.is_dir():
        sys.exit(f"{SHARED} is absent: nothing to measure")
    found = measure_all()
    print("| files | count | title right | chrome lines left | body lines lost |")
    print("| --- | --- | --- | --- | --- |")
    for name, results in (*found.items(), ("all", found["dev"] + found["held"])):
        s = summarise(results)
        print(f"| {name} | {s.files} | {s.title_right:.2f} | {s.chrome_left:.3f} | {s.body_lost} |")
    if "--misses" in sys.argv:
        for name, results in found.items():
            for r in results:
                if r.title_right and not r.chrome_left and not r.body_lost:
                    continue
                print(f"\n[{name}] {r.file}")
                if not r.title_right:
                    print(f"  title: {r.title!r}")
                for text in r.chrome_left:
                    print(f"  left: {text[:70]!r}")
                for text in r.body_lost:
                    print(f"  lost: {text[:70]!r}")


if __name__ == "__main__":
    main()
