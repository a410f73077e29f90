"""The report's body among the page: which lines a scraped page wrapped around it.

Chrome rules (`text.chrome`) name kinds of furniture; a site never seen
brings lines no rule names. This pass works the other way round, as jusText
does for the paragraphs of an HTML page: each line is classed on features
that hold across sites (its share of Chinese characters, sentence
punctuation and length, the heading grammar, the grammar of a report's
opening and closing lines, the share of web-interface words, dates and times
as pages print them, separators), and the body is the run of lines where
report prose is densest (the maximum-sum run of line scores). Lines outside
that run are the page's, unless they read as report text themselves: prose,
a heading, or the opening and closing lines of a report next to the body.

Plain passes over a tuple of lines; thresholds are named defaults.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import Enum

from ..model import Line
from .hanzi import simplified
from .line_words import (
    BRACKETED,
    CONTENTS_ENTRY,
    CONTENTS_LABEL,
    CONTENTS_RUN,
    COUNTER,
    CREDIT,
    CRUMB,
    DATELINE,
    DOCUMENT_SITE,
    ELLIPSIS_LINE,
    ENDS_SENTENCE,
    FRAME,
    HAN,
    IMAGE_FILE,
    INLINE_TAG,
    NUMBER_CELL,
    PAGE_DATE,
    PINYIN,
    PREVIOUS_NEXT,
    PROSE_MARKS,
    RECORD_LABEL,
    REGISTRATION,
    REPORT_WORDS,
    SENTENCE_MARKS,
    SEPARATORS,
    SITE_VOICE,
    UI,
    URL,
)
from .marks import PREVIEW_ENDS
from .numbering import is_heading

# A line of report prose: this many Chinese characters, with sentence
# punctuation, and Chinese for most of what it prints.
PROSE_MIN_HAN = 12
PROSE_MIN_HAN_SHARE = 0.5
# A line under this share of Chinese characters (and no sentence) is the
# page's: dates, counters, file sizes, addresses, code.
CHROME_MAX_HAN_SHARE = 0.3
# Web-interface words make up at least this share of a chrome line.
UI_SHARE = 0.4
# The most characters a score takes from one line of prose: a very long
# paragraph should not outweigh every other clue on the page.
PROSE_SCORE_CAP = 120
# What an unclear short line and a line of chrome cost the run that holds them.
SHORT_COST = 4
CHROME_COST = 12
# A run of at least this many short lines after the body is a table or a
# list printed one cell per line, not a footer.
TABLE_RUN = 5
# A row of cells with at least this many figures is a table's, not a menu.
TABLE_ROW_FIGURES = 2
# A run of lines with bars is a table when this share of them hold a figure
# (a table printed a cell per line has one figure in three or four lines).
TABLE_RUN_FIGURES = 0.2
# A body needs at least this many characters of prose; below it the page is
# left to the chrome rules alone (a table, a list of items, a bare heading).
MIN_BODY_PROSE = 30
# Why a line around the body is the page's, as a removal records it
# (``chrome.page-<reason>``; `render.labels` says each in Chinese).
PAGE_REASONS = (
    "voice",  # the site speaking: blurbs, terms, notices, ads
    "link",  # links to other articles, addresses, file names
    "interface",  # buttons, counters and menus in interface words
    "record",  # the page's own records: source, editor, date, registration
    "counter",  # pages, words, size, reads
    "byline",  # a dateline, a credit
    "symbols",  # mostly not Chinese, and no sentence
    "menu",  # items of a menu or a breadcrumb
    "contents",  # a table of contents
    "short",  # a short line outside the body that reads as none of the report's
    "repeat",  # a line the page prints again
)


class Kind(Enum):
    """What a line reads as."""

    PROSE = "prose"
    HEADING = "heading"
    FRAME = "frame"
    """An opening or closing line of a report (`FRAME`)."""
    SHORT = "short"
    """Short, with no clue either way: a title, a label, a cell, a button."""
    CHROME = "chrome"


@dataclass(frozen=True)
class Body:
    """Where the body stands among a page's lines (indices into them)."""

    start: int
    end: int
    """One past the last line of the body's densest run."""
    kinds: tuple[Kind, ...]
    found: bool
    """False: too little prose to tell the page from the report; every line is kept."""
    reasons: tuple[str, ...] = ()
    """Why each line of the page's kind is the page's (`PAGE_REASONS`), else ""."""


@functools.lru_cache(maxsize=4096)  # a line is weighed by several passes
def han_count(text: str) -> int:
    return HAN.subn("", text)[1]


def ui_share(text: str) -> float:
    """The share of a line's characters (spaces and separators aside) that are web-interface words."""
    core = SEPARATORS.sub("", re.sub(r"\s+", "", text))
    if not core:
        return 0.0
    return sum(len(match) for match in UI.findall(core)) / len(core)


def line_kind(text: str) -> Kind:
    """Class one stripped, non-blank line on features that hold across sites."""
    return line_reading(text)[0]


def line_reading(text: str) -> tuple[Kind, str]:
    """A line's kind, and for the page's lines why (one of `PAGE_REASONS`).
    Traditional characters are read as simplified (the words the rules name
    are simplified: 會議 is 会议)."""
    text = simplified(text)
    if "(" in text:
        text = PINYIN.sub("", text)
    if "<" in text:
        text = INLINE_TAG.sub("", text).strip() or text
    compact = "".join(text.split())
    if bars_only(compact):
        return Kind.SHORT, ""  # a flattened table's border, or a widget's remains
    han = han_count(compact)
    share = han / len(compact) if compact else 0.0
    sentence = bool(SENTENCE_MARKS.search(compact))
    # A notice that the preview ends says text is missing: it stays, marked
    # (`text.marks`), however much it reads like the site's.
    if PREVIEW_ENDS.search(compact):
        return Kind.PROSE, ""
    # The site's voice first: a document site numbers its notices 1. 2. 3.
    if SITE_VOICE.search(compact):
        return Kind.CHROME, "voice"
    if PREVIOUS_NEXT.match(compact):
        return Kind.CHROME, "link"
    if is_heading(text) and len(compact) <= 60:
        return Kind.HEADING, ""
    # A long sentence: only what a page prints at any length (above) makes it the page's.
    if han >= 2 * PROSE_MIN_HAN and share >= PROSE_MIN_HAN_SHARE and ENDS_SENTENCE.search(compact):
        return Kind.PROSE, ""
    if URL.search(text) and han < 2 * PROSE_MIN_HAN:
        return Kind.CHROME, "link"
    # Interface words are weighed on short lines only: a page's buttons and
    # records are short, a report's sentences are not.
    if han < 2 * PROSE_MIN_HAN and ui_share(text) >= UI_SHARE:
        return Kind.CHROME, "interface"
    if _document_site(compact):
        return Kind.CHROME, "voice"
    if RECORD_LABEL.match(text) and not ENDS_SENTENCE.search(compact) and han < 2 * PROSE_MIN_HAN:
        return Kind.CHROME, "record"
    if REGISTRATION.search(text) and not ENDS_SENTENCE.search(compact):
        return Kind.CHROME, "record"
    if COUNTER.match(text) and not text.endswith(("|", "｜")):
        return Kind.CHROME, "counter"
    if (DATELINE.match(compact) or CREDIT.search(compact)) and han < PROSE_MIN_HAN:
        return Kind.CHROME, "byline"
    if PAGE_DATE.search(text) and not ENDS_SENTENCE.search(text) and han < 2 * PROSE_MIN_HAN:
        return Kind.CHROME, "record"
    if FRAME.search(compact) and len(compact) <= 60 and not ENDS_SENTENCE.search(compact):
        return Kind.FRAME, ""
    # A cell of a table the scraper flattened (``80 |``) is the report's.
    cell = compact.endswith(("|", "｜")) and re.search(r"[^\W_]", compact) is not None
    if share < CHROME_MAX_HAN_SHARE and not sentence and not cell:
        return Kind.CHROME, "symbols"
    if _table_row(compact):  # a row of a table the scraper flattened, with its figures
        return Kind.SHORT, ""
    if len(SEPARATORS.split(compact)) >= 3 and not sentence:
        return Kind.CHROME, "menu"
    # A breadcrumb: 当前位置:某网>栏目>自查报告> (its colon is no sentence).
    if len(CRUMB.findall(compact)) >= 2 and han < 2 * PROSE_MIN_HAN and not ENDS_SENTENCE.search(compact):
        return Kind.CHROME, "menu"
    # A note in brackets after a title (…述职报告(分管党务,纪检监察)) does not make it prose.
    unbracketed = BRACKETED.sub("", compact)
    if han >= PROSE_MIN_HAN and share >= PROSE_MIN_HAN_SHARE and PROSE_MARKS.search(unbracketed):
        return Kind.PROSE, ""
    # A line that ends a sentence is the report's, however few its characters.
    if len(compact) >= 2 and ENDS_SENTENCE.search(compact):
        return Kind.PROSE, ""
    return Kind.SHORT, ""


def _table_row(compact: str) -> bool:
    """Whether a line is cells between bars of which at least
    `TABLE_ROW_FIGURES` are figures (| 城镇 | 2280.32 | 70.96 |), and no
    sentence ends in it (prose that holds a table's cells is prose)."""
    if compact.count("|") + compact.count("｜") < TABLE_ROW_FIGURES + 1 or SENTENCE_MARKS.search(compact):
        return False
    cells = re.split(r"[|｜]", compact)
    return sum(NUMBER_CELL.match(cell) is not None for cell in cells if cell) >= TABLE_ROW_FIGURES


def _table_runs(texts: list[str], kinds: list[Kind], reasons: list[str]) -> None:
    """A run of `TABLE_RUN` or more lines of cells between bars, enough of
    them with a figure (`TABLE_RUN_FIGURES`), is a table the scraper
    flattened (粮食 | 143972 |, or one cell a line: 规章 | / 0 | / |): its rows,
    headers and borders are the report's, whatever words or symbols a cell holds."""
    run: list[int] = []
    for index, text in enumerate([*texts, ""]):
        if text.count("|") + text.count("｜") >= 1 and not ENDS_SENTENCE.search(text):
            run.append(index)
            continue
        with_figures = sum(
            any(NUMBER_CELL.match(cell.strip()) for cell in re.split(r"[|｜]", texts[i]) if cell.strip()) for i in run
        )
        if len(run) >= TABLE_RUN and with_figures >= max(TABLE_ROW_FIGURES, TABLE_RUN_FIGURES * len(run)):
            for i in run:
                if kinds[i] is Kind.CHROME and reasons[i] in ("menu", "symbols", "interface"):
                    kinds[i], reasons[i] = Kind.SHORT, ""
        run = []


# An item of a portal's list of links to other bodies' sites (- 广州市人民政府).
_LINKED_BODY = re.compile(r"^[-·•*]\s*[\u4e00-\u9fff]{2,20}(?:人民政府|政府|局|委员会|委|厅|院|网|办)$")


def _link_lists(texts: list[str], kinds: list[Kind], reasons: list[str]) -> None:
    """A run of `TABLE_RUN` or more bulleted lines that each name a body is
    a portal's list of links, not a report's issuers or signatures."""
    run: list[int] = []
    for index, text in enumerate([*texts, ""]):
        if _LINKED_BODY.match(text):
            run.append(index)
            continue
        if len(run) >= TABLE_RUN:
            for i in run:
                kinds[i], reasons[i] = Kind.CHROME, "link"
        run = []


def page_voice(text: str) -> bool:
    """Whether a line is one no report prints, wherever it stands: the site
    speaking, a registration number, links to other articles."""
    compact = re.sub(r"\s+", "", text)
    return bool(
        SITE_VOICE.search(compact)
        or PREVIOUS_NEXT.match(compact)
        or (REGISTRATION.search(text) and not ENDS_SENTENCE.search(compact))
        or _document_site(compact)
        or IMAGE_FILE.match(compact) is not None
    )


def _document_site(compact: str) -> bool:
    """Whether a short line names a document or template site (its slogan or
    watermark), not a report: a compilation heads its items 学校自查报告范文1."""
    return (
        han_count(compact) < 2 * PROSE_MIN_HAN
        and not ENDS_SENTENCE.search(compact)
        and REPORT_WORDS.search(compact) is None
        and DOCUMENT_SITE.search(compact) is not None
    )


def line_kinds(lines: tuple[Line, ...]) -> tuple[tuple[Kind, ...], tuple[str, ...]]:
    """Each line's kind (and for the page's lines why), read with its neighbours: a subtitle or speaker line
    broken in two is one opening line (its second half, or both halves, read
    as one only together); a run of contents entries is the
    page's (a report's outline is read from its headings, not its contents)."""
    texts = [line.text.strip() for line in lines]
    readings = [line_reading(text) for text in texts]
    first = [kind for kind, _ in readings]
    kinds = list(first)
    reasons = [reason for _, reason in readings]
    for index in range(len(first) - 1):
        after = texts[index + 1]
        pair = (first[index], first[index + 1])
        if (
            pair in ((Kind.FRAME, Kind.SHORT), (Kind.SHORT, Kind.SHORT))
            and not REPORT_WORDS.search(compact(texts[index] + after))
            and line_kind(texts[index] + after) is Kind.FRAME
        ):
            # (2025年3月21日在某区第十九届 / 人民代表大会第四次会议上: neither half alone.)
            kinds[index] = kinds[index + 1] = Kind.FRAME
    _table_runs(texts, kinds, reasons)
    _link_lists(texts, kinds, reasons)
    run: list[int] = []
    for index, text in enumerate([*texts, ""]):
        if text and CONTENTS_ENTRY.match(text) and not ENDS_SENTENCE.search(text.rstrip("0123456789 ")):
            run.append(index)
            continue
        numbers = [int(re.findall(r"\d+", texts[i])[-1]) for i in run]
        if len(run) >= CONTENTS_RUN and numbers == sorted(numbers):
            for i in run:
                kinds[i], reasons[i] = Kind.CHROME, "contents"
        run = []
    # A contents block under its label (目录/提纲：), entries without page
    # numbers: the label and the short lines after it, to an ellipsis or the
    # first line that is no entry. A line that prose follows is the body's
    # own first heading, not an entry: it stays.
    for index, text in enumerate(texts):
        if not CONTENTS_LABEL.match(compact(text)):
            continue
        kinds[index], reasons[index] = Kind.CHROME, "contents"
        entry = index + 1
        if entry < len(texts) and reasons[entry] == "contents":
            continue  # entries with page numbers: read as such above
        while (
            entry < len(texts)
            and first[entry] in (Kind.HEADING, Kind.SHORT)
            and texts[entry]
            and (entry + 1 == len(texts) or first[entry + 1] is not Kind.PROSE)
        ):
            kinds[entry], reasons[entry] = Kind.CHROME, "contents"
            entry += 1
        if entry < len(texts) and ELLIPSIS_LINE.match(texts[entry]):
            kinds[entry], reasons[entry] = Kind.CHROME, "contents"
    return tuple(kinds), tuple(reasons)


def bars_only(text: str) -> bool:
    """Whether a line holds nothing but table bars (|, ｜) and spaces."""
    return bool(text.strip()) and not text.strip(" |｜\u3000\t")


def _score(text: str, kind: Kind) -> float:
    if bars_only(text):
        return 0  # a bar alone weighs nothing either way
    if kind is Kind.PROSE:
        return min(han_count(text), PROSE_SCORE_CAP)
    if kind is Kind.HEADING:
        return 6
    if kind is Kind.FRAME:
        return 2
    if kind is Kind.SHORT:
        return -SHORT_COST
    return -max(CHROME_COST, len(text) / 4)


def find_body(lines: tuple[Line, ...]) -> Body:
    """The densest run of report text: the maximum-sum run of line scores."""
    kinds, reasons = line_kinds(lines)
    prose = sum(han_count(line.text) for line, kind in zip(lines, kinds, strict=True) if kind is Kind.PROSE)
    if prose < MIN_BODY_PROSE:
        return Body(0, len(lines), kinds, False, reasons)
    best, best_start, best_end = float("-inf"), 0, 0
    total, start = 0.0, 0
    for index, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
        if total <= 0:
            total, start = 0.0, index
        total += _score(line.text, kind)
        if total > best:
            best, best_start, best_end = total, start, index + 1
    return Body(best_start, best_end, kinds, True, reasons)


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)
