"""Outline of flattened reports: the national reports with every line break
removed (a scraper that joins block elements with nothing between them),
against their outline as printed (issue 12).

    python3 bench/flattened_outline.py [FOLDER ...]

Prints, per report and in all, how many headings (level, number, title) the
flattened text gives that the printed text gives too: precision, recall, F1.
With folders, their .txt files instead (../shared/pages, sources/: pages
the rules were not read from).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from baogao.build.sources import read_source  # noqa: E402
from baogao.model import Report, SourceText  # noqa: E402
from baogao.text.outline import walk  # noqa: E402
from baogao.text.report import process  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "national-work-reports"


def headings(report: Report) -> Counter[tuple[int, str, str]]:
    return Counter((s.level, s.number, "".join(s.title.split())) for s in walk(report.outline.sections))


def main() -> None:
    folders = [Path(argument) for argument in sys.argv[1:]] or [CORPUS]
    for folder in folders:
        if not folder.is_dir():
            sys.exit(f"{folder} is absent: nothing to measure")
    found = given = right = 0
    print("| report | headings as printed | flattened | same |")
    print("| --- | --- | --- | --- |")
    for path in sorted(path for folder in folders for path in folder.glob("*.txt")):
        source = read_source(path)
        printed = headings(process(source, "printed"))
        lines = [line for line in source.text.split("\n") if line.strip()]
        flat = SourceText(source.path, "".join(lines), source.encoding, source.sha256)
        flattened = headings(process(flat, "flattened"))
        same = sum((printed & flattened).values())
        found, given, right = found + sum(flattened.values()), given + sum(printed.values()), right + same
        if printed or flattened:
            print(f"| {path.stem} | {sum(printed.values())} | {sum(flattened.values())} | {same} |")
    precision, recall = right / max(1, found), right / max(1, given)
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    print(f"\nprecision {precision:.2f}, recall {recall:.2f}, F1 {f1:.2f}")


if __name__ == "__main__":
    main()
