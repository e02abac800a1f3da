"""Periods (统计期) in Asia/Shanghai time: a period is a (year, month) whose figures are cumulative
from January to the end of that month; quarterly figures use the quarter's last month."""
import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.core.rates import percent


def today():
    """Today's date in the configured zone (Asia/Shanghai)."""
    return timezone.localdate()


@dataclass(frozen=True, order=True)
class Period:
    year: int
    month: int

    @classmethod
    def current(cls) -> "Period":
        d = today()
        return cls(d.year, d.month)

    def is_future(self) -> bool:
        return self > Period.current()

    @property
    def quarter(self) -> int:
        return (self.month - 1) // 3 + 1

    @property
    def is_quarter_end(self) -> bool:
        return self.month % 3 == 0

    def year_share_pct(self) -> Decimal:
        """Share of the year elapsed at the end of this period, in percent (时间进度)."""
        return percent(self.month, 12)

    def previous(self, months: int = 1) -> "Period":
        index = self.year * 12 + self.month - 1 - months
        return Period(index // 12, index % 12 + 1)

    def label(self, quarterly: bool = False) -> str:
        if self.month == 12:
            return _("%(year)d年全年") % {"year": self.year}
        if quarterly and self.is_quarter_end:
            return _("%(year)d年1—%(q)d季度") % {"year": self.year, "q": self.quarter} if self.quarter > 1 \
                else _("%(year)d年一季度") % {"year": self.year}
        return _("%(year)d年1—%(month)d月") % {"year": self.year, "month": self.month} if self.month > 1 \
            else _("%(year)d年1月") % {"year": self.year}

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d}"


def opening_year(years, today: datetime.date | None = None) -> int:
    """The year a page opens on: this year if it has records, else the latest earlier year that has, else
    this year (a new year's figures come in its first weeks; until then the pages show the last one).
    One rule for the ledger, the pipeline, investment and the letters, so they open on the same year."""
    this_year = (today or timezone.localdate()).year
    earlier = [y for y in years if y is not None and y <= this_year]
    return max(earlier) if earlier else this_year


def early_report_day() -> int | None:
    """The day of a running month from which its figures may be entered as 快报, or None (off)."""
    day = settings.LUOSHI.get("EARLY_REPORT_DAY")
    return int(day) if day else None


def reportable(period: Period, today: datetime.date | None = None) -> bool:
    """Whether figures for ``period`` may be entered on ``today`` (Asia/Shanghai by default).

    A month is reportable once it is over. ``LUOSHI_EARLY_REPORT_DAY`` lets the running month in from that
    day of it (快报, flash figures); a later month never. This is the one place the rule is decided, for
    indicator actuals, project reports and wages alike.
    """
    today = today or timezone.localdate()
    running = Period(today.year, today.month)
    if period < running:
        return True
    if period > running:
        return False
    day = early_report_day()
    return day is not None and today.day >= day


def unreportable_reason(period: Period, today: datetime.date | None = None) -> str | None:
    """Why ``period`` cannot be entered yet, in words for the user, or None if it can."""
    if reportable(period, today):
        return None
    today = today or timezone.localdate()
    if period > Period(today.year, today.month):
        return _("%(y)d年%(m)d月尚未到来，不能填报") % {"y": period.year, "m": period.month}
    day = early_report_day()
    if day is None:
        return _("%(y)d年%(m)d月尚未结束，月份结束后才能填报") % {"y": period.year, "m": period.month}
    return _("%(y)d年%(m)d月尚未结束，快报自本月%(d)d日起才能填报") % {
        "y": period.year, "m": period.month, "d": day}


def latest_reportable(today: datetime.date | None = None) -> Period:
    """The newest period that may be entered now: the running month from the 快报 day, else the last one."""
    today = today or timezone.localdate()
    running = Period(today.year, today.month)
    return running if reportable(running, today) else running.previous()


def month_label(year: int, month: int) -> str:
    """One month as people write it, "2026年9月" (never "2026-9"): the one helper for a single month;
    templates use the `month_of` filter."""
    return _("%(y)d年%(m)d月") % {"y": year, "m": month}
