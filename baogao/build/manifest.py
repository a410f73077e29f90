"""What baogao wrote, so that it never overwrites what a user wrote.

The manifest lives in ``content/.baogao/state.sqlite`` (MkDocs skips dot
folders), an SQLite database of the standard library's sqlite3. It records
the hash of every file baogao wrote, and per report the source it came from
and its `Listing`, so that a re-run can tell (by hashing alone) which
reports changed and which pages a user edited since, and render the
site-wide pages without reading the reports again. A run writes the rows of
what it changed, not the whole manifest; one row is read at a time (the
JSON manifest of earlier versions, ``manifest.json``, was read and written
whole on every run: 46 MB at 2,000 reports). A site of an earlier version
has its JSON manifest read once and moved over.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shutil
import sqlite3
import sys
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from ..model import Indicator, Listing, Metadata, PageRef, Summary
from .database import vacuum_into
from .files import read_json

MANIFEST = ".baogao/state.sqlite"
# The manifest of earlier versions: read once, then replaced by `MANIFEST`.
LEGACY_MANIFEST = ".baogao/manifest.json"
SCHEMA = 1
_TABLES = """
CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, sha256 TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS reports (
    slug TEXT PRIMARY KEY, source TEXT NOT NULL, sha256 TEXT NOT NULL, files TEXT NOT NULL, listing BLOB
) WITHOUT ROWID;
"""


class DamagedManifest(ValueError):
    """The manifest exists but cannot be read; the message says why."""


@dataclass(frozen=True)
class ReportEntry:
    """Where a report in content/ came from."""

    source: str
    """Source path as shown to the user."""
    sha256: str
    """Hash of the source bytes it was built from."""
    files: tuple[str, ...]
    """The report's files, relative to content/."""
    listing: Listing | None = field(default=None, compare=False)
    """What the home page and navigation show of it; None when an older or
    damaged manifest lacks it (the report is then processed again), or when
    it is `stored` and not read yet."""
    stored: bool = field(default=False, compare=False)
    """Its listing is in the state database, read only when the site-wide
    pages are rendered (`read_listings`): a run with nothing to render
    parses none (at 1,000 reports, under the profiler, parsing them was
    0.36 s of a re-run's 1.06 s)."""

    @property
    def has_listing(self) -> bool:
        return self.listing is not None or self.stored


@dataclass(frozen=True)
class Manifest:
    renderer: str = ""
    """Hash of baogao's version and templates: a change re-renders everything."""
    files: dict[str, str] = field(default_factory=dict)
    """Path relative to content/ -> sha256 of the bytes baogao wrote there."""
    reports: dict[str, ReportEntry] = field(default_factory=dict)
    """Report slug -> where it came from."""
    stored: bool = field(default=False, compare=False)
    """Read from the state database (`MANIFEST`): a run then writes only the
    rows it changed into a copy of it; otherwise it writes a new one."""


def listing_data(listing: Listing) -> dict[str, Any]:
    """A listing as stored: the fields of report.json it repeats, and its
    indicators (`Indicator` fields in order)."""
    summary = dict(vars(listing.summary))
    return {
        "slug": listing.slug,
        "title": listing.title,
        "pages": [{"file": page.file, "title": page.title} for page in listing.pages],
        "summary": summary,
        # As rows of the fields in order: a thousand reports state 300 indicators each.
        "indicators": [
            [item.name, item.unit, item.text, item.year, item.value, item.measure, item.series]
            for item in listing.indicators
        ],
        "metadata": dataclasses.asdict(listing.metadata),
        "completeness_id": listing.completeness_id,
        "chars": listing.chars,
        "fingerprint": list(listing.fingerprint),
    }


def shared_indicators(items: Iterable[Sequence[Any]]) -> tuple[Indicator, ...]:
    """Indicators from rows of their fields, each string held once per
    process: a corpus repeats the same names, units, years and measures in
    every report (the 2,000-report manifest's live objects after loading:
    113 MB before, 37 MB with the strings shared and slots, by tracemalloc)."""
    shared: list[Any] = []
    for item in items:
        fields: list[Any] = [sys.intern(value) if isinstance(value, str) else value for value in item]
        shared.append(Indicator(*fields))
    return tuple(shared)


def shared_listing(listing: Listing) -> Listing:
    """`listing` with its indicators' strings shared (`shared_indicators`)."""
    rows = [dataclasses.astuple(item) for item in listing.indicators]
    return dataclasses.replace(listing, indicators=shared_indicators(rows))


def listing_from_data(data: dict[str, Any]) -> Listing:
    indicators = shared_indicators(data["indicators"])
    pages = tuple(PageRef(page["file"], page["title"]) for page in data["pages"])
    return Listing(
        data["slug"],
        data["title"],
        pages,
        Summary(**data["summary"]),
        indicators,
        Metadata(**data["metadata"]),
        data["completeness_id"],
        data["chars"],
        tuple(data["fingerprint"]),
    )


def _listing_or_none(data: Any) -> Listing | None:
    try:
        return listing_from_data(data)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def load_manifest(content: Path, renderer: str = "") -> Manifest:
    """The manifest of `content`: from its state database, else from an
    earlier version's JSON manifest, else empty. Where the state was
    written by a renderer that begins with `renderer` (this version), its
    listings are left in the database until asked for (`read_listings`).

    Raises `DamagedManifest` when it cannot be read, naming the problem.
    """
    path = content / MANIFEST
    if path.exists():
        return _read_state(path, renderer)
    legacy = content / LEGACY_MANIFEST
    if legacy.exists():
        return _read_legacy(legacy)
    return Manifest()


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)


def _read_state(path: Path, renderer: str) -> Manifest:
    try:
        with contextlib.closing(_connect(path)) as db:
            settings = dict(db.execute("SELECT name, value FROM settings"))
            if settings.get("schema") != str(SCHEMA):
                raise DamagedManifest(f"{path}: not a baogao state of schema {SCHEMA}")
            files = dict(db.execute("SELECT path, sha256 FROM files"))
            # Listings another version wrote are read now: one that no longer
            # reads makes its report be processed again (`plan`).
            lazy = bool(renderer) and settings.get("renderer", "").startswith(renderer)
            column = "listing IS NOT NULL" if lazy else "listing"
            reports = {}
            for slug, source, digest, names, listing in db.execute(
                f"SELECT slug, source, sha256, files, {column} FROM reports ORDER BY slug"
            ):
                files_of = tuple(orjson.loads(names))
                if lazy:
                    reports[str(slug)] = ReportEntry(str(source), str(digest), files_of, None, bool(listing))
                    continue
                # One listing parsed at a time: parsing them all at once (the
                # JSON manifest) held about 5 times their size for a moment.
                data = orjson.loads(listing) if listing else None
                reports[str(slug)] = ReportEntry(str(source), str(digest), files_of, _listing_or_none(data))
            return Manifest(settings.get("renderer", ""), files, reports, stored=True)
    except DamagedManifest:
        raise
    except (sqlite3.Error, ValueError) as error:
        raise DamagedManifest(f"{path}: cannot be read ({error})") from None
    except (KeyError, TypeError, AttributeError) as error:
        raise DamagedManifest(f"{path}: not a baogao state ({type(error).__name__}: {error})") from None


def read_listings(content: Path, slugs: Collection[str]) -> dict[str, Listing | None]:
    """The stored listings of the reports `slugs` in the state database of
    `content`, by slug (None: it does not read). One row at a time."""
    wanted = set(slugs)
    found: dict[str, Listing | None] = {}
    if not wanted:
        return found
    path = content / MANIFEST
    try:
        with contextlib.closing(_connect(path)) as db:
            for slug, listing in db.execute("SELECT slug, listing FROM reports WHERE listing IS NOT NULL"):
                if slug in wanted:
                    found[slug] = _listing_or_none(orjson.loads(listing))
    except (sqlite3.Error, ValueError) as error:
        raise DamagedManifest(f"{path}: cannot be read ({error})") from None
    return found


def _read_legacy(path: Path) -> Manifest:
    try:
        data = read_json(path)
        reports = {
            slug: ReportEntry(
                entry["source"], entry["sha256"], tuple(entry["files"]), _listing_or_none(entry.get("listing"))
            )
            for slug, entry in data.get("reports", {}).items()
        }
        return Manifest(str(data.get("renderer", "")), dict(data.get("files", {})), reports)
    except (OSError, ValueError) as error:
        raise DamagedManifest(f"{path}: cannot be read ({error})") from None
    except (KeyError, TypeError, AttributeError) as error:
        raise DamagedManifest(f"{path}: not a baogao manifest ({type(error).__name__}: {error})") from None


def write_manifest(folder: Path, new: Manifest, old: Manifest, changed: Collection[str]) -> None:
    """Record `new` as the manifest of the content folder `folder` (a staging
    copy): where `old` was read from its state database, a copy of that
    database with the rows that differ written again (the reports in
    `changed`, and every entry or file hash that is not as it was);
    otherwise a new database. An earlier version's JSON manifest goes."""
    path = folder / MANIFEST
    work, done = (path.with_name(f".{path.name}.{suffix}") for suffix in ("work", "tmp"))
    for scratch in (work, done):
        scratch.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    if old.stored and path.exists():
        # A copy, not the hard link the staging folder holds: the content
        # folder in use is not written before the swap.
        shutil.copyfile(path, work)
    else:
        old = Manifest()
    try:
        with contextlib.closing(sqlite3.connect(work)) as db:
            _update(db, new, old, changed)
            # Written whole, vacuumed: the same manifest gives the same bytes,
            # whatever runs led to it.
            vacuum_into(db, done)
        os.replace(done, path)
    finally:
        for scratch in (work, done):
            scratch.unlink(missing_ok=True)
    (folder / LEGACY_MANIFEST).unlink(missing_ok=True)


def _update(db: sqlite3.Connection, new: Manifest, old: Manifest, changed: Collection[str]) -> None:
    """Write into `db`, which holds `old`, the rows of `new` that differ."""
    # A scratch file, written whole into place: no journal.
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.executescript(_TABLES)
    with db:
        settings = [("schema", str(SCHEMA)), ("renderer", new.renderer)]
        db.executemany("INSERT OR REPLACE INTO settings VALUES (?, ?)", settings)
        gone = [(slug,) for slug in old.reports if slug not in new.reports]
        db.executemany("DELETE FROM reports WHERE slug = ?", gone)
        # A generator: a first run of 10,000 reports never holds all its rows.
        rows = (
            (slug, entry.source, entry.sha256, orjson.dumps(list(entry.files)).decode(), _listing_json(entry))
            for slug, entry in new.reports.items()
            if not (entry.listing is None and entry.stored)
            and (
                slug in changed or old.reports.get(slug) != entry or old.reports[slug].has_listing != entry.has_listing
            )
        )
        db.executemany("INSERT OR REPLACE INTO reports VALUES (?, ?, ?, ?, ?)", rows)
        # An entry whose listing was left in the database keeps it there.
        kept = (
            (entry.source, entry.sha256, orjson.dumps(list(entry.files)).decode(), slug)
            for slug, entry in new.reports.items()
            if entry.listing is None and entry.stored and old.reports.get(slug) != entry
        )
        db.executemany("UPDATE reports SET source = ?, sha256 = ?, files = ? WHERE slug = ?", kept)
        db.executemany("DELETE FROM files WHERE path = ?", [(name,) for name in old.files if name not in new.files])
        hashes = [(name, digest) for name, digest in new.files.items() if old.files.get(name) != digest]
        db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?)", hashes)


def _listing_json(entry: ReportEntry) -> bytes | None:
    if entry.listing is None:
        return None
    # orjson where it can (20 times the json module's speed); the json module
    # where orjson refuses a value (an integer beyond 64 bits).
    data = listing_data(entry.listing)
    try:
        return orjson.dumps(data)
    except orjson.JSONEncodeError:
        return json.dumps(data, ensure_ascii=False).encode("utf-8")
