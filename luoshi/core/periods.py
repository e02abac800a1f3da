"""Periods (统计期) in Asia/Shanghai time: a period is a (year, month) whose figures are cumulative
from January to the end of that month; quarterly figures use the quarter's last month."""
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _


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
        return (Decimal(self.month) * 100 / 12).quantize(Decimal("0.1"))

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
