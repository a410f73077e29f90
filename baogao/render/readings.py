"""Other copies' readings beside the marks of a page.

`text.readings` finds, for a report's marks, what another copy of the same
report prints in their place; the build writes them to
``names.READINGS_FILE``. Here they are put into a page's HTML just after the
mark they fill, labelled with the copy they come from. The page is matched
by the mark's context in the page as rendered, not by position, so a mark a
reader filled or moved in ``content/`` gets no stale reading.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from ..text.readings import fold
from .labels import READING_AFTER, READING_BEFORE, READING_SOURCE, READING_TITLE

# A mark as `escape.render_inline` writes it, in the page's HTML.
MARK_HTML = re.compile(r'<span class="bg-mark bg-mark-[a-z]+"[^>]*>(.*?)</span>')
# What a page's HTML holds besides its text: tags, and the ¶ links beside headings.
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>')
_TAG = re.compile(r"<[^>]+>")


def _text(fragment: str) -> str:
    return fold(html.unescape(_TAG.sub("", _HEADERLINK.sub("", fragment))))


def reading_note(reading: str, title: str, where: str, href: str) -> str:
    """The note shown after a mark: the other copy's words, and a link to
    that copy named by its title and where it came from (its page's address,
    or its folder: copies of one report often share their title)."""
    return (
        f'<span class="bg-reading" title="{html.escape(READING_TITLE)}" data-pagefind-ignore>'
        f'{READING_BEFORE}“<span class="bg-reading-text">{html.escape(reading)}</span>”'
        f'{READING_SOURCE}<a href="{html.escape(href)}">《{html.escape(title)}》（{html.escape(where)}）</a>'
        f"{READING_AFTER}</span>"
    )


def with_readings(page: str, readings: list[dict[str, Any]], href: Callable[[str], str]) -> str:
    """`page` (HTML) with each reading after the mark whose mark text and
    context it was found for; `href` gives the link to a copy by its slug."""
    marks = list(MARK_HTML.finditer(page))
    if not marks or not readings:
        return page
    wanted = {(fold(str(item["mark"])), str(item["before"]), str(item["after"])): item for item in readings}
    notes: list[tuple[int, str]] = []
    for index, mark in enumerate(marks):
        before = _text(page[marks[index - 1].end() if index else 0 : mark.start()])
        after = _text(page[mark.end() : marks[index + 1].start() if index + 1 < len(marks) else len(page)])
        mark_text = fold(html.unescape(mark.group(1)))
        for (text, wanted_before, wanted_after), item in wanted.items():
            if text == mark_text and before.endswith(wanted_before) and after.startswith(wanted_after):
                source = str(item["source"])
                note = reading_note(
                    str(item["reading"]), str(item["title"]), str(item.get("where", source)), href(source)
                )
                notes.append((mark.end(), note))
                break
    for position, note in reversed(notes):
        page = page[:position] + note + page[position:]
    return page
