"""A site built again after a change is the site a full build would write.

Each case changes something a user changes (a source, a page in content/,
a report removed or added), builds again over the last site, then builds the
same content into an empty folder, and compares the two trees byte for byte.
The index is split into parts of one or two reports, so that some parts are
linked from the last build and some indexed again.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.structure.pages import Page

from baogao import cli
from baogao.build import incremental, pagefind
from baogao.build.database import DATABASE_FILE, write_database
from baogao.build.plugin import BaogaoConfig

from .conftest import ROOT
from .test_parallel import differences, make_sources

REPORTS = 5


def build(sources: Path, content: Path, site: Path) -> None:
    arguments = ["-q", "--search", "pagefind", "--content", str(content), "--site", str(site), str(sources)]
    assert cli.main(arguments, root=ROOT) == 0


@pytest.fixture
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    # A large site's sidebar (the site's pages and the page's own report), as
    # above 30 reports: a report added then changes no other report's sidebar.
    monkeypatch.setattr(BaogaoConfig.full_nav_max_reports, "default", 2)
    monkeypatch.setattr(pagefind, "FOLDERS_PER_INDEX", 2)
    monkeypatch.setattr(pagefind, "PART_MIN", 1)
    monkeypatch.setattr(pagefind, "PART_CUT", 2)
    monkeypatch.setattr(pagefind, "HEADINGS_FOLDERS_PER_INDEX", 2)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")


@pytest.fixture
def built(tmp_path: Path, small_parts: None) -> Iterator[Path]:
    make_sources(tmp_path / "sources", REPORTS)
    build(tmp_path / "sources", tmp_path / "content", tmp_path / "site")
    yield tmp_path


REBUILT = "(the build over the last site ended here)"


def inodes(site: Path) -> dict[str, int]:
    return {path.relative_to(site).as_posix(): path.stat().st_ino for path in site.rglob("*") if path.is_file()}


def rebuilt_like_a_full_build(out: Path, then: list[str] | None = None) -> dict[str, int]:
    """Build again over the last site, check it against a full build of the
    same content into an empty folder, and return the files' inodes before.
    `then` is marked where the build over the last site ended."""
    before = inodes(out / "site")
    build(out / "sources", out / "content", out / "site")
    if then is not None:
        then.append(REBUILT)
    build(out / "sources", out / "content", out / "full")
    assert differences(out / "site", out / "full") == []
    shutil.rmtree(out / "full")
    # The database, written again for the changed reports only, is the file a full write gives.
    database = out / "content" / DATABASE_FILE
    written = database.read_bytes()
    slugs = [path.name for path in (out / "content").iterdir() if (path / "report.json").is_file()]
    write_database(out / "content", slugs)
    assert database.read_bytes() == written
    return before


def kept(before: dict[str, int], site: Path, prefix: str) -> set[str]:
    """Files under `prefix` that are the very files of the last build."""
    after = inodes(site)
    return {name for name, inode in after.items() if name.startswith(prefix) and before.get(name) == inode}


def test_one_changed_source_renders_its_own_pages_only(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    changed = built / "sources" / "report-02.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("学校", "学堂", 1), encoding="utf-8")
    read: list[str] = []
    original = Page.read_source

    def reading(page: Page, config: object) -> None:
        read.append(page.file.src_uri)
        original(page, config)

    monkeypatch.setattr(Page, "read_source", reading)
    before = rebuilt_like_a_full_build(built, read)
    # The pages of the reports that did not change are not even read (their front matter is known).
    read = read[: read.index(REBUILT)]
    assert any(uri.startswith("report-02/") for uri in read)
    assert not [uri for uri in read if uri.startswith(("report-00/", "report-04/"))]
    site = built / "site"
    assert not kept(before, site, "report-02/01.html"), "the changed report's page was not written again"
    # The navigation is as it was: the theme's own pages are the last build's too.
    assert kept(before, site, "404.html") and kept(before, site, "sitemap.xml") == {"sitemap.xml", "sitemap.xml.gz"}
    for other in ("report-00", "report-01", "report-03", "report-04"):
        pages = {path.relative_to(site).as_posix() for path in (site / other).glob("0*.html")}
        assert pages and kept(before, site, f"{other}/0") == pages, f"{other} was rendered again"
    # The index parts that hold no changed page are the last build's files;
    # the part that holds it is new where the change is.
    parts = [folder.name for folder in site.glob("pagefind-*") if not folder.name.startswith(pagefind.HEADINGS_INDEX)]
    assert len(parts) >= 3
    files = {part: {name for name in inodes(site) if name.startswith(f"{part}/")} for part in parts}
    linked = [part for part in parts if kept(before, site, f"{part}/") == files[part]]
    assert 0 < len(linked) < len(parts)
    # Indexed again, a part still takes the files Pagefind wrote as they were
    # (most of them: their names are hashes of what they hold), and their twins.
    for part in set(parts) - set(linked):
        same = kept(before, site, f"{part}/fragment/")
        assert same and any(f"{name}.js" in same for name in same), part


def test_a_change_that_leaves_every_heading_keeps_the_index_of_headings(built: Path) -> None:
    changed = built / "sources" / "report-02.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n补充的一句话，不是标题。\n", encoding="utf-8")
    before = rebuilt_like_a_full_build(built)
    site = built / "site"
    # The index of headings is cut in parts too (here a part for two reports), none indexed again.
    folders = sorted(site.glob(f"{pagefind.HEADINGS_INDEX}*"))
    assert len(folders) >= 2
    for folder in folders:
        headings = {path.relative_to(site).as_posix() for path in folder.rglob("*") if path.is_file()}
        assert headings and kept(before, site, f"{folder.name}/") == headings, folder.name


def test_index_folders_hold_no_file_the_search_page_never_loads(built: Path) -> None:
    folders = sorted((built / "site").glob("pagefind*"))
    assert len(folders) >= 4  # the site's pages, the headings and the report parts
    for folder in folders:
        names = {path.name for path in folder.iterdir()}
        assert not names & set(pagefind.UNUSED_FILES), folder.name
        assert "pagefind-entry.json" in names and {"index", "fragment"} <= names, folder.name
        # Only the indexes the page opens itself carry search code; the parts are merged into the first.
        primary = folder.name in (pagefind.MAIN_INDEX, pagefind.HEADINGS_INDEX)
        assert ({"pagefind.js", "wasm.en.pagefind"} <= names) == primary, folder.name
        assert primary or not names & set(pagefind.PRIMARY_ONLY_FILES), folder.name


def test_an_edited_page_in_content_is_published_like_a_full_build(built: Path) -> None:
    page = built / "content" / "report-01" / "02.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n读者补充的一段话。\n", encoding="utf-8")
    before = rebuilt_like_a_full_build(built)
    site = built / "site"
    assert "读者补充的一段话" in (site / "report-01" / "02.html").read_text(encoding="utf-8")
    assert kept(before, site, "report-03/")


def test_a_removed_report_is_gone_like_a_full_build(built: Path) -> None:
    (built / "sources" / "report-03.txt").unlink()
    before = rebuilt_like_a_full_build(built)
    assert not (built / "site" / "report-03").exists()
    # The navigation changed: the 404 page's sidebar and the sitemap were made again.
    assert not kept(before, built / "site", "404.html") and not kept(before, built / "site", "sitemap.xml")
    assert "report-03" not in (built / "site" / "index.html").read_text(encoding="utf-8")


def test_an_added_report_is_built_like_a_full_build(built: Path) -> None:
    make_sources(built / "more", REPORTS + 1)
    shutil.copy(built / "more" / f"report-{REPORTS:02d}.txt", built / "sources")
    before = rebuilt_like_a_full_build(built)
    assert (built / "site" / f"report-{REPORTS:02d}" / "index.html").is_file()
    assert kept(before, built / "site", "report-00/0")


def test_on_a_small_site_a_report_added_changes_every_sidebar(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Up to 30 reports every page lists every report: all pages are written again.
    monkeypatch.setattr(BaogaoConfig.full_nav_max_reports, "default", 30)
    build(built / "sources", built / "content", built / "site")
    make_sources(built / "more", REPORTS + 1)
    shutil.copy(built / "more" / f"report-{REPORTS:02d}.txt", built / "sources")
    before = rebuilt_like_a_full_build(built)
    assert not kept(before, built / "site", "report-00/0")


def test_a_damaged_or_foreign_state_means_a_full_build(built: Path) -> None:
    state = incremental.state_path(built / "site")
    state.write_text("{not json", encoding="utf-8")
    changed = built / "sources" / "report-04.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n补充一句。\n", encoding="utf-8")
    before = rebuilt_like_a_full_build(built)
    linked = {name for name in kept(before, built / "site", "report-00/") if name.endswith(".html")}
    assert not linked, "pages were linked on a damaged state's word"
    # A state written for another build of the site (its stamp differs) is not believed either.
    assert incremental.read_state(built / "site", "another build key") is None


def test_pages_linked_from_the_last_build_are_never_written_through(built: Path) -> None:
    # The last site's files are hard links of the new one's: a build that
    # wrote into a linked file would change the old site before the swap.
    old = {path: path.read_bytes() for path in (built / "site" / "report-00").glob("*.html")}
    snapshot = built / "snapshot"
    shutil.copytree(built / "site", snapshot, copy_function=os.link)
    changed = built / "sources" / "report-00.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("学校", "学堂", 1), encoding="utf-8")
    build(built / "sources", built / "content", built / "site")
    for path, data in old.items():
        assert (snapshot / path.relative_to(built / "site")).read_bytes() == data


def test_parts_are_cut_where_names_say_and_larger_on_large_sites() -> None:
    folders = [f"report-{number:05d}" for number in range(1200)]
    parts = pagefind.index_parts(folders)
    assert [folder for part in parts for folder in part] == folders
    assert max(map(len, parts)) <= pagefind.FOLDERS_PER_INDEX
    assert all(len(part) >= pagefind.PART_MIN for part in parts[:-1])
    # A report added changes its own part alone: the parts before it are as they were.
    grown = pagefind.index_parts(sorted([*folders, "report-00600a"]))
    changed = [part for part in grown if part not in parts]
    assert len(changed) <= 2 and any("report-00600a" in part for part in changed)
    # Above LARGE_SITE_FOLDERS, fewer and larger parts (the search page merges every part).
    many = [f"report-{number:05d}" for number in range(pagefind.LARGE_SITE_FOLDERS + 1)]
    large = pagefind.index_parts(many)
    assert max(map(len, large)) <= pagefind.LARGE_FOLDERS_PER_INDEX
    assert len(large) < len(many) / pagefind.FOLDERS_PER_INDEX


def test_a_page_whose_front_matter_holds_a_date_is_rendered_again_when_edited(built: Path) -> None:
    # A date in front matter does not read back from JSON as it was, so the
    # page is read on every build; its edits must still be seen.
    page = built / "content" / "report-01" / "02.md"
    text = page.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    page.write_text(text.replace("---\n", "---\nupdated: 2024-01-02\n", 1), encoding="utf-8")
    rebuilt_like_a_full_build(built)
    page.write_text(page.read_text(encoding="utf-8") + "\n读者第二次补充的话。\n", encoding="utf-8")
    rebuilt_like_a_full_build(built)
    assert "读者第二次补充的话" in (built / "site" / "report-01" / "02.html").read_text(encoding="utf-8")


def test_the_folders_of_reports_that_did_not_change_are_taken_whole(built: Path) -> None:
    # Moved from the last site as folders (one rename each), not file by file:
    # the folder itself is the last build's.
    site = built / "site"
    folders = {path.name: path.stat().st_ino for path in site.iterdir() if path.name.startswith("report-")}
    changed = built / "sources" / "report-02.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n补充一句。\n", encoding="utf-8")
    rebuilt_like_a_full_build(built)
    taken = {name for name, inode in folders.items() if (site / name).stat().st_ino == inode}
    assert taken == set(folders) - {"report-02"}


def test_a_file_added_to_or_removed_from_a_report_folder_is_published_like_a_full_build(built: Path) -> None:
    # A reader's own file beside a report's pages (a scan, a note) is copied
    # into the site; removed, it is gone from the site too.
    added = built / "content" / "report-01" / "scan-notes.txt"
    added.write_text("读者放进来的附件。\n", encoding="utf-8")
    rebuilt_like_a_full_build(built)
    assert (built / "site" / "report-01" / "scan-notes.txt").read_text(encoding="utf-8") == "读者放进来的附件。\n"
    added.write_text("附件改过了。\n", encoding="utf-8")
    rebuilt_like_a_full_build(built)
    assert (built / "site" / "report-01" / "scan-notes.txt").read_text(encoding="utf-8") == "附件改过了。\n"
    added.unlink()
    rebuilt_like_a_full_build(built)
    assert not (built / "site" / "report-01" / "scan-notes.txt").exists()
