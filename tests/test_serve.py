"""build.py --serve: a reader saves a page in content/ and the open page shows it.

The server is started as a user starts it (``build.py --serve --port 0``,
which prints the port it took), a page is opened in Chromium, a section page
is edited on disk, and the test waits for the open page to show the new
sentence: the site was built again and the page reloaded itself. The files in
site/ carry no reload script (only what the server sends does).
"""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from baogao.build.incremental import STAMP
from baogao.build.preview import page_preview
from baogao.build.serve import VERSION_PATH, Version, with_reload

from .conftest import ROOT, SAMPLE

STARTED = re.compile(r"at (http://127\.0\.0\.1:\d+/)")
# The first build of the example (a fresh content/ and site/) takes about 10 s here.
START_SECONDS = 120


def test_the_reload_script_goes_before_the_closing_body_tag() -> None:
    page = with_reload(b"<html><body><p>x</p></body></html>", 'v"1')
    assert page.startswith(b"<html><body><p>x</p><script>") and page.endswith(b"</script></body></html>")
    assert VERSION_PATH.encode() in page and b'v"1' not in page  # the version is escaped into the script
    assert with_reload(b"<p>no body</p>", "v").startswith(b"<p>no body</p><script>")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(SAMPLE, sources)
    command = [sys.executable, "build.py", "--serve", "--port", "0", "--content", str(tmp_path / "content")]
    command += ["--site", str(tmp_path / "site"), str(sources)]
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        base = _wait_for_start(process)
        # What it prints from now on is read away, so that it never waits on a full pipe.
        threading.Thread(target=process.stderr.read, daemon=True).start()  # type: ignore[union-attr]
        yield base, tmp_path
    finally:
        process.send_signal(signal.SIGINT)
        try:
            assert process.wait(timeout=30) == 0
        finally:
            process.kill()


def _wait_for_start(process: subprocess.Popen[str]) -> str:
    assert process.stderr is not None
    deadline = time.monotonic() + START_SECONDS
    lines = []
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            break
        lines.append(line)
        found = STARTED.search(line)
        if found:
            return found.group(1)
    raise AssertionError("build.py --serve did not start serving: " + "".join(lines))


def test_a_page_saved_in_content_is_rebuilt_and_the_open_page_reloads(browser: Any, served: tuple[str, Path]) -> None:
    base, out = served
    report = next(path for path in (out / "content").iterdir() if (path / "01.md").is_file())
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base}{report.name}/01.html")
    sentence = "读者在浏览时补充的一句话。"
    assert sentence not in page.content()
    markdown = report / "01.md"
    markdown.write_text(markdown.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
    # The open page reloads itself with the saved text: first the page
    # rendered alone (the preview), then the page of the new site.
    page.wait_for_function(f"document.body.innerText.includes({sentence!r})", timeout=START_SECONDS * 1000)
    built = out / "site" / report.name / "01.html"
    deadline = time.monotonic() + START_SECONDS
    while sentence not in _text(built) and time.monotonic() < deadline:
        time.sleep(0.2)
    page.wait_for_function(f"document.body.innerText.includes({sentence!r})", timeout=START_SECONDS * 1000)
    context.close()
    text = built.read_text(encoding="utf-8")
    assert sentence in text and VERSION_PATH not in text


def _text(page: Path) -> str:
    """The page's text; "" in the instant the site is swapped."""
    try:
        return page.read_text(encoding="utf-8")
    except OSError:
        return ""


def test_a_saved_page_is_previewed_as_the_build_will_write_it(pagefind_site: Path, tmp_path: Path) -> None:
    # A copy of the session's Pagefind site of three reports, as build.py left it.
    out = tmp_path / "copy"
    shutil.copytree(pagefind_site.parent, out, symlinks=True)
    page = out / "content" / "report-1" / "01.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n读者保存后立刻要看的一句话。\n", encoding="utf-8")
    shown = page_preview(ROOT / "mkdocs.yml", out / "content", out / "site", "report-1/01.md")
    assert shown is not None and "读者保存后立刻要看的一句话。" in shown.decode("utf-8")
    assert b"\xe8\xaf\xbb\xe8\x80\x85" not in (out / "site" / "report-1" / "01.html").read_bytes()  # nothing written
    command = [sys.executable, "build.py", "-q", "--search", "pagefind", "--content", str(out / "content")]
    command += ["--site", str(out / "site"), str(out / "sources")]
    subprocess.run(command, cwd=ROOT, check=True, timeout=600)
    assert (out / "site" / "report-1" / "01.html").read_bytes() == shown


def test_a_preview_is_served_until_the_build_is_done(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / STAMP).write_text('{"digest": "a"}', encoding="utf-8")
    version = Version(site)
    version.preview({site / "x.html": b"<p>shown</p>"})
    started = time.monotonic()
    version.wait_until_sent(0.3)  # no page asked for it: the build waits no longer than that
    assert 0.3 <= time.monotonic() - started < 5
    assert version.previewed(site / "x.html") == b"<p>shown</p>" and version.value != "a"
    started = time.monotonic()
    version.wait_until_sent(5)  # sent once: the build goes on at once
    assert time.monotonic() - started < 1
    assert version.refresh() and version.value == "a" and version.previewed(site / "x.html") is None
