"""The report's title among the lines around its body.

Candidates stand just before the body (`text.body.find_body`) or in its first
lines; one that names a kind of report, that the body is about, and that
stands close to it wins. A title broken over lines is joined, a subtitle or a
site's name on its line is split off, and a title run into the body on one
line is split from it. Thresholds are named defaults.
"""

from __future__ import annotations

import re

from ..model import Line
from .body import PROSE_MIN_HAN_SHARE, Body, Kind, compact, han_count, line_kind
from .line_words import (
    ENDS_SENTENCE,
    FRAME,
    PINYIN,
    REPORT_WORDS,
    REVIEW_HEADING,
    SENTENCE_MARKS,
)
from .numbering import is_heading
from .places import find_places

# How many lines before the body a title may stand, and into it.
TITLE_BEFORE = 12
TITLE_INTO = 2
TITLE_MIN_CHARS = 2
TITLE_MAX_CHARS = 80
TITLE_PARTS = 3
# A joining word (和, 及) a title broken over two lines may lose at the break.
TITLE_JOINER_CHARS = 2
# How many of its pairs of characters a title naming no kind of report must
# share with the body.
UNNAMED_TITLE_PAIRS = 0.5
# The most a fuller title line may print in front of the title (a year, a body).
TITLE_FRONT_CHARS = 16
# How many of its pairs of characters the body must print for the words in
# front to be who and when (2020年大埔县), not a headline's (两会受权发布).
FRONT_NAMED_PAIRS = 0.5
# A year in front of a title (2020年, 二〇二三年, 2018年度), and what else may stand around the names there.
_FRONT_YEAR = re.compile(r"(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年?度?")
_FRONT_PLAIN = re.compile(r"[\s()（）\[\]【】·]")
# What may be left in front once its years and places are taken out (人民 of 大埔县人民).
FRONT_LEFT_CHARS = 2
# The most it may print behind it (和2019年工作计划, (全文)).
TITLE_BEHIND_CHARS = 12
# A notice that publishes or forwards a report (关于印发《…》的通知): its title
# over at most this many lines, and the notice itself, its number, addressees,
# paragraph, signature and date, over at most this many.
_FORWARDING = re.compile(r"(?:印发|转发|轉發|印發|公布)[《“]?(?P<inner>[^《》“”]{4,80}?)[》”]?的(?:通知|函|公告)")
NOTICE_TITLE_LINES = 3
NOTICE_LINES = 12
# A short line that names a kind of report just before its one full stop.
_TITLE_WITH_STOP = re.compile(r"^[^，。,；;！？!?：:]{4,40}。$")
# A line of this many parts joined by underscores is a list of keywords.
KEYWORD_LIST_PARTS = 3
# Latin letters, which a title line may carry as a site's watermark.
_LETTERS = re.compile(r"[A-Za-z]+")
# A title printed twice on one line: the second shares this share of its
# pairs of characters with the first.
REPEATED_TITLE_PAIRS = 0.6
# The longest issuer printed on a line of its own above a title.
TITLE_ISSUER_CHARS = 24
_ABOUT = re.compile(r"^(关于|關於)")
# How the name of a body ends: 执法检查组, 教育局, 人民政府, 委员会 …
# A title's kind alone on its line, the subject on the line above (…常务委员会 / 工 作 报 告,
# …标准化学校建设 / 自查自评报告).
_BARE_KIND = re.compile(r"^(?:自查自评|自查|自评|工作|述职|督导评估|督导|调研)?报告$|^工作(?:总结|计划|要点)$")
# How a subject above a bare kind ends: a body's name, a place, a school, a piece of work.
_SUBJECT_END = re.compile(r"(?:建设|工作|学校|小学|中学|幼儿园|镇|乡|村|县|区|市|省)$")
# A line that ends with a kind of report (maybe a note in brackets behind it) is a whole title.
_ENDS_KIND = re.compile(
    r"(?:报告|報告|讲话|講話|总结|總結|计划|計劃|方案|公报|公報|要点|要點|意见|意見)(?:[(（][^()（）]*[)）])?$"
)
_ISSUER_END = re.compile(r"(组|組|局|委员会|委員會|政府|院|办公室|辦公室|厅|廳|部|处|處|中心|会|會|委|办|辦)$")
# How much of the body's start a title is compared with.
BODY_TEXT_FOR_TITLE = 3000
# A collection's label, not a report's title: …范文五篇, （通用5篇）, 篇1.
_COLLECTION = re.compile(r"\d+篇|[五十三四六七八九两]篇|篇[0-9一二三四五六七八九十]+$|范文|範文|精选|精選|合集|大全")
# A title line that goes on: it opens with 关于 or ends on a joining word or
# an open 《; or the next line starts with one.
_OPEN_TITLE = re.compile(r"[和及与與暨的、《]$")
_GOES_ON = re.compile(r"^[和及与與暨的》]|^其他|^情况|^情況|^常务委员会|^常務委員會")
# A title naming its kind, run into a salutation or a first heading.
_GLUED_KIND = r"(?P<kind>讲话|講話|报告|報告|总结|總結|计划|計劃|指南|方案|要点|要點)"
_GLUED_TITLE = re.compile(
    rf"^(?P<title>.{{4,{TITLE_MAX_CHARS}}}?{_GLUED_KIND})"
    # what opens a report: a salutation, its first part, its first sentence's time
    r"(?=同志们|同志們|各位|尊敬的|一、|第一部分|第一章|一年来|一年來|今年以来|今年以來|近年来|近年來|过去的?一年|過去的?一年)"
)
# The kind ending a title, with the year a site put behind it: …自评报告(2023年).
_TITLE_END = re.compile(rf"{_GLUED_KIND}(?:[(（](?:19|20)\d\d年?度?[)）])?")
_SCORE = re.compile(r"得分\s*[0-9０-９]")
_REPORTS_TO = re.compile(r"向(?:大会|大會|会议|會議|全会|全會)$")
# How many characters a text run on behind its title must share with the
# title's start for the title to be told from the page's words before it.
GLUED_REPEAT_CHARS = 6


# A field of a page's record table that holds the title (标题：…, a table row
# 文件名称 | … |): the cell after the label is a candidate, though the row
# itself is the page's.
TITLE_FIELD_LABEL = (
    r"(?:标题|標題|题目|題目|题名|題名|文件名称|文件名稱|文件标题|文件標題|公文标题|名称|名稱)\s*[:：|｜]\s*"
    # a record table's label spaced out to the width of the others (标  题 2014年…)
    r"|(?:标\s+题|標\s+題|题\s+目|題\s+目|名\s+称|名\s+稱)\s+"
)
TITLE_FIELD = re.compile(r"^\s*" + TITLE_FIELD_LABEL)


# A line that ends on a cell's border: a row of cells that goes on from the line above.
_ROW_GOES_ON = re.compile(r"\s[|｜]$")


# A page title with its site's name behind it: …述职报告范文五篇-某某平台.
_SITE_NAME = re.compile(r"^(?P<title>.{4,}?)\s*(?:[-_|｜]|——)\s*(?P<site>[^\s\-_|｜。，]{2,16})$")
_SITE_SUFFIX = re.compile(r"\S\s*(?:[-_|｜]|——)\s*[^\s\-_|｜。，]{2,16}$")


def _title_score(text: str, kind: Kind, distance: int, body_text: str, first: bool = False) -> float:
    """How much a line reads as the report's title, `distance` lines above
    the body (negative: inside it)."""
    squeezed = re.sub(r"\s+", "", split_subtitle(PINYIN.sub("", text))[0])
    if not TITLE_MIN_CHARS <= len(squeezed) <= TITLE_MAX_CHARS or kind in (Kind.CHROME, Kind.HEADING):
        return float("-inf")
    outside_brackets = re.sub(r"[(（\[【][^)）\]】]*[)）\]】]", "", squeezed)
    if (
        ENDS_SENTENCE.search(squeezed)
        or squeezed.endswith(("：", ":"))
        or len(re.findall(r"[，,]", outside_brackets)) > 1
    ):
        return float("-inf")
    if re.match(r"^[—－-]|^[（(]\s*(19|20)\d\d\s*年", squeezed):  # a subtitle, its own field
        return float("-inf")
    if squeezed.count("_") >= KEYWORD_LIST_PARTS - 1:  # a page's keywords for search engines (甲_乙_丙_丁)
        return float("-inf")
    if REVIEW_HEADING.match(squeezed):  # 2015年工作回顾: the first part's heading
        return float("-inf")
    if _SCORE.search(squeezed):  # 自评得分113分: a score in a self-evaluation's table
        return float("-inf")
    names_kind = bool(REPORT_WORDS.search(squeezed))
    if kind is Kind.FRAME and not names_kind:  # a speaker, a date, a salutation
        return float("-inf")
    about = _shared_pairs(squeezed, body_text)
    # A line that names no kind of report is a title only if the body is about
    # it, or if it is the first line of the text (a plain file's title).
    if not names_kind and about < UNNAMED_TITLE_PAIRS and not first:
        return float("-inf")
    score = 10.0 if names_kind else 0.0
    if _SITE_SUFFIX.search(squeezed) and not REPORT_WORDS.search(re.split(r"[-_|｜]|——", squeezed)[-1]):
        score -= 6
    if han_count(squeezed) < len(squeezed) * PROSE_MIN_HAN_SHARE:
        score -= 6
    if _COLLECTION.search(squeezed):
        score -= 6
    # A title is about what its body says: its pairs of characters stand there.
    score += 8 * about
    # The title stands right above the body; a page header or a banner further up.
    return score - abs(distance) * 0.5


def _shared_pairs(title: str, body_text: str) -> float:
    pairs = {title[i : i + 2] for i in range(len(title) - 1) if han_count(title[i : i + 2]) == 2}
    return sum(pair in body_text for pair in pairs) / len(pairs) if pairs else 0.0


def choose_title(lines: tuple[Line, ...], body: Body) -> int | None:
    """The index of the line that is the report's title, or None.

    Candidates stand just before the body (or in its first lines): short,
    no sentence, not a heading, subtitle or piece of chrome; one naming a
    kind of report (报告, 讲话, 总结 …), about what the body says, and
    close to it wins.
    """
    if not lines:
        return None
    if not body.found:
        # Too little prose to weigh candidates: a short first line without a
        # sentence end is the title, as a plain text file prints one.
        first = lines[0].text.strip()
        plain = len(first) <= TITLE_MAX_CHARS and "。" not in first and not is_heading(first)
        return 0 if plain else None
    body_text = "".join(line.text for line in lines[body.start : body.end])[:BODY_TEXT_FOR_TITLE]
    best: tuple[float, int] | None = None
    low = max(0, body.start - TITLE_BEFORE)
    # The body may open with the report's own opening lines (a date, a
    # meeting, then the title: 在…会议上 / 某某区长的发言): they do not count.
    opening = body.start
    while opening < len(lines) and opening - body.start < TITLE_BEFORE and body.kinds[opening] is Kind.FRAME:
        opening += 1
    high = min(len(lines), opening + TITLE_INTO)
    for index in range(low, high):
        kind = body.kinds[index]
        if kind is Kind.PROSE or (kind is Kind.HEADING and index >= body.start):
            if index >= body.start:  # the report has begun: no title after this
                break
            continue
        text = lines[index].text.strip()
        field = TITLE_FIELD.match(text)
        if field:  # the title's cell in a record table, whatever the row reads as
            text, kind = text[field.end() :].strip(" |｜"), Kind.SHORT
        elif _ROW_GOES_ON.search(text) and index > 0 and _row_of_titles(lines[index - 1].text):
            continue  # the last cell of a row of links broken over two lines (← | 上一篇 | … | 下一篇 |)
        score = _title_score(text, kind, body.start - 1 - index, body_text, index == 0)
        if score > float("-inf") and (best is None or score > best[0]):
            best = (score, index)
    if best is None:
        # A title a copy ended with a full stop, on the text's first line (…述职报告。).
        first = compact(lines[0].text)
        stopped = _TITLE_WITH_STOP.match(first) is not None and REPORT_WORDS.search(first[-5:-1]) is not None
        return 0 if stopped and not is_heading(first) else None
    return _fuller(lines, best[1], low, body_text)


def _row_of_titles(text: str) -> bool:
    """Whether a line is a row of cells that names reports (links to other
    articles), not a page's record table (索引号 | … | 公开范围 | … |)."""
    return text.count("|") >= 2 and REPORT_WORDS.search(text) is not None


def _fuller(lines: tuple[Line, ...], index: int, low: int, body_text: str) -> int:
    """A line above the title that prints it with who and when in front
    (2006年国务院政府工作报告 above 政府工作报告), and maybe a note or what
    else it covers behind (…政府工作报告和2019年工作计划, …(全文)), says
    more: it is the title. Letters a site sows into its lines (政府工作报告PZl)
    are not compared; a front that names a kind of report itself is a
    site's category (2022年预算报告 关于…的报告), not who or when; and a
    front must say who or when (`_who_or_when`), which a news headline's
    words (两会受权发布…) do not."""
    title = _LETTERS.sub("", compact(split_subtitle(lines[index].text.strip())[0]))
    if not title:
        return index
    for above in range(index - 1, low - 1, -1):
        line = _LETTERS.sub("", compact(PINYIN.sub("", lines[above].text)))
        at = line.find(title)
        front, behind = line[:at], line[at + len(title) :]
        plain = not SENTENCE_MARKS.search(line) and not _SITE_SUFFIX.search(line) and not _COLLECTION.search(line)
        fits = 0 < len(front) <= TITLE_FRONT_CHARS and len(behind) <= TITLE_BEHIND_CHARS
        if at >= 0 and plain and fits and not REPORT_WORDS.search(front) and _who_or_when(front, body_text):
            return above
    return index


def _who_or_when(front: str, body_text: str) -> bool:
    """Whether the words in front of a title say who or when: a year, a
    place, a body's name, or words the body prints (half of their pairs of
    characters), not a headline's (两会受权发布)."""
    rest = front
    for mention in reversed(find_places(front)):
        rest = rest[: mention.start] + rest[mention.end :]
    rest = _FRONT_PLAIN.sub("", _FRONT_YEAR.sub("", rest))
    if len(rest) <= FRONT_LEFT_CHARS or (_ISSUER_END.search(rest) and len(rest) <= TITLE_ISSUER_CHARS):
        return True
    pairs = [front[i : i + 2] for i in range(len(front) - 1) if han_count(front[i : i + 2]) == 2]
    return len(pairs) < 2 or _shared_pairs(front, body_text) >= FRONT_NAMED_PAIRS


def covering_notice(lines: tuple[Line, ...], index: int) -> range | None:
    """The lines of the report's own title X (maybe broken over lines) under
    a notice that publishes it (…关于印发《X》的通知, its number, addressees,
    a paragraph, a signature and a date), where the title at `index` is that
    notice's or stands under it; None where there is no such notice, or X is
    not printed under it."""
    for start in range(max(0, index - TITLE_BEFORE), index + 1):
        texts = [compact(lines[at].text) for at in range(start, min(len(lines), start + NOTICE_TITLE_LINES))]
        found = _FORWARDING.search("".join(texts))
        if found is None or found.start() >= len(texts[0]):
            continue
        inner, end, printed = found.group("inner"), start, len(texts[0])
        while printed < found.end():  # the notice's title ends on this line
            end += 1
            printed += len(texts[end - start])
        for at in range(end + 1, min(len(lines), end + 1 + NOTICE_LINES)):
            text = compact(lines[at].text)
            if len(text) < 2 * TITLE_MIN_CHARS or SENTENCE_MARKS.search(text) or text not in inner:
                continue
            last = at  # the report's title, broken over lines as the notice names it whole
            while last + 1 < min(len(lines), at + TITLE_PARTS) and text + compact(lines[last + 1].text) in inner:
                last += 1
                text += compact(lines[last].text)
            return range(at, last + 1)
        return None
    return None


def title_lines(lines: tuple[Line, ...], index: int) -> range:
    """The lines the title at `index` spans: a title broken before a joining
    word (…预算执行和 / 其他财政收支的审计工作报告) starts on an earlier line,
    or ends on a later one."""
    start = index
    # The page's header may print the whole title on one line, above.
    printed = {compact(lines[above].text) for above in range(max(0, index - TITLE_BEFORE), index)}
    while start > 0 and index - start < TITLE_PARTS - 1:
        before = PINYIN.sub("", lines[start - 1].text.strip())
        line = PINYIN.sub("", lines[start].text.strip())
        # An issuer's name above its report's kind alone (…常务委员会 / 工 作 报 告) reads as an opening line.
        issuer_above = (
            _BARE_KIND.match(compact(line)) is not None
            and (_ISSUER_END.search(before) or _SUBJECT_END.search(before)) is not None
            and not REPORT_WORDS.search(before)
            and len(before) <= TITLE_ISSUER_CHARS
        )
        if SENTENCE_MARKS.search(before) or (line_kind(before) is not Kind.SHORT and not issuer_above):
            break
        if line in before:
            break
        goes_on = (
            issuer_above
            or any(compact(before + line) in whole for whole in printed)
            or _OPEN_TITLE.search(before)
            or before.count("《") > before.count("》")
            or _GOES_ON.match(line)
            # 关于…《…》 / …的报告: a title broken before its kind.
            or (_ABOUT.match(before) and REPORT_WORDS.search(line) and not REPORT_WORDS.search(before))
            # An issuer above 关于…的报告.
            or (_ABOUT.match(line) and _ISSUER_END.search(before) and len(before) <= TITLE_ISSUER_CHARS)
        )
        if not goes_on or len(before) + len(line) > TITLE_MAX_CHARS:
            break
        start -= 1
    # A title chosen by its first line (…预算执行情况和 / 2024年预算草案的报告) goes on below.
    end = index
    while end + 1 < len(lines) and end - start < TITLE_PARTS - 1:
        line = PINYIN.sub("", lines[end].text.strip())
        after = PINYIN.sub("", lines[end + 1].text.strip())
        if SENTENCE_MARKS.search(after) or line_kind(after) is not Kind.SHORT or after in line:
            break
        goes_on = (
            _OPEN_TITLE.search(line)
            or line.count("《") > line.count("》")
            or _GOES_ON.match(after)
            # The header printed it whole (…和社会 / 发展计划…), maybe with the joining
            # word the break lost (…情况 / 2021年… under …情况和2021年…).
            or any(
                (compact(line + after) in whole and not _ENDS_KIND.search(compact(line)))
                or _in_order(compact(line), compact(after), whole)
                for whole in printed
            )
        )
        if not goes_on or len(line) + len(after) > TITLE_MAX_CHARS:
            break
        end += 1
    return range(start, end + 1)


def _in_order(first: str, second: str, whole: str) -> bool:
    """Whether `whole` is `first` then `second`, with at most a joining word between."""
    return (
        whole.startswith(first)
        and whole.endswith(second)
        and 0 <= len(whole) - len(first) - len(second) <= TITLE_JOINER_CHARS
    )


def split_site_name(title: str) -> tuple[str, str]:
    """A page title with its site's name behind it (…的讲话_某某文库): the
    title and the site's name ("" when there is none)."""
    match = _SITE_NAME.match(title)
    if not match or REPORT_WORDS.search(match.group("site")) or FRAME.search(match.group("site")):
        return title, ""
    return match.group("title"), title[match.end("title") :]


def shares_title(one: str, other: str) -> bool:
    """Whether two lines print the same title, give or take a word."""
    return _shared_pairs(compact(one), compact(other)) >= REPEATED_TITLE_PAIRS


def split_subtitle(title: str) -> tuple[str, str]:
    """A title with its subtitle on one line (政府工作报告——2008年3月5日在…上):
    the title and the subtitle ("" when there is none)."""
    # A dash between two numbers is a range (2016——2020年发展规划), not a subtitle's.
    match = re.search(r"(?<![0-9０-９])(?:[—－━]{2}|-{2,})|(?:[—－━]{2}|-{2,})(?![0-9０-９])", title)
    if match and match.start() >= TITLE_MIN_CHARS and FRAME.search(title[match.start() :]):
        return title[: match.start()].strip(), title[match.start() :]
    return title, ""


def glued_title(text: str) -> tuple[str, str] | None:
    """A title run into the body on one line (…的讲话同志们：…, …指南一、引言…):
    the title and the rest, or None. A page title printed just before it on
    the same line (…上讲话…上的讲话同志们) is left out."""
    match = _GLUED_TITLE.match(text)
    if not match or ENDS_SENTENCE.search(match.group("title")):
        return _title_repeated_after(text)
    title = match.group("title")
    # A page's words before it, set apart by a space (1、-精品合同推荐- 2008年…工作总结).
    title = title.split()[-1] if len(title.split()[-1]) > len(match.group("kind")) else title
    for kind in REPORT_WORDS.finditer(title[: -len(match.group("kind"))]):
        first, second = title[: kind.end()], title[kind.end() :]
        if len(second) >= TITLE_MIN_CHARS and _shared_pairs(first, second) >= REPEATED_TITLE_PAIRS:
            title = second
            break
    return title, text[match.end("title") :]


def _title_repeated_after(text: str) -> tuple[str, str] | None:
    """A title run into a text that opens with the title's own first words
    (…黎思小学…自查自评报告(2023年)XX县区燎原镇黎思小学迎接…): the title, from
    where those words stand before it, and the rest; None if there is none."""
    for end in _TITLE_END.finditer(text[: TITLE_MAX_CHARS + GLUED_REPEAT_CHARS]):
        rest = text[end.end() :]
        opening = rest[:GLUED_REPEAT_CHARS]
        start = text.find(opening, 0, end.start())
        if len(opening) == GLUED_REPEAT_CHARS and not SENTENCE_MARKS.search(opening) and start >= 0:
            title = text[start : end.end()]
            # 报告 as a verb (…检察长某某向大会报告…) ends a sentence's subject, not a title.
            verb = _REPORTS_TO.search(text[start : end.start()])
            if len(title) <= TITLE_MAX_CHARS and not ENDS_SENTENCE.search(title) and not verb:
                return title, rest
    return None
