"""Properties over generated reports: no text lost, same input gives same output."""

from __future__ import annotations

import os
from collections import Counter

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from baogao.model import Report, SourceText
from baogao.render.environment import make_environment
from baogao.render.pages import render_report
from baogao.render.site_pages import yaml_flow
from baogao.text.decode import decode_bytes, normalize_text
from baogao.text.dedupe import MIN_RUN_CHARS
from baogao.text.numbering import chinese_numeral
from baogao.text.outline import walk
from baogao.text.report import process

from .conftest import ROOT
from .dumps import accounted_characters

# The first 2,000 CJK unified ideographs (all encodable in GB18030), less the
# numerals: generated text must not hold heading look-alikes by chance.
HAN = "".join(c for c in map(chr, range(0x4E00, 0x4E00 + 2000)) if c not in "一二三四五六七八九十百")
PUNCT = "，；：“”《》%"
MARK = st.sampled_from(["(略)", " (略) ", "（略）", "*", "**", "****"])


def _sentence() -> st.SearchStrategy[str]:
    chunk = st.text(alphabet=HAN + PUNCT + "0123456789", min_size=8, max_size=30)
    return st.builds(lambda a, m, b: a + m + b + "。", chunk, st.one_of(st.just(""), MARK), chunk)


@st.composite
def reports(draw: st.DrawFn) -> str:
    """A report: title, preface, 一、 sections with （一） and 1. items."""
    title = draw(st.text(alphabet=HAN, min_size=6, max_size=20)) + "报告"
    lines = [title, draw(_sentence())]
    for major in range(1, draw(st.integers(1, 4)) + 1):
        lines.append(f"{chinese_numeral(major)}、{draw(st.text(alphabet=HAN, min_size=2, max_size=12))}")
        lines.append(draw(_sentence()))
        for minor in range(1, draw(st.integers(0, 3)) + 1):
            lines.append(f"（{chinese_numeral(minor)}）{draw(st.text(alphabet=HAN, min_size=2, max_size=12))}")
            for item in range(1, draw(st.integers(0, 3)) + 1):
                lines.append(f"{item}.{draw(st.text(alphabet=HAN, min_size=2, max_size=12))}。{draw(_sentence())}")
    return "\n".join(lines) + "\n"


def _report(text: str) -> Report:
    return process(SourceText("generated.txt", normalize_text(text), "utf-8", "0" * 64), "generated")


# BAOGAO_EXAMPLES=1000 for a longer search than the suite's default.
SETTINGS = settings(
    max_examples=int(os.environ.get("BAOGAO_EXAMPLES", "80")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@SETTINGS
@given(reports())
def test_no_character_is_lost(text: str) -> None:
    report = _report(text)
    assert accounted_characters(report, report.title) == Counter("".join(text.split()))


@SETTINGS
@given(reports(), st.integers(2, 4), st.sampled_from(["\n", "\r\n", "\r"]))
def test_repeating_the_body_keeps_outline_and_text(text: str, copies: int, line_end: str) -> None:
    title, body = text.split("\n", 1)
    # A copy shorter than this is not taken for a pasted body (see dedupe).
    assume(len("".join(body.split())) >= MIN_RUN_CHARS)
    once = _report(text)
    repeated = _report((title + "\n" + body * copies).replace("\n", line_end))
    assert repeated.outline == once.outline
    assert repeated.marks == once.marks


@SETTINGS
@given(reports(), st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-16-be"]))
def test_encoding_does_not_change_the_result(text: str, encoding: str) -> None:
    decoded, _ = decode_bytes(text.encode(encoding), "generated.txt")
    assert _report(decoded).outline == _report(text).outline


@SETTINGS
@given(reports())
def test_same_input_same_output(text: str) -> None:
    env = make_environment(ROOT / "templates")
    assert render_report(_report(text), env) == render_report(_report(text), env)


CHROME_LINES = [
    "内容",
    "发送至邮箱",
    "查看详情》",
    "【字体：大 中 小】",
    "当前位置： 首页>> 中国概况>> 中国简况",
    "上一页  1   2   3   下一页",
    "中央政府门户网站\u3000www.gov.cn\u3000 2009年03月16日\u3000 来源：新华社",
    # An HTML comment is one unit: report text never stands inside one.
    "<!--\nfunction turnpage(page){ document.all(page).innerHTML = 1;}\n-->",
    "热门搜索",
]


def _shape(report: Report) -> tuple[object, ...]:
    """Outline and body, without line numbers or whitespace."""

    def squeeze(text: str) -> str:
        return "".join(text.split())

    sections = tuple(
        (s.level, s.number, squeeze(s.title), s.title_end, squeeze("".join(line.text for line in s.body)))
        for s in walk(report.outline.sections)
    )
    return report.title, squeeze("".join(line.text for line in report.outline.preface)), sections


@SETTINGS
@given(
    reports(),
    st.integers(1, 4),
    st.booleans(),
    st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(CHROME_LINES)), max_size=6),
    st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-16-be"]),
    st.sampled_from(["\n", "\r\n"]),
)
def test_scraping_damage_leaves_outline_and_body_unchanged(
    text: str, copies: int, flatten: bool, chrome: list[tuple[int, str]], encoding: str, line_end: str
) -> None:
    title, body = text.split("\n", 1)
    assume(copies == 1 or len("".join(body.split())) >= MIN_RUN_CHARS)
    body_lines = body.strip("\n").split("\n")
    # Flattened: every line of the body joined into one, as a scraper that
    # turns block elements into spaces does. The title keeps its own line.
    copy = [" ".join(body_lines)] if flatten else body_lines
    lines = [title, *copy * copies]
    for position, line in sorted(chrome, reverse=True):
        lines.insert(1 + position % len(lines), line)
    damaged = line_end.join(lines) + line_end
    decoded, _ = decode_bytes(damaged.encode(encoding), "generated.txt")
    assert _shape(_report(decoded)) == _shape(_report(text))


@given(
    st.lists(
        st.dictionaries(
            st.text(max_size=60),
            st.one_of(st.text(max_size=40), st.lists(st.text(max_size=20), max_size=3)),
            min_size=1,
            max_size=2,
        ),
        max_size=5,
    )
)
@settings(max_examples=300)
def test_the_navigation_file_reads_back_as_written(nav: list[dict[str, object]]) -> None:
    # Whatever a title holds (controls, line separators, quotes, surrogates),
    # MkDocs's YAML loaders read the navigation back as baogao wrote it.
    text = yaml_flow({"nav": nav})
    assert yaml.safe_load(text) == {"nav": nav}
    assert yaml.load(text, Loader=yaml.Loader) == {"nav": nav}  # noqa: S506 (MkDocs's own loader)
