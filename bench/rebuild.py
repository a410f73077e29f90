"""A full build against a re-run with nothing changed, and with one source changed.

    python bench/rebuild.py [--reports N] [--no-site]

Generates N different reports (the example and the corpus, each copy with its
figures changed so no two are alike), then times, each as a fresh
``python build.py`` process: the first full build, a re-run with nothing
changed (hashing only, MkDocs skipped), and a re-run after one source changed.
The full build is the baseline: the table gives each run's share of it.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT.parent / "shared" / "corpus").glob("*/*.txt")) + [
    ROOT / "sources" / "2023-zhangye-education-self-evaluation.txt"
]


def decode(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def make_reports(folder: Path, count: int) -> None:
    """`count` distinct reports: seeds with every digit run offset per copy."""
    texts = [decode(seed) for seed in SEEDS if seed.exists()]
    folder.mkdir(parents=True)
    for index in range(count):
        text = texts[index % len(texts)]
        # A different figure in each copy: same shape, different text.
        text = text.replace("0", str(index % 10), 3) + f"\n附：第{index}份报告。\n"
        (folder / f"report-{index:04d}.txt").write_text(text, encoding="utf-8")


def timed(command: list[str]) -> tuple[float, float]:
    """Wall time and the child's peak RSS in MB."""
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return elapsed, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--no-site", action="store_true")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        make_reports(work / "sources", arguments.reports)
        command = [sys.executable, "build.py", "-q", "--content", str(work / "content"), "--site", str(work / "site")]
        if arguments.no_site:
            command.append("--no-site")
        command.append(str(work / "sources"))
        full, peak = timed(command)
        noop, _ = timed(command)
        changed = work / "sources" / "report-0000.txt"
        changed.write_text(changed.read_text(encoding="utf-8") + "\n补充一句。\n", encoding="utf-8")
        one, _ = timed(command)
        pages = sum(1 for _ in (work / "content").rglob("*.md"))
        shutil.rmtree(work)
    site = "without the site" if arguments.no_site else "with the MkDocs site"
    print(f"{arguments.reports} reports, {pages} Markdown pages, {site}; peak RSS {peak:.0f} MB")
    print("| run | time (s) | share of the full build |")
    print("| --- | --- | --- |")
    for name, seconds in (("full build (baseline)", full), ("nothing changed", noop), ("one source changed", one)):
        print(f"| {name} | {seconds:.2f} | {seconds / full:.3f} |")


if __name__ == "__main__":
    main()
