"""The one reader of numbers as people and reports write them (数字识别), read as Decimal, never float.

"1328.4" · "1,328.4" · "１３２８．４" (full-width) · "三十八" · "一千一百" · "两" · "1.2万" · "1.35万亿" ·
"1/4" · "四分之一" · "百分之六" · "两成" (= 20%).

Used by the target-wording parser (luoshi.core.target_wording), every form, API and Excel import (through
luoshi.core.numbers.parse_decimal, which then checks the field's own limits: digits, places, sign) and
the report reader (luoshi.ingestion.reader).
cn2an reads the Chinese numerals; it is slow, so its answers are cached (reports repeat few numerals).
"""
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import cn2an

CN_DIGITS = "零〇一二两三四五六七八九"
CN_NUMERAL_CHARS = CN_DIGITS + "十百千万亿点"
# Full-width digits and the punctuation around numbers, mapped one-to-one so that offsets stay valid.
FULL_WIDTH = str.maketrans("０１２３４５６７８９％．，；：（）！？～－＋", "0123456789%.,;:()!?~-+")
_ARABIC = re.compile(r"[+-]?\d+(?:\.\d+)?")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")  # 1,328.4: thousands separators
_MAGNITUDE = {"万亿": Decimal(10) ** 12, "万": Decimal(10_000), "亿": Decimal(100_000_000)}
_FRACTION = re.compile(r"(?P<a>\d+)/(?P<b>\d+)"
                       r"|(?P<cb>[" + CN_NUMERAL_CHARS + r"]+)分之(?P<ca>[" + CN_NUMERAL_CHARS + r"]+)")


class NumeralError(ValueError):
    """Not a number this module can read."""


@lru_cache(maxsize=4096)
def _chinese(text: str) -> Decimal:
    if not any(c in CN_DIGITS or c == "十" for c in text):
        raise NumeralError(text)  # 万/千/百 alone are words (万人助万企, 千家万户), not numbers
    try:
        return Decimal(str(cn2an.cn2an(text, "smart")))
    except (ValueError, InvalidOperation, KeyError, IndexError) as exc:
        raise NumeralError(text) from exc


def parse_number(text: str) -> Decimal:
    """An Arabic or Chinese number, with an optional trailing 万/亿/万亿: "56.5万" -> 565000."""
    text = text.strip().translate(FULL_WIDTH)
    if _ARABIC.fullmatch(text):
        return Decimal(text)
    if _GROUPED.fullmatch(text):
        return Decimal(text.replace(",", ""))
    for word, factor in _MAGNITUDE.items():
        if text.endswith(word) and _ARABIC.fullmatch(text[: -len(word)]):
            return Decimal(text[: -len(word)]) * factor
    if text.startswith("百分之"):
        return parse_percent_words(text)
    return _chinese(text)


def read_number(value) -> Decimal:
    """A number typed by a person or read from a file cell: int, Decimal, a float through its repr, or
    text in any of the forms above. Raises NumeralError when it is none of them."""
    if isinstance(value, bool) or value is None:
        raise NumeralError(str(value))
    if isinstance(value, float):
        value = repr(value)
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    text = str(value).strip().translate(FULL_WIDTH).replace(",", "").replace(" ", "")
    try:
        return Decimal(text)  # also "1e3", "NaN", "Infinity": finiteness is core.numbers' check
    except InvalidOperation:
        pass
    return parse_number(text)


def parse_fraction(text: str) -> Decimal:
    """A fraction as a percentage: "1/4" and "四分之一" -> 25 (two decimals at most)."""
    m = _FRACTION.fullmatch(text.strip())
    if not m:
        raise NumeralError(text)
    if m["a"]:
        num, den = Decimal(m["a"]), Decimal(m["b"])
    else:
        num, den = parse_number(m["ca"]), parse_number(m["cb"])
    if den == 0:
        raise NumeralError(text)
    return _tidy(num * 100 / den)


def parse_tenths(text: str) -> Decimal:
    """"两成" (two tenths) as a percentage: 20."""
    if not text.endswith("成"):
        raise NumeralError(text)
    return parse_number(text[:-1]) * 10


def parse_percent_words(text: str) -> Decimal:
    """"百分之六" / "百分之6.5" -> 6 / 6.5."""
    if not text.startswith("百分之") or len(text) == 3:
        raise NumeralError(text)
    return parse_number(text[3:])


def _tidy(value: Decimal) -> Decimal:
    """Round a computed percentage to two places and drop trailing zeros (25.00 -> 25)."""
    value = value.quantize(Decimal("0.01"))
    return value.to_integral() if value == value.to_integral() else value.normalize()
