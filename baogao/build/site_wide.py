"""The site-wide pages: what the content phase renders over every report's
`Listing` (home, catalogue data, comparison, navigation, copies, readings,
history, search page), and what the site build reads back of them (the
navigation).

I/O is limited to reading what earlier runs wrote in content/ (the last
readings and copies, a report's text, the navigation) and the listings the
state database holds.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import BaogaoError
from ..render.names import (
    CATALOGUE_SCRIPT,
    COMPARE_PAGE,
    COPIES_FILE,
    FULLTEXT_TEXT,
    HISTORY_FILE,
    HOME_PAGE,
    NAV_FILE,
    READINGS_FILE,
    REPORTS_SCRIPT,
    SEARCH_PAGE,
    SITE_FILE,
)
from .files import read_json
from .manifest import MANIFEST, DamagedManifest, ReportEntry, read_listings

if TYPE_CHECKING:
    from ..model import Listing
    from .store import ContentWriter

# What `render_site_pages` writes: rendered again whenever one is gone.
SITE_PAGES = (
    HOME_PAGE,
    CATALOGUE_SCRIPT,
    COMPARE_PAGE,
    NAV_FILE,
    COPIES_FILE,
    READINGS_FILE,
    HISTORY_FILE,
    REPORTS_SCRIPT,
    SITE_FILE,
)


def listings_of(content: Path, entries: dict[str, ReportEntry]) -> list[Listing]:
    """Every report's listing in slug order, those left in the state database read from it."""
    try:
        stored = read_listings(content, [slug for slug, entry in entries.items() if entry.listing is None])
    except DamagedManifest as error:  # damaged since the run read it
        raise BaogaoError(f"{error}; {_RECOVER}") from None
    listings = []
    for slug in sorted(entries):
        listing = entries[slug].listing or stored.get(slug)
        if listing is None:  # a row of the state that no longer reads (the plan keeps no entry without one)
            raise BaogaoError(f"{entries[slug].source}: its listing in {content / MANIFEST} does not read; {_RECOVER}")
        listings.append(listing)
    return listings


_RECOVER = (
    "delete that file and run again with --force (every report is rebuilt; each page that differs is saved as a backup)"
)


def fulltext_of(writer: ContentWriter) -> Callable[[str], str]:
    """A report's text by slug, as this run leaves it in content/."""

    def fulltext(slug: str) -> str:
        # A report of an older version has no such file.
        return writer.text(f"{slug}/{FULLTEXT_TEXT}") or ""

    return fulltext


def render_site_pages(
    listings: list[Listing],
    templates: Path,
    search: str,
    content: Path,
    fulltext: Callable[[str], str],
    changed: frozenset[str],
) -> dict[str, str]:
    """The home page, comparison, navigation (and search page) over every
    report; `changed` names the reports processed this run (the readings of
    copies none of which changed are the last run's)."""
    from ..render.catalogue import forget_catalogue
    from ..render.environment import make_environment
    from ..render.site_pages import (
        render_catalogue_script,
        render_compare,
        render_copies,
        render_history,
        render_home,
        render_nav,
        render_readings,
        render_reports_script,
        render_search,
        render_site_settings,
    )

    env = make_environment(templates)
    files = {
        HOME_PAGE: render_home(listings, env),
        CATALOGUE_SCRIPT: render_catalogue_script(listings),
        COMPARE_PAGE: render_compare(listings, env),
        NAV_FILE: render_nav(listings, search),
        COPIES_FILE: render_copies(listings),
        READINGS_FILE: render_readings(listings, fulltext, site_data_before(content), changed),
        HISTORY_FILE: render_history(listings),
        REPORTS_SCRIPT: render_reports_script(listings),
        SITE_FILE: render_site_settings(search),
    }
    if search == "pagefind":
        files[SEARCH_PAGE] = render_search(env)
    # The catalogue keeps the last listings for the next page that asks: no
    # page does after these, and the site build should hold none of them.
    forget_catalogue()
    return files


def site_data_before(content: Path) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The last run's readings and copies, or None when either is missing or damaged."""
    try:
        readings, copies = (read_json(content / name) for name in (READINGS_FILE, COPIES_FILE))
    except (OSError, ValueError):
        return None
    return (readings, copies) if isinstance(readings, dict) and isinstance(copies, dict) else None


def read_nav(content: Path) -> list[Any]:
    """The navigation the content phase wrote (`render_nav`): all the site
    build needs of the listings, which it therefore never holds (at 10,000
    reports, while it read them all again and grouped their copies, the
    start of the site build peaked at 1.2 GB)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    nav = yaml.load((content / NAV_FILE).read_text(encoding="utf-8"), Loader=loader)["nav"]
    return list(nav)
