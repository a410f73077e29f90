"""The founding example, end to end: what a reader of the built site gets."""

from __future__ import annotations

import filecmp
import json
import re
from pathlib import Path

import yaml

from baogao.build.sources import read_source

from .conftest import ROOT, SAMPLE, SLUG, run_build
from .pagetext import article_blocks, article_html, article_text, squeeze

# The example's page chrome, as a reader would recognise it.
CHROME = [
    "内容",
    "发送至邮箱",
    "查看详情》",
    "相关推荐",
    "招投标大数据",
    "查看详情",
    "收藏",
    "首页",
    "最近搜索",
    "热门搜索",
]
GOLDEN = Path(__file__).resolve().parent / "golden" / "content"


def _report(example_build: Path) -> dict:
    return json.loads((example_build / "content" / SLUG / "report.json").read_text(encoding="utf-8"))


def _first_copy_lines() -> list[str]:
    """The body's first copy: source lines 9-81, blank lines left out."""
    lines = read_source(SAMPLE).text.split("\n")
    return [line for line in lines[8:81] if line.strip()]


def _pages(example_build: Path) -> list[Path]:
    return sorted((example_build / "site" / SLUG).glob("*.html"))


def test_outline_is_exactly_the_one_the_source_has(example_build: Path) -> None:
    report = _report(example_build)
    top = report["sections"]
    assert [s["title"] for s in top] == ["基本情况", "自查自评情况", "存在的问题", "下一步工作打算"]
    assert [s["number"] for s in top] == ["一", "二", "三", "四"]
    assert [len(s["children"]) for s in top] == [0, 4, 3, 2]
    assert all(child["level"] == 2 for s in top for child in s["children"])
    items = [item for s in top for child in s["children"] for item in child["children"]]
    assert len(items) == 21
    assert all(item["level"] == 3 and not item["children"] for item in items)
    second = top[1]["children"]
    assert [c["title"] for c in second] == [
        "党对教育工作的全面领导持续加强",
        "教育重大部署及教育改革任务高效推进",
        "促进各级各类教育协调发展",
        "教育保障能力持续增强",
    ]
    assert [i["number"] for i in second[1]["children"]] == ["1", "2", "4"]
    assert second[1]["children"][0]["title"] == "认真落实“双减”决策部署"
    assert second[1]["children"][0]["text"].startswith("出台课后服务经费保障实施细则")
    assert [c["title"] for c in top[3]["children"]] == ["进一步缩小城乡教育差距", "进一步推进职业教育产教融合"]
    assert report["preface"].startswith("(略) 政府教育督导委员会办公室统一安排")


def test_numbering_gaps_are_found(example_build: Path) -> None:
    gaps = [(g["parent"], g["missing"]) for g in _report(example_build)["gaps"]]
    assert gaps == [("二/二", "3"), ("二/三", "4"), ("四", "二")]


def test_marks_are_counted(example_build: Path) -> None:
    report = _report(example_build)
    kinds = [m["kind"] for m in report["marks"]]
    assert kinds.count("redaction") == 74
    assert kinds.count("mask") == 8
    assert report["summary"]["redactions"] == 74 and report["summary"]["masks"] == 8


def test_report_json_has_the_documented_fields(example_build: Path) -> None:
    report = _report(example_build)
    assert report["title"] == "2023年张掖市人民政府履行教育职责情况自评报告"
    assert report["source"]["path"] == "sources/2023-zhangye-education-self-evaluation.txt"
    assert report["source"]["encoding"] == "utf-8"
    assert re.fullmatch(r"[0-9a-f]{64}", report["source"]["sha256"])
    for key in ("preface", "sections", "gaps", "marks", "removed"):
        assert key in report
    assert {r["kind"] for r in report["removed"]} == {"chrome", "title", "duplicate"}
    duplicate = next(r for r in report["removed"] if r["kind"] == "duplicate")
    assert duplicate["lines"] == [83, 155]


def test_no_chrome_line_on_any_page(example_build: Path) -> None:
    for page in _pages(example_build) + [example_build / "site" / "index.html"]:
        blocks = article_blocks(page)
        for chrome in CHROME:
            assert chrome not in blocks, f"{page.name} shows the chrome line {chrome!r}"
    for markdown_page in (example_build / "content").rglob("*.md"):
        lines = {line.strip() for line in markdown_page.read_text(encoding="utf-8").split("\n")}
        assert not lines & set(CHROME), markdown_page


def test_every_character_of_the_first_copy_reaches_a_page_once(example_build: Path) -> None:
    preface, *body = _first_copy_lines()
    assert squeeze(preface) in squeeze(article_text(example_build / "site" / SLUG / "index.html"))
    sections = sorted((example_build / "site" / SLUG).glob("0*.html"))
    shown = squeeze("".join(article_text(page) for page in sections))
    position = 0
    for line in body:
        found = shown.find(squeeze(line), position)
        assert found >= 0, f"not on any page (in order): {line[:40]}"
        position = found + len(squeeze(line))
        # The second copy is gone: each paragraph is shown once.
        assert shown.count(squeeze(line)) == 1, f"shown twice: {line[:40]}"


def test_masks_show_literally_never_as_emphasis(example_build: Path) -> None:
    for page in _pages(example_build):
        assert "<em>" not in article_html(page)
        assert "<strong>" not in article_html(page)
    section_two = example_build / "site" / SLUG / "02.html"
    text = article_text(section_two)
    assert "队*建设" in text
    assert "二*以上" in text
    mark = (
        'class="bg-mark bg-mark-mask" role="img" aria-label="&#42;（原文此处有字符被遮盖）"'
        ' title="原文此处有字符被遮盖">*</span>'
    )
    assert mark in article_html(section_two)


def test_the_full_text_page_and_its_download_hold_every_line_once_in_order(example_build: Path) -> None:
    page = squeeze(article_text(example_build / "site" / SLUG / "fulltext.html"))
    download = squeeze((example_build / "site" / SLUG / "fulltext.txt").read_text(encoding="utf-8"))
    for whole in (page, download):
        position = 0
        for line in _first_copy_lines():
            found = whole.find(squeeze(line), position)
            assert found >= 0, f"missing or out of order: {line[:40]}"
            assert whole.count(squeeze(line)) == 1, f"shown twice: {line[:40]}"
            position = found + len(squeeze(line))


def test_gaps_are_shown_where_they_occur(example_build: Path) -> None:
    blocks = article_blocks(example_build / "site" / SLUG / "02.html")
    note = blocks.index("原文缺第3项")
    assert blocks[note - 2] == "2.教育评价改革稳步推进。"
    assert blocks[note + 2].startswith("4.教育督导改革纵深推进")
    assert "原文缺第二项" in article_blocks(example_build / "site" / SLUG / "04.html")


def test_heading_anchors_keep_the_chinese(example_build: Path) -> None:
    page = (example_build / "site" / SLUG / "01.html").read_text(encoding="utf-8")
    assert 'id="一基本情况"' in page
    assert 'id="1认真落实双减决策部署"' in (example_build / "site" / SLUG / "02.html").read_text(encoding="utf-8")


def test_every_page_has_front_matter_read_back_by_yaml(example_build: Path) -> None:
    folder = example_build / "content" / SLUG
    for page in sorted(folder.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        assert text.startswith("---\n")
        meta = yaml.safe_load(text.split("---\n", 2)[1])
        assert meta["report"] == "2023年张掖市人民政府履行教育职责情况自评报告"
        assert meta["source"]["file"] == "sources/2023-zhangye-education-self-evaluation.txt"
    meta = yaml.safe_load((folder / "03.md").read_text(encoding="utf-8").split("---\n", 2)[1])
    assert meta == {
        "title": "三、存在的问题",
        "report": "2023年张掖市人民政府履行教育职责情况自评报告",
        "report_slug": SLUG,
        "report_kind": "自评报告",
        "report_region": "甘肃省张掖市",
        "report_year": "2023",
        "section": "三",
        "level": 1,
        "source": {"file": "sources/2023-zhangye-education-self-evaluation.txt", "lines": [69, 75]},
    }


def test_overview_links_report_json_and_summarises_cleaning(example_build: Path) -> None:
    overview = example_build / "site" / SLUG / "index.html"
    assert 'href="report.json"' in overview.read_text(encoding="utf-8")
    assert (example_build / "site" / SLUG / "report.json").is_file()
    text = article_text(overview)
    for expected in ("74 处", "8 处", "编号缺漏", "10 行"):
        assert expected in text


# baogao's bookkeeping: hashes of the code and templates, not output a reader
# sees, so golden files leave it out (its determinism is tested below).
# baogao's own bookkeeping, and the corpus database (binary; its rows are
# checked by tests/test_database.py, and two builds' bytes by the test below).
BOOKKEEPING = {Path(".baogao/state.sqlite"), Path("corpus.sqlite")}


def _same_tree(left: Path, right: Path, ignore: set[Path] = BOOKKEEPING) -> list[str]:
    """Relative paths whose bytes differ or that exist on one side only."""
    names = {p.relative_to(left) for p in left.rglob("*") if p.is_file()}
    names |= {p.relative_to(right) for p in right.rglob("*") if p.is_file()}
    names -= ignore
    return sorted(
        str(name)
        for name in names
        if not ((left / name).is_file() and (right / name).is_file() and filecmp.cmp(left / name, right / name, False))
    )


def test_content_matches_the_golden_files(example_build: Path) -> None:
    # Regenerate with: python tests/update_golden.py
    assert _same_tree(example_build / "content", GOLDEN) == []


def test_two_builds_give_byte_identical_content_and_site(example_build: Path, tmp_path: Path) -> None:
    result = run_build("-q", "--content", str(tmp_path / "content"), "--site", str(tmp_path / "site"), str(SAMPLE))
    assert result.returncode == 0, result.stderr
    assert _same_tree(example_build / "content", tmp_path / "content", set()) == []
    assert _same_tree(example_build / "site", tmp_path / "site", set()) == []


def test_bundled_content_is_up_to_date() -> None:
    # content/ is committed so `mkdocs build` works on a fresh clone.
    assert _same_tree(ROOT / "content", GOLDEN) == []
