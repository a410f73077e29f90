"""Datasets of reports (CSV, TSV, JSON, JSON Lines): one report per row, the
other columns as metadata, never as text (issue 12)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from baogao.errors import InputError
from baogao.text.datasets import dataset_rows

from .conftest import run_build

BODY = (
    "各位代表：\n现在，我代表县人民政府，向大会报告工作，请予审议。\n一、2022年工作回顾\n"
    "过去一年，全县地区生产总值增长6.5%，一般公共预算收入12.3亿元，增长8.1%。\n二、2023年主要任务\n"
    "今年全县经济社会发展的主要预期目标是：地区生产总值增长7%左右，城镇新增就业1.2万人。"
)


def _csv(path: Path, rows: list[list[str]], delimiter: str = ",") -> None:
    with path.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream, delimiter=delimiter).writerows(rows)


def test_a_csv_row_is_a_report_and_its_columns_its_metadata() -> None:
    text = "编号,标题,年份,地区,正文\n" + f'a1,某县2023年政府工作报告,2023年,广东省,"{BODY}"\n'
    (row,) = dataset_rows(text, "reports.csv")
    assert row.key == "a1"
    assert row.text.split("\n")[0] == "某县2023年政府工作报告" and row.text.endswith("城镇新增就业1.2万人。")
    assert dict(row.metadata) == {"year": "2023年", "region": "广东省"}
    assert "广东省" not in row.text  # a column is metadata, never text


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("r.tsv", "title\ttext\n某县工作报告\t" + BODY.replace("\n", " ") + "\n"),
        ("r.json", json.dumps([{"title": "某县工作报告", "text": BODY}], ensure_ascii=False)),
        ("r.json", json.dumps({"total": 1, "data": [{"title": "某县工作报告", "text": BODY}]}, ensure_ascii=False)),
        ("r.jsonl", json.dumps({"title": "某县工作报告", "text": BODY}, ensure_ascii=False) + "\n\n"),
        # No column named for the text: the longest one is.
        ("r.csv", f'name,notes,whatever\n某县工作报告,短注,"{BODY}"\n'),
    ],
    ids=["tsv", "json-list", "json-object", "json-lines", "longest-column"],
)
def test_every_dataset_shape_gives_its_report(name: str, text: str) -> None:
    (row,) = dataset_rows(text, name)
    assert row.key == "1"
    assert row.text.startswith("某县工作报告\n") and "一般公共预算收入12.3亿元" in row.text


def test_a_report_stored_as_html_in_its_field_is_read_as_text() -> None:
    html = "<p>各位代表：</p><p>现在我代表市人民政府向大会报告工作。</p><p>城镇新增就业3.2万人&nbsp;。</p>" * 8
    (row,) = dataset_rows(json.dumps([{"title": "某市政府工作报告", "content": html}], ensure_ascii=False), "r.json")
    assert "<p>" not in row.text and "&nbsp;" not in row.text
    expected = ["各位代表：", "现在我代表市人民政府向大会报告工作。", "城镇新增就业3.2万人\xa0。"]
    assert row.text.split("\n")[1:4] == expected


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        ("r.csv", "id,title\n1,某县工作报告\n", "no column of report text"),
        ("r.json", '[{"title": "x", "text": "正文"', "not JSON"),
        ("r.jsonl", '{"text": "' + "正文" * 200 + '"}\n[1, 2]\n', "each report must be an object"),
        ("r.json", "[]", "no rows"),
        ("r.csv", "title,text\n某县工作报告,\n", "no row has text in its column"),
    ],
    ids=["no-text-column", "broken-json", "jsonl-not-objects", "empty", "empty-text"],
)
def test_a_dataset_baogao_cannot_read_gets_a_clear_error(name: str, text: str, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        dataset_rows(text, name)
    assert name in str(caught.value) and problem in str(caught.value)


def test_a_dataset_builds_one_report_per_row_and_follows_its_rows(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    header = ["id", "title", "year", "region", "kind", "content"]
    rows = [
        header,
        ["gz-2023", "某县2023年政府工作报告", "2023年", "广东省", "政府工作报告", BODY],
        ["sz-2023", "某市2023年政府工作报告", "2023", "深圳市", "not a kind", BODY.replace("县", "市")],
    ]
    _csv(sources / "reports.csv", rows)
    (sources / "more.jsonl").write_text(
        json.dumps({"title": "某区2022年工作总结", "text": BODY.replace("县", "区"), "year": 2022}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    # content/ inside the sources folder is not read back as sources.
    arguments = ("sources", "--content", "sources/content", "--no-site", "-q")
    result = run_build(*arguments, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    content = tmp_path / "sources" / "content"
    assert sorted(p.name for p in content.iterdir() if p.is_dir() and not p.name.startswith(".")) == [
        "more-1",
        "reports-gz-2023",
        "reports-sz-2023",
    ]
    data = json.loads((content / "reports-gz-2023" / "report.json").read_text(encoding="utf-8"))
    assert data["title"] == "某县2023年政府工作报告"
    assert data["source"]["path"] == "reports.csv#gz-2023"
    assert (data["metadata"]["year"], data["metadata"]["region"], data["metadata"]["kind"]) == (
        "2023",
        "广东省",
        "government-work",
    )
    # A kind baogao does not know is left to the text.
    other = json.loads((content / "reports-sz-2023" / "report.json").read_text(encoding="utf-8"))
    assert other["metadata"]["kind"] == "government-work"
    assert "0 report(s) changed" in run_build(*arguments[:-1], cwd=tmp_path).stderr
    # One row changed: one report rebuilt; one row gone: its report gone.
    rows[1][5] = BODY.replace("6.5%", "6.8%")
    del rows[2]
    _csv(sources / "reports.csv", rows)
    result = run_build(*arguments[:-1], cwd=tmp_path)
    assert "1 report(s) changed" in result.stderr, result.stderr
    assert not (content / "reports-sz-2023").exists()
    assert "6.8%" in (content / "reports-gz-2023" / "fulltext.md").read_text(encoding="utf-8")


def test_a_table_in_a_folder_that_holds_no_reports_is_passed_over_with_a_word(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "report.txt").write_text("某县工作报告\n" + BODY, encoding="utf-8")
    # A list of sources with English notes: no column of report text.
    notes = "file\tnotes\n" + "".join(f"r{n}.txt\t{'scraped with chrome around it, ' * 6}\n" for n in range(3))
    (sources / "SOURCES.tsv").write_text(notes, encoding="utf-8")
    result = run_build("sources", "--content", "content", "--no-site", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "SOURCES.tsv: no column of report text" in result.stderr and "passed over" in result.stderr
    assert sorted(p.name for p in (tmp_path / "content").iterdir() if p.is_dir() and p.name != ".baogao") == ["report"]
    # Named on the command line, it is an error: the user asked for it.
    named = run_build("sources/SOURCES.tsv", "--content", "other", "--no-site", cwd=tmp_path)
    assert named.returncode == 2 and "SOURCES.tsv: no column of report text" in named.stderr
