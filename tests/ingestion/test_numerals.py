"""Numbers as reports write them: Arabic, Chinese (cn2an), magnitudes, fractions, tenths, 百分之."""
from decimal import Decimal

import pytest

from luoshi.core.numerals import NumeralError, parse_fraction, parse_number, parse_percent_words, parse_tenths


@pytest.mark.parametrize("text, value", [
    ("1328.4", "1328.4"), ("38", "38"), ("三十八", "38"), ("一千一百", "1100"), ("两", "2"), ("十", "10"),
    ("三百二十", "320"), ("两万", "20000"), ("1.2万", "12000"), ("56.5万", "565000"), ("3亿", "300000000"),
])
def test_numbers(text, value):
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize("text", ["万", "千", "百", "亿", "abc", ""])
def test_words_that_are_not_numbers(text):
    with pytest.raises(NumeralError):
        parse_number(text)


@pytest.mark.parametrize("text, pct", [("1/4", "25"), ("四分之一", "25"), ("三分之一", "33.33"), ("二分之一", "50")])
def test_fractions_as_percent(text, pct):
    assert parse_fraction(text) == Decimal(pct)


def test_tenths_and_percent_words():
    assert parse_tenths("两成") == Decimal(20)
    assert parse_percent_words("百分之六") == Decimal(6)
    assert parse_percent_words("百分之6.5") == Decimal("6.5")


def test_results_are_decimal_never_float():
    assert all(isinstance(v, Decimal) for v in (parse_number("三十八"), parse_fraction("1/3"), parse_tenths("八成")))
