"""Report text as Markdown that shows exactly that text.

Report text may hold ``*``, ``#``, ``|``, ``<``, ``[`` and ``{{``: it is data,
never markup. Every character that Python-Markdown (with the extensions in
``mkdocs.yml``) could read as syntax is backslash-escaped or turned into an
HTML entity, and marks are wrapped in a styled ``<span>`` so a reader sees at
once where the source hid text (with an accessible name, and a legend line
under the page's title: `legend`). Numbers printed with full-width digits
(３３．５) are kept from breaking across lines.
"""

from __future__ import annotations

import html
import re

from ..text.marks import iter_marks
from .labels import LEGEND, LEGEND_INTRO, MARK_LABELS

# Characters that are inline syntax anywhere in a line for Python-Markdown
# with the extensions baogao enables; its backslash escape turns each back into
# itself (markdown.Markdown.ESCAPED_CHARS, plus ``|`` from the tables
# extension). ``(`` ``)`` ``!`` need no escape once ``[`` ``]`` have one.
_INLINE = re.compile(r"([\\`*_{}\[\]#|])")
# At the start of a paragraph these open a list (``-``, ``+``, ``1.``, ``1)``)
# or an admonition (``!!!``), so the first one is escaped as well; ``>`` is
# already ``&gt;``.
_BLOCK_START = re.compile(r"^([-+!]|\d+(?=[.)]))")
# Inside an attribute value, what Markdown could still read (and | would end
# a table cell) is written as a numeric character reference.
_ATTRIBUTE = re.compile(r"[\\`*_{}\[\]#|]")
# A number with at least one full-width digit: a browser may break a line
# between any two full-width characters, so it would split ３３．５ apart.
_WIDE_NUMBER = re.compile(r"[0-9０-９]*[０-９][0-9０-９．.，,％%]*(?<![．.，,])")
# A mark as render_inline writes it: what `legend` looks for in a page.
MARK_SPAN = re.compile(r'<span class="bg-mark bg-mark-([a-z]+)"')


def escape_text(text: str) -> str:
    """Escape plain text (no marks) for use inside a Markdown line."""
    return _INLINE.sub(r"\\\1", html.escape(text, quote=False))


def render_paragraph(text: str) -> str:
    """A line of report text as one Markdown paragraph, marks styled."""
    rendered = render_inline(text)
    match = _BLOCK_START.match(rendered)
    if match is None:
        return rendered
    if match.group(1)[0].isdigit():
        # ``1.`` opens an ordered list; ``1\.`` does not.
        end = match.end()
        return rendered[:end] + "\\" + rendered[end:]
    return "\\" + rendered


def _attribute(text: str) -> str:
    return _ATTRIBUTE.sub(lambda match: f"&#{ord(match.group(0))};", html.escape(text, quote=True))


def _plain(text: str) -> str:
    """Escaped text, full-width numbers kept whole on one line."""
    parts: list[str] = []
    position = 0
    for match in _WIDE_NUMBER.finditer(text):
        if match.end() - match.start() < 2:
            continue
        parts.append(escape_text(text[position : match.start()]))
        parts.append(f'<span class="bg-num">{escape_text(match.group(0))}</span>')
        position = match.end()
    parts.append(escape_text(text[position:]))
    return "".join(parts)


def render_inline(text: str) -> str:
    """Escape `text` and wrap every mark in a styled span with a tooltip and
    an accessible name (a phone reader never sees a tooltip)."""
    parts: list[str] = []
    position = 0
    for kind, start, end in iter_marks(text):
        parts.append(_plain(text[position:start]))
        mark = text[start:end]
        name = _attribute(f"{mark}（{MARK_LABELS[kind]}）")
        parts.append(
            f'<span class="bg-mark bg-mark-{kind}" role="img" aria-label="{name}" title="{MARK_LABELS[kind]}">'
            f"{escape_text(mark)}</span>"
        )
        position = end
    parts.append(_plain(text[position:]))
    return "".join(parts)


def legend(markdown: str) -> str:
    """A line that says what the marks on a page mean, or "" when it has none.

    Found in the rendered page itself, so it lists exactly the kinds of mark
    the reader will see, in a fixed order.
    """
    found = set(MARK_SPAN.findall(markdown))
    if not found:
        return ""
    items = [
        f'<span class="bg-mark-{kind} bg-mark-sample">{html.escape(sample)}</span> {meaning}'
        for kind, (sample, meaning) in LEGEND.items()
        if kind in found
    ]
    # A raw HTML block: Markdown leaves it as written. The same on many pages:
    # out of both searches.
    return f'<p class="bg-legend" data-pagefind-ignore data-search-exclude>{LEGEND_INTRO}{"　".join(items)}</p>'


def with_legend(markdown: str) -> str:
    """`markdown` with its legend line after the page's first heading."""
    line = legend(markdown)
    if not line:
        return markdown
    heading = re.search(r"^# .*\n", markdown, re.MULTILINE)
    if heading is None:
        return markdown
    return markdown[: heading.end()] + "\n" + line + "\n" + markdown[heading.end() :]
