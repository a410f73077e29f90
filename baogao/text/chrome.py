"""Page chrome: lines that belong to the web page, not to the report.

Each kind of chrome (navigation words, breadcrumbs, pagers, widgets,
portal/date/source lines, photo captions, HTML and script residue) is one
`ChromeRule` record: an id, a pattern, how the pattern must match, and the
thresholds that keep report text out of it. The rules describe *kinds* of
chrome rather than the lines of one file. A removal records the rule's id;
`render.labels` says it in Chinese.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from .numbering import is_heading

# Words that make up site navigation and widgets. A short line made only of
# these (and separators) is chrome: report text never consists of them alone.
UI_WORDS = tuple(
    """
    首页 内容 正文 全文 详情 查看详情 查看更多 更多 阅读全文 展开全文 发送至邮箱 发送 邮箱
    收藏 分享 分享到 打印 关闭 关闭窗口 返回 返回顶部 顶部 上一篇 下一篇 上一页 下一页 尾页
    末页 相关推荐 推荐 相关文章 相关阅读 最近搜索 热门搜索 搜索 热门 最新 登录 注册 下载
    下载APP 扫一扫 二维码 点赞 评论 举报 纠错 复制链接 微信 微博 字体 字号 大 中 小 默认
    招投标大数据 大数据 招投标 会员 客服 帮助 导航 网站地图 联系我们 打开 手机版 浏览 阅读
    次 E-mail Email email 推荐给朋友 页
    """.split()
)
_DATE = r"(19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}"
_PORTAL_KEY = r"(来源|来源于|作者|编辑|责任编辑|发布时间|发布日期|浏览次数)\s*[:：]"


class Match(Enum):
    """How a rule's pattern must match a line."""

    SEARCH = "search"
    """Anywhere in the line."""
    START = "start"
    """At the start of the line."""
    WHOLE = "whole"
    """The whole line."""
    ONLY = "only"
    """The line, less `ChromeRule.ignore`, is nothing but matches of the pattern."""


@dataclass(frozen=True)
class ChromeRule:
    """One kind of page chrome."""

    id: str
    pattern: re.Pattern[str]
    match: Match
    shorter_than: int = 0
    """Only lines shorter than this (0: any length); for `Match.ONLY`, what is
    left after `ignore` is removed. Report sentences are long."""
    sentence_end_allowed: bool = True
    """False: a line holding 。 is report text, not this chrome."""
    min_ascii_share: float = 0.0
    """Only lines with at least this share of ASCII characters."""
    ignore: re.Pattern[str] | None = None
    """Removed before a `Match.ONLY` test: separators and decoration."""

    def applies(self, text: str) -> bool:
        if self.match is Match.ONLY:
            core = self.ignore.sub("", text) if self.ignore else text
            short = not self.shorter_than or len(core) < self.shorter_than
            return bool(core) and short and not self.pattern.sub("", core)
        if self.shorter_than and len(text) >= self.shorter_than:
            return False
        if not self.sentence_end_allowed and "。" in text:
            return False
        if self.match is Match.SEARCH:
            found = self.pattern.search(text) is not None
        elif self.match is Match.START:
            found = self.pattern.match(text) is not None
        else:
            found = self.pattern.fullmatch(text) is not None
        if not found or not self.min_ascii_share:
            return found
        return len(text.encode("ascii", "ignore")) / len(text) > self.min_ascii_share


# The rules in the order they are tried; a line takes the first that applies.
CHROME_RULES: tuple[ChromeRule, ...] = (
    ChromeRule("html-residue", re.compile(r"^(<!--.*|\s*-->|<U\+[0-9A-F]{4}>|&nbsp;|</?[a-zA-Z][^>]*>)$"), Match.START),
    # An image the scraper wrote as Markdown (![a.png](/upload/a.png)): the picture is the page's.
    # A table's cell may hold it (![]() |).
    ChromeRule("image", re.compile(r"^[|｜]?\s*!\[.*\]\(\S*\)\s*[|｜]?$"), Match.WHOLE),
    # Script left in the text: a line that is mostly ASCII and reads like code.
    ChromeRule(
        "script",
        re.compile(r"\bfunction\s*\w*\s*\(|\bdocument\.\w+|\bwindow\.\w+|\bvar\s+\w+\s*=|[;{]\s*}\s*$"),
        Match.SEARCH,
        min_ascii_share=0.8,
    ),
    ChromeRule(
        "breadcrumb",
        re.compile(r"(当前位置|您的位置|你的位置|所在位置)\s*[:：]|首页\s*(>|＞|»|›|/)"),
        Match.SEARCH,
        shorter_than=80,
    ),
    ChromeRule(
        "widget",
        re.compile(
            r"【?\s*字[体号]\s*[:：]?\s*[【\[]?大[】\]]?\s*[【\[]?中[】\]]?\s*[【\[]?小|【\s*(打印|关闭|收藏|分享)"
        ),
        Match.SEARCH,
        shorter_than=40,
    ),
    # A key word opens a portal line, or stands beside a site address or a
    # date: 数据来源：市统计局 inside a report is not one. Report sentences may
    # name a source; a portal line is short and has no sentence end.
    ChromeRule(
        "portal-line",
        re.compile(
            rf"^[(（【\[]?\s*{_PORTAL_KEY}|www\.[a-z0-9-]+\.|{_DATE}\s*(日)?\s*\d{{1,2}}:\d\d|{_DATE}.*{_PORTAL_KEY}"
        ),
        Match.SEARCH,
        shorter_than=100,
        sentence_end_allowed=False,
    ),
    ChromeRule(
        "page-marker",
        re.compile(r"^第\s*\d+\s*页\s*[,，/]?\s*(共\s*\d+\s*页)?$|^共\s*\d+\s*页$|^\d+\s*/\s*\d+\s*页?$"),
        Match.START,
    ),
    # News photo captions end with the photographer's credit: 新华社记者 姚大伟摄.
    ChromeRule(
        "caption",
        re.compile(
            r"(记者|記者)\s*\S{2,4}(\s*\S{2,4})?\s*(摄|攝)[。]?$|[(（]\s*(摄影|攝影)\s*[:：]\s*\S{2,8}\s*[)）]$"
        ),
        Match.SEARCH,
        shorter_than=200,
    ),
    # A line of nothing but brackets and separators is what is left of a
    # widget that the scraper split over lines (``【E-mail推荐`` … ``】``). A
    # bar alone is left to the body pass: it is a table's border as often.
    ChromeRule("brackets-only", re.compile(r"(?![\s|｜]+$)[\s()（）【】\[\]<>《》|｜·•]+"), Match.WHOLE),
    # The longest real UI line, decoration left out, is about a dozen characters.
    ChromeRule(
        "ui-words",
        re.compile("|".join(sorted(map(re.escape, UI_WORDS), key=len, reverse=True))),
        Match.ONLY,
        shorter_than=17,
        # Separators, page numbers and decoration around UI words: 》 【 】 | >> · 1 2 3.
        ignore=re.compile(r"[\s》《>»«<【】\[\]|｜·•:：/\\\-—_()（）0-9]+"),
    ),
)
# An HTML comment spanning lines is found by `comment_lines`, not by a rule.
HTML_COMMENT = "html-comment"


def chrome_rule(text: str, rules: tuple[ChromeRule, ...] = CHROME_RULES) -> str | None:
    """The id of the rule that takes this (stripped, non-blank) line for
    page chrome, or None.

    A line that opens with a heading marker is report, whatever it says:
    （1）登录 and (二)经费来源：各级财政 are items of a report.
    """
    if is_heading(text):
        return None
    for rule in rules:
        if rule.applies(text):
            return rule.id
    return None


def comment_lines(lines: list[str]) -> set[int]:
    """Indices of lines inside an HTML comment (``<!--`` … ``-->``).

    Scraped pages keep comments that span lines, with script or markup
    inside; every line from the opening to the closing marker is chrome.
    """
    inside: set[int] = set()
    start: int | None = None
    for index, text in enumerate(lines):
        if start is None and text.startswith("<!--"):
            start = index
        if start is not None:
            inside.add(index)
            if "-->" in text:
                start = None
    # An opening marker that is never closed covers nothing: the text after
    # it may be the report, and losing it is worse than keeping the marker.
    if start is not None:
        inside -= set(range(start + 1, len(lines)))
    return inside
