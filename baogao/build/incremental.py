"""What a site build may take from the site it replaces.

A page's HTML is a function of a few inputs: the build's configuration
(tool versions, mkdocs.yml, the theme's templates, baogao's own code), the
page's Markdown with what the ``baogao`` plugin adds to it (copies, readings,
history), whether the pages it links to exist, and the navigation its
template shows (its sidebar, its ancestors, the previous and next page).
Each page's inputs are hashed into two keys, recorded beside the site
(`state_path`): the *source key* (what its Markdown renders from) and the
*nav key* (what its template shows of other pages). A later build renders
only the pages whose keys changed and hard-links every other page from the
site it replaces; a search-index part whose pages all kept their keys is
moved over whole (`staging.carry`). The result is the same bytes as a full build
(tests/test_incremental.py builds both ways and compares the trees).

The state is kept beside the site, not published in it, and names the
stamp of the site it describes (`site.STAMP`, which is swapped in with the
site): a build interrupted between the swap and writing the state leaves a
state that no longer matches, and the next build renders every page.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import posixpath
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from ..errors import SiteError
from . import mkdocs_api
from .files import read_json, tree_digest
from .staging import atomic_write

STATE_SCHEMA = 2
# In the site: what it was built from (see `site.Stamp`).
STAMP = ".baogao-build"
PACKAGE = Path(__file__).resolve().parent.parent
# A link to another page of the site in a page's Markdown: whether the target
# exists decides what MkDocs writes (a link to its HTML, or the text as given).
_PAGE_LINK = re.compile(r"\]\(\s*<?([^)\s>#]+\.md)")


def _hash(*parts: object) -> str:
    digest = hashlib.sha256()
    for part in parts:
        if isinstance(part, str):
            digest.update(b"s" + part.encode("utf-8", "surrogatepass"))
        else:
            digest.update(b"j" + json.dumps(part, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def build_key(versions: str, config_file: Path, theme_folder: Path | None) -> str:
    """What every page depends on: tool versions, the configuration file,
    the theme's own folder and baogao's code (its plugin renders parts of
    every page)."""
    roots = [config_file, *sorted(PACKAGE.rglob("*.py"))]
    if theme_folder is not None and theme_folder.is_dir():
        roots.append(theme_folder)
    return _hash(STATE_SCHEMA, versions, tree_digest(*roots))


@dataclass(frozen=True)
class PageRecord:
    """What the last build knew of one page: its keys, where it was written,
    and what other pages' templates and link checks need from it."""

    source_key: str
    nav_key: str
    dest_uri: str
    title: str | None
    anchors: tuple[str, ...] | None
    links: dict[str, dict[str, str]]
    source: SourceRead | None = None
    """What reading its Markdown file gave, by the file's hash (None: read it)."""

    def to_json(self) -> list[Any]:
        anchors = list(self.anchors) if self.anchors is not None else None
        source = self.source.to_json() if self.source is not None else None
        return [self.source_key, self.nav_key, self.dest_uri, self.title, anchors, self.links, source]

    @classmethod
    def from_json(cls, data: list[Any]) -> PageRecord:
        source_key, nav_key, dest_uri, title, anchors, links, source = data
        anchors = tuple(anchors) if anchors is not None else None
        read = SourceRead.from_json(source) if source is not None else None
        return cls(source_key, nav_key, dest_uri, title, anchors, links, read)


@dataclass(frozen=True)
class SourceRead:
    """What a page's Markdown file gave when read: the hash of its bytes, its
    front matter and the pages its Markdown links to. A page whose file has
    that hash now is not read again (its front matter is all the build needs
    of a page it does not render: reading and parsing every page took 1.35 s
    under the profiler at 1,000 reports)."""

    file_hash: str
    meta: dict[str, Any]
    links: tuple[str, ...]
    kept: bool = field(default=True, compare=False)
    """Whether its front matter reads back from JSON as it is (not a date):
    only then is it recorded, and the page not read again."""

    def to_json(self) -> list[Any]:
        return [self.file_hash, self.meta, list(self.links)]

    @classmethod
    def from_json(cls, data: list[Any]) -> SourceRead:
        file_hash, meta, links = data
        return cls(str(file_hash), dict(meta), tuple(links))


@dataclass
class SiteState:
    """The state a build leaves beside the site: its build key, every page's
    record (by source path), a hash of each page's search records (by its
    address in the site), every search-index part's key (by folder) and each
    part's records of the index of headings (by report folder), which a part
    linked from this build brings to the next index of headings."""

    key: str
    pages: dict[str, PageRecord] = field(default_factory=dict)
    parts: dict[str, str] = field(default_factory=dict)
    headings: dict[str, dict[str, str]] = field(default_factory=dict)
    records: dict[str, str] = field(default_factory=dict)
    static: str = ""
    """The key of the theme's own pages (404.html, the sitemap): `static_key`."""
    folders: dict[str, str] = field(default_factory=dict)
    """Each top-level folder of content/ by `folder_keys`: whether its files are as they were."""
    carried: list[str] = field(default_factory=list)
    """The site's folders this build took whole from the last (`RenderPlan.carried_folders`)."""
    last: SiteState | None = field(default=None, repr=False, compare=False)
    """The state of the site this build replaces, as read when it began."""

    def page_keys(self) -> dict[str, str]:
        """Every page's combined key, by its path in the site."""
        return {record.dest_uri: record.source_key + record.nav_key for record in self.pages.values()}


def state_path(site: Path) -> Path:
    return site.with_name(f".{site.name}.pages.json")


def read_state(site: Path | None, key: str) -> SiteState | None:
    """The state of the site at `site` when it was built with the same build
    key; None when there is none, it is damaged, it describes another build
    than the site's stamp records, or anything global changed (then every
    page is rendered)."""
    if site is None:
        return None
    try:
        data = read_json(state_path(site))
        if data["key"] != key or data["stamp"] != read_json(site / STAMP)["digest"]:
            return None
        pages = {uri: PageRecord.from_json(record) for uri, record in data["pages"].items()}
        parts, headings, records = dict(data["parts"]), dict(data["headings"]), dict(data["records"])
        folders = dict(data.get("folders", {}))
        return SiteState(key, pages, parts, headings, records, str(data.get("static", "")), folders)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_state(site: Path, state: SiteState, stamp_digest: str) -> None:
    """Record `state` beside `site`, for the build whose stamp is `stamp_digest`."""
    data = {
        "key": state.key,
        "stamp": stamp_digest,
        "pages": {uri: state.pages[uri].to_json() for uri in sorted(state.pages)},
        "parts": dict(sorted(state.parts.items())),
        "headings": dict(sorted(state.headings.items())),
        "records": dict(sorted(state.records.items())),
        "static": state.static,
        "folders": dict(sorted(state.folders.items())),
    }
    atomic_write(state_path(site), orjson.dumps(data))


def folder_keys(file_hashes: dict[str, str]) -> dict[str, str]:
    """A hash of each top-level folder's files (their paths and hashes, from
    `file_hashes`: each file's hash by its path in the docs folder)."""
    digests: dict[str, Any] = {}
    for path in sorted(file_hashes):
        folder, slash, rest = path.partition("/")
        if slash:
            digest = digests.get(folder) or digests.setdefault(folder, hashlib.sha256())
            digest.update(f"{rest}\0{file_hashes[path]}\0".encode("utf-8", "surrogatepass"))
    return {folder: digest.hexdigest() for folder, digest in digests.items()}


def linked_pages(markdown: str, src_uri: str) -> list[str]:
    """The site paths of the pages `markdown` links to, relative links resolved."""
    folder = src_uri.rpartition("/")[0]
    found = set()
    for target in _PAGE_LINK.findall(markdown):
        if "://" in target or target.startswith("/"):
            continue
        found.add(posixpath.normpath(posixpath.join(folder, target)).lstrip("./"))
    return sorted(found)


def source_key(build: str, page: Any, read: SourceRead, extra: str, existing: frozenset[str]) -> str:
    """What the page's Markdown renders from: its file (`read`, by its hash:
    source and front matter), what the plugin adds (`extra`), and whether
    each page either links to exists."""
    targets = sorted({*read.links, *linked_pages(extra, page.file.src_uri)})
    links = [(target, target in existing) for target in targets]
    return _hash(build, page.file.src_uri, page.file.dest_uri, read.file_hash, extra, links)


def read_page(page: Any, config: Any, known: SourceRead | None, file_hash: str | None) -> SourceRead:
    """Read `page`'s source as MkDocs does, unless `known` was read from a
    file of the hash it has now (`file_hash`, from the site's input digest):
    then the page gets that front matter. Either way the page keeps an empty
    Markdown (a page this build renders is read again when it is rendered)."""
    if known is not None and file_hash is not None and known.file_hash == file_hash:
        page.markdown, page.meta = "", copy.deepcopy(known.meta)
        return known
    page.read_source(config)
    if file_hash is None:
        file_hash = hashlib.sha256(Path(page.file.abs_src_path).read_bytes()).hexdigest()
    links = tuple(linked_pages(page.markdown or "", page.file.src_uri))
    # The text itself is read again where the page is rendered: held here
    # until then, every page's Markdown (414 MB of files at 2,000 reports)
    # stayed in the parent and in every worker forked from it.
    page.markdown = ""
    # Front matter JSON would not give back as it is (a date) is not kept: the page is read every time.
    kept = _keeps_as_json(page.meta)
    # The page's own front matter, not a copy: rendering reads the file again
    # into a new one (`Page.read_source`), so this one stays as read.
    return SourceRead(file_hash, page.meta if kept else {}, links, kept)


def _keeps_as_json(meta: Any) -> bool:
    try:
        return bool(orjson.loads(orjson.dumps(meta)) == meta)
    except (TypeError, orjson.JSONEncodeError):
        return False


def _item(item: Any, deep: bool) -> list[Any]:
    """A navigation item as its template shows it: kind, title, address and
    (for sections, when `deep`) children."""
    url = getattr(item, "url", None)
    children = [_item(child, True) for child in item.children or []] if deep and item.children else []
    return [type(item).__name__, item.title, url, children]


def nav_key(page: Any, shown: Iterable[Any]) -> str:
    """What the page's template shows of other pages: the navigation items
    `shown` (its sidebar), its ancestors and its previous and next pages."""
    neighbours = [_item(other, False) if other is not None else None for other in (page.previous_page, page.next_page)]
    return _hash(
        [_item(item, True) for item in shown],
        [ancestor.title for ancestor in page.ancestors],
        neighbours,
        page.title,
    )


# What MkDocs writes for a template of the theme's own (`static_key`), where
# it is more than the template's name.
STATIC_OUTPUTS = {"sitemap.xml": ("sitemap.xml", "sitemap.xml.gz")}


def static_key(build: str, nav: Any, files: Any) -> str:
    """What the theme's own pages (404.html, the sitemap) show: the whole
    navigation with its titles (the 404 page's sidebar), and every page's
    address (the sitemap)."""
    pages = sorted(file.dest_uri for file in files.documentation_pages())
    return _hash(build, [_item(item, True) for item in nav.items], pages)


def link_file(old: str | Path, new: str | Path, made: set[str] | None = None) -> bool:
    """Hard-link the last build's `old` file as `new` (a copy where links are
    not possible); False when there is no such file. Nothing is ever written
    through the link: files this build writes are new files. `made` holds
    the folders made so far (one mkdir a folder, not a file: a mkdir a file
    took 0.3 s under the profiler at 1,000 reports). Paths as strings: a
    change at 1,000 reports links 17,000 files, and pathlib's objects were
    most of the time it took."""
    old, new = os.fspath(old), os.fspath(new)
    try:
        folder = os.path.dirname(new)
        if made is None or folder not in made:
            os.makedirs(folder, exist_ok=True)
            if made is not None:
                made.add(folder)
        try:
            os.link(old, new)
        except FileExistsError:
            os.unlink(new)
            os.link(old, new)
        return True
    except FileNotFoundError:
        return False
    except OSError:
        try:
            shutil.copy2(old, new)
            return True
        except OSError:
            return False


def link_unchanged_static(files: Iterable[Any], previous: Path, site_dir: Path) -> None:
    """Link each static file whose copy in the last build is as new as its
    source and of its size, so that MkDocs's own ``dirty`` copy skips it (its
    test: the copy's time is not before the source's). Files a plugin
    generates are always written afresh."""
    made: set[str] = set()
    last, site = os.fspath(previous), os.fspath(site_dir)
    for file in files:
        if file.is_documentation_page() or file.generated_by is not None or file.abs_src_path is None:
            continue
        old = os.path.join(last, file.dest_uri)
        try:
            source, built = os.stat(file.abs_src_path), os.stat(old)
        except OSError:
            continue
        if built.st_size == source.st_size and built.st_mtime >= source.st_mtime:
            link_file(old, os.path.join(site, file.dest_uri), made)


def link_tree(old: Path, new: Path) -> bool:
    """Hard-link every file of the folder `old` under `new`; False when it is not there."""
    if not old.is_dir():
        return False
    shutil.copytree(old, new, symlinks=True, copy_function=_link_or_copy, dirs_exist_ok=True)
    return True


def _link_or_copy(old: str, new: str) -> None:
    try:
        os.link(old, new)
    except OSError:  # a file system without hard links
        shutil.copy2(old, new)


class RenderPlan:
    """Which pages a build renders, which it writes, and which it links from
    the site it replaces (see the module's doc)."""

    def __init__(
        self,
        config: Any,
        files: Any,
        pages: list[Any],
        previous: Path | None,
        build_key: str,
        file_hashes: dict[str, str] | None = None,
    ) -> None:
        """`file_hashes`: each Markdown file's hash by its path in the docs
        folder, where the caller knows them (see `read_page`)."""
        self.config, self.files, self.pages, self.previous = config, files, pages, previous
        self.env: Any = None
        state = read_state(previous, build_key) if build_key else None
        self.last = state
        self.before = state.pages if state is not None else {}
        self.build_key = build_key
        self.plugin = config.plugins.get("baogao")
        hashes = file_hashes or {}
        self.folders = folder_keys(hashes)
        self.carried: list[str] = []
        self.read: dict[str, SourceRead] = {}
        for page in pages:  # front matter and titles, for every worker
            uri = page.file.src_uri
            record = self.before.get(uri)
            self.read[uri] = read_page(page, config, record.source if record else None, hashes.get(uri))
        existing = frozenset(file.src_uri for file in files.documentation_pages())
        self.source_keys = {
            page.file.src_uri: source_key(build_key, page, self.read[page.file.src_uri], self._extra(page), existing)
            for page in pages
        }
        self.to_render = [page for page in pages if not self._same_source(page)]
        self.nav_keys: dict[str, str] = {}
        self.written: list[Any] = []
        self.static = ""

    def _extra(self, page: Any) -> str:
        inputs = getattr(self.plugin, "page_inputs", None)
        return inputs(page.file.src_uri) if inputs is not None else ""

    def _same_source(self, page: Any) -> bool:
        record = self.before.get(page.file.src_uri)
        return (
            record is not None
            and record.source_key == self.source_keys[page.file.src_uri]
            and record.dest_uri == page.file.dest_uri
        )

    def rendered_before(self) -> dict[str, Any]:
        """What the last build found rendering the pages that are not rendered now."""
        rendering = {page.file.src_uri for page in self.to_render}
        return {
            page.file.src_uri: _from_record(self.before[page.file.src_uri])
            for page in self.pages
            if page.file.src_uri not in rendering
        }

    def rendered_now(self) -> dict[str, Any]:
        return self.rendered_before() | {page.file.src_uri: mkdocs_api.rendered_info(page) for page in self.to_render}

    def apply(self, rendered: dict[str, Any], nav: Any) -> None:
        """Give every page its title and anchors, then work out its nav key."""
        mkdocs_api.apply_rendered(self.pages, self.files, rendered)
        shown = getattr(self.plugin, "shown_nav", None)
        for page in self.pages:
            items = shown(page, nav) if shown is not None else nav.items
            self.nav_keys[page.file.src_uri] = nav_key(page, items)

    def later(self) -> list[Any]:
        """The pages to write: every page rendered now, and those whose
        navigation changed or whose last HTML is gone."""
        rendering = {page.file.src_uri for page in self.to_render}
        self.written = [page for page in self.pages if page.file.src_uri in rendering or not self._reusable(page)]
        return self.written

    def _reusable(self, page: Any) -> bool:
        record = self.before.get(page.file.src_uri)
        return (
            record is not None
            and self.previous is not None
            and record.nav_key == self.nav_keys[page.file.src_uri]
            and (self.previous / record.dest_uri).is_file()
        )

    def carried_folders(self) -> list[str]:
        """The site's top-level folders this build takes whole from the one it
        replaces, moved over at the swap (`staging.carry`): one rename a
        report's folder, where linking the files of 1,000 reports and removing
        the old ones took 0.7 s after one change. A folder is taken whole when
        every file of it in content/ is as it was (`folder_keys`), none of its
        pages is written now (`later`, called before this), and all its files
        are content/'s own, published under it. Sets `carried`."""
        if self.last is None or self.previous is None:
            return []
        docs = os.path.join(os.path.abspath(self.config.docs_dir), "")
        spoiled = {page.file.dest_uri.partition("/")[0] for page in self.written}
        for file in self.files:
            folder, dest = file.src_uri.partition("/")[0], file.dest_uri.partition("/")[0]
            source = file.abs_src_path
            if folder != dest or file.generated_by is not None or source is None or not source.startswith(docs):
                spoiled.update((folder, dest))
        last = self.last.folders
        self.carried = [
            folder
            for folder, key in sorted(self.folders.items())
            if folder not in spoiled and last.get(folder) == key and (self.previous / folder).is_dir()
        ]
        return self.carried

    def link_static(self, template: str, key: str) -> bool:
        """Link the last build's output of the theme's `template` when it was
        made from what `key` says (`static_key`); whether it was."""
        self.static = key
        if self.last is None or self.last.static != key or self.previous is None:
            return False
        site = Path(self.config.site_dir)
        outputs = STATIC_OUTPUTS.get(template, (template,))
        return all(link_file(self.previous / name, site / name) for name in outputs)

    def link_unchanged(self) -> None:
        """Link every page not written from the site this build replaces."""
        written = {page.file.src_uri for page in self.written}
        carried = frozenset(self.carried)
        made: set[str] = set()
        last = os.fspath(self.previous) if self.previous is not None else ""
        for page in self.pages:
            if page.file.src_uri in written or self.previous is None:
                continue
            if page.file.dest_uri.partition("/")[0] in carried:
                continue
            if not link_file(os.path.join(last, page.file.dest_uri), page.file.abs_dest_path, made):
                raise SiteError(f"{self.previous}: {page.file.dest_uri} vanished during the build")

    def state(self, rendered: dict[str, Any]) -> SiteState:
        records = {}
        for page in self.pages:
            uri = page.file.src_uri
            title, anchors, links = rendered[uri]
            records[uri] = PageRecord(
                self.source_keys[uri],
                self.nav_keys[uri],
                page.file.dest_uri,
                title,
                tuple(sorted(anchors)) if anchors is not None else None,
                links,
                self.read[uri] if self.read[uri].kept else None,
            )
        return SiteState(
            self.build_key, records, static=self.static, folders=self.folders, carried=self.carried, last=self.last
        )


def _from_record(record: PageRecord) -> tuple[Any, ...]:
    return (record.title, set(record.anchors) if record.anchors is not None else None, record.links)
