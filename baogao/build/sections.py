"""A built page's sections, as the records a large site's search indexes.

Readers search for a section, not a page: Pagefind ranks what it indexes
as a whole, so a page indexed whole is ranked by every section on it, and
the section that answers a query comes first only when it comes first on
its page. Each section (a heading at any level, and the text up to the
next heading) therefore becomes a record of its own, with its own URL
(the page and the heading's anchor) and the page's metadata and filters.

The records are read from the built HTML, not from the Markdown, so that
what a reader changed in ``content/`` is what is found; what the page
marks ``data-pagefind-ignore`` (navigation, the figures table, the legend,
a reading beside a mark) is left out, as Pagefind itself would.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Where the page's own text is (Material's article); what lies outside it is
# the theme's (header, sidebars, footer).
ARTICLE_START = '<article class="md-content__inner'
ARTICLE_END = "</article>"
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Elements whose end separates words: without a space there, the last word
# of a paragraph and the first of the next would be indexed as one.
BLOCKS = frozenset(
    {"p", "li", "td", "th", "tr", "div", "br", "blockquote", "dd", "dt", "table", "ul", "ol", "section", "figcaption"}
)
# Elements never read, and elements that have no end tag.
SKIPPED = frozenset({"script", "style", "template", "svg"})
VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "source", "area", "col", "embed"})


@dataclass(frozen=True)
class SectionRecord:
    """One section of a built page, as search indexes it."""

    url: str
    """The page's URL from the site root, with ``#anchor`` (none for text before the first heading)."""
    heading: str
    level: int
    """1–6; 0 for text before the page's first heading."""
    text: str
    """The section's own text, up to the next heading of any level."""
    meta: tuple[tuple[str, str], ...] = ()
    """The page's ``data-pagefind-meta`` pairs (the result's title names the report)."""
    filters: tuple[tuple[str, str], ...] = ()
    """The page's ``data-pagefind-filter`` pairs (report, kind, year)."""


@dataclass
class _Section:
    anchor: str
    level: int
    heading: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    """Walks one article: sections by heading, the page's meta and filters."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[_Section] = [_Section("", 0)]
        self.meta: list[tuple[str, str]] = []
        self.filters: list[tuple[str, str]] = []
        self.whole_page_ignored = False
        self._open: list[tuple[str, bool]] = []  # tag, and whether it starts an ignored stretch
        self._ignored = 0
        self._in_heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, pairs in (("data-pagefind-meta", self.meta), ("data-pagefind-filter", self.filters)):
            written = values.get(name)
            if written and not self._ignored:
                pairs.extend(_pairs(written))
        ignore = values.get("data-pagefind-ignore", "-") != "-"
        # A block of the article's own marked "all" holds what the page is
        # for (全文, 指标对比, 搜索): such a page is a tool, not a section.
        if values.get("data-pagefind-ignore") == "all" and len(self._open) == 1:
            self.whole_page_ignored = True
        ignore = ignore or tag in SKIPPED or "headerlink" in (values.get("class") or "").split()
        if tag in HEADINGS and not self._ignored and values.get("id"):
            self.sections.append(_Section(values["id"] or "", int(tag[1])))
            self._in_heading = True
        if tag in VOID:
            if tag == "br":
                self._space()
            return
        self._open.append((tag, ignore))
        self._ignored += ignore

    def handle_endtag(self, tag: str) -> None:
        # Close up to the matching start tag (HTML lets some ends be left out).
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth][0] == tag:
                for _, ignored in self._open[depth:]:
                    self._ignored -= ignored
                del self._open[depth:]
                break
        else:
            return
        if tag in HEADINGS:
            self._in_heading = False
        if tag in BLOCKS:
            self._space()

    def handle_data(self, data: str) -> None:
        if self._ignored:
            return
        section = self.sections[-1]
        (section.heading if self._in_heading else section.text).append(data)

    def _space(self) -> None:
        if not self._in_heading:
            self.sections[-1].text.append(" ")


def _pairs(written: str) -> list[tuple[str, str]]:
    """``key:value`` (Pagefind's attribute syntax; several joined by commas
    are not used here, as a title may hold a comma)."""
    key, _, value = written.partition(":")
    return [(key.strip(), value.strip())] if key.strip() and value.strip() else []


def _squeeze(parts: list[str]) -> str:
    return " ".join("".join(parts).split())


def page_sections(page_html: str, url: str) -> list[SectionRecord]:
    """The sections of one built page (`url` from the site root, e.g.
    ``report/02.html``), in page order; none for a page without an article
    or whose article is ignored whole."""
    start = page_html.find(ARTICLE_START)
    end = page_html.rfind(ARTICLE_END)
    if start < 0 or end < start:
        return []
    reader = _Reader()
    reader.feed(page_html[start:end])
    reader.close()
    if reader.whole_page_ignored:
        return []
    meta, filters = tuple(reader.meta), tuple(reader.filters)
    records = []
    for section in reader.sections:
        heading, text = _squeeze(section.heading), _squeeze(section.text)
        if not heading and not text:
            continue
        anchor = f"#{section.anchor}" if section.anchor and section.level > 1 else ""
        records.append(SectionRecord(url + anchor, heading, section.level, text, meta, filters))
    return records


# Han characters, as the search page's script reads them (baogao-search-page.js).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
# A word's core: one Han character, or a character of a run of digits and letters.
_CORE = f"{HAN}0-9A-Za-z"
# Where the index puts a space: between two Han characters, between a Han
# character and a digit or letter, and after punctuation between a Han
# character and the next core (or a core and the next Han character). The
# punctuation stays with the word before it: a mark of its own might take a
# position of its own, and the words on either side would no longer stand
# side by side. A run of digits and letters stays whole (3.5%, PM2.5).
_SPLIT = re.compile(
    f"(?<=[{HAN}])(?=[{_CORE}])|(?<=[0-9A-Za-z])(?=[{HAN}])"
    + "".join(
        f"|(?<=[{HAN}][^\\s{_CORE}]{{{width}}})(?=[{_CORE}])|(?<=[0-9A-Za-z][^\\s{_CORE}]{{{width}}})(?=[{HAN}])"
        for width in (1, 2, 3)
    )
)
# Digits, Latin letters and the percent sign printed full-width, and a
# full-width point between digits: read half-width, in the index and in the
# query alike (the page still shows what the source printed).
_WIDE = str.maketrans(
    {
        chr(code): chr(code - 0xFEE0)
        for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B), 0xFF05)
    }
)
_WIDE_POINT = re.compile("(?<=[0-9])\uff0e(?=[0-9])")


def fold_width(text: str) -> str:
    """`text` with full-width digits, letters, points and percent signs half-width."""
    return _WIDE_POINT.sub(".", text.translate(_WIDE))


def index_text(text: str) -> str:
    """`text` as the index holds it: width folded, every Han character a word.

    Pagefind segments Chinese into words when it indexes (with one segmenter)
    and again in the browser when a reader searches (with another); where
    the two disagree, a query finds nothing, and a run a reader copied that
    cuts two words in half never matches a word at all. Indexed one
    character to a word, any run of characters is found: the search page
    asks for its characters and puts first the sections where they stand
    side by side (baogao-search.js).
    """
    return " ".join(_SPLIT.sub(" ", fold_width(text)).split())


def record_html(record: SectionRecord) -> str:
    """`record` as the small HTML document Pagefind indexes: its heading as
    the ``<h1>`` (Pagefind weighs a match there above one in the text), its
    text, its address and title as shown (``url`` and ``title`` meta), and the
    page's meta and filters, every value escaped."""
    meta = [("title", record.heading), ("url", record.url)]
    meta += [(key, value) for key, value in record.meta if key not in ("title", "url")]
    spans = [f'<span data-pagefind-meta="{_attribute(key, value)}"></span>' for key, value in meta]
    spans += [f'<span data-pagefind-filter="{_attribute(key, value)}"></span>' for key, value in record.filters]
    return (
        f'<html lang="zh"><head><title>{html.escape(record.heading)}</title></head><body>'
        f"{''.join(spans)}<h1>{html.escape(index_text(record.heading))}</h1>"
        f"<p>{html.escape(index_text(record.text))}</p></body></html>"
    )


def _attribute(key: str, value: str) -> str:
    return html.escape(f"{key}:{value}", quote=True)
