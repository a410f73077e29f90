"""``build.py --serve``: the site served on this machine and built again on every save.

One process builds the site, serves it over HTTP on 127.0.0.1, and watches
what the site is built from (the sources, ``content/``, the templates and
``mkdocs.yml``) by their files' sizes, times and inodes (`files.tree_stats`,
no file read). When one changes, it builds again in the same process, so
that the imports, the gazetteer and the other per-process caches are warm,
and every open page reloads once the new site is in place.

The reload is the server's, not the site's: each HTML page it sends gets a
small script that asks the server for the site's version and reloads the
page when it moves. The files in ``site/`` are exactly what ``build.py``
writes; a page opened from disk or from another server has no such script.
A failed build says why in one line and the last good site stays served.

A saved page of ``content/`` is shown before the build is done: the server
renders it alone into its last HTML (`preview`), serves that in place of the
file and reloads the open pages, then serves the built page once the build
is done.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .files import read_json, tree_stats
from .incremental import STAMP

# How often the inputs are checked, and how long a change must rest before
# the build starts (an editor may write a file in several steps).
WATCH_SECONDS = 0.25
SETTLE_SECONDS = 0.1
# The address a page asks for the site's version.
VERSION_PATH = "/.baogao-serve/version"
# How often an open page asks, in milliseconds.
PAGE_POLL_MS = 250
# How long the build waits for open pages to fetch a saved page's preview:
# while it runs, the server's threads share one interpreter with it (at
# 1,000 reports an open page showed the preview 0.6-0.8 s after the server
# had it, against at most the 0.25 s of its poll and 0.24 s of its load).
PREVIEW_WAIT_SECONDS = 1.0


def reload_script(version: str) -> str:
    """The script added to every HTML page served: reload when the site's
    version is no longer `version`."""
    return (
        "<script>(function(){var seen=" + _js_string(version) + ";function ask(){"
        f'fetch("{VERSION_PATH}",{{cache:"no-store"}}).then(function(r){{return r.text()}})'
        ".then(function(now){if(now!==seen){location.reload();return}"
        f"setTimeout(ask,{PAGE_POLL_MS})}})"
        f".catch(function(){{setTimeout(ask,{PAGE_POLL_MS * 4})}})}}ask()}})();</script>"
    )


def _js_string(text: str) -> str:
    """`text` as a JavaScript string inside a script element (no ``</``)."""
    return json.dumps(text).replace("<", "\\u003c")


def with_reload(html: bytes, version: str) -> bytes:
    """`html` with the reload script before its closing body tag (at its end when it has none)."""
    script = reload_script(version).encode("utf-8")
    at = html.rfind(b"</body>")
    return html + script if at < 0 else html[:at] + script + html[at:]


class Version:
    """The served site's version: the digest its stamp records, so that a
    build that changed nothing in the site reloads no page; and the pages
    shown before the build is done (`preview`), served in place of their files."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self._lock = threading.Lock()
        self._value = self.read()
        self._previews: dict[Path, bytes] = {}
        self._sent: set[Path] = set()
        self._shown = 0

    def preview(self, pages: dict[Path, bytes]) -> None:
        """Serve `pages` (HTML by their file's path in the site) until the next
        `refresh`, and have open pages reload now."""
        with self._lock:
            self._previews.update(pages)
            self._shown += 1
            self._value = f"{self._value.partition('+')[0]}+{self._shown}"

    def previewed(self, path: Path) -> bytes | None:
        with self._lock:
            shown = self._previews.get(path)
            if shown is not None:
                self._sent.add(path)
            return shown

    def wait_until_sent(self, seconds: float) -> None:
        """Wait until every preview was sent once, or `seconds` passed: the
        build that follows holds the process (and its server threads) busy."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            with self._lock:
                if self._sent >= self._previews.keys():
                    return
            time.sleep(0.02)

    def read(self) -> str:
        try:
            return str(read_json(self.site / STAMP)["digest"])
        except (OSError, ValueError, KeyError, TypeError):
            return ""

    def refresh(self) -> bool:
        """Read the stamp again, drop the previews; whether the version moved."""
        now = self.read()
        with self._lock:
            moved, self._value = now != self._value, now
            self._previews.clear()
            self._sent.clear()
        return moved

    @property
    def value(self) -> str:
        with self._lock:
            return self._value


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site's files, adding the reload script to its HTML pages."""

    version: Version

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        if self.path.split("?", 1)[0] == VERSION_PATH:
            self._send(self.version.value.encode("utf-8"), "text/plain; charset=utf-8")
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        shown = self.version.previewed(path.resolve())
        if shown is not None:
            self._send(with_reload(shown, self.version.value), "text/html; charset=utf-8")
            return
        if path.suffix == ".html" and path.is_file():
            self._send(with_reload(path.read_bytes(), self.version.value), "text/html; charset=utf-8")
            return
        super().do_GET()

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (http.server's name)
        pass  # one line a request would drown the build's messages


def watched_stats(inputs: list[Path]) -> dict[str, list[int]]:
    """Sizes, times and inodes of every file under `inputs`."""
    found: dict[str, list[int]] = {}
    for number, root in enumerate(inputs):
        found.update(tree_stats(root, str(number)))
    return found


def serve(
    site: Path,
    inputs: list[Path],
    build: Callable[[], bool],
    say: Callable[[str], None],
    port: int,
    stop: threading.Event | None = None,
    preview: Callable[[list[str]], dict[Path, bytes]] | None = None,
) -> int:
    """Serve `site` on 127.0.0.1:`port` and call `build` (which reports its
    own errors and says whether it succeeded) whenever a file under `inputs`
    changes, until Ctrl-C (or `stop` is set). Before the build, `preview`
    (given the keys of the files that changed, as `watched_stats` names
    them) may return pages to show until the build is done."""
    stop = stop or threading.Event()
    # Taken before the first build, so that a save during it is not missed.
    seen = watched_stats(inputs)
    build()
    version = Version(site)
    handler = type("SiteHandler", (Handler,), {"version": version})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    say(f"serving {site} at http://127.0.0.1:{server.server_address[1]}/ ; building again on every save (Ctrl-C stops)")
    try:
        while not stop.wait(WATCH_SECONDS):
            now = watched_stats(inputs)
            if now == seen:
                continue
            while not stop.wait(SETTLE_SECONDS):
                settled = watched_stats(inputs)
                if settled == now:
                    break
                now = settled
            changed = sorted(key for key in now.keys() | seen.keys() if now.get(key) != seen.get(key))
            # Taken before the build: what the build writes into content/ is
            # seen as a change next time, and that build changes nothing.
            seen = now
            started = time.monotonic()
            shown = preview(changed) if preview is not None else {}
            if shown:
                version.preview({path.resolve(): html for path, html in shown.items()})
                say(f"showing the saved page in {time.monotonic() - started:.1f} s; building the site again")
                # An open page asks within PAGE_POLL_MS and loads it at once while the server is idle.
                version.wait_until_sent(PREVIEW_WAIT_SECONDS)
            built = build()
            # After a failed build too: the previews go, the last good site stays.
            if version.refresh() and built:
                say(f"site rebuilt in {time.monotonic() - started:.1f} s; open pages reload")
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    return 0
