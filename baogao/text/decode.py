"""Stage 1, read: bytes to text.

Pure: the bytes are read by `build.sources`, the one place that opens source
files. Decoding tries the encodings these reports actually come in (UTF-8,
GB18030, UTF-16 with a BOM) strictly before asking charset-normalizer,
because a detector guessing on short Chinese text is easily wrong while a
strict decode that succeeds is not.
"""

from __future__ import annotations

import codecs
import re

from ..errors import InputError
from ..model import SourceText
from .html import HTML_SUFFIXES, page_text

# Control characters other than tab/newline/CR never occur in report text;
# a few of them in a decoded file mean it was not text at all.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Spaces used for indentation by web pages and Chinese typesetting.
_INDENT = " \t\u00a0\u3000\u2002\u2003\u200b\ufeff"
_LINE_END = re.compile(r"\r\n?")
# Scrapers that cannot print a character write its code point instead:
# ``<U+00A0>``. It stands for that character, so it is decoded back.
_CODEPOINT = re.compile(r"<U\+([0-9A-Fa-f]{4,6})>")


def decode_source(data: bytes, name: str, digest: str) -> SourceText:
    """A source's bytes (and the hash of them) as a normalised `SourceText`."""
    text, encoding = decode_bytes(data, name)
    if name.lower().endswith(HTML_SUFFIXES):
        text = page_text(text, name)
    return SourceText(path=name, text=normalize_text(text), encoding=encoding, sha256=digest)


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Decode report bytes; return the text and the encoding's name."""
    if not data.strip():
        raise InputError(name, "file is empty")
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _checked(_strict(data, encoding, name), encoding, name)
    for encoding in [name for name in (_utf16_without_bom(data), "utf-8", "gb18030") if name]:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return _checked(text, encoding, name)
    # Imported here: it is slow to import and rarely needed.
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise InputError(name, "not text in any supported encoding (UTF-8, GB18030, UTF-16)")
    return _checked(str(best), best.encoding, name)


def _utf16_without_bom(data: bytes) -> str | None:
    """Guess BOM-less UTF-16 from where the zero bytes fall.

    ASCII in UTF-16 puts a zero in every other byte; CJK text does not, but its
    line ends and punctuation still do, while GB18030 and UTF-8 never hold zeros.
    """
    if len(data) < 4 or len(data) % 2 or b"\x00" not in data:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    if odd > 2 * even and odd * 200 >= len(data) // 2:
        return "utf-16-le"
    if even > 2 * odd and even * 200 >= len(data) // 2:
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(name, f"invalid {encoding} at byte {error.start}") from None


def _checked(text: str, encoding: str, name: str) -> tuple[str, str]:
    controls = len(_CONTROL.findall(text))
    # A stray control character can survive a copy-paste; binary data has many.
    if controls > max(2, len(text) // 1000):
        raise InputError(name, f"looks like binary data, not text ({controls} control characters)")
    if not "".join(text.split()).strip(_INDENT):
        raise InputError(name, "file holds only whitespace")
    return text, encoding


def _codepoint(match: re.Match[str]) -> str:
    value = int(match.group(1), 16)
    # Only characters that may stand in text; anything else stays as printed.
    # A line end written as a code point stays as printed: decoding it would
    # split a line after line ends were counted.
    line_breaks = (0x0A, 0x0D, 0x85, 0x2028, 0x2029)
    if value > 0x10FFFF or 0xD800 <= value <= 0xDFFF or value in line_breaks or _CONTROL.match(chr(value)):
        return match.group(0)
    return chr(value)


def normalize_text(text: str) -> str:
    """Unify line ends, decode ``<U+XXXX>``, strip indentation; keep the rest.

    No NFKC: full-width punctuation and digits are part of the text.
    Non-breaking spaces inside a line become plain spaces, because they only
    ever come from HTML and would otherwise defeat whitespace comparison.
    """
    text = _CODEPOINT.sub(_codepoint, _LINE_END.sub("\n", text))
    lines = text.split("\n")
    return "\n".join(line.strip(_INDENT).replace("\u00a0", " ") for line in lines)
