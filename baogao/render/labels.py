"""Every piece of Chinese the site shows that the code chooses, in one place.

The document model and report.json carry machine ids (a removal's
``rule_id``, a mark's ``kind``, a skipped number's ``reason``, the outline's
``verdict_id``); this module says each of them in words a reader
understands. The templates hold the rest of the site's wording.
"""

from __future__ import annotations

from ..model import Removal

# What kind of thing cleaning removed (the overview's 删除记录).
REMOVAL_KINDS = {"chrome": "网页杂项", "title": "重复的标题", "duplicate": "重复的正文"}

# Why: one entry per rule id (text.chrome, text.clean, text.dedupe).
REMOVAL_REASONS = {
    "chrome.html-comment": "HTML 注释",
    "chrome.html-residue": "HTML 残留",
    "chrome.script": "网页脚本残留",
    "chrome.breadcrumb": "面包屑导航",
    "chrome.widget": "字号或分享控件",
    "chrome.portal-line": "网站名、日期或来源行",
    "chrome.page-marker": "页码",
    "chrome.caption": "图片说明",
    "chrome.image": "网页插图（图片文件名和地址）",
    "chrome.brackets-only": "孤立的括号（残缺的网页控件）",
    "chrome.ui-words": "网站导航或按钮文字",
    "chrome.page-voice": "网站自己的话：说明、声明、推广",
    "chrome.page-link": "指向别处的链接、网址或文件名",
    "chrome.page-interface": "网站的按钮、菜单或计数",
    "chrome.page-record": "网页的发布信息：来源、编辑、日期、备案",
    "chrome.page-counter": "页数、字数或浏览次数",
    "chrome.page-byline": "电头或署名",
    "chrome.page-symbols": "符号或外文，不是报告文字",
    "chrome.page-menu": "导航或面包屑",
    "chrome.page-contents": "目录",
    "chrome.page-short": "正文之外的短行，不像报告文字",
    "chrome.page-repeat": "网页重复打印的行",
    "chrome.title-label": "标题前后的篇目编号、标签或表格边线",
    "chrome.site-name": "网页标题后的网站名",
    "title.repeat": "与标题相同",
    "duplicate.copy": "与原文第 {first}–{last} 行重复",
}

# A mark's tooltip, by kind (text.marks).
MARK_LABELS = {
    "cutoff": "原文此处被截断，未显示全文",
    "redaction": "原文此处有删略",
    "mask": "原文此处有字符被遮盖",
    "placeholder": "原文此处是未填写的占位符",
    "lost": "原文此处有无法显示的字符",
}

# The legend line under a page's title: a sample of each kind of mark the
# page holds, and what it means.
LEGEND_INTRO = "本页标注："
LEGEND = {
    "redaction": ("(略)", "原文删略"),
    "mask": ("*", "原文遮盖的字符"),
    "placeholder": ("xx", "原文未填写的占位符"),
    "cutoff": ("……", "原文被截断，未显示全文"),
    "lost": ("?", "无法显示的字符"),
}

# What kind of figure an indicator is (text.subjects): a level needs no word.
MEASURES = {"level": "", "change": "（增减）", "share": "（占比）"}
# On an overview: its common indicators beside the same region's earlier reports.
# The end of an overview whose report has copies on the site (build/plugin.py).
COPIES_TITLE = "同一报告的其他副本"
COPIES_INTRO = "站点中有 {count} 份来源是同一份报告，按完整程度排列（完整的在前，再按字数）："
COPIES_HERE = "**本页**：{title}"
COPIES_FULLEST = "（最完整）"
COPIES_ITEM = "{name}，约 {chars} 字{best}{note}"
HISTORY_TITLE = "与往年比较"
HISTORY_INTRO = "本报告给出的常见指标，与站点中同一地区往年报告给出的数值（全部年份见“指标对比”页）："
HISTORY_HEADER = "| 指标 | 本报告 | 往年报告 |"
# The same, as the figures table's 类型 column says it.
MEASURE_NAMES = {"level": "数值", "change": "增减", "share": "占比"}

# After the title of a copy of a report in the sidebar (its fullest copy has none).
COPY_IN_NAV = "（副本）"

# Beside a mark that another copy of the report fills (render.readings):
# 〔另一副本作：“张掖市”，见《…》〕.
READING_BEFORE = "〔另一副本作："
READING_SOURCE = "，见"
READING_AFTER = "〕"
READING_TITLE = "同一报告的另一份来源在此处印出的文字"

# Why a number is not in the figures table (text.figures).
SKIP_REASONS = {
    "year": "年份",
    "date": "日期（月、日）",
    "ordinal": "序数（第69次）",
    "document": "文件编号",
    "name": "名称的一部分（5G）",
    "fragment": "被删略截断的片段",
    "no-unit": "没有单位的数字",
    "item": "条目编号（1.）",
}

# How sure the outline is (text.report.quality).
# Where a title comes from, said on the overview when the page printed none (model.Report.title_origin).
TITLE_ORIGINS = {
    "derived": "原页面未印标题：本标题据正文开头拟定",
    "file-name": "原页面未印标题：本标题取自文件名",
}

VERDICTS = {
    "no-headings": "未发现编号标题：全文按段落分页",
    "incomplete": "原文不完整：编号只到原文结束处",
    "gaps": "编号有缺漏：请对照原文核对",
    "complete": "编号连续完整",
}

# What kind of report (text.metadata.KIND_RULES); a report of no known kind is 其他.
KINDS = {
    "government-work": "政府工作报告",
    "self-evaluation": "自评报告",
    "supervision": "督导报告",
    "debriefing": "述职报告",
    "speech": "讲话",
    "work-summary": "工作总结",
    "work-plan": "工作计划",
    "statistical-bulletin": "统计公报",
    "audit": "审计工作报告",
    "budget": "预算报告",
    "npc-standing": "人大常委会工作报告",
    "court": "法院工作报告",
    "procuratorate": "检察院工作报告",
    "": "其他",
}
# The level of the region a report is about.
REGION_LEVELS = {
    "national": "全国",
    "province": "省级",
    "city": "市级",
    "county": "县级",
    "township": "乡镇级",
    "": "未知",
}
# The metadata fields, in the order the overview shows them.
METADATA_FIELDS = {
    "kind": "类别",
    "issuer": "发布机关",
    "region": "地区",
    "region_level": "行政级别",
    "year": "年份",
    "date": "日期",
    "meeting": "会议",
    "speaker": "报告人",
    "source_url": "原网页",
}
# How complete a copy is (text.report.completeness, and copies compared).
COMPLETENESS = {
    "": "",
    "mid-sentence": "原文在句子中间结束，可能不完整",
    "first-page": "原文只有分页网页的第一页，不完整",
    "partial-copy": "这是较短的一份副本：另一份副本更完整",
}

# Page titles.
HOME_TITLE = "报告"
# An entry of the home page's catalogue: why its report is not whole, and its copies.
CATALOGUE_INCOMPLETE = "不完整：{why}"
CATALOGUE_COPIES = "另有 {count} 份副本："
CATALOGUE_COPY_INCOMPLETE = "（不完整）"
CATALOGUE_COPY_SEPARATOR = "、"
HOME_NAV = "首页"
COMPARE_TITLE = "指标对比"
SEARCH_TITLE = "搜索"
# The search page's filters, by the machine names of the Pagefind filters
# every page carries (templates/theme/main.html).
SEARCH_FILTERS = {"report": "报告", "kind": "类别", "year": "年份"}
FIGURES_TITLE = "数字一览"
FULLTEXT_TITLE = "全文"
# Parts of long unnumbered text: 正文（1） when the report has no numbered
# sections, 前言（1） for a long preface before them.
TEXT_PART = "正文"
PREFACE_PART = "前言"
PART_TITLE = "{name}（{number}）"

# The overview's charts.
PUPILS_CHART = "各学段在校学生（幼儿）数"
STAFF_CHART = "各学段教职工数"


def removal_reason(removal: Removal) -> str:
    """Why cleaning removed this, in Chinese."""
    template = REMOVAL_REASONS[removal.rule_id]
    if removal.copy_of is None:
        return template
    return template.format(first=removal.copy_of.start, last=removal.copy_of.end)


def kind_label(kind: str) -> str:
    return KINDS.get(kind, KINDS[""])


def region_label(region: str) -> str:
    """``甘肃省/张掖市`` as a reader writes it: 甘肃省张掖市."""
    return region.replace("/", "")
