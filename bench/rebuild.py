"""A full build against a re-run with nothing changed, with one source changed, and with one page edited.

    python bench/rebuild.py [--reports N] [--runs R] [--no-site] [--keep DIR]

Generates N different reports (the example and the corpus, each copy with its
figures changed so no two are alike), then times, each as a fresh
``python build.py`` process: the first full build, a re-run with nothing
changed (hashing only, MkDocs skipped), a re-run after one source changed
(each of R runs changes another report, in the middle of the list, and the
median is reported) and a re-run after a reader edited one section page in
``content/`` (R runs, median). The full build is the baseline: the table
gives each run's share of it. With ``--keep DIR`` the generated sources,
content and site stay in DIR for a later look.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
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
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-site", action="store_true")
    parser.add_argument("--keep", type=Path)
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
        ones, edits = [], []
        for run in range(arguments.runs):
            index = arguments.reports // 2 + run
            changed = work / "sources" / f"report-{index:04d}.txt"
            changed.write_text(changed.read_text(encoding="utf-8") + "\n补充一句。\n", encoding="utf-8")
            ones.append(timed(command)[0])
        for run in range(arguments.runs):
            report = sorted(path for path in (work / "content").iterdir() if path.name.startswith("report-"))[run]
            page = sorted(report.glob("0*.md"))[0]
            page.write_text(page.read_text(encoding="utf-8") + f"\n读者补充的第{run}句。\n", encoding="utf-8")
            edits.append(timed(command)[0])
        pages = sum(1 for _ in (work / "content").rglob("*.md"))
        if arguments.keep:
            shutil.copytree(work, arguments.keep, dirs_exist_ok=True)
        shutil.rmtree(work)
    one, edit = statistics.median(ones), statistics.median(edits)
    site = "without the site" if arguments.no_site else "with the MkDocs site"
    print(f"{arguments.reports} reports, {pages} Markdown pages, {site}; peak RSS {peak:.0f} MB")
    print(f"one source changed, each run: {', '.join(f'{value:.2f}' for value in ones)} s")
    print(f"one page edited, each run: {', '.join(f'{value:.2f}' for value in edits)} s")
    print("| run | time (s) | share of the full build |")
    print("| --- | --- | --- |")
    runs = (
        ("full build (baseline)", full),
        ("nothing changed", noop),
        (f"one source changed (median of {arguments.runs})", one),
        (f"one page edited in content/ (median of {arguments.runs})", edit),
    )
    for name, seconds in runs:
        print(f"| {name} | {seconds:.2f} | {seconds / full:.3f} |")


if __name__ == "__main__":
    main()
