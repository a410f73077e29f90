"""Other readings: what another copy of the same report prints where this one
hid text.

Two copies of one report, scraped from different sites, often hide
different things: one prints ``(略)`` or ``**`` where the other gives the
words. For each mark in one copy, the text just before it and just after it
(its context) is looked for in the other copy; when the other copy holds
that context once, with a short stretch of unmarked text in between, that
stretch is the other copy's reading. Nothing is guessed: a context found
twice, a gap too long, or a gap that is itself hidden gives no reading.

Matching ignores white space and folds width (NFKC), since copies differ in
line breaks, spaces around marks and full- or half-width punctuation; the
reading is given as the other copy prints it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .marks import iter_marks

# The kinds of mark another copy can fill: not a cut-off notice, which stands
# for the rest of a text rather than a few words in it.
FILLABLE = frozenset({"redaction", "mask", "placeholder", "lost"})
# Characters of context taken on each side of a mark (white space not
# counted), and the fewest that make a context distinctive enough.
CONTEXT_CHARS = 10
MIN_CONTEXT_CHARS = 4
# The longest reading offered: a redaction hides words or a clause, not pages;
# a longer gap means the copies differ there in more than the mark.
MAX_READING_CHARS = 120


@dataclass(frozen=True)
class Reading:
    """What another copy prints where this one has a mark."""

    mark: str
    """The mark as this copy prints it."""
    before: str
    """This copy's text just before the mark (white space removed, folded)."""
    after: str
    """This copy's text just after it (likewise)."""
    reading: str
    """The other copy's text in its place, as printed."""


def fold(text: str) -> str:
    """`text` as contexts are compared: no white space, width folded."""
    return _fold(text).text


@dataclass(frozen=True)
class _Folded:
    """A text without white space, width folded, with each character's offset
    in the original text."""

    text: str
    offsets: tuple[int, ...]


def _fold(text: str) -> _Folded:
    chars: list[str] = []
    offsets: list[int] = []
    for offset, char in enumerate(text):
        if char.isspace():
            continue
        if char < "\x80" or "\u4e00" <= char <= "\u9fff":  # NFKC leaves these as they are
            chars.append(char)
            offsets.append(offset)
            continue
        for folded in unicodedata.normalize("NFKC", char):
            if not folded.isspace():
                chars.append(folded)
                offsets.append(offset)
    return _Folded("".join(chars), tuple(offsets))


# How far from a mark its context is looked for: white space between is rare.
_WINDOW = 4 * CONTEXT_CHARS


def _contexts(text: str) -> list[tuple[str, str, str]]:
    """(mark, before, after) for every fillable mark of `text`; the context
    on each side stops at the neighbouring mark."""
    marks = list(iter_marks(text))
    found = []
    for index, (kind, start, end) in enumerate(marks):
        if kind not in FILLABLE:
            continue
        previous_end = marks[index - 1][2] if index else 0
        next_start = marks[index + 1][1] if index + 1 < len(marks) else len(text)
        before = _fold(text[max(previous_end, start - _WINDOW) : start]).text[-CONTEXT_CHARS:]
        after = _fold(text[end : min(next_start, end + _WINDOW)]).text[:CONTEXT_CHARS]
        if len(before) + len(after) >= 2 * MIN_CONTEXT_CHARS and min(len(before), len(after)) >= 1:
            found.append((text[start:end], before, after))
    return found


def _only(text: str, part: str) -> int:
    """Where `part` stands in `text` if it stands there exactly once, else -1."""
    first = text.find(part)
    if first < 0 or text.find(part, first + 1) >= 0:
        return -1
    return first


@dataclass(frozen=True)
class Copy:
    """A copy's text, read once for comparing with many others."""

    text: str
    folded: _Folded
    contexts: tuple[tuple[str, str, str], ...]
    """(mark, before, after) of each mark another copy could fill."""


def read_copy(text: str) -> Copy:
    return Copy(text, _fold(text), tuple(_contexts(text)))


def readings_between(copy: Copy, other: Copy) -> tuple[Reading, ...]:
    """For each mark of `copy` that `other` fills, the other's reading."""
    readings = []
    folded = other.folded
    for mark, before, after in copy.contexts:
        start = _only(folded.text, before)
        if start < 0:
            continue
        gap_start = start + len(before)
        gap_end = folded.text.find(after, gap_start, gap_start + MAX_READING_CHARS + len(after))
        if gap_end <= gap_start:  # not found, or nothing between: the other copy has no more
            continue
        printed = other.text[folded.offsets[gap_start] : folded.offsets[gap_end - 1] + 1].strip()
        if any(kind for kind, _, _ in iter_marks(printed)) or _fold(printed).text == _fold(mark).text:
            continue
        readings.append(Reading(mark, before, after, printed))
    return tuple(readings)


def other_readings(text: str, other: str) -> tuple[Reading, ...]:
    """For each mark in `text` that `other` fills, the other's reading."""
    return readings_between(read_copy(text), read_copy(other))
