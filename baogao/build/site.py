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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import SiteError
from ..progress import Progress, no_progress
from . import incremental, mkdocs_api, parallel
from .files import read_json, stats_digest
from .incremental import STAMP
from .pagefind import plugins_without_search, run_pagefind
from .staging import atomic_write, carry, staged

# The sitemap's dates come from SOURCE_DATE_EPOCH when set; a fixed default
# keeps two builds of the same content byte-identical.
DEFAULT_SOURCE_DATE_EPOCH = "0"


@dataclass(frozen=True)
class Stamp:
    """What a site was built from: tool versions and options, a hash of every
    input file, and the files' sizes and times (to skip the hashing)."""

    key: str
    digest: str
    stats: dict[str, list[int]]
    # Each input file's hash, by its key in `stats` (see files.stats_digest).
    hashes: dict[str, str] = field(default_factory=dict)


def stats_cache(site: Path) -> Path:
    """Beside the site, not in it: times and inodes differ between two
    builds of the same input, and the site must not."""
    return site.with_name(f".{site.name}.stats.json")


def input_digest(site: Path, roots: dict[str, Path], stats: dict[str, list[int]]) -> tuple[str, dict[str, str]]:
    """The hash of the inputs of `stats` (see files.stats_digest), reading
    only the files whose stats moved since the build of `site` recorded them."""
    try:
        cached = read_json(stats_cache(site))
        known, known_stats = cached.get("hashes"), cached.get("stats")
    except (OSError, ValueError, AttributeError):
        known = known_stats = None
    if not isinstance(known, dict) or not isinstance(known_stats, dict):
        known = known_stats = None
    return stats_digest(roots, stats, known, known_stats)


def site_is_current(
    site: Path, key: str, stats: dict[str, list[int]], digest: Callable[[], tuple[str, dict[str, str]]]
) -> bool:
    """Whether `site` was built from exactly these inputs.

    When no input file's size, time or inode changed since the recorded
    build, they are taken as unchanged without reading them; otherwise
    `digest()` hashes those that moved, and if only times moved (a file
    touched, saved unchanged) the new ones are recorded.
    """
    try:
        built = read_json(site / STAMP)
        if built["key"] != key:
            return False
        cache = stats_cache(site)
        if cache.is_file():
            cached = read_json(cache)
            if cached["digest"] == built["digest"] and cached["stats"] == stats:
                return True
        found, hashes = digest()
        if built["digest"] != found:
            return False
        atomic_write(cache, _dump({"digest": found, "stats": stats, "hashes": hashes}))
        return True
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _dump(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


SEARCH_BACKENDS = ("material", "pagefind")


def build_site(
    config_file: Path,
    content: Path,
    site: Path,
    nav: list[Any],
    stamp: Stamp,
    quiet: bool,
    search: str = "material",
    progress: Progress = no_progress,
) -> None:
    """Run MkDocs on `content` and atomically replace `site` with the result.

    With ``search="pagefind"`` Material's search plugin is left out (its one
    Lunr index must be loaded whole before the first result, seconds at a
    hundred reports) and Pagefind indexes the built pages instead: its index
    is split into fragments a query loads on demand. Every other plugin, and
    its settings in mkdocs.yml, stays.
    """
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    os.environ.setdefault("SOURCE_DATE_EPOCH", DEFAULT_SOURCE_DATE_EPOCH)
    for name in ("mkdocs", "jieba"):
        logging.getLogger(name).setLevel(logging.WARNING if quiet else logging.INFO)
    quiet_jieba()
    target = site.resolve() if site.is_symlink() else site.absolute()
    carried: list[str] = []
    with staged(site, copy=False) as staging:
        try:
            overrides: dict[str, Any] = {"nav": nav, "docs_dir": str(content.absolute()), "site_dir": str(staging)}
            with mkdocs_api.configuration_read_by_libyaml():
                if search == "pagefind":
                    overrides["plugins"] = plugins_without_search(config_file)
                config = load_config(config_file=str(config_file), **overrides)
            theme_folder = Path(config.theme.custom_dir) if config.theme.custom_dir else None
            # Pagefind runs here, not in the plugin's on_post_build (as under a plain
            # `mkdocs build`): here it takes the parts that did not change from the last site.
            plugin = config.plugins.get("baogao")
            if plugin is not None:
                plugin.indexes_search = False
            key = incremental.build_key(stamp.key, config_file, theme_folder)
            previous = target if (target / STAMP).is_file() else None
            state = parallel.build(
                config, progress=progress, previous=previous, build_key=key, file_hashes=_content_hashes(stamp)
            )
            if search == "pagefind":
                carried = index_site(content, staging, quiet, progress, previous, state)
        except (MkDocsException, OSError) as error:
            raise SiteError(f"{config_file}: MkDocs build failed: {error}") from None
        compact_search_index(staging / "search")
        atomic_write(staging / STAMP, _dump({"key": stamp.key, "digest": stamp.digest}))
        if state is not None and previous is not None:
            carry(target, staging, sorted({*carried, *state.carried}))
    incremental.state_path(target).unlink(missing_ok=True)
    if state is not None:
        incremental.write_state(target, state, stamp.digest)
    atomic_write(stats_cache(site), _dump({"digest": stamp.digest, "stats": stamp.stats, "hashes": stamp.hashes}))


def index_site(
    content: Path,
    site: Path,
    quiet: bool,
    progress: Progress = no_progress,
    previous: Path | None = None,
    state: incremental.SiteState | None = None,
) -> list[str]:
    """Index the pages built from `content` into `site` with Pagefind (see
    `run_pagefind`): one part a group of report folders, the site's own pages
    in the main index. Returns the index folders to carry from `previous`."""
    entries = sorted(path for path in content.iterdir() if path.name[0] != ".")
    folders = [path.name for path in entries if path.is_dir()]
    pages = [path.stem for path in entries if path.suffix == ".md" and path.stem != "index"]
    return run_pagefind(site, folders, quiet, tuple(pages), progress, previous, state)


def _content_hashes(stamp: Stamp) -> dict[str, str]:
    """The hashes of the files in content/, by their path there."""
    return {key.removeprefix("content:"): value for key, value in stamp.hashes.items() if key.startswith("content:")}


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


def quiet_jieba() -> None:
    """Keep jieba from printing its dictionary loading on stderr (it has a
    handler of its own, at DEBUG)."""
    try:
        import jieba
    except ImportError:  # search then indexes without segmentation
        return
    jieba.setLogLevel(logging.WARNING)
