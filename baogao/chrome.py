"""Page chrome: lines that belong to the web page, not to the report.

Each rule is a small named function from a line's text to a reason (or None).
The rules describe *kinds* of chrome (navigation words, breadcrumbs, pagers,
widgets, portal/date/source lines, photo captions, HTML and script residue)
rather than the lines of one file. Reasons are shown to readers: Chinese.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .outline import is_heading

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
_UI_TOKEN = re.compile("|".join(sorted(map(re.escape, UI_WORDS), key=len, reverse=True)))
# Separators, page numbers and decoration around UI words: 》 【 】 | >> · 1 2 3.
_DECORATION = re.compile(r"[\s》《>»«<【】\[\]|｜·•:：/\\\-—_()（）0-9]+")
# The longest real UI line, decoration left out, is about a dozen characters.
MAX_UI_LINE = 16
# A line of nothing but brackets and separators is what is left of a widget
# that the scraper split over lines (``【E-mail推荐`` … ``】``).
_BRACKETS_ONLY = re.compile(r"[\s()（）【】\[\]<>《》|｜·•]+")

_BREADCRUMB = re.compile(r"(当前位置|您的位置|你的位置|所在位置)\s*[:：]|首页\s*(>|＞|»|›|/)")
_WIDGET = re.compile(
    r"【?\s*字[体号]\s*[:：]?\s*[【\[]?大[】\]]?\s*[【\[]?中[】\]]?\s*[【\[]?小|【\s*(打印|关闭|收藏|分享)"
)
_DATE = r"(19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}"
_PORTAL_KEY = r"(来源|来源于|作者|编辑|责任编辑|发布时间|发布日期|浏览次数)\s*[:：]"
# A key word opens a portal line, or stands beside a site address or a date:
# 数据来源：市统计局 inside a report is not one.
_PORTAL = re.compile(
    rf"^[(（【\[]?\s*{_PORTAL_KEY}|www\.[a-z0-9-]+\.|{_DATE}\s*(日)?\s*\d{{1,2}}:\d\d|{_DATE}.*{_PORTAL_KEY}"
)
_HTML_RESIDUE = re.compile(r"^(<!--.*|\s*-->|<U\+[0-9A-F]{4}>|&nbsp;|</?[a-zA-Z][^>]*>)$")
# Script left in the text: a line that is mostly ASCII and reads like code.
_CODE = re.compile(r"\bfunction\s*\w*\s*\(|\bdocument\.\w+|\bwindow\.\w+|\bvar\s+\w+\s*=|[;{]\s*}\s*$")
_PAGE_MARKER = re.compile(r"^第\s*\d+\s*页\s*[,，/]?\s*(共\s*\d+\s*页)?$|^共\s*\d+\s*页$|^\d+\s*/\s*\d+\s*页?$")
# News photo captions end with the photographer's credit: 新华社记者 姚大伟摄.
_CAPTION = re.compile(r"记者\s*\S{2,4}(\s*\S{2,4})?\s*摄[。]?$|[(（]\s*摄影\s*[:：]\s*\S{2,8}\s*[)）]$")


def _ui_words(text: str) -> str | None:
    core = _DECORATION.sub("", text)
    if len(core) > MAX_UI_LINE or not core:
        return None
    if not _UI_TOKEN.sub("", core):
        return "网站导航或按钮文字"
    return None


def _brackets_only(text: str) -> str | None:
    return "孤立的括号（残缺的网页控件）" if _BRACKETS_ONLY.fullmatch(text) else None


def _breadcrumb(text: str) -> str | None:
    return "面包屑导航" if _BREADCRUMB.search(text) and len(text) < 80 else None


def _widget(text: str) -> str | None:
    return "字号或分享控件" if _WIDGET.search(text) and len(text) < 40 else None


def _portal_line(text: str) -> str | None:
    # Report sentences may name a source; a portal line is short and has no
    # sentence end.
    if len(text) < 100 and "。" not in text and _PORTAL.search(text):
        return "网站名、日期或来源行"
    return None


def _html_residue(text: str) -> str | None:
    return "HTML 残留" if _HTML_RESIDUE.match(text) else None


def _script(text: str) -> str | None:
    if not _CODE.search(text):
        return None
    ascii_share = len(text.encode("ascii", "ignore")) / len(text)
    return "网页脚本残留" if ascii_share > 0.8 else None


def _page_marker(text: str) -> str | None:
    return "页码" if _PAGE_MARKER.match(text) else None


def _caption(text: str) -> str | None:
    return "图片说明" if len(text) < 200 and _CAPTION.search(text) else None


CHROME_RULES: tuple[Callable[[str], str | None], ...] = (
    _html_residue,
    _script,
    _breadcrumb,
    _widget,
    _portal_line,
    _page_marker,
    _caption,
    _brackets_only,
    _ui_words,
)


def chrome_reason(text: str) -> str | None:
    """Why this (stripped, non-blank) line is page chrome, or None.

    A line that opens with a heading marker is report, whatever it says:
    （1）登录 and (二)经费来源：各级财政 are items of a report.
    """
    if is_heading(text):
        return None
    for rule in CHROME_RULES:
        reason = rule(text)
        if reason:
            return reason
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
