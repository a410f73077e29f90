"""Plain-text dumps of stage results, compared against fixture files."""

from __future__ import annotations

from baogao.model import CleanText, Outline, Section


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
