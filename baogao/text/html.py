"""Stage 1, read, for saved web pages: the text of the page's main content.

A page saved from a browser (``.html``) holds the report among menus,
scripts and footers. Finding the main content of an arbitrary page is what
trafilatura is maintained for, so baogao asks it rather than keeping rules
of its own for markup; what trafilatura keeps then goes through the same
cleaning as any scraped text (chrome it let through is still removed there).
Pure: a string in, a string out.
"""

from __future__ import annotations

from ..errors import InputError

HTML_SUFFIXES = (".html", ".htm")
# How many of the first lines of the extracted text are looked at for the
# page's title before it is put in front of them.
_TITLE_WITHIN = 5


def page_text(html: str, name: str) -> str:
    """The text of a saved page's main content, one block per line, tables as
    ``| cell | cell |`` rows; the page's title first when the content does not
    already open with it. Raise InputError when the page has no text."""
    # Imported here: it is slow to import, and only pages need it.
    import trafilatura

    # Recall over precision: a report paragraph trafilatura drops is lost for
    # good, while chrome it keeps is removed by `text.clean`.
    text = trafilatura.extract(
        html,
        output_format="txt",
        include_tables=True,
        include_comments=False,
        include_images=False,
        favor_recall=True,
        deduplicate=False,
        with_metadata=False,
    )
    if not text or not text.strip():
        raise InputError(name, "no text found in this web page (is it a saved page of a report?)")
    metadata = trafilatura.extract_metadata(html)
    title = (metadata.title or "").strip() if metadata else ""
    head = [line.strip() for line in text.split("\n")[:_TITLE_WITHIN]]
    if title and not any(title in line or line in title for line in head if line):
        text = title + "\n" + text
    return text


# Elements that end a line of text: blocks, list items, rows, line breaks.
_BLOCKS = frozenset(
    {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section", "article", "blockquote"}
)


def fragment_text(html: str) -> str:
    """The text of a fragment of HTML (a dataset's text field: ``<p>…</p><p>…</p>``),
    one block per line, entities decoded, scripts and styles left out; read by
    lxml's HTML parser (trafilatura's own), which mends what a regular
    expression would not (comments, ``<`` in attributes, unclosed tags)."""
    from lxml import html as lxml_html

    root = lxml_html.fragment_fromstring(html, create_parent="div")
    for element in root.xpath("//script|//style|//comment()"):
        element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and (element.tag in _BLOCKS or element.tag == "br"):
            element.tail = "\n" + (element.tail or "")
    return str(root.text_content())
