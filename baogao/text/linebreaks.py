"""Line structure: undo what scraping did to line breaks.

Four passes over cleaned lines, each returning new lines:

- `rejoin_spans`: a number that a PDF's text layer put on a line of its own
  (its font differs) between two pieces of one sentence (``推广应用新品种`` /
  ``13`` / ``个。完成…``) is put back between them.
- `rejoin_wrapped`: text hard-wrapped at a steady width (a PDF or Word
  conversion breaks every line mid-sentence at the page's edge) is joined
  back into paragraphs.
- `rejoin_split_markers`: a heading marker cut by a line break (``（`` / ``三）``)
  is put back together.
- `split_flattened`: a report whose lines were flattened into one
  (``…报告如下:一、自查情况(一)加强…1.全面…``) is split again before each
  heading marker. A marker inside a line counts only where the numbering
  expects it (after 一、 comes 二、 or a first sub-item), so enumerations and
  amounts in running text do not become headings.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..model import Line
from .numbering import (
    ARABIC_DIGITS,
    CHINESE_DIGITS,
    HEADING_RULES,
    MAX_HEADING_TITLE_CHARS,
    MAX_MARKER_CHARS,
    SENTENCE_END,
    HeadingRule,
    number_value,
)

# Before a marker in flattened text: a sentence end, a colon or a space.
_BOUNDARY = "。！？；：:;!? \u3000"
_OPEN_FRAGMENT = re.compile(rf"[(（]\s*[{CHINESE_DIGITS}{ARABIC_DIGITS}]{{0,3}}\s*$")
_CLOSE_FRAGMENT = re.compile(rf"^\s*[{CHINESE_DIGITS}{ARABIC_DIGITS}]{{0,3}}\s*[)）]")
# Rules whose marker can appear inside running text and still be a heading.
_INLINE_RULES = tuple(rule for rule in HEADING_RULES if rule.inline)
_CANDIDATE = re.compile(
    "|".join(
        f"(?P<r{index}>{rule.pattern.pattern.replace('(?P<num>', '(?:')})" for index, rule in enumerate(_INLINE_RULES)
    )
)


# A number alone on its line: 13, 20.67, 2023-2025.
_NUMBER_ALONE = re.compile(r"^[0-9０-９][0-9０-９.,，\-–~～]*[%％]?$")
# What the piece of sentence after such a number opens with: its unit or
# counter (one or two characters) and a mark inside a sentence (个。亩、年)》).
_UNIT_GOES_ON = re.compile(r"^[\u4e00-\u9fff]{1,2}[。，,、；;）)》」』”]")
# A piece of sentence before it ends on a character, not on a mark.
_CUT_MID_SENTENCE = re.compile(r"[\u4e00-\u9fff《（(“]$")


def rejoin_spans(lines: tuple[Line, ...]) -> tuple[Line, ...]:
    """Put each number standing alone between two pieces of one sentence
    back between them: the line before ends mid-sentence, the line after
    opens with the number's unit and goes on (…新品种 / 13 / 个。完成…). A
    table printed a cell per line (粮食总产量 / 162817吨 / 0.5 / 其中：谷物) has
    no unit after its numbers, and stays as it is."""
    joined: list[Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        after = lines[index + 1] if index + 1 < len(lines) else None
        if (
            joined
            and after is not None
            and _NUMBER_ALONE.match(line.text.strip())
            and _CUT_MID_SENTENCE.search(joined[-1].text.rstrip())
            and _UNIT_GOES_ON.match(after.text.strip())
        ):
            previous = joined.pop()
            text = previous.text.rstrip() + line.text.strip() + after.text.strip()
            joined.append(Line(previous.number, text, previous.column))
            index += 2
            continue
        joined.append(line)
        index += 1
    return tuple(joined)


def rejoin_split_markers(lines: tuple[Line, ...]) -> tuple[Line, ...]:
    """Join a line ending in ``（`` (or ``（三``) with a next line starting ``三）``."""
    joined: list[Line] = []
    for line in lines:
        if joined and _OPEN_FRAGMENT.search(joined[-1].text) and _CLOSE_FRAGMENT.match(line.text):
            previous = joined.pop()
            fragment = _OPEN_FRAGMENT.search(previous.text)
            assert fragment is not None
            marker = previous.text[fragment.start() :].strip() + line.text
            if any(rule.pattern.match(marker) for rule in HEADING_RULES):
                # Text before the fragment stays a line of its own.
                head = previous.text[: fragment.start()].rstrip()
                if head:
                    joined.append(Line(previous.number, head, previous.column))
                joined.append(Line(previous.number, marker, previous.column + fragment.start()))
                continue
            joined.append(previous)
        joined.append(line)
    return tuple(joined)


@dataclass(frozen=True)
class _Candidate:
    start: int
    rule: HeadingRule
    ordinal: int


def _candidates(text: str) -> list[_Candidate]:
    found = []
    for match in _CANDIDATE.finditer(text):
        name = match.lastgroup
        assert name is not None
        rule = _INLINE_RULES[int(name[1:])]
        number = re.search(rf"[{CHINESE_DIGITS}百零〇{ARABIC_DIGITS}]+", match.group(0))
        if number:
            found.append(_Candidate(match.start(), rule, number_value(number.group(0), rule)))
    return found


# Cheap pre-check for `_is_flattened`: a Chinese numeral after a boundary.
_MAYBE_FLAT = re.compile(rf"[{_BOUNDARY}]\s*[(（]?\s*[{CHINESE_DIGITS}]")


def _is_flattened(text: str) -> bool:
    """Whether a line holds a 一、 or （一） heading after a sentence end."""
    if not _MAYBE_FLAT.search(text):
        return False
    for candidate in _candidates(text):
        if candidate.start and text[candidate.start - 1] in _BOUNDARY and candidate.rule.level in (1, 2):
            return True
    return False


def _ends_a_title(text: str, heading: int | None, rank: int, candidate: _Candidate) -> bool:
    """Whether `candidate` directly follows the title of the heading at `heading`.

    In ``(一)加强组织领导1.全面…`` the first sub-item is the only sign that
    the title before it has ended.
    """
    if heading is None or candidate.ordinal != 1 or rank >= candidate.rule.rank:
        return False
    between = text[heading : candidate.start]
    return len(between) <= MAX_HEADING_TITLE_CHARS + MAX_MARKER_CHARS and not any(
        char in between for char in "。！？；"
    )


def _split_points(text: str) -> list[int]:
    """Where headings start inside a flattened line, by expected numbering."""
    last: dict[str, int] = {}  # rule id -> last ordinal taken
    points = []
    heading: int | None = None  # start of the last heading taken
    heading_rank = 0
    for candidate in _candidates(text):
        rule = candidate.rule
        if candidate.start == 0:
            last[rule.id] = candidate.ordinal
            heading, heading_rank = 0, rule.rank
            continue
        expected = candidate.ordinal == last.get(rule.id, 0) + 1
        after_boundary = text[candidate.start - 1] in _BOUNDARY
        if not expected or not (
            after_boundary or rule.distinctive or _ends_a_title(text, heading, heading_rank, candidate)
        ):
            continue
        points.append(candidate.start)
        heading, heading_rank = candidate.start, rule.rank
        last[rule.id] = candidate.ordinal
        # A new heading restarts the numbering of everything below it.
        for other in HEADING_RULES:
            if other.rank > rule.rank:
                last.pop(other.id, None)
    return points


# How a report's first sentence under a heading opens (今年, 我们, 过去一年,
# 2008年, 根据…): where a flattened heading without end punctuation ran on.
_SENTENCE_OPENER = re.compile(
    r"今年|我们|过去|一年来|五年来|根据|按照|这是|(?:19|20|１９|２０)\d\d年|第[一二三四五六七八九十]{1,3}届"
)
# How a clause of a policy heading or a sentence opens with its verb (坚持, 继续,
# 加快 …): read only where a two-clause heading's second clause is as long as
# its first (加强和改善宏观调控，促进经济平稳快速发展 | 坚持…).
_CLAUSE_VERB = re.compile(r"坚持|继续|进一步|加快|加强|积极|大力|着力|切实|全面|深入|推进|努力|认真|要")
PARALLEL_SLACK = 2
# A heading's title is at least this long before its text may start.
MIN_RUN_ON_TITLE_CHARS = 4


def _split_at_opener(piece: Line, marker_end: int) -> list[Line]:
    """A heading run straight into its first sentence (…工作回顾第十届… is not
    one; …宏观调控，促进经济平稳快速发展我们围绕… is): split where the sentence
    opens, if that is before the title could end and before any sentence end."""
    text = piece.text
    limit = min(len(text), marker_end + MAX_HEADING_TITLE_CHARS)
    stop = next((i for i in range(marker_end, limit) if text[i] in SENTENCE_END), limit)
    opener = _SENTENCE_OPENER.search(text, marker_end + MIN_RUN_ON_TITLE_CHARS, stop)
    at = opener.start() if opener else _parallel_end(text, marker_end, stop)
    if at is None:
        return [piece]
    head, body = text[:at], text[at:]
    return [Line(piece.number, head, piece.column), Line(piece.number, body, piece.column + at)]


def _parallel_end(text: str, marker_end: int, stop: int) -> int | None:
    """Where a two-clause heading ends when its second clause is as long as
    its first, give or take `PARALLEL_SLACK`, and a clause's verb follows."""
    comma = text.find("，", marker_end, stop)
    if comma < 0:
        return None
    first = comma - marker_end
    for length in sorted(range(first - PARALLEL_SLACK, first + PARALLEL_SLACK + 1), key=lambda n: abs(n - first)):
        end = comma + 1 + length
        if length >= MIN_RUN_ON_TITLE_CHARS and end < stop and _CLAUSE_VERB.match(text, end):
            return end
    return None


def _title_and_body(piece: Line) -> list[Line]:
    """In flattened text a space often ends a heading: split there; else
    where the first sentence opens (`_split_at_opener`)."""
    for rule in HEADING_RULES:
        match = rule.pattern.match(piece.text)
        if not match:
            continue
        rest = piece.text[match.end() :]
        space = re.search(r"\s", rest.strip())
        if space is None:
            return _split_at_opener(piece, match.end())
        offset = match.end() + (len(rest) - len(rest.lstrip())) + space.start()
        head = piece.text[:offset]
        if len(head) - match.end() > MAX_HEADING_TITLE_CHARS or any(char in head for char in SENTENCE_END):
            return _split_at_opener(piece, match.end())  # the space is the text's, far behind the title
        body = piece.text[offset:].lstrip()
        return [
            Line(piece.number, head, piece.column),
            Line(piece.number, body, piece.column + len(piece.text) - len(body)),
        ]
    return [piece]


def split_flattened(lines: tuple[Line, ...]) -> tuple[Line, ...]:
    """Split every flattened line before each heading marker it holds."""
    result: list[Line] = []
    for line in lines:
        if not _is_flattened(line.text):
            result.append(line)
            continue
        bounds = [0, *_split_points(line.text), len(line.text)]
        for start, end in zip(bounds, bounds[1:], strict=False):
            raw = line.text[start:end]
            text = raw.strip()
            if text:
                column = line.column + start + (len(raw) - len(raw.lstrip()))
                result.extend(_title_and_body(Line(line.number, text, column)))
    return tuple(result)


# A text is hard-wrapped when at least this share of its lines (and this
# many) fill the same width, give or take `WRAP_SLACK` (in display columns:
# a Chinese character is two, a digit or letter one), without ending a sentence.
WRAP_SHARE = 0.4
WRAP_MIN_LINES = 6
WRAP_SLACK = 2
# Lines narrower than this are not measured: headings, dates, signatures.
WRAP_MIN_WIDTH = 20
_WRAP_ENDS = "。！？；：:;!?”’」』）)"


def display_width(text: str) -> int:
    """Columns `text` takes in a fixed-width font: two for a wide character
    (East Asian width W or F, and A, which a Chinese font sets wide: “ ” ……)."""
    return sum(2 if unicodedata.east_asian_width(char) in "WFA" else 1 for char in text)


def wrap_width(lines: tuple[Line, ...]) -> int | None:
    """The width a hard-wrapped text was broken at, or None if it was not."""
    widths = [
        display_width(line.text)
        for line in lines
        if not line.text.endswith(tuple(_WRAP_ENDS)) and not _starts_heading(line.text)
    ]
    widths = [width for width in widths if width >= WRAP_MIN_WIDTH]
    if len(widths) < WRAP_MIN_LINES:
        return None
    counts: dict[int, int] = {}
    for width in widths:
        counts[width] = counts.get(width, 0) + 1
    # The widest width many lines reach: a wrapped line fills it, the last
    # line of a paragraph falls short of it.
    best = max(counts, key=lambda width: (sum(counts.get(width - d, 0) for d in range(WRAP_SLACK + 1)), width))
    near = sum(counts.get(best - d, 0) for d in range(WRAP_SLACK + 1))
    return best if near >= WRAP_MIN_LINES and near >= WRAP_SHARE * len(lines) else None


def rejoin_wrapped(lines: tuple[Line, ...]) -> tuple[Line, ...]:
    """Join each line that fills the wrap width, and ends no sentence, with
    the line after it (unless that one opens with a heading marker)."""
    width = wrap_width(lines)
    if width is None:
        return lines
    joined: list[Line] = []
    carry = False
    for line in lines:
        if carry and not _starts_heading(line.text):
            previous = joined.pop()
            joined.append(Line(previous.number, previous.text + line.text, previous.column))
        else:
            joined.append(line)
        # A heading standing alone is a line of its own, however wide; one run
        # into its paragraph (（一）加强领导。成立了…) wraps like the paragraph.
        full = display_width(line.text) >= width - WRAP_SLACK
        alone = _starts_heading(line.text) and not any(mark in line.text for mark in "，。；、,;")
        carry = full and not line.text.endswith(tuple(_WRAP_ENDS)) and not alone
    return tuple(joined)


def _starts_heading(text: str) -> bool:
    return any(rule.pattern.match(text) for rule in HEADING_RULES)
