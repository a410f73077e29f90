"""Large sites: the parallel build, the small sidebar, and parallel report processing.

Built from 36 copies of the example, each with its own year in the title,
so the site is over the sidebar's 30-report threshold and needs nothing
outside the project.
"""

from __future__ import annotations

import filecmp
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.config import load_config

from baogao.build import parallel, pipeline
from baogao.build.plugin import PLACEHOLDER
from baogao.errors import SiteError

from .conftest import ROOT, SAMPLE, run_build

REPORTS = 36


def make_sources(folder: Path, count: int = REPORTS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = SAMPLE.read_text(encoding="utf-8")
    for index in range(count):
        copy = text.replace("2023年", f"{1980 + index}年", 2)
        (folder / f"report-{index:02d}.txt").write_text(copy, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """content/ for 36 reports, written by build.py (no site)."""
    out = tmp_path_factory.mktemp("many")
    sources = make_sources(out / "sources")
    result = run_build("-q", "--no-site", "--content", str(out / "content"), str(sources))
    assert result.returncode == 0, result.stderr
    return out


def config_for(content: Path, site: Path, plugins: list[Any]) -> Any:
    nav = yaml.safe_load((content / ".baogao" / "nav.yml").read_text(encoding="utf-8"))["nav"]
    return load_config(
        config_file=str(ROOT / "mkdocs.yml"), docs_dir=str(content), site_dir=str(site), nav=nav, plugins=plugins
    )


def differences(left: Path, right: Path) -> list[str]:
    """Files that differ or exist on one side only, recursively."""
    found: list[str] = []

    def walk(compared: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + name for name in compared.left_only + compared.right_only + compared.diff_files)
        for name, sub in compared.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right, ignore=[]), "")
    return found


PLUGINS = ["baogao", "material/offline"]


@pytest.fixture(scope="module")
def sequential(many: Path) -> Path:
    """The site built by MkDocs's own build, one page after another."""
    from mkdocs.commands.build import build as mkdocs_build

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "0")
        mkdocs_build(config_for(many / "content", many / "sequential", PLUGINS))
    return many / "sequential"


def test_parallel_build_writes_the_same_bytes_as_mkdocs(
    many: Path, sequential: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    parallel.build(config_for(many / "content", many / "parallel", PLUGINS), workers=2)
    assert len(list((many / "parallel").rglob("*.html"))) > REPORTS * 5
    assert differences(sequential, many / "parallel") == []


def test_a_plugin_that_collects_from_pages_keeps_the_sequential_build(many: Path) -> None:
    # Material's search plugin builds its index page by page: in workers it
    # would lose it, so the parallel build is not used with it.
    assert not parallel.parallel_safe(config_for(many / "content", many / "x", ["baogao", "search"]))
    assert parallel.parallel_safe(config_for(many / "content", many / "x", ["baogao", "material/offline"]))


def test_a_failing_page_fails_the_build_with_its_name(many: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mkdocs.commands.build as mkdocs_build

    original = mkdocs_build._populate_page

    def populate(page: Any, *arguments: Any, **keywords: Any) -> None:
        if page.file.src_uri == "report-07/02.md":
            raise RuntimeError("cannot render report-07/02.md")
        original(page, *arguments, **keywords)

    monkeypatch.setattr(mkdocs_build, "_populate_page", populate)
    with pytest.raises(SiteError, match="report-07/02.md"):
        parallel.build(config_for(many / "content", many / "failed", ["baogao"]), workers=2)


def nav_titles(page: Path) -> list[str]:
    """Link titles in the page's primary (left) sidebar."""
    html = page.read_text(encoding="utf-8")
    sidebar = html.split('data-md-type="navigation"', 1)[1].split('data-md-type="toc"', 1)[0]
    return [
        re.sub(r"<[^>]+>", "", title).strip()
        for title in re.findall(r'class="md-ellipsis">(.*?)</span>', sidebar, re.S)
    ]


def test_on_a_large_site_the_sidebar_holds_the_site_pages_and_the_current_report(sequential: Path) -> None:
    site = sequential
    section = nav_titles(site / "report-05" / "02.html")
    assert "1985年张掖市人民政府履行教育职责情况自评报告" in section
    assert "二、自查自评情况" in section and "首页" in section
    assert not any(title.startswith(("1984年", "1986年")) for title in section)
    home = nav_titles(site / "index.html")
    assert "首页" in home and not any("自评报告" in title for title in home)
    # The home page's content lists every report instead.
    home_html = (site / "index.html").read_text(encoding="utf-8")
    assert all(f"{1980 + index}年张掖市" in home_html for index in range(REPORTS))


def test_below_the_threshold_every_page_lists_every_report(tmp_path: Path) -> None:
    sources = make_sources(tmp_path / "sources", 3)
    result = run_build("-q", "--content", str(tmp_path / "content"), "--site", str(tmp_path / "site"), str(sources))
    assert result.returncode == 0, result.stderr
    titles = nav_titles(tmp_path / "site" / "report-01" / "02.html")
    assert all(f"{1980 + index}年张掖市人民政府履行教育职责情况自评报告" in titles for index in range(3))


def test_the_plugin_changes_only_the_sidebar(many: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # With the sidebar left whole, the site is MkDocs's without the plugin,
    # byte for byte: setting the figures tables aside changes no page. This
    # is a Pagefind site (36 reports), so the plugin also leaves the offline
    # plugin out, as build.py does, and adds Pagefind's index: that index is
    # all the plugin adds.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    whole = [{"baogao": {"full_nav_max_reports": REPORTS}}, "material/offline"]
    parallel.build(config_for(many / "content", many / "with-plugin", whole), workers=2)
    parallel.build(config_for(many / "content", many / "without-plugin", []), workers=2)
    figures = (many / "with-plugin" / "report-03" / "figures.html").read_text(encoding="utf-8")
    assert figures.count("<tr") > 100 and PLACEHOLDER not in figures
    added = differences(many / "with-plugin", many / "without-plugin")
    assert "pagefind" in added and (many / "with-plugin" / "pagefind" / "pagefind.js").is_file()
    assert [name for name in added if not name.startswith("pagefind")] == []


def test_reports_processed_in_worker_processes_write_the_same_content(
    many: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 10_000)  # in this process, one report after another
    options = pipeline.Options(
        sources=(many / "sources",),
        content=tmp_path / "content",
        site=tmp_path / "site",
        templates=ROOT / "templates",
        config_file=ROOT / "mkdocs.yml",
        root=ROOT,
        build_site=False,
        quiet=True,
    )
    pipeline.build(options, lambda _message: None)
    assert differences(many / "content", tmp_path / "content") == []


def test_a_bad_file_among_many_is_named_in_one_line(tmp_path: Path) -> None:
    sources = make_sources(tmp_path / "sources", 12)
    (sources / "report-05.txt").write_text("首页\n发送至邮箱\n热门搜索\n", encoding="utf-8")
    result = run_build("-q", "--no-site", "--content", str(tmp_path / "content"), str(sources))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].endswith("report-05.txt: no report text: the file holds only page chrome")
    assert not (tmp_path / "content").exists()


def test_above_30_reports_auto_search_is_pagefind(many: Path) -> None:
    assert pipeline.choose_search("auto", 30) == "material"
    assert pipeline.choose_search("auto", 31) == "pagefind"
    assert pipeline.choose_search("material", 1000) == "material"
    # The 36-report site was built with the default, auto: it has the Pagefind search page.
    nav = yaml.safe_load((many / "content" / ".baogao" / "nav.yml").read_text(encoding="utf-8"))["nav"]
    assert {"搜索": "search.md"} in nav and (many / "content" / "search.md").is_file()


def test_pagefind_keeps_every_other_plugin_with_its_settings(tmp_path: Path) -> None:
    from baogao.build.pagefind import plugins_without_search

    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: x\ntheme: {name: material}\nplugins:\n  - search\n  - tags:\n      enabled: true\n"
        "  - material/offline\n  - baogao:\n      full_nav_max_reports: 5\n",
        encoding="utf-8",
    )
    plugins = plugins_without_search(config)
    assert plugins == [{"tags": {"enabled": True}}, {"baogao": {"full_nav_max_reports": 5}}]
    # MkDocs accepts them as written (checked settings fed back in would not be).
    docs, site = tmp_path / "docs", tmp_path / "site"
    docs.mkdir()
    loaded = load_config(config_file=str(config), docs_dir=str(docs), site_dir=str(site), plugins=plugins)
    assert sorted(loaded.plugins) == ["baogao", "material/tags"]
    assert loaded.plugins["baogao"].config.full_nav_max_reports == 5


def test_a_page_overrides_a_theme_template_of_the_same_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As in `mkdocs build`: content/404.md replaces Material's 404 page.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    sources = make_sources(tmp_path / "sources", 2)
    result = run_build("-q", "--no-site", "--content", str(tmp_path / "content"), str(sources))
    assert result.returncode == 0, result.stderr
    (tmp_path / "content" / "404.md").write_text("# 找不到这一页\n\n请回到首页。\n", encoding="utf-8")
    parallel.build(config_for(tmp_path / "content", tmp_path / "site", ["baogao"]), workers=2)
    assert "请回到首页。" in (tmp_path / "site" / "404.html").read_text(encoding="utf-8")


def test_above_30_reports_the_comparison_is_one_row_per_indicator(many: Path) -> None:
    # Side by side, 36 reports would be 36 columns; instead each indicator
    # says how many reports state it and shows the first.
    page = (many / "content" / "compare.md").read_text(encoding="utf-8")
    assert '<th data-sort="number">报告数</th><th data-sort="text">第一份报告</th>' in page
    assert "报告 36" not in page
    row = next(line for line in page.splitlines() if '<td data-label="指标">一般公共预算教育经费投入</td>' in line)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
    assert cells == [
        "一般公共预算教育经费投入",
        "元",
        "36",
        '<a href="report-00/figures.html">1980年张掖市人民政府履行教育职责情况自评报告</a>',
        "27.56亿元（2022年）",
    ]
