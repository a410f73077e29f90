"""The report's body among the page: which lines a scraped page wrapped around it.

Chrome rules (`text.chrome`) name kinds of furniture; a site never seen
brings lines no rule names. This pass works the other way round, as jusText
does for the paragraphs of an HTML page: each line is classed on features
that hold across sites (its share of Chinese characters, sentence
punctuation and length, the heading grammar, the grammar of a report's
opening and closing lines, the share of web-interface words, dates and times
as pages print them, separators), and the body is the run of lines where
report prose is densest (the maximum-sum run of line scores). Lines outside
that run are the page's, unless they read as report text themselves: prose,
a heading, or the opening and closing lines of a report next to the body.

Plain passes over a tuple of lines; thresholds are named defaults.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import Enum

from ..model import Line
from .marks import PREVIEW_ENDS
from .numbering import is_heading

# A line of report prose: this many Chinese characters, with sentence
# punctuation, and Chinese for most of what it prints.
PROSE_MIN_HAN = 12
PROSE_MIN_HAN_SHARE = 0.5
# A line under this share of Chinese characters (and no sentence) is the
# page's: dates, counters, file sizes, addresses, code.
CHROME_MAX_HAN_SHARE = 0.3
# Web-interface words make up at least this share of a chrome line.
UI_SHARE = 0.4
# The most characters a score takes from one line of prose: a very long
# paragraph should not outweigh every other clue on the page.
PROSE_SCORE_CAP = 120
# What an unclear short line and a line of chrome cost the run that holds them.
SHORT_COST = 4
CHROME_COST = 12
# A run of at least this many short lines after the body is a table or a
# list printed one cell per line, not a footer.
TABLE_RUN = 5
# A body needs at least this many characters of prose; below it the page is
# left to the chrome rules alone (a table, a list of items, a bare heading).
MIN_BODY_PROSE = 30

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
SENTENCE_MARKS = re.compile(r"[。！？；，、：;!?,:]")
# Marks of running prose; a colon alone makes a label, not a sentence.
_PROSE_MARKS = re.compile(r"[。！？；，、;!?,]")
ENDS_SENTENCE = re.compile(r"[。！？；!;]\s*[”’」』)）]?\s*$")
# Words of a page's interface, in simplified and traditional forms: buttons,
# counters, sharing, navigation, the page's own records and its footer. A
# line that is mostly these is the page's, whatever site prints it.
UI_WORDS = tuple(
    """
    首页 网站首页 当前位置 您的位置 返回 顶部 打印 关闭 窗口 收藏 分享 转发 点赞 评论 举报 纠错
    扫一扫 扫码 二维码 打开 当前页 手机 手机版 移动端 客户端 下载 上传 阅读 浏览 点击 次数 阅读数
    浏览量 发布 发布于 发布时间 发布日期 更新 更新时间 来源 来源于 作者 编辑 责任编辑 审核 校对 终审
    签发 初审 复审 编审 摄影 记者 通讯员 供稿 字号 字体 默认 上一篇 下一篇 上一条 下一条 上一页 下一页
    相关 相关链接 相关文章 相关阅读 相关报告 相关推荐 推荐 热门 热点 最新 排行 更多 查看 全文 详情
    登录 注册 会员 客服 帮助 反馈 网站 网站地图 地图 联系 联系我们 关于我们 版权 版权所有 版权声明
    所有 声明 免责 主办 承办 协办 技术支持 支持 备案 公网安备 邮编 电话 传真 邮箱 地址 访问 访问量
    文档 页数 字数 格式 大小 分享者 贡献者 下载券 积分 预览 付费 购买 价格 原创 文库 收起 展开 复制
    搜索 站内 导航 栏目 频道 专题 投稿 订阅 关注 公众号 微信 微博 微信号 小程序 索引号
    發布 發佈 來源 編輯 責任編輯 審核 閱讀 瀏覽 點擊 掃一掃 當前頁 打開 關閉 列印 收藏 分享 轉發
    舉報 評論 網站 版權 聯繫 聯繫我們 關於我們 首頁 上一篇 下一篇 相關 推薦 熱門 更多 下載 檢視
    文檔 簡介 简介 文档简介 內容 内容 内容简介 頁數 字數 格式 大小 當前位置 您现在的位置 位置
    """.split()
)
_UI = re.compile("|".join(sorted(map(re.escape, set(UI_WORDS)), key=len, reverse=True)))
# A date and time as a page prints it (2025-03-02 10:15, 2025/3/2), not as a
# report writes one (2025年3月2日).
_PAGE_DATE = re.compile(r"(19|20)\d\d\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}|\d{1,2}:\d\d")
_URL = re.compile(r"https?://|www\.|\.(com|cn|net|org|gov)\b|\.(docx?|pdf|xlsx?|pptx?|wps|txt)\b", re.I)
# The site speaking of itself or of the file it offers (a template site's
# blurb, a document site's notice): never the report's words.
_SITE_VOICE = re.compile(
    r"下载(的|本)?文档|文档(下载|内容)|上传者|会员上传|版权归|水印|本平台|平台不提供|小编"
    r"|欢迎(访问|光临|来到|进入)|歡迎(訪問|光臨|來到|進入)|未经.{0,8}授权|不得转载|转载请注明|二次传播|追究法律责任|本网|本站"
    r"|立即(了解|下载|购买|咨询|体验|注册)|免费(下载|领取|试用|咨询)|点击(查看|下载|进入|了解|这里)|本站|本网|网友|為大家|为大家|供大家|仅供参考|僅供參考|欢迎(阅读|参考|借鉴|下载)|歡迎(閱讀|參考)"
    r"|希望(对|能|對)(你|您|大家)|由(会员|會員|用户|用戶)(分享|上传|上傳|提供)|不代表本站|若需要原创|侵权|侵權"
)
# A label of the page's own records followed by its value: 来源：某某晚报,
# 责任编辑：张三. Report lines may hold a colon, but do not open with these.
_RECORD_LABEL = re.compile(
    r"^[•·*]?\s*(本文)?(来源|來源|作者|编辑|編輯|责任编辑|責任編輯|审核|審核|校对|校對|终审|終審|发布|發布|发布时间|发布日期"
    r"|更新时间|时间|時間|日期|浏览|瀏覽|点击|點擊|阅读|閱讀|字号|字號|索引号|分类|分類|文号|文號|主题词|标签|標籤|关键词|關鍵詞"
    r"|上一篇|下一篇|上一条|下一条|上一頁|下一頁|版权所有|版權所有|备案号|主办单位|主办|承办|技术支持|网站标识码|联系电话|地址"
    r"|栏目|欄目|记者|記者|设计|設計|制作|製作|监制|策划|出品|供稿|摄影|攝影|图片|圖片|视频|視頻|相关\S{0,6})"
    r"(\s*[:：]|\s+)"
    # A law database's fields, printed with or without a separator: 时效性现行有效.
    r"|^(时效性|時效性|效力级别|效力級別|发布部门|發布部門|发文字号|發文字號|公布日期|施行日期|法规类别|法規類別)"
)
# A page's own counters: pages, words, size, reads, downloads (• 约 9页, 阅读 1.2万).
_COUNTER = re.compile(
    r"^[•·\-*]?\s*(约|共|大小|阅读|浏览|下载)?\s*[:：]?\s*[\d.,]+\s*(万|千)?\s*"
    r"(页|頁|字|千字|次|人阅读|人浏览|阅读|浏览|下载|积分|KB|MB|kb|mb|M|K|W)?\s*$"
    # the copy's own length, with what the site does with it (本文共9296字，仅展示…)
    r"|^(本文|全文|文档|文檔|此文档|此文檔)\s*(约|約|共|有)?\s*[\d.,]+\s*(万|萬|千)?\s*(字|页|頁)(?:[,，].{0,12})?$"
)
# A number alone on a line, as a table's cell: 296299, -5.4, 13.7%.
_NUMBER_CELL = re.compile(r"^[#＃\-+]?[\d.,，%％]+$|^[A-Za-z]{1,6}$")
# Links to the previous and next article, whatever their titles' length.
_PREVIOUS_NEXT = re.compile(r"^(上一篇|下一篇|上一条|下一条|上一頁|下一頁|上篇|下篇|相关\S{0,6}|相關\S{0,6})[:：]")
# A news agency's dateline on its own: (新华社北京3月20日电).
_DATELINE = re.compile(
    r"^[（(]?\S{0,12}?([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})月([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})日电[)）]?$"
)
# A credit line: 新华社国内部出品.
_CREDIT = re.compile(r"(出品|供稿|制作|监制)$")
# A site's registration numbers: 京ICP备12345678号, 公网安备.
_REGISTRATION = re.compile(r"ICP\s*[备證证]|公网安备|网站标识码", re.I)
# A line of a table of contents: a title, dot leaders or spaces, a page number.
_CONTENTS_ENTRY = re.compile(r"^\S.{1,60}?(\s*[.…·．]{2,}\s*|\s+)\d{1,4}$")
CONTENTS_RUN = 3
# The label over a list of contents (目录, 提纲, 目录/提纲：……).
_CONTENTS_LABEL = re.compile(r"^(目录|目錄|提纲|提綱)([/／、](目录|目錄|提纲|提綱))?[:：]?[.…·．]*$")
_ELLIPSIS_LINE = re.compile(r"^\s*[.…·．]{2,}\s*$")
# Pinyin printed after each character by a page's ruby annotation (會(huì)).
PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")
# The label of an attached document, above its title: 附件, 附件2.
_ATTACHMENT = re.compile(r"^附件\s*[0-9０-９一二三四五六七八九十]{0,3}[:：]?$")
# Markup a scraper left around a line's words (<h4>各位代表：</h4>): read without it.
_INLINE_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,200}>")
_CRUMB = re.compile(r"[>＞»›]|-{1,2}>|→")
_BRACKETED = re.compile(r"[(（\[【][^()（）\[\]【】]*[)）\]】]")
# Items of a menu or a breadcrumb, separated: 首页 > 政务公开 > 工作报告.
_SEPARATORS = re.compile(r"\s*(?:[|｜>＞»›/\\•·]|-{1,3}>|→|—>)\s*")

# The opening and closing lines of a report, which are short and have no
# sentence but are the report's: a subtitle (——在…会议上), a meeting, a
# delivery date, a speaker (区长 张三), a salutation (各位代表：), a closing
# formula, a signature date.
FRAME = re.compile(
    r"^[—－\-━]{1,4}"  # ——2023年1月12日在…会议上
    r"|^[（(]?\s*(19|20)\d\d\s*年\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?\s*[)）]?$"  # （2013年3月20日）
    r"|^[（(]\s*(19|20)\d\d\s*年.{2,60}[)）]$"  # （2017年11月1日在…会议上）
    r"|在.{2,50}(会议|大会|会)上"
    r"|^(各位|尊敬的|同志们|代表们|亲爱的).{0,20}[：:，,]?$"
    r"|^.{0,16}(各位|同志|代表|委员|领导).{0,12}[：:]$"
    # a report addressed to a body (市人大常委会：, 某县人民政府教育督导室：)
    r"|^[\u4e00-\u9fff（）()、]{1,30}(常委会|委员会|政府|督导室|办公室|教育局|局|厅|学校|中心|领导小组)[：:]$"
    r"|^(特此|此致|以上|附件?[:：0-9一二三四五六七八九十])"
    r"|(总理|省长|市长|县长|区长|镇长|乡长|主任|院长|检察长|局长|书记|主席|校长|厅长|处长|科长)\s*[\u4e00-\u9fff·]{1,2}(\s?[\u4e00-\u9fff·]){0,2}$"
    # …or the name masked (市长 ***, 局长 ×××)
    r"|(总理|省长|市长|县长|区长|镇长|乡长|主任|院长|检察长|局长|书记|主席|校长|厅长|处长|科长)\s*[*＊×xX]{2,4}$"
    r"|(人民政府|委员会|局|院|办公室|学校|中心|政府|党委|支部|小组|厅|处)\s*$"
)
# Names a kind of report: what a title line says it is.
REPORT_WORDS = re.compile(
    r"报告|報告|讲话|講話|致辞|主持词|主持詞|发言(?!人)|發言(?!人)|述职|述職|总结|總結|计划|計劃|計畫|方案|公报|公報|意见|意見|要点|要點|通报|通報"
    r"|决议|決議|规划|規劃|汇报|匯報|情况|情況|自查|自评|纲要|綱要|通知|决定|決定|办法|辦法"
)


# Why a line around the body is the page's, as a removal records it
# (``chrome.page-<reason>``; `render.labels` says each in Chinese).
PAGE_REASONS = (
    "voice",  # the site speaking: blurbs, terms, notices, ads
    "link",  # links to other articles, addresses, file names
    "interface",  # buttons, counters and menus in interface words
    "record",  # the page's own records: source, editor, date, registration
    "counter",  # pages, words, size, reads
    "byline",  # a dateline, a credit
    "symbols",  # mostly not Chinese, and no sentence
    "menu",  # items of a menu or a breadcrumb
    "contents",  # a table of contents
    "short",  # a short line outside the body that reads as none of the report's
    "repeat",  # a line the page prints again
)


class Kind(Enum):
    """What a line reads as."""

    PROSE = "prose"
    HEADING = "heading"
    FRAME = "frame"
    """An opening or closing line of a report (`FRAME`)."""
    SHORT = "short"
    """Short, with no clue either way: a title, a label, a cell, a button."""
    CHROME = "chrome"


@dataclass(frozen=True)
class Body:
    """Where the body stands among a page's lines (indices into them)."""

    start: int
    end: int
    """One past the last line of the body's densest run."""
    kinds: tuple[Kind, ...]
    found: bool
    """False: too little prose to tell the page from the report; every line is kept."""
    reasons: tuple[str, ...] = ()
    """Why each line of the page's kind is the page's (`PAGE_REASONS`), else ""."""


@functools.lru_cache(maxsize=4096)  # a line is weighed by several passes
def han_count(text: str) -> int:
    return _HAN.subn("", text)[1]


def ui_share(text: str) -> float:
    """The share of a line's characters (spaces and separators aside) that are web-interface words."""
    core = _SEPARATORS.sub("", re.sub(r"\s+", "", text))
    if not core:
        return 0.0
    return sum(len(match) for match in _UI.findall(core)) / len(core)


def line_kind(text: str) -> Kind:
    """Class one stripped, non-blank line on features that hold across sites."""
    return line_reading(text)[0]


def line_reading(text: str) -> tuple[Kind, str]:
    """A line's kind, and for the page's lines why (one of `PAGE_REASONS`)."""
    if "(" in text:
        text = PINYIN.sub("", text)
    if "<" in text:
        text = _INLINE_TAG.sub("", text).strip() or text
    compact = "".join(text.split())
    han = han_count(compact)
    share = han / len(compact) if compact else 0.0
    sentence = bool(SENTENCE_MARKS.search(compact))
    # A notice that the preview ends says text is missing: it stays, marked
    # (`text.marks`), however much it reads like the site's.
    if PREVIEW_ENDS.search(compact):
        return Kind.PROSE, ""
    # The site's voice first: a document site numbers its notices 1. 2. 3.
    if _SITE_VOICE.search(compact):
        return Kind.CHROME, "voice"
    if _PREVIOUS_NEXT.match(compact):
        return Kind.CHROME, "link"
    if is_heading(text) and len(compact) <= 60:
        return Kind.HEADING, ""
    # A long sentence: only what a page prints at any length (above) makes it the page's.
    if han >= 2 * PROSE_MIN_HAN and share >= PROSE_MIN_HAN_SHARE and ENDS_SENTENCE.search(compact):
        return Kind.PROSE, ""
    if _URL.search(text) and han < 2 * PROSE_MIN_HAN:
        return Kind.CHROME, "link"
    # Interface words are weighed on short lines only: a page's buttons and
    # records are short, a report's sentences are not.
    if han < 2 * PROSE_MIN_HAN and ui_share(text) >= UI_SHARE:
        return Kind.CHROME, "interface"
    if _RECORD_LABEL.match(text) and not ENDS_SENTENCE.search(compact) and han < 2 * PROSE_MIN_HAN:
        return Kind.CHROME, "record"
    if _REGISTRATION.search(text) and not ENDS_SENTENCE.search(compact):
        return Kind.CHROME, "record"
    if _COUNTER.match(text) and not text.endswith(("|", "｜")):
        return Kind.CHROME, "counter"
    if (_DATELINE.match(compact) or _CREDIT.search(compact)) and han < PROSE_MIN_HAN:
        return Kind.CHROME, "byline"
    if _PAGE_DATE.search(text) and not ENDS_SENTENCE.search(text) and han < 2 * PROSE_MIN_HAN:
        return Kind.CHROME, "record"
    if FRAME.search(compact) and len(compact) <= 60 and not ENDS_SENTENCE.search(compact):
        return Kind.FRAME, ""
    # A cell of a table the scraper flattened (``80 |``) is the report's.
    cell = compact.endswith(("|", "｜")) and re.search(r"[^\W_]", compact) is not None
    if share < CHROME_MAX_HAN_SHARE and not sentence and not cell:
        return Kind.CHROME, "symbols"
    if len(_SEPARATORS.split(compact)) >= 3 and not sentence:
        return Kind.CHROME, "menu"
    # A breadcrumb: 当前位置:某网>栏目>自查报告> (its colon is no sentence).
    if len(_CRUMB.findall(compact)) >= 2 and han < 2 * PROSE_MIN_HAN and not ENDS_SENTENCE.search(compact):
        return Kind.CHROME, "menu"
    # A note in brackets after a title (…述职报告(分管党务,纪检监察)) does not make it prose.
    unbracketed = _BRACKETED.sub("", compact)
    if han >= PROSE_MIN_HAN and share >= PROSE_MIN_HAN_SHARE and _PROSE_MARKS.search(unbracketed):
        return Kind.PROSE, ""
    # A line that ends a sentence is the report's, however few its characters.
    if len(compact) >= 2 and ENDS_SENTENCE.search(compact):
        return Kind.PROSE, ""
    return Kind.SHORT, ""


def page_voice(text: str) -> bool:
    """Whether a line is one no report prints, wherever it stands: the site
    speaking, a registration number, links to other articles."""
    compact = re.sub(r"\s+", "", text)
    return bool(
        _SITE_VOICE.search(compact)
        or _PREVIOUS_NEXT.match(compact)
        or (_REGISTRATION.search(text) and not ENDS_SENTENCE.search(compact))
    )


def line_kinds(lines: tuple[Line, ...]) -> tuple[tuple[Kind, ...], tuple[str, ...]]:
    """Each line's kind (and for the page's lines why), read with its neighbours: a subtitle or speaker line
    broken in two is one opening line (its second half, or both halves, read
    as one only together); a run of contents entries is the
    page's (a report's outline is read from its headings, not its contents)."""
    texts = [line.text.strip() for line in lines]
    readings = [line_reading(text) for text in texts]
    first = [kind for kind, _ in readings]
    kinds = list(first)
    reasons = [reason for _, reason in readings]
    for index in range(len(first) - 1):
        after = texts[index + 1]
        pair = (first[index], first[index + 1])
        if (
            pair in ((Kind.FRAME, Kind.SHORT), (Kind.SHORT, Kind.SHORT))
            and not REPORT_WORDS.search(compact(texts[index] + after))
            and line_kind(texts[index] + after) is Kind.FRAME
        ):
            # (2025年3月21日在某区第十九届 / 人民代表大会第四次会议上: neither half alone.)
            kinds[index] = kinds[index + 1] = Kind.FRAME
    run: list[int] = []
    for index, text in enumerate([*texts, ""]):
        if text and _CONTENTS_ENTRY.match(text) and not ENDS_SENTENCE.search(text.rstrip("0123456789 ")):
            run.append(index)
            continue
        numbers = [int(re.findall(r"\d+", texts[i])[-1]) for i in run]
        if len(run) >= CONTENTS_RUN and numbers == sorted(numbers):
            for i in run:
                kinds[i], reasons[i] = Kind.CHROME, "contents"
        run = []
    # A contents block under its label (目录/提纲：), entries without page
    # numbers: the label and the short lines after it, to an ellipsis or the
    # first line that is no entry.
    for index, text in enumerate(texts):
        if not _CONTENTS_LABEL.match(compact(text)):
            continue
        kinds[index], reasons[index] = Kind.CHROME, "contents"
        entry = index + 1
        if entry < len(texts) and reasons[entry] == "contents":
            continue  # entries with page numbers: read as such above
        while entry < len(texts) and first[entry] in (Kind.HEADING, Kind.SHORT) and texts[entry]:
            kinds[entry], reasons[entry] = Kind.CHROME, "contents"
            entry += 1
        if entry < len(texts) and _ELLIPSIS_LINE.match(texts[entry]):
            kinds[entry], reasons[entry] = Kind.CHROME, "contents"
    return tuple(kinds), tuple(reasons)


def _score(text: str, kind: Kind) -> float:
    if kind is Kind.PROSE:
        return min(han_count(text), PROSE_SCORE_CAP)
    if kind is Kind.HEADING:
        return 6
    if kind is Kind.FRAME:
        return 2
    if kind is Kind.SHORT:
        return -SHORT_COST
    return -max(CHROME_COST, len(text) / 4)


def find_body(lines: tuple[Line, ...]) -> Body:
    """The densest run of report text: the maximum-sum run of line scores."""
    kinds, reasons = line_kinds(lines)
    prose = sum(han_count(line.text) for line, kind in zip(lines, kinds, strict=True) if kind is Kind.PROSE)
    if prose < MIN_BODY_PROSE:
        return Body(0, len(lines), kinds, False, reasons)
    best, best_start, best_end = float("-inf"), 0, 0
    total, start = 0.0, 0
    for index, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
        if total <= 0:
            total, start = 0.0, index
        total += _score(line.text, kind)
        if total > best:
            best, best_start, best_end = total, start, index + 1
    return Body(best_start, best_end, kinds, True, reasons)


def outside_lines(lines: tuple[Line, ...], body: Body, title: range) -> dict[int, str]:
    """The lines around the body that are the page's: index -> why (`PAGE_REASONS`).

    Before the body, a line is kept when it reads as prose, or when it is a
    heading or an opening line in the unbroken run just before the body.
    After it, the same, and a run of `TABLE_RUN` short lines (a table printed
    a cell per line) is kept too.
    """
    if not body.found:
        return {}
    kinds = body.kinds
    page: set[int] = set()
    # A cell of a table printed a cell per line: a short line, or a number.
    cells = [
        kind in (Kind.SHORT, Kind.FRAME, Kind.HEADING) or _NUMBER_CELL.match(line.text.strip()) is not None
        for line, kind in zip(lines, kinds, strict=True)
    ]
    # Before the body, walking up from it: the report's opening lines join it
    # until a short line that is neither (the page's chrome between them, a
    # source line under the subtitle, is dropped without breaking the run);
    # a table printed a cell per line is kept whole.
    joined = True
    index = body.start - 1
    while index >= 0:
        kind = kinds[index]
        if index in title:
            joined = False  # nothing above the title is the report's opening
        elif index + 1 in title and _ATTACHMENT.match(compact(lines[index].text)):
            pass  # 附件2 above an attachment's title is the document's own label
        elif kind is Kind.PROSE or (joined and kind in (Kind.HEADING, Kind.FRAME)):
            pass
        else:
            run = index
            while run >= 0 and run not in title and cells[run]:
                run -= 1
            if index - run >= TABLE_RUN:
                index = run
                continue
            joined = joined and kind is Kind.CHROME  # chrome is dropped without breaking the run
            page.add(index)
        index -= 1
    # After the body, its closing lines (a signature, a date, the end of an
    # excerpt cut mid-word) join it until the first line of the page's.
    joined = True
    index = body.end
    while index < len(lines):
        kind = kinds[index]
        if kind in (Kind.PROSE, Kind.HEADING) or (joined and kind in (Kind.FRAME, Kind.SHORT)):
            index += 1
            continue
        run = index
        while run < len(lines) and cells[run]:
            run += 1
        if run - index >= TABLE_RUN:
            index = run
            continue
        joined = False
        page.add(index)
        index += 1
    # Inside the body, a line in the site's own voice (a copyright notice, a
    # document site's terms), a registration number or links to other
    # articles is the page's too: no report prints them.
    for index in range(body.start, body.end):
        if kinds[index] is Kind.CHROME and page_voice(lines[index].text.strip()):
            page.add(index)
    # A short line printed again where the page repeats its header (between
    # copies of the body) is the page's wherever it stands.
    printed = {compact(lines[i].text) for i in (*page, *title)}
    repeats = {
        index
        for index, kind in enumerate(kinds)
        if index not in page
        and index not in title
        and kind in (Kind.SHORT, Kind.FRAME, Kind.CHROME)
        and compact(lines[index].text) in printed
    }
    # A repeat of the title itself is left to be named as one (`clean.take_title`).
    titles = {compact(lines[i].text) for i in title}
    why = {index: body.reasons[index] or "short" for index in page} | {index: "repeat" for index in repeats}
    return {index: reason for index, reason in sorted(why.items()) if compact(lines[index].text) not in titles}


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)
