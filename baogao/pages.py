"""From a Report to the pages and data files that represent it.

Pure functions: `report_pages` says which files a report becomes and with
what template data; `report_data` is the structured report written to
``report.json``. Rendering and writing happen in `write`.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass
from typing import Any

from .figures import SKIP_REASONS, figure_rows
from .keyfacts import bar_chart, key_facts
from .model import Gap, Line, Report, Section
from .outline import walk

# Bumped when report.json changes incompatibly.
SCHEMA_VERSION = 1
FIGURES_PAGE = "figures.md"
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


def heading_text(section: Section) -> str:
    """The heading as printed: marker, title and the punctuation ending it."""
    return f"{section.marker}{section.title}{section.title_end}"


def _text(lines: tuple[Line, ...]) -> str:
    return "\n".join(line.text for line in lines)


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
    return {"title": theme_text(title), "report": report.title, "report_slug": report.slug, **extra}


def summary(report: Report) -> dict[str, Any]:
    """What cleaning did, in numbers, for the overview page and report.json."""
    removed = Counter(removal.kind for removal in report.removed)
    duplicate_chars = sum(
        len("".join(removal.text.split())) for removal in report.removed if removal.kind == "duplicate"
    )
    marks = Counter(mark.kind for mark in report.marks)
    sections = walk(report.outline.sections)
    return {
        "chrome_lines": removed["chrome"],
        "title_repeats": removed["title"],
        "duplicate_blocks": removed["duplicate"],
        "duplicate_chars": duplicate_chars,
        "redactions": marks["redaction"],
        "masks": marks["mask"],
        "masked_chars": sum(mark.count for mark in report.marks if mark.kind == "mask"),
        "placeholders": marks["placeholder"],
        "cutoffs": marks["cutoff"],
        "lost_chars": sum(mark.count for mark in report.marks if mark.kind == "lost"),
        "sections": len(sections),
        "sections_by_level": {str(level): count for level, count in sorted(Counter(s.level for s in sections).items())},
        "gaps": len(report.outline.gaps),
        "figures": len(report.figures),
        "masked_figures": sum(1 for figure in report.figures if figure.masked),
    }


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


def page_titles(report: Report) -> list[tuple[str, str]]:
    """(file, title) of every page after the overview, in reading order."""
    titles = []
    parts = _preface_parts(report)
    if len(parts) > 1:
        name = "正文" if not report.outline.sections else "前言"
        titles += [(part_file(index), f"{name}（{index + 1}）") for index in range(len(parts))]
    for index, section in enumerate(report.outline.sections):
        titles.append((section_file(index), f"{section.marker}{section.title}"))
    if report.figures:
        titles.append((FIGURES_PAGE, "数字一览"))
    return titles


def part_file(index: int) -> str:
    """File name of the `index`-th part of long unnumbered text (0-based)."""
    return f"text-{index + 1:02d}.md"


def _preface_parts(report: Report) -> list[tuple[Line, ...]]:
    return split_text(report.outline.preface)


def report_pages(report: Report) -> list[PagePlan]:
    """The overview, parts of a long preface, and one page per top section.

    A preface (or a speech without numbered headings) longer than
    `PAGE_CHARS` gets pages of its own, cut at paragraph boundaries.
    """
    gaps = _gaps_by_line(report.outline.gaps)
    top = report.outline.sections
    titles = page_titles(report)
    parts = _preface_parts(report)
    long_preface = len(parts) > 1
    source = {"file": report.source.path, "encoding": report.source.encoding, "sha256": report.source.sha256}
    overview = PagePlan(
        "index.md",
        "report.md.j2",
        {
            "meta": _front_matter(report, report.title, {"source": source}),
            "report": report,
            "preface": [] if long_preface else [line.text for line in report.outline.preface],
            "pages": titles,
            "toc": [(section_file(index), section) for index, section in enumerate(top)],
            "summary": summary(report),
            "quality": outline_quality(report),
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
                    "meta": _front_matter(report, "数字一览", meta),
                    "report": report,
                    "rows": figure_rows(report),
                    "skipped": Counter(skip.reason for skip in report.skipped),
                    "reasons": SKIP_REASONS,
                },
            )
        )
    if long_preface:
        for index, part in enumerate(parts):
            file, title = titles[index]
            lines = [part[0].number, part[-1].number]
            part_meta: dict[str, Any] = {"part": index + 1, "source": {"file": report.source.path, "lines": lines}}
            pages.append(
                PagePlan(
                    file, "part.md.j2", {"meta": _front_matter(report, title, part_meta), "title": title, "lines": part}
                )
            )
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
    return pages


def _key_facts_context(report: Report) -> dict[str, Any]:
    totals, rows = key_facts(report.figures)
    charts = []
    levels = [row for row in rows if not row.total]
    pupils = [(row.level, row.pupils.value) for row in levels if row.pupils and row.pupils.value is not None]
    staff = [(row.level, row.staff.value) for row in levels if row.staff and row.staff.value is not None]
    if len(pupils) >= 2:
        charts.append(bar_chart("各学段在校学生（幼儿）数", pupils, "人"))
    if len(staff) >= 2:
        charts.append(bar_chart("各学段教职工数", staff, "人"))
    return {"totals": totals, "levels": rows, "charts": charts}


def outline_quality(report: Report) -> dict[str, Any]:
    """How sure the outline is: levels found, gaps, heading density."""
    sections = [section for section in walk(report.outline.sections) if section.ordinal]
    chars = sum(len(line.text) for line in report.outline.preface)
    for section in walk(report.outline.sections):
        chars += len(section.marker + section.title + section.title_end) + sum(len(line.text) for line in section.body)
    density = round(len(sections) * 10000 / chars, 2) if chars else 0.0
    levels = sorted({section.level for section in sections})
    if not sections:
        verdict = "未发现编号标题：全文按段落分页"
    elif report.outline.gaps:
        verdict = "编号有缺漏：请对照原文核对"
    else:
        verdict = "编号连续完整"
    return {
        "levels": levels,
        "headings": len(sections),
        "gaps": len(report.outline.gaps),
        "headings_per_10k_chars": density,
        "chars": chars,
        "verdict": verdict,
    }


def _section_data(section: Section) -> dict[str, Any]:
    return {
        "number": section.number,
        "marker": section.marker,
        "title": section.title,
        "level": section.level,
        "text": _text(section.body),
        "lines": [section.span.start, section.span.end],
        "children": [_section_data(child) for child in section.children],
    }


def report_data(report: Report) -> dict[str, Any]:
    """The structured report, as documented in README ("report.json")."""
    return {
        "schema": SCHEMA_VERSION,
        "title": report.title,
        "slug": report.slug,
        "source": {"path": report.source.path, "sha256": report.source.sha256, "encoding": report.source.encoding},
        "preface": _text(report.outline.preface),
        "sections": [_section_data(section) for section in report.outline.sections],
        "gaps": [
            {
                "parent": g.parent,
                "level": g.level,
                "missing": g.missing,
                "after": g.after,
                "before": g.before,
                "line": g.line,
            }
            for g in report.outline.gaps
        ],
        "marks": [
            {"kind": m.kind, "text": m.text, "count": m.count, "line": m.line, "column": m.column} for m in report.marks
        ],
        "removed": [
            {"kind": r.kind, "reason": r.reason, "text": r.text, "lines": [r.span.start, r.span.end]}
            for r in report.removed
        ],
        "pages": [{"file": file, "title": title} for file, title in page_titles(report)],
        "summary": summary(report),
        "quality": outline_quality(report),
    }
