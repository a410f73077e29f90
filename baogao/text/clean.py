"""Stage 2, clean: from decoded text to report lines.

A cascade of plain passes, each taking lines and returning the lines it kept
and what it removed (with the id of the rule and a source span): split
markers rejoined, chrome, the title, flattened lines split at their headings,
then repeated blocks; marks are recorded last, on what was kept. Nothing that
is report text is ever dropped by a pass other than `dedupe.remove_repeats`,
which keeps one copy.
"""

from __future__ import annotations

import re

from ..model import CleanText, Line, Removal, SourceText, Span
from .chrome import CHROME_RULES, HTML_COMMENT, ChromeRule, chrome_rule, comment_lines
from .dedupe import remove_repeats
from .linebreaks import rejoin_split_markers, split_flattened
from .marks import find_marks
from .numbering import is_heading

# A report's title is one short line without a sentence end.
MAX_REPORT_TITLE_CHARS = 80
TITLE_REPEAT = "title.repeat"
_SPACE = re.compile(r"\s+")


def clean(source: SourceText, chrome_rules: tuple[ChromeRule, ...] = CHROME_RULES) -> CleanText:
    """Run every cleaning pass over one decoded source."""
    # A marker cut by a line break is mended first: its halves (``（``) would
    # otherwise look like the remains of a page widget.
    lines = rejoin_split_markers(split_lines(source.text))
    lines, chrome = remove_chrome(lines, chrome_rules)
    title, title_line, lines, repeats = take_title(lines)
    lines = split_flattened(lines)
    lines, duplicates = remove_repeats(lines)
    removed = tuple(sorted(chrome + repeats + duplicates, key=lambda r: r.span.start))
    return CleanText(title, title_line, lines, removed, find_marks(lines))


def split_lines(text: str) -> tuple[Line, ...]:
    """Number the non-blank lines (1-based, as an editor shows them)."""
    return tuple(Line(number, line) for number, line in enumerate(text.split("\n"), 1) if line.strip())


def remove_chrome(
    lines: tuple[Line, ...], rules: tuple[ChromeRule, ...] = CHROME_RULES
) -> tuple[tuple[Line, ...], tuple[Removal, ...]]:
    """Drop lines that are web-page furniture."""
    kept, removed = [], []
    comments = comment_lines([line.text for line in lines])
    for index, line in enumerate(lines):
        rule = HTML_COMMENT if index in comments else chrome_rule(line.text, rules)
        if rule is None:
            kept.append(line)
        else:
            removed.append(Removal("chrome", f"chrome.{rule}", line.text, Span(line.number, line.number)))
    return tuple(kept), tuple(removed)


def _is_title(text: str) -> bool:
    return len(text) <= MAX_REPORT_TITLE_CHARS and "。" not in text and not is_heading(text)


def take_title(lines: tuple[Line, ...]) -> tuple[str, int, tuple[Line, ...], tuple[Removal, ...]]:
    """Take the first line as the title if it looks like one; drop its repeats.

    Scraped pages print the title in the page header and again above the
    body; it is the report's title once, not a line of its text.
    """
    if not lines or not _is_title(lines[0].text):
        return "", 0, lines, ()
    title = lines[0]
    key = _SPACE.sub("", title.text)
    kept, removed = [], []
    for line in lines[1:]:
        if _SPACE.sub("", line.text) == key:
            removed.append(Removal("title", TITLE_REPEAT, line.text, Span(line.number, line.number)))
        else:
            kept.append(line)
    return title.text, title.number, tuple(kept), tuple(removed)
