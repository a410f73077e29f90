"""The ``baogao`` MkDocs plugin: a sidebar that stays small at a thousand reports.

Material renders the whole navigation into every page (``navigation.prune``
only collapses it), so a site of N reports spends O(N) per page on the
sidebar and O(N²) in all: at 300 reports two thirds of the build went into
``nav-item.html`` and every page carried 220 KB of links. Above
``full_nav_max_reports`` reports, each page's sidebar therefore lists the
site's own pages (首页, 对比, 搜索 …) and only the report the page belongs to;
the home page lists every report in its content. Previous/next links and the
search index still come from the full navigation.

It also sets each report's figures table aside while Python-Markdown runs
(`set_aside`, `put_back`): the table is a raw HTML block that Markdown passes
through unchanged, but md_in_html reads every one of its tags in Python
first, 12.8 ms a figures page on average at 1,000 reports against 1.1 ms for
the rest of it.

Enabled in ``mkdocs.yml`` (``plugins: - baogao``) so a plain ``mkdocs build``
after editing ``content/`` behaves the same as ``build.py``: on a site that
build.py built with Pagefind (``SITE_FILE``), it also leaves out Material's
search and offline plugins and runs Pagefind after the build, so that
``mkdocs build`` and ``mkdocs serve`` give the site build.py gives
(tests/test_mkdocs_build.py compares the trees).
"""

from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as option
from mkdocs.plugins import BasePlugin
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from .. import LARGE_SITE_REPORTS
from ..render import labels
from ..render.compare import history_section
from ..render.escape import escape_text, render_inline
from ..render.names import COPIES_FILE, HISTORY_FILE, READINGS_FILE, REPORTS_SCRIPT, SITE_FILE, SITE_REPORTS_SCRIPT
from ..render.readings import with_readings
from . import mkdocs_api
from .pagefind import MATERIAL_SEARCH
from .site import DEFAULT_SOURCE_DATE_EPOCH, index_site, quiet_jieba

# The opening line of the figures table (templates/figures.md.j2), and the
# paragraph that holds its place while Markdown runs.
FIGURES_BLOCK = '<div class="bg-figures" markdown="0"'
PLACEHOLDER = "BAOGAOFIGURESTABLE"
# In the table, what Python-Markdown would change even in a raw HTML block
# (its whitespace normalisation: tabs, carriage returns, its own stash
# markers, lines of only spaces), blank lines (to stay on the safe side), and
# ids (MkDocs collects them from raw HTML as link targets).
LEFT_TO_MARKDOWN = re.compile(r"[\t\r\x02\x03]|\n[ ]*\n|\s(?:id|name)\s*=")
# Before the table, what could put it inside something else (a raw HTML or
# md_in_html container, a comment, a fenced code block).
CONTAINER = re.compile(r"^(?:<|```|~~~)|<!--", re.MULTILINE)


def set_aside(markdown: str) -> tuple[str, str | None]:
    """`markdown` with its figures table replaced by a placeholder paragraph,
    and the table; or `markdown` unchanged and None where the page is not of
    the plain shape the template writes (a reader may have edited it): one
    ``<div>`` between blank lines, closed by a line of its own, followed by
    more of the page, holding nothing Python-Markdown would rewrite, and
    nothing before it that could hold it."""
    start = markdown.find("\n\n" + FIGURES_BLOCK)
    end = markdown.find("\n</div>\n\n", start)
    if start < 0 or end < 0 or PLACEHOLDER in markdown:
        return markdown, None
    start, end = start + 2, end + len("\n</div>")
    if not markdown[end:].strip():
        return markdown, None
    block = markdown[start:end]
    if block.count("<div") != 1 or block.count("</div") != 1 or LEFT_TO_MARKDOWN.search(block):
        return markdown, None
    if CONTAINER.search(markdown, 0, start):
        return markdown, None
    return markdown[:start] + PLACEHOLDER + markdown[end:], block


def put_back(html: str, block: str) -> str:
    """The page's HTML with the table where Python-Markdown would have put it:
    the raw block, then a blank line."""
    placeholder = f"<p>{PLACEHOLDER}</p>\n"
    if html.count(placeholder) != 1:  # not a paragraph of its own after all
        raise ValueError("the figures table's placeholder is not in the page's HTML")
    return html.replace(placeholder, block + "\n\n", 1)


def read_site_data(docs: Path, name: str) -> dict[str, Any]:
    """What build.py writes for the plugin: per-report data from all reports
    (`COPIES_FILE`, `READINGS_FILE`, `HISTORY_FILE`), by slug, or the site's
    settings (`SITE_FILE`); none when it is missing or damaged."""
    try:
        data = json.loads((docs / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def copies_section(copies: dict[str, list[dict[str, Any]]], src_uri: str) -> str:
    """Markdown for the end of a report's overview that has copies: each
    copy, fullest first, with its length and completeness; "" for others."""
    slug, _, name = src_uri.rpartition("/")
    members = copies.get(slug) if name == "index.md" else None
    if not members:
        return ""
    lines = [
        "",
        "",
        f"## {labels.COPIES_TITLE}",
        "",
        labels.COPIES_INTRO.format(count=len(members)),
        "",
        # A list of titles, on every copy's overview: out of both searches,
        # where a query for the report's title would find every copy twice.
        '<div class="bg-copies" data-pagefind-ignore data-search-exclude markdown>',
        "",
    ]
    for number, member in enumerate(members, 1):
        title = render_inline(str(member.get("title", "")))
        here = member.get("slug") == slug
        name_shown = labels.COPIES_HERE.format(title=title) if here else f"[{title}](../{member.get('slug')}/index.md)"
        note = f"，{escape_text(str(member['incomplete']))}" if member.get("incomplete") else ""
        best = labels.COPIES_FULLEST if number == 1 else ""
        chars = f"{int(member.get('chars', 0)):,}"
        lines.append(f"{number}. {labels.COPIES_ITEM.format(name=name_shown, chars=chars, best=best, note=note)}")
    lines += ["", "</div>"]
    return "\n".join(lines) + "\n"


class BaogaoConfig(base.Config):  # type: ignore[no-untyped-call]
    # Up to this many reports every page shows all of them, as Material does.
    full_nav_max_reports = option.Type(int, default=LARGE_SITE_REPORTS)


class BaogaoPlugin(BasePlugin[BaogaoConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self._site_items: list[Any] = []
        self._reports = 0
        self._cache: dict[int, Navigation] = {}
        self._set_aside: dict[str, str] = {}
        self._copies: dict[str, list[dict[str, Any]]] = {}
        self._readings: dict[str, list[dict[str, Any]]] = {}
        self._history: dict[str, list[dict[str, Any]]] = {}
        self._pagefind = False
        # Whether on_post_build indexes a Pagefind site: build.py sets this
        # False and indexes it itself, taking unchanged parts from the last site.
        self.indexes_search = True

    def on_config(self, config: Any) -> Any:
        # A plain `mkdocs build` imports jieba through Material's search;
        # its dictionary loading is not the reader's business.
        quiet_jieba()
        # The sitemap's dates, as build.py has them: the same content, the same bytes.
        os.environ.setdefault("SOURCE_DATE_EPOCH", DEFAULT_SOURCE_DATE_EPOCH)
        settings = read_site_data(Path(config.docs_dir), SITE_FILE)
        # A site build.py built with Pagefind is built so by a plain `mkdocs
        # build` or `mkdocs serve` too: without Material's search and offline
        # plugins (the search page is Pagefind's), indexed after the build.
        self._pagefind = settings.get("search") == "pagefind"
        if self._pagefind:
            mkdocs_api.drop_plugins(config.plugins, MATERIAL_SEARCH, self.on_config)
        self._copies = read_site_data(Path(config.docs_dir), COPIES_FILE)
        self._readings = read_site_data(Path(config.docs_dir), READINGS_FILE)
        self._history = read_site_data(Path(config.docs_dir), HISTORY_FILE)
        return config

    def on_page_markdown(self, markdown: str, /, *, page: Page, **_: Any) -> str:
        markdown += copies_section(self._copies, page.file.src_uri)
        slug, name = page.file.src_uri.rpartition("/")[::2]
        members = self._copies.get(slug)
        if members and members[0].get("slug") != slug:
            # A copy listed under its fullest copy: its sections are found
            # after the fullest copy's (templates/theme/main.html).
            page.meta["report_copy"] = labels.COPY_IN_NAV
        if name == "index.md":
            markdown += history_section(self._history.get(slug, []))
        markdown, block = set_aside(markdown)
        if block is not None:
            self._set_aside[page.file.src_uri] = block
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, config: Any, files: Any, **_: Any) -> str:
        html = self._put_back(html, page, config, files)
        readings = self._readings.get(page.file.src_uri.rpartition("/")[0])
        if not readings:
            return html

        def href(slug: str) -> str:
            overview = files.get_file_from_path(f"{slug}/index.md")
            return get_relative_url(overview.url, page.url) if overview is not None else ""

        return with_readings(html, readings, href)

    def _put_back(self, html: str, page: Page, config: Any, files: Any) -> str:
        block = self._set_aside.pop(page.file.src_uri, None)
        if block is None:
            return html
        page.markdown = (page.markdown or "").replace(PLACEHOLDER, block, 1)  # later events see the page's text
        try:
            return put_back(html, block)
        except ValueError:
            # A shape set_aside did not foresee (the table as the last thing
            # before a link definition, say): render the page as written.
            page.render(config, files)
            return page.content or ""

    def on_post_build(self, *, config: Any) -> None:
        if self._pagefind and self.indexes_search:
            quiet = not logging.getLogger("mkdocs").isEnabledFor(logging.INFO)
            index_site(Path(config.docs_dir), Path(config.site_dir), quiet)
        # The search worker names each result's report from this script
        # (written by build.py into content/.baogao, which MkDocs does not copy).
        script = Path(config.docs_dir) / REPORTS_SCRIPT
        if script.is_file() and "material/search" in config.plugins:
            target = Path(config.site_dir) / SITE_REPORTS_SCRIPT
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(script.read_bytes())

    def on_nav(self, nav: Navigation, /, **_: Any) -> Navigation:
        self._site_items = [item for item in nav.items if not isinstance(item, Section)]
        self._reports = len(nav.items) - len(self._site_items)
        self._cache = {}
        return nav

    def on_page_context(self, context: Any, /, *, page: Page, nav: Navigation, **_: Any) -> Any:
        if self._reports > self.config.full_nav_max_reports:
            context["nav"] = self._page_nav(page, nav)
        return context

    def _page_nav(self, page: Page, nav: Navigation) -> Navigation:
        ancestors = list(page.ancestors)
        report = ancestors[-1] if ancestors else None
        key = id(report)
        if key not in self._cache:
            items = [item for item in nav.items if item is report or not isinstance(item, Section)]
            self._cache[key] = Navigation(items, nav.pages)
        return self._cache[key]

    # What an incremental build (build/incremental.py) needs to know of a page
    # from this plugin: what it adds to the page, and what the page's sidebar shows.

    def page_inputs(self, src_uri: str) -> str:
        """Everything this plugin adds to the page at `src_uri` (its copies,
        history and readings), with a link to each report it names."""
        slug, name = src_uri.rpartition("/")[::2]
        readings = self._readings.get(slug) or []
        added = [
            copies_section(self._copies, src_uri),
            history_section(self._history.get(slug, [])) if name == "index.md" else "",
            json.dumps([(self._copies.get(slug) or [{}])[0].get("slug"), readings], ensure_ascii=False),
            *(f"](../{item.get('source')}/index.md)" for item in readings),
        ]
        return "\n".join(added)

    def shown_nav(self, page: Page, nav: Navigation) -> list[Any]:
        """The navigation items the page's sidebar shows."""
        if self._reports > self.config.full_nav_max_reports:
            return list(self._page_nav(page, nav).items)
        return list(nav.items)
