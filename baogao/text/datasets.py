"""Stage 1, read, for datasets: a CSV, TSV, JSON or JSON Lines file of
reports, one report per row.

A dataset's header says which column holds the report's text, which its
title and which the metadata a reader would otherwise correct by hand (year,
region, kind …); other columns are kept out of the text, never read as
report. A column of text is found by its name, else as the column whose
values are longest. Pure: the bytes are decoded by `text.decode` and read by
`build.sources`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass

from ..errors import InputError

DATASET_SUFFIXES = (".csv", ".tsv", ".json", ".jsonl")
# Between a dataset's path and a row's key where a report's source is named:
# reports.csv#3, reports.jsonl#2019-gz.
DATASET_ROW = "#"
# What a column is called, per field; matched on the lower-cased header with
# spaces and underscores dropped.
TEXT_COLUMNS = ("text", "content", "body", "fulltext", "正文", "内容", "全文", "文本", "报告", "报告全文", "原文")
TITLE_COLUMNS = ("title", "name", "标题", "题目", "名称", "报告名称", "文件名称")
KEY_COLUMNS = ("id", "key", "编号", "序号", "ID")
# Columns that give a report's metadata (`Metadata` fields), as the dataset names them.
METADATA_COLUMNS: dict[str, tuple[str, ...]] = {
    "kind": ("kind", "type", "category", "类型", "类别", "种类", "文种"),
    "issuer": ("issuer", "author", "department", "发布机构", "发文机关", "机构", "单位", "部门"),
    "region": ("region", "province", "city", "area", "地区", "省份", "城市", "地市", "区域", "行政区"),
    "year": ("year", "年份", "年度"),
    "date": ("date", "publishdate", "pubdate", "time", "日期", "发布日期", "发布时间", "时间"),
    "meeting": ("meeting", "会议"),
    "speaker": ("speaker", "报告人", "讲话人"),
    "source_url": ("url", "link", "source", "sourceurl", "链接", "网址", "来源"),
}
# A column not named as text is the text of reports when its values are at
# least this long on average, and at least this share of them Chinese.
MIN_TEXT_CHARS = 100
MIN_HAN_SHARE = 0.3
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Where a JSON file keeps its list of records, when it is not the list itself.
_RECORD_LISTS = ("data", "reports", "records", "items", "rows", "results", "list")
_SAFE_KEY = re.compile(r"[^\w\-]+")
_TAG = re.compile(r"<[a-zA-Z/!][^>]*>")


@dataclass(frozen=True)
class DatasetRow:
    """One report of a dataset."""

    key: str
    """Names the row within its file: its id column, else its 1-based number."""
    text: str
    """The report's title (when a column gives it) and text, as a scraped text file holds them."""
    metadata: tuple[tuple[str, str], ...]
    """`Metadata` fields the dataset's columns give (field, value)."""
    digest: str
    """SHA-256 of the row as read: tells a re-run whether this report changed."""


def is_dataset(name: str) -> bool:
    return name.lower().endswith(DATASET_SUFFIXES)


def dataset_rows(text: str, name: str) -> list[DatasetRow]:
    """The reports in a decoded dataset file; InputError when it holds none."""
    records = _records(text, name)
    if not records:
        raise InputError(name, "no rows: a dataset needs a header and one row per report")
    columns = list(dict.fromkeys(column for record in records for column in record))
    text_column = _column(columns, TEXT_COLUMNS) or _longest(columns, records)
    if text_column is None:
        raise InputError(
            name,
            f"no column of report text (name one text, content or 正文, or make the longest column at least "
            f"{MIN_TEXT_CHARS} characters of mostly Chinese text); columns: {', '.join(columns)}",
        )
    title_column = _column(columns, TITLE_COLUMNS)
    key_column = _column(columns, KEY_COLUMNS)
    metadata_columns = {
        field: column for field, names in METADATA_COLUMNS.items() if (column := _column(columns, names))
    }
    rows: list[DatasetRow] = []
    seen: set[str] = set()
    for number, record in enumerate(records, 1):
        body = _plain(record.get(text_column, ""))
        if not body.strip():
            continue  # a row without text is no report
        title = _plain(record.get(title_column, "")).strip() if title_column else ""
        head = body.lstrip().split("\n", 1)[0]
        text_of_row = f"{title}\n{body}" if title and title not in head else body
        key = _SAFE_KEY.sub("-", str(record.get(key_column, "")).strip()).strip("-") if key_column else ""
        key = key if key and key not in seen else str(number)
        seen.add(key)
        metadata = tuple(
            (field, value)
            for field, column in metadata_columns.items()
            if (value := _plain(record.get(column, "")).strip())
        )
        digest = hashlib.sha256(json.dumps(record, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
        rows.append(DatasetRow(key, text_of_row, metadata, digest))
    if not rows:
        raise InputError(name, f"no row has text in its column {text_column!r}")
    return rows


def _records(text: str, name: str) -> list[dict[str, str]]:
    lower = name.lower()
    if lower.endswith(".jsonl"):
        records = []
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                records.append(_record(_json(line, f"{name}, line {number}"), name))
        return records
    if lower.endswith(".json"):
        loaded = _json(text, name)
        if isinstance(loaded, dict):
            found = next((loaded[key] for key in _RECORD_LISTS if isinstance(loaded.get(key), list)), None)
            loaded = found if found is not None else [loaded]
        if not isinstance(loaded, list):
            raise InputError(name, "JSON must be a list of reports (objects), or an object holding one")
        return [_record(item, name) for item in loaded]
    delimiter = "\t" if lower.endswith(".tsv") else _delimiter(text)
    try:
        return [
            {str(key): value or "" for key, value in row.items() if key is not None}
            for row in csv.DictReader(io.StringIO(text), delimiter=delimiter)
        ]
    except csv.Error as error:
        raise InputError(name, f"not CSV: {error}") from None


def _json(text: str, name: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(name, f"not JSON: {error.msg} at line {error.lineno}") from None


def _record(item: object, name: str) -> dict[str, str]:
    if not isinstance(item, dict):
        raise InputError(name, "each report must be an object of fields (a row with a header)")
    return {
        str(key): value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        for key, value in item.items()
        if value is not None
    }


def _delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    return "\t" if header.count("\t") > header.count(",") else ","


def _normal(column: str) -> str:
    return re.sub(r"[\s_\-]+", "", column).lower()


def _column(columns: list[str], names: tuple[str, ...]) -> str | None:
    wanted = {_normal(name) for name in names}
    return next((column for column in columns if _normal(column) in wanted), None)


def _longest(columns: list[str], records: list[dict[str, str]]) -> str | None:
    """The column of report text where none is named so: the longest, if its
    values are long and mostly Chinese (a column of notes in English, or of
    addresses, is not a report)."""

    def average(column: str) -> float:
        return sum(len(record.get(column, "")) for record in records) / len(records)

    best = max(columns, key=average, default=None)
    if best is None or average(best) < MIN_TEXT_CHARS:
        return None
    text = "".join("".join(record.get(best, "").split()) for record in records)
    return best if len(_HAN.findall(text)) >= MIN_HAN_SHARE * len(text) else None


def _plain(value: str) -> str:
    """A value as text: a report stored as HTML (``<p>…</p>``) loses its tags,
    one block per line."""
    if not _TAG.search(value):
        return value
    from .html import fragment_text

    return fragment_text(value)
