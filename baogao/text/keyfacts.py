"""The basic facts at a glance: schools, pupils and staff by school level.

Reports of this family open with a paragraph of counts per school level
(幼儿园321所,在园幼儿40195人,教职工4170人;小学127所,…). `key_facts` finds
that run in the extracted figures; `render.charts` draws them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Figure

_PUPILS = re.compile(r"在校|在园|学生|幼儿|学员")
_STAFF = re.compile(r"教职工|教师|教职员")
# A level row needs an institution count; the panel needs a few rows.
MIN_LEVELS = 3


# A row about all levels together (全市现有各级各类学校(园)500所) is the total.
_TOTAL = re.compile(r"各级各类|全部|合计|总计|共有")


@dataclass(frozen=True)
class LevelRow:
    """One school level: how many institutions, pupils and staff."""

    level: str
    schools: Figure
    pupils: Figure | None
    staff: Figure | None
    total: bool = False
    """The row for all levels together; charts leave it out."""


def key_facts(figures: tuple[Figure, ...]) -> tuple[list[Figure], list[LevelRow]]:
    """The totals before the per-level run, and the run's rows (first run found)."""
    by_line: dict[int, list[Figure]] = {}
    for figure in figures:
        by_line.setdefault(figure.line, []).append(figure)
    for line in sorted(by_line):
        rows = _level_rows(by_line[line])
        if sum(not row.total for row in rows) >= MIN_LEVELS:
            first = by_line[line].index(rows[0].schools)
            return by_line[line][:first], rows
    return [], []


def _level_rows(figures: list[Figure]) -> list[LevelRow]:
    rows = []
    for figure in figures:
        if figure.unit != "所" or figure.group:
            continue
        members = [f for f in figures if f.group == figure.what]
        pupils = next((f for f in members if _PUPILS.search(f.what) and f.base_unit == "人"), None)
        staff = next((f for f in members if _STAFF.search(f.what) and f.base_unit == "人"), None)
        if pupils or staff:
            rows.append(LevelRow(figure.what, figure, pupils, staff, bool(_TOTAL.search(figure.what))))
    return rows
