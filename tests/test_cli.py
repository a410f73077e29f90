"""build.py as a user runs it: options, exit codes, one-line errors, edits kept."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT, SAMPLE, SLUG, run_build


def _content_only(tmp_path: Path, *sources: str) -> subprocess.CompletedProcess[str]:
    return run_build("-q", "--no-site", "--content", str(tmp_path / "content"), *sources)


def test_no_site_writes_markdown_and_json_only(tmp_path: Path) -> None:
    result = run_build("--no-site", "--content", str(tmp_path / "c"), "--site", str(tmp_path / "s"), str(SAMPLE))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "c" / SLUG / "report.json").is_file()
    assert not (tmp_path / "s").exists()
    assert "built content: 1 report(s) changed" in result.stderr


def test_quiet_prints_nothing_on_success(tmp_path: Path) -> None:
    result = _content_only(tmp_path, str(SAMPLE))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_folders_are_searched_for_reports(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(SAMPLE, folder / "sub" / "a.txt")
    shutil.copy(SAMPLE, folder / "b.txt")
    (folder / "notes.md").write_text("not a report", encoding="utf-8")
    assert _content_only(tmp_path, str(folder)).returncode == 0
    assert sorted(p.name for p in (tmp_path / "content").iterdir() if not p.name.startswith(".")) == [
        "a",
        "b",
        "catalogue-data.js",
        "compare.md",
        "corpus.sqlite",
        "index.md",
    ]


def test_bad_input_is_one_line_naming_the_file_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "坏 文件.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    result = _content_only(tmp_path, str(SAMPLE), str(bad))
    assert result.returncode == 2
    lines = result.stderr.strip().split("\n")
    assert len(lines) == 1
    assert "坏 文件.txt" in lines[0] and "not text" in lines[0]
    assert not (tmp_path / "content").exists()


def test_missing_source_is_an_error(tmp_path: Path) -> None:
    result = _content_only(tmp_path, str(tmp_path / "nope.txt"))
    assert result.returncode == 2
    assert "nope.txt: no such file or folder" in result.stderr


def test_a_bad_file_leaves_earlier_content_untouched(tmp_path: Path) -> None:
    assert _content_only(tmp_path, str(SAMPLE)).returncode == 0
    before = {p: p.read_bytes() for p in (tmp_path / "content").rglob("*") if p.is_file()}
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = _content_only(tmp_path, str(SAMPLE), str(empty))
    assert result.returncode == 2 and "empty.txt: file is empty" in result.stderr
    after = {p: p.read_bytes() for p in (tmp_path / "content").rglob("*") if p.is_file()}
    assert after == before


def test_an_edited_page_is_never_overwritten(tmp_path: Path) -> None:
    assert _content_only(tmp_path, str(SAMPLE)).returncode == 0
    page = tmp_path / "content" / SLUG / "01.md"
    edited = page.read_text(encoding="utf-8").replace("全市现有", "【读者修订】全市现有")
    page.write_text(edited, encoding="utf-8")
    source = tmp_path / SAMPLE.name
    changed = SAMPLE.read_text(encoding="utf-8").replace("500所", "501所").replace("党总支的48所", "党总支的49所")
    source.write_text(changed, encoding="utf-8")
    result = run_build("--no-site", "--content", str(tmp_path / "content"), str(source))
    assert result.returncode == 0, result.stderr
    assert page.read_text(encoding="utf-8") == edited
    assert f"kept your edit of {page}" in result.stderr
    # The data of the edited page follow the reader's text (issue 15); those
    # of pages the reader did not edit follow the source.
    data = json.loads((tmp_path / "content" / SLUG / "report.json").read_text(encoding="utf-8"))
    assert "【读者修订】全市现有各级各类学校(园)500所" in data["sections"][0]["text"]
    assert "党总支的49所" in (tmp_path / "content" / SLUG / "02.md").read_text(encoding="utf-8")
    assert data["edited_pages"] == ["01.md"]


def _mkdocs_project(tmp_path: Path) -> Path:
    """A project folder as a user has it: mkdocs.yml, templates/ and content/ built from the example."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project)
    shutil.copytree(ROOT / "templates", project / "templates")
    assert run_build("-q", "--no-site", "--content", str(project / "content"), str(SAMPLE)).returncode == 0
    return project


def test_mkdocs_build_works_on_its_own_after_an_edit(tmp_path: Path) -> None:
    project = _mkdocs_project(tmp_path)
    page = project / "content" / SLUG / "01.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n读者补充的一段话。\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "读者补充的一段话。" in (project / "site" / SLUG / "01.html").read_text(encoding="utf-8")
    assert (project / "site" / "search" / "search_index.json").is_file()


def _state_rows(content: Path) -> dict[str, dict[str, object]]:
    """The manifest's reports as the state database holds them, by slug."""
    with closing(sqlite3.connect(content / ".baogao" / "state.sqlite")) as db:
        rows = db.execute("SELECT slug, source, sha256, files, listing FROM reports").fetchall()
    return {
        slug: {"source": source, "sha256": digest, "files": json.loads(files), "listing": json.loads(listing)}
        for slug, source, digest, files, listing in rows
    }


def test_a_damaged_manifest_is_replaced_with_a_warning_that_says_why_and_edits_are_kept(tmp_path: Path) -> None:
    assert _content_only(tmp_path, str(SAMPLE)).returncode == 0
    page = tmp_path / "content" / SLUG / "01.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n读者的补充。\n", encoding="utf-8")
    state = tmp_path / "content" / ".baogao" / "state.sqlite"
    state.write_bytes(state.read_bytes()[:100] + b"\0" * 300)
    result = _content_only(tmp_path, str(SAMPLE))
    assert result.returncode == 0, result.stderr
    warning = result.stderr.splitlines()[0]
    assert warning.startswith(f"warning: {state}: cannot be read (")
    assert "every report is rebuilt" in warning
    assert f"kept your edit of {page}" in result.stderr
    assert page.read_text(encoding="utf-8").endswith("读者的补充。\n")
    assert _state_rows(tmp_path / "content")[SLUG]["source"]


def test_a_build_not_on_a_terminal_prints_one_summary_line_and_no_third_party_chatter(tmp_path: Path) -> None:
    result = run_build("--content", str(tmp_path / "content"), "--site", str(tmp_path / "site"), str(SAMPLE))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert re.fullmatch(r"built content and site: 1 report\(s\) changed, in \S+ \(\d+\.\d s\)", lines[0])


def test_a_build_on_a_terminal_shows_its_progress(tmp_path: Path) -> None:
    import pty

    sources = tmp_path / "sources"
    sources.mkdir()
    for index in range(3):
        shutil.copy(SAMPLE, sources / f"r{index}.txt")
    leader, follower = pty.openpty()
    command = [sys.executable, str(ROOT / "build.py"), "--content", str(tmp_path / "content"), "--search", "pagefind"]
    command += ["--site", str(tmp_path / "site"), str(sources)]
    process = subprocess.Popen(command, cwd=ROOT, stdin=follower, stdout=follower, stderr=follower)
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    assert process.wait(timeout=600) == 0, output.decode(errors="replace")
    shown = output.decode("utf-8", errors="replace")
    for bar in ("reports processed: 100%", "3/3", "pages rendered: 100%", "search index parts: 100%"):
        assert bar in shown, shown
    assert "built content and site: 3 report(s) changed" in shown


def test_mkdocs_build_says_nothing_of_jieba(tmp_path: Path) -> None:
    project = _mkdocs_project(tmp_path)
    # Material's own end-of-life notice, printed before any plugin loads, is
    # silenced the way it says.
    quiet = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build"]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, env=quiet)
    assert result.returncode == 0, result.stderr
    said = result.stdout + result.stderr
    assert "prefix dict" not in said and "Loading model" not in said and "jieba" not in said.lower(), said
    # What is left is MkDocs's own account of the build (a list continues a line).
    assert all(line.startswith(("INFO", "  - ")) for line in said.splitlines() if line.strip()), said


def _as_an_older_version(content: Path, change: Callable[[dict[str, Any]], None] = lambda entry: None) -> Path:
    """Turn the state of `content` into the JSON manifest an older version
    wrote (each entry passed through `change` first); its path."""
    state = content / ".baogao" / "state.sqlite"
    with closing(sqlite3.connect(state)) as db:
        renderer = db.execute("SELECT value FROM settings WHERE name = 'renderer'").fetchone()[0]
        files = dict(db.execute("SELECT path, sha256 FROM files"))
    reports = _state_rows(content)
    for entry in reports.values():
        change(entry)
    manifest = content / ".baogao" / "manifest.json"
    manifest.write_text(json.dumps({"renderer": renderer, "reports": reports, "files": files}), encoding="utf-8")
    state.unlink()
    return manifest


def test_a_site_from_an_older_version_gains_a_report_without_rebuilding_the_others_by_hand(tmp_path: Path) -> None:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    shutil.copy(SAMPLE, first)
    shutil.copy(SAMPLE, second)
    assert _content_only(tmp_path, str(first)).returncode == 0
    # What an older version wrote: a JSON manifest, listings without metadata.
    manifest = _as_an_older_version(tmp_path / "content", lambda entry: entry["listing"].pop("metadata"))
    # The next run names only the new source; the first one is still listed.
    result = _content_only(tmp_path, str(second))
    assert result.returncode == 0, result.stderr
    home = (tmp_path / "content" / "index.md").read_text(encoding="utf-8")
    assert 'href="first/index.html"' in home and 'href="second/index.html"' in home
    assert _state_rows(tmp_path / "content")["first"]["listing"]["metadata"]["kind"]  # type: ignore[index]
    assert not manifest.exists()


def test_an_older_versions_manifest_is_moved_over_once_and_keeps_the_readers_edits(tmp_path: Path) -> None:
    import hashlib

    content = tmp_path / "content"
    assert _content_only(tmp_path, str(SAMPLE)).returncode == 0
    page = content / SLUG / "01.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n读者的补充。\n", encoding="utf-8")
    assert _content_only(tmp_path, str(SAMPLE)).returncode == 0
    manifest = _as_an_older_version(content)
    bookkeeping = {manifest, content / ".baogao" / "state.sqlite"}

    def pages() -> dict[Path, bytes]:
        return {path: path.read_bytes() for path in content.rglob("*") if path.is_file() and path not in bookkeeping}

    before = pages()
    # Nothing changed but the manifest's form: it is moved over, every page as it was.
    result = _content_only(tmp_path, str(SAMPLE))
    assert result.returncode == 0, result.stderr
    assert not manifest.exists() and (content / ".baogao" / "state.sqlite").is_file()
    assert pages() == before
    # The page is still known as the reader's edit, not as what baogao wrote.
    with closing(sqlite3.connect(content / ".baogao" / "state.sqlite")) as db:
        (recorded,) = db.execute("SELECT sha256 FROM files WHERE path = ?", (f"{SLUG}/01.md",)).fetchone()
    assert recorded != hashlib.sha256(page.read_bytes()).hexdigest()
    # And a run after that reads the database alone, and changes nothing.
    assert _content_only(tmp_path, str(SAMPLE)).returncode == 0
    assert pages() == before and not manifest.exists()


def test_a_re_run_reads_the_listings_only_when_the_site_wide_pages_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from baogao.build import manifest
    from baogao.cli import main

    sources = tmp_path / "sources"
    sources.mkdir()
    for name in ("a", "b", "c"):
        shutil.copy(SAMPLE, sources / f"{name}.txt")
    arguments = ["-q", "--no-site", "--content", str(tmp_path / "content"), str(sources)]
    assert main(arguments, root=ROOT) == 0
    read: list[str] = []
    real = manifest.listing_from_data

    def counted(data: dict[str, Any]) -> Any:
        read.append(data["slug"])
        return real(data)

    monkeypatch.setattr(manifest, "listing_from_data", counted)
    home = tmp_path / "content" / "index.md"
    before = home.read_bytes()
    assert main(arguments, root=ROOT) == 0
    assert read == []  # nothing changed: no listing is parsed
    (sources / "b.txt").write_text(SAMPLE.read_text(encoding="utf-8") + "\n补充一句。\n", encoding="utf-8")
    assert main(arguments, root=ROOT) == 0
    # One changed: the other two are read from the state for the home page.
    assert sorted(read) == ["a", "c"]
    assert home.read_bytes() != before and 'href="a/index.html"' in home.read_text(encoding="utf-8")


def test_a_listing_that_no_longer_reads_says_which_file_to_delete_and_deleting_it_recovers(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    for name in ("a", "b"):
        shutil.copy(SAMPLE, sources / f"{name}.txt")
    assert _content_only(tmp_path, str(sources)).returncode == 0
    state = tmp_path / "content" / ".baogao" / "state.sqlite"
    with closing(sqlite3.connect(state)) as db, db:
        db.execute("UPDATE reports SET listing = ? WHERE slug = 'a'", (b'{"slug": "a"}',))
    (sources / "b.txt").write_text(SAMPLE.read_text(encoding="utf-8") + "\n补充一句。\n", encoding="utf-8")
    result = _content_only(tmp_path, str(sources))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"error: {sources / 'a.txt'}: its listing in {state} does not read; "
        "delete that file and run again with --force (every report is rebuilt; each page that differs is saved as "
        "a backup)"
    )
    state.unlink()
    assert _content_only(tmp_path, "--force", str(sources)).returncode == 0
    assert "补充一句" in (tmp_path / "content" / "b" / "fulltext.txt").read_text(encoding="utf-8")
    assert list((tmp_path / "content" / ".baogao" / "backup" / "b").glob("fulltext.txt.*"))


def test_a_re_run_reads_only_the_sources_whose_size_or_times_moved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from baogao.build import sources as sources_module
    from baogao.cli import main

    # Files written this close to the run are read again (their time may not
    # have moved yet); here every file is older than the run.
    monkeypatch.setattr(sources_module, "RACY_SECONDS", 0.0)
    sources = tmp_path / "sources"
    sources.mkdir()
    for name in ("a", "b", "c"):
        shutil.copy(SAMPLE, sources / f"{name}.txt")
    content = tmp_path / "content"
    arguments = ["-q", "--no-site", "--content", str(content), str(sources)]
    assert main(arguments, root=ROOT) == 0
    # Kept beside content/, not in it: content/ is the same bytes wherever it is built.
    assert (tmp_path / ".content.sources.json").is_file()
    read: list[str] = []
    real = sources_module.read_bytes

    def counted(path: Path, name: str) -> tuple[bytes, str]:
        read.append(Path(name).name)
        return real(path, name)

    monkeypatch.setattr(sources_module, "read_bytes", counted)
    assert main(arguments, root=ROOT) == 0
    assert read == []  # nothing changed: no source is read
    # Rewritten to the same size, its time set back: its change time still moved.
    changed = sources / "b.txt"
    text = changed.read_text(encoding="utf-8")
    status = changed.stat()
    changed.write_text(text.replace("学校", "学堂", 1), encoding="utf-8")
    os.utime(changed, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert changed.stat().st_size == status.st_size
    assert main(arguments, root=ROOT) == 0
    assert "b.txt" in read and "a.txt" not in read
    assert any("学堂" in page.read_text(encoding="utf-8") for page in (content / "b").glob("*.md"))
