"""The ``baogao`` MkDocs plugin: a sidebar that stays small at a thousand reports.

Material renders the whole navigation into every page (``navigation.prune``
only collapses it), so a site of N reports spends O(N) per page on the
sidebar and O(N²) in all: at 300 reports two thirds of the build went into
``nav-item.html`` and every page carried 220 KB of links. Above
``full_nav_max_reports`` reports, each page's sidebar therefore lists the
site's own pages (首页, 对比, 搜索 …) and only the report the page belongs to;
the home page lists every report in its content. Previous/next links and the
search index still come from the full navigation.

Enabled in ``mkdocs.yml`` (``plugins: - baogao``) so a plain ``mkdocs build``
after editing ``content/`` behaves the same as ``build.py``.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as option
from mkdocs.plugins import BasePlugin
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from . import LARGE_SITE_REPORTS


class BaogaoConfig(base.Config):  # type: ignore[no-untyped-call]
    # Up to this many reports every page shows all of them, as Material does.
    full_nav_max_reports = option.Type(int, default=LARGE_SITE_REPORTS)


class BaogaoPlugin(BasePlugin[BaogaoConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self._site_items: list[Any] = []
        self._reports = 0
        self._cache: dict[int, Navigation] = {}

    def on_nav(self, nav: Navigation, /, **_: Any) -> Navigation:
        self._site_items = [item for item in nav.items if not isinstance(item, Section)]
        self._reports = len(nav.items) - len(self._site_items)
        self._cache = {}
        return nav

    def on_page_context(self, context: Any, /, *, page: Page, nav: Navigation, **_: Any) -> Any:
        if self._reports <= self.config.full_nav_max_reports:
            return context
        ancestors = list(page.ancestors)
        report = ancestors[-1] if ancestors else None
        key = id(report)
        if key not in self._cache:
            items = [item for item in nav.items if item is report or not isinstance(item, Section)]
            self._cache[key] = Navigation(items, nav.pages)
        context["nav"] = self._cache[key]
        return context
