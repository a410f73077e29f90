"""The lines around the report's body that are the page's.

`text.body` finds the body: the densest run of report text. What lies
outside it is the page's unless it reads as the report's own: prose, a
heading or the report's opening and closing lines next to the body, a table
printed a cell per line, a speaker's name under the title, a heading printed
without a number. Inside the body, only lines in the site's own voice are
the page's. Each line removed keeps its reason (`body.PAGE_REASONS`).
"""

from __future__ import annotations

import re

from ..model import Line
from .body import TABLE_RUN, Body, Kind, compact, han_count, page_voice
from .hanzi import simplified
from .line_words import ATTACHMENT, NUMBER_CELL, REPORT_WORDS, REVIEW_HEADING

# A name alone on its line, as a speaker's under a title: two or three
# characters, maybe spaced out (杜  宇).
SPEAKER_NAME = re.compile(r"^[\u4e00-\u9fff](?:[\s\u3000]*[\u4e00-\u9fff]){1,2}$")
# The length of a heading printed without a number (`过去一年的主要工作`).
UNNUMBERED_HEADING_CHARS = (4, 30)


def outside_lines(lines: tuple[Line, ...], body: Body, title: range) -> dict[int, str]:
    """The lines around the body that are the page's: index -> why (`PAGE_REASONS`).

    Before the body, a line is kept when it reads as prose, or when it is a
    heading or an opening line in the unbroken run just before the body.
    After it, the same, and a run of `TABLE_RUN` short lines (a table printed
    a cell per line) is kept too.
    """
    if not body.found:
        return {}
    kinds = body.kinds
    page: set[int] = set()
    # A cell of a table printed a cell per line: a short line, or a number.
    # (A bar alone, the border between two rows, reads as a short line.)
    cells = [
        kind in (Kind.SHORT, Kind.FRAME, Kind.HEADING) or NUMBER_CELL.match(line.text.strip()) is not None
        for line, kind in zip(lines, kinds, strict=True)
    ]
    # Before the body, walking up from it: the report's opening lines join it
    # until a short line that is neither (the page's chrome between them, a
    # source line under the subtitle, is dropped without breaking the run);
    # a table printed a cell per line is kept whole.
    joined = True
    index = body.start - 1
    while index >= 0:
        kind = kinds[index]
        if index in title:
            joined = False  # nothing above the title is the report's opening
        elif index + 1 in title and ATTACHMENT.match(compact(lines[index].text)):
            pass  # 附件2 above an attachment's title is the document's own label
        elif (
            kind is Kind.PROSE
            or (joined and kind in (Kind.HEADING, Kind.FRAME))
            or _speaker_name(lines, kinds, index, title)  # 徐某某 under the title
            or (joined and _unnumbered_heading(lines, kinds, index))  # 过去一年的主要工作
            # under a numbered heading of the report's, its short lines are its own (应得分120分)
            or (joined and kind is Kind.SHORT and _heading_above(kinds, index, title))
        ):
            pass
        else:
            run = index
            while run >= 0 and run not in title and cells[run]:
                run -= 1
            # Above the title a column of short cells is the page's menu, not a table of the report's.
            if index - run >= TABLE_RUN and not (title and index < title.start):
                index = run
                continue
            joined = joined and kind is Kind.CHROME  # chrome is dropped without breaking the run
            page.add(index)
        index -= 1
    # After the body, its closing lines (a signature, a date, the end of an
    # excerpt cut mid-word) join it until the first line of the page's.
    joined = True
    index = body.end
    while index < len(lines):
        kind = kinds[index]
        if kind in (Kind.PROSE, Kind.HEADING) or (joined and kind in (Kind.FRAME, Kind.SHORT)):
            index += 1
            continue
        run = index
        while run < len(lines) and cells[run]:
            run += 1
        if run - index >= TABLE_RUN:
            index = run
            continue
        joined = False
        page.add(index)
        index += 1
    # Inside the body, a line in the site's own voice (a copyright notice, a
    # document site's terms), a registration number or links to other
    # articles is the page's too: no report prints them.
    for index in range(body.start, body.end):
        if kinds[index] is Kind.CHROME and page_voice(lines[index].text.strip()):
            page.add(index)
    # A short line printed again where the page repeats its header (between
    # copies of the body) is the page's wherever it stands.
    printed = {compact(lines[i].text) for i in (*page, *title)}
    repeats = {
        index
        for index, kind in enumerate(kinds)
        if index not in page
        and index not in title
        and kind in (Kind.SHORT, Kind.FRAME, Kind.CHROME)
        and compact(lines[index].text) in printed
    }
    # A repeat of the title itself is left to be named as one (`clean.take_title`).
    titles = {compact(lines[i].text) for i in title}
    why = {index: body.reasons[index] or "short" for index in page} | {index: "repeat" for index in repeats}
    return {index: reason for index, reason in sorted(why.items()) if compact(lines[index].text) not in titles}


def _speaker_name(lines: tuple[Line, ...], kinds: tuple[Kind, ...], index: int, title: range) -> bool:
    """Whether the line at `index` is the speaker's name alone, between the
    title and the report's opening lines (a date, a meeting, a salutation)."""
    return (
        index == title.stop
        and kinds[index] is Kind.SHORT
        and index + 1 < len(lines)
        and kinds[index + 1] is Kind.FRAME
        and SPEAKER_NAME.match(lines[index].text.strip()) is not None
    )


def _heading_above(kinds: tuple[Kind, ...], index: int, title: range) -> bool:
    """Whether a numbered heading stands between the title (or the text's
    start) and the line at `index`: the report has begun above it."""
    return any(kinds[above] is Kind.HEADING for above in range(title.stop if title else 0, index))


def _unnumbered_heading(lines: tuple[Line, ...], kinds: tuple[Kind, ...], index: int) -> bool:
    """Whether the short line at `index` is a heading printed without a
    number, between the report's opening lines (a meeting, a speaker) and its
    text: a page prints none of its own between them."""
    text = compact(lines[index].text)
    if kinds[index] is Kind.SHORT and REVIEW_HEADING.match(simplified(text)):
        return True  # 2015年工作回顾, wherever the excerpt begins
    return (
        kinds[index] is Kind.SHORT
        and index > 0
        and kinds[index - 1] is Kind.FRAME
        and UNNUMBERED_HEADING_CHARS[0] <= len(text) <= UNNUMBERED_HEADING_CHARS[1]
        and han_count(text) == len(text)
        and REPORT_WORDS.search(text) is None  # a notice's title names its kind: 关于印发…的通知
    )
