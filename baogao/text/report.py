"""The text stages in order, for one source: clean → outline → figures.

`process` returns the whole `Report`, computed once: what rendering, the
manifest and the site-wide pages read of a report is on it.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from dataclasses import replace
from pathlib import PurePosixPath

from ..model import CleanText, Line, Outline, Quality, Report, Section, SourceText, Summary
from .clean import clean
from .figures import extract_figures
from .marks import find_marks
from .metadata import extract_metadata
from .outline import build_outline, heading_text, walk

NO_HEADINGS = "no-headings"
INCOMPLETE = "incomplete"
GAPS = "gaps"
COMPLETE = "complete"
FIRST_PAGE = "first-page"
MID_SENTENCE = "mid-sentence"
# A page of several: its pager (上一页 1 2 3 4 下一页) or its page count (第1页 共4页).
_PAGER = re.compile(r"(上一?页|下一?页|>>|»)")
_PAGE_OF = re.compile(r"第\s*1\s*页.{0,6}共\s*([2-9]|\d\d+)\s*页")
# A last line this long without a sentence end breaks off; a signature or
# a date under the text is shorter.
MIN_BROKEN_LINE = 20
_ENDS = "。！？!?…”’」』）)】"


def process(source: SourceText, slug: str) -> Report:
    """clean → outline → figures for one decoded source."""
    cleaned = clean(source)
    outline = build_outline(cleaned.lines)
    title = cleaned.title or PurePosixPath(source.path).stem
    figures, skipped = extract_figures(outline)
    summary = summarize(cleaned, outline, len(figures), sum(1 for figure in figures if figure.masked))
    lines = [line.text for line in cleaned.lines]
    removed = [line for removal in cleaned.removed for line in removal.text.split("\n")]
    metadata = extract_metadata(cleaned.title, lines, removed, PurePosixPath(source.path).name)
    whole = quality(outline, completeness(cleaned, outline))
    origin = cleaned.title_origin if cleaned.title else "file-name"
    return Report(
        slug,
        title,
        source,
        outline,
        cleaned.removed,
        cleaned.marks,
        figures,
        skipped,
        summary,
        whole,
        metadata,
        title_origin=origin,
    )


def edited_report(report: Report, pages: dict[int, list[str]], edited: tuple[str, ...]) -> Report:
    """`report` with the text of its level-1 sections replaced by what the
    reader's edited pages hold (`pages`: section index -> its lines, headings
    included): outline, figures, marks and counts computed again from that
    text. Lines of an edited page take its section's first source line."""
    lines = list(report.outline.preface)
    for index, section in enumerate(report.outline.sections):
        if index in pages:
            lines += [Line(section.span.start, text) for text in pages[index] if text.strip()]
        else:
            lines += _section_lines(section)
    kept = tuple(lines)
    outline = build_outline(kept)
    figures, skipped = extract_figures(outline)
    marks = find_marks(kept)
    cleaned = CleanText(report.title, 0, kept, report.removed, marks)
    summary = summarize(cleaned, outline, len(figures), sum(1 for figure in figures if figure.masked))
    return replace(
        report, outline=outline, marks=marks, figures=figures, skipped=skipped, summary=summary, edited_pages=edited
    )


def _section_lines(section: Section) -> list[Line]:
    lines = [Line(section.span.start, heading_text(section)), *section.body]
    for child in section.children:
        lines += _section_lines(child)
    return lines


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


def completeness(cleaned: CleanText, outline: Outline) -> str:
    """Why the text seems to stop before the report ends, or "".

    The page showed one page of several (its pager or page count was among
    the removed chrome), or the last line breaks off: it ends with a colon
    or a comma, or is a long line without a sentence end.
    """
    for removal in cleaned.removed:
        if removal.kind != "chrome":
            continue
        for line in removal.text.split("\n"):
            if _PAGE_OF.search(line) or (_PAGER.search(line) and len(set(re.findall(r"\d+", line))) >= 2):
                return FIRST_PAGE
    last = _last_line(outline)
    if last and (last[-1] in "：:，,、；;" or (len(last) >= MIN_BROKEN_LINE and last[-1] not in _ENDS)):
        return MID_SENTENCE
    return ""


def _last_line(outline: Outline) -> str:
    sections = walk(outline.sections)
    if not sections:
        return outline.preface[-1].text.strip() if outline.preface else ""
    last = max(sections, key=lambda section: section.span.end)
    return last.body[-1].text.strip() if last.body else (last.title + last.title_end).strip()


def quality(outline: Outline, completeness_id: str = "") -> Quality:
    """How sure the outline is: levels found, gaps, heading density."""
    sections = [section for section in walk(outline.sections) if section.ordinal]
    chars = sum(len(line.text) for line in outline.preface)
    for section in walk(outline.sections):
        chars += len(section.marker + section.title + section.title_end) + sum(len(line.text) for line in section.body)
    density = round(len(sections) * 10000 / chars, 2) if chars else 0.0
    if not sections:
        verdict = NO_HEADINGS
    elif completeness_id:
        verdict = INCOMPLETE
    elif outline.gaps:
        verdict = GAPS
    else:
        verdict = COMPLETE
    levels = tuple(sorted({section.level for section in sections}))
    return Quality(levels, len(sections), len(outline.gaps), density, chars, verdict, completeness_id)


# How many of a report's first sentences its fingerprint keeps: the copies a
# portal shows hold the first fifth of a report, hundreds of sentences.
FINGERPRINT_SENTENCES = 48
# A sentence shorter than this (各位代表：) says nothing about which report it is.
MIN_FINGERPRINT_SENTENCE = 12
_SENTENCE = re.compile(r"[^。！？!?；;]+")
_NOT_TEXT = re.compile(r"[\s\W_]+")


def text_fingerprint(report: Report) -> tuple[int, ...]:
    """CRC-32s of the report's first sentences, whitespace and punctuation
    left out; the share two reports have in common tells copies apart."""
    lines = [line.text for line in report.outline.preface]
    for section in walk(report.outline.sections):
        lines += [section.title, *(line.text for line in section.body)]
    found: list[int] = []
    for line in lines:
        for sentence in _SENTENCE.findall(line):
            key = _NOT_TEXT.sub("", sentence)
            if len(key) >= MIN_FINGERPRINT_SENTENCE:
                found.append(zlib.crc32(key.encode("utf-8")))
                if len(found) == FINGERPRINT_SENTENCES:
                    return tuple(found)
    return tuple(found)
