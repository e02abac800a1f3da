"""Working days (工作日) follow China's holidays and make-up days (调休) from the admin-kept table seeded from
chinesecalendar, the district's own days off from the settings, and the plain week beyond the table."""
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from luoshi.core.models import Holiday
from luoshi.core.workdays import add_working_days, is_working_day, working_days_between

pytestmark = pytest.mark.django_db


def test_national_day_is_not_a_working_day_but_its_make_up_saturday_is():
    assert not is_working_day(date(2025, 10, 1))
    assert not is_working_day(date(2025, 10, 8))
    assert is_working_day(date(2025, 9, 28))  # Sunday, 调休上班
    assert is_working_day(date(2025, 10, 11))  # Saturday, 调休上班
    assert is_working_day(date(2025, 10, 9))


def test_a_deadline_across_national_day_skips_the_holiday_and_counts_the_make_up_sunday():
    # Friday 2025-09-26 + 5 working days: 09-28 (Sunday, make-up), 09-29, 09-30, 10-09, 10-10
    assert add_working_days(date(2025, 9, 26), 5) == date(2025, 10, 10)
    assert working_days_between(date(2025, 9, 26), date(2025, 10, 10)) == 5


def test_spring_festival_2026_comes_from_the_library():
    assert not is_working_day(date(2026, 2, 17))
    assert Holiday.objects.filter(date__year=2026).exists()


def test_beyond_the_table_weekdays_work_and_weekends_rest():
    assert not Holiday.objects.filter(date__year=2028).exists()
    assert is_working_day(date(2028, 10, 2))  # a Monday; 2028's notice not entered yet
    assert not is_working_day(date(2028, 10, 7))
    assert add_working_days(date(2028, 10, 6), 1) == date(2028, 10, 9)


def test_a_holiday_entered_in_the_admin_table_counts_at_once():
    Holiday.objects.create(date=date(2028, 10, 2), kind=Holiday.Kind.REST, name="国庆节", source="后台录入")
    assert not is_working_day(date(2028, 10, 2))
    assert add_working_days(date(2028, 9, 29), 1) == date(2028, 10, 3)


def test_local_days_off_from_the_settings_are_rest_days(settings):
    settings.LUOSHI = {**settings.LUOSHI, "LOCAL_DAYS_OFF": ("2025-06-03",)}
    assert not is_working_day(date(2025, 6, 3))
    assert add_working_days(date(2025, 6, 2), 1) == date(2025, 6, 4)


def test_zero_working_days_gives_the_next_working_day_from_the_start():
    assert add_working_days(date(2025, 10, 1), 0) == date(2025, 10, 9)
    assert add_working_days(date(2025, 10, 9), 0) == date(2025, 10, 9)


def test_a_passed_deadline_counts_negative_working_days():
    assert working_days_between(date(2025, 10, 10), date(2025, 9, 26)) == -5


def test_seeding_again_keeps_an_admin_correction(capsys):
    Holiday.objects.filter(date=date(2025, 10, 8)).update(kind=Holiday.Kind.WORK, source="后台录入")
    call_command("seed_holidays")
    assert "新增 0 天" in capsys.readouterr().out
    assert Holiday.objects.get(date=date(2025, 10, 8)).kind == Holiday.Kind.WORK


@hsettings(max_examples=40, deadline=None)
@given(start=st.dates(date(2024, 1, 1), date(2027, 12, 31)), n=st.integers(1, 40))
def test_adding_n_working_days_lands_on_a_working_day_exactly_n_working_days_later(start, n):
    end = add_working_days(start, n)
    assert is_working_day(end)
    assert working_days_between(start, end) == n
    assert working_days_between(start, end - timedelta(days=1)) == n - 1
