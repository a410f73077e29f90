"""A saved page shown at once, while ``build.py --serve`` builds the site again.

A build after one saved page takes seconds at a thousand reports (the
report's data, the site's own pages, the search part that holds it). The
reader who saved the page wants to see it first: the server renders that
page's Markdown alone, as MkDocs does (Python-Markdown with the site's
extensions, links to the report's other pages resolved), puts it in place of
the text of the page's last HTML, and serves that until the build is done;
then the built page replaces it. Nothing is written: ``site/`` holds only
what ``build.py`` writes.

What the preview leaves as it was, until the build: the page's table of
contents and title in the navigation (when its headings changed), and what
the baogao plugin adds to a page (another copy's readings beside a mark, an
overview's copies and earlier years).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from . import mkdocs_api

# Where the text of a page stands in Material's HTML: from its first heading
# to the end of the article that holds it.
_ARTICLE = '<article class="md-content__inner md-typeset">'
_FIRST_HEADING = re.compile(r"<h1[\s>]")


def content_span(html: str) -> tuple[int, int] | None:
    """Where the page's rendered Markdown stands in `html`: from its first
    ``<h1`` in the article to the article's last character that is not white
    space; None when the page is not of that shape."""
    article = html.find(_ARTICLE)
    end = html.find("</article>", article)
    if article < 0 or end < 0:
        return None
    heading = _FIRST_HEADING.search(html, article, end)
    if heading is None:
        return None
    return heading.start(), len(html[:end].rstrip())


def render_page(config: Any, page: str) -> str:
    """The HTML MkDocs renders from the Markdown of `page` (its path in the
    docs folder), with the plugins' page events and links to the pages of
    its folder and the site's own pages resolved."""
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    docs = Path(config.docs_dir)
    folder = (docs / page).parent
    near = {*folder.glob("*.md"), *docs.glob("*.md")}
    files = Files(
        [
            File(path.relative_to(docs).as_posix(), config.docs_dir, config.site_dir, config.use_directory_urls)
            for path in sorted(near)
        ]
    )
    file = files.get_file_from_path(page)
    if file is None:
        raise FileNotFoundError(page)
    shown = Page(None, file, config)
    mkdocs_api.populate_page(shown, config, files)
    return shown.content or ""


def page_preview(config_file: Path, content: Path, site: Path, page: str) -> bytes | None:
    """The last built HTML of `page` (a Markdown file's path in `content`)
    with the text rendered from the file as it is now; None when there is no
    such page built, or it is not of the shape `content_span` knows."""
    from mkdocs.config import load_config

    built = site / Path(page).with_suffix(".html")
    try:
        html = built.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    span = content_span(html)
    if span is None:
        return None
    # A preview that cannot be made is no error: the build that follows says what is wrong.
    try:
        with mkdocs_api.configuration_read_by_libyaml():
            config = load_config(config_file=str(config_file), docs_dir=str(content), site_dir=str(site))
        text = render_page(config.plugins.on_config(config), page)
    except Exception:  # noqa: BLE001 (MkDocs raises its own kinds, and Markdown extensions any)
        return None
    if not _FIRST_HEADING.match(text.lstrip()):
        return None  # a page that no longer opens with its heading: wait for the build
    return (html[: span[0]] + text.strip() + html[span[1] :]).encode("utf-8")
