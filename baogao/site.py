"""Stage 6, site: MkDocs + Material over ``content/``, swapped in atomically.

MkDocs builds into a staging folder beside the target; only when the build
succeeded is it swapped with the old site (see `staging`), so an interrupted
or failed build leaves the previous site whole. A stamp in the site records
the hash of everything it was built from, so an unchanged re-run skips MkDocs.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from .errors import SiteError
from .staging import atomic_write, staged

# The sitemap's dates come from SOURCE_DATE_EPOCH when set; a fixed default
# keeps two builds of the same content byte-identical.
DEFAULT_SOURCE_DATE_EPOCH = "0"
STAMP = ".baogao-build"


def site_is_current(site: Path, inputs: str) -> bool:
    """Whether `site` was built from exactly these inputs."""
    stamp = site / STAMP
    return stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == inputs


SEARCH_BACKENDS = ("material", "pagefind")


def build_site(
    config_file: Path, content: Path, site: Path, nav: list[Any], inputs: str, quiet: bool, search: str = "material"
) -> None:
    """Run MkDocs on `content` and atomically replace `site` with the result.

    With ``search="pagefind"`` Material's search plugin is left out (its one
    Lunr index must be loaded whole before the first result, seconds at a
    hundred reports) and Pagefind indexes the built pages instead: its index
    is split into fragments a query loads on demand.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    os.environ.setdefault("SOURCE_DATE_EPOCH", DEFAULT_SOURCE_DATE_EPOCH)
    for name in ("mkdocs", "jieba"):
        logging.getLogger(name).setLevel(logging.WARNING if quiet else logging.INFO)
    _quiet_jieba()
    with staged(site, copy=False) as staging:
        try:
            overrides: dict[str, Any] = {"nav": nav}
            if search == "pagefind":
                overrides["plugins"] = []
            config = load_config(
                config_file=str(config_file),
                docs_dir=str(content.absolute()),
                site_dir=str(staging),
                **overrides,
            )
            build(config)
            if search == "pagefind":
                run_pagefind(staging, quiet)
        except (MkDocsException, OSError) as error:
            raise SiteError(f"{config_file}: MkDocs build failed: {error}") from None
        compact_search_index(staging / "search")
        atomic_write(staging / STAMP, (inputs + "\n").encode("utf-8"))


def run_pagefind(site: Path, quiet: bool) -> None:
    """Index the built pages' articles with Pagefind (Chinese segmented by its extended build)."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--root-selector", "article.md-content__inner"]
    command += ["--exclude-selectors", ".headerlink"]  # the ¶ after each heading
    result = subprocess.run([*command, "--silent" if quiet else "--quiet"], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise SiteError(f"{site}: Pagefind failed: {detail[-1] if detail else result.returncode}")


def compact_search_index(folder: Path) -> None:
    """Store the search index as UTF-8 instead of ``\\uXXXX`` escapes.

    Material writes every Chinese character as a 6-byte escape; as UTF-8 it
    takes 3 bytes, and JSON.parse reads both the same. The offline plugin's
    ``search_index.js`` (``var __index = …``) is rewritten to match.
    """
    index = folder / "search_index.json"
    if not index.is_file():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    atomic_write(index, text.encode("utf-8"))
    script = folder / "search_index.js"
    if script.is_file():
        atomic_write(script, f"var __index = {text}".encode())


def _quiet_jieba() -> None:
    try:
        import jieba
    except ImportError:  # search then indexes without segmentation
        return
    jieba.setLogLevel(logging.WARNING)
