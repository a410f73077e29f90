"""Stage 4, figures: every number in the report, with what it counts.

One pass over the report's text, sentence by sentence. Each run of digits is
either a *figure* (a value with a unit: 500所, 27.56亿元, 99.68%, 1∶185, or a
masked one: *人) or is skipped with a named reason (a year, a date, an
ordinal, a document number, part of a name like 5G, a fragment the source cut
off, or a number printed without a unit). Nothing is dropped silently.

What a figure counts is read from the clause structure: the words before it
in its clause (幼儿园321所 counts 幼儿园), less linking verbs; in a run of
clauses about one thing (小学127所,在校生72298人,教职工5981人) the first
subject is the group the others belong to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from ..model import Figure, Line, Outline, Section, Skipped
from .hanzi import simplified
from .numerals import DIGITS, NUMERAL_CHARS, POINT, chinese_number
from .outline import walk
from .subjects import CHANGE, LEVEL, Subject, begins_with_action, list_items, read_object, read_subject

DIGIT_CHARS = "".join(DIGITS)
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
# Units, longest first so 万元 wins over 元. Scale turns the value into the
# base unit (27.56亿元 -> 2756000000 元).
_UNITS: dict[str, tuple[str, float]] = {
    "亿元": ("元", 1e8), "万元": ("元", 1e4), "千元": ("元", 1e3), "元": ("元", 1),
    "亿美元": ("美元", 1e8), "万美元": ("美元", 1e4), "美元": ("美元", 1),
    "万亿元": ("元", 1e12), "万人次": ("人次", 1e4), "万人": ("人", 1e4), "万名": ("名", 1e4),
    "万户次": ("户次", 1e4), "万户": ("户", 1e4), "户次": ("户次", 1), "家次": ("家次", 1), "车次": ("车次", 1),
    "架次": ("架次", 1), "批次": ("批次", 1), "件次": ("件次", 1),
    "万个": ("个", 1e4), "万吨": ("吨", 1e4), "亿吨": ("吨", 1e8), "万平方米": ("平方米", 1e4),
    "万亩": ("亩", 1e4), "万公里": ("公里", 1e4), "万套": ("套", 1e4), "万间": ("间", 1e4),
    "个百分点": ("百分点", 1), "百分点": ("百分点", 1), "%": ("%", 1), "％": ("%", 1), "‰": ("‰", 1),
    "倍": ("倍", 1),
    "平方米": ("平方米", 1), "公里": ("公里", 1), "千米": ("公里", 1), "亩": ("亩", 1), "吨": ("吨", 1),
    "所": ("所", 1), "人次": ("人次", 1), "人": ("人", 1), "个": ("个", 1), "名": ("名", 1),
    "项": ("项", 1), "台": ("台", 1), "次": ("次", 1), "家": ("家", 1), "座": ("座", 1),
    "间": ("间", 1), "套": ("套", 1), "户": ("户", 1), "册": ("册", 1), "本": ("本", 1),
    "场": ("场", 1), "批": ("批", 1), "件": ("件", 1), "条": ("条", 1), "处": ("处", 1),
    "类": ("类", 1), "支": ("支", 1), "篇": ("篇", 1), "部": ("部", 1), "节": ("节", 1),
    "班": ("班", 1), "岁": ("岁", 1), "天": ("天", 1), "小时": ("小时", 1), "学时": ("学时", 1),
    "课时": ("课时", 1), "周": ("周", 1), "期": ("期", 1), "份": ("份", 1), "元/人": ("元/人", 1),
    # Livestock, vehicles, plants, land, volume, power and weight.
    "万头": ("头", 1e4), "头": ("头", 1), "万只": ("只", 1e4), "只": ("只", 1), "万羽": ("羽", 1e4), "羽": ("羽", 1),
    "万辆": ("辆", 1e4), "辆": ("辆", 1), "万株": ("株", 1e4), "株": ("株", 1), "棵": ("棵", 1),
    "万公顷": ("公顷", 1e4), "公顷": ("公顷", 1), "平方公里": ("平方公里", 1),
    "亿立方米": ("立方米", 1e8), "万立方米": ("立方米", 1e4), "立方米": ("立方米", 1),
    "万千瓦": ("千瓦", 1e4), "千瓦": ("千瓦", 1), "亿千瓦时": ("千瓦时", 1e8), "万千瓦时": ("千瓦时", 1e4),
    "千瓦时": ("千瓦时", 1), "万公斤": ("公斤", 1e4), "公斤": ("公斤", 1), "千克": ("千克", 1),
}  # fmt: skip
_UNIT = "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True))
_NUMBER = r"[0-9０-９]+(?:[.．][0-9０-９]+)?"
# A value: digits, or a mask standing for them; 多/余 make it approximate.
# A Chinese numeral of two characters or more (一个 and 十分 are words), and
# 百分之 with any numeral: 一百零八亿元, 三十多个, 百分之三十六点九.
# It holds a digit: 百万人口 and 千万不能 are words, not counts.
_CHINESE = rf"(?=[{NUMERAL_CHARS}]*[{DIGIT_CHARS}])[{NUMERAL_CHARS}]{{2,}}(?:{POINT}[{NUMERAL_CHARS}]+)?"
_PERCENT = rf"百分之(?P<percent>[{NUMERAL_CHARS}]+(?:{POINT}[{NUMERAL_CHARS}]+)?)"
_FIGURE = re.compile(
    rf"(?P<ratio>{_NUMBER}\s*[∶:]\s*{_NUMBER})"
    rf"|(?P<value>{_NUMBER}|[*＊]+|[xX]{{2,}}|××|{_CHINESE})(?P<about>[多余])?\s*(?P<unit>{_UNIT})"
    rf"|{_PERCENT}"
)
_MASK = re.compile(r"[*＊]+|[xX]{2,}|××")
_DIGITS = re.compile(_NUMBER)
_YEAR = re.compile(r"((?:19|20)[0-9]{2}|20[xX]{2})\s*年")
_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]?")
_CLAUSE_BREAK = "，,；;：:"
# What joins the values of one run: 增长7.5%、11.5%和17.4%.
_RUN_JOINERS = "、和及与 "
# A time of day (10:40) is not a ratio.
# The lower end of a range, printed without its unit before the number: 6.5－7%.
_RANGE_START = re.compile(r"([0-9０-９]+(?:[.．][0-9０-９]+)?)\s*[-－—~～至]\s*$")
_CLOCK = re.compile(r"(?:[01]?\d|2[0-4])\s*[:：]\s*[0-5]\d")
# Institutions, then the people in them: 小学127所,在校生72298人,教职工5981人.
_GROUP_UNITS = {"所", "个", "家", "座", "处"}
_MEMBER_UNITS = {"人", "名", "人次"}


def _value(text: str, scale: float = 1) -> float:
    """The value exactly as printed, in digits or Chinese numerals, times
    `scale` (a power of ten): computed in decimal, so 326.4亿元 is
    32640000000, not 32639999999.999996."""
    digits = text.translate(_FULL_WIDTH)
    number = Decimal(digits) if _DIGITS.fullmatch(digits) else chinese_number(text)
    return float(number * int(scale))


def _clause_start(sentence: str, position: int, floor: int) -> int:
    """Where the clause holding `position` starts: after a comma or colon, or
    after a bracket still open (普通高中9所(省级示范性高中6所)); a closed
    bracket is part of the subject (学校(园)500所)."""
    depth = 0
    for index in range(position - 1, floor - 1, -1):
        char = sentence[index]
        if char in ")）":
            depth += 1
        elif char in "(（":
            if not depth:
                return index + 1
            depth -= 1
        elif char in _CLAUSE_BREAK and not depth:
            return index + 1
    return floor


def _skip_reason(sentence: str, start: int, end: int) -> str:
    after = sentence[end : end + 3]
    before = sentence[start - 1] if start else "^"  # "^" matches no class below
    if re.match(r"\s*年", after) or re.match(r"\s*[-－—~～至]\s*(19|20)\d\d\s*年", after):
        return "year"
    if re.match(r"\s*(月|日|号|时)", after) or before in "月":
        return "document" if re.match(r"\s*号", after) and before in "〕]" else "date"
    if re.match(r"\s*周年", after):
        return "ordinal"
    if before == "第":
        return "ordinal"
    if before in "〔[【" or re.match(r"[〕\]】]", after):
        return "document"
    if re.match(r"[A-Za-z]", after):
        return "name"
    if re.match(r"\s*[(（]\s*略", after) or re.match(r"[)）]", after):
        return "fragment"
    if _CLOCK.fullmatch(sentence[start:end]) or (re.match(r"\s*[:：]\s*\d", after) and int(sentence[start:end]) < 25):
        return "date"
    return "no-unit"


@dataclass
class _Found:
    """A figure being read: its match and what its clause says."""

    match: re.Match[str]
    start: int
    end: int
    subject: Subject
    clause: str
    run: int
    """Figures of one run (增长7.5%、11.5%、17.4%) share a number."""
    low: str = ""
    """The lower end of a range printed before it (6.5－7%: 6.5)."""
    high: str = ""
    """The upper end of a range printed after it (6.5%－7%: 7)."""
    what: str = ""
    measure: str = LEVEL


def _is_figure(sentence: str, match: re.Match[str]) -> bool:
    start, end = match.span()
    if start and sentence[start - 1] == "第":
        return False  # 第69次 is an ordinal: skipped below
    if match["unit"] == "周" and sentence[end : end + 1] == "年":
        return False  # 成立60周年: an anniversary, not weeks
    # 10:40 is a time of day.
    return not (match["ratio"] and _CLOCK.fullmatch(match["ratio"]))


def _read_clauses(sentence: str) -> list[_Found]:
    """Each figure of a sentence with its clause's subject; figures joined by
    、 和 及 与 form one run."""
    found: list[_Found] = []
    segment_start = previous_end = 0
    run = 0
    for match in _FIGURE.finditer(sentence):
        if not _is_figure(sentence, match) or match.start() < previous_end:
            continue  # not a figure, or the upper end of a range already read
        start, end = match.span()
        # A new ；-segment starts afresh.
        boundary = max(sentence.rfind("；", 0, start), sentence.rfind(";", 0, start)) + 1
        segment_start = max(segment_start, boundary)
        clause_start = _clause_start(sentence, start, max(segment_start, previous_end))
        clause = sentence[clause_start:start]
        joined = clause.strip() and all(char in _RUN_JOINERS for char in clause)
        if not (found and joined):
            run += 1
        low = _RANGE_START.search(clause) if not match["ratio"] else None
        upper = _range_end(sentence, match)
        if low is not None:
            clause, start = clause[: low.start()], start - len(low.group(0))
        elif upper is not None:
            end = upper.end()
        figure = _Found(match, start, end, read_subject(clause), clause, run)
        figure.low, figure.high = (low[1] if low else ""), (upper[1] if upper and not low else "")
        found.append(figure)
        previous_end = end
    return found


def _name_figures(sentence: str, found: list[_Found]) -> None:
    """Say what each figure counts: the item of a 分别 list; its own clause's
    subject; the thing after the unit (组织实施了1000多项示范工程); for a change,
    a share or the end of a from-to, what the figure before it counts; the
    first figure of its run; else "" (the sentence does not say)."""
    items: list[str] = []
    runs: dict[int, list[_Found]] = {}
    for figure in found:
        runs.setdefault(figure.run, []).append(figure)
    for members in runs.values():
        head = members[0]
        if "分别" in head.clause:
            # The list stands in the clause, or in the nearest clause before it
            # that lists (化学需氧量、二氧化硫排放总量首次双下降，比上年分别下降…).
            items = list_items(head.clause) or list_items(
                _last_list(sentence[: head.start - len(head.clause)]) + "分别"
            )
        listed = items if len(items) == len(members) and (not head.subject.what or "分别" in head.clause) else []
        for index, figure in enumerate(members):
            figure.what = listed[index] if listed else _own_name(sentence, found, figure, head)
            figure.measure = head.subject.measure
        if len(members) > 1 and not listed and (head.subject.object_follows or not head.what):
            # 完成1.8万户、189万平方米棚改任务: the run counts what follows its last value.
            named = read_object(sentence[members[-1].end :])
            for figure in members:
                figure.what = named or figure.what


def _last_list(text: str) -> str:
    """The last clause of `text` that lists things (holds 、), or ""."""
    clauses = [clause for clause in re.split(r"[，,；;。]", text) if "、" in clause]
    return clauses[-1] if clauses else ""


def _own_name(sentence: str, found: list[_Found], figure: _Found, head: _Found) -> str:
    if figure is not head:
        return head.what  # 增长0.11%、2.99%: one subject, several values
    subject = figure.subject
    # 组织实施了1000多项示范工程; 7651所学校受益: the words after the unit.
    named = read_object(sentence[figure.end :])
    # …铜盂镇、海门镇等5个单位: a list closed by 等 names the members; the noun after counts them.
    listed = figure.clause.rstrip().endswith("等")
    if named and (subject.object_follows or not figure.clause.strip() or listed or _describes(figure, named)):
        return named
    if subject.what:
        return subject.what
    # 比上年增长9.9%, 增加到13.6万公里, 占世界的60%: what the figure before counts.
    before = [other for other in found if other.end <= figure.start]
    if before and not subject.object_follows:
        # A level takes the name of a level in its unit (由…增加到…); a change or
        # a share, of the figure just before it.
        same_unit = [other for other in before if _base(other.match) == _base(figure.match)]
        # 增长9.1%，达到11.67万亿元: the indicator that changed; 是1997年的2.3倍:
        # a multiple of what the figure before counts.
        if subject.measure != LEVEL or before[-1].subject.measure == CHANGE or _base(figure.match) == "倍":
            return before[-1].what
        if same_unit:
            return same_unit[-1].what
    return named


# What a measure printed straight before it describes: a plant or a work
# (3.5万吨造纸生产线, 10万千瓦光伏电站), not the thing the clause is about.
_WORKS = re.compile(r"(?:生产线|电站|水厂|水库|厂房|基地|公路|道路|管网|管道|大棚|仓库|码头|泊位|机组|工程|项目)$")


def _describes(figure: _Found, named: str) -> bool:
    """Whether `figure` is a measure of the works named right after its unit
    (a size or a capacity, not money or a count), none of it a verb."""
    return (
        figure.match.group("unit") is not None
        and _base(figure.match) not in ("元", "美元", "%", "个", "项", "倍", "百分点")
        and _WORKS.search(named) is not None
        and not begins_with_action(named)
    )


def _clause_year(clause: str) -> str:
    """The year printed in a figure's own clause (由1997年的7.4万亿元 is 1997's)."""
    years = _YEAR.findall(clause.translate(_FULL_WIDTH))
    return str(years[-1]) if years else ""


def _base(match: re.Match[str]) -> str:
    return "比" if match["ratio"] else _UNITS[match["unit"] or "%"][0]


def _range_end(sentence: str, match: re.Match[str]) -> re.Match[str] | None:
    """The upper end of a range after a figure: 6.5%－7%, 8%至10%."""
    unit = match["unit"]
    if not unit or not _DIGITS.fullmatch(match["value"]):
        return None
    return re.compile(rf"\s*[-－—~～至到]\s*({_NUMBER})\s*{re.escape(unit)}").match(sentence, match.end())


def sentence_figures(sentence: str, section: str, line: int, year: str) -> tuple[list[Figure], list[Skipped]]:
    """Figures and skipped numbers of one sentence. It is read in simplified
    characters (分別 is 分别, 萬元 is 万元), one for one, so that the places found
    are the printed sentence's; what a figure counts is given as printed."""
    folded = simplified(sentence)
    found = _read_clauses(folded)
    _name_figures(folded, found)
    figures: list[Figure] = []
    covered: list[tuple[int, int]] = []
    group = ""
    stripped = sentence.strip()  # one string shared by the sentence's figures
    segment = 0
    for figure in found:
        match, start, end = figure.match, figure.start, figure.end
        boundary = max(sentence.rfind("；", 0, start), sentence.rfind(";", 0, start)) + 1
        if boundary > segment:
            segment, group = boundary, ""
        high = None
        text = sentence[start:end]
        if match["ratio"]:
            left, right = (_value(part) for part in re.split(r"\s*[∶:：]\s*", match["ratio"]))
            value, unit, base, masked = (right / left if left else None), "", "比", False
        else:
            raw, unit = (match["percent"], "%") if match["percent"] else (match["value"], match["unit"])
            base, scale = _UNITS[unit]
            masked = bool(_MASK.fullmatch(raw))
            value = None if masked else _value(raw, scale)
            if figure.high:
                high = _value(figure.high, scale)
            elif figure.low and value is not None:
                value, high = _value(figure.low, scale), value
        what = _as_printed(figure.what, folded, sentence)
        figures.append(
            Figure(
                text=text,
                value=value,
                unit=unit,
                base_unit=base,
                what=what,
                group=group if group != what and base in _MEMBER_UNITS | _GROUP_UNITS else "",
                year=_clause_year(figure.clause) or year,
                section=section,
                sentence=stripped,
                line=line,
                approximate=bool(match["about"]) if not match["ratio"] else False,
                masked=masked,
                measure=figure.measure,
                value_high=high,
            )
        )
        if not group and base in _GROUP_UNITS:
            group = what
        elif base not in _MEMBER_UNITS and base not in _GROUP_UNITS:
            group = ""
        covered.append((start, end))
    skipped = [
        Skipped(number.group(0), _skip_reason(sentence, number.start(), number.end()), line)
        for number in _DIGITS.finditer(sentence)
        if not any(start <= number.start() < end for start, end in covered)
    ]
    return figures, skipped


def _as_printed(words: str, folded: str, sentence: str) -> str:
    """`words` of the simplified `folded` as `sentence` prints them."""
    at = folded.find(words) if words else -1
    return sentence[at : at + len(words)] if at >= 0 else words


def _lines(outline: Outline) -> Iterator[tuple[str, Line]]:
    for line in outline.preface:
        yield "", line

    def walk(sections: tuple[Section, ...], path: str) -> Iterator[tuple[str, Line]]:
        for section in sections:
            here = f"{path} › {section.marker}" if path else section.marker
            title = Line(section.span.start, section.title)
            for line in (title, *section.body):
                yield here.strip(), line
            yield from walk(section.children, here)

    yield from walk(outline.sections, "")


def extract_figures(outline: Outline) -> tuple[tuple[Figure, ...], tuple[Skipped, ...]]:
    """Every figure of the report, and every other number with its skip reason."""
    figures: list[Figure] = []
    skipped: list[Skipped] = []
    for section, line in _lines(outline):
        for match in _SENTENCE.finditer(line.text):
            sentence = match.group(0)
            year = _YEAR.search(sentence.translate(_FULL_WIDTH))
            found, passed = sentence_figures(sentence, section, line.number, year.group(1) if year else "")
            figures += found
            skipped += passed
    # The numbers of numbered headings (1. （2）) are item numbers.
    for heading in walk(outline.sections):
        skipped += [Skipped(number.group(0), "item", heading.span.start) for number in _DIGITS.finditer(heading.marker)]
    return tuple(figures), tuple(skipped)
