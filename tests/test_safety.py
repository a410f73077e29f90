"""Never lose an edit or a byte: edits kept, atomic output, incremental runs."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from baogao.build import staging

from .conftest import ROOT, SAMPLE, run_build


def _snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def _build(tmp: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return run_build("--content", str(tmp / "content"), "--site", str(tmp / "site"), *arguments)


def _sources(tmp: Path) -> Path:
    """Two reports in a folder of their own."""
    folder = tmp / "sources"
    folder.mkdir(exist_ok=True)
    shutil.copy(SAMPLE, folder / "a.txt")
    (folder / "b.txt").write_text(SAMPLE.read_text(encoding="utf-8").replace("500所", "600所"), encoding="utf-8")
    return folder


def test_force_overwrites_an_edit_after_backing_it_up(tmp_path: Path) -> None:
    sources = _sources(tmp_path)
    assert _build(tmp_path, "-q", "--no-site", str(sources)).returncode == 0
    page = tmp_path / "content" / "a" / "01.md"
    original = page.read_text(encoding="utf-8")
    page.write_text(original + "\n我的批注。\n", encoding="utf-8")
    (sources / "a.txt").write_text(SAMPLE.read_text(encoding="utf-8").replace("500所", "501所"), encoding="utf-8")
    result = _build(tmp_path, "--no-site", "--force", str(sources))
    assert result.returncode == 0, result.stderr
    assert "501所" in page.read_text(encoding="utf-8")
    backups = list((tmp_path / "content" / ".baogao" / "backup" / "a").glob("01.md.*"))
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8").endswith("我的批注。\n")
    assert f"overwrote your edit of {page}; saved it as" in result.stderr


def test_an_unchanged_rerun_does_no_work(tmp_path: Path) -> None:
    sources = _sources(tmp_path)
    assert _build(tmp_path, "-q", str(sources)).returncode == 0
    before_content, before_site = _mtimes(tmp_path / "content"), _mtimes(tmp_path / "site")
    result = _build(tmp_path, str(sources))
    assert result.returncode == 0
    assert "0 report(s) changed" in result.stderr
    assert _mtimes(tmp_path / "content") == before_content
    # MkDocs did not run: not one file of the site was rewritten.
    assert _mtimes(tmp_path / "site") == before_site


def test_the_site_is_rebuilt_when_a_page_changes_and_only_then(tmp_path: Path) -> None:
    # An unchanged re-run trusts files' sizes and times; when those moved, it
    # hashes the files, so a touched page costs a hash, an edited one a build.
    sources = _sources(tmp_path)
    assert _build(tmp_path, "-q", str(sources)).returncode == 0
    page = tmp_path / "content" / "a" / "01.md"
    before = _mtimes(tmp_path / "site")
    os.utime(page)  # same bytes, new time
    assert _build(tmp_path, "-q", str(sources)).returncode == 0
    assert _mtimes(tmp_path / "site") == before
    text = page.read_text(encoding="utf-8")
    edited = text.replace("500所", "501所")  # same size: only the bytes tell
    stat = page.stat()
    page.write_text(edited, encoding="utf-8")
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    assert _build(tmp_path, "-q", str(sources)).returncode == 0
    assert "501所" in (tmp_path / "site" / "a" / "01.html").read_text(encoding="utf-8")


def test_a_changed_source_rerenders_only_its_report(tmp_path: Path) -> None:
    sources = _sources(tmp_path)
    assert _build(tmp_path, "-q", "--no-site", str(sources)).returncode == 0
    before = _mtimes(tmp_path / "content")
    (sources / "b.txt").write_text(SAMPLE.read_text(encoding="utf-8").replace("500所", "700所"), encoding="utf-8")
    result = _build(tmp_path, "--no-site", str(sources))
    assert "1 report(s) changed" in result.stderr
    after = _mtimes(tmp_path / "content")
    changed = {name for name in after if after[name] != before.get(name)}
    assert {name for name in changed if name.startswith("a/")} == set()
    assert "b/01.md" in changed and "b/report.json" in changed


def test_removing_a_source_removes_its_pages_but_never_an_edited_one(tmp_path: Path) -> None:
    sources = _sources(tmp_path)
    assert _build(tmp_path, "-q", "--no-site", str(sources)).returncode == 0
    edited = tmp_path / "content" / "b" / "02.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n我的批注。\n", encoding="utf-8")
    (sources / "b.txt").unlink()
    result = _build(tmp_path, "--no-site", str(sources))
    assert result.returncode == 0, result.stderr
    assert edited.read_text(encoding="utf-8").endswith("我的批注。\n")
    assert f"kept your edit of {tmp_path / 'content'}/b/02.md; its source is gone" in result.stderr
    assert not (tmp_path / "content" / "b" / "01.md").exists()
    assert (tmp_path / "content" / "a" / "01.md").exists()
    assert "b/index.md" not in (tmp_path / "content" / ".baogao" / "nav.yml").read_text(encoding="utf-8")


def test_pages_a_report_no_longer_has_are_removed_but_not_if_edited(tmp_path: Path) -> None:
    source = tmp_path / "r.txt"
    source.write_text(
        "报告\n一、甲\n正文一。\n二、乙\n正文二。\n三、丙\n正文三。\n四、丁\n正文四。\n", encoding="utf-8"
    )
    assert _build(tmp_path, "-q", "--no-site", str(source)).returncode == 0
    folder = tmp_path / "content" / "r"
    edited = folder / "04.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n我的批注。\n", encoding="utf-8")
    source.write_text("报告\n一、甲\n正文一。\n二、乙\n正文二。\n", encoding="utf-8")
    result = _build(tmp_path, "--no-site", str(source))
    assert result.returncode == 0, result.stderr
    assert not (folder / "03.md").exists()
    assert edited.exists() and "kept your edit" in result.stderr


def test_a_source_keeps_its_folder_when_a_namesake_goes(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / "src" / name).mkdir(parents=True)
    (tmp_path / "src" / "a" / "x.txt").write_text("甲报告\n一、甲\n正文。\n", encoding="utf-8")
    (tmp_path / "src" / "b" / "x.txt").write_text("乙报告\n一、乙\n正文。\n", encoding="utf-8")
    assert _build(tmp_path, "-q", "--no-site", str(tmp_path / "src")).returncode == 0
    assert "乙报告" in (tmp_path / "content" / "x-2" / "index.md").read_text(encoding="utf-8")
    (tmp_path / "src" / "a" / "x.txt").unlink()
    assert _build(tmp_path, "-q", "--no-site", str(tmp_path / "src")).returncode == 0
    nav = (tmp_path / "content" / ".baogao" / "nav.yml").read_text(encoding="utf-8")
    assert nav.count("乙报告") == 1 and "x-2/index.md" in nav
    assert not (tmp_path / "content" / "x").exists()


def test_a_symlinked_content_folder_stays_a_link(tmp_path: Path) -> None:
    sources = _sources(tmp_path)
    (tmp_path / "real").mkdir()
    (tmp_path / "content").symlink_to(tmp_path / "real")
    for _ in range(2):
        assert _build(tmp_path, "-q", "--no-site", str(sources)).returncode == 0
        (sources / "a.txt").write_text(SAMPLE.read_text(encoding="utf-8") + "\n补充。\n", encoding="utf-8")
    assert (tmp_path / "content").is_symlink()
    assert (tmp_path / "real" / "a" / "01.md").is_file()


def test_files_a_user_added_are_never_touched(tmp_path: Path) -> None:
    sources = _sources(tmp_path)
    notes = tmp_path / "content" / "notes.md"
    notes.parent.mkdir()
    notes.write_text("# 我的笔记\n", encoding="utf-8")
    assert _build(tmp_path, "-q", "--no-site", str(sources)).returncode == 0
    assert notes.read_text(encoding="utf-8") == "# 我的笔记\n"


def _kill_when(command: list[str], marker: Path, kill: signal.Signals) -> bool:
    """Run `command`, send `kill` as soon as `marker` exists; whether it was seen."""
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    seen = False
    while process.poll() is None and time.monotonic() < deadline:
        if marker.exists():
            process.send_signal(kill)
            seen = True
            break
        time.sleep(0.001)
    process.communicate(timeout=60)
    return seen


@pytest.mark.parametrize("kill", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "Ctrl-C"])
def test_a_killed_build_leaves_the_previous_output_whole(tmp_path: Path, kill: signal.Signals) -> None:
    sources = _sources(tmp_path)
    for index in range(6):  # enough work that a kill lands mid-build
        shutil.copy(SAMPLE, sources / f"c{index}.txt")
    content, site = tmp_path / "content", tmp_path / "site"
    assert _build(tmp_path, "-q", str(sources)).returncode == 0
    old = (_snapshot(content), _snapshot(site))
    new_text = SAMPLE.read_text(encoding="utf-8").replace("500所", "800所")

    def use(text: str | None) -> None:
        for index in range(6):
            if text is None:
                shutil.copy(SAMPLE, sources / f"c{index}.txt")
            else:
                (sources / f"c{index}.txt").write_text(text, encoding="utf-8")

    use(new_text)
    assert _build(tmp_path, "-q", str(sources)).returncode == 0
    new = (_snapshot(content), _snapshot(site))
    assert new != old
    command = [sys.executable, str(ROOT / "build.py"), "-q", "--content", str(content), "--site", str(site)]
    # Kill while content/ is being staged, and while MkDocs builds the site:
    # the staging folders show that the build is under way.
    for marker in (tmp_path / ".content.staging", tmp_path / ".site.staging"):
        caught = False
        for _ in range(5):
            use(None)  # back to the old sources and output
            assert _build(tmp_path, "-q", str(sources)).returncode == 0
            assert (_snapshot(content), _snapshot(site)) == old
            use(new_text)
            caught = _kill_when([*command, str(sources)], marker, kill)
            state = (_snapshot(content), _snapshot(site))
            assert state[0] in (old[0], new[0]), f"content/ is neither old nor new after a kill at {marker.name}"
            assert state[1] in (old[1], new[1]), f"site/ is neither old nor new after a kill at {marker.name}"
            if caught:
                break
        assert caught, f"never caught the build with {marker.name} present"
    # A later run finishes the job and leaves nothing behind.
    assert _build(tmp_path, "-q", str(sources)).returncode == 0
    assert (_snapshot(content), _snapshot(site)) == new
    # Besides the output only the file times of the last build and of its
    # sources (see site.stats_cache and sources.digests_cache).
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == [".content.sources.json", ".site.stats.json", "content", "site", "sources"]


def test_a_page_saved_during_the_build_is_not_lost(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from baogao.build import store
    from baogao.cli import main

    sources = _sources(tmp_path)
    arguments = ["-q", "--no-site", "--content", str(tmp_path / "content"), str(sources)]
    assert main(arguments, root=ROOT) == 0
    page = tmp_path / "content" / "a" / "01.md"
    (sources / "a.txt").write_text(SAMPLE.read_text(encoding="utf-8") + "\n补充。\n", encoding="utf-8")
    real_apply = store.apply_files

    def apply_while_the_user_saves(*args, **kwargs):  # type: ignore[no-untyped-def]
        # An editor saving through a temporary file and a rename.
        saved = page.with_name("01.md.swp")
        saved.write_text("# 我在构建时保存的修改\n", encoding="utf-8")
        os.replace(saved, page)
        return real_apply(*args, **kwargs)

    monkeypatch.setattr(store, "apply_files", apply_while_the_user_saves)
    assert main(arguments, root=ROOT) == 1
    assert page.read_text(encoding="utf-8") == "# 我在构建时保存的修改\n"


def test_a_second_build_of_the_same_folder_stops_at_once(tmp_path: Path) -> None:
    import fcntl

    sources = _sources(tmp_path)
    # A build in progress holds this lock (baogao.build.staging.exclusive).
    handle = os.open(tmp_path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        result = _build(tmp_path, "-q", str(sources))
    finally:
        os.close(handle)
    assert result.returncode == 1
    assert result.stderr.strip().endswith(f"another build in {tmp_path} is running; try again when it has finished")
    assert not (tmp_path / "content").exists() and not (tmp_path / "site").exists()
    assert _build(tmp_path, "-q", str(sources)).returncode == 0


def test_a_worker_left_behind_by_a_killed_build_does_not_hold_the_lock(tmp_path: Path) -> None:
    # Forked workers (report processing, MkDocs pages) inherit the lock's
    # handle; one orphaned by `kill -9` must not lock out the next build.
    import multiprocessing

    from baogao.build.staging import exclusive
    from baogao.errors import BaogaoError

    target = tmp_path / "content"
    context = multiprocessing.get_context("fork")
    running = context.Event()

    def work() -> None:
        running.set()
        time.sleep(60)

    with exclusive(target):
        worker = context.Process(target=work, daemon=True)
        worker.start()
        assert running.wait(30)  # the worker runs: its copy of the handle is closed or never will be
    try:
        with exclusive(target):
            pass
    except BaogaoError as error:  # pragma: no cover - the failure being tested
        pytest.fail(f"the lock outlived the build: {error}")
    finally:
        worker.kill()
        worker.join()


def _folder_with_parts(tmp: Path) -> Path:
    site = tmp / "site"
    for name in ("part-a", "part-b"):
        (site / name).mkdir(parents=True)
        (site / name / "index.bin").write_bytes(name.encode())
    (site / "index.html").write_text("old", encoding="utf-8")
    return site


def test_folders_carried_into_a_build_that_fails_go_back(tmp_path: Path) -> None:
    site = _folder_with_parts(tmp_path)
    before = _snapshot(site)
    with pytest.raises(RuntimeError), staging.staged(site, copy=False) as stage:
        (stage / "index.html").write_text("new", encoding="utf-8")
        staging.carry(site.absolute(), stage, ["part-a", "part-b"])
        raise RuntimeError("stopped after the folders moved, before the swap")
    assert _snapshot(site) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_folders_carried_into_a_killed_build_go_back_on_the_next_run(tmp_path: Path) -> None:
    site = _folder_with_parts(tmp_path)
    before = _snapshot(site)
    stage = tmp_path / ".site.staging"  # as a build killed after `carry` leaves it
    stage.mkdir()
    staging.carry(site.absolute(), stage, ["part-a", "part-b"])
    assert not (site / "part-a").exists()
    staging.recover(site.absolute())
    assert _snapshot(site) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_a_build_killed_after_the_swap_keeps_the_carried_folders(tmp_path: Path) -> None:
    site = _folder_with_parts(tmp_path)
    stage = tmp_path / ".site.staging"
    stage.mkdir()
    (stage / "index.html").write_text("new", encoding="utf-8")
    staging.carry(site.absolute(), stage, ["part-a", "part-b"])
    staging.exchange(stage, site.absolute())  # killed here: the old site lies at the staging name
    staging.recover(site.absolute())
    assert _snapshot(site) == {"index.html": b"new", "part-a/index.bin": b"part-a", "part-b/index.bin": b"part-b"}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_a_source_changed_during_the_build_stops_it_with_content_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A source's bytes are read again when its turn comes (a run does not
    # hold them all): if they are no longer what was hashed, the run stops.
    from baogao.build import pipeline
    from baogao.cli import main

    sources = _sources(tmp_path)
    arguments = ["-q", "--no-site", "--content", str(tmp_path / "content"), str(sources)]
    assert main(arguments, root=ROOT) == 0
    before = _snapshot(tmp_path / "content")
    (sources / "a.txt").write_text(SAMPLE.read_text(encoding="utf-8") + "\n补充。\n", encoding="utf-8")
    real = pipeline.prepare_reports

    def prepare_after_a_save(todo, templates):  # type: ignore[no-untyped-def]
        (sources / "a.txt").write_text(SAMPLE.read_text(encoding="utf-8") + "\n又改了。\n", encoding="utf-8")
        return real(todo, templates)

    monkeypatch.setattr(pipeline, "prepare_reports", prepare_after_a_save)
    assert main(arguments, root=ROOT) == 1
    assert _snapshot(tmp_path / "content") == before
    monkeypatch.undo()
    assert main(arguments, root=ROOT) == 0
    assert "又改了" in (tmp_path / "content" / "a" / "fulltext.txt").read_text(encoding="utf-8")
