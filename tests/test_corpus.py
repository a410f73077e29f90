"""Real reports from ../shared/corpus: nothing fails, nothing lost, no chrome left.

The scraped copies (scraped-work-reports/2006-2009) are the same reports as
national-work-reports/2006-2009 taken from a portal page. The portal showed
the report over several pages and the scraper kept only the first, pasted
six times with the page around it; so the scraped outline must be the start
of the national outline, with the same numbers, levels and titles, and the
scraped body text the start of the national body text.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from baogao.build.sources import read_source, slug_for
from baogao.model import Report
from baogao.render.environment import make_environment
from baogao.render.pages import render_report
from baogao.text.outline import walk
from baogao.text.report import process

from .conftest import CORPUS, ROOT, corpus_or_skip
from .dumps import accounted_characters, report_pieces

FILES = sorted(CORPUS.glob("*/*.txt")) if CORPUS.is_dir() else []
YEARS = (2006, 2007, 2008, 2009)
# Chrome as a reader recognises it on the scraped pages.
CHROME = re.compile(
    r"上一页|下一页|当前位置|【字体|E-mail推荐|function\s|document\.|<!--|-->|<U\+|来源：新华社|www\.gov\.cn|责任编辑|记者\s*\S{2,4}\s*摄"
)
# Text the scraped 2008 page has and the national file does not: the byline.
ONLY_IN_SCRAPED = {2008: ["国务院总理温家宝"]}


def _process(path: Path) -> Report:
    return process(read_source(path), slug_for(path))


def _body(report: Report) -> list[str]:
    """Preface and section text as whitespace-free lines."""
    return ["".join(piece.split()) for piece in report_pieces(report)]


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.name}" for p in FILES])
def test_every_corpus_file_goes_through_the_pipeline(path: Path) -> None:
    corpus_or_skip()
    report = _process(path)
    files = render_report(report, make_environment(ROOT / "templates"))
    assert f"{report.slug}/index.md" in files
    # Nothing lost: every non-blank character is in the title, the body, or a removal.
    assert accounted_characters(report, report.title) == Counter("".join(report.source.text.split()))
    # No chrome line survives on any page; the overview's record of what was
    # removed quotes each removed line (out of both search indexes).
    for name, text in files.items():
        if name.endswith(".md"):
            for line in text.split("\n"):
                if name.endswith("index.md") and line.startswith("- 原文第"):
                    continue
                assert not CHROME.search(line), f"{name}: {line[:60]}"


@pytest.mark.parametrize("year", YEARS)
def test_scraped_copy_has_the_outline_and_text_of_the_clean_report(year: int) -> None:
    corpus = corpus_or_skip()
    scraped = _process(corpus / "scraped-work-reports" / f"{year}.txt")
    clean = _process(corpus / "national-work-reports" / f"{year}.txt")
    assert scraped.title == clean.title
    outline = [(s.level, s.number, s.title) for s in walk(scraped.outline.sections)]
    expected = [(s.level, s.number, s.title) for s in walk(clean.outline.sections)]
    assert len(outline) >= 4
    assert outline == expected[: len(outline)]
    body = [line for line in _body(scraped) if line not in ONLY_IN_SCRAPED.get(year, [])]
    # Line breaks differ between the two copies (a subtitle on one line or
    # two), so compare the text as one string.
    assert "".join(clean_body := _body(clean)).startswith("".join(body))
    assert len("".join(body)) > 0.15 * len("".join(clean_body))
    # The body appeared six times on the scraped page: five copies removed.
    assert sum(1 for r in scraped.removed if r.kind == "duplicate") == 5


def test_national_reports_have_their_numbered_outline() -> None:
    corpus = corpus_or_skip()
    # Level-1 and level-2 headings as a careful reader counts them.
    expected = {2003: (2, 17), 2006: (3, 18), 2011: (3, 15), 2015: (6, 0), 2018: (3, 18)}
    for year, (first, second) in expected.items():
        report = _process(corpus / "national-work-reports" / f"{year}.txt")
        levels = Counter(s.level for s in walk(report.outline.sections))
        assert (levels[1], levels[2]) == (first, second), year
        assert report.outline.gaps == (), year


def test_glossary_after_the_report_is_an_appendix_not_headings() -> None:
    corpus = corpus_or_skip()
    for year in (2010, 2012):
        report = _process(corpus / "national-work-reports" / f"{year}.txt")
        last = report.outline.sections[-1]
        assert last.number == "" and last.title in ("注释", "附注")
        assert not any(s.level == 3 for s in walk(report.outline.sections)), year


def test_lost_characters_are_marked_not_taken_for_sentence_ends() -> None:
    corpus = corpus_or_skip()
    report = _process(corpus / "national-work-reports" / "2014.txt")
    assert sum(1 for m in report.marks if m.kind == "lost") == 5
    titles = [s.title for s in walk(report.outline.sections)]
    assert "2014年重点工作?" in titles
