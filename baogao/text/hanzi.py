"""Traditional characters read as simplified, for matching only.

Pages mirrored from Hong Kong, Taiwan or old portals print 檢察院工作報告 and
黑龍江; the gazetteer and the kind rules are written in simplified
characters. `simplified` maps a text character by character, from the
conversion table and character dictionary the jionlp package ships, so
that metadata reads both; the page still shows what the source printed.
"""

from __future__ import annotations

import functools
import re
import zipfile

from .places import data_folder

# Ideographs only: the dictionary's traditional column also holds the 、
# between alternative forms (鹵、滷 for 卤).
_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ffff]")


@functools.cache
def _table() -> dict[int, str]:
    """Traditional to simplified, character by character: jionlp's
    conversion table (屆 届, 為 为, 錄 录), then the traditional forms its
    character dictionary lists that the table lacks. Character by character,
    a few simplified characters are taken for traditional ones (覆盖 reads
    复盖): harmless for matching names and kinds of report."""
    with zipfile.ZipFile(data_folder() / "chinese_char_dictionary.zip") as archive:
        (name,) = [name for name in archive.namelist() if name.endswith(".txt")]
        rows = [line.split("\t") for line in archive.read(name).decode("utf-8").splitlines()]
    rows = [fields for fields in rows if len(fields) >= 6 and len(fields[0]) == 1]
    table: dict[int, str] = {}
    conversion = (data_folder() / "tra2sim_char.txt").read_text(encoding="utf-8")
    for line in conversion.splitlines():
        pair = line.split("\t")
        if len(pair) == 2 and len(pair[0]) == len(pair[1]) == 1:
            table[ord(pair[0])] = pair[1]
    for fields in rows:
        simple, traditional = fields[0], fields[5]
        for char in _IDEOGRAPH.findall(traditional):
            if char != simple:
                table.setdefault(ord(char), simple)
    return table


def simplified(text: str) -> str:
    """`text` with each traditional character replaced by its simplified form."""
    return text.translate(_table())
