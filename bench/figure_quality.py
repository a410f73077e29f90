"""Figure quality: how often what a figure counts is read right.

    python3 bench/figure_quality.py [--show]   (--show lists the dev labels' misses)

Reads the 300 figures labelled in tests/labels/figures.tsv (sampled at
random from the national reports, ../shared/pages and the example; the label
is the shortest phrase a right answer holds: 城镇新增就业, 医药 for the third of
a 分别 list) and sorts baogao's answer for each into:

- right: holds the label, is at most `MAX_EXTRA_CHARS` longer, and does not
  end in a verb or a function word;
- unknown: empty (baogao says it cannot tell), where the label names something;
- wrong: anything else: a verb, a function word, a fragment, another phrase.

A label ``-`` is a number that is not a figure (成立60周年): right when baogao
does not list it. A label ``?`` is a figure whose subject the sentence does
not give: right when the answer is empty or at least not a verb or function
word. Half the labels (``dev``) were looked at while writing the rules; the
other half (``held``) were not. ``blind`` and ``blind2`` were labelled later
by someone who had not seen the rules (``blind2``: a helper who never saw
the code, from pages of many sites).
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from baogao.build.sources import read_source  # noqa: E402
from baogao.model import Figure  # noqa: E402
from baogao.text.report import process  # noqa: E402

LABELS = ROOT / "tests" / "labels" / "figures.tsv"
MAX_EXTRA_CHARS = 10
# What a phrase that names a thing does not end with.
VERB_OR_FUNCTION_WORD = re.compile(
    r"(?:增长|下降|提高|增加|减少|降低|上升|回落|扩大|缩小|达到|达|为|是|由|从|到|至|了|的|和|及|与|或|"
    r"分别|约|共|累计|完成|实现|安排|突破|超过|新增|取消|制定|实施|拨付|投入|占|比|较|在|对|将|要|又|已|拟|按)$"
)


def judge(answer: Figure | None, label: str) -> str:
    """``right``, ``unknown`` or ``wrong``."""
    if label == "-":
        return "right" if answer is None else "wrong"
    if answer is None:
        return "unknown"  # no longer read as a figure at all
    what = answer.what
    if label == "?":
        return "right" if not what or not VERB_OR_FUNCTION_WORD.search(what) else "wrong"
    if not what:
        return "unknown"
    holds = label in what and len(what) <= len(label) + MAX_EXTRA_CHARS
    return "right" if holds and not VERB_OR_FUNCTION_WORD.search(what) else "wrong"


def answers() -> list[tuple[dict[str, str], Figure | None]]:
    with LABELS.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t"))
    figures: dict[str, tuple[Figure, ...]] = {}
    found = []
    for row in rows:
        path = (ROOT / row["file"]).resolve()
        if row["file"] not in figures:
            figures[row["file"]] = process(read_source(path), "x").figures
        same = [
            figure
            for figure in figures[row["file"]]
            if figure.line == int(row["line"]) and figure.text.startswith(row["text"]) and not figure.masked
        ]
        nth = int(row["nth"])
        found.append((row, same[nth] if nth < len(same) else None))
    return found


def main() -> None:
    if not (ROOT.parent / "shared").is_dir():
        sys.exit("../shared is absent: nothing to measure")
    results = answers()
    counts = {
        part: Counter(judge(answer, row["what"]) for row, answer in results if row["set"] == part)
        for part in ("dev", "dev2", "held", "blind", "blind2")
    }
    print("| labels | figures | right | unknown (says so) | wrong (verb, function word, fragment, other) |")
    print("| --- | --- | --- | --- | --- |")
    for part, counted in counts.items():
        total = sum(counted.values())
        shares = [f"{counted[verdict] / total:.1%}" for verdict in ("right", "unknown", "wrong")]
        print(f"| {part} | {total} | " + " | ".join(shares) + " |")
    if "--show" in sys.argv:  # the dev labels' misses only: the held ones stay unseen
        for row, answer in results:
            if not row["set"].startswith("dev"):
                continue
            verdict = judge(answer, row["what"])
            if verdict != "right":
                shown = answer.what if answer else "(not a figure)"
                print(f"{row['set']} {verdict:7} {row['text']:>10}  label {row['what']!r:24} got {shown!r}")


if __name__ == "__main__":
    main()
