"""The data follow the reader's edits (issue 15): a figure corrected or a mark
filled in a page of ``content/`` shows in the report's figures table, CSV,
JSON, report.json and the corpus database after the next build, and the page
stays as the reader saved it."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sqlite3
from pathlib import Path

from baogao.render.readback import page_lines

from .conftest import SAMPLE, SLUG, run_build

MASKED = re.compile(r'学生\(幼儿\)<span class="bg-mark bg-mark-mask"[^>]*>\\\*</span>人')


def _build(folder: Path) -> str:
    result = run_build("--content", str(folder / "content"), "--site", str(folder / "site"), str(folder / "sources"))
    assert result.returncode == 0, result.stderr
    return result.stderr


def _edited_site(tmp_path: Path) -> Path:
    """The example built, then its 一、基本情况 page corrected by a reader:
    a number changed and a masked number filled."""
    (tmp_path / "sources").mkdir()
    shutil.copy(SAMPLE, tmp_path / "sources" / SAMPLE.name)
    _build(tmp_path)
    page = tmp_path / "content" / SLUG / "01.md"
    text = page.read_text(encoding="utf-8")
    edited = MASKED.sub("学生(幼儿)163427人", text.replace("小学127所", "小学130所"))
    assert edited.count("163427") == 1 and "小学130所" in edited
    page.write_text(edited, encoding="utf-8")
    return page


def _figures(tmp_path: Path) -> dict[str, dict[str, str]]:
    folder = tmp_path / "content" / SLUG
    rows = csv.DictReader(io.StringIO((folder / "figures.csv").read_text(encoding="utf-8")))
    return {row["text"]: row for row in rows}


def test_a_corrected_figure_and_a_filled_mark_reach_every_data_file(tmp_path: Path) -> None:
    page = _edited_site(tmp_path)
    saved = page.read_bytes()
    messages = _build(tmp_path)
    assert "kept your edit" not in messages
    assert page.read_bytes() == saved  # the reader's page, as they saved it
    figures = _figures(tmp_path)
    assert figures["130所"]["what"] == "小学" and figures["130所"]["value"] == "130"
    assert figures["163427人"]["masked"] == "False" and "127所" not in figures
    folder = tmp_path / "content" / SLUG
    data = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    assert data["edited_pages"] == ["01.md"]
    assert data["summary"]["masks"] == 7  # one of the eight was filled
    assert "163427人" in (folder / "figures.json").read_text(encoding="utf-8")
    assert "130所" in (tmp_path / "site" / SLUG / "figures.html").read_text(encoding="utf-8")
    with sqlite3.connect(tmp_path / "content" / "corpus.sqlite") as db:
        assert db.execute("SELECT value FROM figures WHERE \"group\" = '' AND what = '小学'").fetchall() == [(130,)]


def test_the_edit_is_read_once_and_followed_again_when_the_source_changes(tmp_path: Path) -> None:
    _edited_site(tmp_path)
    _build(tmp_path)
    content = tmp_path / "content"
    before = {path: path.read_bytes() for path in content.rglob("*") if path.is_file()}
    assert "0 report(s) changed" in _build(tmp_path)
    assert {path: path.read_bytes() for path in content.rglob("*") if path.is_file()} == before
    # The source changes elsewhere: the report is rendered again, its data still from the edited page.
    source = tmp_path / "sources" / SAMPLE.name
    source.write_text(source.read_text(encoding="utf-8").replace("教学点150个", "教学点151个"), encoding="utf-8")
    _build(tmp_path)
    figures = _figures(tmp_path)
    assert "130所" in figures and "163427人" in figures
    data = json.loads((content / SLUG / "report.json").read_text(encoding="utf-8"))
    assert data["edited_pages"] == ["01.md"]


def test_a_page_is_read_back_as_the_text_a_reader_sees() -> None:
    page = "\n".join(
        [
            "---",
            "title: 一、基本情况",
            "---",
            "",
            "# 一、基本情况",
            "",
            '<p class="bg-legend">本页标注：<span class="bg-mark-mask bg-mark-sample">*</span> 原文遮盖的字符</p>',
            "",
            '在校学生<span class="bg-mark bg-mark-mask" role="img">\\*</span>人，A&amp;B，\\[注\\]。',
            "",
            '!!! warning "原文缺第二项"',
            "",
            "    原文编号从 一 跳到 三，此处缺第 二 项。",
            "",
            "## (一)进一步缩小差距。",
            "",
            "- 一是资源配置再优化。",
            "",
            '<nav class="bg-pager" aria-label="本报告的前后页" markdown="1">',
            "[数字一览 →](figures.md)",
            "</nav>",
        ]
    )
    assert page_lines(page) == [
        "一、基本情况",
        "在校学生*人，A&B，[注]。",
        "(一)进一步缩小差距。",
        "一是资源配置再优化。",
    ]
