"""What baogao wrote, so that it never overwrites what a user wrote.

The manifest lives in ``content/.baogao/manifest.json`` (MkDocs skips dot
folders). It records the hash of every file baogao wrote, and per report the
source it came from and its `Listing`, so that a re-run can tell (by hashing
alone) which reports changed and which pages a user edited since, and render
the site-wide pages without reading the reports again.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from ..model import Indicator, Listing, Metadata, PageRef, Summary
from .files import read_json

MANIFEST = ".baogao/manifest.json"


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
    damaged manifest lacks it (the report is then processed again)."""


@dataclass(frozen=True)
class Manifest:
    renderer: str = ""
    """Hash of baogao's version and templates: a change re-renders everything."""
    files: dict[str, str] = field(default_factory=dict)
    """Path relative to content/ -> sha256 of the bytes baogao wrote there."""
    reports: dict[str, ReportEntry] = field(default_factory=dict)
    """Report slug -> where it came from."""


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
    every report (at 2,000 reports, 185,000 indicators with about 1,000
    distinct names took 88 MB, 21 MB with their strings shared)."""
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


def load_manifest(content: Path) -> Manifest:
    """The manifest of `content`, empty when there is none.

    Raises `DamagedManifest` when it cannot be read, naming the problem.
    """
    path = content / MANIFEST
    if not path.exists():
        return Manifest()
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


def dump_manifest(manifest: Manifest) -> bytes:
    data = {
        "renderer": manifest.renderer,
        "reports": {
            slug: {
                "source": entry.source,
                "sha256": entry.sha256,
                "files": list(entry.files),
                "listing": listing_data(entry.listing) if entry.listing else {},
            }
            for slug, entry in sorted(manifest.reports.items())
        },
        "files": dict(sorted(manifest.files.items())),
    }
    # orjson writes the same bytes as the json module here, 20 times as fast
    # (0.03 s for the 19 MB of 1,000 reports); the json module where orjson
    # refuses a value (an integer beyond 64 bits).
    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n"
    except orjson.JSONEncodeError:
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
