"""The orchestrator: the stages in order, from source files to a site.

`build` reads like a table of contents; every stage is a function of the
value the previous one returned, and I/O happens only in read, write and site.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .clean import clean
from .errors import ConfigError, InputError
from .model import Report, SourceText
from .outline import build_outline
from .read import read_source
from .site import build_site
from .write import NAV_FILE, make_environment, nav_entries, render_home, render_nav, render_report, write_files

SOURCE_SUFFIXES = (".txt",)
_UNSAFE = re.compile(r"[^\w\-]+")


@dataclass(frozen=True)
class Options:
    """What the user asked for; paths already resolved by the CLI."""

    sources: tuple[Path, ...]
    content: Path
    site: Path
    templates: Path
    config_file: Path
    build_site: bool = True
    quiet: bool = False


def process(source: SourceText, slug: str) -> Report:
    """read → clean → outline for one decoded source."""
    cleaned = clean(source)
    outline = build_outline(cleaned.lines)
    title = cleaned.title or Path(source.path).stem
    return Report(slug, title, source, outline, cleaned.removed, cleaned.marks)


def slug_for(path: Path) -> str:
    """Folder name for a source: its stem, made safe for a URL and a path."""
    stem = unicodedata.normalize("NFC", path.stem)
    slug = _UNSAFE.sub("-", stem).strip("-_").lower()
    return slug or "report"


def collect_sources(arguments: Iterable[Path]) -> list[Path]:
    """Files named, and report files inside folders named, sorted."""
    found: set[Path] = set()
    for argument in arguments:
        if argument.is_dir():
            found.update(p for p in argument.rglob("*") if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES)
        elif argument.is_file():
            found.add(argument)
        else:
            raise InputError(argument.as_posix(), "no such file or folder")
    return sorted(found)


def assign_slugs(paths: list[Path]) -> dict[Path, str]:
    """A distinct slug per source; a clash gets -2, -3 in sorted order."""
    slugs: dict[Path, str] = {}
    taken: set[str] = set()
    for path in paths:
        base = slug = slug_for(path)
        counter = 1
        while slug in taken:
            counter += 1
            slug = f"{base}-{counter}"
        taken.add(slug)
        slugs[path] = slug
    return slugs


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def existing_reports(content: Path) -> list[dict[str, Any]]:
    """report.json of every report already in content/, sorted by slug."""
    reports = []
    for path in sorted(content.glob("*/report.json")):
        reports.append(json.loads(path.read_text(encoding="utf-8")))
    return reports


def build(options: Options, say: Callable[[str], None]) -> list[Report]:
    """Build content/ (and the site) from the given sources."""
    if not options.templates.is_dir():
        raise ConfigError(f"{options.templates}: templates folder not found")
    paths = collect_sources(options.sources)
    if not paths:
        raise ConfigError("no report files (.txt) found in " + ", ".join(p.as_posix() for p in options.sources))
    slugs = assign_slugs(paths)
    # Read, clean and outline every source before writing anything, so a bad
    # file stops the run with content/ untouched.
    reports = [process(read_source(path, _shown(path)), slugs[path]) for path in paths]
    # Render and write each report's folder.
    env = make_environment(options.templates)
    files: dict[str, str] = {}
    for report in reports:
        files.update(render_report(report, env))
    write_files(options.content, files, say)
    # The home page and navigation cover every report in content/.
    everything = existing_reports(options.content)
    site_files = {"index.md": render_home(everything, env), NAV_FILE: render_nav(everything)}
    write_files(options.content, site_files, say)
    # Build the site.
    if options.build_site:
        build_site(options.config_file, options.content, options.site, nav_entries(everything), options.quiet)
    return reports
