"""A plain `mkdocs build` or `mkdocs serve` builds the site build.py builds (issue 17).

A site of more than 30 reports (or one built with ``--search pagefind``) is
searched with Pagefind, which build.py runs after MkDocs. The baogao MkDocs
plugin, enabled in mkdocs.yml, reads how build.py built the site
(``content/.baogao/site.json``) and does the same under a plain `mkdocs
build`: Material's search and offline plugins are left out and Pagefind
indexes the pages. Before, such a build gave Material's search index and a
搜索 page whose script was missing.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from baogao.build.incremental import STAMP

from .conftest import ROOT, SAMPLE, run_build
from .searching import search_pagefind, serve

# What `mkdocs build` prints before any plugin loads (Material's notice), silenced as it says.
QUIET = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ADDED = "读者在本页补充的检索用语句乙丙丁。"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A user's project: mkdocs.yml, templates/ and a Pagefind site of three reports built by build.py."""
    project = tmp_path_factory.mktemp("mkdocs-build")
    shutil.copy(ROOT / "mkdocs.yml", project)
    shutil.copytree(ROOT / "templates", project / "templates")
    sources = project / "sources"
    sources.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    for index in range(3):
        (sources / f"report-{index}.txt").write_text(text.replace("2023年", f"{2020 + index}年", 2), encoding="utf-8")
    folders = ["--content", str(project / "content"), "--site", str(project / "site")]
    result = run_build("-q", "--search", "pagefind", *folders, str(sources))
    assert result.returncode == 0, result.stderr
    return project


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_a_plain_mkdocs_build_of_a_pagefind_site_gives_the_site_build_py_gives(project: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site-mkdocs"],
        cwd=project,
        capture_output=True,
        text=True,
        env=QUIET,
    )
    assert result.returncode == 0, result.stderr
    by_build_py = _tree(project / "site")
    assert by_build_py.pop(STAMP)  # build.py's record of what it built from
    by_mkdocs = _tree(project / "site-mkdocs")
    assert "pagefind/pagefind.js" in by_mkdocs and "pagefind/baogao-parts.js" in by_mkdocs
    assert not any(name.startswith("search/") for name in by_mkdocs), "Material's search index was built"
    assert sorted(by_mkdocs) == sorted(by_build_py)
    differ = [name for name in by_mkdocs if by_mkdocs[name] != by_build_py[name]]
    assert not differ, differ


def test_a_page_edited_and_built_with_plain_mkdocs_is_found_by_the_search_page(
    project: Path, tmp_path: Path, browser: Any
) -> None:
    copy = tmp_path / "project"
    _copy_project(project, copy)
    page = next((copy / "content").glob("*/01.md"))
    page.write_text(page.read_text(encoding="utf-8") + f"\n{ADDED}\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"], cwd=copy, capture_output=True, text=True, env=QUIET
    )
    assert result.returncode == 0, result.stderr
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    try:
        with serve(copy / "site") as base:
            found = search_pagefind(context.new_page(), base, "乙丙丁")
    finally:
        context.close()
    assert found, "the search page found nothing"
    assert found[0][1].split("#")[0].endswith(f"{page.parent.name}/01.html"), found


def test_mkdocs_serve_serves_the_pagefind_search(project: Path, tmp_path: Path) -> None:
    copy = tmp_path / "project"
    _copy_project(project, copy)
    with socket.socket() as probe:  # a free port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"]
    # MkDocs says where it serves once the first build is done.
    output = {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT, "text": True}
    process = subprocess.Popen(command, cwd=copy, env=QUIET, **output)
    try:
        base = _served_address(process)
        with urllib.request.urlopen(base + "pagefind/baogao-parts.js", timeout=10) as response:
            assert response.read().startswith(b"window.baogaoPagefindParts = [")
        with urllib.request.urlopen(base + "search.html", timeout=10) as response:
            assert "pagefind" in response.read().decode("utf-8")
    finally:
        process.terminate()
        process.wait(timeout=30)


def _copy_project(project: Path, copy: Path) -> None:
    """The project without its built sites."""

    def sites(folder: str, names: list[str]) -> list[str]:
        return [name for name in names if name.startswith("site")] if Path(folder) == project else []

    shutil.copytree(project, copy, ignore=sites)
    for name in ("mkdocs.yml", "templates", "content"):
        assert (copy / name).exists()


def _served_address(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    deadline = time.monotonic() + 300
    said = []
    for line in process.stdout:
        said.append(line)
        if "Serving on http://" in line:
            return line.split("Serving on ", 1)[1].strip().rstrip("/") + "/"
        if time.monotonic() > deadline:
            break
    pytest.fail("mkdocs serve did not start:\n" + "".join(said))
