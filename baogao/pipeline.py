"""The orchestrator: the stages in order, from source files to a site.

`build` reads like a table of contents. Every stage is a function of the
value the previous one returned; I/O happens only in read, write and site,
and both output folders are rebuilt in a staging copy and swapped in whole.
"""

from __future__ import annotations

import functools
import multiprocessing
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2

# The stages (clean, outline, figures, write with Jinja and YAML) are imported
# where they run: a re-run with nothing changed needs none of them, and
# importing them is a fifth of its time.

from . import LARGE_SITE_REPORTS
from .errors import BaogaoError, ConfigError, InputError
from .manifest import (
    COMPARE_PAGE,
    MANIFEST,
    NAV_FILE,
    SEARCH_PAGE,
    Manifest,
    ReportEntry,
    dump_manifest,
    load_manifest,
    tree_digest,
    tree_stats,
)
from .model import Report, SourceText
from .read import decode_source, read_bytes
from .site import Stamp, build_site, site_is_current
from .staging import atomic_write, exclusive, staged

SOURCE_SUFFIXES = (".txt",)
# Above this many reports, ``--search auto`` uses Pagefind (and the sidebar
# shows only the current report: `plugin.BaogaoConfig`).
PAGEFIND_ABOVE = LARGE_SITE_REPORTS
# Below this many changed reports, starting worker processes costs more than it saves.
PARALLEL_FROM = 8
_UNSAFE = re.compile(r"[^\w\-]+")
PACKAGE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Options:
    """What the user asked for; paths as given or defaulted by the CLI."""

    sources: tuple[Path, ...]
    content: Path
    site: Path
    templates: Path
    config_file: Path
    root: Path
    """The project folder: source paths are recorded relative to it."""
    build_site: bool = True
    quiet: bool = False
    force: bool = False
    search: str = "auto"
    """``material`` (Material's search, with baogao's query segmentation),
    ``pagefind`` (a page of Pagefind search; for large sites) or ``auto``
    (the first up to `PAGEFIND_ABOVE` reports, the second above)."""


def process(source: SourceText, slug: str) -> Report:
    """clean → outline → figures for one decoded source."""
    from .clean import clean
    from .figures import extract_figures
    from .outline import build_outline

    cleaned = clean(source)
    outline = build_outline(cleaned.lines)
    title = cleaned.title or Path(source.path).stem
    report = Report(slug, title, source, outline, cleaned.removed, cleaned.marks)
    figures, skipped = extract_figures(report)
    return replace(report, figures=figures, skipped=skipped)


def prepare(data: bytes, shown: str, digest: str, slug: str, env: jinja2.Environment) -> tuple[Report, dict[str, str]]:
    """One changed source: decoded, processed and rendered to its content/ files."""
    from .write import render_report

    report = process(decode_source(data, shown, digest), slug)
    if not report.outline.preface and not report.outline.sections and report.title == Path(shown).stem:
        raise InputError(shown, "no report text: the file holds only page chrome")
    return report, render_report(report, env)


def prepare_reports(
    todo: list[tuple[bytes, str, str, str]], templates: Path
) -> Iterator[tuple[Report, dict[str, str]]]:
    """`prepare` every changed source, in order; in one process per core when there are many.

    Reports are independent, so this is the one place baogao's own work
    spreads over cores (forked, so the workers share the loaded modules).
    """
    if not todo:
        return
    from concurrent.futures import ProcessPoolExecutor

    from .parallel import workers_available
    from .write import make_environment

    cores = workers_available()
    if len(todo) < PARALLEL_FROM or cores < 2 or "fork" not in multiprocessing.get_all_start_methods():
        env = make_environment(templates)
        for task in todo:
            yield prepare(*task, env)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(cores, mp_context=context, initializer=_start_worker, initargs=(templates,)) as pool:
        yield from pool.map(_prepare_in_worker, todo, chunksize=4)


_worker_env: list[jinja2.Environment] = []


def _start_worker(templates: Path) -> None:
    from .write import make_environment

    _worker_env.append(make_environment(templates))


def _prepare_in_worker(task: tuple[bytes, str, str, str]) -> tuple[Report, dict[str, str]]:
    return prepare(*task, _worker_env[0])


def slug_for(path: Path) -> str:
    """Folder name for a source: its stem, made safe for a URL and a path."""
    stem = unicodedata.normalize("NFC", path.stem)
    slug = _UNSAFE.sub("-", stem).strip("-_.").lower()
    return slug or "report"


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
    """A source's path as recorded: relative to the project when inside it."""
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return path.absolute().as_posix()


def renderer_key(templates: Path) -> str:
    """Changes when baogao's code or the templates change: then re-render all."""
    return tree_digest(*sorted(PACKAGE.glob("*.py")), templates)


def listing(report: Report) -> dict[str, Any]:
    """The part of report.json the home page, navigation and comparison need."""
    from .figures import indicators
    from .pages import report_data

    data = report_data(report)
    return {**{key: data[key] for key in ("slug", "title", "pages", "summary")}, "indicators": indicators(report)}


def choose_search(search: str, reports: int) -> str:
    """``auto``: Material's search box up to `PAGEFIND_ABOVE` reports, Pagefind above.

    Material's search loads one index of the whole site before the first
    result (7 s at 100 reports); Pagefind loads only the fragments a query
    needs.
    """
    if search != "auto":
        return search
    return "pagefind" if reports > PAGEFIND_ABOVE else "material"


def _versions() -> str:
    found = []
    for name in ("mkdocs", "mkdocs-material", "jieba"):
        try:
            found.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name}=none")
    return ",".join(found)


def build(options: Options, say: Callable[[str], None]) -> list[Report]:
    """Build content/ (and the site) from the given sources; return what changed.

    One build at a time per content folder (see `staging.exclusive`).
    """
    with exclusive(options.content):
        return _build(options, say)


def _build(options: Options, say: Callable[[str], None]) -> list[Report]:
    if not options.templates.is_dir():
        raise ConfigError(f"{options.templates}: templates folder not found")
    paths = collect_sources(options.sources)
    if not paths:
        raise ConfigError("no report files (.txt) found in " + ", ".join(p.as_posix() for p in options.sources))
    manifest = load_manifest(options.content)
    shown_as = {path: shown_path(path, options.root) for path in paths}
    by_source = {shown: path for path, shown in shown_as.items()}
    known = {by_source[entry.source]: slug for slug, entry in manifest.reports.items() if entry.source in by_source}
    slugs = assign_slugs(paths, known)
    kept = {slug for slug, entry in manifest.reports.items() if (options.root / entry.source).exists()}
    options = replace(options, search=choose_search(options.search, len(kept | set(slugs.values()))))
    renderer = renderer_key(options.templates) + f"+search={options.search}"
    # Hash every source; read, clean and outline only those that changed,
    # and all of them before writing anything, so a bad file stops the run
    # with content/ untouched.
    entries: dict[str, ReportEntry] = {}
    todo: list[tuple[bytes, str, str, str]] = []
    content_stats = tree_stats(options.content, "content")
    existing = {name.removeprefix("content:") for name in content_stats}
    for path in paths:
        shown = shown_as[path]
        data, digest = read_bytes(path, shown)
        slug = slugs[path]
        entry = manifest.reports.get(slug)
        current = (
            entry is not None
            and manifest.renderer == renderer
            and (entry.source, entry.sha256) == (shown, digest)
            and all(name in existing or name not in manifest.files for name in entry.files)
        )
        if entry is not None and current:
            entries[slug] = entry
        else:
            todo.append((data, shown, digest, slug))
    changed: list[Report] = []
    rendered_files: dict[str, str] = {}
    for report, rendered in prepare_reports(todo, options.templates):
        changed.append(report)
        rendered_files.update(rendered)
        entries[report.slug] = ReportEntry(
            report.source.path, report.source.sha256, tuple(sorted(rendered)), listing(report)
        )
    # Reports whose source file is gone leave content/ (edited pages stay).
    gone = [
        slug
        for slug, entry in manifest.reports.items()
        if slug not in entries and not (options.root / entry.source).exists()
    ]
    for slug, entry in manifest.reports.items():
        if slug not in entries and slug not in gone:
            entries[slug] = entry  # added by an earlier run, source still there
    # Render what changed, and the home page, comparison and navigation over
    # everything; with nothing changed there is nothing to render.
    new_manifest = Manifest(renderer, dict(manifest.files), dict(sorted(entries.items())))
    site_pages = ("index.md", COMPARE_PAGE, NAV_FILE)
    if changed or gone or manifest != new_manifest or _missing(options.content, site_pages, manifest):
        from .write import make_environment, render_compare, render_home, render_nav, render_search

        env = make_environment(options.templates)
        files = rendered_files
        listings = [entries[slug].listing for slug in sorted(entries)]
        files["index.md"] = render_home(listings, env)
        files[COMPARE_PAGE] = render_compare(listings, env)
        files[NAV_FILE] = render_nav(listings, options.search)
        if options.search == "pagefind":
            files[SEARCH_PAGE] = render_search(env)
        new_manifest = Manifest(renderer, dict(manifest.files), dict(sorted(entries.items())))
        # Pages a changed report no longer has (a section less, no figures).
        stale = {
            slug: sorted(set(manifest.reports[slug].files) - set(entries[slug].files))
            for slug in (report.slug for report in changed)
            if slug in manifest.reports
        }
        _write_content(options, manifest, new_manifest, files, gone, stale, say)
        content_stats = tree_stats(options.content, "content")
    # Build the site, unless content/ and the configuration are as they were
    # for the site that is there.
    if options.build_site:
        inputs = (options.content, options.config_file, options.templates)
        key = _versions() + "+search=" + options.search
        stats = content_stats | tree_stats(options.config_file, "config") | tree_stats(options.templates, "templates")
        content_digest = functools.cache(lambda: tree_digest(*inputs))
        if not site_is_current(options.site, key, stats, content_digest):
            # Taken before MkDocs reads content/: a page saved during the build
            # then differs from the stamp, and the next run builds again.
            stamp = Stamp(key, content_digest(), stats)
            listings = [entries[slug].listing for slug in sorted(entries)]
            from .write import nav_entries

            nav = nav_entries(listings, options.search)
            build_site(options.config_file, options.content, options.site, nav, stamp, options.quiet, options.search)
    return changed


def _missing(content: Path, names: Iterable[str], manifest: Manifest) -> bool:
    """Whether a site-wide page baogao wrote is gone or was never written."""
    return any(name not in manifest.files or not (content / name).exists() for name in names)


def _write_content(
    options: Options,
    manifest: Manifest,
    new_manifest: Manifest,
    files: dict[str, str],
    gone: list[str],
    stale: dict[str, list[str]],
    say: Callable[[str], None],
) -> None:
    """Apply the new files to a staging copy of content/ and swap it in.

    A page the user saves while the build runs would be lost in the swap; so
    the pages baogao touches are checked just before it, and the run stops
    (nothing replaced) if one of them changed.
    """
    from .write import apply_files, delete_files

    shown = options.content
    touched = [*files, *(name for slug in gone for name in manifest.reports[slug].files)]
    touched += [name for names in stale.values() for name in names]
    before = {name: _signature(options.content / name) for name in touched}
    with staged(options.content) as stage:
        hashes = apply_files(stage, shown, files, manifest.files, options.force, say)
        for slug in gone:
            hashes = delete_files(stage, shown, manifest.reports[slug].files, hashes, say)
        for names in stale.values():
            hashes = delete_files(stage, shown, names, hashes, say)
        final = Manifest(new_manifest.renderer, hashes, new_manifest.reports)
        atomic_write(stage / MANIFEST, dump_manifest(final))
        for name, signature in before.items():
            if _signature(options.content / name) != signature:
                raise BaogaoError(f"{shown / name}: changed while baogao was building; nothing was replaced, run again")


def _signature(path: Path) -> tuple[int, int, int] | None:
    """Identity and state of a file: inode, size, modification time."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    return (status.st_ino, status.st_size, status.st_mtime_ns)
