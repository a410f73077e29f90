"""From a Report to the pages and data files that represent it.

Pure functions: `report_pages` says which files a report becomes and with
what template data; `report_data` is the structured report written to
``report.json``. Rendering and writing happen in `write`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from .model import Gap, Line, Report, Section
from .outline import walk

# Bumped when report.json changes incompatibly.
SCHEMA_VERSION = 1


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


def _front_matter(report: Report, title: str, extra: dict[str, Any]) -> dict[str, Any]:
    return {"title": title, "report": report.title, "report_slug": report.slug, **extra}


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
        "sections": len(sections),
        "sections_by_level": {str(level): count for level, count in sorted(Counter(s.level for s in sections).items())},
        "gaps": len(report.outline.gaps),
    }


def report_pages(report: Report) -> list[PagePlan]:
    """The overview page and one page per level-1 section."""
    gaps = _gaps_by_line(report.outline.gaps)
    top = report.outline.sections
    files = [section_file(index) for index in range(len(top))]
    overview = PagePlan(
        "index.md",
        "report.md.j2",
        {
            "meta": _front_matter(
                report,
                report.title,
                {
                    "source": {
                        "file": report.source.path,
                        "encoding": report.source.encoding,
                        "sha256": report.source.sha256,
                    }
                },
            ),
            "report": report,
            "preface": [line.text for line in report.outline.preface],
            "toc": [(file, section) for file, section in zip(files, top, strict=True)],
            "summary": summary(report),
            "gaps": report.outline.gaps,
            "removed": report.removed,
        },
    )
    pages = [overview]
    for file, section in zip(files, top, strict=True):
        pages.append(
            PagePlan(
                file,
                "section.md.j2",
                {
                    "meta": _front_matter(
                        report,
                        heading_text(section).rstrip("。！？!?"),
                        {
                            "section": section.number,
                            "level": section.level,
                            "source": {"file": report.source.path, "lines": [section.span.start, section.span.end]},
                        },
                    ),
                    "report": report,
                    "section": section,
                    "gaps": gaps,
                },
            )
        )
    return pages


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
        "summary": summary(report),
    }
