"""The corpus as one SQLite database (issue 15): opened as a reader would, in
sqlite3, and asked what README's examples ask."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .conftest import SLUG


def _open(example_build: Path) -> sqlite3.Connection:
    path = example_build / "content" / "corpus.sqlite"
    assert path.is_file()
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def test_the_database_is_published_with_the_site(example_build: Path) -> None:
    site = example_build / "site" / "corpus.sqlite"
    assert site.read_bytes() == (example_build / "content" / "corpus.sqlite").read_bytes()


def test_reports_with_their_metadata(example_build: Path) -> None:
    with _open(example_build) as db:
        rows = db.execute("SELECT slug, kind_label, region, year, figures FROM reports").fetchall()
    assert rows == [(SLUG, "自评报告", "甘肃省/张掖市", "2023", 147)]


def test_every_figure_is_a_row_that_answers_a_question(example_build: Path) -> None:
    with _open(example_build) as db:
        (count,) = db.execute("SELECT count(*) FROM figures WHERE report = ?", (SLUG,)).fetchone()
        # README: how many pupils does each kind of school have?
        pupils = db.execute(
            """SELECT "group", value FROM figures
               WHERE what = '在校生' AND base_unit = '人' ORDER BY value DESC LIMIT 1"""
        ).fetchone()
    assert count == 147
    assert pupils == ("小学", 72298)


def test_sections_in_document_order_and_searchable_by_any_run_of_characters(example_build: Path) -> None:
    with _open(example_build) as db:
        titles = [row[0] for row in db.execute("SELECT marker || title FROM sections ORDER BY position LIMIT 3")]
        # README: which sections speak of 校长负责制?
        found = db.execute(
            """SELECT path, title FROM sections
               WHERE title LIKE '%校长负责制%' OR text LIKE '%校长负责制%' ORDER BY position"""
        ).fetchall()
        marks = dict(db.execute("SELECT kind, count(*) FROM marks GROUP BY kind").fetchall())
        # Each figure with its sentence, as figures.csv has it.
        (sentence,) = db.execute("SELECT sentence_text FROM figures_in_context WHERE text = '72298人'").fetchone()
    assert titles == ["一、基本情况", "二、自查自评情况", "(一)党对教育工作的全面领导持续加强"]
    assert ("二、 › (一) › 1.", "推动党组织领导的校长负责制落实落细") in found
    assert marks == {"redaction": 74, "mask": 8}
    assert "小学127所,在校生72298人" in sentence
