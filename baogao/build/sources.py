"""The source files: which there are, their bytes, and the folder each gets.

The one place that opens source files; decoding is `text.decode`, pure.
"""

from __future__ import annotations

import os
import re
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from ..errors import InputError
from ..model import SourceText
from ..text.datasets import DATASET_SUFFIXES
from ..text.decode import decode_source
from ..text.html import HTML_SUFFIXES
from .files import read_json, sha256
from .staging import atomic_write

SOURCE_SUFFIXES = (".txt", *HTML_SUFFIXES, *DATASET_SUFFIXES)
_UNSAFE = re.compile(r"[^\w\-]+")


def read_bytes(path: Path, name: str) -> tuple[bytes, str]:
    """A source's bytes and their SHA-256 (what incremental runs compare)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(name, f"cannot read file ({error.strerror})") from None
    return data, sha256(data)


# A file changed this close to the run's start may change again without its
# time moving (times tick more coarsely than they print): its hash is not
# kept, and the next run reads it again (git's "racily clean" files).
RACY_SECONDS = 2.0


def digests_cache(content: Path) -> Path:
    """Beside content/, not in it: sizes, times and inodes differ between two
    builds of the same sources, and content/ must not."""
    return content.with_name(f".{content.name}.sources.json")


@dataclass
class SourceDigests:
    """The hashes of the report files, kept between runs by each file's size,
    time, inode and change time: a run reads only the files whose stats
    moved (at 10,000 reports, reading and hashing every source was most of
    a re-run with nothing changed)."""

    known: dict[str, list[Any]] = field(default_factory=dict)
    """By absolute path: [size, mtime_ns, inode, ctime_ns, hash], as last run recorded them."""
    seen: dict[str, list[Any]] = field(default_factory=dict)
    """The same for this run's files, where they are not racy."""
    started: float = field(default_factory=time.time)

    def digest(self, path: Path, name: str) -> str:
        """The SHA-256 of the file at `path` (`name` in messages)."""
        try:
            status = os.stat(path)
        except OSError as error:
            raise InputError(name, f"cannot read file ({error.strerror})") from None
        key = os.path.abspath(path)
        stats = [status.st_size, status.st_mtime_ns, status.st_ino, status.st_ctime_ns]
        entry = self.known.get(key)
        digest = entry[4] if entry is not None and entry[:4] == stats else read_bytes(path, name)[1]
        if max(status.st_mtime, status.st_ctime) < self.started - RACY_SECONDS:
            self.seen[key] = [*stats, digest]
        return digest


def load_digests(content: Path) -> SourceDigests:
    """The digests the last run kept beside `content` (none where there are none or they do not read)."""
    try:
        known = read_json(digests_cache(content))
    except (OSError, ValueError):
        known = {}
    return SourceDigests(known if isinstance(known, dict) else {})


def save_digests(content: Path, digests: SourceDigests) -> None:
    """Keep this run's digests beside `content`, where they differ from the last run's."""
    if digests.seen != digests.known and content.is_dir():
        atomic_write(digests_cache(content), orjson.dumps(digests.seen, option=orjson.OPT_SORT_KEYS))


def read_source(path: Path, shown: str | None = None) -> SourceText:
    """Read and decode one report file; raise InputError if it is not text."""
    name = shown or path.as_posix()
    data, digest = read_bytes(path, name)
    return decode_source(data, name, digest)


def collect_sources(arguments: Iterable[Path], outputs: Iterable[Path] = ()) -> list[Path]:
    """Files named, and report files inside folders named, sorted.

    Inside a folder, hidden folders and baogao's own outputs (`outputs`:
    content/, the site and its stamp, were they put inside it) are passed
    over: their pages and data are not sources."""
    found: dict[Path, Path] = {}  # resolved -> as given: a file named twice counts once
    skipped = {output.resolve() for output in outputs}
    for argument in arguments:
        if argument.is_dir():
            folders: dict[Path, Path] = {}  # resolve each folder once, not each file
            for path in argument.rglob("*"):
                if any(part.startswith(".") for part in path.relative_to(argument).parts[:-1]):
                    continue
                if path.suffix.lower() in SOURCE_SUFFIXES and path.is_file():
                    if skipped and any(parent in skipped for parent in (path.resolve(), *path.resolve().parents)):
                        continue
                    if path.parent not in folders:
                        folders[path.parent] = path.parent.resolve()
                    real = path.resolve() if path.is_symlink() else folders[path.parent] / path.name
                    found.setdefault(real, path)
        elif argument.is_file():
            found.setdefault(argument.resolve(), argument)
        else:
            raise InputError(argument.as_posix(), "no such file or folder")
    return [found[real] for real in sorted(found, key=lambda p: p.as_posix())]


def slug_for(path: Path) -> str:
    """Folder name for a source: its stem, made safe for a URL and a path."""
    stem = unicodedata.normalize("NFC", path.stem)
    slug = _UNSAFE.sub("-", stem).strip("-_.").lower()
    return slug or "report"


def assign_slugs(paths: list[Path], known: dict[Path, str] | None = None) -> dict[Path, str]:
    """A distinct slug per source; a clash gets -2, -3 in sorted order.

    A source keeps the slug an earlier run gave it (`known`), so its pages
    keep their URLs when another source with the same name comes or goes.
    """
    slugs: dict[Path, str] = {}
    taken: set[str] = set()
    given = set(paths)
    for path, slug in (known or {}).items():
        if path in given and slug not in taken:
            slugs[path] = slug
            taken.add(slug)
    for path in paths:
        if path in slugs:
            continue
        base = slug = slug_for(path)
        counter = 1
        while slug in taken:
            counter += 1
            slug = f"{base}-{counter}"
        taken.add(slug)
        slugs[path] = slug
    return slugs


def shown_path(path: Path, root: Path) -> str:
    """A source's path as the manifest records it, to find it again: relative
    to the project when inside it, else absolute. Never published."""
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return path.absolute().as_posix()


def published_path(path: Path, root: Path) -> str:
    """A source's path as the site and report.json show it: relative to the
    project when inside it, else only the file name. The folders of the
    machine that built the site are nobody's business."""
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return path.name


# A reader's corrections to a report's metadata, beside its source:
# report.txt -> report.meta.yml.
CORRECTIONS_SUFFIX = ".meta.yml"


def corrections_path(path: Path) -> Path:
    return path.with_name(path.stem + CORRECTIONS_SUFFIX)


def read_corrections(path: Path, shown: str, fields: tuple[str, ...]) -> tuple[dict[str, str], bytes]:
    """The corrections beside the source at `path` (field -> value, as text)
    and their bytes (part of what tells a re-run the report changed); none
    when there is no such file. A file that is not a mapping of known fields
    is an InputError naming it."""
    beside = corrections_path(path)
    name = shown[: -len(path.name)] + beside.name if shown.endswith(path.name) else beside.name
    try:
        data = beside.read_bytes()
    except FileNotFoundError:
        return {}, b""
    except OSError as error:
        raise InputError(name, f"cannot read file ({error.strerror})") from None
    import yaml

    try:
        loaded = yaml.safe_load(data.decode("utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise InputError(name, f"not YAML: {str(error).splitlines()[0]}") from None
    if not isinstance(loaded, dict):
        raise InputError(name, "must be a mapping of fields to values (kind: 自评报告)")
    unknown = sorted(str(key) for key in loaded if key not in fields)
    if unknown:
        raise InputError(name, f"unknown field {', '.join(unknown)} (known: {', '.join(fields)})")
    return {str(key): "" if value is None else str(value) for key, value in loaded.items()}, data
