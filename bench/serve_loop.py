"""The edit loop of ``build.py --serve``: from a save to the new site served.

    python bench/serve_loop.py [--reports N] [--runs R] [--browser]

Generates N different reports (``rebuild.make_reports``), builds them once
(the baseline: that full build's time), then starts ``build.py --serve`` on
them and, R times each, edits a section page in ``content/`` and changes a
source, timing from the save until the server's version (``/.baogao-serve/
version``, what an open page polls before it reloads) moved. For an edited
page it times two moments: the page served with the new text (the preview
of ``build/preview.py``) and the site built with it. Prints each time and
the medians, with their share of the full build. With ``--browser``, it also
opens a section page in headless Chromium (/usr/bin/chromium), saves its
Markdown, and times until the open page shows the new text.
"""

from __future__ import annotations

import argparse
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from rebuild import make_reports  # noqa: E402

# The longest a save may take to be served before the run counts as failed.
GIVE_UP_SECONDS = 300
# After each save, the server builds once more (what the build wrote into
# content/ is a change too) and changes nothing: let that pass.
SETTLE_SECONDS = 4


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--browser", action="store_true", help="also time an open page in Chromium reloading")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        make_reports(work / "sources", arguments.reports)
        folders = ["--content", str(work / "content"), "--site", str(work / "site"), str(work / "sources")]
        start = time.perf_counter()
        subprocess.run([sys.executable, "build.py", "-q", *folders], cwd=ROOT, check=True)
        full = time.perf_counter() - start
        server = subprocess.Popen(
            [sys.executable, "build.py", "--serve", "--port", "0", "-q", *folders],
            cwd=ROOT,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            base = _started(server)
            edits, shown, changes = [], [], []
            reports = sorted(path for path in (work / "content").iterdir() if (path / "01.md").is_file())
            for run in range(arguments.runs):
                page = reports[run] / "01.md"
                name = f"{reports[run].name}/01.html"
                seen, built = _edited(base, page, base + name, work / "site" / name, f"读者补充的第{run}句。")
                shown.append(seen)
                edits.append(built)
            seen_in_browser = []
            for run in range(arguments.runs if arguments.browser else 0):
                name = f"{reports[arguments.runs + run].name}/01.html"
                page = reports[arguments.runs + run] / "01.md"
                seen_in_browser.append(_in_browser(base, page, base + name, f"读者在浏览器里看的第{run}句。"))
            for run in range(arguments.runs):
                source = work / "sources" / f"report-{arguments.reports // 2 + run:04d}.txt"
                changes.append(_served(base, source, f"\n补充第{run}句。\n"))
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=60)
    print(f"{arguments.reports} reports; full build {full:.2f} s")
    print(f"page edited, shown (preview), each run: {', '.join(f'{value:.2f}' for value in shown)} s")
    print(f"page edited, site built, each run: {', '.join(f'{value:.2f}' for value in edits)} s")
    if seen_in_browser:
        print(f"page edited, open page reloaded with it, each run: {', '.join(f'{v:.2f}' for v in seen_in_browser)} s")
    print(f"source changed, each run: {', '.join(f'{value:.2f}' for value in changes)} s")
    print("| save | served after (s, median) | share of the full build |")
    print("| --- | --- | --- |")
    rows: tuple[tuple[str, list[float]], ...] = (("a page edited in content/: shown", shown),)
    if seen_in_browser:
        rows += (("a page edited in content/: the open page shows it (Chromium)", seen_in_browser),)
    rows += (("a page edited in content/: site built", edits),)
    for name, values in (*rows, ("a source changed", changes)):
        median = statistics.median(values)
        print(f"| {name} | {median:.2f} | {median / full:.3f} |")


def _started(server: subprocess.Popen[str]) -> str:
    assert server.stderr is not None
    for line in server.stderr:
        found = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
        if found:
            threading.Thread(target=server.stderr.read, daemon=True).start()
            return found.group(1)
    raise SystemExit("build.py --serve stopped before serving")


def _version(base: str) -> str:
    with urllib.request.urlopen(base + ".baogao-serve/version") as response:
        return str(response.read().decode("utf-8"))


def _in_browser(base: str, page: Path, url: str, sentence: str) -> float:
    """Open `url` in Chromium, append `sentence` to the Markdown `page`;
    seconds until the open page shows it (it reloads itself)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
        tab = browser.new_page()
        tab.goto(url)
        start = time.perf_counter()
        page.write_text(page.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
        tab.wait_for_function(f"document.body.innerText.includes({sentence!r})", timeout=GIVE_UP_SECONDS * 1000)
        elapsed = time.perf_counter() - start
        browser.close()
    time.sleep(SETTLE_SECONDS + 8)  # the build that follows the preview
    return elapsed


def _edited(base: str, page: Path, url: str, built: Path, sentence: str) -> tuple[float, float]:
    """Append `sentence` to the Markdown `page`; seconds until the server
    sends its HTML at `url` with the sentence (the preview, or the built page
    where there is none), and until the built file `built` holds it and the
    server's version is the new site's (no preview left)."""
    start = time.perf_counter()
    page.write_text(page.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
    shown = None
    while True:
        if time.perf_counter() - start > GIVE_UP_SECONDS:
            raise SystemExit(f"{page}: not served after {GIVE_UP_SECONDS} s")
        if shown is None:
            with urllib.request.urlopen(url) as response:
                if sentence in response.read().decode("utf-8"):
                    shown = time.perf_counter() - start
        try:
            done = sentence in built.read_text(encoding="utf-8") and "+" not in _version(base)
        except OSError:  # the instant the site is swapped
            done = False
        if done and shown is not None:
            elapsed = time.perf_counter() - start
            time.sleep(SETTLE_SECONDS)
            return shown, elapsed
        time.sleep(0.05)


def _served(base: str, path: Path, added: str) -> float:
    """Append `added` to `path`; seconds until the server's version moved."""
    before = _version(base)
    start = time.perf_counter()
    path.write_text(path.read_text(encoding="utf-8") + added, encoding="utf-8")
    while _version(base) == before:
        if time.perf_counter() - start > GIVE_UP_SECONDS:
            raise SystemExit(f"{path}: not served after {GIVE_UP_SECONDS} s")
        time.sleep(0.05)
    elapsed = time.perf_counter() - start
    time.sleep(SETTLE_SECONDS)
    return elapsed


if __name__ == "__main__":
    main()
