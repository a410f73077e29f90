"""Cleaning measured against hand labels of real pages (issue 12).

`tests/labels/bodies.jsonl` labels the pages of ../shared/pages/: the title
a reader accepts, the line that prints it, and the line ranges that are the
report's body (every other non-blank line is the page's). Lines are
numbered as `read_source(...).text.split("\\n")` gives them.

A third of the files (chosen by a hash of their names, not by looking at
them) are held out: the rules were not tuned on them, so their figures say
how cleaning does on sites it has not seen. `python3 bench/clean_quality.py`
prints both.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from baogao.build.sources import read_source
from baogao.text.clean import clean

from .conftest import ROOT

LABELS = Path(__file__).resolve().parent / "labels" / "bodies.jsonl"
SHARED = ROOT.parent / "shared"
FILE_NAME = "FILENAME"
"""A label's title meaning: the page prints none; the file's name is right."""


def labelled() -> list[dict]:
    with LABELS.open(encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]


def held_out(name: str) -> bool:
    return hashlib.sha256(name.encode()).digest()[0] % 3 == 0


@dataclass(frozen=True)
class Measured:
    file: str
    title_right: bool
    title: str
    chrome: int
    chrome_left: tuple[str, ...]
    body: int
    body_lost: tuple[str, ...]


def measure(label: dict) -> Measured:
    source = read_source(SHARED / label["file"])
    texts = source.text.split("\n")
    cleaned = clean(source)
    kept = {line.number for line in cleaned.lines}
    body_numbers = {n for start, end in label["body"] for n in range(start, end + 1) if texts[n - 1].strip()}
    title_line = label.get("title_line")
    chrome_numbers = {
        n for n, text in enumerate(texts, 1) if text.strip() and n not in body_numbers and n != title_line
    }
    # A body line may leave the text as a copy of another (dedupe keeps one)
    # or as the title's repeat; only a removal as the page's loses it.
    as_page = {n for r in cleaned.removed if r.kind == "chrome" for n in range(r.span.start, r.span.end + 1)}
    lost = sorted(n for n in body_numbers if n in as_page and n != cleaned.title_line)
    left = sorted(n for n in chrome_numbers if n in kept)
    found = re.sub(r"\s+", "", cleaned.title)
    accepted = {re.sub(r"\s+", "", title) for title in label["title"]}
    right = found in accepted or (not found and FILE_NAME in accepted)
    return Measured(
        label["file"],
        right,
        cleaned.title,
        len(chrome_numbers),
        tuple(texts[n - 1] for n in left),
        len(body_numbers),
        tuple(texts[n - 1] for n in lost),
    )


@dataclass(frozen=True)
class Summary:
    files: int
    title_right: float
    chrome_left: float
    """Share of the chrome lines left in the text."""
    body_lost: int
    """Body lines removed as the page's."""


def summarise(results: list[Measured]) -> Summary:
    chrome = sum(r.chrome for r in results)
    return Summary(
        len(results),
        sum(r.title_right for r in results) / max(1, len(results)),
        sum(len(r.chrome_left) for r in results) / max(1, chrome),
        sum(len(r.body_lost) for r in results),
    )


def measure_all() -> dict[str, list[Measured]]:
    found: dict[str, list[Measured]] = {"dev": [], "held": []}
    for label in labelled():
        found["held" if held_out(label["file"]) else "dev"].append(measure(label))
    return found
