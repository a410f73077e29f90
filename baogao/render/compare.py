"""The comparison page's data: one indicator across years for a region, and
across regions for a year.

Pure functions of the reports' listings. Copies of one report count once
(the fullest, `catalogue`); a report's value for an indicator is the one
`text.indicators` chose, dated by the year it states or else the year the
report covers.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ..model import Indicator, Listing
from ..text.indicators import INDICATOR_RULES
from . import labels
from .catalogue import catalogue
from .charts import bar_chart, display_scale, line_chart
from .escape import escape_text

# A series needs this many years (a comparison this many regions) to be drawn.
MIN_POINTS = 3
# The page draws at most this many of each: the ones with the most points.
MAX_CHARTS = 12
_RULE_ORDER = {rule.id: index for index, rule in enumerate(INDICATOR_RULES)}


@dataclass(frozen=True)
class Point:
    label: str
    """The year (``2017``) or the region (``甘肃省张掖市``)."""
    value: float
    text: str
    """As printed: ``82.7万亿元``."""
    slug: str
    title: str


@dataclass(frozen=True)
class Series:
    name: str
    unit: str
    measure: str
    about: str
    """The region of a time series, the year of a comparison across regions."""
    points: tuple[Point, ...]
    over_years: bool = True
    """A line over years; else bars, one per region."""

    @property
    def heading(self) -> str:
        measure = labels.MEASURES.get(self.measure, "")
        return f"{self.name}{measure}（{self.about}）"

    def chart(self) -> str:
        """The series as an SVG line chart, in the unit a reader expects."""
        divisor, unit = display_scale([point.value for point in self.points], self.unit)
        points = [(point.label, point.value / divisor) for point in self.points]
        return (line_chart if self.over_years else bar_chart)(self.heading, points, unit)


def _dated(listing: Listing, indicator: Indicator) -> str:
    return indicator.year or listing.metadata.year


def _stated(listings: list[Listing]) -> list[tuple[Listing, Indicator]]:
    """Every (report, indicator) with a value of a series compared, copies counted once."""
    fullest = [entry.listing for entry in catalogue(listings) if entry.listing.metadata.region]
    return [
        (listing, item)
        for listing in fullest
        for item in listing.indicators
        if item.value is not None and item.series in _RULE_ORDER
    ]


def _ranked(found: list[Series]) -> list[Series]:
    """The `MAX_CHARTS` series with the most points, then by name."""
    found.sort(key=lambda series: (-len(series.points), series.name, series.about))
    return found[:MAX_CHARTS]


def _grouped(
    listings: list[Listing], over_years: bool
) -> tuple[dict[tuple[str, str], dict[str, Point]], dict[tuple[str, str], Indicator]]:
    """The common indicators' values, one point per year for each region
    (`over_years`) or one per region for each year; and each group's indicator."""
    grouped: defaultdict[tuple[str, str], dict[str, Point]] = defaultdict(dict)
    named: dict[tuple[str, str], Indicator] = {}
    for listing, item in _stated(listings):
        region, year = listing.metadata.region, _dated(listing, item)
        if not year:
            continue
        key = (item.key, region if over_years else year)
        label = year if over_years else labels.region_label(region)
        named.setdefault(key, item)
        grouped[key].setdefault(label, Point(label, float(item.value or 0), item.text, listing.slug, listing.title))
    return grouped, named


def time_series(listings: list[Listing]) -> list[Series]:
    """Indicators one region states in several years, one point per year."""
    grouped, named = _grouped(listings, over_years=True)
    found = [
        Series(
            named[key].name,
            named[key].unit,
            named[key].measure,
            labels.region_label(key[1]),
            tuple(sorted(points.values(), key=lambda p: p.label)),
        )
        for key, points in grouped.items()
        if len(points) >= MIN_POINTS
    ]
    return _ranked(found)


def across_regions(listings: list[Listing]) -> list[Series]:
    """Indicators several regions state for one year, one point per region."""
    grouped, named = _grouped(listings, over_years=False)
    found = [
        Series(
            named[key].name,
            named[key].unit,
            named[key].measure,
            f"{key[1]}年",
            tuple(sorted(points.values(), key=lambda p: -p.value)),
            over_years=False,
        )
        for key, points in grouped.items()
        if len(points) >= MIN_POINTS
    ]
    return _ranked(found)


# An overview shows at most this many earlier years of an indicator.
HISTORY_YEARS = 5


def report_history(listings: list[Listing]) -> dict[str, list[dict[str, Any]]]:
    """For each report with a region: each common indicator it states, with
    the values the same region's earlier reports state (copies once), newest
    first, for its overview (`history_section`)."""
    grouped, named = _grouped(listings, over_years=True)
    found: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    for key, stated in grouped.items():
        item = named[key]
        years = sorted(stated, reverse=True)
        for index, year in enumerate(years):
            earlier = years[index + 1 : index + 1 + HISTORY_YEARS]
            if not earlier:
                continue
            found[stated[year].slug].append(
                {
                    "name": item.name + labels.MEASURES.get(item.measure, ""),
                    "order": _RULE_ORDER[item.series],
                    "this": [year, stated[year].text],
                    "earlier": [[other, stated[other].text, stated[other].slug] for other in earlier],
                }
            )
    return {slug: sorted(rows, key=lambda row: (row["order"], row["name"])) for slug, rows in sorted(found.items())}


def history_section(rows: list[dict[str, Any]]) -> str:
    """Markdown for the end of an overview: this report's common indicators
    beside the same region's earlier reports; "" when there are none."""
    if not rows:
        return ""
    lines = [
        "",
        "",
        f"## {labels.HISTORY_TITLE}",
        "",
        # Figures from other reports: out of both searches, as the figures table is.
        '<div class="bg-history" data-pagefind-ignore data-search-exclude markdown>',
        "",
        labels.HISTORY_INTRO,
        "",
        labels.HISTORY_HEADER,
        "| --- | --- | --- |",
    ]
    for row in rows:
        year, text = row["this"]
        earlier = " · ".join(
            f"[{escape_text(f'{other}年 {value}')}](../{slug}/index.md)" for other, value, slug in row["earlier"]
        )
        lines.append(f"| {escape_text(row['name'])} | {escape_text(f'{year}年 {text}')} | {earlier} |")
    lines += ["", "</div>"]
    return "\n".join(lines) + "\n"
