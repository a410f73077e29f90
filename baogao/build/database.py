"""The corpus as one SQLite database: ``content/corpus.sqlite``.

Every report with its metadata, its pages, its sections (with their text),
its figures and its marks, in one file that opens as
it is in ``sqlite3`` or Datasette, and is published with the site. It is
written from what each report's folder in ``content/`` holds (``report.json``
and ``figures.json``), so a re-run that reads no report can still write it.

Written to a temporary file and renamed over the old one; rows go in in a
fixed order and the file is vacuumed, so the same content gives the same
bytes.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

DATABASE_FILE = "corpus.sqlite"

SCHEMA = """
CREATE TABLE reports (
    slug TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    kind TEXT, kind_label TEXT, issuer TEXT, region TEXT, region_level TEXT, region_code TEXT,
    year TEXT, date TEXT, meeting TEXT, speaker TEXT, source_url TEXT,
    source_file TEXT, chars INTEGER, verdict TEXT, completeness TEXT,
    sections INTEGER, figures INTEGER, redactions INTEGER, masks INTEGER
) WITHOUT ROWID;
CREATE TABLE pages (
    report TEXT NOT NULL REFERENCES reports(slug),
    position INTEGER NOT NULL,
    file TEXT NOT NULL,
    title TEXT NOT NULL,
    PRIMARY KEY (report, position)
) WITHOUT ROWID;
CREATE TABLE sections (
    report TEXT NOT NULL REFERENCES reports(slug),
    position INTEGER NOT NULL,
    path TEXT NOT NULL,
    level INTEGER NOT NULL,
    marker TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    first_line INTEGER, last_line INTEGER,
    PRIMARY KEY (report, position)
) WITHOUT ROWID;
-- A sentence with several figures is stored once (most sentences with a
-- number hold several): figures.sentence is its position here.
CREATE TABLE sentences (
    report TEXT NOT NULL REFERENCES reports(slug),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (report, position)
) WITHOUT ROWID;
CREATE TABLE figures (
    report TEXT NOT NULL REFERENCES reports(slug),
    position INTEGER NOT NULL,
    section TEXT, "group" TEXT, what TEXT, text TEXT,
    value REAL, value_high REAL, unit TEXT, base_unit TEXT, measure TEXT, year TEXT,
    approximate INTEGER, masked INTEGER, line INTEGER, sentence INTEGER,
    PRIMARY KEY (report, position),
    FOREIGN KEY (report, sentence) REFERENCES sentences(report, position)
) WITHOUT ROWID;
-- Each figure with its sentence, as figures.csv has it.
CREATE VIEW figures_in_context AS
    SELECT f.*, s.text AS sentence_text FROM figures f
    JOIN sentences s ON s.report = f.report AND s.position = f.sentence;
CREATE TABLE marks (
    report TEXT NOT NULL REFERENCES reports(slug),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL, text TEXT NOT NULL, count INTEGER, line INTEGER, "column" INTEGER,
    PRIMARY KEY (report, position)
) WITHOUT ROWID;
CREATE INDEX figures_by_what ON figures(what, base_unit);
CREATE INDEX reports_by_year ON reports(year);
-- No full-text index: at 1,000 reports a trigram index took 5.5 s of every
-- build that changed a report, for searches that a scan answers in about
-- 50 ms (sections.text LIKE '%…%'). A reader who wants one creates it in
-- two statements (README).
"""

_METADATA: tuple[str, ...] = (
    *("kind", "kind_label", "issuer", "region", "region_level", "region_code"),
    *("year", "date", "meeting", "speaker", "source_url"),
)
_FIGURE_FIELDS: tuple[str, ...] = (
    *("section", "group", "what", "text", "value", "value_high", "unit", "base_unit", "measure"),
    *("year", "approximate", "masked", "line"),
)


def report_row(data: dict[str, Any]) -> tuple[Any, ...]:
    """A report's row of ``reports``, from its report.json."""
    metadata = data.get("metadata", {})
    summary, quality = data.get("summary", {}), data.get("quality", {})
    return (
        data["slug"],
        data["title"],
        *(metadata.get(field, "") for field in _METADATA),
        data.get("source", {}).get("path", ""),
        quality.get("chars", 0),
        quality.get("verdict_id", ""),
        quality.get("completeness_id", ""),
        summary.get("sections", 0),
        summary.get("figures", 0),
        summary.get("redactions", 0),
        summary.get("masks", 0),
    )


def section_rows(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Every section of a report in document order, with its path of markers."""
    rows: list[tuple[Any, ...]] = []

    def walk(sections: list[dict[str, Any]], path: str) -> None:
        for section in sections:
            here = f"{path} › {section['marker']}" if path else section["marker"]
            first, last = (section.get("lines") or [None, None])[:2]
            level, marker, title, text = section["level"], section["marker"], section["title"], section["text"]
            rows.append((data["slug"], len(rows), here, level, marker, title, text, first, last))
            walk(section.get("children", []), here)

    walk(data.get("sections", []), "")
    return rows


# Tables with a report's rows, deleted and written again when it changes.
REPORT_TABLES = ("figures", "sentences", "marks", "sections", "pages", "reports")
# Stamped in the file (PRAGMA user_version): a file of another layout is written anew.
SCHEMA_VERSION = 2
# The schema cookie every written file carries (see _finish).
SCHEMA_COOKIE = 1


def write_database(content: Path, slugs: list[str], changed: Iterable[str] | None = None) -> Path:
    """Write ``content/corpus.sqlite`` from the folders of `slugs`; return its path.

    With `changed` (the reports whose folders this run wrote), the last
    run's file is copied and only those reports' rows are written again
    (and the rows of reports no longer in `slugs` removed). Every table is
    WITHOUT ROWID, so its rows are stored in key order whatever order they
    went in, and the file is written whole by ``VACUUM INTO`` from a fixed
    schema cookie: byte for byte the file a full write gives.
    """
    target = content / DATABASE_FILE
    work, temporary = (content / f".{DATABASE_FILE}.{suffix}" for suffix in ("work", "tmp"))
    for path in (work, temporary):
        path.unlink(missing_ok=True)
    try:
        if changed is None or not _current(target) or not _updated(target, work, slugs, set(changed)):
            work.unlink(missing_ok=True)
            _write_all(work, slugs)
        os.replace(temporary, target)
    finally:
        work.unlink(missing_ok=True)
        temporary.unlink(missing_ok=True)
    return target


def _open(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path)
    # A scratch file, written whole into place by _finish: no journal needed.
    connection.execute("PRAGMA journal_mode = OFF")
    connection.execute("PRAGMA synchronous = OFF")
    return connection


def _finish(connection: sqlite3.Connection, work: Path) -> None:
    """Write the database at `work` as ``.corpus.sqlite.tmp`` beside it, vacuumed."""
    vacuum_into(connection, work.with_name(work.name.removesuffix(".work") + ".tmp"))


def vacuum_into(connection: sqlite3.Connection, target: Path) -> None:
    """Write the database of `connection` (a scratch file) whole as `target`,
    vacuumed: with WITHOUT ROWID tables, the same rows give the same bytes.
    The copy's header holds counters of the scratch file's history (its
    schema cookie above all): with the cookie set to a fixed value first,
    the copy depends on the rows alone. Setting the cookie is safe here: no
    other connection has the scratch file open."""
    connection.commit()
    connection.execute(f"PRAGMA schema_version = {SCHEMA_COOKIE}")
    connection.commit()
    connection.execute("VACUUM INTO ?", (str(target),))


def _updated(target: Path, work: Path, slugs: list[str], changed: set[str]) -> bool:
    """Copy `target` to `work`, write there the rows of the reports in
    `changed` again, and finish it; False when the copy or the update failed."""
    try:
        shutil.copyfile(target, work)
        connection = _open(work)
    except (OSError, sqlite3.Error):
        return False
    try:
        wanted = set(slugs)
        present = {slug for (slug,) in connection.execute("SELECT slug FROM reports")}
        again = (wanted & changed) | (wanted - present)
        for slug in sorted((present - wanted) | (present & again)):
            for table in REPORT_TABLES:
                key = "slug" if table == "reports" else "report"
                connection.execute(f"DELETE FROM {table} WHERE {key} = ?", (slug,))
        for slug in sorted(again):
            _insert(connection, target.parent / slug)
        _finish(connection, work)
        return True
    except sqlite3.Error:
        return False
    finally:
        connection.close()


def _write_all(work: Path, slugs: list[str]) -> None:
    connection = _open(work)
    try:
        connection.executescript(SCHEMA)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        for slug in sorted(slugs):
            _insert(connection, work.parent / slug)
        _finish(connection, work)
    finally:
        connection.close()


def _current(path: Path) -> bool:
    """Whether `path` is a database of this layout (a damaged or older one is written anew)."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            (version,) = connection.execute("PRAGMA user_version").fetchone()
            return bool(version == SCHEMA_VERSION)
        finally:
            connection.close()
    except sqlite3.Error:
        return False


def _insert(connection: sqlite3.Connection, folder: Path) -> None:
    try:
        data = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return  # a folder without its data (an older version's) is left out
    slug = data["slug"]
    connection.execute(f"INSERT INTO reports VALUES ({', '.join('?' * 21)})", report_row(data))
    connection.executemany(
        "INSERT INTO pages VALUES (?, ?, ?, ?)",
        [(slug, position, page["file"], page["title"]) for position, page in enumerate(data.get("pages", []))],
    )
    connection.executemany(f"INSERT INTO sections VALUES ({', '.join('?' * 9)})", section_rows(data))
    connection.executemany(
        "INSERT INTO marks VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (slug, position, mark["kind"], mark["text"], mark["count"], mark["line"], mark["column"])
            for position, mark in enumerate(data.get("marks", []))
        ],
    )
    try:
        figures = json.loads((folder / "figures.json").read_text(encoding="utf-8"))["figures"]
    except (OSError, ValueError, KeyError):
        figures = []
    sentences: dict[str, int] = {}
    rows = []
    for position, figure in enumerate(figures):
        sentence = sentences.setdefault(str(figure.get("sentence", "")), len(sentences))
        rows.append((slug, position, *(figure.get(field) for field in _FIGURE_FIELDS), sentence))
    connection.executemany(
        "INSERT INTO sentences VALUES (?, ?, ?)", [(slug, position, text) for text, position in sentences.items()]
    )
    connection.executemany(f"INSERT INTO figures VALUES ({', '.join('?' * 16)})", rows)
