"""Throughput of read+clean+outline+write over the corpus, against a baseline.

    python bench/pipeline_speed.py [--repeat N] [FOLDER ...]

The baseline, measured in the same run on the same bytes, is what any tool
must do at least: decode the file and split it into lines with a regex.
baogao's time is read (decode, normalise), clean, outline and rendering every
page and report.json (write, in memory: disk speed is not baogao's). Both are
reported in MB/s of source bytes; the ratio says what baogao's passes cost.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from baogao.model import SourceText  # noqa: E402
from baogao.render.environment import make_environment  # noqa: E402
from baogao.render.pages import render_report  # noqa: E402
from baogao.text.decode import decode_bytes, normalize_text  # noqa: E402
from baogao.text.report import process  # noqa: E402

DEFAULT = [ROOT.parent / "shared" / "corpus", ROOT / "sources"]
_LINES = re.compile(r"\r\n|\r|\n")


def baseline(blobs: list[bytes]) -> int:
    lines = 0
    for data in blobs:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("gb18030")
        lines += len(_LINES.split(text))
    return lines


def baogao(blobs: list[bytes], env: object) -> int:
    files = 0
    for index, data in enumerate(blobs):
        text, encoding = decode_bytes(data, f"bench-{index}.txt")
        source = SourceText(f"bench-{index}.txt", normalize_text(text), encoding, "")
        files += len(render_report(process(source, f"r{index}"), env))  # type: ignore[arg-type]
    return files


def best_of(repeat: int, work: object, *arguments: object) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work(*arguments)  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()
    paths = sorted(p for folder in arguments.folders if folder.exists() for p in folder.rglob("*.txt"))
    blobs = [p.read_bytes() for p in paths]
    megabytes = sum(map(len, blobs)) / 1e6
    env = make_environment(ROOT / "templates")
    baogao(blobs[:1], env)  # warm up: jinja compiles templates once
    base_best, base_median = best_of(arguments.repeat, baseline, blobs)
    ours_best, ours_median = best_of(arguments.repeat, baogao, blobs, env)
    print(f"corpus: {len(paths)} files, {megabytes:.2f} MB; best of {arguments.repeat} runs (median in brackets)")
    rows = [
        ("baseline: decode + regex line split", base_best, base_median),
        ("baogao: read + clean + outline + write", ours_best, ours_median),
    ]
    print("| pass | time (s) | MB/s |")
    print("| --- | --- | --- |")
    for name, best, median in rows:
        print(f"| {name} | {best:.4f} ({median:.4f}) | {megabytes / best:.2f} |")
    print(f"baogao takes {ours_best / base_best:.0f}x the baseline's time")


if __name__ == "__main__":
    main()
