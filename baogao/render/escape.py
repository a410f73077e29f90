"""Report text as Markdown that shows exactly that text.

Report text may hold ``*``, ``#``, ``|``, ``<``, ``[`` and ``{{``: it is data,
never markup. Every character that Python-Markdown (with the extensions in
``mkdocs.yml``) could read as syntax is backslash-escaped or turned into an
HTML entity, and marks are wrapped in a styled ``<span>`` so a reader sees at
once where the source hid text.
"""

from __future__ import annotations

import html
import re

from ..text.marks import iter_marks
from .labels import MARK_LABELS

# Characters that are inline syntax anywhere in a line for Python-Markdown
# with the extensions baogao enables; its backslash escape turns each back into
# itself (markdown.Markdown.ESCAPED_CHARS, plus ``|`` from the tables
# extension). ``(`` ``)`` ``!`` need no escape once ``[`` ``]`` have one.
_INLINE = re.compile(r"([\\`*_{}\[\]#|])")
# At the start of a paragraph these open a list (``-``, ``+``, ``1.``, ``1)``)
# or an admonition (``!!!``), so the first one is escaped as well; ``>`` is
# already ``&gt;``.
_BLOCK_START = re.compile(r"^([-+!]|\d+(?=[.)]))")


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


def render_inline(text: str) -> str:
    """Escape `text` and wrap every mark in a styled span with a tooltip."""
    parts: list[str] = []
    position = 0
    for kind, start, end in iter_marks(text):
        parts.append(escape_text(text[position:start]))
        parts.append(
            f'<span class="bg-mark bg-mark-{kind}" title="{MARK_LABELS[kind]}">{escape_text(text[start:end])}</span>'
        )
        position = end
    parts.append(escape_text(text[position:]))
    return "".join(parts)
