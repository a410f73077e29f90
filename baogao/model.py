"""The document model passed between pipeline stages.

Every value is a frozen dataclass: a stage never mutates what it was given, it
returns a new value. Line numbers are 1-based and refer to the source file as
decoded (after line-end normalisation), so every kept or removed piece of text
can be traced back to where it stood.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Span:
    """An inclusive range of source lines."""

    start: int
    """First source line (1-based)."""
    end: int
    """Last source line (1-based, inclusive)."""


@dataclass(frozen=True)
class SourceText:
    """A decoded input file: the result of `read`."""

    path: str
    """The path as given by the user (POSIX separators)."""
    text: str
    """Decoded text with normalised line ends and indentation."""
    encoding: str
    """Name of the encoding the bytes were decoded with."""
    sha256: str
    """Hex digest of the raw bytes, to tell when a source changed."""


@dataclass(frozen=True)
class Line:
    """One non-blank line of report text and where it came from."""

    number: int
    """Source line number (1-based)."""
    text: str
    """The line's text, stripped of surrounding whitespace."""
    column: int = 0
    """Where the text starts in its source line; not 0 when a flattened line
    was split at its headings."""


@dataclass(frozen=True)
class Removal:
    """A piece of the source that cleaning took out, and why."""

    kind: str
    """What was removed: ``chrome``, ``duplicate`` or ``title``."""
    rule_id: str
    """Which rule removed it: ``chrome.breadcrumb``, ``title.repeat``,
    ``duplicate.copy`` … (`render.labels` says it in Chinese)."""
    text: str
    """The removed text, lines joined by newlines."""
    span: Span
    """Where it stood in the source."""
    copy_of: Span | None = None
    """For a duplicate: the lines of the copy that was kept."""


@dataclass(frozen=True)
class Mark:
    """A place where the source hid text: kept in the text and recorded."""

    kind: str
    """``redaction`` (略), ``mask`` (``*``), ``placeholder`` (xx, ××, __),
    ``cutoff`` (a notice that text was cut off) or ``lost`` (``?`` for a
    character the encoder lost)."""
    text: str
    """The mark exactly as printed."""
    count: int
    """How many characters a mask or placeholder covers (``***`` is 3); 1
    for other kinds."""
    line: int
    """Source line number."""
    column: int
    """0-based character offset within the line."""


@dataclass(frozen=True)
class CleanText:
    """The result of `clean`: report lines without chrome or repeats."""

    title: str
    """The report title (the title line, once)."""
    title_line: int
    """Source line of the title, 0 when the file has none."""
    lines: tuple[Line, ...]
    """The kept lines, in source order of the copy kept."""
    removed: tuple[Removal, ...]
    """Everything that was taken out."""
    marks: tuple[Mark, ...]
    """Every mark in the kept lines."""
    title_origin: str = "printed"
    """Where the title comes from: ``printed`` (the page prints it), or
    ``derived`` (the page prints none; read from the opening formula or a
    bulletin's shape, `text.untitled`)."""


@dataclass(frozen=True)
class Section:
    """A numbered section of the report's outline."""

    number: str
    """The number as printed, without punctuation: ``二``, ``3``."""
    marker: str
    """The whole numbering as printed: ``二、``, ``（一）``, ``3.``."""
    title: str
    """The heading text as printed, without the sentence end."""
    title_end: str
    """The punctuation that ended a run-in title (``。``), else empty."""
    level: int
    """1 for 一、, 2 for （一）, 3 for 1., 4 for （1）, 5 for ①."""
    ordinal: int
    """The number's value (``二`` is 2), used to find gaps."""
    body: tuple[Line, ...]
    """The section's own text, without its children."""
    span: Span
    """Source lines from the heading to the end of the last child."""
    children: tuple[Section, ...] = ()
    """Subsections, in order."""


@dataclass(frozen=True)
class Gap:
    """A number missing from a run of sibling sections."""

    parent: str
    """Path of the parent section's numbers (``二/二``), empty at top."""
    level: int
    """Level of the missing section."""
    missing: str
    """The missing number, printed like its siblings (``3``, ``二``)."""
    after: str
    """Number of the sibling before the gap, empty when it is the first."""
    before: str
    """Number of the sibling after the gap."""
    line: int
    """Source line of the section that follows the gap."""


@dataclass(frozen=True)
class Outline:
    """The result of `outline`: preface, section tree and gaps."""

    preface: tuple[Line, ...]
    sections: tuple[Section, ...]
    gaps: tuple[Gap, ...]


@dataclass(frozen=True)
class Figure:
    """A number with a unit, and what it counts."""

    text: str
    """As printed: ``27.56亿元``."""
    value: float | None
    """In the base unit (27.56亿元 is 2756000000); None when masked."""
    unit: str
    """As printed: ``亿元``."""
    base_unit: str
    """``元`` for 亿元 and 万元; the ratio ``比`` for 1∶185."""
    what: str
    """The phrase it counts: ``在园幼儿``."""
    group: str
    """What the clause run is about when that is not `what`: ``小学``."""
    year: str
    """The year the sentence states, or empty."""
    section: str
    """Markers of the section it stands in: ``二 › （一） › 1.``; empty in the preface."""
    sentence: str
    line: int
    approximate: bool = False
    """Printed with 多 or 余 (70多亿元)."""
    masked: bool = False
    """The source hid the value (``*人``, ``xx所``)."""
    measure: str = "level"
    """``level`` (达到27.56亿元), ``change`` (增长8%, 增加134亿元) or ``share``
    (占全国的60%)."""
    value_high: float | None = None
    """The upper end of a range (6.5%－7%: `value` 6.5, `value_high` 7)."""


@dataclass(frozen=True)
class Skipped:
    """A number that is not a figure, and why."""

    text: str
    reason: str
    """Why it is not a figure: a key of `render.labels.SKIP_REASONS`
    (``year``, ``date``, ``ordinal`` …)."""
    line: int


@dataclass(frozen=True)
class Summary:
    """What cleaning found and did, in numbers (report.json ``summary``)."""

    chrome_lines: int
    title_repeats: int
    duplicate_blocks: int
    duplicate_chars: int
    redactions: int
    masks: int
    masked_chars: int
    placeholders: int
    cutoffs: int
    lost_chars: int
    sections: int
    sections_by_level: dict[str, int]
    """Level (as a string, for JSON) -> number of sections."""
    gaps: int
    figures: int
    masked_figures: int


@dataclass(frozen=True)
class Quality:
    """How sure the outline is (report.json ``quality``)."""

    levels: tuple[int, ...]
    headings: int
    gaps: int
    headings_per_10k_chars: float
    chars: int
    verdict_id: str
    """``no-headings``, ``incomplete``, ``gaps`` or ``complete`` (`render.labels.VERDICTS`)."""
    completeness_id: str = ""
    """Why the text seems to stop before the report ends: ``first-page`` (the
    page shows one page of several), ``mid-sentence``; empty when it does not."""


@dataclass(frozen=True)
class Metadata:
    """What a report is, whose, where and when: read from its title, its
    first lines and its file name; a reader's corrections override it.
    Every field is empty where the report does not say."""

    kind: str = ""
    """``government-work``, ``self-evaluation`` …: an id of `text.metadata.KIND_RULES`."""
    issuer: str = ""
    """The body that issued or delivered it: ``张掖市人民政府``."""
    region: str = ""
    """The region it is about, from the province down: ``甘肃省/张掖市``;
    ``全国`` for the country."""
    region_level: str = ""
    """``national``, ``province``, ``city``, ``county`` or ``township``."""
    region_code: str = ""
    """The region's administrative code (GB/T 2260), where it has one."""
    year: str = ""
    """The year the report covers (a 政府工作报告 of March 2023 covers 2022)."""
    date: str = ""
    """When it was delivered or published: ``2023-03-05``, ``2023-03`` or ``2023``."""
    meeting: str = ""
    """``第十四届全国人民代表大会第一次会议``."""
    speaker: str = ""
    """Role and name: ``国务院总理 李强``."""
    source_url: str = ""
    """The address of the page it was scraped from, where the page shows one."""


# Fields of `Metadata` a reader may correct: all but the code, which follows the region.
CORRECTABLE = tuple(field.name for field in fields(Metadata) if field.name != "region_code")


@dataclass(frozen=True)
class Report:
    """Everything known about one report, ready to be written: what
    `text.process` returns, computed once."""

    slug: str
    """Folder name under ``content/``."""
    title: str
    source: SourceText
    outline: Outline
    removed: tuple[Removal, ...]
    marks: tuple[Mark, ...]
    figures: tuple[Figure, ...]
    skipped: tuple[Skipped, ...]
    """Numbers that are not figures, with the reason."""
    summary: Summary
    quality: Quality
    metadata: Metadata = Metadata()
    edited_pages: tuple[str, ...] = ()
    """Pages in ``content/`` the reader edited, whose text the report's data
    (figures, report.json, the database) were computed from."""
    title_origin: str = "printed"
    """``printed``, ``derived`` (`CleanText.title_origin`) or ``file-name``
    (the page gives no title at all: the source file's name stands in)."""


@dataclass(frozen=True, slots=True)
class Indicator:
    """A figure a reader may compare across reports: the first one a report
    states for a name and base unit."""

    name: str
    """What it counts, with its group: ``小学·在校生``."""
    unit: str
    """The base unit: ``人``."""
    text: str
    """As printed: ``72298人``."""
    year: str
    value: float | None = None
    """In the base unit."""
    measure: str = "level"
    """`Figure.measure`: ``level``, ``change`` or ``share``."""
    series: str = ""
    """What lines it up across reports: an id of `text.indicators.INDICATOR_RULES`
    (``gdp``) or the name; empty in listings of older versions."""

    @property
    def key(self) -> str:
        """``series|unit|measure``: how indicators are matched and sorted across reports."""
        return f"{self.series or self.name}|{self.unit}|{self.measure}"


@dataclass(frozen=True, slots=True)
class PageRef:
    """A page of a report after its overview."""

    file: str
    """Relative to the report's folder: ``01.md``."""
    title: str


@dataclass(frozen=True)
class Listing:
    """What site-wide pages (home, navigation, comparison) need of a report;
    kept in the manifest so that a re-run need not read the report again."""

    slug: str
    title: str
    pages: tuple[PageRef, ...]
    summary: Summary
    indicators: tuple[Indicator, ...]
    metadata: Metadata = Metadata()
    completeness_id: str = ""
    """`Quality.completeness_id` of the report."""
    chars: int = 0
    """How much text the report holds (`Quality.chars`)."""
    fingerprint: tuple[int, ...] = ()
    """Hashes of the report's first sentences: two reports that share many
    are copies of one report (`text.report.text_fingerprint`)."""
