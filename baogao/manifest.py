"""What baogao wrote, so that it never overwrites what a user wrote.

The manifest lives in ``content/.baogao/manifest.json`` (MkDocs skips dot
folders). It records the hash of every file baogao wrote, and per report the
source it came from, so that a re-run can tell (by hashing alone) which
reports changed and which pages a user edited since.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

MANIFEST = ".baogao/manifest.json"
# Site-wide pages baogao writes into content/ besides the reports' folders.
NAV_FILE = ".baogao/nav.yml"
COMPARE_PAGE = "compare.md"
SEARCH_PAGE = "search.md"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class ReportEntry:
    """Where a report in content/ came from."""

    source: str
    """Source path as shown to the user."""
    sha256: str
    """Hash of the source bytes it was built from."""
    files: tuple[str, ...]
    """The report's files, relative to content/."""
    listing: dict[str, Any] = field(default_factory=dict, compare=False)
    """What the home page and navigation show of it: slug, title, pages,
    summary (a part of report.json), so a re-run need not read report.json."""


@dataclass(frozen=True)
class Manifest:
    renderer: str = ""
    """Hash of baogao's version and templates: a change re-renders everything."""
    files: dict[str, str] = field(default_factory=dict)
    """Path relative to content/ -> sha256 of the bytes baogao wrote there."""
    reports: dict[str, ReportEntry] = field(default_factory=dict)
    """Report slug -> where it came from."""


def read_json(path: Path) -> Any:
    """A JSON file baogao wrote. Read by orjson, twice as fast as the json
    module on the manifest (8.7 MB at 1,000 reports, read on every run); by
    the json module where orjson refuses what it wrote (NaN, integers beyond
    64 bits). Raises ValueError for a damaged file."""
    data = path.read_bytes()
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return json.loads(data.decode("utf-8"))


def load_manifest(content: Path) -> Manifest:
    path = content / MANIFEST
    if not path.exists():
        return Manifest()
    try:
        data = read_json(path)
    except (ValueError, OSError):
        # A damaged manifest only costs a full rebuild; every existing file is
        # then treated as the user's and kept.
        return Manifest()
    reports = {
        slug: ReportEntry(entry["source"], entry["sha256"], tuple(entry["files"]), dict(entry.get("listing", {})))
        for slug, entry in data.get("reports", {}).items()
    }
    return Manifest(str(data.get("renderer", "")), dict(data.get("files", {})), reports)


def dump_manifest(manifest: Manifest) -> bytes:
    data = {
        "renderer": manifest.renderer,
        "reports": {
            slug: {"source": entry.source, "sha256": entry.sha256, "files": list(entry.files), "listing": entry.listing}
            for slug, entry in sorted(manifest.reports.items())
        },
        "files": dict(sorted(manifest.files.items())),
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def tree_stats(root: Path, label: str) -> dict[str, list[int]]:
    """Size, modification time and inode of every file under `root` (or of the file `root`).

    Keys are ``label:relative/path``. Cheap, no file is read: an unchanged
    re-run compares these with the ones recorded at the last build before it
    hashes anything.
    """
    found: dict[str, list[int]] = {}
    if not root.exists():
        return found
    if root.is_file():
        status = root.stat()
        return {f"{label}:": [status.st_size, status.st_mtime_ns, status.st_ino]}
    pending = [(str(root), f"{label}:")]
    while pending:
        folder, prefix = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append((entry.path, f"{prefix}{entry.name}/"))
                elif entry.is_file():
                    status = entry.stat()
                    found[prefix + entry.name] = [status.st_size, status.st_mtime_ns, status.st_ino]
    return dict(sorted(found.items()))


def tree_digest(*roots: Path) -> str:
    """One hash over every file's path and bytes under `roots`, in sorted order."""
    digest = hashlib.sha256()
    for root in roots:
        if root.is_file():
            digest.update(root.name.encode() + b"\0" + root.read_bytes())
            continue
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
