"""MkDocs's build with its two page loops spread over worker processes.

MkDocs renders every page's Markdown, then every page's template, one page
at a time: about 25 ms a page, so 5,000 pages take minutes on one core while
the other idles. `build` here is MkDocs 1.6's `mkdocs.commands.build.build`
step for step, except that the pages are split between forked workers:

- the parent does everything once: plugins' config/files/nav events, the
  navigation, reading every page's source (so every worker knows every page's
  front matter);
- each worker renders the Markdown of pages it takes from a shared queue
  and reports, per page, what other pages' templates and link checks need (the title found
  while rendering, the anchors it has, the anchors it links to);
- once all have reported, the parent writes the theme's static files and
  templates, then hands every worker the merged table, and each worker
  renders and writes its share of HTML pages;
- the parent checks anchor links and runs the post-build events.

Workers run plugins' per-page events in their own process, so a plugin that
collects state from pages (Material's search plugin builds its index in
``on_page_context``) would lose it: with such a plugin the build falls back
to MkDocs's own sequential one. tests/test_parallel.py checks that both give
the same bytes.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import pickle
import tempfile
import time
import traceback
from collections.abc import Sequence
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from ..errors import SiteError
from ..progress import Progress, no_progress
from ..render.environment import compiled_templates
from . import incremental, mkdocs_api
from .incremental import RenderPlan, SiteState

log = logging.getLogger("mkdocs.commands.build")

# Events MkDocs runs once per page: a plugin defining any of them must be
# known not to keep state across pages to run in workers.
PAGE_EVENTS = (
    "on_pre_page",
    "on_page_read_source",
    "on_page_markdown",
    "on_page_content",
    "on_page_context",
    "on_post_page",
)
# baogao's own plugin keeps a page's figures table between that page's
# on_page_markdown and on_page_content, which _populate_page runs back to back
# in one worker.
STATELESS_PLUGINS = frozenset({"baogao"})
# Seconds between two progress reports while the workers render.
PROGRESS_EVERY = 0.25


def workers_available() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def parallel_safe(config: Any) -> bool:
    """Whether every plugin's per-page events may run in a worker process."""
    from mkdocs.plugins import BasePlugin

    for name, plugin in config.plugins.items():
        if name in STATELESS_PLUGINS:
            continue
        for event in PAGE_EVENTS:
            if getattr(type(plugin), event, None) is not getattr(BasePlugin, event, None):
                return False
    return True


def build(
    config: Any,
    workers: int | None = None,
    progress: Progress | None = None,
    previous: Path | None = None,
    build_key: str = "",
    file_hashes: dict[str, str] | None = None,
) -> SiteState | None:
    """Build the site like ``mkdocs build``, with `workers` processes (default: one per core).

    With `previous` (the site this build replaces) and `build_key` (what
    every page depends on, `incremental.build_key`), only the pages whose
    inputs changed are rendered; the others are linked from `previous`;
    `file_hashes` (each Markdown file's hash, by its path in the docs
    folder) spares reading the pages whose files did not change.
    Returns the state to record for the next build, or None when MkDocs's own
    build ran. `progress` is told how many pages are done so far."""
    from mkdocs.commands import build as mkdocs_build

    workers = workers or workers_available()
    if "fork" not in multiprocessing.get_all_start_methods():
        workers = 1
    if config.strict or not parallel_safe(config):
        mkdocs_build.build(config)
        return None
    return _build(config, workers, progress or no_progress, previous, build_key, file_hashes)


# Below this many pages to render, the parent renders them itself: forking
# workers and handing them the table costs more than it saves.
POOL_MIN_PAGES = 32


def _build(
    config: Any,
    workers: int,
    progress: Progress,
    previous: Path | None,
    build_key: str,
    file_hashes: dict[str, str] | None = None,
) -> SiteState:
    from mkdocs import utils
    from mkdocs.structure.files import Files, InclusionLevel, get_files, set_exclusions
    from mkdocs.structure.nav import get_navigation
    from mkdocs.structure.pages import Page

    inclusion = InclusionLevel.is_included
    start = time.monotonic()
    try:
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        utils.clean_directory(config.site_dir)
        files = get_files(config)
        env = config.theme.get_env()
        env.bytecode_cache = compiled_templates("theme")
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        pages = []
        for file in files.documentation_pages(inclusion=inclusion):
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)
            pages.append(file.page)
        plan = RenderPlan(config, files, pages, previous, build_key, file_hashes)
        plan.env = env

        def write_pages(share: Sequence[Any], write_env: Any, spill: _Spill | None = None) -> None:
            _write_pages(share, config, files, nav, write_env, spill)

        def write_static() -> Any:
            # In MkDocs's order: static files and theme templates first, so
            # that a page of the same name (content/404.md) overwrites them.
            static_env = config.plugins.on_env(env, config=config, files=files)
            # The folders taken whole from the last site (`RenderPlan.carried_folders`) get no file here.
            carried = frozenset(plan.carried_folders())
            own = Files([file for file in files if file.dest_uri.partition("/")[0] not in carried])
            if previous is not None:
                incremental.link_unchanged_static(own, previous, Path(config.site_dir))
            own.copy_static_files(dirty=previous is not None, inclusion=inclusion)
            static = incremental.static_key(plan.build_key, nav, files)
            for template in config.theme.static_templates:
                if not plan.link_static(template, static):
                    mkdocs_api.build_theme_template(template, static_env, files, config, nav)
            for template in config.extra_templates:
                mkdocs_api.build_extra_template(template, files, config, nav)
            return static_env

        if len(plan.to_render) >= POOL_MIN_PAGES and workers >= 2:
            rendered = _in_workers(plan, workers, progress, nav, write_static, write_pages)
        else:
            progress("pages", 0, len(pages))
            for page in plan.to_render:
                _populate(page, config, files)
            rendered = plan.rendered_now()
            plan.apply(rendered, nav)
            later = plan.later()
            if len(later) >= POOL_MIN_PAGES and workers >= 2:
                _in_workers(plan, workers, progress, nav, write_static, write_pages, later)
            else:
                static_env = write_static()
                for page in later:
                    if page.content is None:
                        _populate(page, config, files)
                write_pages(later, static_env)
            progress("pages", len(pages), len(pages))
        plan.link_unchanged()
        for page in pages:
            page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        config.plugins.on_post_build(config=config)
        log.info(
            f"Documentation built in {time.monotonic() - start:.2f} seconds: "
            f"{len(plan.written)} of {len(pages)} pages rendered"
        )
        return plan.state(rendered)
    except Exception as error:
        config.plugins.on_build_error(error=error)
        raise


def _populate(page: Any, config: Any, files: Any) -> None:
    """Render one page's Markdown in this process; a failure names the page."""
    try:
        mkdocs_api.populate_page(page, config, files)
    except Exception as error:
        detail = "".join(traceback.format_exception_only(type(error), error)).strip()
        raise SiteError(f"MkDocs failed on {page.file.src_uri}: {detail}") from None


def _in_workers(
    plan: RenderPlan,
    workers: int,
    progress: Progress,
    nav: Any,
    write_static: Any,
    write_pages: Any,
    later: Sequence[Any] | None = None,
) -> dict[str, Any]:
    """Render `plan.to_render` in forked workers (or, with `later`, only write
    those pages, rendered already or not), then write every page to write."""
    config, files = plan.config, plan.files
    first = [] if later is not None else plan.to_render
    by_uri = {page.file.src_uri: page for page in plan.pages}
    # Opened in each worker, beside the site being built (on disk: a memory
    # file system would only move the memory).
    spill = _Spill(Path(config.site_dir).parent)

    def render(claim: Any) -> tuple[list[Any], dict[str, Any]]:
        """Render pages claimed in chunks until none are left; return them,
        and what other pages need of each (`mkdocs_api.rendered_info`)."""
        share: list[Any] = []
        while chunk := claim():
            for page in chunk:
                mkdocs_api.populate_page(page, config, files)
                spill.put(page)
            share += chunk
        return share, spill.infos

    def write(share: Sequence[Any], message: tuple[dict[str, str | None], list[str]], claim: Any) -> None:
        # Writing a page through the template needs the other pages' titles
        # (the navigation), not their anchors: only the parent checks links.
        titles, then = message
        mkdocs_api.apply_titles(plan.pages, titles)
        worker_env = config.plugins.on_env(plan.env, config=config, files=files)
        write_pages(share, worker_env, spill)
        queued = [by_uri[uri] for uri in then]
        while chunk := claim(queued):
            for page in chunk:
                if page.content is None:
                    mkdocs_api.populate_page(page, config, files)
            write_pages(chunk, worker_env, spill)

    queue, then_queue = _PageQueue(first), _PageQueue([])
    pool = [_Worker(queue, then_queue, render, write) for _ in range(workers)]
    finished = False
    try:
        waiting = [worker.connection for worker in pool]
        while waiting:
            progress("pages", min(queue.taken(), len(first)), len(plan.pages))
            for ready in wait(waiting, timeout=PROGRESS_EVERY):
                waiting.remove(ready)  # type: ignore[arg-type]
        fresh: dict[str, Any] = {}
        for worker in pool:
            fresh.update(worker.receive())
        # With `later`, the parent rendered what changed before forking.
        rendered = (plan.rendered_now() if later is not None else plan.rendered_before()) | fresh
        plan.apply(rendered, nav)
        if later is None:  # the pages rendered now are written by the worker that rendered them
            rendering = {page.file.src_uri for page in first}
            later = [page for page in plan.later() if page.file.src_uri not in rendering]
        then = [page.file.src_uri for page in later]
        write_static()
        titles = {uri: info[0] for uri, info in rendered.items()}
        for worker in pool:
            worker.send((titles, then))
        for worker in pool:
            worker.receive()
        progress("pages", len(plan.pages), len(plan.pages))
        finished = True
        return rendered
    finally:
        for worker in pool:
            worker.stop(kill=not finished)


def _write_pages(share: Sequence[Any], config: Any, files: Any, nav: Any, env: Any, spill: _Spill | None) -> None:
    """Write each page of `share` through the theme's template; with `spill`
    (in a worker), each page's HTML is taken back from it first and let go after."""
    from mkdocs.structure.files import InclusionLevel

    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    for page in share:
        _exit_if_orphaned()
        if spill is not None:
            spill.take(page)
        mkdocs_api.build_page(page, config, doc_files, nav, env, excluded=page.file.inclusion.is_excluded())
        if spill is not None:
            page.content, page.markdown, page.toc = None, "", None


class _Spill:
    """Rendered pages' HTML, kept on disk between a worker's two passes.

    A worker renders its share of the pages' Markdown, then waits until every
    page's title is known before writing any of them through the template:
    held in memory, that share's HTML grew each worker by 0.33 GB at 2,000
    reports, and more with every report. The file has no name and goes with
    the worker.
    The file is the worker's own, written and read by it alone (pickle).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.file: Any = None
        self.where: dict[str, tuple[int, int]] = {}
        self.infos: dict[str, Any] = {}
        """What other pages need of each page put here (`mkdocs_api.rendered_info`)."""

    def put(self, page: Any) -> None:
        """Move `page`'s HTML and table of contents out of memory, keeping
        what other pages need of it in `infos`."""
        if self.file is None:
            self.file = tempfile.TemporaryFile(dir=self.folder)  # noqa: SIM115 (open for the worker's life)
        uri = page.file.src_uri
        self.infos[uri] = mkdocs_api.rendered_info(page)
        data = pickle.dumps((page.content, page.toc), pickle.HIGHEST_PROTOCOL)
        self.file.seek(0, os.SEEK_END)
        self.where[uri] = (self.file.tell(), len(data))
        self.file.write(data)
        # Not None: MkDocs's title would then be empty (`Page.title`).
        page.content, page.markdown, page.toc = None, "", None
        mkdocs_api.forget_anchors(page)

    def take(self, page: Any) -> None:
        """Give `page` its HTML and table of contents back, where they were put here."""
        where = self.where.pop(page.file.src_uri, None)
        if where is None:
            return
        offset, size = where
        self.file.seek(offset)
        page.content, page.toc = pickle.loads(self.file.read(size))


_parent = os.getpid()


def _exit_if_orphaned() -> None:
    """Stop a worker whose build was killed: it would write into the next build's staging folder."""
    if os.getpid() != _parent and os.getppid() != _parent:
        os._exit(1)


class _PageQueue:
    """Pages handed out in small chunks through a shared counter.

    Pages cost from 5 ms (a section) to 25 ms (a figures table), so a fixed
    split leaves one worker idle while the other still renders.
    """

    CHUNK = 8

    def __init__(self, pages: Sequence[Any]) -> None:
        self.pages = pages
        self.next = multiprocessing.get_context("fork").Value("l", 0)

    def taken(self) -> int:
        """How many pages workers have taken so far."""
        return int(self.next.value)

    def claim(self, pages: Sequence[Any] | None = None) -> list[Any]:
        """The next chunk of the queue's pages (or of `pages`, the same list in every worker)."""
        _exit_if_orphaned()
        with self.next.get_lock():
            start = self.next.value
            self.next.value = start + self.CHUNK
        return list((self.pages if pages is None else pages)[start : start + self.CHUNK])


class _Worker:
    """A forked process: render pages from the queue, report, wait for the
    table, write them, then write the pages it claims from `then`."""

    def __init__(self, queue: _PageQueue, then: _PageQueue, render: Any, write: Any) -> None:
        global _parent
        _parent = os.getpid()
        context = multiprocessing.get_context("fork")
        self.connection, child = context.Pipe()
        self.process = context.Process(target=self._run, args=(child, queue, then, render, write), daemon=True)
        self.process.start()
        child.close()

    @staticmethod
    def _run(connection: Connection, queue: _PageQueue, then: _PageQueue, render: Any, write: Any) -> None:
        try:
            share, infos = render(queue.claim)
            connection.send(("ok", infos))
            message = connection.recv()
            write(share, message, then.claim)
            connection.send(("ok", None))
        except BaseException as error:  # reported to the parent, which raises
            detail = "".join(traceback.format_exception_only(type(error), error)).strip()
            log.debug(traceback.format_exc())
            with contextlib.suppress(OSError):  # the parent may be gone: nothing to report to
                connection.send(("error", detail))
        finally:
            connection.close()
            os._exit(0)

    def receive(self) -> Any:
        try:
            status, value = self.connection.recv()
        except EOFError:
            raise SiteError(f"MkDocs worker {self.process.pid} died (exit {self.process.exitcode})") from None
        if status != "ok":
            raise SiteError(f"MkDocs worker failed: {value}")
        return value

    def send(self, value: Any) -> None:
        self.connection.send(value)

    def stop(self, kill: bool) -> None:
        """Wait for a worker that is done; kill one still working after another failed."""
        self.connection.close()
        if kill:
            self.process.kill()
        self.process.join()
