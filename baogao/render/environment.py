"""The Jinja environment: the user's templates, with escaping by default.

Report text is data. Templates run with `StrictUndefined`; every ``{{ … }}``
output is escaped for Markdown and HTML unless a filter (`paragraph`,
`inline`, `yaml`, `link` …) rendered it and marked it safe.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable
from pathlib import Path

import jinja2
import yaml
from markupsafe import Markup

from ..model import Section
from ..text.outline import heading_text
from . import labels
from .blocks import render_blocks
from .escape import escape_text, render_inline, render_paragraph

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


def compiled_templates(kind: str) -> jinja2.BytecodeCache | None:
    """Where Jinja keeps templates it compiled, between runs: its own cache
    folder in the system's temporary folder (one a user, checked as Jinja
    checks it). Compiling the theme's 38 templates took 0.36 s of every
    build under the profiler; a template whose source changed is compiled
    again. `kind` keeps environments of other settings apart (Jinja keys a
    template by its name and its source, not by the settings it was
    compiled with). None where there is no such folder to be had: templates
    are then compiled every run."""
    try:
        return jinja2.FileSystemBytecodeCache(pattern=f"__baogao_{kind}_%s.cache")
    except (OSError, RuntimeError):  # Jinja's checks of the folder failed
        return None


def make_environment(templates: Path) -> jinja2.Environment:
    """Jinja environment over the user's templates folder."""
    env = jinja2.Environment(
        bytecode_cache=compiled_templates("pages"),
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
    env.filters["reason"] = labels.removal_reason
    env.filters["kind"] = lambda kind: Markup(html.escape(labels.kind_label(kind)))
    env.filters["region"] = lambda region: Markup(html.escape(labels.region_label(region)))
    env.globals["link"] = _link
    env.globals["anchor"] = anchor
    env.globals["heading"] = lambda section: f"{section.marker}{section.title}"
    env.globals["hashes"] = lambda depth: Markup("#" * min(depth, 6))
    env.globals["reasons"] = labels.REMOVAL_KINDS
    env.globals["verdicts"] = labels.VERDICTS
    env.filters["html"] = lambda value: Markup(html.escape("" if value is None else str(value)))
    env.filters["number"] = _number
    env.filters["raw_svg"] = lambda svg: Markup(svg)
    return env


def tidy(text: str) -> str:
    """A rendered page with runs of blank lines folded and one final newline."""
    return _BLANK_RUN.sub("\n\n", text).strip("\n") + "\n"
