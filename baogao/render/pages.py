"""From a Report to the pages that represent it, rendered.

`report_pages` says which files a report becomes and with what template
data (pure); `render_report` renders them with the Jinja environment, and
adds the data files (`data`).
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import jinja2

from ..model import Gap, Line, Listing, Metadata, PageRef, Report, Section
from ..text.indicators import indicators
from ..text.keyfacts import key_facts
from ..text.report import text_fingerprint
from . import labels
from .charts import bar_chart
from .data import COLUMNS, dump_json, dump_rows, figure_rows, figures_csv, fulltext_txt, report_data
from .environment import anchor, tidy
from .escape import with_legend
from .names import FULLTEXT_TEXT

FIGURES_PAGE = "figures.md"
FULLTEXT_PAGE = "fulltext.md"
# Unnumbered text longer than this gets pages of its own: about what a reader
# scrolls through in a few minutes.
PAGE_CHARS = 6000


@dataclass(frozen=True)
class PagePlan:
    """One file to render: which template, into which path, with what data."""

    path: str
    """Path relative to the report's folder."""
    template: str
    context: dict[str, Any]


def section_file(index: int) -> str:
    """File name of the page for the `index`-th level-1 section (0-based)."""
    return f"{index + 1:02d}.md"


def part_file(index: int) -> str:
    """File name of the `index`-th part of long unnumbered text (0-based)."""
    return f"text-{index + 1:02d}.md"


def _gaps_by_line(gaps: tuple[Gap, ...]) -> dict[int, list[Gap]]:
    found: dict[int, list[Gap]] = {}
    for gap in gaps:
        found.setdefault(gap.line, []).append(gap)
    return found


def theme_text(text: str) -> str:
    """Text for places the theme prints without escaping (page and nav titles).

    MkDocs renders its theme with autoescape off, and Material prints
    ``page.title`` and nav titles as they are: report text going there is
    HTML-escaped here, or ``<img onerror=…>`` in a title would run.
    """
    return html.escape(text, quote=False)


def _front_matter(report: Report, title: str, extra: dict[str, Any]) -> dict[str, Any]:
    """Every page says which report it belongs to, and what that report is
    (Pagefind's filters on large sites read these)."""
    metadata = report.metadata
    described = {
        "report_kind": labels.kind_label(metadata.kind),
        "report_region": labels.region_label(metadata.region),
        "report_year": metadata.year,
    }
    about = {key: value for key, value in described.items() if value}
    return {"title": theme_text(title), "report": report.title, "report_slug": report.slug, **about, **extra}


def split_text(lines: tuple[Line, ...], limit: int = PAGE_CHARS) -> list[tuple[Line, ...]]:
    """Cut a run of lines into parts of about `limit` characters, never mid-line."""
    parts: list[tuple[Line, ...]] = []
    current: list[Line] = []
    size = 0
    for line in lines:
        if current and size + len(line.text) > limit:
            parts.append(tuple(current))
            current, size = [], 0
        current.append(line)
        size += len(line.text)
    if current:
        parts.append(tuple(current))
    return parts


def page_refs(report: Report) -> tuple[PageRef, ...]:
    """Every page after the overview, in reading order."""
    refs = []
    parts = split_text(report.outline.preface)
    if len(parts) > 1:
        name = labels.TEXT_PART if not report.outline.sections else labels.PREFACE_PART
        refs += [
            PageRef(part_file(index), labels.PART_TITLE.format(name=name, number=index + 1))
            for index in range(len(parts))
        ]
    for index, section in enumerate(report.outline.sections):
        refs.append(PageRef(section_file(index), f"{section.marker}{section.title}"))
    if report.figures:
        refs.append(PageRef(FIGURES_PAGE, labels.FIGURES_TITLE))
    refs.append(PageRef(FULLTEXT_PAGE, labels.FULLTEXT_TITLE))
    return tuple(refs)


# The start of a figure's sentence that its link asks the browser to find
# and highlight on the section's page (a text fragment: #id:~:text=…).
FRAGMENT_CHARS = 12


def _html_name(page: str) -> str:
    """The file a page becomes in the site (``use_directory_urls: false``)."""
    return page.removesuffix(".md") + ".html"


def figure_places(report: Report) -> list[dict[str, str]]:
    """Where each figure of the figures page stands: its section's marker and
    title, and a link to that section's heading that also asks the browser to
    find the figure's sentence (a text fragment; browsers without them stop at
    the heading)."""
    sections: dict[str, tuple[str, str, str]] = {}

    def walk(children: tuple[Section, ...], path: str, page: str) -> None:
        for section in children:
            here = f"{path} › {section.marker}" if path else section.marker
            sections[here] = (page, anchor(section), f"{section.marker}{section.title}")
            walk(section.children, here, page)

    for index, top in enumerate(report.outline.sections):
        walk((top,), "", _html_name(section_file(index)))
    parts = split_text(report.outline.preface)
    places = []
    for figure in report.figures:
        if figure.section in sections:
            page, target, label = sections[figure.section]
        else:  # the preface: on the overview, or on one of its parts when it is long
            part = next((i for i, lines in enumerate(parts) if lines[-1].number >= figure.line), 0)
            page, target, label = _html_name(part_file(part) if len(parts) > 1 else "index.md"), "", labels.PREFACE_PART
        fragment = ":~:text=" + quote(figure.sentence[:FRAGMENT_CHARS], safe="")
        places.append({"label": label, "href": f"{page}#{target}{fragment}", "path": figure.section})
    return places


def report_pages(report: Report) -> list[PagePlan]:
    """The overview, parts of a long preface, and one page per top section.

    A preface (or a speech without numbered headings) longer than
    `PAGE_CHARS` gets pages of its own, cut at paragraph boundaries.
    """
    gaps = _gaps_by_line(report.outline.gaps)
    top = report.outline.sections
    refs = page_refs(report)
    parts = split_text(report.outline.preface)
    long_preface = len(parts) > 1
    source = {"file": report.source.path, "encoding": report.source.encoding, "sha256": report.source.sha256}
    overview = PagePlan(
        "index.md",
        "report.md.j2",
        {
            "meta": _front_matter(report, report.title, {**front_matter_metadata(report.metadata), "source": source}),
            "facts": metadata_facts(report.metadata),
            "completeness": labels.COMPLETENESS.get(report.quality.completeness_id, ""),
            "title_origin": labels.TITLE_ORIGINS.get(report.title_origin, ""),
            "report": report,
            "preface": [] if long_preface else [line.text for line in report.outline.preface],
            "pages": [(ref.file, ref.title) for ref in refs],
            "toc": [(section_file(index), section) for index, section in enumerate(top)],
            "summary": report.summary,
            "quality": report.quality,
            "gaps": report.outline.gaps,
            "removed": report.removed,
            **_key_facts_context(report),
        },
    )
    pages = [overview]
    if report.figures:
        meta: dict[str, Any] = {"source": {"file": report.source.path}}
        pages.append(
            PagePlan(
                FIGURES_PAGE,
                "figures.md.j2",
                {
                    "meta": _front_matter(report, labels.FIGURES_TITLE, meta),
                    "report": report,
                    "rows": figure_rows(report),
                    "places": figure_places(report),
                    "measures": labels.MEASURE_NAMES,
                    "skipped": Counter(skip.reason for skip in report.skipped),
                    "reasons": labels.SKIP_REASONS,
                },
            )
        )
    fulltext_meta: dict[str, Any] = {"source": {"file": report.source.path}, "search": {"exclude": True}}
    pages.append(
        PagePlan(
            FULLTEXT_PAGE,
            "fulltext.md.j2",
            {"meta": _front_matter(report, labels.FULLTEXT_TITLE, fulltext_meta), "report": report},
        )
    )
    if long_preface:
        for index, part in enumerate(parts):
            ref = refs[index]
            lines = [part[0].number, part[-1].number]
            part_meta: dict[str, Any] = {"part": index + 1, "source": {"file": report.source.path, "lines": lines}}
            context = {"meta": _front_matter(report, ref.title, part_meta), "title": ref.title, "lines": part}
            pages.append(PagePlan(ref.file, "part.md.j2", context))
    for index, section in enumerate(top):
        section_meta: dict[str, Any] = {
            "section": section.number,
            "level": section.level,
            "source": {"file": report.source.path, "lines": [section.span.start, section.span.end]},
        }
        title = f"{section.marker}{section.title}"
        pages.append(
            PagePlan(
                section_file(index),
                "section.md.j2",
                {
                    "meta": _front_matter(report, title, section_meta),
                    "report": report,
                    "section": section,
                    "gaps": gaps,
                },
            )
        )
    return _with_neighbours(report, pages)


def _with_neighbours(report: Report, pages: list[PagePlan]) -> list[PagePlan]:
    """Each page's context gains the `previous` and `next` page of its report,
    in reading order (the overview first)."""
    order = [PageRef("index.md", report.title), *page_refs(report)]
    position = {ref.file: index for index, ref in enumerate(order)}
    linked = []
    for plan in pages:
        index = position[plan.path]
        previous = order[index - 1] if index else None
        following = order[index + 1] if index + 1 < len(order) else None
        linked.append(PagePlan(plan.path, plan.template, {**plan.context, "previous": previous, "next": following}))
    return linked


def metadata_facts(metadata: Metadata) -> list[tuple[str, str]]:
    """(label, value) of every known metadata field, as the overview shows them."""
    values = {
        "kind": labels.kind_label(metadata.kind),
        "issuer": metadata.issuer,
        "region": labels.region_label(metadata.region),
        "region_level": labels.REGION_LEVELS.get(metadata.region_level, "") if metadata.region_level else "",
        "year": f"{metadata.year}年" if metadata.year else "",
        "date": metadata.date,
        "meeting": metadata.meeting,
        "speaker": metadata.speaker,
        "source_url": metadata.source_url,
    }
    return [(label, values[field]) for field, label in labels.METADATA_FIELDS.items() if values[field]]


def front_matter_metadata(metadata: Metadata) -> dict[str, str]:
    """The metadata in the overview's front matter, in Chinese where a reader
    would correct it (kind, level); empty fields left out."""
    shown = {
        "kind": labels.kind_label(metadata.kind),
        "issuer": metadata.issuer,
        "region": metadata.region,
        "region_level": labels.REGION_LEVELS.get(metadata.region_level, "") if metadata.region_level else "",
        "year": metadata.year,
        "date": metadata.date,
        "meeting": metadata.meeting,
        "speaker": metadata.speaker,
        "source_url": metadata.source_url,
    }
    return {key: value for key, value in shown.items() if value}


def _key_facts_context(report: Report) -> dict[str, Any]:
    totals, rows = key_facts(report.figures)
    charts = []
    levels = [row for row in rows if not row.total]
    pupils = [(row.level, row.pupils.value) for row in levels if row.pupils and row.pupils.value is not None]
    staff = [(row.level, row.staff.value) for row in levels if row.staff and row.staff.value is not None]
    if len(pupils) >= 2:
        charts.append(bar_chart(labels.PUPILS_CHART, pupils, "人"))
    if len(staff) >= 2:
        charts.append(bar_chart(labels.STAFF_CHART, staff, "人"))
    return {"totals": totals, "levels": rows, "charts": charts}


def render_report(report: Report, env: jinja2.Environment) -> dict[str, str]:
    """Every file of one report's folder, keyed by path relative to content/."""
    files = {
        f"{report.slug}/{plan.path}": with_legend(tidy(env.get_template(plan.template).render(**plan.context)))
        for plan in report_pages(report)
    }
    files[f"{report.slug}/report.json"] = dump_json(report_data(report, page_refs(report)))
    files[f"{report.slug}/{FULLTEXT_TEXT}"] = fulltext_txt(report)
    if report.figures:
        files[f"{report.slug}/figures.csv"] = figures_csv(report)
        files[f"{report.slug}/figures.json"] = dump_rows(list(COLUMNS), figure_rows(report))
    return files


def listing(report: Report) -> Listing:
    """What the site-wide pages need of the report (kept in the manifest)."""
    return Listing(
        report.slug,
        report.title,
        page_refs(report),
        report.summary,
        indicators(report.figures, report.metadata.year),
        report.metadata,
        report.quality.completeness_id,
        report.quality.chars,
        text_fingerprint(report),
    )
