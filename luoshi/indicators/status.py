"""Status of a target at a period (目标进度状态), with the reason in words.

Growth targets compare cumulative growth with the target; 左右 accepts the tolerance band below it.
Absolute targets on cumulative indicators compare completion with the share of the year elapsed
(时间过半、任务过半); on point-in-time indicators, the latest value with the target itself.
"""
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from luoshi.core.periods import Period
from luoshi.core.status import Status
from luoshi.core.units import fmt
from luoshi.indicators.models import Comparator, TargetKind

ONE_PLACE = Decimal("0.1")


@dataclass(frozen=True)
class StatusResult:
    status: str
    reason: str
    completion_pct: Decimal | None = None
    time_pct: Decimal | None = None
    gap_pp: Decimal | None = None

    @property
    def label(self) -> str:
        return Status(self.status).label


def _pp(value: Decimal) -> str:
    return fmt(abs(value).quantize(ONE_PLACE))


def growth_status(target, growth: Decimal | None) -> StatusResult:
    rules = settings.LUOSHI
    if growth is None:
        return StatusResult(Status.NO_DATA, _("尚未上报同比增速"))
    floor = target.value - (rules["ABOUT_TOLERANCE_PP"] if target.comparator == Comparator.ABOUT else 0)
    gap = (growth - floor).quantize(ONE_PLACE)
    shown = {"g": fmt(growth, "%"), "w": target.wording, "f": fmt(floor, "%"), "d": _pp(gap)}
    if gap >= 0:
        if target.stretch_value is not None and growth >= target.stretch_value:
            reason = _("累计增长%(g)s,达到力争目标%(s)s") % {**shown, "s": fmt(target.stretch_value, "%")}
        elif target.comparator == Comparator.ABOUT and growth < target.value:
            reason = _("累计增长%(g)s,在目标“%(w)s”的区间内(不低于%(f)s)") % shown
        else:
            reason = _("累计增长%(g)s,高于目标“%(w)s”%(d)s个百分点") % {**shown, "d": _pp(growth - target.value)} \
                if growth > target.value else _("累计增长%(g)s,达到目标“%(w)s”") % shown
        return StatusResult(Status.MET, reason, gap_pp=gap)
    if target.comparator == Comparator.ABOUT:
        reason = _("累计增长%(g)s,低于目标“%(w)s”区间下限%(f)s %(d)s个百分点") % shown
    else:
        reason = _("累计增长%(g)s,低于目标“%(w)s”%(d)s个百分点") % shown
    status = Status.CLOSE if -gap <= rules["GROWTH_CLOSE_MARGIN_PP"] else Status.BEHIND
    return StatusResult(status, reason, gap_pp=gap)


def absolute_status(target, value: Decimal | None, period: Period | None, cumulative: bool,
                    unit: str) -> StatusResult:
    if value is None or period is None:
        return StatusResult(Status.NO_DATA, _("尚未上报累计值"))
    if target.value <= 0:
        return StatusResult(Status.NO_DATA, _("目标值为零,无法计算完成率"))
    completion = (value * 100 / target.value).quantize(ONE_PLACE)
    shown = {"v": fmt(value, unit), "w": target.wording, "c": fmt(completion, "%")}
    if not cumulative or period.month == 12:
        gap = (completion - 100).quantize(ONE_PLACE)
        status = Status.MET if value >= target.value else (
            Status.CLOSE if -gap <= settings.LUOSHI["PROGRESS_CLOSE_MARGIN_PP"] else Status.BEHIND)
        reason = _("当前%(v)s,为目标“%(w)s”的%(c)s") % shown
        return StatusResult(status, reason, completion, Decimal(100), gap)
    time_pct = period.year_share_pct()
    gap = (completion - time_pct).quantize(ONE_PLACE)
    shown.update(t=fmt(time_pct, "%"), d=_pp(gap))
    if gap >= 0:
        reason = _("累计完成%(v)s,完成年度目标“%(w)s”的%(c)s,时间进度%(t)s,超过时间进度%(d)s个百分点") % shown
        status = Status.MET
    else:
        reason = _("累计完成%(v)s,完成年度目标“%(w)s”的%(c)s,时间进度%(t)s,落后时间进度%(d)s个百分点") % shown
        status = Status.CLOSE if -gap <= settings.LUOSHI["PROGRESS_CLOSE_MARGIN_PP"] else Status.BEHIND
    return StatusResult(status, reason, completion, time_pct, gap)


def target_status(target, actual, indicator=None) -> StatusResult:
    """The status of `target` given the latest `actual` of its year (or None)."""
    if target is None:
        return StatusResult(Status.NO_DATA, _("未设定年度目标"))
    indicator = indicator or target.indicator
    if target.kind == TargetKind.GROWTH:
        return growth_status(target, actual.growth_pct if actual else None)
    period = Period(actual.year, actual.month) if actual else None
    return absolute_status(target, actual.value if actual else None, period, indicator.cumulative, indicator.unit)
