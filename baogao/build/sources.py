"""The source files: which there are, their bytes, and the folder each gets.

The one place that opens source files; decoding is `text.decode`, pure.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError
from ..model import SourceText
from ..text.decode import decode_source
from .files import sha256

SOURCE_SUFFIXES = (".txt",)
_UNSAFE = re.compile(r"[^\w\-]+")


def read_bytes(path: Path, name: str) -> tuple[bytes, str]:
    """A source's bytes and their SHA-256 (what incremental runs compare)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(name, f"cannot read file ({error.strerror})") from None
    return data, sha256(data)


def read_source(path: Path, shown: str | None = None) -> SourceText:
    """Read and decode one report file; raise InputError if it is not text."""
    name = shown or path.as_posix()
    data, digest = read_bytes(path, name)
    return decode_source(data, name, digest)


def collect_sources(arguments: Iterable[Path]) -> list[Path]:
    """Files named, and report files inside folders named, sorted."""
    found: dict[Path, Path] = {}  # resolved -> as given: a file named twice counts once
    for argument in arguments:
        if argument.is_dir():
            folders: dict[Path, Path] = {}  # resolve each folder once, not each file
            for path in argument.rglob("*"):
                if path.suffix.lower() in SOURCE_SUFFIXES and path.is_file():
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
