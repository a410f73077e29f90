"""Shapes of scraped reports users meet, each a fixture: read → clean → outline."""

from __future__ import annotations

import pytest

from baogao.model import Report, SourceText
from baogao.text.decode import normalize_text
from baogao.text.report import process

from .conftest import fixture_params
from .dumps import dump_outline


def dump_report(report: Report) -> str:
    out = [f"title: {report.title}", dump_outline(report.outline)]
    out += [f"removed {r.kind}: {r.text.splitlines()[0]}" for r in report.removed if r.kind != "title"]
    out += [f"mark {m.kind}: {m.text}" for m in report.marks if m.kind != "redaction"]
    return "\n".join(part for part in out if part)


@pytest.mark.parametrize(("given", "expected"), fixture_params("shapes.txt"))
def test_shape_fixture(given: str, expected: str) -> None:
    report = process(SourceText("fixture.txt", normalize_text(given), "utf-8", "0" * 64), "fixture")
    assert dump_report(report) == expected
