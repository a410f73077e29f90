"""One very large report: time and peak memory of ``build.py --no-site``.

    python bench/big_report.py [--mb 50]

Builds a report of about the given size from the corpus's paragraphs, each
made unique with its index (so nothing is removed as a duplicate), and runs
build.py on it in a fresh process. The baseline, in the same run, is reading
the same file and splitting it into lines; memory is the process's peak RSS.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "national-work-reports"
BASELINE = "import sys; lines = open(sys.argv[1], encoding='utf-8').read().splitlines(); print(len(lines))"


def paragraphs() -> list[str]:
    found = []
    for path in sorted(CORPUS.glob("*.txt")) or [ROOT / "sources" / "2023-zhangye-education-self-evaluation.txt"]:
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("gb18030")
        found += [line.strip() for line in text.splitlines() if len(line.strip()) > 40]
    return found


def make_report(path: Path, megabytes: float) -> None:
    pool = paragraphs()
    target = int(megabytes * 1_000_000)
    size = 0
    with path.open("w", encoding="utf-8") as out:
        out.write("超大报告压力测试\n")
        index = 0
        while size < target:
            line = f"{pool[index % len(pool)]}（第{index}段）\n"
            out.write(line)
            size += len(line.encode("utf-8"))
            index += 1


def run(command: list[str]) -> tuple[float, float]:
    """Wall time and peak RSS (MB) of a fresh child process."""
    start = time.perf_counter()
    wrapper = "import resource,subprocess,sys; subprocess.run(sys.argv[1:], check=True); " + (
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    result = subprocess.run(
        [sys.executable, "-c", wrapper, *command], cwd=ROOT, check=True, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    return elapsed, int(result.stdout.strip().splitlines()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=50)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        source = work / "big.txt"
        make_report(source, arguments.mb)
        size = source.stat().st_size / 1e6
        base_time, base_rss = run([sys.executable, "-c", BASELINE, str(source)])
        ours_time, ours_rss = run(
            [sys.executable, "build.py", "-q", "--no-site", "--content", str(work / "content"), str(source)]
        )
        pages = sum(1 for _ in (work / "content").rglob("*.md"))
    print(f"report: {size:.1f} MB, {pages} pages written; resource peak is the process's maximum RSS")
    print("| run | time (s) | peak RSS (MB) |")
    print("| --- | --- | --- |")
    print(f"| baseline: read + split lines | {base_time:.1f} | {base_rss:.0f} |")
    print(f"| baogao build.py --no-site | {ours_time:.1f} | {ours_rss:.0f} |")
    print(f"ratio: {ours_time / base_time:.0f}x the time, {ours_rss / base_rss:.1f}x the memory")


if __name__ == "__main__":
    main()
