"""The one date cleaner (`luoshi.core.dates`): dates as people write them, in 2000–2100, refused with the
field named; and the stored-value check lists a date out of range."""
from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from luoshi.core.dates import DATE_MAX, DATE_MIN, clean_date
from luoshi.core.value_check import out_of_range

OUT_OF_RANGE = ["0001-01-01", "1999-12-31", "2101-01-01", "99999-01-01", "-1-01-01", date(1, 1, 1),
                date(1999, 12, 31), datetime(2101, 1, 1, 8, 0), "99999999999999999999-1-1"]
GARBAGE = ["明年", "2025-13-01", "2025-02-30", "abc", "2025", "1e20", "\x00", "2025-03-01T00:00", "x" * 5000]


@pytest.mark.parametrize("value", OUT_OF_RANGE)
def test_a_date_outside_2000_to_2100_is_refused_naming_the_field_and_the_limits(value):
    with pytest.raises(ValidationError) as refused:
        clean_date(value, label="办结日期")
    message = refused.value.messages[0]
    assert message.startswith("办结日期:") and "2000-01-01至2100-12-31" in message


@pytest.mark.parametrize("value", GARBAGE)
def test_text_that_is_no_date_is_refused_naming_the_field(value):
    with pytest.raises(ValidationError) as refused:
        clean_date(value, label="线索日期")
    message = refused.value.messages[0]
    assert message.startswith("线索日期:") and "不是日期" in message and len(message) < 100


@pytest.mark.parametrize("written", ["2025-03-01", "2025/3/1", "2025.3.1", "2025年3月1日", " 2025-3-1 ",
                                     date(2025, 3, 1), datetime(2025, 3, 1, 9, 30)])
def test_a_date_is_read_as_people_write_it_in_a_box_or_a_cell(written):
    assert clean_date(written) == date(2025, 3, 1)


def test_the_first_and_last_day_of_the_range_are_kept_and_an_empty_optional_date_is_none():
    assert clean_date("2000-01-01") == DATE_MIN and clean_date("2100-12-31") == DATE_MAX
    assert clean_date("", required=False) is None
    with pytest.raises(ValidationError, match="必须填写"):
        clean_date("  ", label="截至日期")


@given(st.dates())
def test_any_calendar_date_is_kept_exactly_when_in_range_and_refused_otherwise(day):
    try:
        kept = clean_date(day.isoformat())
    except ValidationError:
        assert not DATE_MIN <= day <= DATE_MAX
    else:
        assert kept == day and DATE_MIN <= kept <= DATE_MAX


def test_a_stored_date_out_of_range_is_listed_by_the_check(world):
    from luoshi.investment.services import create_lead

    lead = create_lead(world.users.a_data, organisation=world.a, name="协鑫储能", investor="协鑫集团",
                       lead_date=date(2025, 1, 5))
    assert out_of_range() == []
    with connection.cursor() as cursor:  # as a hand repair or an old bug would have left it
        cursor.execute("UPDATE investment_investmentproject SET lead_date = %s WHERE id = %s", ["1999-01-05", lead.pk])
    assert [(f.model, f.pk, f.field) for f in out_of_range()] == [("investment.InvestmentProject", lead.pk,
                                                                   "lead_date")]
