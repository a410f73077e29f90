"""Pagefind: the search of large sites, indexed in parts after MkDocs has built.

Above `LARGE_SITE_REPORTS` reports (or with ``--search pagefind``)
Material's search plugin is left out of the configuration and Pagefind
indexes the built pages; its index is split into fragments a query loads on
demand, where Material's one Lunr index must be loaded whole first.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Collection
from pathlib import Path
from typing import Any

from ..errors import SiteError
from ..progress import Progress, no_progress
from .incremental import SiteState, link_file, link_tree, read_state
from .index_order import canonical_filters
from .sections import SectionRecord, headings_record_html, page_sections, record_html
from .staging import atomic_write

# Left out with Pagefind: Material's search, and the offline plugin, which only
# makes that search work from disk.
MATERIAL_SEARCH = frozenset({"material/search", "search", "material/offline", "offline"})


# Pagefind keeps all it indexes in memory, about 3 MB a report with Chinese
# segmentation (3 GB at 1,000 reports). Large sites are therefore indexed in
# parts of at most this many report folders, two parts at a time, and the
# search page merges the parts' results (Pagefind's ``mergeIndex``).
FOLDERS_PER_INDEX = 50
# Where parts end (see `index_parts`): about 38 folders on average, at most
# 50. A changed report has its whole part indexed again, at about 1.25 ms a
# section record (3.2 s for a part of 120 reports, 2,520 records): the size
# of the parts is most of what one change costs. Pagefind ranks within a
# part (its word statistics are a part's own), and the headings' index puts
# a section whose heading holds the query first whatever its part: on the
# large-site search test (71 reports, 67 queries), hit@1 was 0.97 cut into
# 2, 3 or 10 parts (at most 120, 30 or 10 a part) and 0.955 into 5.
PART_MIN = 20
PART_CUT = 20
# Above this many report folders, parts as large as before (at most 120,
# about 75 on average): the search page merges every part for every query,
# and at 10,000 reports 307 parts of 50 took the first result from 0.98 to
# 1.84 s after the keypress. The sizes change with the site only here, so a
# report added or removed still changes its own part alone.
LARGE_SITE_FOLDERS = 3000
LARGE_FOLDERS_PER_INDEX = 120
LARGE_PART_MIN = 40
LARGE_PART_CUT = 40
INDEX_JOBS = 2
# The index the search page opens first (the site's own pages); the report
# parts are merged into it.
MAIN_INDEX = "pagefind"
PARTS_SCRIPT = f"{MAIN_INDEX}/baogao-parts.js"
# An index of the sections' headings alone, one record a report: small, so a
# query's sections whose heading holds it are found in a fraction of the time
# the parts take, and shown first (over HTTP; a page opened from disk
# searches the parts only). One record a section took 4.8 s to index at
# 1,000 reports, one a report 0.7 s.
HEADINGS_INDEX = "pagefind-headings"
# The index of headings is cut too, between the parts, once it holds this
# many report folders: Pagefind indexing the headings of 10,000 reports in
# one index grew to 1,556 MB (the largest process of that build), about
# 155 KB a report. Its first part is `HEADINGS_INDEX`, which the search
# page opens; the others (named like the parts, after `HEADINGS_INDEX`) are
# merged into it.
HEADINGS_FOLDERS_PER_INDEX = 2000
INDEX_LANGUAGE = "en"
# The records are written to a memory file system where there is one: on
# this machine's disk, creating 18,000 small files took 5 s, in memory 0.3 s.
# A part's records are removed once it is indexed.
MEMORY_FOLDER = Path("/dev/shm")
# A part's records take about 10 MB; at most INDEX_JOBS + 1 parts are there at a time.
MEMORY_FREE_BYTES = 256 * 1024 * 1024


def plugins_without_search(config_file: Path) -> list[Any]:
    """The ``plugins:`` of the configuration as written (INHERIT merged), less
    Material's search and offline plugins; every other plugin keeps its
    settings, which MkDocs then checks as usual."""
    from mkdocs.utils.yaml import yaml_load

    with open(config_file, encoding="utf-8") as stream:
        written = yaml_load(stream).get("plugins") or []
    if isinstance(written, dict):  # plugins: {name: {settings}}
        written = [{name: settings} for name, settings in written.items()]
    return [
        entry
        for entry in written
        if not MATERIAL_SEARCH.intersection([entry] if isinstance(entry, str) else list(entry))
    ]


def pagefind_command() -> list[str]:
    """How to run Pagefind: its binary, as the pagefind package installs it
    (``pagefind_bin_extended.get_executable``), or, where that is not found,
    ``python -m pagefind``, which looks it up in every run (0.1 s)."""
    try:
        from pagefind_bin_extended import get_executable

        return [str(get_executable())]
    except (ImportError, OSError):
        return [sys.executable, "-m", "pagefind"]


def index_parts(folders: list[str]) -> list[list[str]]:
    """The report folders split into the index's parts, in order.

    A part ends after a folder whose name's hash is a multiple of
    `PART_CUT` (once it holds `PART_MIN`), or at `FOLDERS_PER_INDEX` (the
    `LARGE_` sizes above `LARGE_SITE_FOLDERS` folders): where
    the parts end depends on the names around the end, not on a count from
    the first folder, so that a report added or removed changes its own part
    and leaves the others as they were (to be linked from the last build).
    """
    most, least, every = (FOLDERS_PER_INDEX, PART_MIN, PART_CUT)
    if len(folders) > LARGE_SITE_FOLDERS:
        most, least, every = (LARGE_FOLDERS_PER_INDEX, LARGE_PART_MIN, LARGE_PART_CUT)
    parts: list[list[str]] = []
    current: list[str] = []
    for folder in folders:
        current.append(folder)
        cut = int.from_bytes(hashlib.sha256(folder.encode("utf-8")).digest()[:4], "big") % every == 0
        if len(current) >= most or (cut and len(current) >= min(least, most)):
            parts.append(current)
            current = []
    if current:
        parts.append(current)
    return parts


def part_folder(folders: list[str]) -> str:
    """A part's index folder, named after its first report folder (so that it
    keeps its name when a part before it splits or merges)."""
    return "pagefind-" + hashlib.sha256(folders[0].encode("utf-8")).hexdigest()[:10]


def _records_key(build: str, keys: list[str]) -> str:
    return hashlib.sha256("\0".join([build, *keys]).encode("utf-8")).hexdigest()


def run_pagefind(
    site: Path,
    folders: list[str],
    quiet: bool,
    pages: tuple[str, ...] = (),
    progress: Progress = no_progress,
    previous: Path | None = None,
    state: SiteState | None = None,
) -> list[str]:
    """Index every section of the built pages with Pagefind, in parts.

    Each section becomes a record of its own (baogao/build/sections.py),
    written as a small HTML file into a scratch folder beside `site` and
    indexed from there, so that Pagefind ranks sections, not pages. The
    site's top-level pages (and `pages`, the names of top-level Markdown
    pages, in case they are built as ``name/index.html``) are indexed into
    ``pagefind/``; `folders`, the content folders (one per report), into the
    parts of `index_parts`, listed for the search page in `PARTS_SCRIPT`. A
    part's records are written (0.6 s for 80 reports) while the parts before
    it are indexed. With `state` (the keys of the pages just built, whose
    ``parts`` this fills in), a part whose pages all kept their keys is
    taken from `previous`, the site this build replaces: returned are the
    names of such index folders, which the caller moves from `previous`
    into `site` just before the swap (`staging.carry`).
    """
    before = _state_before(previous, state)
    build = state.key if state is not None else ""
    # A report folder taken whole from the last site is read there: it moves in at the swap.
    whole = frozenset(state.carried) if state is not None and previous is not None else frozenset()
    where = {folder: previous if folder in whole and previous is not None else site for folder in folders}
    groups: list[tuple[str, list[tuple[str, Path]]]] = [(MAIN_INDEX, _part_pages(site, [], pages))]
    groups += [(part_folder(group), _part_pages(site, group, None, where)) for group in index_parts(folders)]
    # The records of a page the last build did not render again are those it wrote.
    unchanged = _unchanged_records(before, state)
    # The records are split into words already (sections.index_text); an
    # index language Pagefind splits at white space only keeps them so: with
    # "zh" it cuts 2.82 into 2 and .82, and the words of a query then do
    # not stand side by side. ("en" also stems Latin words, in the index and
    # the query alike.)
    base = [*pagefind_command(), "--force-language", INDEX_LANGUAGE, "--silent" if quiet else "--quiet"]
    running: list[tuple[subprocess.Popen[str], Path, str]] = []
    finished = 0
    progress("index", finished, len(groups))
    scratch_parent = MEMORY_FOLDER if _roomy(MEMORY_FOLDER) else site.parent

    def finished_part(process: subprocess.Popen[str], part: Path, output: str) -> None:
        nonlocal finished
        _finish(process, site)
        shutil.rmtree(part, ignore_errors=True)
        written = part.with_name(part.name + ".index")
        drop_unused(written, primary=output in (MAIN_INDEX, HEADINGS_INDEX))
        canonical_filters(written)
        last = previous / output if previous is not None else None
        unchanged = settle(written, site / output, last)
        if not output.startswith(HEADINGS_INDEX):
            write_disk_twins(site, [output], previous, unchanged)
            finished += 1
            progress("index", finished, len(groups))

    def start(part: Path, output: str) -> None:
        if len(running) == INDEX_JOBS:
            finished_part(*running.pop(0))
        # Written beside the records (in memory where there is room), then
        # settled into the site: see `settle`.
        command = [*base, "--site", str(part), "--output-path", str(part.with_name(part.name + ".index"))]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        running.append((process, part, output))

    def linked(output: str, key: str) -> bool:
        """Whether the last build's index `output` had this key and is
        there: linked (the site's own index, a few files, which this build
        adds to) or to be carried over whole (see `staging.carry`)."""
        if before is None or previous is None or before.parts.get(output) != key:
            return False
        if output == MAIN_INDEX:
            return link_tree(previous / output, site / output)
        if not (previous / output).is_dir():
            return False
        carried.append(output)
        return True

    headings: dict[str, dict[str, str]] = {}
    records: dict[str, str] = {}
    parts: dict[str, str] = {}
    carried: list[str] = []
    with tempfile.TemporaryDirectory(prefix=".baogao-records-", dir=scratch_parent) as scratch:
        try:
            for number, (output, part_pages) in enumerate(groups):
                urls = [url for url, _ in part_pages]
                known = before.headings.get(output) if before is not None else None
                if known is not None:
                    # Only the pages rendered again are read: the others' records are as they were.
                    for url, page in part_pages:
                        records[url] = unchanged.get(url) or page_records_key(url, page)
                    parts[output] = _records_key(build, [records[url] for url in urls])
                    if linked(output, parts[output]):
                        headings[output] = known
                        finished += 1
                        progress("index", finished, len(groups))
                        continue
                part = Path(scratch) / str(number)
                headings[output], written = write_records(part_pages, part)
                records.update(written)
                parts[output] = _records_key(build, [written[url] for url in urls])
                start(part, output)
            for output, outputs in heading_parts(groups[1:]):
                # Keyed by the headings' records themselves: a change to a report's
                # text that leaves its headings as they were (most edits) leaves
                # this index as it was (0.8 s at 1,000 reports).
                heading_records = [
                    f"{name}\0{html}" for of in outputs for name, html in sorted(headings.get(of, {}).items())
                ]
                parts[output] = _records_key(build, heading_records)
                if not linked(output, parts[output]):
                    folder = Path(scratch) / output
                    folder.mkdir()
                    for of in outputs:
                        for name, html in headings.get(of, {}).items():
                            (folder / f"{name}.html").write_text(html, encoding="utf-8")
                    start(folder, output)
            while running:
                finished_part(*running.pop(0))
        finally:
            for process, _, _ in running:
                process.kill()
                process.wait()
    if state is not None:
        state.parts, state.headings, state.records = parts, headings, records
    listed = [f"{output}/" for output, _ in groups[1:]]
    merged = [f"{output}/" for output, _ in heading_parts(groups[1:])[1:]]
    script = f"window.baogaoPagefindParts = {json.dumps(listed)};\nwindow.baogaoHeadingParts = {json.dumps(merged)};\n"
    atomic_write(site / PARTS_SCRIPT, script.encode())
    return carried


def heading_parts(groups: list[tuple[str, list[tuple[str, Path]]]]) -> list[tuple[str, list[str]]]:
    """The index of headings in parts: each part's folder, and the index
    parts (of `groups`, the report parts in order) whose headings it holds.
    A part ends after the index part that brings it to
    `HEADINGS_FOLDERS_PER_INDEX` report folders; there is always one."""
    cut: list[tuple[str, list[str]]] = []
    outputs: list[str] = []
    folders: set[str] = set()
    for output, pages in groups:
        outputs.append(output)
        folders.update(url.split("/", 1)[0] for url, _ in pages)
        if len(folders) >= HEADINGS_FOLDERS_PER_INDEX:
            cut.append((outputs[0], outputs))
            outputs, folders = [], set()
    if outputs or not cut:
        cut.append((outputs[0] if outputs else "", outputs))
    # The first is the index the search page opens; the others are named after their first part.
    return [
        (HEADINGS_INDEX if number == 0 else f"{HEADINGS_INDEX}-{first.removeprefix('pagefind-')}", outputs)
        for number, (first, outputs) in enumerate(cut)
    ]


def _unchanged_records(before: SiteState | None, state: SiteState | None) -> dict[str, str]:
    """The records' keys of the pages whose keys are what they were at the
    last build (so their HTML is), by page address."""
    if before is None or state is None:
        return {}
    now, then = state.page_keys(), before.page_keys()
    return {url: key for url, key in before.records.items() if url in now and now[url] == then.get(url)}


def _state_before(previous: Path | None, state: SiteState | None) -> SiteState | None:
    """The state of the site this build replaces, when it was built alike
    (as the page build read it, or read now)."""
    if previous is None or state is None:
        return None
    return state.last if state.last is not None else read_state(previous, state.key)


def _roomy(folder: Path) -> bool:
    """Whether records may go to `folder`: it is there, writable, and has room
    for the parts being indexed at a time (a container's /dev/shm may be 64 MB)."""
    try:
        return folder.is_dir() and os.access(folder, os.W_OK) and shutil.disk_usage(folder).free > MEMORY_FREE_BYTES
    except OSError:
        return False


# Built pages that are not a report's text: Pagefind's records leave them out.
NOT_INDEXED = frozenset({"404.html"})


def _part_pages(
    site: Path, folders: list[str], pages: tuple[str, ...] | None, where: dict[str, Path] | None = None
) -> list[tuple[str, Path]]:
    """The built pages of one part, each with its address in the site: its
    report folders' pages (each folder under `site`, or where `where` says),
    and with `pages` (the first part) the site's top-level pages, in a fixed order."""
    found: list[Path] = []
    if pages is not None:
        found += [path for path in sorted(site.glob("*.html")) if path.name not in NOT_INDEXED]
        found += [site / page / "index.html" for page in pages if (site / page / "index.html").is_file()]
    listed = [(path.relative_to(site).as_posix(), path) for path in found]
    for folder in folders:
        root = (where or {}).get(folder, site)
        listed += [(path.relative_to(root).as_posix(), path) for path in sorted((root / folder).rglob("*.html"))]
    return listed


def page_records_key(url: str, page: Path) -> str:
    """A hash of the records of one built page (what `write_records` writes
    of it), at `url`, its address in the site."""
    digest = hashlib.sha256()
    for record in page_sections(page.read_text(encoding="utf-8"), url):
        digest.update(record_html(record).encode("utf-8") + b"\0")
    return digest.hexdigest()


def write_records(pages: list[tuple[str, Path]], part: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Write every section of `pages` (address, file) as a record file under `part`
    (numbered: the record's address is in its meta); return each report
    folder's record of the index of headings (its sections' headings), and a
    hash of each page's records, by its address."""
    part.mkdir(parents=True, exist_ok=True)
    by_folder: dict[str, list[SectionRecord]] = {}
    keys: dict[str, str] = {}
    count = 0
    for url, page in pages:
        digest = hashlib.sha256()
        for record in page_sections(page.read_text(encoding="utf-8"), url):
            html = record_html(record)
            digest.update(html.encode("utf-8") + b"\0")
            (part / f"{count}.html").write_text(html, encoding="utf-8")
            if record.heading and "/" in url:  # a report's page, not one of the site's own
                by_folder.setdefault(url.split("/", 1)[0], []).append(record)
            count += 1
        keys[url] = digest.hexdigest()
    return {folder: headings_record_html(records, folder) for folder, records in by_folder.items()}, keys


# What Pagefind writes into every index folder that baogao's search page never
# loads: its own interfaces (the page has its own, baogao-search-page.js) and
# the search code for pages of no known language (every index is "en").
UNUSED_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
    "wasm.unknown.pagefind",
)


# What only an index the page opens itself needs (pagefind/ and the headings'
# index): the search code, its worker and its WebAssembly. The other parts
# are merged into the first (mergeIndex), which runs their search with its
# own code and worker and never loads theirs: a part needs only its entry,
# meta, index, fragment and filter files.
PRIMARY_ONLY_FILES = ("pagefind.js", "pagefind-worker.js", f"wasm.{INDEX_LANGUAGE}.pagefind")


def drop_unused(folder: Path, primary: bool) -> None:
    """Remove `UNUSED_FILES` from an index folder, and from a part merged into
    the first the `PRIMARY_ONLY_FILES` too (0.4 MB and 0.25 MB with its twin)."""
    for name in UNUSED_FILES + (() if primary else PRIMARY_ONLY_FILES):
        (folder / name).unlink(missing_ok=True)


def _finish(process: subprocess.Popen[str], site: Path) -> None:
    output, _ = process.communicate()
    if process.returncode != 0:
        detail = output.strip().splitlines()
        raise SiteError(f"{site}: Pagefind failed: {detail[-1] if detail else process.returncode}")


# Opened from disk (file://), a browser lets a page load neither an ES module
# nor any file by fetch: only classic scripts. So that Pagefind's search works
# from a folder or a USB stick too, every index file gets a twin script that
# hands its bytes to the page (``baogaoPagefindFile(path, base64)``), and
# pagefind.js a classic-script twin; baogao-pagefind-disk.js (written here)
# answers Pagefind's fetches from the twins. The twins take a third more
# than the index on disk.
DISK_TWIN_SUFFIXES = (".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter", ".pagefind", ".json")
CLASSIC_SCRIPT = "pagefind/baogao-pagefind-classic.js"
_EXPORT = re.compile(r"export\s*\{([^}]*)\};?\s*$")
# An import statement at the start of a line, or a dynamic import().
_IMPORT = re.compile(r"(?m)^\s*import[\s{*]|\bimport\(")


def settle(written: Path, folder: Path, last: Path | None) -> set[str]:
    """Move the index Pagefind `written` into `folder`, each file linked from
    `last` (the same index folder in the site this build replaces) where it
    has the same bytes there; return the paths (relative to `folder`) of the
    files so linked.

    Pagefind names most files after a hash of what they hold, so after one
    report changed most of its part's files are the last build's: on this
    machine's disk creating a file costs about a millisecond, a link a
    twentieth of that, and a part has a thousand files (and their twins).
    """
    linked: set[str] = set()
    made: set[str] = set()
    for path in sorted(written.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(written).as_posix()
        target = folder / relative
        if target.parent.as_posix() not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent.as_posix())
        old = last / relative if last is not None else None
        if old is not None and _same_bytes(path, old) and link_file(old, target):
            linked.add(relative)
            continue
        try:
            os.replace(path, target)
        except OSError:  # another file system (the memory one)
            shutil.copyfile(path, target)
    shutil.rmtree(written, ignore_errors=True)
    return linked


def _same_bytes(path: Path, other: Path) -> bool:
    try:
        return other.stat().st_size == path.stat().st_size and other.read_bytes() == path.read_bytes()
    except OSError:
        return False


def write_disk_twins(
    site: Path, folders: list[str] | None = None, previous: Path | None = None, unchanged: Collection[str] = ()
) -> None:
    """Write the twin scripts of every index file (of `folders`, the index
    folders under `site`; all of them by default) and of pagefind.js. With
    `previous`, a file `settle` linked from there (its path in its folder in
    `unchanged`) gets the twin it had there, linked too."""
    every = [folder for folder in sorted(site.glob("pagefind*")) if not folder.name.startswith(HEADINGS_INDEX)]
    for folder in [site / name for name in folders] if folders is not None else every:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in DISK_TWIN_SUFFIXES:
                relative = path.relative_to(site).as_posix()
                twin = path.with_name(path.name + ".js")
                taken = previous is not None and path.relative_to(folder).as_posix() in unchanged
                if taken and previous is not None and link_file(previous / f"{relative}.js", twin):
                    continue
                encoded = base64.b64encode(path.read_bytes()).decode("ascii")
                script = f"baogaoPagefindFile({json.dumps(relative)}, {json.dumps(encoded)});\n"
                # Into the staged site, which is swapped in whole: no file needs a rename of its own.
                twin.write_bytes(script.encode("ascii"))
    module = site / "pagefind" / "pagefind.js"
    if module.is_file() and (folders is None or "pagefind" in folders):
        classic = classic_script(module.read_text(encoding="utf-8"))
        if classic is not None:
            atomic_write(site / CLASSIC_SCRIPT, classic.encode("utf-8"))


def classic_script(module: str) -> str | None:
    """pagefind.js as a classic script that sets ``window.baogaoPagefind``, or
    None when the module is not of the shape this expects (one export list at
    its end, no imports): the search page then says how to serve the folder."""
    export = _EXPORT.search(module)
    if export is None or _IMPORT.search(module, 0, export.start()):
        return None
    names = ",".join(name.strip() for name in export.group(1).split(",") if name.strip())
    body = module[: export.start()].replace("import.meta.url", "__baogaoScriptUrl")
    return (
        "(function(){var __baogaoScriptUrl=document.currentScript&&document.currentScript.src;\n"
        f"{body}\nwindow.baogaoPagefind={{{names}}};}})();\n"
    )
