"""Page chrome: lines that belong to the web page, not to the report.

Each rule is a small named function from a line's text to a reason (or None).
The rules describe *kinds* of chrome (navigation words, breadcrumbs, widgets,
portal/date/source lines, HTML residue) rather than the lines of one file.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Words that make up site navigation and widgets. A short line made only of
# these (and separators) is chrome. Report text never consists of them alone.
UI_WORDS = (
    "首页",
    "内容",
    "正文",
    "全文",
    "详情",
    "查看详情",
    "查看更多",
    "更多",
    "阅读全文",
    "发送至邮箱",
    "发送",
    "邮箱",
    "收藏",
    "分享",
    "分享到",
    "打印",
    "关闭",
    "关闭窗口",
    "返回",
    "返回顶部",
    "顶部",
    "上一篇",
    "下一篇",
    "相关推荐",
    "推荐",
    "相关文章",
    "相关阅读",
    "最近搜索",
    "热门搜索",
    "搜索",
    "热门",
    "最新",
    "登录",
    "注册",
    "下载",
    "下载APP",
    "扫一扫",
    "二维码",
    "点赞",
    "评论",
    "举报",
    "纠错",
    "复制链接",
    "微信",
    "微博",
    "字体",
    "字号",
    "大",
    "中",
    "小",
    "默认",
    "招投标大数据",
    "大数据",
    "招投标",
    "会员",
    "客服",
    "帮助",
    "导航",
    "网站地图",
    "联系我们",
    "打开",
    "手机版",
    "浏览",
    "阅读",
    "次",
)
_UI_TOKEN = re.compile("|".join(sorted(map(re.escape, UI_WORDS), key=len, reverse=True)))
# Separators and decoration that surround UI words: 》 【 】 | > · and spaces.
_DECORATION = re.compile(r"[\s》《>»«<【】\[\]|｜·•:：/\\\-—_()（）0-9]+")
# A UI line is short: the longest real ones are about a dozen characters.
MAX_UI_LINE = 16

_BREADCRUMB = re.compile(r"(当前位置|您的位置|你的位置|所在位置)\s*[:：]|首页\s*(>|＞|»|›|/)")
_WIDGET = re.compile(
    r"【?\s*字[体号]\s*[:：]?\s*[【\[]?大[】\]]?\s*[【\[]?中[】\]]?\s*[【\[]?小|【\s*(打印|关闭|收藏|分享)"
)
_DATE = r"(19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}"
_PORTAL = re.compile(
    rf"(来源|来源于|作者|编辑|责任编辑|发布时间|发布日期|浏览次数)\s*[:：]|www\.[a-z0-9-]+\.|{_DATE}\s*(日)?\s*\d{{1,2}}:\d\d"
)
_HTML_RESIDUE = re.compile(r"^(<!--.*|.*-->|<U\+[0-9A-F]{4}>|&nbsp;|</?[a-zA-Z][^>]*>)$")


def _ui_words(text: str) -> str | None:
    if len(text) > MAX_UI_LINE:
        return None
    rest = _UI_TOKEN.sub("", _DECORATION.sub("", text))
    if not rest and _UI_TOKEN.search(text):
        return "网站导航或按钮文字"
    return None


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


CHROME_RULES: tuple[Callable[[str], str | None], ...] = (
    _html_residue,
    _breadcrumb,
    _widget,
    _portal_line,
    _ui_words,
)


def chrome_reason(text: str) -> str | None:
    """Why this (stripped, non-blank) line is page chrome, or None."""
    for rule in CHROME_RULES:
        reason = rule(text)
        if reason:
            return reason
    return None
