"""Plain-text dumps of stage results, compared against fixture files."""

from __future__ import annotations

from collections import Counter

from baogao.model import CleanText, Outline, Report, Section
from baogao.text.outline import walk


def dump_clean(cleaned: CleanText) -> str:
    out = [f"title {cleaned.title_line}: {cleaned.title}"] if cleaned.title else ["no title"]
    out += [f"keep {line.number}: {line.text}" for line in cleaned.lines]
    out += [f"drop {r.kind} {r.span.start}-{r.span.end}: {r.text.splitlines()[0]}" for r in cleaned.removed]
    out += [f"mark {m.kind} {m.line}:{m.column} {m.text}" for m in cleaned.marks]
    return "\n".join(out)


def _dump_section(section: Section, out: list[str], depth: int) -> None:
    indent = "  " * depth
    out.append(f"{indent}{section.level} {section.marker}|{section.title}|{section.title_end}")
    out += [f"{indent}  > {line.text}" for line in section.body]
    for child in section.children:
        _dump_section(child, out, depth + 1)


def dump_outline(outline: Outline) -> str:
    out = [f"preface: {line.text}" for line in outline.preface]
    for section in outline.sections:
        _dump_section(section, out, 0)
    out += [
        f"gap {gap.parent or '-'}: {gap.missing} (after {gap.after or '-'}, before {gap.before})"
        for gap in outline.gaps
    ]
    return "\n".join(out)


def report_pieces(report: Report) -> list[str]:
    """The report's text as pieces: preface lines, then each heading as
    printed (marker, title, sentence end) followed by its body lines."""
    pieces = [line.text for line in report.outline.preface]
    for section in walk(report.outline.sections):
        pieces.append(section.marker + section.title + section.title_end)
        pieces += [line.text for line in section.body]
    return pieces


def accounted_characters(report: Report, title: str) -> Counter[str]:
    """Non-blank characters of `title`, the text, and everything removed:
    compared with the source's, it shows that nothing was lost."""
    parts = [title, *report_pieces(report), *(removal.text for removal in report.removed)]
    return Counter("".join("".join(parts).split()))
