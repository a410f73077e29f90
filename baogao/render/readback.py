"""A page of ``content/`` as the reader edited it, read back into report text.

The inverse of rendering a section page: the text of its headings,
paragraphs and list items, in order, with Markdown's escapes and entities
undone and the marks' spans reduced to the mark as printed. What baogao adds
around the text is left out: the front matter, raw HTML blocks (the legend,
the previous and next links), and the notes of gaps in the numbering
(``!!! warning`` with its indented text). Read with markdown-it-py, a
CommonMark reader independent of the Python-Markdown that renders the site.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
# The first line of an admonition: Python-Markdown's, which CommonMark reads as a paragraph.
_ADMONITION = re.compile(r"^!!!\s")
_PARSER = MarkdownIt("commonmark")


def page_lines(markdown: str) -> list[str]:
    """The report text of a section page: one line per heading, paragraph
    or list item, in order (a heading as its marker and title: ``（一）…``)."""
    tokens = _PARSER.parse(_FRONT_MATTER.sub("", markdown, count=1))
    lines = []
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        text = "".join(child.content for child in token.children if child.type in ("text", "code_inline"))
        if text.strip() and not _ADMONITION.match(text):
            lines.append(text.strip())
    return lines
