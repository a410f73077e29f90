"""Stage 5, write: render templates and put files into ``content/``.

Rendering is pure (`render_report`, `render_home`, `render_nav` return a
mapping of relative path to text); `apply_files` and `delete_files` are the
only functions here that touch the disk, inside a staging copy of content/
(see `staging`). They never overwrite or delete a file the user edited since
baogao wrote it: the hash of every file baogao wrote is kept in a manifest.
"""

from __future__ import annotations

import contextlib
import functools
import html
import json
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from . import LARGE_SITE_REPORTS
from .blocks import render_blocks
from .escape import escape_text, render_inline, render_paragraph
from .figures import COLUMNS, figure_rows, figures_csv
from .manifest import COMPARE_PAGE, SEARCH_PAGE, sha256
from .model import Report, Section
from .pages import heading_text, report_data, report_pages, theme_text
from .staging import atomic_write

# The comparison lists indicators found in at least this many reports.
COMPARE_MIN_REPORTS = 2
# Up to this many reports the comparison puts them side by side, one column
# each. Above, a table of indicators by reports is quadratic (961 indicators
# by 1,000 reports: a 6.4 MB page that Python-Markdown took 37 s to render
# and no one could read), so each indicator gets one row: how many reports
# state it, and the first of them.
COMPARE_MAX_COLUMNS = LARGE_SITE_REPORTS
BACKUP = ".baogao/backup"
REASONS = {"chrome": "网页杂项", "title": "重复的标题", "duplicate": "重复的正文"}
_BLANK_RUN = re.compile(r"\n{3,}")


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


def _number(value: object) -> Markup:
    """A value for a table cell: 2756000000 as 2,756,000,000; unknown as ？."""
    if value is None or value == "":
        return Markup("？")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (int, float)):
        return Markup(f"{value:,}")
    return Markup(html.escape(str(value)))


@functools.cache
def _slugify() -> Callable[[str, str], str]:
    # Imported on first use: pymdownx pulls in Python-Markdown, slow to import.
    from pymdownx.slugs import slugify

    return slugify(case="lower")  # type: ignore[no-any-return]


def anchor(section: Section) -> str:
    """The id MkDocs gives the section's heading (toc + pymdownx slugify)."""
    return str(_slugify()(heading_text(section), "-"))


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
    env.filters["html"] = lambda value: Markup(html.escape("" if value is None else str(value)))
    env.filters["number"] = _number
    env.filters["raw_svg"] = lambda svg: Markup(svg)
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
    if report.figures:
        files[f"{report.slug}/figures.csv"] = figures_csv(report)
        files[f"{report.slug}/figures.json"] = dump_rows(list(COLUMNS), figure_rows(report))
    return files


def dump_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def dump_rows(columns: list[str], rows: list[dict[str, object]]) -> str:
    """``{"columns": [...], "figures": [...]}`` with one row per line.

    Compact rows are as easy to read and diff as indented ones, and json's
    C encoder (used only without indent) is many times faster.
    """
    lines = [json.dumps(row, ensure_ascii=False) for row in rows]
    body = ",\n".join(lines)
    return f'{{"columns": {json.dumps(columns)},\n"figures": [\n{body}\n]}}\n'


def render_home(reports: list[dict[str, Any]], env: jinja2.Environment) -> str:
    """The site's home page from the report.json data of every report."""
    return _tidy(env.get_template("home.md.j2").render(meta={"title": "报告"}, reports=reports))


def render_compare(reports: list[dict[str, Any]], env: jinja2.Environment) -> str:
    """The comparison page: indicators that several reports state, side by side."""
    by_indicator: dict[str, dict[str, list[str]]] = {}
    for data in reports:
        for key, printed in data.get("indicators", {}).items():
            by_indicator.setdefault(key, {})[data["slug"]] = printed
    order = {data["slug"]: index for index, data in enumerate(reports)}
    rows = [
        {
            "name": key.rsplit("|", 1)[0],
            "unit": key.rsplit("|", 1)[1],
            "values": values,
            "first": reports[min(order[slug] for slug in values)],
        }
        for key, values in sorted(by_indicator.items(), key=lambda item: (-len(item[1]), item[0]))
        if len(values) >= COMPARE_MIN_REPORTS
    ]
    template = env.get_template("compare.md.j2")
    side_by_side = len(reports) <= COMPARE_MAX_COLUMNS
    return _tidy(template.render(meta={"title": "指标对比"}, reports=reports, rows=rows, side_by_side=side_by_side))


def render_search(env: jinja2.Environment) -> str:
    """The Pagefind search page (``--search pagefind``)."""
    return _tidy(env.get_template("search.md.j2").render(meta={"title": "搜索"}))


def nav_entries(reports: list[dict[str, Any]], search: str = "material") -> list[Any]:
    """MkDocs navigation: home, then per report its overview and sections."""
    nav: list[Any] = [{"首页": "index.md"}]
    if search == "pagefind":
        nav.append({"搜索": SEARCH_PAGE})
    if len(reports) >= COMPARE_MIN_REPORTS:
        nav.append({"指标对比": COMPARE_PAGE})
    for data in reports:
        slug = data["slug"]
        children: list[Any] = [f"{slug}/index.md"]
        children += [{theme_text(page["title"]): f"{slug}/{page['file']}"} for page in data.get("pages", [])]
        nav.append({theme_text(data["title"] or slug): children})
    return nav


def render_nav(reports: list[dict[str, Any]], search: str = "material") -> str:
    """The file `mkdocs.yml` inherits its navigation from."""
    header = "# Written by baogao (build.py); mkdocs.yml inherits nav from here.\n"
    nav = nav_entries(reports, search)
    return header + yaml.safe_dump({"nav": nav}, allow_unicode=True, sort_keys=False, width=1000)


def apply_files(
    root: Path,
    shown: Path,
    files: Mapping[str, str],
    recorded: Mapping[str, str],
    force: bool,
    say: Callable[[str], None],
) -> dict[str, str]:
    """Write `files` under `root`, never losing a page the user edited.

    `recorded` holds the hash of each file as baogao last wrote it; a file
    whose bytes differ is the user's edit. It is kept, or with `force` saved
    to ``.baogao/backup/`` and then overwritten. `shown` is the folder named
    in messages (`root` may be a staging copy). Returns the new hashes.
    """
    hashes = dict(recorded)
    for relative in sorted(files):
        data = files[relative].encode("utf-8")
        path = root / relative
        new = sha256(data)
        if path.exists():
            old = path.read_bytes()
            current = sha256(old)
            if current == new:
                hashes[relative] = new
                continue
            if recorded.get(relative) != current:
                if not force:
                    say(f"kept your edit of {shown / relative}; its source changed")
                    continue
                backup = f"{BACKUP}/{relative}.{current[:12]}"
                atomic_write(root / backup, old)
                say(f"overwrote your edit of {shown / relative}; saved it as {shown / backup}")
        atomic_write(path, data)
        hashes[relative] = new
    return hashes


def delete_files(
    root: Path, shown: Path, relatives: Iterable[str], recorded: Mapping[str, str], say: Callable[[str], None]
) -> dict[str, str]:
    """Delete files baogao wrote whose report is gone; keep the user's edits."""
    hashes = dict(recorded)
    for relative in sorted(relatives):
        path = root / relative
        hashes.pop(relative, None)
        if not path.exists():
            continue
        if sha256(path.read_bytes()) != recorded.get(relative):
            say(f"kept your edit of {shown / relative}; its source is gone")
            continue
        path.unlink()
        with contextlib.suppress(OSError):  # the folder holds other files
            path.parent.rmdir()
    return hashes
