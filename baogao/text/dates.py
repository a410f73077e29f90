"""Dates and years: when a report was given, and which year it covers.

Read from its subtitle (``——2023年1月12日在…会议上``), a date line under its
title or signature, the session of the National People's Congress it names,
and the page around it (``发布时间：2023-05-12``). An annual report to a
congress covers the year before the one it was given in, unless it was given
late in the year; `metadata` says which kinds of report those are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .line_words import REVIEW_HEADING
from .numbering import FULL_WIDTH_DIGITS, chinese_value

# An annual report given from this month on covers the year it is given in.
LATE_SESSION_MONTH = 10
# A year, printed with 年 or, in a title, straight before its words (2017政府工作报告).
# A year, or one whose 年 the page lost before a month (202310月份: 2023年10月份).
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*(?:年|(?=[\u4e00-\u9fff])|(?=(?:0?[1-9]|1[0-2])月))")
_DATE = re.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")
_ISO_DATE = re.compile(r"((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})")
# A subtitle starts with a dash: ——2023年1月12日在…会议上.
SUBTITLE = re.compile(r"^[—\-－─━]{1,4}")
# How many of the last lines may hold a signature's date.
TAIL_LINES = 3
# A session of the National People's Congress (第十四届全国人民代表大会第三次会议,
# 十三届全国人大一次会议) dates a report given to it: the fifth and later
# congresses were elected every five years from 1978 and meet once a year.
_NPC_SESSION = re.compile(
    r"第?(?P<term>[一二三四五六七八九十]{1,3})届全国人(?:民代表)?大(?:会)?第?(?P<session>[一二三四五六七八九十]{1,2})次会议"
)
FIFTH_NPC_YEAR = 1978
NPC_TERM_YEARS = 5


# A date whose 年 and 月 a copy lost (——在20201223日…会议上, 20171215区政府…).
_RUN_TOGETHER_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)(0[1-9]|1[0-2])([0-2]\d|3[01])(?!\d)")


def date_in(text: str) -> str:
    """The first date `text` prints (2023年3月5日), as ``2023-03-05`` or ``2023-03``; or ""."""
    text = text.translate(FULL_WIDTH_DIGITS)
    match = _DATE.search(text) or _RUN_TOGETHER_DATE.search(text)
    if match is None:
        return ""
    year, month, day = match.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}" if day else f"{year}-{int(month):02d}"


def date_line(lines: Sequence[str]) -> str:
    """A line that is only a date, just under the title or at the end (a signature)."""
    for line in [*lines[:3], *lines[-TAIL_LINES:]]:
        text = line.strip().translate(FULL_WIDTH_DIGITS)
        if len(text) <= 14 and _DATE.fullmatch(text):
            return date_in(text)
    return ""


def publication_date(removed: Sequence[str]) -> str:
    """A publication date among the page's own lines (发布时间：2023-05-12)."""
    for line in removed:
        if re.search(r"发布|日期|时间", line):
            text = line.translate(FULL_WIDTH_DIGITS)
            match = _ISO_DATE.search(text)
            if match:
                return f"{match[1]}-{int(match[2]):02d}-{int(match[3]):02d}"
            found = date_in(text)
            if found:
                return found
    return ""


def year_of_title(title: str, date: str, annual: bool) -> str:
    """The year the report covers: the title's year (2023年…自评报告; 2017年度…审计),
    except that an annual report to a congress, titled or dated (`date`, from
    its subtitle) with the year it was given in, covers the year before."""
    if SUBTITLE.match(title):  # the page's first line is the subtitle: its date
        date, title = date_in(title) or date, ""
    found = _YEAR.search(title.translate(FULL_WIDTH_DIGITS))
    if not annual:
        return found.group(1) if found else ""
    if found and title[found.end() : found.end() + 1] == "度":
        return found.group(1)
    if found and date and int(date[:4]) - 1 <= int(found.group(1)) <= int(date[:4]):
        # Titled with the year it covers, given the next (魏庄镇2018年政府工作
        # 报告和2019年工作计划, 2019年2月26日在…上), or with the year it was
        # given in, late in that year (2013年县政府工作报告, 2013年12月25日):
        # the date says which.
        return year_before(date)
    if found:
        return str(int(found.group(1)) - 1)
    return year_before(date)


# How many of the report's first lines may hold that heading.
REVIEW_HEADING_LINES = 12


def reviewed_year(lines: Sequence[str]) -> str:
    """The year an annual report's first part reviews, as its heading prints it ("" if none)."""
    for line in lines[:REVIEW_HEADING_LINES]:
        found = REVIEW_HEADING.match("".join(line.split()).translate(FULL_WIDTH_DIGITS))
        if found:
            return found.group(1)
    return ""


def year_before(date: str) -> str:
    """The year an annual report given on `date` covers: the year before,
    unless it was given late in the year itself (a December session)."""
    if not date:
        return ""
    late = len(date) >= 7 and int(date[5:7]) >= LATE_SESSION_MONTH
    return date[:4] if late else str(int(date[:4]) - 1)


def year_in_text(head: Sequence[str], annual: bool, reviews_past: bool, date: str, given_at: str = "") -> str:
    """Without a year in the title: the year a report of a year's work names
    (…2022年度区本级预算执行 / 2015年,面对…), or the year before it was given
    (`date`); for other reports, the year of the meeting it was given at
    (`given_at`, from its subtitle)."""
    for line in head[1:]:
        text = line.translate(FULL_WIDTH_DIGITS)
        if SUBTITLE.match(text) or _DATE.fullmatch(text.strip()):
            continue
        found = (
            re.search(r"((?:19|20)\d\d)\s*年度", text)
            or re.match(r"\s*((?:19|20)\d\d)\s*年", text)
            or _RUN_TOGETHER_DATE.match(text.strip())
        )
        if found:
            return found.group(1)
    if annual:
        return year_before(date)
    # A report given at a meeting on a piece of work (an inspection, a
    # speech) is about the year it was given in; a summary of a year's work
    # (`reviews_past`) is not, and is left unknown.
    if given_at and not reviews_past:
        return given_at[:4]
    return ""


def npc_session_year(head: Sequence[str]) -> str:
    """The year of the National People's Congress session named in the
    first lines, or ""."""
    for line in head:
        match = _NPC_SESSION.search(line)
        if match:
            term, session = chinese_value(match["term"]), chinese_value(match["session"])
            if term >= 5:
                return str(FIFTH_NPC_YEAR + NPC_TERM_YEARS * (term - 5) + session - 1)
    return ""
