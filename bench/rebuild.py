"""A full build against a re-run with nothing changed, with one source changed, and with one page edited.

    python bench/rebuild.py [--reports N] [--runs R] [--no-site] [--keep DIR] [--like distinct|copies]

Generates N different reports from the example and the corpus (see
``make_reports``), then times, each as a fresh
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
import random
import re
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


# A paragraph of report text that a generated report may take from another:
# long enough to be a sentence or more, and ending like one.
PARAGRAPH = re.compile(r"^[^\s#|].{39,}[。；]$")
YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?=年)")
SHARE_TAKEN = 0.5  # of a report's paragraphs, taken from other reports


def make_reports(folder: Path, count: int, like: str = "distinct") -> None:
    """`count` reports made from the seeds (the example and the corpus).

    ``distinct``: each report is its own, as in a real catalogue: the years
    it names are moved back one year per round through the seeds, and about
    half its paragraphs (always the first) are taken from other seeds, so no
    two share their opening sentences and baogao groups none as copies.
    ``copies``: the seeds with a few digits changed per round, which baogao
    rightly groups as about ``count / len(seeds)`` copies of each seed (the
    bench before 2026-12).
    """
    texts = [decode(seed) for seed in SEEDS if seed.exists()]
    folder.mkdir(parents=True)
    pool = sorted({line for text in texts for line in text.splitlines() if PARAGRAPH.match(line.strip())})
    for index in range(count):
        text = texts[index % len(texts)]
        if like == "copies":
            text = text.replace("0", str(index % 10), 3)
        else:
            text = _distinct(text, index, index // len(texts), pool)
        text += f"\n附：第{index}份报告。\n"
        (folder / f"report-{index:04d}.txt").write_text(text, encoding="utf-8")


def _distinct(text: str, index: int, round_: int, pool: list[str]) -> str:
    chooser = random.Random(index)
    lines, first = [], True
    for line in text.splitlines():
        if PARAGRAPH.match(line.strip()) and (first or chooser.random() < SHARE_TAKEN):
            line, first = chooser.choice(pool), False
        lines.append(YEAR.sub(lambda match: str(int(match.group(1)) - round_), line))
    return "\n".join(lines)


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
    parser.add_argument("--like", choices=["distinct", "copies"], default="distinct", help="see make_reports")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        make_reports(work / "sources", arguments.reports, arguments.like)
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
