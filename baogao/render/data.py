"""The data files of a report: report.json, figures.csv and figures.json.

Pure functions from a Report to JSON-ready values and text. Machine ids go
out beside the Chinese the site shows (a removal's ``rule_id`` beside its
``reason``, the outline's ``verdict_id`` beside its ``verdict``).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from typing import Any

from ..model import Line, Metadata, PageRef, Quality, Report, Section, Summary
from ..text.outline import heading_text, walk
from . import labels

# Bumped when report.json changes incompatibly.
SCHEMA_VERSION = 1

# The columns of figures.csv and figures.json, documented in README.
COLUMNS = (
    "report",
    "section",
    "group",
    "what",
    "text",
    "value",
    "value_high",
    "unit",
    "base_unit",
    "measure",
    "year",
    "approximate",
    "masked",
    "line",
    "sentence",
)


def _text(lines: tuple[Line, ...]) -> str:
    return "\n".join(line.text for line in lines)


def summary_data(summary: Summary) -> dict[str, Any]:
    return dataclasses.asdict(summary)


def quality_data(quality: Quality) -> dict[str, Any]:
    return {
        "levels": list(quality.levels),
        "headings": quality.headings,
        "gaps": quality.gaps,
        "headings_per_10k_chars": quality.headings_per_10k_chars,
        "chars": quality.chars,
        "verdict": labels.VERDICTS[quality.verdict_id],
        "verdict_id": quality.verdict_id,
        "completeness_id": quality.completeness_id,
    }


def metadata_data(metadata: Metadata) -> dict[str, Any]:
    """The metadata as report.json gives it: machine ids, and beside the kind
    and the region's level their Chinese."""
    data = dataclasses.asdict(metadata)
    data["kind_label"] = labels.kind_label(metadata.kind)
    data["region_level_label"] = labels.REGION_LEVELS.get(metadata.region_level, "")
    return data


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


def report_data(report: Report, pages: tuple[PageRef, ...]) -> dict[str, Any]:
    """The structured report, as documented in README ("report.json")."""
    return {
        "schema": SCHEMA_VERSION,
        "title": report.title,
        "title_origin": report.title_origin,
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
            {
                "kind": r.kind,
                "reason": labels.removal_reason(r),
                "text": r.text,
                "lines": [r.span.start, r.span.end],
                "rule_id": r.rule_id,
            }
            for r in report.removed
        ],
        "pages": [{"file": page.file, "title": page.title} for page in pages],
        "summary": summary_data(report.summary),
        "quality": quality_data(report.quality),
        "metadata": metadata_data(report.metadata),
        "edited_pages": list(report.edited_pages),
    }


def figure_rows(report: Report) -> list[dict[str, object]]:
    """One dict per figure, keys in `COLUMNS` order."""
    return [
        {
            "report": report.slug,
            "section": figure.section,
            "group": figure.group,
            "what": figure.what,
            "text": figure.text,
            "value": _plain(figure.value),
            "value_high": _plain(figure.value_high),
            "unit": figure.unit,
            "base_unit": figure.base_unit,
            "measure": figure.measure,
            "year": figure.year,
            "approximate": figure.approximate,
            "masked": figure.masked,
            "line": figure.line,
            "sentence": figure.sentence,
        }
        for figure in report.figures
    ]


def _plain(value: float | None) -> float | int | None:
    """27.0 as 27, so exports read like the report."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 6)


def figures_csv(report: Report) -> str:
    """figures.csv: a header row of `COLUMNS`, then one row per figure."""
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in figure_rows(report):
        writer.writerow({key: "" if value is None else value for key, value in row.items()})
    return output.getvalue()


def fulltext_txt(report: Report) -> str:
    """The whole cleaned text as plain text: the title, then each paragraph and
    heading as printed (marks as the source printed them), blank-line separated."""
    blocks = [report.title, *(line.text for line in report.outline.preface)]
    for section in walk(report.outline.sections):
        blocks.append(heading_text(section))
        blocks += [line.text for line in section.body]
    return "\n\n".join(blocks) + "\n"


def dump_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def dump_rows(columns: list[str], rows: list[dict[str, object]]) -> str:
    """``{"columns": [...], "figures": [...]}`` with one row per line.

    Compact rows are as easy to read and diff as indented ones, and json's
    C encoder (used only without indent) is many times faster.
    """
    lines = [json.dumps(row, ensure_ascii=False) for row in rows]
    body = ",\n".join(lines)
    return f'{{"columns": {json.dumps(columns)},\n"figures": [\n{body}\n]}}\n'
