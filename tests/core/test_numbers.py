"""The one number validator: limits come from the field a number is stored in."""
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from hypothesis import given
from hypothesis import strategies as st

from luoshi.core.numbers import clean_decimal, clean_year

FIELD = models.DecimalField("累计值", max_digits=16, decimal_places=4)


@pytest.mark.parametrize("value", ["1e20", "NaN", "Infinity", "-Infinity", "99999.123456789", "-5", "abc", True])
def test_implausible_numbers_are_refused_with_the_field_named(value):
    with pytest.raises(ValidationError) as err:
        clean_decimal(FIELD, value)
    assert "累计值" in err.value.messages[0]


def test_a_number_within_the_column_is_kept_exactly():
    assert clean_decimal(FIELD, "1,234.5") == Decimal("1234.5000")
    assert clean_decimal(FIELD, "-3", signed=True) == Decimal("-3")


@given(st.decimals(allow_nan=True, allow_infinity=True))
def test_whatever_comes_in_either_fits_the_column_or_is_refused(value):
    try:
        number = clean_decimal(FIELD, value, signed=True)
    except ValidationError:
        return
    assert number.is_finite() and abs(number) < Decimal(10) ** 12
    assert number == value


@pytest.mark.parametrize("value", [-1, 1, 1999, 2101, 10000, "99999999999999999999", "x"])
def test_years_outside_2000_to_2100_are_refused(value):
    with pytest.raises(ValidationError):
        clean_year(value)


def test_a_year_in_range_is_read():
    assert clean_year("2026") == 2026
