"""A title for a page that prints none, as a reader would name the report.

A report to a congress says in its opening formula whom it reports for
(我代表市人民检察院向大会报告工作), and its speaker's line names that body in
full; every statistical bulletin bears the same name after its place and
year. Where the first lines say neither, there is no title here, and the
caller falls back to the file's name. Lines are read in simplified
characters without the pinyin some copies sow into them.
"""

from __future__ import annotations

import re

from ..model import Line
from .body import compact
from .hanzi import simplified
from .line_words import BULLETIN_OPENS, BULLETIN_SPEAKS, OPENING_FORMULA, PINYIN, SPEAKER_ROLES
from .title import TITLE_MAX_CHARS


def _readable(text: str) -> str:
    return PINYIN.sub("", simplified(compact(text)))


# What the opening formula announces when the report is the reporter's own
# work report (报告工作, 作政府工作报告), not a report on a subject (审计情况).
_REPORTS_WORK = re.compile(r"^(?:(?:作|做)\S{0,4}工作报告|报告工作|作报告)")
# The span a report covers, in front of what it reports (五年来的法院工作).
_SINCE = re.compile(r"^(?:过去)?(?:[一二三四五六七八九十两0-9]+年来|本届以来|今年以来|(?:19|20)\d\d年(?:以来)?)的?")
_SESSION = re.compile(r"第?[一二三四五六七八九十0-9]{1,4}届")
_OPENING_LINES = 8


def reported_title(lines: tuple[Line, ...]) -> str:
    """The title a reader gives a report that prints none, from its opening
    formula: whom it reports for, named in full by the speaker's line where
    that prints more (湖北省人民检察院检察长 王某 over 省人民检察院); "" when
    the first lines hold no such formula."""
    opening = [_readable(line.text) for line in lines[:_OPENING_LINES]]
    match = next((m for text in opening for m in [OPENING_FORMULA.search(text)] if m), None)
    if match is None or (match["body"] and not _REPORTS_WORK.match(match["what"])):
        return ""
    body = _SINCE.sub("", _SESSION.sub("", match["body"] or match["reported"]))
    for text in opening:
        role = re.search(rf"(?:{SPEAKER_ROLES})", text)
        if role and text[: role.start()].endswith(body) and role.start() <= TITLE_MAX_CHARS:
            body = text[: role.start()]
            break
    return f"{body}工作报告" if body else ""  # 我向大会报告五年来的工作 names nobody


# The bureau that issues a bulletin, on a line of its own above it (珠海市统计局).
_BUREAU = re.compile(r"^(?P<place>[\u4e00-\u9fff]{2,12}?)统计局$")
_OPENS_WITH_YEAR = re.compile(r"^((?:19|20)\d\d)年[,，]")  # 2011年，…: not the date line (2012年3月19日)
_BULLETIN = "国民经济和社会发展统计公报"


def bulletin_title(lines: tuple[Line, ...]) -> str:
    """The name every statistical bulletin bears, for one that prints none:
    its bureau's place, the year its text opens with (珠海市统计局 … 2011年，…
    一、综合 … 初步核算 gives 珠海市2011年国民经济和社会发展统计公报); "" when
    the first lines are not a bulletin's or do not say when."""
    opening = [_readable(line.text) for line in lines[:_OPENING_LINES]]
    if not any(BULLETIN_OPENS.match(text) for text in opening) or not any(map(BULLETIN_SPEAKS.search, opening)):
        return ""
    place = next((m.group("place") for text in opening for m in [_BUREAU.match(text)] if m), "")
    year = next((m.group(1) for text in opening for m in [_OPENS_WITH_YEAR.match(text)] if m), "")
    if place.startswith("国家"):
        place = ""
    # Without a bureau's line the place is left out (2010年国民经济和社会发展统计公报), not guessed.
    return f"{place}{year}年{_BULLETIN}" if year else ""
