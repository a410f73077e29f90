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
from dataclasses import dataclass

from ..text.numbering import fold_width

# Where the page's own text is (Material's article); what lies outside it is
# the theme's (header, sidebars, footer).
ARTICLE_START = '<article class="md-content__inner'
ARTICLE_END = "</article>"
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


# Regular expressions over the article, MkDocs's own HTML: reading every
# built page of a large site tag by tag in Python (html.parser, or a
# tokenizer) took most of the search index's build time.
_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.S)
# An element left out: marked data-pagefind-ignore, a heading's permalink,
# or one whose content is not text.
_LEFT_OUT = re.compile(
    r"<([A-Za-z][A-Za-z0-9]*)\b(?=[^>]*?(?:\sdata-pagefind-ignore\b|\sclass=\"headerlink\"))[^>]*>"
    r"|<(" + "|".join(sorted(SKIPPED)) + r")\b[^>]*>"
)
_IGNORE_ALL = re.compile(r"""\sdata-pagefind-ignore\s*=\s*["']?all\b""")
_OPENING = re.compile(r"<(?!(?:" + "|".join(sorted(VOID)) + r")\b)[A-Za-z][A-Za-z0-9]*\b[^>]*(?<!/)>")
_CLOSING = re.compile(r"</[A-Za-z][A-Za-z0-9]*\s*>")
_PAIR = re.compile(r"""\sdata-pagefind-(meta|filter)\s*=\s*"([^"]*)\"""")
_HEADING = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1\s*>", re.S)
_ID = re.compile(r"""\sid\s*=\s*"([^"]*)\"""")
_BLOCK_END = re.compile(r"</(?:" + "|".join(sorted(BLOCKS - {"br"})) + r")\s*>|<br\b[^>]*>")


def _depth(article: str, position: int) -> int:
    """How many elements are open at `position` (the article itself is one)."""
    return len(_OPENING.findall(article, 0, position)) - len(_CLOSING.findall(article, 0, position))


def _element_end(article: str, tag: str, start: int) -> int:
    """Where the element whose start tag ends at `start` ends (after its end tag)."""
    if tag in VOID:
        return start
    depth = 1
    pattern = re.compile(rf"<(/?){re.escape(tag)}\b[^>]*>", re.I)
    for match in pattern.finditer(article, start):
        if match.group(0).endswith("/>"):
            continue
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return len(article)


def _kept(article: str) -> str | None:
    """The article less what is left out; None when a block of the article's
    own is marked ``data-pagefind-ignore="all"``: such a block holds what the
    page is for (全文, 指标对比, 搜索), and the page is a tool, not a section."""
    kept = []
    position = 0
    for match in _LEFT_OUT.finditer(article):
        if match.start() < position:
            continue  # inside an element already left out
        if _IGNORE_ALL.search(match.group(0)) and _depth(article, match.start()) == 1:
            return None
        kept.append(article[position : match.start()])
        position = _element_end(article, (match.group(1) or match.group(2)).lower(), match.end())
    kept.append(article[position:])
    return "".join(kept)


def _plain(fragment: str, blocks: bool = True) -> str:
    """The text of an HTML fragment, white space squeezed; a block's end
    separates words (without a space there, the last word of a paragraph
    and the first of the next would be indexed as one)."""
    if blocks:
        fragment = _BLOCK_END.sub(" ", fragment)
    return " ".join(html.unescape(_TAG.sub("", fragment)).split())


def _pairs(written: str) -> list[tuple[str, str]]:
    """``key:value`` (Pagefind's attribute syntax; several joined by commas
    are not used here, as a title may hold a comma)."""
    key, _, value = html.unescape(written).partition(":")
    return [(key.strip(), value.strip())] if key.strip() and value.strip() else []


def page_sections(page_html: str, url: str) -> list[SectionRecord]:
    """The sections of one built page (`url` from the site root, e.g.
    ``report/02.html``), in page order; none for a page without an article
    or whose article is ignored whole."""
    start = page_html.find(ARTICLE_START)
    end = page_html.rfind(ARTICLE_END)
    if start < 0 or end < start:
        return []
    article = _kept(page_html[start:end])
    if article is None:
        return []
    meta: list[tuple[str, str]] = []
    filters: list[tuple[str, str]] = []
    for kind, written in _PAIR.findall(article):
        (meta if kind == "meta" else filters).extend(_pairs(written))
    found = [(0, "", "", 0)]  # level, anchor, heading, where the section's text starts
    cuts = []
    for match in _HEADING.finditer(article):
        anchor = _ID.search(match.group(2))
        if anchor is None:
            continue  # a heading without an anchor is read as text
        cuts.append(match.start())
        title = _plain(match.group(3), blocks=False)
        found.append((int(match.group(1)), html.unescape(anchor.group(1)), title, match.end()))
    cuts.append(len(article))
    records = []
    for (level, name, heading, begins), ends in zip(found, cuts, strict=True):
        text = _plain(article[begins:ends])
        if not heading and not text:
            continue
        address = f"#{name}" if name and level > 1 else ""
        records.append(SectionRecord(url + address, heading, level, text, tuple(meta), tuple(filters)))
    return records


# Marks of Chinese text (、。，；：“”《》… and their full-width kin): a word
# ends after one, even between two numbers (1.41%、2.92%), as the search
# page's script cuts a query (baogao-search-page.js); the ASCII marks inside
# a number (3.5%, 2-3) do not end it.
CJK_MARKS = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018-\u201f\u2026\u2014\u00b7"
# Han characters, as the search page's script reads them (baogao-search-page.js).
HAN_BMP = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # of the Basic Multilingual Plane
HAN = HAN_BMP + "\U00020000-\U0003ffff"
# Every Han character, digit and Latin letter is set apart; then a run of
# marks standing alone is put back onto the word before it (a mark of its
# own takes a position of its own in Pagefind's index, and the words on
# either side would no longer stand side by side): 3412.55 is 3 4 1 2. 5 5,
# GDP is G D P, and a run a reader copies from inside a number or a word
# (55万元 of 3412.55万元, DP增长 of GDP增长) is found, since Pagefind matches
# a word from its start only.
# (Spaces go in as a literal replacement at each Han character's edges: a
# replacement that names a group is expanded in Python for every match.)
SET_APART = "0-9A-Za-z"
_HAN_EDGE = re.compile(f"(?=[{HAN}{SET_APART}])|(?<=[{HAN}{SET_APART}])|(?<=[{CJK_MARKS}])")
_LONE_MARKS = re.compile(r"(?<=\S) +(?=[^\s\w]+(?: |$))")
# Marks that open the text go with its first word.
_LEADING_MARKS = re.compile(r"^([^\s\w]+) +")


def _ranges(ranges: str) -> list[int]:
    """The code points of a character class's ranges (``a-z`` and single characters)."""
    points: list[int] = []
    index = 0
    while index < len(ranges):
        if index + 2 < len(ranges) and ranges[index + 1] == "-":
            points += range(ord(ranges[index]), ord(ranges[index + 2]) + 1)
            index += 3
        else:
            points.append(ord(ranges[index]))
            index += 1
    return points


# The same cuts as `_HAN_EDGE`, by str.translate (a quarter faster): spaces
# on both sides of a Han character, digit or letter of the Basic Multilingual Plane,
# one after a mark; doubled spaces are then joined like any other. Han
# characters beyond it are rare, and go through the regular expression.
_SET_APART = {point: f" {chr(point)} " for point in _ranges(HAN_BMP + SET_APART)}
_SET_APART.update((point, f"{chr(point)} ") for point in _ranges(CJK_MARKS))
_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")


def index_text(text: str) -> str:
    """`text` as the index holds it: width folded, every Han character a word.

    Pagefind segments Chinese into words when it indexes (with one segmenter)
    and again in the browser when a reader searches (with another); where
    the two disagree, a query finds nothing, and a run a reader copied that
    cuts two words in half never matches a word at all. Indexed one
    character to a word, any run of characters is found: the search page
    asks for its characters and keeps the sections where they stand side
    by side (baogao-search-page.js).
    """
    folded = fold_width(text)
    if _BEYOND_BMP.search(folded):
        spaced = " ".join(_HAN_EDGE.sub(" ", folded).split())
    else:
        spaced = " ".join(folded.translate(_SET_APART).split())
    return _LEADING_MARKS.sub(r"\1", _LONE_MARKS.sub("", spaced))


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


def headings_record_html(records: list[SectionRecord], folder: str) -> str:
    """The sections of one report (its folder, `folder`) as one record of the
    index of headings alone: each heading an ``<h2>`` whose id is the
    section's address within the folder (``02.html#一基本情况``), so that
    Pagefind's sub-results name the sections whose heading holds a query
    (baogao-search-page.js reads the address back from the id); the report's
    meta and filters are the first section's page's."""
    first = records[0]
    meta = [("url", folder + "/")] + [(key, value) for key, value in first.meta if key not in ("title", "url")]
    spans = [f'<span data-pagefind-meta="{_attribute(key, value)}"></span>' for key, value in meta]
    spans += [f'<span data-pagefind-filter="{_attribute(key, value)}"></span>' for key, value in first.filters]
    headings = [
        (html.escape(record.url[len(folder) + 1 :], quote=True), html.escape(index_text(record.heading)))
        for record in records
    ]
    body = "".join(spans) + "".join(f'<h2 id="{address}">{heading}</h2>' for address, heading in headings)
    return f'<html lang="zh"><head><title>{html.escape(folder)}</title></head><body>{body}</body></html>'


def _attribute(key: str, value: str) -> str:
    return html.escape(f"{key}:{value}", quote=True)
