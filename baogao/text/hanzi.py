"""Traditional characters read as simplified, for matching only.

Pages mirrored from Hong Kong, Taiwan or old portals print 檢察院工作報告 and
黑龍江; the gazetteer and the kind rules are written in simplified
characters. `simplified` maps a text character by character, from the
character dictionary the jionlp package ships (its simplified form and
traditional form columns), so that metadata reads both; the page still shows
what the source printed.
"""

from __future__ import annotations

import functools
import zipfile

from .places import data_folder


@functools.cache
def _table() -> dict[int, str]:
    with zipfile.ZipFile(data_folder() / "chinese_char_dictionary.zip") as archive:
        (name,) = [name for name in archive.namelist() if name.endswith(".txt")]
        text = archive.read(name).decode("utf-8")
    table: dict[int, str] = {}
    for line in text.splitlines():
        fields = line.split("\t")
        if len(fields) < 6:
            continue
        simple, traditional = fields[0], fields[5]
        if len(simple) == 1 and traditional != simple:
            for char in traditional:
                if char != simple:
                    table.setdefault(ord(char), simple)
    return table


def simplified(text: str) -> str:
    """`text` with each traditional character replaced by its simplified form."""
    return text.translate(_table())
