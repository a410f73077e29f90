"""The orchestrator: from source files to content/ and a site.

`build` reads like a table of contents: find the sources, plan, process what
changed, render the site-wide pages, write content/, build the site. Every
text stage is a pure function of the value the previous one returned (see
`text.report.process`); I/O happens in the build layer's other modules
(`sources`, `manifest`, `store`, `site_wide`, `site`), and both output
folders are rebuilt in a staging copy and swapped in whole.
"""

from __future__ import annotations

import collections
import functools
import itertools
import multiprocessing
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2

    from ..model import Listing

# The stages (clean, outline, figures, rendering with Jinja and YAML) are
# imported where they run: a re-run with nothing changed needs none of them,
# and importing them is a fifth of its time.

from .. import LARGE_SITE_REPORTS
from ..errors import ConfigError, InputError
from ..progress import Progress, no_progress
from ..text.datasets import DATASET_ROW, is_dataset
from ..text.decode import decode_source
from .database import DATABASE_FILE, write_database
from .edits import edited_section_pages, page_texts, with_edits
from .files import tree_digest, tree_stats
from .manifest import (
    LEGACY_MANIFEST,
    DamagedManifest,
    Manifest,
    ReportEntry,
    load_manifest,
    shared_listing,
)
from .plan import Given, known_slugs, plan, site_pages_needed, site_reports, stale_files
from .reading import Task, read_again, read_path
from .site import Stamp, build_site, input_digest, site_is_current, stats_cache
from .site_wide import SITE_PAGES, fulltext_of, listings_of, read_nav, render_site_pages
from .sources import (
    SOURCE_SUFFIXES,
    assign_slugs,
    collect_sources,
    digests_cache,
    load_digests,
    save_digests,
    shown_path,
)
from .staging import exclusive

# Above this many reports, ``--search auto`` uses Pagefind (and the sidebar
# shows only the current report: `plugin.BaogaoConfig`).
PAGEFIND_ABOVE = LARGE_SITE_REPORTS
# Below this many changed reports, starting worker processes costs more than it saves.
PARALLEL_FROM = 8
# Reports a worker has queued ahead of the one it prepares.
IN_FLIGHT = 4
PACKAGE = Path(__file__).resolve().parent.parent


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


@dataclass(frozen=True)
class Prepared:
    """One changed source, processed and rendered: what the run keeps of it
    (a worker sends this back, not the whole `Report`)."""

    slug: str
    files: dict[str, str]
    """Its content/ files, keyed by path relative to content/."""
    listing: Listing
    edited_pages: tuple[str, ...] = ()
    """Its section pages the reader edited (`Report.edited_pages`)."""


def prepare(task: Task, env: jinja2.Environment) -> Prepared:
    """One changed source: decoded, processed and rendered to its content/ files."""
    from ..render.pages import listing, render_report
    from ..text.report import process

    source = replace(decode_source(task.source_bytes(), task.shown, task.digest), path=task.published)
    report = process(source, task.slug)
    if task.corrections:
        from ..render.labels import KINDS, REGION_LEVELS
        from ..text.metadata import corrected

        kinds = {label: kind for kind, label in KINDS.items()}
        levels = {label: level for level, label in REGION_LEVELS.items()}
        corrections = dict(task.corrections)
        if DATASET_ROW in task.shown:
            # A dataset's columns say what they say: a kind baogao does not
            # know is left to the text, a year is its four digits.
            if corrections.get("kind") not in (*kinds, *KINDS):
                corrections.pop("kind", None)
            year = re.search(r"(19|20)\d\d", corrections.get("year", ""))
            corrections.pop("year", None)
            if year:
                corrections["year"] = year.group(0)
        report = replace(report, metadata=corrected(report.metadata, corrections, kinds, levels))
    if not report.outline.preface and not report.outline.sections and report.title == Path(task.shown).stem:
        raise InputError(task.shown, "no report text: the file holds only page chrome")
    if task.edited:
        report = with_edits(report, task.edited)
    return Prepared(report.slug, render_report(report, env), listing(report), report.edited_pages)


def prepare_reports(todo: list[Task], templates: Path) -> Iterator[Prepared]:
    """`prepare` every changed source, in order; in one process per core when there are many.

    Reports are independent, so this is the one place baogao's own work
    spreads over cores (forked, so the workers share the loaded modules).
    """
    if not todo:
        return
    from concurrent.futures import ProcessPoolExecutor

    from ..render.environment import make_environment
    from .parallel import workers_available

    cores = workers_available()
    if len(todo) < PARALLEL_FROM or cores < 2 or "fork" not in multiprocessing.get_all_start_methods():
        env = make_environment(templates)
        for task in todo:
            yield prepare(task, env)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(cores, mp_context=context, initializer=_start_worker, initargs=(templates,)) as pool:
        # A few tasks a worker in flight, not all of them: results the run has
        # not written yet wait in memory (`map` submits every task at once).
        tasks = iter(todo)
        flying = collections.deque(
            pool.submit(_prepare_in_worker, task) for task in itertools.islice(tasks, cores * IN_FLIGHT)
        )
        while flying:
            prepared = flying.popleft().result()
            for task in itertools.islice(tasks, 1):
                flying.append(pool.submit(_prepare_in_worker, task))
            yield prepared


_worker_env: list[jinja2.Environment] = []


def _start_worker(templates: Path) -> None:
    from ..render.environment import make_environment

    _worker_env.append(make_environment(templates))


def _prepare_in_worker(task: Task) -> Prepared:
    return prepare(task, _worker_env[0])


def renderer_key(templates: Path) -> str:
    """Changes when baogao's code or the templates change: then re-render all."""
    return tree_digest(*sorted(PACKAGE.rglob("*.py")), templates)


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
    for name in ("mkdocs", "mkdocs-material", "jieba", "pagefind"):
        try:
            found.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name}=none")
    return ",".join(found)


def build(options: Options, say: Callable[[str], None], progress: Progress = no_progress) -> list[str]:
    """Build content/ (and the site) from the given sources; return the
    slugs of the reports that changed.

    One build at a time per content folder (see `staging.exclusive`).
    `say` prints a message for the user; `progress` is told how far the
    long steps are (reports processed, pages rendered, index parts).
    """
    with exclusive(options.content):
        written = _write_content(options, say, progress)
        if options.build_site:
            # The reports and their pages are gone with `_write_content`'s
            # frame; handing their memory back before MkDocs forks its
            # workers keeps it out of every worker (2,000 reports: 1.5 GB).
            release_memory()
            _build_site_unless_current(written.options, written.content_stats, progress)
        return written.changed


@dataclass(frozen=True)
class _Written:
    """What the site build needs of the content phase."""

    options: Options
    """The options with the search chosen for this corpus."""
    content_stats: dict[str, list[int]]
    changed: list[str]


def release_memory() -> None:
    """Collect garbage and hand freed heap pages back to the system (glibc)."""
    import contextlib
    import ctypes
    import gc

    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: its allocator keeps them
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _write_content(options: Options, say: Callable[[str], None], progress: Progress) -> _Written:
    if not options.templates.is_dir():
        raise ConfigError(f"{options.templates}: templates folder not found")
    outputs = (options.content, options.site, stats_cache(options.site), digests_cache(options.content))
    paths = collect_sources(options.sources, outputs)
    if not paths:
        suffixes = ", ".join(SOURCE_SUFFIXES)
        raise ConfigError(f"no report files ({suffixes}) found in " + ", ".join(p.as_posix() for p in options.sources))
    code = renderer_key(options.templates)
    manifest = _load_manifest(options.content, code, say)
    shown_as = {path: shown_path(path, options.root) for path in paths}
    slugs = assign_slugs(paths, known_slugs(manifest, shown_as))
    # Hash every source; read, clean and outline only those that changed.
    # Their pages go into a staging copy of content/ as they come, swapped in
    # when all are done: a bad file stops the run with content/ untouched.
    # A dataset gives one report per row.
    given: dict[str, Given] = {}
    read: dict[str, Task] = {}
    digests = load_digests(options.content)
    named = {argument.resolve() for argument in options.sources if argument.is_file()}
    taken = set(slugs.values())
    for path in paths:
        try:
            for slug, (source, task) in read_path(path, shown_as[path], slugs[path], options.root, taken, digests):
                given[slug], read[slug] = source, task
        except InputError as error:
            # A table found in a folder may be no dataset of reports (a list
            # of sources, a package's settings): passed over, with a word.
            if not is_dataset(path.name) or path.resolve() in named:
                raise
            say(f"warning: {error}; passed over (name the file to have it read)")
    rows_given = {source.shown for source in given.values() if DATASET_ROW in source.shown}
    files_given = set(shown_as.values())

    @functools.cache
    def source_exists(shown: str) -> bool:
        # A row of a dataset given this run is there if it was read; one of a
        # dataset not given is there while its file is.
        if DATASET_ROW in shown:
            file = shown.split(DATASET_ROW, 1)[0]
            return shown in rows_given or (file not in files_given and (options.root / file).exists())
        return (options.root / shown).exists()

    options = replace(options, search=choose_search(options.search, site_reports(manifest, given, source_exists)))
    renderer = code + f"+search={options.search}"
    content_stats = tree_stats(options.content, "content")
    existing = {name.removeprefix("content:") for name in content_stats}
    the_plan = plan(manifest, renderer, given, existing, source_exists)
    for slug in the_plan.refresh:  # an earlier run's report this version has no listing of
        given[slug], read[slug] = read_again(manifest.reports[slug].source, slug, options.root)
    rendered = [*the_plan.todo, *the_plan.refresh]
    # The data of a report follow the reader's edits of its pages: a report
    # whose page was edited since the last run is computed again from them.
    edited = {} if options.force else edited_section_pages(options.content, manifest, content_stats, rendered)
    again = [slug for slug in sorted(edited) if slug in the_plan.current and slug in read]
    todo = [
        replace(read[slug], edited=page_texts(options.content, slug, edited.get(slug, [])))
        for slug in (*rendered, *again)
    ]
    del read
    entries = {**the_plan.current, **the_plan.carried}
    changed: list[str] = []
    unchanged = Manifest(renderer, dict(manifest.files), dict(sorted(entries.items())))
    exists = lambda name: (options.content / name).exists()  # noqa: E731
    # A site of an earlier version moves its JSON manifest over on its first run.
    moving = not manifest.stored and (options.content / LEGACY_MANIFEST).exists()
    anything = bool(the_plan.gone) or moving
    if not todo and not site_pages_needed(manifest, unchanged, anything, SITE_PAGES, exists):
        save_digests(options.content, digests)
        if not (options.content / DATABASE_FILE).exists():
            write_database(options.content, list(entries))
            content_stats = tree_stats(options.content, "content")
        return _Written(options, content_stats, changed)
    from .store import writing

    touched = [task.slug for task in todo] + list(the_plan.gone)
    with writing(options.content, manifest, touched, options.force, say) as writer:
        # Each report's pages are written as soon as they are rendered: the
        # run holds one report's pages at a time.
        progress("reports", 0, len(todo))
        for prepared in prepare_reports(todo, options.templates):
            slug = prepared.slug
            progress("reports", len(changed) + 1, len(todo))
            changed.append(slug)
            source = given[slug]
            if slug in again:
                # Its source is as it was: the reader's pages stay as they saved them,
                # without a word (a changed source's run says it kept them).
                for name in prepared.edited_pages:
                    prepared.files.pop(f"{slug}/{name}", None)
            writer.write(prepared.files)
            kept = [f"{slug}/{name}" for name in prepared.edited_pages]
            entries[slug] = ReportEntry(
                source.shown, source.digest, tuple(sorted({*prepared.files, *kept})), shared_listing(prepared.listing)
            )
        new_manifest = Manifest(renderer, dict(manifest.files), dict(sorted(entries.items())))
        listings = listings_of(options.content, entries)
        fresh = frozenset(changed)
        pages = render_site_pages(
            listings, options.templates, options.search, options.content, fulltext_of(writer), fresh
        )
        writer.write(pages)
        stale = stale_files(manifest, entries, changed)
        removed = [name for slug in the_plan.gone for name in manifest.reports[slug].files]
        writer.delete(removed + [name for names in stale.values() for name in names])
        writer.record(new_manifest, changed)
    write_database(options.content, list(entries), changed)
    save_digests(options.content, digests)
    content_stats = tree_stats(options.content, "content")
    return _Written(options, content_stats, changed)


def _load_manifest(content: Path, code: str, say: Callable[[str], None]) -> Manifest:
    """The last run's manifest; a damaged one is replaced, with a warning.
    `code` is this version's `renderer_key`."""
    try:
        return load_manifest(content, code + "+")
    except DamagedManifest as error:
        say(
            f"warning: {error}; starting a new one: every report is rebuilt, and each page already in "
            f"{content} is kept as if you had edited it (use --force to replace them, with backups)"
        )
        return Manifest()


def _build_site_unless_current(options: Options, content_stats: dict[str, list[int]], progress: Progress) -> None:
    """Build the site, unless content/ and the configuration are as they were
    for the site that is there."""
    roots = {"content": options.content, "config": options.config_file, "templates": options.templates}
    key = _versions() + "+search=" + options.search
    stats = content_stats | tree_stats(options.config_file, "config") | tree_stats(options.templates, "templates")
    digest = functools.cache(lambda: input_digest(options.site, roots, stats))
    if site_is_current(options.site, key, stats, digest):
        return
    # Taken before MkDocs reads content/: a page saved during the build then
    # differs from the stamp, and the next run builds again.
    found, hashes = digest()
    stamp = Stamp(key, found, stats, hashes)
    nav = read_nav(options.content)
    build_site(options.config_file, options.content, options.site, nav, stamp, options.quiet, options.search, progress)
