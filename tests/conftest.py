"""Shared paths and the fixture-file loader (markdown-it-py style)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sources" / "2023-zhangye-education-self-evaluation.txt"
SLUG = "2023-zhangye-education-self-evaluation"
CORPUS = ROOT.parent / "shared" / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def read_fixtures(path: Path) -> list[tuple[str, str, str]]:
    """Cases from a fixture file: (title, input, expected).

    Each case is a title line, then input and expected output, each closed by
    a line holding a single ``.``, the format markdown-it-py's fixtures use.
    """
    cases = []
    lines = path.read_text(encoding="utf-8").split("\n")
    index = 0
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        title = lines[index]
        assert lines[index + 1] == ".", f"{path}:{index + 2}: expected '.' after the title"
        index += 2
        parts = []
        for _ in range(2):
            start = index
            while lines[index] != ".":
                index += 1
            parts.append("\n".join(lines[start:index]))
            index += 1
        cases.append((title, parts[0], parts[1]))
    return cases


def fixture_params(name: str) -> list[object]:
    return [pytest.param(given, expected, id=title) for title, given, expected in read_fixtures(FIXTURES / name)]


def run_build(*arguments: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run build.py as a user would, capturing its output."""
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example built once into a temporary folder: content/ and site/."""
    out = tmp_path_factory.mktemp("example")
    result = run_build("-q", "--content", str(out / "content"), "--site", str(out / "site"), str(SAMPLE))
    assert result.returncode == 0, result.stderr
    return out


def corpus_or_skip() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent (it exists beside the project in CI, not in a user's clone)")
    return CORPUS


# --------------------------------------------------------------------------
# Browser fixtures, shared by the browser tests: the example site built once,
# served once, one Chromium for the session (Debian's, never Playwright's).
# --------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example report built with build.py into a temporary folder."""
    out = tmp_path_factory.mktemp("browser-site")
    command = [sys.executable, "build.py", "-q", "--content", str(out / "content"), "--site", str(out / "site")]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        pytest.fail(
            f"{' '.join(command)} exited {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
        )
    site = out / "site"
    assert (site / "index.html").is_file(), f"no index.html in {site}"
    assert (site / SLUG / "02.html").is_file(), f"no {SLUG}/02.html in {site}"
    return site


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL (ending in /) of the built site, served on 127.0.0.1:<free port>."""
    from .searching import serve

    with serve(built_site) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found (Debian package chromium); browser tests skipped")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed; browser tests skipped")
    from .searching import CHROMIUM_ARGS

    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def pagefind_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example and two more reports, built with Pagefind's search page, as a large site is."""
    out = tmp_path_factory.mktemp("pagefind-reading")
    sources = out / "sources"
    sources.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    for index in range(3):
        (sources / f"report-{index}.txt").write_text(text.replace("2023年", f"{2020 + index}年", 2), encoding="utf-8")
    command = [sys.executable, "build.py", "-q", "--search", "pagefind"]
    command += ["--content", str(out / "content"), "--site", str(out / "site"), str(sources)]
    subprocess.run(command, cwd=ROOT, check=True, timeout=600)
    return out / "site"


@pytest.fixture(scope="session")
def pagefind_url(pagefind_site: Path) -> Iterator[str]:
    from .searching import serve

    with serve(pagefind_site) as base:
        yield base
