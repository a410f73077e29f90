"""Command line: parse arguments, run the pipeline, turn errors into exit codes."""

from __future__ import annotations

import argparse
import functools
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .build.pipeline import PAGEFIND_ABOVE, Options, build
from .build.site import SEARCH_BACKENDS
from .errors import BaogaoError
from .progress import no_progress


def parser(root: Path) -> argparse.ArgumentParser:
    command = argparse.ArgumentParser(
        prog="build.py",
        description="Turn scraped Chinese report text into a clean, searchable static site.",
    )
    command.add_argument(
        "sources",
        nargs="*",
        type=Path,
        help="report files or folders (default: sources/)",
    )
    command.add_argument(
        "--content", type=Path, default=root / "content", help="Markdown output folder (default: content/)"
    )
    command.add_argument("--site", type=Path, default=root / "site", help="site output folder (default: site/)")
    command.add_argument(
        "--templates", type=Path, default=root / "templates", help="Jinja templates (default: templates/)"
    )
    command.add_argument(
        "--config", type=Path, default=root / "mkdocs.yml", help="MkDocs configuration (default: mkdocs.yml)"
    )
    command.add_argument("--no-site", action="store_true", help="write Markdown and JSON only, skip MkDocs")
    command.add_argument(
        "--search",
        choices=("auto", *SEARCH_BACKENDS),
        default="auto",
        help="material: Material's search box; pagefind: a Pagefind search page, for large sites;"
        f" auto (default): material up to {PAGEFIND_ABOVE} reports, pagefind above",
    )
    command.add_argument(
        "--force",
        action="store_true",
        help="overwrite pages you edited, after saving each to content/.baogao/backup/",
    )
    command.add_argument("-q", "--quiet", action="store_true", help="print only warnings and errors")
    command.add_argument(
        "--serve",
        action="store_true",
        help="serve the site on this machine and build again on every save, reloading open pages",
    )
    command.add_argument("--port", type=int, default=8000, help="the port of --serve (default: 8000)")
    return command


def main(argv: Sequence[str] | None = None, root: Path | None = None) -> int:
    root = root or Path.cwd()
    arguments = parser(root).parse_args(argv)
    options = Options(
        sources=tuple(arguments.sources) or (root / "sources",),
        content=arguments.content,
        site=arguments.site,
        templates=arguments.templates,
        config_file=arguments.config,
        root=root,
        build_site=not arguments.no_site,
        quiet=arguments.quiet,
        force=arguments.force,
        search=arguments.search,
    )

    if arguments.serve:
        from .build.serve import serve

        if not options.build_site:
            print("error: --serve serves the site: leave out --no-site", file=sys.stderr)
            return 2
        inputs = [*options.sources, options.content, options.templates, options.config_file]
        build_served = functools.partial(_build_served, options)
        preview = functools.partial(_preview, options)
        return serve(options.site, inputs, build_served, _say(None), arguments.port, preview=preview)
    bars = Bars() if not arguments.quiet and sys.stderr.isatty() else None
    return _build(options, bars)


def _say(bars: Bars | None) -> Callable[[str], None]:
    def say(message: str) -> None:
        if bars:
            bars.write(message)
        else:
            print(message, file=sys.stderr)

    return say


def _preview(options: Options, changed: list[str]) -> dict[Path, bytes]:
    """The saved pages to show before the build of --serve is done: when only
    Markdown pages of content/ changed (`changed`: their keys as the server
    watches them, ``<number of the input>:<path>``), each page's last HTML
    with its text rendered anew (`build.preview`)."""
    from .build.preview import page_preview

    label = f"{len(options.sources)}:"
    pages = [key[len(label) :] for key in changed if key.startswith(label)]
    if len(pages) != len(changed) or not all(page.endswith(".md") and "/." not in f"/{page}" for page in pages):
        return {}
    shown = {}
    for page in pages:
        html = page_preview(options.config_file, options.content, options.site, page)
        if html is not None:
            shown[options.site / Path(page).with_suffix(".html")] = html
    return shown


def _build_served(options: Options) -> bool:
    """One build of --serve: whether it succeeded (Ctrl-C stops serving)."""
    code = _build(options, None)
    if code == 130:
        raise KeyboardInterrupt
    return code == 0


def _build(options: Options, bars: Bars | None) -> int:
    """Build once; the exit code."""
    start = time.monotonic()
    try:
        reports = build(options, _say(bars), bars or no_progress)
    except BaogaoError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("interrupted: content/ and site/ keep their previous version", file=sys.stderr)
        return 130
    finally:
        if bars:
            bars.close()
    if not options.quiet:
        built = "content and site" if options.build_site else "content"
        seconds = time.monotonic() - start
        print(
            f"built {built}: {len(reports)} report(s) changed, in {options.content} ({seconds:.1f} s)", file=sys.stderr
        )
    return 0


class Bars:
    """Progress bars on a terminal (tqdm), one per stage of a long build."""

    NAMES = {"reports": "reports processed", "pages": "pages rendered", "index": "search index parts"}

    def __init__(self) -> None:
        self._bars: dict[str, Any] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        from tqdm import tqdm

        bar = self._bars.get(stage)
        if bar is None:
            if not total:
                return
            # A terminal that reports no size (a bare pty) still gets bars.
            size = shutil.get_terminal_size((80, 24))
            name = self.NAMES.get(stage, stage)
            columns, lines = size.columns or 80, size.lines or 24
            bar = tqdm(total=total, desc=name, unit="", leave=True, ncols=columns, nrows=lines, file=sys.stderr)
            self._bars[stage] = bar
        bar.update(done - bar.n)

    def write(self, message: str) -> None:
        from tqdm import tqdm

        tqdm.write(message, file=sys.stderr)

    def close(self) -> None:
        for bar in self._bars.values():
            bar.close()
