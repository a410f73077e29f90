"""Numbers written in Chinese numerals: 一百零八亿, 三十六点九, 二〇二三.

Reports print most figures in digits, but older ones and speeches also write
百分之三十六点九 or 一百零八亿元; `chinese_number` reads them exactly (as a
Decimal), so that they are figures like any other.
"""

from __future__ import annotations

from decimal import Decimal

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_TENS = {"十": 10, "百": 100, "千": 1000}
_MYRIADS = {"万": 10**4, "亿": 10**8}
# Every character a Chinese numeral may hold, and its decimal point.
NUMERAL_CHARS = "".join(DIGITS) + "".join(_TENS) + "".join(_MYRIADS)
POINT = "点"


def chinese_number(text: str) -> Decimal:
    """The value of a Chinese numeral: 一百零八亿 is 10800000000, 三十六点九 is
    36.9, and a run of digits (二〇二三) is read digit by digit."""
    whole, _, fraction = text.partition(POINT)
    value = _integer(whole)
    if fraction:
        value += Decimal("0." + "".join(str(DIGITS[char]) for char in fraction))
    return value


def _integer(text: str) -> Decimal:
    if text and all(char in DIGITS for char in text):
        return Decimal("".join(str(DIGITS[char]) for char in text))
    total, section, digit = Decimal(0), Decimal(0), 0
    for char in text:
        if char in DIGITS:
            digit = DIGITS[char]
        elif char in _TENS:
            section += (digit or 1) * _TENS[char]  # 十五 is 15: an unwritten 一
            digit = 0
        else:
            group = section + digit
            if _MYRIADS[char] > 10**4 and total:
                total = (total + group) * _MYRIADS[char]  # 一万亿: the 万 group times 亿
            else:
                total += (group or 1) * _MYRIADS[char]
            section, digit = Decimal(0), 0
    return total + section + digit
