"""Stage 6, site: MkDocs + Material over ``content/``, swapped in atomically.

MkDocs builds into a fresh folder beside the target; only when the build
succeeded is the old site moved aside and the new one renamed into place, so
an interrupted or failed build leaves the previous site whole.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path
from typing import Any

from .errors import SiteError

# The sitemap's dates come from SOURCE_DATE_EPOCH when set; a fixed default
# keeps two builds of the same content byte-identical.
DEFAULT_SOURCE_DATE_EPOCH = "0"


def build_site(config_file: Path, content: Path, site: Path, nav: list[Any], quiet: bool) -> None:
    """Run MkDocs on `content` and atomically replace `site` with the result."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    os.environ.setdefault("SOURCE_DATE_EPOCH", DEFAULT_SOURCE_DATE_EPOCH)
    for name in ("mkdocs", "jieba"):
        logging.getLogger(name).setLevel(logging.WARNING if quiet else logging.INFO)
    _quiet_jieba()
    site = site.resolve()
    staging = site.with_name(f".{site.name}.building")
    previous = site.with_name(f".{site.name}.previous")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        config = load_config(
            config_file=str(config_file),
            docs_dir=str(content.resolve()),
            site_dir=str(staging),
            nav=nav,
        )
        build(config)
    except (MkDocsException, OSError) as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise SiteError(f"{config_file}: MkDocs build failed: {error}") from None
    shutil.rmtree(previous, ignore_errors=True)
    if site.exists():
        site.rename(previous)
    staging.rename(site)
    shutil.rmtree(previous, ignore_errors=True)


def _quiet_jieba() -> None:
    try:
        import jieba
    except ImportError:  # search then indexes without segmentation
        return
    jieba.setLogLevel(logging.WARNING)
