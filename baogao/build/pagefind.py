"""Pagefind: the search of large sites, indexed in parts after MkDocs has built.

Above `LARGE_SITE_REPORTS` reports (or with ``--search pagefind``)
Material's search plugin is left out of the configuration and Pagefind
indexes the built pages; its index is split into fragments a query loads on
demand, where Material's one Lunr index must be loaded whole first.
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from ..errors import SiteError
from ..progress import Progress, no_progress
from .staging import atomic_write

# Left out with Pagefind: Material's search, and the offline plugin, which only
# makes that search work from disk.
MATERIAL_SEARCH = frozenset({"material/search", "search", "material/offline", "offline"})


# Pagefind keeps all it indexes in memory, about 3 MB a report with Chinese
# segmentation (3 GB at 1,000 reports). Large sites are therefore indexed in
# parts of at most this many report folders, two parts at a time, and the
# search page merges the parts' results (Pagefind's ``mergeIndex``).
FOLDERS_PER_INDEX = 80
INDEX_JOBS = 2
PARTS_SCRIPT = "pagefind/baogao-parts.js"


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


def run_pagefind(
    site: Path, folders: list[str], quiet: bool, pages: tuple[str, ...] = (), progress: Progress = no_progress
) -> None:
    """Index the built pages' articles with Pagefind (Chinese segmented by its extended build).

    `folders` are the content folders (one per report); the site's top-level
    pages (and `pages`, the names of top-level Markdown pages, in case they
    are built as ``name/index.html``) go with the first part, into
    ``pagefind/``; part N goes into ``pagefind-N/``, listed for the search
    page in `PARTS_SCRIPT`.
    """
    groups = [folders[start : start + FOLDERS_PER_INDEX] for start in range(0, len(folders), FOLDERS_PER_INDEX)]
    groups = groups or [[]]
    jobs = []
    for number, group in enumerate(groups):
        patterns = ["*.html", *(f"{_glob_literal(page)}/index.html" for page in pages)] if number == 0 else []
        patterns += [f"{_glob_literal(folder)}/**/*.html" for folder in group]
        output = "pagefind" if number == 0 else f"pagefind-{number}"
        jobs.append((output, "{" + ",".join(patterns) + "}" if len(patterns) > 1 else patterns[0]))
    base = [sys.executable, "-m", "pagefind", "--site", str(site), "--root-selector", "article.md-content__inner"]
    base += ["--exclude-selectors", ".headerlink", "--silent" if quiet else "--quiet"]  # ¶ after each heading
    running: list[subprocess.Popen[str]] = []
    finished = 0
    progress("index", finished, len(jobs))
    try:
        for output, pattern in jobs:
            if len(running) == INDEX_JOBS:
                _finish(running.pop(0), site)
                finished += 1
                progress("index", finished, len(jobs))
            command = [*base, "--glob", pattern, "--output-subdir", output]
            running.append(subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True))
        while running:
            _finish(running.pop(0), site)
            finished += 1
            progress("index", finished, len(jobs))
    finally:
        for process in running:
            process.kill()
            process.wait()
    parts = [f"{output}/" for output, _ in jobs[1:]]
    atomic_write(site / PARTS_SCRIPT, f"window.baogaoPagefindParts = {json.dumps(parts)};\n".encode())


def _glob_literal(name: str) -> str:
    """`name` as a glob: characters glob syntax would read (``{,}[]*?``) match as ``?``."""
    return "".join(char if char.isalnum() or char in "-_." else "?" for char in name)


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


def write_disk_twins(site: Path) -> None:
    """Write the twin scripts of every index file and of pagefind.js under `site`."""
    for folder in sorted(site.glob("pagefind*")):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in DISK_TWIN_SUFFIXES:
                relative = path.relative_to(site).as_posix()
                encoded = base64.b64encode(path.read_bytes()).decode("ascii")
                twin = f"baogaoPagefindFile({json.dumps(relative)}, {json.dumps(encoded)});\n"
                atomic_write(path.with_name(path.name + ".js"), twin.encode("ascii"))
    module = site / "pagefind" / "pagefind.js"
    if module.is_file():
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
