"""What a reader sees: the text of built pages and of Markdown pages."""

from __future__ import annotations

import html.parser
import re
from pathlib import Path

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)


class _Text(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.blocks: list[str] = []
        self._skipping = ""  # the tag of the element being skipped
        self._depth = 0  # how many of that tag are open inside it

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # Not the page's text: scripts and styles, the navigation around it
        # (breadcrumb, previous/next), and the line shown only in print.
        if self._skipping:
            self._depth += tag == self._skipping
        elif tag in ("script", "style", "nav") or (tag == "p" and ("class", "bg-print-meta") in attrs):
            self._skipping, self._depth = tag, 1
        if tag in ("p", "h1", "h2", "h3", "h4", "h5", "li", "td", "div") and not self._skipping:
            self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        if self._skipping and tag == self._skipping:
            self._depth -= 1
            if not self._depth:
                self._skipping = ""

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        self.parts.append(data)
        if self.blocks:
            self.blocks[-1] += data


def article_html(page: Path) -> str:
    match = _ARTICLE.search(page.read_text(encoding="utf-8"))
    assert match, f"{page}: no article"
    return _PERMALINK.sub("", match.group(1))


def article_text(page: Path) -> str:
    """The visible text of a built page's article, headings without their ¶."""
    parser = _Text()
    parser.feed(article_html(page))
    return "".join(parser.parts)


def article_blocks(page: Path) -> list[str]:
    """Each paragraph, heading or list item's text, stripped."""
    parser = _Text()
    parser.feed(article_html(page))
    return [block.strip() for block in parser.blocks if block.strip()]


def squeeze(text: str) -> str:
    return "".join(text.split())
