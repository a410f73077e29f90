"""Another copy's reading beside a mark (issue 14): where one copy of a report
prints (略) or ``**`` and another copy of it prints the words, the site shows
those words beside the mark, labelled with the copy they come from."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from baogao.render.readings import with_readings
from baogao.text.readings import other_readings

from .conftest import SAMPLE, run_build
from .searching import serve

# A few of the example's masks, each filled with words of our own: the
# example is one report, so its "other copy" has to be written here.
FILLED = {
    "经自查, (略) 全面完成": "经自查，张掖市全面完成",
    "制定下发《 (略) 中小学校议事规则": "制定下发《张掖市中小学校议事规则",
    "在校(园)学生(幼儿)*人": "在校（园）学生（幼儿）163427人",
}


def test_a_copy_that_prints_the_words_gives_them() -> None:
    text = "经自查, (略) 全面完成了评价指标。全面加强**的领导。"
    other = "经自查，\n张掖市全面完成了评价指标。全面加强党的领导。"
    found = {(reading.mark, reading.reading) for reading in other_readings(text, other)}
    assert found == {("(略)", "张掖市"), ("**", "党")}


@pytest.mark.parametrize(
    ("text", "other"),
    [
        # The context stands twice in the other copy: which one is meant is not known.
        ("经自查, (略) 全面完成了指标。", "经自查，甲全面完成了指标。经自查，乙全面完成了指标。"),
        # The other copy hides it too.
        ("经自查, (略) 全面完成了指标。", "经自查，***全面完成了指标。"),
        # The other copy differs there in more than a few words.
        ("经自查, (略) 全面完成了指标。", "经自查，" + "很长的一段不同文字。" * 20 + "全面完成了指标。"),
        # The other copy has nothing between: no reading to offer.
        ("经自查, (略) 全面完成了指标。", "经自查，全面完成了指标。"),
    ],
    ids=["context-twice", "hidden-there-too", "gap-too-long", "nothing-between"],
)
def test_no_reading_is_guessed(text: str, other: str) -> None:
    assert other_readings(text, other) == ()


def test_a_reading_is_shown_as_text_never_markup() -> None:
    page = '<p>经自查，<span class="bg-mark bg-mark-redaction" role="img">(略)</span> 全面完成了指标。</p>'
    readings = [{"mark": "(略)", "before": "经自查,", "after": "全面完成了指标", "reading": "<b>x</b>", "source": "b"}]
    shown = with_readings(page, [{**readings[0], "title": "{{ t }}<i>"}], lambda slug: f"../{slug}/index.html")
    assert "&lt;b&gt;x&lt;/b&gt;" in shown and "<b>" not in shown and "<i>" not in shown
    assert shown.index("(略)</span>") < shown.index("&lt;b&gt;") < shown.index("全面完成")


def _copies(folder: Path) -> Path:
    """The example, and a second copy of it that prints some of what it hides."""
    sources = folder / "sources"
    sources.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    (sources / "hidden.txt").write_text(text, encoding="utf-8")
    for hidden, shown in FILLED.items():
        assert hidden in text
        text = text.replace(hidden, shown)
    (sources / "shown.txt").write_text(text, encoding="utf-8")
    return sources


@pytest.fixture(scope="module")
def copies_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("readings")
    sources = _copies(folder)
    result = run_build("-q", "--content", str(folder / "content"), "--site", str(folder / "site"), str(sources))
    assert result.returncode == 0, result.stderr
    return folder


def _notes(page: str) -> list[tuple[str, str, str]]:
    """(mark, reading, link) of every reading shown on a page."""
    return re.findall(
        r">([^<>]+)</span><span class=\"bg-reading\"[^>]*>[^<]*<span class=\"bg-reading-text\">([^<]*)</span>"
        r"[^<]*<a href=\"([^\"]+)\"",
        page,
    )


def test_the_site_shows_each_filled_mark_with_the_words_and_their_copy(copies_site: Path) -> None:
    site = copies_site / "site" / "hidden"
    shown = sorted(note for page in sorted(site.glob("0*.html")) for note in _notes(page.read_text(encoding="utf-8")))
    assert shown == [("(略)", "张掖市", "../shown/index.html")] * 2 + [("*", "163427", "../shown/index.html")]
    # The link leads to the copy's overview; the copy itself shows nothing.
    assert (site / "../shown/index.html").resolve().is_file()
    assert not any(_notes(page.read_text(encoding="utf-8")) for page in (copies_site / "site" / "shown").glob("*.html"))


def test_a_mark_the_reader_filled_gets_no_reading(tmp_path: Path) -> None:
    sources = _copies(tmp_path)
    content, site = tmp_path / "content", tmp_path / "site"
    assert run_build("-q", "--content", str(content), "--site", str(site), str(sources)).returncode == 0
    page = content / "hidden" / "02.md"
    markdown = page.read_text(encoding="utf-8")
    filled = re.sub(r"经自查, <span class=\"bg-mark[^>]*>\(略\)</span> ", "经自查，本市", markdown, count=1)
    assert filled != markdown
    page.write_text(filled, encoding="utf-8")
    assert run_build("-q", "--content", str(content), "--site", str(site), str(sources)).returncode == 0
    shown = (site / "hidden" / "02.html").read_text(encoding="utf-8")
    assert "经自查，本市" in shown
    # The other filled mark on the page keeps its reading.
    assert [reading for _, reading, _ in _notes(shown)] == ["张掖市"]


@pytest.fixture(scope="module")
def copies_url(copies_site: Path) -> Iterator[str]:
    with serve(copies_site / "site") as url:
        yield url


def test_a_reader_sees_the_other_copys_words_beside_the_mark(browser: object, copies_url: str) -> None:
    from .test_reading import SIZES, opened, screenshot

    for size in SIZES:
        with opened(browser, size, copies_url) as (page, outside):
            page.goto(copies_url + "hidden/02.html")
            note = page.locator(".bg-reading").first
            note.scroll_into_view_if_needed()
            assert note.is_visible()
            assert "张掖市" in note.inner_text() and "另一副本" in note.inner_text()
            screenshot(page, f"reading-beside-mark-{size}")
            note.locator("a").click()
            page.wait_for_url(re.compile(r"/shown/index\.html$"))
            assert not outside.requests
