"""The parts of MkDocs 1.6 that are not its public API, in one place.

`parallel` runs MkDocs's build step by step, which needs the functions
MkDocs's own ``build()`` calls (named with a leading underscore) and the
title a page found while rendering. Nothing else in baogao touches MkDocs's
private names: when MkDocs changes them, this module is what changes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any


def populate_page(page: Any, config: Any, files: Any) -> None:
    """Read and render one page's Markdown, with its plugin events."""
    from mkdocs.commands.build import _populate_page

    _populate_page(page, config, files)


def build_page(page: Any, config: Any, doc_files: Any, nav: Any, env: Any, excluded: bool) -> None:
    """Render one page's template and write its HTML, with its plugin events."""
    from mkdocs.commands.build import _build_page

    _build_page(page, config, doc_files, nav, env, excluded=excluded)


def build_theme_template(template: str, env: Any, files: Any, config: Any, nav: Any) -> None:
    from mkdocs.commands.build import _build_theme_template

    _build_theme_template(template, env, files, config, nav)


def build_extra_template(template: str, files: Any, config: Any, nav: Any) -> None:
    from mkdocs.commands.build import _build_extra_template

    _build_extra_template(template, files, config, nav)


def rendered_title(page: Any) -> Any:
    """The title a page's rendering found (its first heading), which other
    pages' navigation shows."""
    return page._title_from_render


def set_rendered_title(page: Any, title: Any) -> None:
    page._title_from_render = title


def rendered_info(page: Any) -> tuple[Any, ...]:
    """What other pages need from a rendered page, in a form that pickles."""
    links = page.links_to_anchors or {}
    return (
        rendered_title(page),
        page.present_anchor_ids,
        {target.src_uri: anchors for target, anchors in links.items()},
    )


def apply_titles(pages: Sequence[Any], titles: dict[str, Any]) -> None:
    """Give each of `pages` the title its rendering found (`rendered_info`)."""
    for page in pages:
        set_rendered_title(page, titles[page.file.src_uri])


def forget_anchors(page: Any) -> None:
    """Let go of the anchors a rendered page has and links to (once taken by `rendered_info`)."""
    page.present_anchor_ids = None
    page.links_to_anchors = None


def apply_rendered(pages: Sequence[Any], files: Any, rendered: dict[str, Any]) -> None:
    """Give each of `pages` what `rendered_info` found rendering it (here or in another process)."""
    for page in pages:
        title, anchors, links = rendered[page.file.src_uri]
        set_rendered_title(page, title)
        page.present_anchor_ids = anchors
        page.links_to_anchors = {files.get_file_from_path(uri): value for uri, value in links.items()}


@contextlib.contextmanager
def configuration_read_by_libyaml() -> Iterator[None]:
    """MkDocs reads its configuration, and the navigation it inherits
    (``INHERIT: content/.baogao/nav.yml``), with PyYAML's pure-Python loader:
    0.43 s for the navigation of 1,000 reports, and a build reads it twice.
    PyYAML's ``CLoader`` is the same loader over libyaml's parser (same tags,
    same data; 0.05 s): in this block MkDocs uses it, where PyYAML has it."""
    import yaml
    from mkdocs.utils import yaml as mkdocs_yaml

    fast = getattr(yaml, "CLoader", None)
    original = mkdocs_yaml.get_yaml_loader
    if fast is None or original.__defaults__ is None or original.__defaults__[0] is not yaml.Loader:
        yield
        return

    def get_yaml_loader(loader: Any = fast, config: Any = None) -> Any:
        return original(loader, config)

    mkdocs_yaml.get_yaml_loader = get_yaml_loader
    try:
        yield
    finally:
        mkdocs_yaml.get_yaml_loader = original


def drop_plugins(plugins: Any, names: frozenset[str], running: Any) -> None:
    """Take the plugins called `names` out of MkDocs's plugin collection, from
    ``on_config`` on: out of the collection (the theme's templates ask it
    whether search is there) and out of its event lists, which MkDocs fills
    when the configuration is read. `running` is the ``on_config`` method
    calling this: in the list of that event, which MkDocs is going through
    now, only the plugins after it are taken out (those before it have run,
    and taking them out would make MkDocs skip the one after it)."""
    dropped = [name for name in plugins if name in names]
    owners = {id(plugins[name]) for name in dropped}

    def kept(method: Any) -> bool:
        return id(getattr(method, "__self__", None)) not in owners

    for event, methods in plugins.events.items():
        first = methods.index(running) + 1 if event == "config" and running in methods else 0
        methods[first:] = [method for method in methods[first:] if kept(method)]
    for name in dropped:
        del plugins[name]
