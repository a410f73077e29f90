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
import time
import traceback
from collections.abc import Sequence
from multiprocessing.connection import Connection, wait
from typing import Any

from ..errors import SiteError
from ..progress import Progress, no_progress
from . import mkdocs_api

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


def build(config: Any, workers: int | None = None, progress: Progress | None = None) -> None:
    """Build the site like ``mkdocs build``, with `workers` processes (default: one per core).

    `progress` is told how many of the pages the workers have taken so far."""
    from mkdocs.commands import build as mkdocs_build

    workers = workers or workers_available()
    forking = "fork" in multiprocessing.get_all_start_methods()
    if workers < 2 or config.strict or not forking or not parallel_safe(config):
        mkdocs_build.build(config)
        return
    _build(config, workers, progress or no_progress)


def _build(config: Any, workers: int, progress: Progress) -> None:
    from mkdocs import utils
    from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
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
        for page in pages:  # front matter and titles, for every worker
            page.read_source(config)

        def render(claim: Any) -> list[Any]:
            """Render pages claimed in chunks until none are left; return them."""
            share: list[Any] = []
            while chunk := claim():
                for page in chunk:
                    mkdocs_api.populate_page(page, config, files)
                share += chunk
            return share

        def write(share: Sequence[Any], rendered: dict[str, Any]) -> None:
            _apply(pages, files, rendered)
            worker_env = config.plugins.on_env(env, config=config, files=files)
            _write_pages(share, config, files, nav, worker_env)

        queue = _PageQueue(pages)
        pool = [_Worker(queue, render, write) for _ in range(workers)]
        finished = False
        try:
            rendered: dict[str, Any] = {}
            waiting = [worker.connection for worker in pool]
            while waiting:
                progress("pages", min(queue.taken(), len(pages)), len(pages))
                for ready in wait(waiting, timeout=PROGRESS_EVERY):
                    waiting.remove(ready)  # type: ignore[arg-type]
            progress("pages", len(pages), len(pages))
            for worker in pool:
                rendered.update(worker.receive())
            _apply(pages, files, rendered)
            # In MkDocs's order: static files and theme templates first, so
            # that a page of the same name (content/404.md) overwrites them.
            env = config.plugins.on_env(env, config=config, files=files)
            files.copy_static_files(inclusion=inclusion)
            for template in config.theme.static_templates:
                mkdocs_api.build_theme_template(template, env, files, config, nav)
            for template in config.extra_templates:
                mkdocs_api.build_extra_template(template, files, config, nav)
            for worker in pool:
                worker.send(rendered)
            for worker in pool:
                worker.receive()
            finished = True
        finally:
            for worker in pool:
                worker.stop(kill=not finished)
        for page in pages:
            page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        config.plugins.on_post_build(config=config)
        log.info(f"Documentation built in {time.monotonic() - start:.2f} seconds, {workers} worker processes")
    except Exception as error:
        config.plugins.on_build_error(error=error)
        raise


def _rendered(page: Any) -> tuple[Any, ...]:
    """What other pages need from a rendered page, in a form that pickles."""
    links = page.links_to_anchors or {}
    return (
        mkdocs_api.rendered_title(page),
        page.present_anchor_ids,
        {target.src_uri: anchors for target, anchors in links.items()},
    )


def _apply(pages: Sequence[Any], files: Any, rendered: dict[str, Any]) -> None:
    for page in pages:
        title, anchors, links = rendered[page.file.src_uri]
        mkdocs_api.set_rendered_title(page, title)
        page.present_anchor_ids = anchors
        page.links_to_anchors = {files.get_file_from_path(uri): value for uri, value in links.items()}


def _write_pages(share: Sequence[Any], config: Any, files: Any, nav: Any, env: Any) -> None:
    from mkdocs.structure.files import InclusionLevel

    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    for page in share:
        _exit_if_orphaned()
        mkdocs_api.build_page(page, config, doc_files, nav, env, excluded=page.file.inclusion.is_excluded())


_parent = os.getpid()


def _exit_if_orphaned() -> None:
    """Stop a worker whose build was killed: it would write into the next build's staging folder."""
    if os.getppid() != _parent:
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

    def claim(self) -> list[Any]:
        _exit_if_orphaned()
        with self.next.get_lock():
            start = self.next.value
            self.next.value = start + self.CHUNK
        return list(self.pages[start : start + self.CHUNK])


class _Worker:
    """A forked process: render pages from the queue, report, wait for the table, write them."""

    def __init__(self, queue: _PageQueue, render: Any, write: Any) -> None:
        global _parent
        _parent = os.getpid()
        context = multiprocessing.get_context("fork")
        self.connection, child = context.Pipe()
        self.process = context.Process(target=self._run, args=(child, queue, render, write), daemon=True)
        self.process.start()
        child.close()

    @staticmethod
    def _run(connection: Connection, queue: _PageQueue, render: Any, write: Any) -> None:
        try:
            share = render(queue.claim)
            connection.send(("ok", {page.file.src_uri: _rendered(page) for page in share}))
            rendered = connection.recv()
            write(share, rendered)
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
