"""What a figure counts: the noun phrase a number's clause is about.

A figure's clause, read backwards from the number, is usually
``[time or scope] [subject] [verb or link] NUMBER UNIT [object]``:
今年 | 中央财政专项扶贫资金 | 增长 | 30%; 全年 | 地区生产总值 | 完成 | 235.2亿元;
组织实施了 | 1000多项 | 高新技术产业化示范工程. Each pass below is one plain
function over that clause, in the spirit of a jusText pass: strip what is
not the subject (times and scopes in front, links and change verbs behind,
a leading action verb), and say what kind of figure it is (a level, a
change, a share). What is left when nothing names a thing is not guessed:
the caller then takes the subject from the figure before it, the item of a
分别 list, or the object after the unit, and else leaves it empty.

The word lists are of report Chinese in general (verbs of change, of
reaching, of doing; times; scopes), not of any one report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LEVEL, CHANGE, SHARE = "level", "change", "share"

# Times and scopes in front of a subject: 今年, 2014年, 五年中, 全市, 其中.
_TIME = (
    r"(?:(?:19|20)\d\d|[0-9０-９]{4})\s*年(?:底|末|初|度)?的?|今年|去年|明年|全年|上年|当年|同年|年初|年内|年底|"
    r"(?:过去|近|前|后)?[一二三四五六七八九十两\d]+年(?:来|中|间|内)?|本届政府|"
    r"[一二三四]季度|上半年|下半年|截至\S{0,8}?[,，]|目前|现在|现|至今|迄今|此外|同时|其中|另外|"
    r"仅此一项|以上|总体|整体"
)
_SCOPE = r"全市|全县|全区|全省|全国|全镇|全乡|全旗|全州|我市|我县|我区|我省|我镇|我乡|本市|本县|各地|全社会"
# Adverbs of manner in front of a verb: 全面完成, 扎实推进.
_MANNER = r"全面|积极|大力|扎实|认真|切实|进一步|深入|有效|加快|着力|稳步|持续|不断|依法|先后|首次|基本|顺利|努力|重点"
_FRONT = re.compile(
    rf"^(?:\s|[、，,：:]|[0-9]*\s*[(（]\s*略\s*[)）]|现有|共有|拥有|另有|有(?![效关力序机色线偿望利])|{_TIME}|{_SCOPE}|{_MANNER}|左右|以上|以内|以下|上述|这些|该|此|又|再|还|也|已经?|将|要|拟|共|累计|合计|总计|均|都|并|再次)+"
)
# A change and the way it is measured, at the end of a subject: 比上年增长, 同比下降, 年均增长.
_CHANGE = re.compile(
    r"(?:(?:比|较|与|同)(?:上年|去年|前[一二三四五]年|上年同期|同期|年初|上年末|上月|改革前|[0-9０-９]{4}年)?(?:相比)?|"
    r"同比|环比|年均|平均每年|"
    r"实际|名义|分别|均|都|各)*"
    r"(?:增长|下降|提高|增加|减少|降低|上升|回落|扩大|缩小|上涨|下跌|增|降|涨|减|提升|减轻)(?:了)?$"
)
# Verbs that reach a level (增加到, 扩大到, 达到, 突破) and links (为, 是): a level.
_REACH = re.compile(
    r"(?:(?:增加|提高|扩大|上升|下降|减少|降低|回落|增长|提升|压缩|缩减|控制|保持|稳定|减|增)(?:到|至|在)|"
    r"达到|达|突破|超过|超|逾|完成|实现|转为|减为|变为|改为|为|是|有|约为|约|近|计|共计|共有|合计|总计|累计|拥有|"
    r"分别为|分别达到|分别是|分别|均为|各|占比?|拟按|按|确定为|预计|预期)+$"
)
# The start of a from-to: 由１９９７年的 / 从 / 由每人每年.
_FROM = re.compile(rf"(?:由|从)(?:{_TIME}|每人每年|人均|上年的?|原来的?|原先的?)?$")
# Verbs of doing whose object is what is counted: 新建高标准农田3200亩 (in front),
# 组织实施了1000多项示范工程 (before the number: the object follows it).
_ACTION = (
    r"新建和改造|新建改建|新建和改善提升|新建|新增|改建|改造|建设|建成|修建|完成|实现|实施|组织实施|推广|淘汰|关停|"
    r"取消和调整|取消和下放|取消|下放|制定修订|修订|制定|修改废止|废止|发放|安排|下达|支持|推进|扎实推进|督促|"
    r"投入|拨付|划拨|偿还|减少|压减|化解|退出|招收|接待|办理|受理|审结|办结|培训|资助|帮助|解决|转移|"
    r"吸引|引进|签约|认定|创建|打造|培育|建立|设立|开展|组织|举办|提出|审议|通过|"
    r"查处|立案|起诉|批准|逮捕|提起|处理|开通|增设|配备|补充|招聘|选派|惠及|覆盖|受益|分流|安置|移送|清理|发布|指导|带动|吸纳|组建|成立|"
    r"听取|办好|办成"
)
# …unless the verb is part of a noun: 完成率, 建设类项目, 配备比.
_ACTION_FRONT = re.compile(rf"^(?:{_ACTION})(?:了|的)?(?![类型性率比量额数])")
_ACTION_END = re.compile(rf"(?:{_ACTION})(?:了)?$")
_ONLY_ACTION = re.compile(rf"(?:{_ACTION})(?:了)?")
_ACTION_ANY = re.compile(rf"(?:{_ACTION})(?:了|的)?")
# An actor before its verb (今年中央财政将安排…, 分两轮取消…, 依法移送…): what
# follows the verb is the subject.
_ACTOR_MARK = re.compile(r"(?:将|要|拟|已|又|再|依法|先后|轮|连续|累计|共|积极|大力|进一步)$")
# Or an actor long enough to be one (…马街村委建设公共厕所): not 城镇新增就业.
MIN_ACTOR_CHARS = 6
# Times and scopes left at the end (…扩大到全国, …由1997年的).
_BACK = re.compile(
    rf"(?:{_TIME}|{_SCOPE}|原先|原来|原有的?|以上|左右|较|共|要|将|拟|应|须|力争|确保|已|又|再|还|也|均|都)$"
)
# An adverb before a verb of doing shows it is used as a verb (…工程新安排):
# the verb and the adverb are not part of the thing named.
_VERB_ADVERB = re.compile(rf"(?:新|已|再|又|还|也|将|要|拟|共|累计)(?:{_ACTION})(?:了)?$")
# A long subject is its head after the last 的: 年初确定的单位国内生产总值能耗.
LONG_SUBJECT_CHARS = 12
# A share: 占…的 before the number, or a subject that is a proportion.
_SHARE = re.compile(r"占[^，,。；;]*?的?$|比重$|占比$|比例$")
# What is left over at either end: particles, list marks.
# (Not the 及 of a verb: 惠及, 涉及, 普及.)
_EDGES = re.compile(r"^[的、和及与，,：:\s]+|(?:[的、和与，,：:\s]|(?<![惠涉普波顾兼])及)+$")
# An object after the unit ends at a clause mark, or where a new verb starts.
_OBJECT_END = re.compile(r"[，,。；;：:（(]|以上|左右|受益|进行|进入|赴|、")
MAX_OBJECT_CHARS = 16


@dataclass(frozen=True)
class Subject:
    what: str
    """The noun phrase, or "" when the clause names none."""
    measure: str
    """``level``, ``change`` or ``share``."""
    object_follows: bool = False
    """The clause ends in a verb of doing: what it counts follows the unit."""


def read_subject(clause: str) -> Subject:
    """The subject of the clause before a number, and what kind of figure it
    is; ``what`` is "" when the clause names no thing, and `object_follows`
    says whether the thing counted follows the unit (组织实施了|1000多项|…)."""
    text = _EDGES.sub("", clause.strip())
    measure = LEVEL
    text = _FROM.sub("", text)  # the start of a from-to (由1997年的…) names its subject before 由
    if _SHARE.search(text):
        # 占世界的60%: a share of what the figure before it counts.
        text, measure = re.sub(r"占[^，,。；;]*?的?$", "", text), SHARE
    for _ in range(3):
        text = _EDGES.sub("", _BACK.sub("", text))
        change = _CHANGE.search(text)
        if change:
            text, measure = text[: change.start()], CHANGE
        text = _EDGES.sub("", _REACH.sub("", _FRONT.sub("", text)))
    # 组织实施了1000多项示范工程: the object after the unit is counted; the
    # phrase with its verb (教育经费投入) stands in where none follows.
    ends_in_action = _ACTION_END.search(_BACK.sub("", _EDGES.sub("", clause.strip())))
    if _ACTION_END.search(text) or (not text and ends_in_action):
        # A verb alone (惠及, 办结) names nothing; nor does an actor and its
        # verb (中央财政将安排); a noun and its verb-noun does (教育经费投入).
        verb_phrase = "" if _ONLY_ACTION.fullmatch(text) else text
        used_as_verb = _VERB_ADVERB.search(verb_phrase)
        if used_as_verb:
            verb_phrase = verb_phrase[: used_as_verb.start()]
            verb_phrase = "" if _ACTOR_MARK.search(verb_phrase) or len(verb_phrase) < 2 else verb_phrase
        return Subject(_EDGES.sub("", re.sub(r"了$", "", verb_phrase)), measure, object_follows=True)
    for verb in reversed(list(_ACTION_ANY.finditer(text))):
        actor = _ACTOR_MARK.search(text, 0, verb.start()) or verb.start() >= MIN_ACTOR_CHARS
        if actor and len(text) - verb.end() >= 2:
            text = text[verb.end() :]
            break
    text = _EDGES.sub("", _ACTION_FRONT.sub("", text))
    # 非法吸收公众存款、集资诈骗等涉众型经济犯罪: the members, then what they are.
    category = text.rsplit("等", 1)[-1] if "、" in text else ""
    if len(category) >= 2 and "、" not in category:
        text = category
    if len(text) > LONG_SUBJECT_CHARS and len(text.rsplit("的", 1)[-1]) >= 2:
        text = text.rsplit("的", 1)[-1]
    return Subject(text, measure)


def read_object(after: str) -> str:
    """What is counted when it follows the unit: 1000多项|高新技术产业化示范工程."""
    text = _EDGES.sub("", _OBJECT_END.split(after, maxsplit=1)[0])
    # 153所学校完成章程: the object ends where a verb starts, unless the verb
    # describes it (地方实施的审批事项).
    verb = next((v for v in _ACTION_ANY.finditer(text, 1) if not v.group(0).endswith("的")), None)
    # …25部法律法规的实施情况: cut at its verb, what is counted ends before 的.
    text = text[: verb.start()].removesuffix("的") if verb else text
    if len(text) > LONG_SUBJECT_CHARS and len(text.rsplit("的", 1)[-1]) >= 2:
        text = text.rsplit("的", 1)[-1]
    return text[:MAX_OBJECT_CHARS] if re.match(r"[\u4e00-\u9fff]", text) else ""


def list_items(clause: str) -> list[str]:
    """The items a 分别 clause lists before 分别: 食品、石化、医药、信息等产业增加值
    分别增长 gives 食品, 石化, 医药, 信息."""
    head = clause.rsplit("分别", 1)[0]
    items = [item for item in re.split(r"[、和及与]", head) if item]
    if len(items) < 2:
        return []
    # The first item ends a longer phrase: …用于科技、教育 is 科技.
    first = re.split(r"用于|对于|关于|其中|包括", items[0])[-1]
    last = re.split(r"等", items[-1], maxsplit=1)[0]
    return [read_subject(item).what or item for item in (first, *items[1:-1], last)]


def begins_with_action(text: str) -> bool:
    """Whether `text` opens with a verb of doing (建设污水处理厂)."""
    return _ACTION_FRONT.match(text) is not None
