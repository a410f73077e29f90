"""The reader's edits of section pages, which the report's data follow.

A section page in ``content/`` whose bytes differ from what baogao wrote
there is the reader's (`store` never overwrites it). Its text is read back
(`render.readback`) and the report's figures, report.json and the database
are computed from it (`text.report.edited_report`); the page itself stays
as saved.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..model import Report
from .files import sha256
from .manifest import MANIFEST, Manifest

# A report's page of one level-1 section: ``<slug>/02.md``.
SECTION_PAGE = re.compile(r"^(?P<slug>[^/]+)/(?P<name>\d{2}\.md)$")


def edited_section_pages(
    content: Path, manifest: Manifest, stats: Mapping[str, list[int]], rendered: Iterable[str]
) -> dict[str, list[str]]:
    """Section pages whose bytes differ from what baogao wrote there (the
    reader's edits), by report slug. Only pages saved after the manifest are
    read, and every page of the reports about to be `rendered` again: the
    data of those follow their edits on every rendering."""
    manifest_file = content / MANIFEST
    written = manifest_file.stat().st_mtime_ns if manifest_file.exists() else None
    again = set(rendered)
    found: dict[str, list[str]] = {}
    for key, status in sorted(stats.items()):
        name = key.removeprefix("content:")
        match = SECTION_PAGE.match(name)
        if match is None or name not in manifest.files:  # not a page baogao wrote
            continue
        if match["slug"] not in again and (written is None or status[1] <= written):
            continue
        if sha256((content / name).read_bytes()) != manifest.files[name]:
            found.setdefault(match["slug"], []).append(match["name"])
    return found


def page_texts(content: Path, slug: str, names: list[str]) -> tuple[tuple[str, str], ...]:
    """(name, Markdown as saved) of a report's pages `names`."""
    return tuple((name, (content / slug / name).read_text(encoding="utf-8")) for name in names)


def with_edits(report: Report, edited: tuple[tuple[str, str], ...]) -> Report:
    """The report with its data computed from the reader's edited section pages."""
    # Imported here: a re-run with nothing edited needs neither (see `pipeline`).
    from ..render.readback import page_lines
    from ..text.report import edited_report

    sections = len(report.outline.sections)
    used = [(name, markdown) for name, markdown in edited if int(name.removesuffix(".md")) <= sections]
    if not used:  # pages of sections the report no longer has
        return report
    pages = {int(name.removesuffix(".md")) - 1: page_lines(markdown) for name, markdown in used}
    return edited_report(report, pages, tuple(name for name, _ in used))
