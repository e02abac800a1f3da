"""Which months may be reported: a month not yet over is refused, except 快报 from the configured day."""
import datetime

import time_machine
from hypothesis import given
from hypothesis import strategies as st

from luoshi.core.periods import Period, reportable, unreportable_reason

DEC_10 = datetime.date(2025, 12, 10)


def test_a_month_that_is_over_is_reportable(settings):
    settings.LUOSHI = {**settings.LUOSHI, "EARLY_REPORT_DAY": None}
    assert reportable(Period(2025, 11), DEC_10)
    assert reportable(Period(2024, 12), DEC_10)
    assert unreportable_reason(Period(2025, 11), DEC_10) is None


def test_the_running_month_is_refused_with_a_reason_until_it_is_over(settings):
    settings.LUOSHI = {**settings.LUOSHI, "EARLY_REPORT_DAY": None}
    assert not reportable(Period(2025, 12), DEC_10)
    assert unreportable_reason(Period(2025, 12), DEC_10) == "2025年12月尚未结束，月份结束后才能填报"


def test_early_report_day_lets_the_running_month_in_from_that_day_only(settings):
    settings.LUOSHI = {**settings.LUOSHI, "EARLY_REPORT_DAY": 25}
    assert not reportable(Period(2025, 12), DEC_10)
    assert "快报自本月25日起" in unreportable_reason(Period(2025, 12), DEC_10)
    assert reportable(Period(2025, 12), datetime.date(2025, 12, 25))
    assert not reportable(Period(2026, 1), datetime.date(2025, 12, 31))


def test_a_later_month_is_never_reportable(settings):
    settings.LUOSHI = {**settings.LUOSHI, "EARLY_REPORT_DAY": 1}
    assert unreportable_reason(Period(2026, 2), DEC_10) == "2026年2月尚未到来，不能填报"


def test_today_is_read_in_shanghai_time(settings):
    settings.LUOSHI = {**settings.LUOSHI, "EARLY_REPORT_DAY": None}
    # 2025-11-30 17:00 UTC is already 1 December in Shanghai: November is over.
    with time_machine.travel("2025-11-30 17:00 +0000", tick=False):
        assert reportable(Period(2025, 11))
    with time_machine.travel("2025-11-30 15:00 +0000", tick=False):
        assert not reportable(Period(2025, 11))


@given(st.integers(2000, 2100), st.integers(1, 12), st.dates(datetime.date(2000, 1, 1), datetime.date(2100, 12, 31)),
       st.one_of(st.none(), st.integers(1, 31)))
def test_reportable_exactly_when_over_or_early_window_open(year, month, today, day):
    from django.conf import settings

    old = settings.LUOSHI
    settings.LUOSHI = {**old, "EARLY_REPORT_DAY": day}
    try:
        running = Period(today.year, today.month)
        expected = Period(year, month) < running or (
            Period(year, month) == running and day is not None and today.day >= day)
        assert reportable(Period(year, month), today) is expected
        assert (unreportable_reason(Period(year, month), today) is None) is expected
    finally:
        settings.LUOSHI = old
