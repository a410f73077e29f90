"""Places: China's administrative divisions, from a maintained gazetteer.

The divisions (province, prefecture, county and township, with codes and the
renames of recent years: 襄樊 → 襄阳) come from the data file the jionlp
package ships (``dictionary/china_location.zip``); jionlp itself is never
imported (its import unpacks every dictionary it has). The table is read
once per process, like a compiled-in table, and only when a report is
processed.

`find_places` finds the divisions a piece of text names. It takes full names
(张掖市, 海拉尔区, 城关镇) and short names only where an institution follows
(巫山法院, 张掖市委 is full already); a name that several divisions share is
taken only where the text also names one of its ancestors, and a township
only with its county or city: 城关镇 alone is 99 places.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

# The level of a division by its depth in the gazetteer.
PROVINCE, CITY, COUNTY, TOWNSHIP = "province", "city", "county", "township"
_DEPTHS = (PROVINCE, CITY, COUNTY, TOWNSHIP)
# What follows a short name when it names a place's institution: 巫山法院.
INSTITUTION_AFTER_SHORT_NAME = (
    ("法院", "检察院", "人大", "政府", "县委", "市委", "区委", "教育局", "审计局", "统计局", "中学", "小学")
    # a school numbered after its county or city (靖边五中, 张掖二中)
    + tuple(f"{number}中" for number in "一二三四五六七八九")
)
# The longest name looked up (内蒙古自治区 is 6; some autonomous prefectures 11).
MAX_NAME_CHARS = 12


@dataclass(frozen=True)
class Division:
    name: str
    level: str
    """``province``, ``city``, ``county`` or ``township``."""
    code: str
    """GB/T 2260 code down to county level; empty for a township."""
    parent: Division | None

    def chain(self) -> tuple[Division, ...]:
        """From the province down to this division."""
        found: list[Division] = []
        division: Division | None = self
        while division is not None:
            found.append(division)
            division = division.parent
        return tuple(reversed(found))

    @property
    def path(self) -> str:
        """``甘肃省/张掖市``."""
        return "/".join(division.name for division in self.chain())


@dataclass(frozen=True)
class Gazetteer:
    full: dict[str, tuple[Division, ...]]
    """Full names (and former full names) to the divisions so called."""
    short: dict[str, tuple[Division, ...]]
    """Short names (张掖, 巫山) to the divisions so called."""


def data_folder() -> Path:
    """The folder of jionlp's dictionaries."""
    spec = importlib.util.find_spec("jionlp")  # found without running its __init__
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the gazetteer needs the jionlp package (pip install jionlp)")
    return Path(next(iter(spec.submodule_search_locations))) / "dictionary"


@functools.cache
def gazetteer() -> Gazetteer:
    """The gazetteer, read once per process."""
    folder = data_folder()
    with zipfile.ZipFile(folder / "china_location.zip") as archive:
        text = archive.read("china_location.txt").decode("utf-8")
    return parse_gazetteer(text, (folder / "china_location_change.txt").read_text(encoding="utf-8"))


# A line of the table indented less deep than a village.
_SHALLOW_LINE = re.compile(rf"^\t{{0,{len(_DEPTHS) - 1}}}[^\t\r\n][^\r\n]*", re.M)


def parse_gazetteer(table: str, changes: str) -> Gazetteer:
    """The gazetteer from jionlp's table (one division a line, its depth in
    tabs: name, code, short names separated by /) and its list of renames."""
    full: defaultdict[str, list[Division]] = defaultdict(list)
    short: defaultdict[str, list[Division]] = defaultdict(list)
    stack: list[Division | None] = [None] * len(_DEPTHS)
    # Villages, nine lines in ten, are never looked up: the lines of the
    # shallower divisions are found by one expression (0.1 s less than
    # going through every line, on every run that processes a report).
    for line in _SHALLOW_LINE.findall(table):
        depth = len(line) - len(line.lstrip("\t"))
        parts = line.strip().split("\t")
        if not parts[0] or depth >= len(_DEPTHS):
            continue
        parent = stack[depth - 1] if depth else None
        # A municipality repeats itself as its own city; counties a province
        # governs directly sit under a placeholder city: both hang under the province.
        if depth == 1 and parent is not None and parts[0] in (parent.name, "省直辖行政区划"):
            stack[1] = parent
            continue
        division = Division(parts[0], _DEPTHS[depth], parts[1] if len(parts) > 1 else "", parent)
        stack[depth] = division
        full[parts[0]].append(division)
        for name in parts[2].split("/") if len(parts) > 2 else ():
            if name and name != parts[0]:
                short[name].append(division)
    _add_renames(full, short, changes)
    return Gazetteer({k: tuple(v) for k, v in full.items()}, {k: tuple(v) for k, v in short.items()})


def _add_renames(full: defaultdict[str, list[Division]], short: defaultdict[str, list[Division]], changes: str) -> None:
    """Former names lead to the division as it is now (襄樊市 → 襄阳市)."""
    for line in changes.splitlines():
        if "=>" not in line:
            continue
        old, new = (side.strip().split("\t") for side in line.split("=>", 1))
        if len(old) not in (6, 8):
            continue
        now = [d for d in full.get(new[-1], []) if d.chain()[0].name == new[0]]
        if now:
            names = (old[-2], old[-1])
        else:  # the table predates the change: the new name leads to the old entry
            now = [d for d in full.get(old[-2], []) if d.chain()[0].name == old[2]]
            names = (new[-1], "")
        for division in now:
            if names[0] and division not in full[names[0]]:
                full[names[0]].append(division)
            if names[1] and division not in short[names[1]]:
                short[names[1]].append(division)


@dataclass(frozen=True)
class Mention:
    """A division a text names, and where."""

    division: Division
    start: int
    end: int
    """Just after the name, as printed (full or short)."""


def find_places(text: str, places: Gazetteer | None = None, known: frozenset[Division] = frozenset()) -> list[Mention]:
    """The divisions `text` names, in order; see the module's docstring.
    `known` divisions (those the page around a report names) tell which of
    several places of one name `text` means, but are not mentions."""
    places = places or gazetteer()
    named = set(known)
    found: list[tuple[int, int, tuple[Division, ...]]] = []
    glued: set[int] = set()
    position = 0
    while position < len(text):
        match = _longest_name(text, position, places)
        if match is None:
            position += 1
            continue
        end, divisions = match
        if _ends_another_name(text, position, places):
            position += 1
            continue
        if end - position == 2 and _after_word(text, position):
            glued.add(len(found))
        found.append((position, end, divisions))
        position = end
    named |= {
        division for number, (_, _, divisions) in enumerate(found) if number not in glued for division in divisions
    }
    mentions = []
    for number, (start, end, divisions) in enumerate(found):
        division = _choose(divisions, named)
        # A two-character name run on from the word before it (完成县政府,
        # 建成县级…) is taken only where the text names its province or city.
        if division is not None and number in glued and not any(a in named for a in division.chain()[:-1]):
            continue
        if division is not None:
            mentions.append(Mention(division, start, end))
    return mentions


TAIWAN = "台湾省"
# A township's name this long, found once in the gazetteer, names it alone.
UNIQUE_TOWNSHIP_CHARS = 4
# ... and a town's, township's or subdistrict's (镇, 乡, 街道), not a park's
# or a farm's, whose names are words (现代农业园区).
UNIQUE_TOWNSHIP_ENDS = ("镇", "乡", "鄉", "鎮", "街道")


def _longest_name(text: str, start: int, places: Gazetteer) -> tuple[int, tuple[Division, ...]] | None:
    for end in range(min(len(text), start + MAX_NAME_CHARS), start + 1, -1):
        name = text[start:end]
        if name in places.full and (len(name) > 2 or _stands_alone(text, start, end)):
            return end, places.full[name]
        if name in places.short and text.startswith(INSTITUTION_AFTER_SHORT_NAME, end):
            return end, places.short[name]
    return None


def _ends_another_name(text: str, start: int, places: Gazetteer) -> bool:
    """Whether the name at `start` begins with the last character of another
    name that stands just before it (大南昌都市圈 is not 昌都市), where that
    one is not itself the end of a name before (河南郑州市 is 郑州市, though
    南郑 is a name too)."""
    overlap = text[start - 1 : start + 1] if start else ""
    before = text[start - 2 : start] if start >= 2 else ""
    return overlap in places.short and before not in places.short and before not in places.full


def _after_word(text: str, start: int) -> bool:
    """Whether a Chinese character stands just before `start`."""
    return start > 0 and "\u4e00" <= text[start - 1] <= "\u9fff"


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Whether a two-character name (兴县, 赵县) is a name here, not the end
    of a word and the start of the next (振兴县域): nothing Chinese before
    it, or an institution after it."""
    before = text[start - 1] if start else ""
    return not ("\u4e00" <= before <= "\u9fff") or text.startswith(INSTITUTION_AFTER_SHORT_NAME, end)


def _choose(divisions: tuple[Division, ...], named: set[Division]) -> Division | None:
    """The one division meant: the only one, or the only one whose ancestor
    the text also names; a township needs its county or city named, unless
    no other division in the country has its name (菁芜洲镇, not 城关镇)."""
    only = (
        len(divisions) == 1
        and len(divisions[0].name) >= UNIQUE_TOWNSHIP_CHARS
        and divisions[0].name.endswith(UNIQUE_TOWNSHIP_ENDS)
    )
    candidates = [
        division
        for division in divisions
        if division.level != TOWNSHIP or only or any(ancestor in named for ancestor in division.chain()[1:-1])
    ]
    if len(candidates) > 1:
        placed = [d for d in candidates if any(ancestor in named for ancestor in d.chain()[:-1])]
        # The data list Taiwan's districts too, several of which share a
        # mainland district's name (金山区, 上海市 and 新北市): the reports
        # baogao reads are the mainland's, unless the text names Taiwan's place.
        mainland = [d for d in candidates if d.chain()[0].name != TAIWAN]
        candidates = placed or (mainland if len(mainland) == 1 else [])
    return candidates[0] if len(candidates) == 1 else None
