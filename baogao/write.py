"""Stage 5, write: render templates and put files into ``content/``.

Rendering is pure (`render_report`, `render_home`, `render_nav` return a
mapping of relative path to text); `write_files` is the only function here
that touches the disk. It writes each file to a temporary name and renames it
into place, and it never overwrites a file the user edited since baogao wrote
it: the hash of every file baogao wrote is kept in a manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup
from pymdownx.slugs import slugify

from .blocks import render_blocks
from .escape import escape_text, render_inline, render_paragraph
from .model import Report, Section
from .pages import heading_text, report_data, report_pages

MANIFEST = ".baogao/manifest.json"
NAV_FILE = ".baogao/nav.yml"
REASONS = {"chrome": "网页杂项", "title": "重复的标题", "duplicate": "重复的正文"}
_slug = slugify(case="lower")
_BLANK_RUN = re.compile(r"\n{3,}")
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def _finalize(value: object) -> str:
    """Escape every template output unless a filter already rendered it."""
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return ""
    return escape_text(str(value))


def _yaml(data: object) -> Markup:
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    return Markup(dumped.rstrip("\n"))


def _link(text: str, url: str) -> Markup:
    # URLs are file names baogao made (ASCII slugs, Chinese anchors); only
    # characters that would end the link need encoding.
    target = url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
    return Markup(f"[{render_inline(text)}]({target})")


def anchor(section: Section) -> str:
    """The id MkDocs gives the section's heading (toc + pymdownx slugify)."""
    return str(_slug(heading_text(section), "-"))


def make_environment(templates: Path) -> jinja2.Environment:
    """Jinja environment over the user's templates folder."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["yaml"] = _yaml
    env.filters["paragraph"] = lambda text: Markup(render_paragraph(text))
    env.filters["inline"] = lambda text: Markup(render_inline(text))
    env.filters["blocks"] = lambda lines: Markup(render_blocks(getattr(line, "text", line) for line in lines))
    env.globals["link"] = _link
    env.globals["anchor"] = anchor
    env.globals["heading"] = lambda section: f"{section.marker}{section.title}"
    env.globals["hashes"] = lambda depth: Markup("#" * min(depth, 6))
    env.globals["reasons"] = REASONS
    return env


def _tidy(text: str) -> str:
    return _BLANK_RUN.sub("\n\n", text).strip("\n") + "\n"


def render_report(report: Report, env: jinja2.Environment) -> dict[str, str]:
    """Every file of one report's folder, keyed by path relative to content/."""
    files = {
        f"{report.slug}/{plan.path}": _tidy(env.get_template(plan.template).render(**plan.context))
        for plan in report_pages(report)
    }
    files[f"{report.slug}/report.json"] = dump_json(report_data(report))
    return files


def dump_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_home(reports: list[dict[str, Any]], env: jinja2.Environment) -> str:
    """The site's home page from the report.json data of every report."""
    return _tidy(env.get_template("home.md.j2").render(meta={"title": "报告"}, reports=reports))


def nav_entries(reports: list[dict[str, Any]]) -> list[Any]:
    """MkDocs navigation: home, then per report its overview and sections."""
    nav: list[Any] = [{"首页": "index.md"}]
    for data in reports:
        slug = data["slug"]
        children: list[Any] = [f"{slug}/index.md"]
        children += [{page["title"]: f"{slug}/{page['file']}"} for page in data.get("pages", [])]
        nav.append({data["title"] or slug: children})
    return nav


def render_nav(reports: list[dict[str, Any]]) -> str:
    """The file `mkdocs.yml` inherits its navigation from."""
    header = "# Written by baogao (build.py); mkdocs.yml inherits nav from here.\n"
    return header + yaml.safe_dump({"nav": nav_entries(reports)}, allow_unicode=True, sort_keys=False, width=1000)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def atomic_write(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        # mkstemp creates 0600; generated files are as readable as any other.
        os.chmod(temporary, 0o666 & ~_UMASK)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read_manifest(content: Path) -> dict[str, str]:
    path = content / MANIFEST
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {str(key): str(value) for key, value in data.get("files", {}).items()}


@dataclass(frozen=True)
class WriteResult:
    written: tuple[str, ...]
    """Files created or changed."""
    kept: tuple[str, ...]
    """Files left alone because the user edited them."""


def write_files(content: Path, files: Mapping[str, str], say: Callable[[str], None]) -> WriteResult:
    """Write `files` under `content`, keeping every page the user edited.

    A file is the user's edit when it exists and its hash is not the one
    baogao recorded when it wrote it (or baogao never wrote it).
    """
    manifest = read_manifest(content)
    written, kept = [], []
    for relative in sorted(files):
        text = files[relative]
        path = content / relative
        new_hash = sha256_text(text)
        if path.exists():
            current = sha256_text(path.read_text(encoding="utf-8", errors="surrogateescape"))
            if current == new_hash:
                manifest[relative] = new_hash
                continue
            if manifest.get(relative) != current:
                kept.append(relative)
                say(f"kept your edit of {path}; its source changed")
                continue
        atomic_write(path, text)
        manifest[relative] = new_hash
        written.append(relative)
    manifest_text = dump_json({"files": dict(sorted(manifest.items()))})
    atomic_write(content / MANIFEST, manifest_text)
    return WriteResult(tuple(written), tuple(kept))
