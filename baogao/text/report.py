"""The text stages in order, for one source: clean → outline → figures.

`process` returns the whole `Report`, computed once: what rendering, the
manifest and the site-wide pages read of a report is on it.
"""

from __future__ import annotations

from collections import Counter
from pathlib import PurePosixPath

from ..model import CleanText, Outline, Quality, Report, SourceText, Summary
from .clean import clean
from .figures import extract_figures
from .outline import build_outline, walk

NO_HEADINGS = "no-headings"
GAPS = "gaps"
COMPLETE = "complete"


def process(source: SourceText, slug: str) -> Report:
    """clean → outline → figures for one decoded source."""
    cleaned = clean(source)
    outline = build_outline(cleaned.lines)
    title = cleaned.title or PurePosixPath(source.path).stem
    figures, skipped = extract_figures(outline)
    summary = summarize(cleaned, outline, len(figures), sum(1 for figure in figures if figure.masked))
    return Report(
        slug, title, source, outline, cleaned.removed, cleaned.marks, figures, skipped, summary, quality(outline)
    )


def summarize(cleaned: CleanText, outline: Outline, figures: int, masked_figures: int) -> Summary:
    """What cleaning did, in numbers, for the overview page and report.json."""
    removed = Counter(removal.kind for removal in cleaned.removed)
    duplicate_chars = sum(
        len("".join(removal.text.split())) for removal in cleaned.removed if removal.kind == "duplicate"
    )
    marks = Counter(mark.kind for mark in cleaned.marks)
    sections = walk(outline.sections)
    return Summary(
        chrome_lines=removed["chrome"],
        title_repeats=removed["title"],
        duplicate_blocks=removed["duplicate"],
        duplicate_chars=duplicate_chars,
        redactions=marks["redaction"],
        masks=marks["mask"],
        masked_chars=sum(mark.count for mark in cleaned.marks if mark.kind == "mask"),
        placeholders=marks["placeholder"],
        cutoffs=marks["cutoff"],
        lost_chars=sum(mark.count for mark in cleaned.marks if mark.kind == "lost"),
        sections=len(sections),
        sections_by_level={str(level): count for level, count in sorted(Counter(s.level for s in sections).items())},
        gaps=len(outline.gaps),
        figures=figures,
        masked_figures=masked_figures,
    )


def quality(outline: Outline) -> Quality:
    """How sure the outline is: levels found, gaps, heading density."""
    sections = [section for section in walk(outline.sections) if section.ordinal]
    chars = sum(len(line.text) for line in outline.preface)
    for section in walk(outline.sections):
        chars += len(section.marker + section.title + section.title_end) + sum(len(line.text) for line in section.body)
    density = round(len(sections) * 10000 / chars, 2) if chars else 0.0
    if not sections:
        verdict = NO_HEADINGS
    elif outline.gaps:
        verdict = GAPS
    else:
        verdict = COMPLETE
    levels = tuple(sorted({section.level for section in sections}))
    return Quality(levels, len(sections), len(outline.gaps), density, chars, verdict)
