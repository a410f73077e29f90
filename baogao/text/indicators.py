"""Indicators: the figures a reader compares across reports.

Reports name one indicator in several ways (国内生产总值, 地区生产总值, GDP;
财政收入, 一般公共预算收入, 公共财政收入); each common indicator is one
`IndicatorRule` record, so that the same thing lines up across years and
regions. Other figures line up by their name as printed, width folded.

A report states an indicator many times (last year's level, a from-to over
five years, this year's target); the one it is compared by is the level of
the year the report covers where a figure gives that year, else the last
level of the first sentence that states one (由…增加到… ends on the newer
value), and likewise for a change.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..model import Figure, Indicator

# An indicator's name must say something and fit a table cell.
_INDICATOR_CHARS = (2, 16)


@dataclass(frozen=True)
class IndicatorRule:
    id: str
    label: str
    """How the comparison page names it."""
    pattern: re.Pattern[str]
    """Matched against what a figure counts (its whole name)."""


INDICATOR_RULES: tuple[IndicatorRule, ...] = (
    IndicatorRule("gdp", "国内（地区）生产总值", re.compile(r"^(?:国内|地区)?生产总值(?:\(GDP\)|（GDP）)?$|^GDP$")),
    IndicatorRule(
        "fiscal-revenue", "财政收入", re.compile(r"^(?:全国|地方|公共|全口径)?财政(?:总)?收入$|^一般公共预算收入$")
    ),
    IndicatorRule("grain-output", "粮食产量", re.compile(r"^粮食(?:总)?产量$")),
    IndicatorRule("urban-jobs", "城镇新增就业", re.compile(r"^城镇新增就业(?:人数)?$")),
    IndicatorRule("urban-income", "城镇居民人均可支配收入", re.compile(r"^城镇居民人均可支配收入$")),
    IndicatorRule("rural-income", "农村居民人均收入", re.compile(r"^农村居民人均(?:纯收入|可支配收入)$")),
    IndicatorRule("fixed-investment", "固定资产投资", re.compile(r"^(?:全社会)?固定资产投资(?:总额)?$")),
    IndicatorRule("retail-sales", "社会消费品零售总额", re.compile(r"^(?:全社会)?(?:社会)?消费品零售总额$")),
    IndicatorRule("foreign-trade", "进出口总额", re.compile(r"^(?:外贸)?进出口(?:总额|总值)$")),
    IndicatorRule("cpi", "居民消费价格", re.compile(r"^居民消费价格(?:总水平)?(?:涨幅)?$")),
    IndicatorRule("fiscal-deficit", "财政赤字", re.compile(r"^(?:全国)?财政赤字$")),
)


def series_of(what: str) -> tuple[str, str]:
    """(series id, name shown) of what a figure counts: a rule's id and
    label, or the name itself, width folded."""
    name = unicodedata.normalize("NFKC", what).strip()
    for rule in INDICATOR_RULES:
        if rule.pattern.search(name):
            return rule.id, rule.label
    return name, name


def indicators(figures: tuple[Figure, ...], covered_year: str = "") -> tuple[Indicator, ...]:
    """One figure per (series, base unit, measure) that a reader may compare
    across reports; masked values and unnamed figures are left out."""
    candidates: dict[tuple[str, str, str], list[Figure]] = {}
    names: dict[tuple[str, str, str], str] = {}
    for figure in figures:
        name = f"{figure.group}·{figure.what}" if figure.group else figure.what
        low, high = _INDICATOR_CHARS
        if figure.masked or not low <= len(name) <= high:
            continue
        series, shown = series_of(figure.what) if not figure.group else (name, name)
        key = (series, figure.base_unit, figure.measure)
        candidates.setdefault(key, []).append(figure)
        names.setdefault(key, shown)
    found = []
    for key, stated in candidates.items():
        chosen = _chosen(stated, covered_year)
        series, unit, measure = key
        found.append(Indicator(names[key], unit, chosen.text, chosen.year, chosen.value, measure, series))
    return tuple(found)


def _chosen(stated: list[Figure], covered_year: str) -> Figure:
    of_year = [figure for figure in stated if covered_year and figure.year == covered_year]
    if of_year:
        return of_year[0]
    first_sentence = [figure for figure in stated if figure.sentence == stated[0].sentence]
    return first_sentence[-1]
