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

from ..model import Figure, Indicator, Line, Outline, Section, Skipped
from .outline import walk

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
# Units, longest first so 万元 wins over 元. Scale turns the value into the
# base unit (27.56亿元 -> 2756000000 元).
_UNITS: dict[str, tuple[str, float]] = {
    "亿元": ("元", 1e8), "万元": ("元", 1e4), "千元": ("元", 1e3), "元": ("元", 1),
    "亿美元": ("美元", 1e8), "万美元": ("美元", 1e4), "美元": ("美元", 1),
    "万亿元": ("元", 1e12), "万人": ("人", 1e4), "万名": ("名", 1e4), "万户": ("户", 1e4),
    "万个": ("个", 1e4), "万吨": ("吨", 1e4), "亿吨": ("吨", 1e8), "万平方米": ("平方米", 1e4),
    "万亩": ("亩", 1e4), "万公里": ("公里", 1e4), "万套": ("套", 1e4), "万间": ("间", 1e4),
    "个百分点": ("百分点", 1), "百分点": ("百分点", 1), "%": ("%", 1), "‰": ("‰", 1), "倍": ("倍", 1),
    "平方米": ("平方米", 1), "公里": ("公里", 1), "千米": ("公里", 1), "亩": ("亩", 1), "吨": ("吨", 1),
    "所": ("所", 1), "人次": ("人次", 1), "人": ("人", 1), "个": ("个", 1), "名": ("名", 1),
    "项": ("项", 1), "台": ("台", 1), "次": ("次", 1), "家": ("家", 1), "座": ("座", 1),
    "间": ("间", 1), "套": ("套", 1), "户": ("户", 1), "册": ("册", 1), "本": ("本", 1),
    "场": ("场", 1), "批": ("批", 1), "件": ("件", 1), "条": ("条", 1), "处": ("处", 1),
    "类": ("类", 1), "支": ("支", 1), "篇": ("篇", 1), "部": ("部", 1), "节": ("节", 1),
    "班": ("班", 1), "岁": ("岁", 1), "天": ("天", 1), "小时": ("小时", 1), "学时": ("学时", 1),
    "课时": ("课时", 1), "周": ("周", 1), "期": ("期", 1), "份": ("份", 1), "元/人": ("元/人", 1),
}  # fmt: skip
_UNIT = "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True))
_NUMBER = r"[0-9０-９]+(?:[.．][0-9０-９]+)?"
# A value: digits, or a mask standing for them; 多/余 make it approximate.
_FIGURE = re.compile(
    rf"(?P<ratio>{_NUMBER}\s*[∶:]\s*{_NUMBER})"
    rf"|(?P<value>{_NUMBER}|[*＊]+|[xX]{{2,}}|××)(?P<about>[多余])?\s*(?P<unit>{_UNIT})"
)
_DIGITS = re.compile(_NUMBER)
_YEAR = re.compile(r"((?:19|20)[0-9]{2}|20[xX]{2})\s*年")
_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]?")
# Linking words between a subject and its number, and scope words before it.
_LINK_END = re.compile(r"(共计|共有|合计|累计|总计|达到|约为|分别为|分别|为|达|共|有|约|计|是|近|超过)$")
_SCOPE_START = re.compile(r"^(其中|全市|全县|全区|全省|全国|我市|我县|我区|现有|目前|共有|拥有|共|累计|另有|有)+")
_CLAUSE_BREAK = "，,；;：:"


def _value(text: str) -> float:
    return float(text.translate(_FULL_WIDTH))


# Left-overs at the start of a subject: a list comma, a year, a number cut
# off by a redaction (2 (略) 共拨付).
_LEADING_NOISE = re.compile(r"^(?:[、，,：:\s]|[0-9]*\s*[(（]\s*略\s*[)）]|(?:19|20)[0-9]{2}年[，,]?)+")
# Institutions, then the people in them: 小学127所,在校生72298人,教职工5981人.
_GROUP_UNITS = {"所", "个", "家", "座", "处"}
_MEMBER_UNITS = {"人", "名", "人次"}


def _subject(clause_before: str) -> str:
    """The phrase before a number, less linking and scope words."""
    text = clause_before.strip()
    for _ in range(3):
        text = _LINK_END.sub("", _SCOPE_START.sub("", _LEADING_NOISE.sub("", text))).strip()
    return text


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
    if before == "第":
        return "ordinal"
    if before in "〔[【" or re.match(r"[〕\]】]", after):
        return "document"
    if re.match(r"[A-Za-z]", after):
        return "name"
    if re.match(r"\s*[(（]\s*略", after) or re.match(r"[)）]", after):
        return "fragment"
    return "no-unit"


def sentence_figures(sentence: str, section: str, line: int, year: str) -> tuple[list[Figure], list[Skipped]]:
    """Figures and skipped numbers of one sentence."""
    figures: list[Figure] = []
    covered: list[tuple[int, int]] = []
    group = ""
    segment_start = 0
    previous_end = 0
    stripped = sentence.strip()  # one string shared by the sentence's figures
    for match in _FIGURE.finditer(sentence):
        start, end = match.span()
        if start and sentence[start - 1] == "第":
            continue  # 第69次 is an ordinal: skipped below
        # A new ；-segment starts a new group.
        boundary = max(sentence.rfind("；", 0, start), sentence.rfind(";", 0, start)) + 1
        if boundary > segment_start:
            segment_start, group = boundary, ""
        clause = _clause_start(sentence, start, max(segment_start, previous_end))
        what = _subject(sentence[clause:start])
        if not what and figures and sentence[previous_end:start].strip() in ("、", "和", "及", "与"):
            what = figures[-1].what  # 增长0.11%、2.99%: one subject, several values
        if not what:
            # 89人参加抽检: the words after the unit say what was counted.
            rest = re.split(f"[{_CLAUSE_BREAK}。]", sentence[end:], maxsplit=1)[0]
            what = rest.strip()
        if match["ratio"]:
            left, right = (_value(part) for part in re.split(r"\s*[∶:]\s*", match["ratio"]))
            value, unit, base, masked = (right / left if left else None), "", "比", False
        else:
            raw, unit = match["value"], match["unit"]
            base, scale = _UNITS[unit]
            masked = not _DIGITS.fullmatch(raw)
            value = None if masked else round(_value(raw) * scale, 6)
        figures.append(
            Figure(
                text=match.group(0),
                value=value,
                unit=unit,
                base_unit=base,
                what=what,
                group=group if group != what and base in _MEMBER_UNITS | _GROUP_UNITS else "",
                year=year,
                section=section,
                sentence=stripped,
                line=line,
                approximate=bool(match["about"]) if not match["ratio"] else False,
                masked=masked,
            )
        )
        if not group and base in _GROUP_UNITS:
            group = what
        elif base not in _MEMBER_UNITS and base not in _GROUP_UNITS:
            group = ""
        covered.append((start, end))
        previous_end = end
    skipped = [
        Skipped(number.group(0), _skip_reason(sentence, number.start(), number.end()), line)
        for number in _DIGITS.finditer(sentence)
        if not any(start <= number.start() < end for start, end in covered)
    ]
    return figures, skipped


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
            year = _YEAR.search(sentence)
            found, passed = sentence_figures(sentence, section, line.number, year.group(1) if year else "")
            figures += found
            skipped += passed
    # The numbers of numbered headings (1. （2）) are item numbers.
    for heading in walk(outline.sections):
        skipped += [Skipped(number.group(0), "item", heading.span.start) for number in _DIGITS.finditer(heading.marker)]
    return tuple(figures), tuple(skipped)


# An indicator's name must say something and fit a table cell.
_INDICATOR_CHARS = (2, 16)


def indicators(figures: tuple[Figure, ...]) -> tuple[Indicator, ...]:
    """Figures a reader may compare across reports.

    The first figure for each (group, what, base unit) counts; masked values
    and unnamed figures are left out.
    """
    found: dict[tuple[str, str], Indicator] = {}
    for figure in figures:
        name = f"{figure.group}·{figure.what}" if figure.group else figure.what
        low, high = _INDICATOR_CHARS
        if figure.masked or not low <= len(name) <= high:
            continue
        found.setdefault((name, figure.base_unit), Indicator(name, figure.base_unit, figure.text, figure.year))
    return tuple(found.values())
