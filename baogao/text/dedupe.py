"""Repeated blocks: the body pasted twice (or more), keep one copy.

Scraped pages often carry the report several times (a preview and the full
text, or a print view). A repeat is found as a *run* of consecutive lines that
matches an earlier run line by line, compared without whitespace. When two
copies differ, the more complete one is kept: fewer marks, then more text.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from ..model import Line, Removal, Span
from .marks import count_marks

# A run shorter than this many characters is not taken for a pasted copy:
# short lines (一是加强领导, 各位代表：) legitimately recur in one report.
MIN_RUN_CHARS = 80
# Two lines this similar are the same line copied with a few characters
# changed; 0.9 tolerates one edit in a ten-character line.
SIMILAR_RATIO = 0.9
DUPLICATE_COPY = "duplicate.copy"

_SPACE = re.compile(r"\s+")


def _key(text: str) -> str:
    return _SPACE.sub("", text)


_NUMBER = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
_HIDDEN = re.compile(r"[*＊]|略|[xX×]{2}")


def _same_figures(a: str, b: str) -> bool:
    """Whether two near-identical lines state the same numbers.

    Lines of one template (面积12000平方米 / 面积15000平方米) differ only in
    their figures and are different text. A copy may only lack numbers that
    the source masked in it (学生*人 / 学生8人).
    """
    first, second = _NUMBER.findall(a), _NUMBER.findall(b)
    if first == second:
        return True
    fewer, more, line = (first, second, a) if len(first) < len(second) else (second, first, b)
    if not _HIDDEN.search(line):
        return False
    rest = iter(more)
    return all(number in rest for number in fewer)  # a subsequence


def _similar(a: str, b: str) -> bool:
    if a == b:
        return True
    if not a or not b or min(len(a), len(b)) / max(len(a), len(b)) < SIMILAR_RATIO:
        return False
    if not _same_figures(a, b):
        return False
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.quick_ratio() >= SIMILAR_RATIO and matcher.ratio() >= SIMILAR_RATIO


@dataclass(frozen=True)
class _Run:
    first: int
    """Index of the earlier copy's first line."""
    later: int
    """Index of the later copy's first line."""
    length: int
    chars: int


def _longest_run(keys: list[str], kept: set[int], candidates: list[int], later: int) -> _Run | None:
    """The longest run at `later` that repeats kept lines starting at a candidate."""
    best: _Run | None = None
    for first in candidates:
        length = chars = 0
        while (
            later + length < len(keys)
            and first + length < later
            and first + length in kept
            and _similar(keys[first + length], keys[later + length])
        ):
            chars += len(keys[later + length])
            length += 1
        if length and (best is None or chars > best.chars):
            best = _Run(first, later, length, chars)
    return best


def _completeness(lines: list[Line]) -> tuple[int, int]:
    """Sort key: more complete copies compare greater."""
    text = "".join(line.text for line in lines)
    return (-count_marks(text), len(_key(text)))


def remove_repeats(lines: tuple[Line, ...]) -> tuple[tuple[Line, ...], tuple[Removal, ...]]:
    """Drop every later copy of a repeated run; keep the most complete copy.

    The kept copy stands where the first copy stood, so the reading order is
    that of the first appearance.
    """
    keys = [_key(line.text) for line in lines]
    kept: list[Line] = []
    kept_index: list[int] = []  # source index of each kept line
    kept_set: set[int] = set()
    seen: dict[str, list[int]] = {}  # key -> source indices of kept lines
    removed: list[Removal] = []
    index = 0
    while index < len(lines):
        run = _longest_run(keys, kept_set, seen.get(keys[index], []), index)
        if run is None or run.chars < MIN_RUN_CHARS:
            seen.setdefault(keys[index], []).append(index)
            kept.append(lines[index])
            kept_index.append(index)
            kept_set.add(index)
            index += 1
            continue
        earlier = list(lines[run.first : run.first + run.length])
        later = list(lines[run.later : run.later + run.length])
        if _completeness(later) > _completeness(earlier):
            # Put the better copy where the first one stood.
            for offset, line in enumerate(later):
                kept[kept_index.index(run.first + offset)] = line
            earlier, later = later, earlier
        removed.append(
            Removal(
                kind="duplicate",
                rule_id=DUPLICATE_COPY,
                text="\n".join(line.text for line in later),
                span=Span(later[0].number, later[-1].number),
                copy_of=Span(earlier[0].number, earlier[-1].number),
            )
        )
        index += run.length
    return tuple(kept), tuple(removed)
