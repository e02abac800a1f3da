"""Status of a target at a period (目标进度状态), with the reason in words, judged the right way round.

- Growth targets compare the cumulative 同比 growth with the target; 左右 accepts a tolerance band on
  the worse side; a decline target ("下降3%") is met by falling at least that much.
- Rate targets (失业率, 居民消费价格涨幅, 覆盖率, 比重) compare the reported rate itself, without 同比.
- Absolute targets on cumulative indicators compare completion with the share of the year elapsed
  (时间过半、任务过半); on point-in-time indicators, and caps on anything, the latest value itself.
- Ranges are met inside the band and beyond its better end; relative targets ("与经济增长基本同步")
  compare with the linked indicator's growth within a tolerance (a setting); share targets divide by
  the linked indicator's value; multi-year totals add the past years' year-end values.
Lower-is-better targets (a cap, a decline, or an indicator such as PM2.5浓度) turn every comparison
round, so a larger actual is never better for higher-is-better targets and never worse for the others.
"""
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from luoshi.core.periods import Period
from luoshi.core.rates import percent
from luoshi.core.status import Status
from luoshi.core.units import fmt
from luoshi.indicators.models import Comparator, Direction, TargetKind
from luoshi.organisations.tuning import setting

ONE_PLACE = Decimal("0.1")


@dataclass(frozen=True)
class StatusResult:
    status: str
    reason: str
    completion_pct: Decimal | None = None
    time_pct: Decimal | None = None
    gap_pp: Decimal | None = None
    verdict: str = ""  # the reason without the actual's own figure: what the briefing says after its figure

    @property
    def label(self) -> str:
        return Status(self.status).label


def _rule(name: str, target) -> Decimal:
    """A tolerance or margin as the target's district set it (区级设置), else the default."""
    return Decimal(setting(name, getattr(target, "organisation_id", None)))


def _pp(value: Decimal) -> str:
    return fmt(abs(value).quantize(ONE_PLACE))


def _diff(value: Decimal, unit: str) -> str:
    """A difference as reports say it: 0.8个百分点 for rates, 3微克/立方米 for levels."""
    return _("%(d)s个百分点") % {"d": _pp(value)} if unit == "%" else fmt(abs(value).quantize(ONE_PLACE), unit)


def _lower(target) -> bool:
    return getattr(target, "direction", Direction.HIGHER) == Direction.LOWER


def _threshold(target, about_band: Decimal) -> Decimal:
    """The value the actual must reach (or stay under, for lower-is-better): the bad end of the band."""
    lower = _lower(target)
    if target.comparator == Comparator.RANGE and getattr(target, "value_high", None) is not None:
        return target.value_high if lower else target.value
    if target.comparator == Comparator.ABOUT:
        return target.value + about_band if lower else target.value - about_band
    return target.value


def _gap(target, actual: Decimal, threshold: Decimal) -> Decimal:
    """How far the actual is on the good side of the threshold (negative: short of it)."""
    return (threshold - actual if _lower(target) else actual - threshold).quantize(ONE_PLACE)


def _said(shown_actual: str, verdict: str) -> str:
    """The reason as the overview prints it: the actual's figure, then the verdict (GB/T 15834 comma)."""
    return _("%(a)s，%(v)s") % {"a": shown_actual, "v": verdict}


def _close_or_behind(gap: Decimal, margin: Decimal) -> str:
    return Status.CLOSE if -gap <= margin else Status.BEHIND


def _level_result(target, actual: Decimal, shown_actual: str, unit: str, margin: Decimal,
                  about_band: Decimal) -> StatusResult:
    """Judge a value (a growth, a rate, a level) against the target directly, either way round."""
    status, verdict, gap = _level_verdict(target, actual, unit, margin, about_band)
    return StatusResult(status, _said(shown_actual, verdict), gap_pp=gap, verdict=verdict)


def _level_verdict(target, actual: Decimal, unit: str, margin: Decimal,
                   about_band: Decimal) -> tuple[str, str, Decimal]:
    lower = _lower(target)
    threshold = _threshold(target, about_band)
    gap = _gap(target, actual, threshold)
    shown = {"w": target.wording, "f": fmt(threshold, unit), "d": _diff(gap, unit)}
    stretch = getattr(target, "stretch_value", None)
    if target.comparator == Comparator.RANGE and getattr(target, "value_high", None) is not None:
        low, high = target.value, target.value_high
        shown.update(l=fmt(low, unit), h=fmt(high, unit))
        if low <= actual <= high:
            return Status.MET, _("在目标区间“%(w)s”内") % shown, gap
        if gap >= 0:
            verdict = (_("低于目标区间“%(w)s”下限%(l)s（越低越好）") if lower
                       else _("超过目标区间“%(w)s”上限%(h)s")) % shown
            return Status.MET, verdict, gap
        verdict = (_("超出目标区间“%(w)s”上限%(h)s %(d)s") if lower
                   else _("未达到目标区间“%(w)s”下限%(l)s，差%(d)s")) % shown
        return _close_or_behind(gap, margin), verdict, gap
    if gap >= 0:
        beyond = _gap(target, actual, target.value)
        if stretch is not None and (actual <= stretch if lower else actual >= stretch):
            verdict = _("达到力争目标%(s)s") % {**shown, "s": fmt(stretch, unit)}
        elif target.comparator == Comparator.ABOUT and beyond < 0:
            verdict = (_("在目标“%(w)s”的区间内（不高于%(f)s）") if lower
                       else _("在目标“%(w)s”的区间内（不低于%(f)s）")) % shown
        elif beyond > 0:
            verdict = (_("好于目标“%(w)s”%(d)s（越低越好）") if lower
                       else _("高于目标“%(w)s”%(d)s")) % {**shown, "d": _diff(beyond, unit)}
        else:
            verdict = _("达到目标“%(w)s”") % shown
        return Status.MET, verdict, gap
    if target.comparator == Comparator.ABOUT:
        verdict = (_("超出目标“%(w)s”区间上限%(f)s %(d)s（越低越好）") if lower
                   else _("低于目标“%(w)s”区间下限%(f)s %(d)s")) % shown
    else:
        verdict = (_("超出目标“%(w)s”%(d)s（越低越好）") if lower
                   else _("低于目标“%(w)s”%(d)s")) % shown
    return _close_or_behind(gap, margin), verdict, gap


def _growth_words(growth: Decimal) -> str:
    if growth < 0:
        return _("累计下降%(g)s") % {"g": fmt(-growth, "%")}
    return _("累计增长%(g)s") % {"g": fmt(growth, "%")}


def growth_status(target, growth: Decimal | None) -> StatusResult:
    if growth is None:
        return StatusResult(Status.NO_DATA, _("尚未上报同比增速"))
    return _level_result(target, growth, _growth_words(growth), "%", _rule("GROWTH_CLOSE_MARGIN_PP", target),
                         _rule("ABOUT_TOLERANCE_PP", target))


def rate_status(target, rate: Decimal | None, name: str = "") -> StatusResult:
    """A rate indicator's own value (失业率4.8%), judged without 同比."""
    if rate is None:
        return StatusResult(Status.NO_DATA, _("尚未上报%(n)s") % {"n": name or _("比率")})
    shown = _("%(n)s为%(v)s") % {"n": name, "v": fmt(rate, "%")} if name else _("当前%(v)s") % {"v": fmt(rate, "%")}
    return _level_result(target, rate, shown, "%", _rule("GROWTH_CLOSE_MARGIN_PP", target),
                         _rule("ABOUT_TOLERANCE_PP", target))


def absolute_status(target, value: Decimal | None, period: Period | None, cumulative: bool,
                    unit: str) -> StatusResult:
    if value is None or period is None:
        return StatusResult(Status.NO_DATA, _("尚未上报累计值"))
    margin = _rule("PROGRESS_CLOSE_MARGIN_PP", target)
    if _lower(target) or target.comparator == Comparator.RANGE:
        # a cap holds while the value stays under it, whatever the month; a band is judged as it stands
        return _level_result(target, value, _("当前%(v)s") % {"v": fmt(value, unit)}, unit, margin, Decimal(0))
    if target.value <= 0:
        return StatusResult(Status.NO_DATA, _("目标值为零，无法计算完成率"))
    completion = percent(value, target.value)
    shown = {"v": fmt(value, unit), "w": target.wording, "c": fmt(completion, "%")}
    if not cumulative or period.month == 12:
        gap = (completion - 100).quantize(ONE_PLACE)
        status = Status.MET if value >= target.value else _close_or_behind(gap, margin)
        verdict = _("为目标“%(w)s”的%(c)s") % shown
        return StatusResult(status, _said(_("当前%(v)s") % shown, verdict), completion, Decimal(100), gap, verdict)
    time_pct = period.year_share_pct()
    gap = (completion - time_pct).quantize(ONE_PLACE)
    shown.update(t=fmt(time_pct, "%"), d=_pp(gap))
    if gap >= 0:
        verdict = _("完成年度目标“%(w)s”的%(c)s，时间进度%(t)s，超过时间进度%(d)s个百分点") % shown
        status = Status.MET
    else:
        verdict = _("完成年度目标“%(w)s”的%(c)s，时间进度%(t)s，落后时间进度%(d)s个百分点") % shown
        status = _close_or_behind(gap, margin)
    return StatusResult(status, _said(_("累计完成%(v)s") % shown, verdict), completion, time_pct, gap, verdict)


def relative_status(target, growth: Decimal | None, linked_growth: Decimal | None, linked_name: str) -> StatusResult:
    """A growth tied to another's: 基本同步 within the tolerance (a setting), 快于 at or above it."""
    if growth is None:
        return StatusResult(Status.NO_DATA, _("尚未上报同比增速"))
    if linked_growth is None:
        return StatusResult(Status.NO_DATA, _("尚未上报%(l)s的同比增速") % {"l": linked_name})
    tolerance = _rule("RELATIVE_TOLERANCE_PP", target)
    gap = (growth - linked_growth).quantize(ONE_PLACE)
    shown = {"a": _growth_words(growth), "l": linked_name, "lg": fmt(linked_growth, "%"), "d": _pp(gap),
             "t": fmt(tolerance), "w": target.wording}
    status, verdict = _relative_verdict(target, gap, tolerance, shown)
    return StatusResult(status, _said(shown["a"], verdict), gap_pp=gap, verdict=verdict)


def _relative_verdict(target, gap: Decimal, tolerance: Decimal, shown: dict) -> tuple[str, str]:
    margin = _rule("GROWTH_CLOSE_MARGIN_PP", target)
    if target.comparator == Comparator.ABOUT:
        if abs(gap) <= tolerance:
            return Status.MET, _("%(l)s增长%(lg)s，相差%(d)s个百分点，在“%(w)s”的范围内（±%(t)s个百分点）") % shown
        if gap > 0:
            return Status.MET, _("快于%(l)s增长%(lg)s %(d)s个百分点") % shown
        return (_close_or_behind((gap + tolerance).quantize(ONE_PLACE), margin),
                _("慢于%(l)s增长%(lg)s %(d)s个百分点，未达到“%(w)s”（±%(t)s个百分点）") % shown)
    lower = target.comparator == Comparator.AT_MOST
    good = -gap if lower else gap
    if good >= 0:
        return Status.MET, (_("未超过%(l)s增长%(lg)s，符合“%(w)s”") if lower
                            else _("%(l)s增长%(lg)s，快于或持平，符合“%(w)s”")) % shown
    return _close_or_behind(good, margin), (_("快于%(l)s增长%(lg)s %(d)s个百分点，不符合“%(w)s”") if lower
                                            else _("慢于%(l)s增长%(lg)s %(d)s个百分点，不符合“%(w)s”")) % shown


def share_status(target, part: Decimal | None, whole: Decimal | None, linked_name: str) -> StatusResult:
    """This indicator as a share of another (占固定资产投资比重), from the two values of one period."""
    if part is None or whole is None:
        return StatusResult(Status.NO_DATA, _("尚未上报计算“%(w)s”所需的累计值") % {"w": target.wording})
    if whole <= 0:
        return StatusResult(Status.NO_DATA, _("%(l)s为零，无法计算比重") % {"l": linked_name})
    share = percent(part, whole, Decimal("0.01"))
    shown = _("占%(l)s比重%(s)s") % {"l": linked_name, "s": fmt(share, "%")}
    return _level_result(target, share, shown, "%", _rule("GROWTH_CLOSE_MARGIN_PP", target),
                         _rule("ABOUT_TOLERANCE_PP", target))


def total_status(target, total: Decimal | None, unit: str) -> StatusResult:
    """A total over the years so far (累计开行突破10000班), judged as it stands."""
    if total is None:
        return StatusResult(Status.NO_DATA, _("尚未上报累计值"))
    return _level_result(target, total, _("历年累计%(v)s") % {"v": fmt(total, unit)}, unit,
                         _rule("PROGRESS_CLOSE_MARGIN_PP", target), Decimal(0))


def target_status(target, actual, indicator=None) -> StatusResult:
    """The status of `target` given the latest `actual` of its year (or None)."""
    if target is None:
        return StatusResult(Status.NO_TARGET if actual is not None else Status.NO_DATA, _("未设定年度目标"))
    indicator = indicator or target.indicator
    kind = target.kind
    if kind == TargetKind.GROWTH:
        return growth_status(target, actual.growth_pct if actual else None)
    if kind == TargetKind.RATE:
        return rate_status(target, actual.value if actual else None, getattr(indicator, "name", ""))
    if kind in (TargetKind.RELATIVE, TargetKind.SHARE, TargetKind.TOTAL):
        from luoshi.indicators.selectors import linked_figures

        return linked_figures(target, actual, indicator)
    period = Period(actual.year, actual.month) if actual else None
    return absolute_status(target, actual.value if actual else None, period, indicator.cumulative, indicator.unit)
