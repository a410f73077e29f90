"""Which region a report is about, and at what level.

Named first where it counts most (title, subtitle, speaker's line); else
the place its text names most often, or names once as a body's (丹江口教育局)
or with the place above it; else the office or the portal the page's own
lines name. Places are resolved against the gazetteer (`text.places`); the
page around the report tells which of several places of one name is meant.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .places import INSTITUTION_AFTER_SHORT_NAME, Division, Gazetteer, Mention, find_places

NATIONAL = "national"
# Who speaks for the whole country.
NATIONAL_BODY = re.compile(r"国务院|全国人民代表大会|最高人民法院|最高人民检察院|全国人大常委会")
# How often the text must name a place to make it the report's region.
BODY_MENTIONS = 2
# What follows a place named as a body's (…教育局, …人民政府, …委员会).
_BODY_AFTER_PLACE = (*INSTITUTION_AFTER_SHORT_NAME, "人民", "教育", "委员会", "党委")
# A page's record of the office that issued it (发布机构: | 沂水县沙沟镇 |).
_OFFICE_FIELD = re.compile(
    r"(?:发布机构|发文机关|发布单位|发文单位|制发机关|来源单位|信息来源|来源)\s*[:：|｜]\s*[|｜]?\s*(?P<office>[^\s|｜]{2,30})"
)
# A government portal's name in the page's lines (当前位置:武汉市硚口区人民政府网站 > …).
_PORTAL = re.compile(r"(?P<office>[\u4e00-\u9fff]{2,20}?(?:人民政府|政府))(?:门户)?网站?")
# Of the lines cleaning removed, how many (and how long) are read as the page
# around the report, for its places.
PAGE_LINES = 40
PAGE_LINE_CHARS = 80


def read_region(
    title: str,
    subtitle: str,
    speaker: str,
    body: str,
    places: Gazetteer | None,
    national: bool,
    page: Sequence[str] = (),
) -> tuple[str, str, str]:
    """The region named first where it counts most: title, subtitle, speaker;
    else the one the text (its start) names most often; else the office the
    page's record says issued it. The places the page around the report
    names (`page`, the lines cleaning removed) tell which of several places
    of one name is meant (沙沟镇 on a page of 沂水县's)."""
    national = national or any(NATIONAL_BODY.search(text) for text in (title, subtitle, speaker))
    # The page's own lines are short (records, breadcrumbs, a site's name); a
    # long one is a repeat of the report's text, which says nothing new.
    page = [line for line in page if len(line) <= PAGE_LINE_CHARS][:PAGE_LINES]
    known = frozenset(mention.division for mention in find_places("\n".join(page), places))
    if national and not find_places(title, places):
        return "全国", NATIONAL, ""
    for text in (title, subtitle, speaker):
        mentions = find_places(text, places, known)
        if mentions:
            # The most specific place named: 武汉市武昌区 is 武昌区.
            division = max(mentions, key=lambda m: len(m.division.chain())).division
            return division.path, division.level, division.code
    # In running text a name may be a word's end and the next one's start
    # (…要会同县督查办…): a place counts there when it is named twice, or
    # named once as a body's (丹江口教育局, 楚雄市人民政府) in a text that names
    # no place off its line of descent.
    mentions = find_places(body, places)
    counts = Counter(ancestor for mention in mentions for ancestor in mention.division.chain())
    deepest = max(mentions, key=lambda m: len(m.division.chain()), default=None)
    if (
        deepest is not None
        and (
            body.startswith(_BODY_AFTER_PLACE, deepest.end)
            or _party_and_government(body, deepest.end)
            or _named_with_ancestor(deepest.division, mentions)
        )
        and all(m.division in deepest.division.chain() for m in mentions)
    ):
        return deepest.division.path, deepest.division.level, deepest.division.code
    repeated = [m.division for m in mentions if counts[m.division] >= BODY_MENTIONS]
    if repeated:
        division = max(repeated, key=lambda d: len(d.chain()))
        return division.path, division.level, division.code
    offices = [match["office"] for line in page for match in _OFFICE_FIELD.finditer(line)]
    offices += [match["office"] for line in page for match in _PORTAL.finditer(line)]
    for office in offices:
        found = find_places(office, places, known)
        if found:
            division = max(found, key=lambda m: len(m.division.chain())).division
            return division.path, division.level, division.code
    return "", "", ""


def _named_with_ancestor(division: Division, mentions: Sequence[Mention]) -> bool:
    """Whether the text names a place above `division` too, and no more
    often (虹口区乃至上海市): no chance reading names both. A district's report
    names its town once and itself often (东湖区 … 扬子洲镇): that is not it."""
    named = Counter(mention.division for mention in mentions)
    above = [ancestor for ancestor in division.chain()[:-1] if named[ancestor]]
    return bool(above) and all(named[ancestor] <= named[division] for ancestor in above)


def _party_and_government(text: str, end: int) -> bool:
    """Whether the place's name that ends at `end` is followed by its Party
    committee and government (包头市委、市政府, 某县委和县政府)."""
    return end > 0 and re.match(rf"委[、和及]{re.escape(text[end - 1])}(?:人民)?政府", text[end:]) is not None
