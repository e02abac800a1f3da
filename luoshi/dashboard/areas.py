"""The briefing's sections from the other apps — 重点项目 (the projects' roll-up and lag rule), 招商引资 (the
三个一批 events and the target progress of the investment ledger) and 企业服务 (the appeals' statistics) —
each with what is behind for 存在问题. Read through the apps' selectors only, as the reader stands (`user`),
with each page's own words for every verdict; with nothing to read the section says 暂无数据."""
import calendar
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.appeals import selectors as appeals
from luoshi.core import prose
from luoshi.core.periods import Period, today
from luoshi.core.status import Status
from luoshi.core.units import fmt
from luoshi.investment import selectors as investment
from luoshi.organisations.models import DISTRICT_KINDS
from luoshi.projects import selectors as projects

BEHIND = (Status.BEHIND, Status.CLOSE)
# Lagging projects, overdue appeals: this many are named, the rest counted (“等N个”).
NAMED = 3


@dataclass
class Area:
    """One section's paragraphs and the lines it adds to 存在问题; `has_data` is False when it said 暂无数据."""

    heading: str
    paragraphs: list[str]
    problems: list[str] = field(default_factory=list)
    has_data: bool = True


def _empty(heading: str) -> Area:
    return Area(heading, [_("%(h)s暂无数据。") % {"h": heading}], has_data=False)


def period_end(period: Period) -> date:
    return date(period.year, period.month, calendar.monthrange(period.year, period.month)[1])


def _as_of(period: Period) -> date:
    """The day the figures stand at: the period's last day, or today while the period runs."""
    return min(today(), period_end(period))


def _prefix(period: Period) -> str:
    from luoshi.dashboard.briefing import period_prefix

    return period_prefix(period)


def _named(names: list[str], unit: str) -> str:
    """“A、B、C等5个” or “A、B”."""
    shown = _("、").join(names[:NAMED])
    return shown + (_("等%(n)d%(u)s") % {"n": len(names), "u": unit} if len(names) > NAMED else "")


def projects_area(organisation, period: Period, user) -> Area:
    """Plan, completed investment against the year plan (the roll-up's 时间进度 words), 开工率, and the
    projects whose investment trails the period (the lag alert's rule), by name."""
    heading = _("重点项目")
    result = projects.rollup(user, organisation, period.year, by="category", month=period.month)
    total = result["rows"][-1]
    if not total.count:
        return _empty(heading)
    parts = [_("%(p)s，纳入年度计划的重点项目%(n)d个（续建%(c)d个、新开工%(w)d个），总投资%(t)s") % {
        "p": _prefix(period), "n": total.count, "c": total.continuing, "w": total.new, "t": fmt(total.total, "亿元")}]
    if total.rate is not None:
        parts += [_("年度计划投资%(p)s，累计完成投资%(d)s，投资完成率%(r)s") % {
            "p": fmt(total.plan, "亿元"), "d": fmt(total.completed, "亿元"), "r": fmt(total.rate, "%")},
            total.gap_words]
    if total.start_rate is not None:
        parts.append(_("计划年内开工%(s)d个，已开工%(d)d个，开工率%(r)s") % {
            "s": total.to_start, "d": total.started, "r": fmt(total.start_rate, "%")})
    lagging = projects.behind_plan(user, organisation, period)
    sentences = [prose.clauses(parts)]
    if lagging:
        sentences.append(_("投资进度滞后的项目有%(l)s") % {
            "l": _named([_("%(n)s（%(m)s）") % {"n": name, "m": lag} for name, lag in lagging], _("个"))})
    problems = []
    if total.rate is not None and total.rate < result["time_pct"]:
        problems.append(_("重点项目投资完成率%(r)s，%(g)s") % {"r": fmt(total.rate, "%"), "g": total.gap_words})
    if lagging:
        problems.append(_("%(n)d个重点项目投资进度滞后（%(l)s）") % {
            "n": len(lagging), "l": _named([name for name, _lag in lagging], _("个"))})
    return Area(heading, [prose.ending(prose.sentences(sentences))], [prose.ending(p) for p in problems])


def _batches(user, organisation, period: Period) -> dict[str, tuple[int, Decimal]]:
    """签约、开工、投产 up to the period's month: (count, 亿元) by batch key."""
    events = [e for e in investment.batch_events(user, organisation, period.year)["events"]
              if e["month"] <= period.month]
    out = {}
    for e in events:
        for b in e["batches"]:
            count, amount = out.get(b["key"], (0, Decimal(0)))
            out[b["key"]] = (count + b["count"], amount + b["amount"])
    return out


def investment_area(organisation, period: Period, user) -> Area:
    """Projects signed, started and in production up to the period, in number and money, then each target
    of the year with the ledger's own progress words (时间过半、任务过半)."""
    heading = _("招商引资")
    batches = _batches(user, organisation, period)
    targets = investment.target_progress(user, organisation, period.year, as_of=_as_of(period))
    if not batches and not targets:
        return _empty(heading)
    labels = {"signed": _("签约项目"), "started": _("开工项目"), "producing": _("投产项目")}
    parts = [_("%(l)s%(n)d个、金额%(a)s") % {"l": labels[key], "n": batches[key][0], "a": fmt(batches[key][1], "亿元")}
             for key in labels if key in batches]
    sentences = [_("%(p)s，%(s)s") % {"p": _prefix(period), "s": prose.clauses(parts)} if parts
                 else _("%(p)s，尚无签约、开工或投产项目") % {"p": _prefix(period)}]
    sentences += [_("%(l)s%(r)s") % {"l": t["label"], "r": t["status"].reason} for t in targets]
    problems = [prose.ending(_("%(l)s%(v)s") % {"l": t["label"], "v": t["status"].verdict})
                for t in targets if t["status"].status in BEHIND and t["status"].verdict]
    return Area(heading, [prose.ending(prose.sentences(sentences))], problems)


def appeals_area(organisation, period: Period, user) -> Area:
    """Appeals filed from January to the period's end: received, 办结, 按期办结率 (overdue and still open
    counts against it, as on the statistics page), and the overdue ones by enterprise and title."""
    heading = _("企业服务")
    if organisation.kind not in DISTRICT_KINDS:
        return _empty(heading)
    start, end = date(period.year, 1, 1), period_end(period)
    total = appeals.unit_statistics(user, organisation, start, end)[-1]
    if not total.received:
        return _empty(heading)
    parts = [_("%(p)s，受理企业诉求%(n)d件，办结%(s)d件") % {"p": _prefix(period), "n": total.received,
                                                             "s": total.solved}]
    if total.on_time_rate is not None:
        parts.append(_("按期办结率%(r)s") % {"r": fmt(total.on_time_rate, "%")})
    parts.append(_("超期未办结%(n)d件") % {"n": total.overdue} if total.overdue else _("无超期未办结诉求"))
    overdue = [r for r in appeals.supervision_list(user, district=organisation, overdue_only=True)
               if start <= timezone.localdate(r.appeal.created_at) <= end]
    named = [_("%(e)s“%(t)s”（超期%(d)d个工作日）") % {"e": r.appeal.enterprise, "t": r.appeal.title, "d": r.late}
             if r.late else _("%(e)s“%(t)s”") % {"e": r.appeal.enterprise, "t": r.appeal.title} for r in overdue]
    sentences = [prose.clauses(parts)] + ([_("超期的有%(l)s") % {"l": _named(named, _("件"))}] if named else [])
    problems = []
    if total.overdue:
        problems.append(prose.ending(_("企业诉求超期未办结%(n)d件%(r)s") % {
            "n": total.overdue, "r": _("，按期办结率%(r)s") % {"r": fmt(total.on_time_rate, "%")}
            if total.on_time_rate is not None else ""}))
    return Area(heading, [prose.ending(prose.sentences(sentences))], problems)


AREAS = (projects_area, investment_area, appeals_area)
