"""The build plan: what changed, what is current, what is gone, what is stale.

Pure functions of the manifest of the last run and what this run was given;
the file system is asked only through the callables passed in. `pipeline`
carries the plan out.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .manifest import Manifest, ReportEntry


@dataclass(frozen=True)
class Given:
    """A source this run was given, as read."""

    shown: str
    """Its path as recorded."""
    digest: str
    """SHA-256 of its bytes."""


@dataclass(frozen=True)
class Plan:
    current: dict[str, ReportEntry]
    """Given reports whose pages are up to date: slug -> the last run's entry."""
    todo: tuple[str, ...]
    """Given reports to read, clean, outline and render again, in source order."""
    gone: tuple[str, ...]
    """Reports of the last run whose source file no longer exists."""
    carried: dict[str, ReportEntry]
    """Reports of an earlier run not named this time whose source still exists: kept."""
    refresh: tuple[str, ...] = ()
    """Reports of an earlier run not named this time whose source still exists
    but whose listing the manifest lacks (written by an older version): read
    from their source again."""


def known_slugs(manifest: Manifest, shown_as: Mapping[Path, str]) -> dict[Path, str]:
    """The slug an earlier run gave each of these sources, where it did."""
    by_shown = {shown: path for path, shown in shown_as.items()}
    return {by_shown[entry.source]: slug for slug, entry in manifest.reports.items() if entry.source in by_shown}


def site_reports(manifest: Manifest, slugs: Iterable[str], source_exists: Callable[[str], bool]) -> int:
    """How many reports the site will have: those given, and those of earlier
    runs whose source is still there."""
    kept = {slug for slug, entry in manifest.reports.items() if source_exists(entry.source)}
    return len(kept | set(slugs))


def is_current(
    entry: ReportEntry | None, manifest: Manifest, renderer: str, given: Given, existing: Collection[str]
) -> bool:
    """Whether a report's pages are as this run would write them: same
    renderer, same source bytes, and none of the files baogao wrote is gone."""
    return (
        entry is not None
        and entry.has_listing
        and manifest.renderer == renderer
        and (entry.source, entry.sha256) == (given.shown, given.digest)
        and all(name in existing or name not in manifest.files for name in entry.files)
    )


def plan(
    manifest: Manifest,
    renderer: str,
    given: Mapping[str, Given],
    existing: Collection[str],
    source_exists: Callable[[str], bool],
) -> Plan:
    """Sort the last run's reports and this run's sources into the plan.

    `given` maps slug to source in source order; `existing` holds the paths
    (relative to content/) of the files there now.
    """
    current: dict[str, ReportEntry] = {}
    todo: list[str] = []
    for slug, source in given.items():
        entry = manifest.reports.get(slug)
        if entry is not None and is_current(entry, manifest, renderer, source, existing):
            current[slug] = entry
        else:
            todo.append(slug)
    others = [slug for slug in manifest.reports if slug not in given]
    gone = tuple(slug for slug in others if not source_exists(manifest.reports[slug].source))
    kept = [slug for slug in others if slug not in gone]
    carried = {slug: manifest.reports[slug] for slug in kept if manifest.reports[slug].has_listing}
    refresh = tuple(slug for slug in kept if slug not in carried)
    return Plan(current, tuple(todo), gone, carried, refresh)


def stale_files(manifest: Manifest, entries: Mapping[str, ReportEntry], changed: Iterable[str]) -> dict[str, list[str]]:
    """Files a changed report no longer has (a section less, no figures)."""
    return {
        slug: sorted(set(manifest.reports[slug].files) - set(entries[slug].files))
        for slug in changed
        if slug in manifest.reports
    }


def site_pages_needed(
    manifest: Manifest, new_manifest: Manifest, changed: bool, site_pages: Iterable[str], exists: Callable[[str], bool]
) -> bool:
    """Whether the site-wide pages (home, comparison, navigation) are rendered
    again: something changed, or one baogao wrote is gone or was never written."""
    if changed or manifest != new_manifest:
        return True
    return any(name not in manifest.files or not exists(name) for name in site_pages)
