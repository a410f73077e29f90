"""Stage 2, clean: from decoded text to report lines.

A cascade of plain passes, each taking lines and returning the lines it kept
and what it removed (with the id of the rule and a source span): split
markers rejoined, chrome, the page around the report's body (`text.body`), the
title, hard-wrapped lines rejoined, flattened lines split at their headings,
then repeated blocks; marks are recorded last, on what was kept. Nothing that
is report text is ever dropped by a pass other than `dedupe.remove_repeats`,
which keeps one copy.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from ..model import CleanText, Line, Removal, SourceText, Span
from .around import outside_lines
from .body import PAGE_REASONS, find_body
from .chrome import CHROME_RULES, HTML_COMMENT, ChromeRule, chrome_rule, comment_lines
from .dedupe import remove_repeats
from .line_words import DELIVERING_ROLES, REPORT_WORDS, SPEAKER_ROLES
from .linebreaks import rejoin_spans, rejoin_split_markers, rejoin_wrapped, split_flattened
from .marks import find_marks
from .places import find_places, gazetteer
from .title import (
    TITLE_FIELD_LABEL,
    choose_title,
    covering_notice,
    glued_title,
    shares_title,
    split_site_name,
    split_subtitle,
    title_lines,
)
from .untitled import bulletin_title, reported_title

# A report's title is one short line without a sentence end.
MAX_REPORT_TITLE_CHARS = 80
TITLE_REPEAT = "title.repeat"
# The page around the body: chrome.page-<reason> (`body.PAGE_REASONS`).
PAGE_RULE = "chrome.page-"
PAGE_RULES = tuple(PAGE_RULE + reason for reason in PAGE_REASONS)
# The shortest end of a title that is taken for the title printed again.
MIN_TITLE_TAIL = 4
TITLE_LABEL = "chrome.title-label"
SITE_NAME = "chrome.site-name"
_SPACE = re.compile(r"\s+")
# A title set out a character at a time (工 作 报 告): spacing, not words.
_LETTER_SPACED = re.compile(r"[\u4e00-\u9fff](?:[ \u3000]+[\u4e00-\u9fff]){2,}(?![\u4e00-\u9fff])")
# A label in front of a title: a collection's (第1篇 区人大常委会工作报告), a
# scraper's (标题: …), or a table's cell border (| … |).
# (A colon alone is what is left of a field's label: :镇政府年度工作报告.)
_TITLE_PREFIX = re.compile(r"^(第\s*[0-9一二三四五六七八九十]+\s*篇\s*|\s*" + TITLE_FIELD_LABEL + r"|[|｜:：]\s*)")
# A collection's name and the number of one of its items in front of the
# item's title (2015年乡政府工作计划一:2015年乡政府工作计划, …范文篇二：…).
_COLLECTION_ITEM = re.compile(r"^(?P<collection>.{2,40}?)篇?[一二三四五六七八九十0-9]{1,2}\s*[:：]\s*(?P<title>.{2,})$")
# A table's cell borders after it (… | |).
_TITLE_BORDER = re.compile(r"(?:\s*[|｜])+\s*$")
_TITLE_DATELINE = re.compile(r"^\S{0,12}?[0-9０-９]{1,2}月[0-9０-９]{1,2}日电\s*")
# A news headline that names who delivered the report (国务院总理李克强作政府工作报告,
# 院长周强同志作最高人民法院工作报告): the report's title is what follows 作.
_DELIVERED = re.compile(
    rf"^.{{0,24}}?(?:同志|(?:{DELIVERING_ROLES})"
    r"[\u4e00-\u9fff·]{2,3})(?:作|做)(?=.{4,}(?:报告|報告)(?:[(（]?全文.{0,2}[)）]?)?$)"
)
# A notice's number in front of the title (2019年第43号(总第221号)郑州市关于…).
_DOCUMENT_NUMBER = re.compile(
    r"^\s*(?:19|20)\d\d\s*年\s*第\s*\d{1,4}\s*号\s*(?:[(（]\s*总第\s*\d{1,5}\s*号\s*[)）])?\s*"
)
# What the page says of its copy after the title: (全文), （全文内容）; and a
# character the conversion lost, standing apart at its end (政府工作报告 ?).
_TITLE_NOTE = re.compile(
    r"\s*(?:[(（]全文[^()（）]{0,4}[)）]|全文)$|\s+[?？]+$"
    # a document site's count of the copy's characters (…述职报告2150字, …汇编(577900字))
    r"|(?<=[\u4e00-\u9fff）)])\s*[(（]?\d{3,7}字[)）]?$"
)
# A year a site's page title repeats behind the title (…2022年…统计公报 2022).
_TITLE_YEAR_TAG = re.compile(r"\s+((?:19|20)\d\d)\s*$")
_BRACKETED_TITLE = re.compile(r"^[\[【]\s*(?P<title>[^\[\]【】]{4,80}?)\s*[\]】]")
# A speaker's line run on behind a title that names its kind (…工作报告市城管局局长 某 某).
_SPEAKER_BEHIND = re.compile(
    rf"(?<=报告|報告|讲话|講話|致辞)\s*[\u4e00-\u9fff、]{{0,20}}?(?:{SPEAKER_ROLES})\s*(?:[\u4e00-\u9fff·]\s*){{2,3}}$"
)
# A place in brackets in front of a title, a collection's tag ((广东省)2020年…报告).
_PLACE_TAG = re.compile(r"^\s*[(（\[【]\s*(?P<place>[^()（）\[\]【】]{2,12}?)\s*[)）\]】]\s*")


def clean(source: SourceText, chrome_rules: tuple[ChromeRule, ...] = CHROME_RULES) -> CleanText:
    """Run every cleaning pass over one decoded source."""
    # A marker cut by a line break is mended first: its halves (``（``) would
    # otherwise look like the remains of a page widget.
    lines = rejoin_spans(rejoin_split_markers(split_lines(source.text)))
    lines, chrome = remove_chrome(lines, chrome_rules)
    lines, page, title_numbers = remove_page(lines)
    title, title_line, lines, repeats = take_title(lines, title_numbers)
    if not title:  # a document site names the file it shows: 《县教育局2024年工作要点.docx》由会员分享
        title = next((name for removal in chrome + page for name in [document_name(removal.text)] if name), "")
    origin = "printed"
    if not title and not REPORT_WORDS.search(PurePosixPath(source.path).stem):
        # a page that prints no title: 我代表省人民检察院向大会报告工作; 珠海市统计局 … 一、综合
        title, origin = reported_title(lines) or bulletin_title(lines), "derived"
    lines = split_flattened(rejoin_wrapped(lines))
    lines, duplicates = remove_repeats(lines)
    removed = tuple(sorted(chrome + page + repeats + duplicates, key=lambda r: r.span.start))
    return CleanText(title, title_line, lines, removed, find_marks(lines), origin)


def split_lines(text: str) -> tuple[Line, ...]:
    """Number the non-blank lines (1-based, as an editor shows them)."""
    return tuple(Line(number, line) for number, line in enumerate(text.split("\n"), 1) if line.strip())


def remove_chrome(
    lines: tuple[Line, ...], rules: tuple[ChromeRule, ...] = CHROME_RULES
) -> tuple[tuple[Line, ...], tuple[Removal, ...]]:
    """Drop lines that are web-page furniture."""
    kept, removed = [], []
    comments = comment_lines([line.text for line in lines])
    for index, line in enumerate(lines):
        rule = HTML_COMMENT if index in comments else chrome_rule(line.text, rules)
        if rule is None:
            kept.append(line)
        else:
            removed.append(Removal("chrome", f"chrome.{rule}", line.text, Span(line.number, line.number)))
    return tuple(kept), tuple(removed)


def remove_page(lines: tuple[Line, ...]) -> tuple[tuple[Line, ...], tuple[Removal, ...], tuple[int, ...]]:
    """Drop the lines around the report's body that are the page's (`text.body`)
    and do not read as report text; return what is kept, what was removed,
    and the numbers of the lines that print the title (kept, wherever they stand)."""
    body = find_body(lines)
    index = choose_title(lines, body)
    # Under a notice that publishes it, the report's own title is the title;
    # the notice (addressees, its paragraph, a signature, a date) is the
    # document's text, kept in front of the report.
    published = covering_notice(lines, index) if index is not None else None
    if published is not None:
        title = published
    elif index is not None:
        title = title_lines(lines, index)
    else:
        title = range(0)
    page = outside_lines(lines, body, title)
    kept = tuple(line for i, line in enumerate(lines) if i not in page)
    removed = tuple(
        Removal("chrome", f"{PAGE_RULE}{page[i]}", line.text, Span(line.number, line.number))
        for i, line in enumerate(lines)
        if i in page
    )
    return kept, removed, tuple(lines[i].number for i in title)


def take_title(
    lines: tuple[Line, ...], numbers: tuple[int, ...]
) -> tuple[str, int, tuple[Line, ...], tuple[Removal, ...]]:
    """Take the report's title out of its lines (the lines `numbers` print it
    on, or the start of the first line where it runs into the body); drop its
    repeats.

    Scraped pages print the title in the page header and again above the
    body; it is the report's title once, not a line of its text.
    """
    parts = [line for line in lines if line.number in numbers]
    if not parts:
        return _glued_title(lines)
    text = "".join(line.text.strip() for line in parts)
    labels: tuple[Removal, ...] = ()
    span = Span(parts[0].number, parts[-1].number)
    label = _TITLE_PREFIX.match(text)
    if label and label.end() < len(text):
        labels += (Removal("chrome", TITLE_LABEL, label.group(0).strip(), span),)
        text = text[label.end() :]
    if text.endswith("。") and REPORT_WORDS.search(text[-5:-1]):  # a copy's full stop after the title
        labels += (Removal("chrome", TITLE_LABEL, "。", span),)
        text = text[:-1]
    item = _COLLECTION_ITEM.match(text)
    title_of_item = item.group("title") if item else ""
    if item and REPORT_WORDS.search(title_of_item) and shares_title(item.group("collection"), title_of_item):
        labels += (Removal("chrome", TITLE_LABEL, text[: item.start("title")].strip(), span),)
        text = item.group("title")
    border = _TITLE_BORDER.search(text)
    if border and border.start() > 0:
        labels += (Removal("chrome", TITLE_LABEL, border.group(0).strip(), span),)
        text = text[: border.start()]
    # A news dateline in front (新华网北京3月19日电 最高人民检察院工作报告).
    dateline = _TITLE_DATELINE.match(text)
    if dateline and dateline.end() < len(text):
        labels += (Removal("chrome", TITLE_LABEL, dateline.group(0).strip(), span),)
        text = text[dateline.end() :]
    notice = _DOCUMENT_NUMBER.match(text)
    if notice and notice.end() < len(text):
        labels += (Removal("chrome", TITLE_LABEL, notice.group(0).strip(), span),)
        text = text[notice.end() :]
    place, untagged = _place_tag(text)
    if place and untagged:
        labels += (Removal("chrome", TITLE_LABEL, place.strip(), span),)
        text = untagged
    delivered = _DELIVERED.match(text)
    if delivered:
        labels += (Removal("chrome", TITLE_LABEL, delivered.group(0), span),)
        text = text[delivered.end() :]
    tag = _TITLE_YEAR_TAG.search(text)
    if tag and tag.group(1) in text[: tag.start()]:
        labels += (Removal("chrome", TITLE_LABEL, tag.group(0).strip(), span),)
        text = text[: tag.start()]
    note = _TITLE_NOTE.search(text)
    if note and note.start() > 0:
        labels += (Removal("chrome", TITLE_LABEL, note.group(0).strip(), span),)
        text = text[: note.start()]
    # A page title in brackets before other words ([2020年X区人大常委会工作报告] 2020年是…):
    # the bracketed part, when it alone names a kind of report.
    bracketed = _BRACKETED_TITLE.match(text)
    rest = text[bracketed.end() :].strip() if bracketed else ""
    if bracketed and rest and REPORT_WORDS.search(bracketed.group("title")) and not REPORT_WORDS.search(rest):
        labels += (Removal("chrome", TITLE_LABEL, text.replace(bracketed.group("title"), "", 1), span),)
        text = bracketed.group("title")
    elif bracketed and rest and REPORT_WORDS.search(rest) and not REPORT_WORDS.search(bracketed.group("title")):
        # A tag in brackets before the title ([县长在县委书记]县长在…的讲话): the title is after it.
        labels += (Removal("chrome", TITLE_LABEL, text[: bracketed.end()], span),)
        text = rest
    text, site = split_site_name(text)
    lines = tuple(line for line in lines if line.number not in numbers)
    if site:
        # A page title: the title printed above the body, run into its first
        # words (…的讲话同志们：…), is the report's own.
        glued = glued_title(lines[0].text.strip()) if lines else None
        if glued and shares_title(glued[0], text):
            page_title = Removal("title", TITLE_REPEAT, parts[0].text, Span(parts[0].number, parts[-1].number))
            number = lines[0].number
            title_text, rest = glued
            return title_text, number, (Line(number, rest), *lines[1:]), (*labels, page_title)
        labels += (Removal("chrome", SITE_NAME, site.strip(), Span(parts[-1].number, parts[-1].number)),)
    text, subtitle = split_subtitle(text)
    speaker = _SPEAKER_BEHIND.search(text) if not subtitle else None
    if speaker:  # the speaker's line run on behind the title: a line of its own
        text, subtitle = text[: speaker.start()], speaker.group(0).strip()
    title = Line(parts[0].number, _LETTER_SPACED.sub(lambda run: _SPACE.sub("", run.group(0)), text))
    if subtitle:  # its own line, where the opening lines of the report are
        at = next((i for i, line in enumerate(lines) if line.number > title.number), len(lines))
        lines = (*lines[:at], Line(title.number, subtitle), *lines[at:])
    key = _SPACE.sub("", title.text)
    kept, removed = [], []
    for line in lines:
        head, rest = split_subtitle(line.text.strip())
        # The title again with (全文) behind it, or a place's tag in front.
        head = _TITLE_NOTE.sub("", _SPACE.sub("", head))
        head = _place_tag(head)[1]
        # The title again, or its end printed alone (政府工作报告 under
        # 2006年国务院政府工作报告), maybe with the subtitle run on.
        again = head == key or (
            len(head) >= MIN_TITLE_TAIL and key.endswith(head) and REPORT_WORDS.search(head) is not None
        )
        if not again:
            kept.append(line)
            continue
        printed = line.text[: len(line.text) - len(rest)] if rest else line.text
        removed.append(Removal("title", TITLE_REPEAT, printed, Span(line.number, line.number)))
        if rest:
            kept.append(Line(line.number, rest))
    return title.text, title.number, tuple(kept), labels + tuple(removed)


def _place_tag(text: str) -> tuple[str, str]:
    """A place's tag in brackets in front of `text` ((广东省), (内蒙古)) and the
    text after it; "" and `text` where there is none."""
    tag = _PLACE_TAG.match(text)
    if tag is None or not _only_a_place(tag.group("place")):
        return "", text
    return tag.group(0), text[tag.end() :]


def _only_a_place(text: str) -> bool:
    """Whether `text` is the name of one division and nothing else: its
    full name, or a province's short one (内蒙古, 广东)."""
    places = find_places(text)
    if len(places) == 1 and places[0].start == 0 and places[0].end == len(text):
        return True
    return any(division.level == "province" for division in gazetteer().short.get(text, ()))


def _glued_title(lines: tuple[Line, ...]) -> tuple[str, int, tuple[Line, ...], tuple[Removal, ...]]:
    """No title line: the first line may open with the title run into the
    body (…的讲话同志们：…); then that is the title and the rest stays."""
    found = glued_title(lines[0].text.strip()) if lines else None
    if found is None:
        return "", 0, lines, ()
    title, rest = found
    number = lines[0].number
    # What stood before the title on its line is the page's (第1页共4页, a site's label).
    before = lines[0].text.strip()[: -len(rest) - len(title) or None].strip() if rest else ""
    label = (Removal("chrome", TITLE_LABEL, before, Span(number, number)),) if before else ()
    return title, number, (Line(number, rest), *lines[1:]), label


_DOCUMENT_NAME = re.compile(r"(?:《|^)(?P<name>[^《》\n]{4,80}?)\.(?:docx?|wps|pdf|txt|pptx?|xlsx?)(?:》|$|\s)", re.I)


def document_name(text: str) -> str:
    """The name of the document a document site's line offers (…《X.docx》…), or ""."""
    match = _DOCUMENT_NAME.search(text.strip())
    return match.group("name").strip() if match and REPORT_WORDS.search(match.group("name")) else ""
