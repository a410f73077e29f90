"""Metadata quality: how often kind, region and year come out as labelled.

    python3 bench/metadata_quality.py

Reads the files of ../shared/ labelled in tests/labels/metadata.tsv (the
ones baogao reads: .txt) and prints the share right per field. The labels
were all used while the rules were written: these are development figures.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.test_metadata import SHARED, accuracy, labelled_rows  # noqa: E402


def main() -> None:
    if not SHARED.is_dir():
        sys.exit(f"{SHARED} is absent: nothing to measure")
    rows = [row for row in labelled_rows() if row["file"].endswith(".txt")]
    print(f"| field | right ({len(rows)} labelled report files) |")
    print("| --- | --- |")
    for field, share in accuracy().items():
        print(f"| {field} | {share:.2f} |")


if __name__ == "__main__":
    main()
