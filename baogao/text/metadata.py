"""Metadata: what a report is, whose, where and when.

Read from what a reader reads first: the title, the subtitle (``——2023年3月5日
在…会议上``), the speaker line, the first lines, and the file name; and from
the page around it (a source address among the removed lines). Each kind of
report is one `KindRule` record; regions are resolved against the gazetteer
(`places`). A field the report does not state stays empty: nothing is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..model import Metadata
from .clean import MAX_REPORT_TITLE_CHARS
from .dates import (
    SUBTITLE,
    TAIL_LINES,
    date_in,
    date_line,
    npc_session_year,
    publication_date,
    reviewed_year,
    year_in_text,
    year_of_title,
)
from .hanzi import simplified
from .line_words import BULLETIN_OPENS, BULLETIN_SPEAKS, DELIVERING_ROLES, OPENING_FORMULA
from .numbering import parse_heading
from .places import Gazetteer, find_places
from .region import NATIONAL, NATIONAL_BODY, read_region

# How much of the text is read for the region.
REGION_TEXT_CHARS = 20_000
# How many of the first lines may hold the subtitle, speaker and date (the
# last `dates.TAIL_LINES` may hold a signature's date).
HEAD_LINES = 8
# How many of the lines cleaning removed (the page around the report, in
# order) are read for the kind when the report itself does not name it.
PAGE_HEADER_LINES = 5
# Kinds that review the year before the one they are given in, whoever gives them.
REVIEWS_PAST_YEAR = frozenset({"work-summary"})


@dataclass(frozen=True)
class KindRule:
    id: str
    pattern: re.Pattern[str]
    annual_to_congress: bool = False
    """Delivered to a people's congress early in the year after the one it
    reviews: its own year (2023年政府工作报告) is the year it was given."""


# In order: the first that matches the title wins, so the specific come
# before the general (审计工作报告 before 工作报告, 总结 before 计划 in
# 工作总结暨工作计划). Text is matched in simplified characters (`simplified`);
# 決 and 計畫, which its table leaves as they are, are written out.
KIND_RULES: tuple[KindRule, ...] = (
    KindRule("audit", re.compile(r"审计工作报告|审计结果")),
    KindRule("statistical-bulletin", re.compile(r"统计公报")),
    KindRule("budget", re.compile(r"预算执行情况|预算草案|决算|決算|预算报告")),
    KindRule(
        "npc-standing",
        # a township's congress has a presidium where a county's has a standing committee
        re.compile(r"人大常委会工作报告|常务委员会工作报告|人大主席团工作报告"),
        annual_to_congress=True,
    ),
    KindRule("court", re.compile(r"法院工作报告"), annual_to_congress=True),
    KindRule("procuratorate", re.compile(r"检察院工作报告"), annual_to_congress=True),
    KindRule("government-work", re.compile(r"政\s*府\s*工\s*作\s*报\s*告"), annual_to_congress=True),
    KindRule("supervision", re.compile(r"督导|督查.{0,8}反馈")),
    KindRule("self-evaluation", re.compile(r"自评|自查")),
    KindRule("debriefing", re.compile(r"述职")),
    KindRule("speech", re.compile(r"讲话|致辞|贺词|主持词|发言(?!人)")),
    KindRule("work-summary", re.compile(r"工作总结|年度总结|年终总结")),
    KindRule("work-plan", re.compile(r"工作计划|工作计画|工作要点|工作安排|工作打算")),
)
_BY_ID = {rule.id: rule for rule in KIND_RULES}
# A year's review that opens speaking as a place's procuratorates or courts.
_JUDICIAL_VOICE = (
    ("procuratorate", re.compile(r"^(?:19|20)\d\d年[,，]全(?:省|市|州|盟|县|区|旗)检察机关")),
    ("court", re.compile(r"^(?:19|20)\d\d年[,，]全(?:省|市|州|盟|县|区|旗)(?:各级)?法院")),
)

# A title that opens with the country's name and a year is the country's
# (中华人民共和国2024年…统计公报), not a law's (中华人民共和国…法).
_NATIONAL_TITLE = re.compile(r"^中华人民共和国\s*(?:19|20)\d\d\s*年")
# A salutation that opens a speech (同志们：, 各位领导、各位来宾：).
_SPEECH_SALUTATION = re.compile(r"^\s*(同志们|各位领导|各位来宾|老师们|同学们)")
_MEETING = re.compile(r"在(.{4,60}?(?:会议|大会))(?:上|\s*$)")
_ROLES = (
    "总理|副总理|省长|市长|县长|区长|旗长|州长|镇长|乡长|主任|院长|检察长|局长|书记|主席|代市长|代省长|代县长|代区长"
)
_SPEAKER = re.compile(
    rf"^(?P<body>[^\s，。,:：]{{0,30}}?)\s*(?P<role>{_ROLES})\s*(?P<name>[\u4e00-\u9fff·](?:\s?[\u4e00-\u9fff·]){{1,3}})$"
)
_ISSUER = re.compile(
    r"[\u4e00-\u9fff]{2,20}?(?:人民政府|人民法院|人民检察院|人大常委会|人民代表大会常务委员会|教育局|审计局|统计局|教育委员会|政府)"
)
_URL = re.compile(r"https?://[^\s\"'<>，。）)]+")
# The same told by a news item: 最高人民检察院检察长应勇向大会报告最高人民检察院工作;
# …应勇8日上午向第十四届全国人民代表大会第三次会议作最高人民检察院工作报告.
_REPORTS_TO = re.compile(
    rf"(?P<body>[^，,。；;\s（(]{{2,30}}?)(?:{DELIVERING_ROLES})[\u4e00-\u9fff]{{2,3}}"
    r"[^，,。]{0,8}?向(?:大会|[^，,。]{0,30}?(?:常委会|常务委员会|会议))(?:(?:作|做)[^，,。]{0,20}?)?报告(?P<what>[^。；;，,]{0,30})"
)
# What follows a kind of report in a title about that report rather than of
# it: a news item (…工作报告获全票通过), a reading of it (…报告解读), a table
# of the tasks it sets (…重点工作目标任务分解表).
_ABOUT_REPORT = re.compile(
    r"[》」\s]{0,2}(?:获|经|被|全票|高票|顺利|审议|通过|解读|图解|速览|热词|关键词|出炉|发布会|答记者问|重点工作|任务分解|分解表)"
)
# Pinyin printed after each character by a page's ruby annotation (會(huì)):
# no part of the words the rules look for.
_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")
# What an opening says is reported: an audit or a budget, whoever reports it.
_SUBJECT_KINDS = (("audit", re.compile(r"审计")), ("budget", re.compile(r"预算|决算|決算")))
# Who reports (the opening's body, or the speaker's body and role), to what kind of report.
_REPORTER_KINDS = (
    ("court", re.compile(r"法院|院长(?!.*检察)")),
    ("procuratorate", re.compile(r"检察")),
    ("npc-standing", re.compile(r"常委会|常务委员会")),
    ("government-work", re.compile(r"国务院|政府|总理|省长|市长|县长|区长|旗长|州长")),
)
# A title run into its text is looked for in the first characters of a line.
TITLE_START_CHARS = 30


def kind_of(text: str) -> str:
    """The id of the first kind rule that matches `text`, or "" (also where
    the text is about such a report rather than the report: `_ABOUT_REPORT`)."""
    for rule in KIND_RULES:
        match = rule.pattern.search(text)
        if match:
            return "" if _ABOUT_REPORT.match(text, match.end()) else rule.id
    return ""


def extract_metadata(
    title: str,
    lines: Sequence[str],
    removed: Sequence[str] = (),
    file_name: str = "",
    places: Gazetteer | None = None,
) -> Metadata:
    """Metadata of a report from its title, its kept lines in order, the
    lines cleaning removed (the page around it) and its file name."""
    # Read in simplified characters: the rules and the gazetteer are written so.
    title = _readable(title)
    text = _readable(_start_of(lines))
    tail = lines[max(HEAD_LINES, len(lines) - TAIL_LINES) :]  # a signature and its date
    lines = [_readable(line) for line in [*lines[:HEAD_LINES], *tail]]
    removed = [_readable(line) for line in removed]
    head = [title, *lines[:HEAD_LINES]]
    subtitle = next((line for line in head if SUBTITLE.match(line) or _MEETING.search(line)), "")
    speaker_line = next((line for line in head if _SPEAKER.match(line.strip())), "")
    opening = next(
        (
            match
            for line in head
            for formula in (OPENING_FORMULA, _REPORTS_TO)
            for match in [formula.search(line)]
            if match
        ),
        None,
    )
    # The line that names the kind of report is its title, whatever line the
    # page put first (a site banner, a byline).
    # A heading numbered in Chinese (（一）…决算草案审计) names a part, not the
    # report (1、 may be a document site's page number).
    candidates = [line for line in head if not _chinese_heading(line)]
    named = next((line for line in candidates if _is_title(line) and kind_of(line)), "")
    named = named or next((start for line in candidates for start in [_title_start(line)] if kind_of(start)), "")
    kind = (
        kind_of(named)
        or _reporter_kind(opening)
        or _reporter_kind_of(_SPEAKER.match(speaker_line.strip()))
        or kind_of(file_name)
        # Last, the page's own header lines (a page title, a template site's
        # blurb: 下面是小编整理的…工作总结) may name what it offers…
        or next((found for line in removed[:PAGE_HEADER_LINES] for found in [kind_of(line)] if found), "")
        # …or someone named with a role, then 同志们: the text is what they said…
        or ("speech" if speaker_line and any(_SPEECH_SALUTATION.match(line) for line in head) else "")
        # …or its shape does: a statistical bulletin opens with 一、综合 on the economy.
        or ("statistical-bulletin" if _bulletin_shape(lines[:HEAD_LINES], text) else "")
        # …or the year's review speaks as the courts or procuratorates of a place (2015年，全市检察机关…).
        or next((kind for kind, pattern in _JUDICIAL_VOICE if any(pattern.match(line) for line in head)), "")
    )
    speaker = _speaker(speaker_line)
    meeting = _MEETING.search(subtitle)
    delivered = date_in(subtitle) or date_line(lines) or npc_session_year(head)
    date = delivered or publication_date(removed)
    national = opening is not None and NATIONAL_BODY.search(_reporter_of(opening)) is not None
    national = national or _NATIONAL_TITLE.match(named or title) is not None
    region, level, code = read_region(named or title, subtitle, speaker_line, text, places, national, removed)
    # A page's publication date says when the page went up, not which year
    # an annual report covers: only the report's own date is used for that.
    given_at = date_in(subtitle)
    annual = kind in _BY_ID and _BY_ID[kind].annual_to_congress
    reviews_past = kind in REVIEWS_PAST_YEAR
    year = year_of_title(named or title, given_at, annual)
    year = year or year_in_text(head, annual, reviews_past, delivered, given_at)
    if annual and not given_at:
        # Undated, a year may be the year given or the year covered
        # (珠海市中级人民法院工作报告(2022年)): the review's heading says which.
        reviewed = reviewed_year(lines)
        year = reviewed if reviewed and year and abs(int(reviewed) - int(year)) == 1 else year
    return Metadata(
        kind=kind,
        issuer=_issuer(title, speaker_line, places),
        region=region,
        region_level=level,
        region_code=code,
        year=year,
        date=date,
        meeting=meeting.group(1) if meeting else "",
        speaker=speaker,
        source_url=next((m.group(0) for line in removed for m in [_URL.search(line)] if m), ""),
    )


# The first part of a statistical bulletin (国民经济和社会发展统计公报), whoever prints it.


def _bulletin_shape(head: Sequence[str], text: str) -> bool:
    return any(BULLETIN_OPENS.match(line.strip()) for line in head) and BULLETIN_SPEAKS.search(text) is not None


def _start_of(lines: Sequence[str]) -> str:
    """The text of the first lines, up to `REGION_TEXT_CHARS` characters."""
    taken, size = [], 0
    for line in lines:
        if size >= REGION_TEXT_CHARS:
            break
        taken.append(line)
        size += len(line)
    return "\n".join(taken)[:REGION_TEXT_CHARS]


def _chinese_heading(line: str) -> bool:
    heading = parse_heading(line)
    return heading is not None and heading.rule.chinese


def _readable(text: str) -> str:
    """`text` as the rules read it: simplified characters, no pinyin."""
    return _PINYIN.sub("", simplified(text))


def _is_title(line: str) -> bool:
    """A title is a short line without a sentence end or a comma."""
    return len(line) <= MAX_REPORT_TITLE_CHARS and not any(mark in line for mark in "。，,；;")


def _title_start(line: str) -> str:
    """The start of a line, up to its first sentence mark, where a title run
    into its text would be; what stands quoted in 《》 there names another
    document."""
    start = re.split(r"[。，,；;：:]", line[:TITLE_START_CHARS], maxsplit=1)[0]
    return re.sub(r"《[^》]*》?", "", start)


def _reporter_kind(opening: re.Match[str] | None) -> str:
    """The kind of report an opening formula announces: by what it reports,
    else by who reports it."""
    if opening is None:
        return ""
    subject = next((kind for kind, pattern in _SUBJECT_KINDS if pattern.search(opening["what"] or "")), "")
    return subject or _reporter(_reporter_of(opening))


def _reporter_of(opening: re.Match[str]) -> str:
    """Who reports, as the opening formula (or a news item's) names them."""
    return opening["body"] or opening.groupdict().get("reported") or ""


def _reporter_kind_of(speaker: re.Match[str] | None) -> str:
    """The kind of report a speaker's body and role give: 人大常委会主任, 检察长."""
    if speaker is None or speaker["body"].endswith("副"):
        # A deputy (副省长) speaks at meetings; the report is the head's.
        return ""
    return _reporter(speaker["body"] + speaker["role"])


def _reporter(text: str) -> str:
    return next((kind for kind, pattern in _REPORTER_KINDS if pattern.search(text)), "")


def _speaker(line: str) -> str:
    match = _SPEAKER.match(line.strip())
    if match is None:
        return ""
    name = re.sub(r"\s+", "", match["name"])
    return f"{match['body']}{match['role']} {name}".strip()


def _issuer(title: str, speaker: str, places: Gazetteer | None) -> str:
    """The body named in the speaker line or the title, where it is a place's
    (张掖市人民政府) or the country's (国务院)."""
    for text in (speaker, title):
        for match in _ISSUER.finditer(text):
            body = match.group(0)
            national = NATIONAL_BODY.search(body)
            if national:
                return national.group(0)
            mentions = find_places(body, places)
            if mentions:
                return body[mentions[0].start :]
    return ""


def corrected(
    metadata: Metadata, corrections: dict[str, str], kinds: dict[str, str], levels: dict[str, str]
) -> Metadata:
    """`metadata` with a reader's corrections; `kinds` and `levels` map the
    Chinese a reader writes (自评报告, 县级) to ids. A corrected region takes
    its level and code from the gazetteer unless they are given too."""
    values = dict(corrections)
    if "kind" in values:
        values["kind"] = kinds.get(values["kind"], values["kind"])
    if "region_level" in values:
        values["region_level"] = levels.get(values["region_level"], values["region_level"])
    if "region" in values:
        mentions = find_places(values["region"].split("/")[-1]) if values["region"] != "全国" else []
        known = mentions[-1].division if mentions else None
        values.setdefault("region_level", NATIONAL if values["region"] == "全国" else (known.level if known else ""))
        values["region_code"] = known.code if known else ""
    return replace(metadata, **values)
