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

from baogao.build.serve import VERSION_PATH, with_reload

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
    # The open page reloads itself once the new site is in place.
    page.wait_for_function(f"document.body.innerText.includes({sentence!r})", timeout=START_SECONDS * 1000)
    context.close()
    built = (out / "site" / report.name / "01.html").read_text(encoding="utf-8")
    assert sentence in built and VERSION_PATH not in built
