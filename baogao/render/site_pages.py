"""The site-wide pages: home, comparison, search, and the navigation.

Pure functions of every report's `Listing` (kept in the manifest, so a re-run
need not read the reports again); each returns the text of one file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import asdict
from typing import Any

import jinja2
import orjson
import yaml

from .. import LARGE_SITE_REPORTS
from ..model import Indicator, Listing
from ..text.readings import read_copy, readings_between
from . import labels
from .catalogue import Entry, catalogue, facets
from .compare import across_regions, report_history, time_series
from .environment import tidy
from .names import CATALOGUE_SCRIPT, COMPARE_PAGE, HOME_PAGE, SEARCH_PAGE
from .pages import theme_text

# A report's marks are compared with at most this many other copies' texts.
MAX_READING_COPIES = 3
# The comparison lists indicators found in at least this many reports.
COMPARE_MIN_REPORTS = 2
# Up to this many reports the comparison puts them side by side, one column
# each. Above, a table of indicators by reports is quadratic (961 indicators
# by 1,000 reports: a 6.4 MB page that Python-Markdown took 37 s to render
# and no one could read), so each indicator gets one row: how many reports
# state it, and the first of them.
COMPARE_MAX_COLUMNS = LARGE_SITE_REPORTS


# The home page's own list holds at most this many entries, the newest; above
# it, the page's filter reads every entry from `CATALOGUE_SCRIPT` and lists
# the matches this many at a time, so that the page and its document stay
# small at ten thousand reports (a list of every entry took 337 KB at 1,000).
HOME_LISTED = 300


def render_home(reports: list[Listing], env: jinja2.Environment) -> str:
    """The site's home page from every report's listing: a catalogue that
    narrows by kind, level, region and year, copies of a report listed once."""
    entries = catalogue(reports)
    more = len(entries) > HOME_LISTED
    context = {
        "meta": {"title": labels.HOME_TITLE},
        "reports": reports,
        "entries": entries,
        "listed": [_entry_row(entry) for entry in (_newest_first(entries)[:HOME_LISTED] if more else entries)],
        "more": more,
        "script": CATALOGUE_SCRIPT,
        "facets": facets(entries),
    }
    return tidy(env.get_template("home.md.j2").render(**context))


def render_catalogue_script(reports: list[Listing]) -> str:
    """``self.baogaoCatalogue = [[slug, title, kind, level, region, year,
    meta, incomplete, copies, [[slug, after], …]], …]``: every entry of the
    home page, as its list shows it (read by assets/javascripts/catalogue.js,
    which builds the items with text, never markup)."""
    rows = [_entry_row(entry) for entry in catalogue(reports)]
    return f"self.baogaoCatalogue = {json.dumps(rows, ensure_ascii=False)};\n"


def _newest_first(entries: list[Entry]) -> list[Entry]:
    by_title = sorted(entries, key=lambda entry: entry.listing.title)
    return sorted(by_title, key=lambda entry: entry.listing.metadata.year or "0", reverse=True)


def _entry_row(entry: Entry) -> list[Any]:
    """An entry as the catalogue lists it: its facts, and its lines as shown."""
    item, metadata = entry.listing, entry.listing.metadata
    meta = [labels.kind_label(metadata.kind)]
    meta += [labels.region_label(metadata.region)] if metadata.region else []
    meta += [f"{metadata.year}年"] if metadata.year else []
    incomplete = labels.CATALOGUE_INCOMPLETE.format(why=entry.incomplete) if entry.incomplete else ""
    copies = labels.CATALOGUE_COPIES.format(count=len(entry.copies)) if entry.copies else ""
    listed = [
        [
            copy.slug,
            (labels.CATALOGUE_COPY_INCOMPLETE if copy.completeness_id else "")
            + (labels.CATALOGUE_COPY_SEPARATOR if number < len(entry.copies) - 1 else ""),
        ]
        for number, copy in enumerate(entry.copies)
    ]
    facts = [item.slug, item.title, metadata.kind, metadata.region_level, metadata.region, metadata.year]
    return [*facts, " · ".join(meta), incomplete, copies, listed]


def render_compare(reports: list[Listing], env: jinja2.Environment) -> str:
    """The comparison page: each common indicator over the years for a region
    and across regions for a year (charts and tables), then every indicator
    that several reports state, in a table a reader filters and sorts."""
    by_indicator: dict[str, dict[str, list[str]]] = {}
    names: dict[str, Indicator] = {}
    for listing in reports:
        for indicator in listing.indicators:
            key = indicator.key
            names.setdefault(key, indicator)
            by_indicator.setdefault(key, {})[listing.slug] = [indicator.text, indicator.year]
    order = {listing.slug: index for index, listing in enumerate(reports)}
    rows = [
        {
            "name": names[key].name + labels.MEASURES.get(names[key].measure, ""),
            "unit": names[key].unit,
            "values": values,
            "first": reports[min(order[slug] for slug in values)],
        }
        for key, values in sorted(by_indicator.items(), key=lambda item: (-len(item[1]), item[0]))
        if len(values) >= COMPARE_MIN_REPORTS
    ]
    template = env.get_template("compare.md.j2")
    side_by_side = len(reports) <= COMPARE_MAX_COLUMNS
    meta = {"title": labels.COMPARE_TITLE, "search": {"exclude": True}}
    series, regions = time_series(reports), across_regions(reports)
    return tidy(
        template.render(
            meta=meta, reports=reports, rows=rows, side_by_side=side_by_side, series=series, regions=regions
        )
    )


def render_search(env: jinja2.Environment) -> str:
    """The Pagefind search page (``--search pagefind``)."""
    return tidy(
        env.get_template("search.md.j2").render(meta={"title": labels.SEARCH_TITLE}, labels=labels.SEARCH_FILTERS)
    )


def nav_entries(reports: list[Listing], search: str = "material") -> list[Any]:
    """MkDocs navigation: home, then per report its overview and sections."""
    nav: list[Any] = [{labels.HOME_NAV: HOME_PAGE}]
    if search == "pagefind":
        nav.append({labels.SEARCH_TITLE: SEARCH_PAGE})
    if len(reports) >= COMPARE_MIN_REPORTS:
        nav.append({labels.COMPARE_TITLE: COMPARE_PAGE})
    # A copy of a report listed under its fullest copy on the home page says
    # so in the sidebar, where two entries would otherwise read the same.
    copies = {copy.slug for entry in catalogue(reports) for copy in entry.copies}
    for listing in reports:
        slug = listing.slug
        children: list[Any] = [f"{slug}/index.md"]
        children += [{theme_text(page.title): f"{slug}/{page.file}"} for page in listing.pages]
        title = (listing.title or slug) + (labels.COPY_IN_NAV if slug in copies else "")
        nav.append({theme_text(title): children})
    return nav


def render_site_settings(search: str) -> str:
    """`names.SITE_FILE`: what the baogao MkDocs plugin needs to build the
    site as build.py does (which search it has)."""
    return json.dumps({"search": search}) + "\n"


def render_nav(reports: list[Listing], search: str = "material") -> str:
    """The file `mkdocs.yml` inherits its navigation from."""
    header = "# Written by baogao (build.py); mkdocs.yml inherits nav from here.\n"
    return header + yaml_flow({"nav": nav_entries(reports, search)})


# What a YAML double-quoted string may not hold as it is (JSON leaves them):
# C1 controls and DEL, what YAML reads as a line break (U+0085, U+2028,
# U+2029), a byte-order mark, noncharacters and lone surrogates.
_NOT_YAML = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
# The longest key PyYAML reads in a flow mapping (a simple key: 1,024 characters).
YAML_FLOW_KEY_CHARS = 1000


def yaml_flow(data: Any) -> str:
    """`data` (mappings, lists and strings) as YAML that reads back equal:
    JSON, one flow collection, where no key is too long for PyYAML (else its
    own block style). The navigation of 1,000 reports takes 0.2 s to write
    in block style with PyYAML, 0.01 s so; libyaml's writer would be as fast
    but lays out long keys its own way, and it is not everywhere."""
    text = json.dumps(data, ensure_ascii=False)
    if any(len(key) > YAML_FLOW_KEY_CHARS for key in _keys(data)):
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    return _NOT_YAML.sub(lambda found: f"\\u{ord(found.group()):04x}", text) + "\n"


def _keys(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield str(key)
            yield from _keys(value)
    elif isinstance(data, list):
        for item in data:
            yield from _keys(item)


def render_copies(reports: list[Listing]) -> str:
    """For every report that has copies: the copies, fullest first, each with
    its title, length and completeness (JSON; the plugin shows it on the
    overview)."""
    groups = {}
    for entry in catalogue(reports):
        if not entry.copies:
            continue
        members = [entry.listing, *entry.copies]
        described = [
            {
                "slug": member.slug,
                "title": member.title,
                "chars": member.chars,
                "incomplete": labels.COMPLETENESS.get(member.completeness_id, ""),
            }
            for member in members
        ]
        for member in members:
            groups[member.slug] = described
    return site_json(dict(sorted(groups.items())))


def site_json(data: Any) -> str:
    """The site-wide data files (copies, readings, history): indented JSON,
    written by orjson (the copies of 1,000 reports take 9 MB: 0.3 s with the
    json module, 0.02 s with orjson)."""
    return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"


def render_readings(
    reports: list[Listing],
    fulltext: Callable[[str], str],
    before: tuple[dict[str, Any], dict[str, Any]] | None = None,
    changed: frozenset[str] = frozenset(),
) -> str:
    """For every report with marks that a copy of it fills: each mark's
    context and the copy's reading, with the copy named (JSON; the plugin
    shows them beside the marks). `fulltext` gives a report's text by slug;
    only members of groups of copies with marks are read, and each is
    compared with at most `MAX_READING_COPIES` other texts, fullest first.

    `before` is the last run's readings and copies (as `render_copies` wrote
    them): a group of copies whose members are the same, in the same order,
    and none of them `changed`, keeps its readings without a text being read."""
    readings: dict[str, list[dict[str, str]]] = {}
    for entry in catalogue(reports):
        members = [entry.listing, *entry.copies]
        if len(members) < 2 or not any(_hides_text(member) for member in members):
            continue
        if before is not None and _same_group(members, before[1], changed):
            readings.update((member.slug, before[0][member.slug]) for member in members if member.slug in before[0])
            continue
        texts: dict[str, str] = {}
        distinct: dict[str, Listing] = {}  # the same text twice fills nothing
        for member in members:
            texts[member.slug] = fulltext(member.slug)
            distinct.setdefault(texts[member.slug], member)
        copies = {text: read_copy(text) for text in distinct}
        for member in filter(_hides_text, members):
            own = texts[member.slug]
            others = [(text, other) for text, other in distinct.items() if text != own][:MAX_READING_COPIES]
            found: dict[tuple[str, str, str], dict[str, str]] = {}
            for text, other in others:  # fullest copy first: its reading wins
                for reading in readings_between(copies[own], copies[text]):
                    key = (reading.mark, reading.before, reading.after)
                    named = {
                        "source": other.slug,
                        "title": other.title,
                        "where": other.metadata.source_url or other.slug,
                    }
                    found.setdefault(key, {**asdict(reading), **named})
            if found:
                readings[member.slug] = list(found.values())
    return site_json(dict(sorted(readings.items())))


def _same_group(members: list[Listing], copies_before: dict[str, Any], changed: frozenset[str]) -> bool:
    slugs = [member.slug for member in members]
    if changed.intersection(slugs):
        return False
    group = copies_before.get(slugs[0])
    return isinstance(group, list) and [member.get("slug") for member in group] == slugs


def _hides_text(listing: Listing) -> bool:
    summary = listing.summary
    return bool(summary.redactions or summary.masks or summary.placeholders or summary.lost_chars)


def render_history(reports: list[Listing]) -> str:
    """For every report of a region with earlier reports on the site: its
    common indicators and theirs (JSON; the plugin shows them on the overview)."""
    return site_json(report_history(reports))


def render_reports_script(reports: list[Listing]) -> str:
    """``self.baogaoReports = {slug: [title, "自评报告 · 甘肃省张掖市 · 2023年"]}``:
    the search worker adds a report's name to each of its results."""
    described = {}
    for listing in reports:
        metadata = listing.metadata
        parts = [labels.kind_label(metadata.kind) if metadata.kind else "", labels.region_label(metadata.region)]
        parts.append(f"{metadata.year}年" if metadata.year else "")
        described[listing.slug] = [listing.title, " · ".join(part for part in parts if part)]
    return f"self.baogaoReports = {json.dumps(described, ensure_ascii=False, sort_keys=True)};\n"
