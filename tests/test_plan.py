"""The build plan (baogao/build/plan.py): pure, so tested without a disk."""

from __future__ import annotations

from pathlib import Path

from baogao.build.manifest import Manifest, ReportEntry
from baogao.build.plan import Given, known_slugs, plan, site_pages_needed, site_reports, stale_files
from baogao.model import Listing, Summary

SUMMARY = Summary(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, {}, 0, 0, 0)


def entry(source: str, digest: str, *files: str, listed: bool = True) -> ReportEntry:
    listing = Listing("x", "x", (), SUMMARY, ()) if listed else None
    return ReportEntry(source, digest, files, listing)


A = entry("sources/a.txt", "aaa", "a/index.md", "a/01.md")
B = entry("sources/b.txt", "bbb", "b/index.md")
LAST = Manifest("r1", {"a/index.md": "h1", "a/01.md": "h2", "b/index.md": "h3"}, {"a": A, "b": B})
ON_DISK = {"a/index.md", "a/01.md", "b/index.md"}


def everything_exists(_source: str) -> bool:
    return True


def test_an_unchanged_source_is_current() -> None:
    result = plan(LAST, "r1", {"a": Given("sources/a.txt", "aaa")}, ON_DISK, everything_exists)
    assert result.current == {"a": A} and result.todo == ()


def test_a_changed_source_is_processed_again() -> None:
    result = plan(LAST, "r1", {"a": Given("sources/a.txt", "new")}, ON_DISK, everything_exists)
    assert result.todo == ("a",) and result.current == {}


def test_new_code_or_templates_process_everything_again() -> None:
    result = plan(
        LAST, "r2", {"a": Given("sources/a.txt", "aaa"), "b": Given("sources/b.txt", "bbb")}, ON_DISK, everything_exists
    )
    assert result.todo == ("a", "b")


def test_a_page_baogao_wrote_that_was_deleted_is_written_again() -> None:
    result = plan(LAST, "r1", {"a": Given("sources/a.txt", "aaa")}, ON_DISK - {"a/01.md"}, everything_exists)
    assert result.todo == ("a",)


def test_a_source_given_under_another_path_is_processed_again() -> None:
    result = plan(LAST, "r1", {"a": Given("elsewhere/a.txt", "aaa")}, ON_DISK, everything_exists)
    assert result.todo == ("a",)


def test_an_entry_without_its_listing_is_processed_again() -> None:
    last = Manifest("r1", LAST.files, {"a": entry("sources/a.txt", "aaa", "a/index.md", listed=False)})
    assert plan(last, "r1", {"a": Given("sources/a.txt", "aaa")}, ON_DISK, everything_exists).todo == ("a",)


def test_reports_not_named_are_kept_while_their_source_exists_and_gone_after() -> None:
    given = {"a": Given("sources/a.txt", "aaa")}
    kept = plan(LAST, "r1", given, ON_DISK, everything_exists)
    assert kept.carried == {"b": B} and kept.gone == ()
    gone = plan(LAST, "r1", given, ON_DISK, lambda source: source != "sources/b.txt")
    assert gone.carried == {} and gone.gone == ("b",)


def test_stale_files_are_the_pages_a_changed_report_no_longer_has() -> None:
    shorter = {"a": entry("sources/a.txt", "new", "a/index.md"), "b": B}
    assert stale_files(LAST, shorter, ["a"]) == {"a": ["a/01.md"]}
    assert stale_files(LAST, shorter, []) == {}
    assert stale_files(Manifest(), shorter, ["a"]) == {}  # a new report has nothing stale


def test_site_pages_are_rendered_when_anything_changed_or_one_is_missing() -> None:
    pages = ("index.md", "compare.md")
    last = Manifest("r1", {"index.md": "h", "compare.md": "h"}, {"a": A})
    assert not site_pages_needed(last, last, False, pages, lambda _name: True)
    assert site_pages_needed(last, last, True, pages, lambda _name: True)
    assert site_pages_needed(last, Manifest("r2", last.files, last.reports), False, pages, lambda _name: True)
    assert site_pages_needed(last, last, False, pages, lambda name: name != "compare.md")
    assert site_pages_needed(Manifest("r1", {}, {"a": A}), Manifest("r1", {}, {"a": A}), False, pages, lambda _: True)


def test_a_source_keeps_the_slug_an_earlier_run_gave_it() -> None:
    shown = {Path("/p/sources/a.txt"): "sources/a.txt", Path("/p/new.txt"): "new.txt"}
    assert known_slugs(LAST, shown) == {Path("/p/sources/a.txt"): "a"}


def test_the_site_counts_given_reports_and_earlier_ones_still_there() -> None:
    assert site_reports(LAST, ["a", "c"], everything_exists) == 3
    assert site_reports(LAST, ["a", "c"], lambda source: source == "sources/a.txt") == 2


def test_an_earlier_report_without_its_listing_is_read_again_not_kept_as_it_is() -> None:
    # A manifest written by an older version lacks the listing baogao now keeps.
    last = Manifest("r1", LAST.files, {"a": A, "b": entry("sources/b.txt", "bbb", "b/index.md", listed=False)})
    result = plan(last, "r1", {"a": Given("sources/a.txt", "aaa")}, ON_DISK, everything_exists)
    assert result.carried == {} and result.refresh == ("b",) and result.gone == ()
