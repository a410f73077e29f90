"""The catalogue: every report as the home page lists it, copies grouped.

Pure functions of the reports' listings. Two sources are copies of one
report when many of their first sentences are the same (`Listing.fingerprint`)
and their kind and year do not disagree; a group is listed once, under its
fullest copy, with the others beside it. The facets (kind, level, region,
year) count the entries the home page's filters narrow.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..model import Listing, Metadata
from . import labels

# Of the smaller fingerprint, the share two reports must have in common to
# be copies of one report; and the least number of sentences to judge by.
COPY_OVERLAP = 0.5
MIN_COPY_SENTENCES = 8


@dataclass(frozen=True)
class Entry:
    """A report as the home page lists it: its fullest copy, and the others."""

    listing: Listing
    copies: tuple[Listing, ...]
    """The other copies of the same report, fullest first."""

    @property
    def incomplete(self) -> str:
        """Why the fullest copy is not whole, in Chinese, or ""."""
        return labels.COMPLETENESS.get(self.listing.completeness_id, "")


def _agree(a: str, b: str) -> bool:
    return not a or not b or a == b


def are_copies(first: Listing, second: Listing) -> bool:
    """Whether two reports are copies of one: enough shared first sentences,
    and no disagreement in kind or year."""
    shared = len(set(first.fingerprint) & set(second.fingerprint))
    return _copies_sharing(first, second, shared)


def _copies_sharing(first: Listing, second: Listing, shared: int) -> bool:
    """`are_copies`, given how many fingerprint sentences the two share."""
    smaller = min(len(set(first.fingerprint)), len(set(second.fingerprint)))
    if smaller < MIN_COPY_SENTENCES or shared < COPY_OVERLAP * smaller:
        return False
    meta_a, meta_b = first.metadata, second.metadata
    return _agree(meta_a.kind, meta_b.kind) and _agree(meta_a.year, meta_b.year)


def copy_groups(listings: list[Listing]) -> list[list[Listing]]:
    """The reports in groups of copies (most in a group of one), in the order
    of their first member; each group fullest first: whole before
    incomplete, then more text.

    Each report is compared with the first member of every group it shares
    a sentence with, counting the shared sentences in one pass over its own,
    so a thousand copies of one text cost a thousand comparisons, not half a
    million, and reports that share a stock sentence or two cost little.
    """
    by_sentence: defaultdict[int, list[int]] = defaultdict(list)  # sentence -> groups (first members)
    members: dict[int, list[Listing]] = {}
    for index, listing in enumerate(listings):
        sentences = set(listing.fingerprint)
        shared = Counter(group for sentence in sentences for group in by_sentence.get(sentence, ()))
        candidates = sorted(shared)
        group = next((g for g in candidates if _copies_sharing(listings[g], listing, shared[g])), index)
        members.setdefault(group, []).append(listing)
        if group == index:
            for sentence in sentences:
                by_sentence[sentence].append(index)
    return [sorted(group, key=_fullness) for group in members.values()]


def _fullness(listing: Listing) -> tuple[bool, int, str]:
    return (bool(listing.completeness_id), -listing.chars, listing.slug)


def catalogue(listings: list[Listing]) -> list[Entry]:
    """One entry per report, copies grouped under the fullest.

    A build asks for the catalogue of the same listings for every site page
    that lists reports; the last answer is kept and given again while the
    listings are the very same objects (they are frozen)."""
    if len(_last[0]) == len(listings) and all(a is b for a, b in zip(_last[0], listings, strict=True)):
        return list(_last[1])
    entries = [Entry(group[0], tuple(group[1:])) for group in copy_groups(listings)]
    _last[:] = [tuple(listings), tuple(entries)]
    return entries


_last: list[Any] = [(), ()]  # the listings of the last catalogue, and its entries


def forget_catalogue() -> None:
    """Let go of the last catalogue and its listings (`catalogue` keeps them
    for the next call): the site build holds no listing while it renders."""
    _last[:] = [(), ()]


@dataclass(frozen=True)
class Facet:
    field: str
    """The entry attribute it filters on: ``kind``, ``level``, ``region``, ``year``."""
    label: str
    values: tuple[tuple[str, str, int], ...]
    """(value, as shown, how many entries) in the order the filter lists them."""


def facets(entries: list[Entry]) -> list[Facet]:
    """What the home page's filters offer, with how many entries each keeps:
    kinds by count, levels from the country down, regions by name, years
    newest first; an unknown value last."""
    levels = [level for level in labels.REGION_LEVELS if level]

    def facet(
        field: str, label: str, value: Callable[[Metadata], str], shown: Callable[[str], str], order: Any
    ) -> Facet:
        counts = Counter(value(entry.listing.metadata) for entry in entries)
        ranked = sorted(counts.items(), key=lambda item: (not item[0], order(item)))
        return Facet(field, label, tuple((key, shown(key) or "未知", count) for key, count in ranked))

    return [
        facet("kind", "类别", lambda m: m.kind, labels.kind_label, lambda item: (-item[1], item[0])),
        facet("level", "级别", lambda m: m.region_level, lambda k: labels.REGION_LEVELS.get(k, k), _rank_in(levels)),
        facet("region", "地区", lambda m: m.region, labels.region_label, lambda item: item[0]),
        facet("year", "年份", lambda m: m.year, str, lambda item: -int(item[0]) if item[0].isdigit() else 0),
    ]


def _rank_in(order: list[str]) -> Callable[[tuple[str, int]], int]:
    return lambda item: order.index(item[0]) if item[0] in order else len(order)
