"""A task's status (任务状态), computed from its facts and said in words — never typed.

超期 when the deadline has passed and the task is not closed; 滞后 when a milestone is past without being done,
or the measure (own value, reported percent, or the linked target, project or investment target) trails the
time elapsed between the task's start and its deadline by more than the ledger's margin; 未启动 when nothing
has been reported; 按期推进 otherwise; 已完成 only once 销号 is approved. The same function serves the plan,
the task page, the 督办台账, the panel, the briefing, the letters' scores and the API.
"""
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.core.rates import percent
from luoshi.core.units import fmt
from luoshi.organisations.tuning import setting

ONE_PLACE = Decimal("0.1")


class WorkStatus(models.TextChoices):
    NOT_STARTED = "not_started", gettext_lazy("未启动")
    ON_TRACK = "on_track", gettext_lazy("按期推进")
    BEHIND = "behind", gettext_lazy("滞后")
    OVERDUE = "overdue", gettext_lazy("超期")
    DONE = "done", gettext_lazy("已完成")


# How a page colours each status (the word is always shown beside the colour).
TONES = {WorkStatus.NOT_STARTED: "muted", WorkStatus.ON_TRACK: "good", WorkStatus.BEHIND: "warn",
         WorkStatus.OVERDUE: "bad", WorkStatus.DONE: "done"}
def tally(items) -> tuple[dict[str, int], dict[int, dict[str, int]]]:
    """Tasks per status, of all and of each category, from (status, category, how many) triples: judged
    tasks one by one, or groups counted in SQL."""
    counts = {s: 0 for s in WorkStatus.values}
    by_category: dict[int, dict[str, int]] = {}
    for status, category, n in items:
        counts[status] += n
        by_category.setdefault(category, {s: 0 for s in WorkStatus.values})[status] += n
    return counts, by_category


# How urgent each status is, for the 督办台账 and 我牵头的 (the most urgent first).
URGENCY = {WorkStatus.OVERDUE: 0, WorkStatus.BEHIND: 1, WorkStatus.NOT_STARTED: 2, WorkStatus.ON_TRACK: 3,
           WorkStatus.DONE: 4}


@dataclass(slots=True)
class Facts:
    """What the status rests on; selectors gather it for many tasks in a few queries."""

    closed: bool
    closed_on: date | None
    start: date
    deadline: date
    reports: int = 0
    latest_percent: Decimal | None = None
    latest_value: Decimal | None = None
    latest_period: date | None = None
    measure_value: Decimal | None = None
    measure_unit: str = ""
    late_milestone: tuple[date, str] | None = None
    linked_behind: str | None = None  # the linked record's own lag, in words


class _SaidInWords:
    """A status's label and tone, for both the worded status and the one worded only when read."""

    __slots__ = ()
    status: str

    @property
    def label(self) -> str:
        return str(WorkStatus(self.status).label)

    @property
    def tone(self) -> str:
        return TONES[WorkStatus(self.status)]


@dataclass(frozen=True)
class TaskStatus(_SaidInWords):
    status: str
    reason: str


@lru_cache(maxsize=4096)
def time_pct(start: date, deadline: date, on: date) -> Decimal:
    """Share of the time from start to deadline elapsed on `on`, in percent (0–100). Cached: thousands of
    tasks share a handful of (start, deadline) pairs."""
    span = (deadline - start).days
    if span <= 0:
        return Decimal(100)
    return max(Decimal(0), min(Decimal(100), (Decimal((on - start).days) * 100 / span).quantize(ONE_PLACE)))


def completion_pct(f: Facts) -> Decimal | None:
    if f.latest_value is not None and f.measure_value:
        return percent(f.latest_value, f.measure_value)
    return f.latest_percent


_DONE, _OVERDUE, _BEHIND = WorkStatus.DONE, WorkStatus.OVERDUE, WorkStatus.BEHIND  # read once: judged 5,000 at a time
_NOT_STARTED, _ON_TRACK = WorkStatus.NOT_STARTED, WorkStatus.ON_TRACK


def _rule(f: Facts, on: date, margin: Decimal) -> tuple[str, tuple]:
    """The status by the rule's order, and which clause decided it (with its figures) for the words;
    `margin` is how many points behind the time progress still counts as on schedule (a setting)."""
    if f.closed:
        return _DONE, ()
    if on > f.deadline:
        return _OVERDUE, ()
    if f.late_milestone is not None:
        return _BEHIND, ("milestone",)
    if f.linked_behind:
        return _BEHIND, ("linked",)
    done, elapsed = completion_pct(f), time_pct(f.start, f.deadline, on)
    if done is not None and done < elapsed - margin:
        return _BEHIND, ("measure", done, elapsed)
    if not f.reports:
        return _NOT_STARTED, ()
    if done is not None:
        return _ON_TRACK, ("measure", done, elapsed)
    return _ON_TRACK, ("period",)


def _words(status: str, why: tuple, f: Facts, on: date) -> str:
    if status == WorkStatus.DONE:
        return _("已于%(d)s销号") % {"d": f.closed_on} if f.closed_on else _("已销号")
    if status == WorkStatus.OVERDUE:
        return _("已超过完成时限%(d)s %(n)d天，尚未销号") % {"d": f.deadline, "n": (on - f.deadline).days}
    if status == WorkStatus.NOT_STARTED:
        return _("尚未报送进展")
    if why[0] == "milestone":
        due, title = f.late_milestone
        return _("节点“%(t)s”应于%(d)s完成，尚未完成") % {"t": title, "d": due}
    if why[0] == "linked":
        return f.linked_behind
    if why[0] == "period":
        return _("已报送截至%(d)s的进展，无逾期节点") % {"d": f.latest_period}
    done, elapsed = why[1], why[2]
    if status == WorkStatus.BEHIND:
        return _("完成%(c)s，时间进度%(t)s，落后时间进度%(g)s个百分点") % {
            "c": fmt(done, "%"), "t": fmt(elapsed, "%"), "g": fmt(elapsed - done)}
    return _("完成%(c)s，时间进度%(t)s") % {"c": fmt(done, "%"), "t": fmt(elapsed, "%")}


def close_margin(district=None) -> Decimal:
    """Points behind the time progress that still count as on schedule, as the district set it (区级设置)."""
    return Decimal(setting("PROGRESS_CLOSE_MARGIN_PP", district))


def task_status(f: Facts, on: date, district=None) -> TaskStatus:
    status, why = _rule(f, on, close_margin(district))
    return TaskStatus(status, _words(status, why, f, on))


class Verdict(_SaidInWords):
    """A task's status whose reason is worded only when read: a page judges thousands of tasks for its
    counts, filters and order, and says in words only the rows it shows (the sentence goes through gettext)."""

    __slots__ = ("status", "_why", "_facts", "_on", "_reason")

    def __init__(self, f: Facts, on: date, margin: Decimal):
        self.status, self._why = _rule(f, on, margin)
        self._facts, self._on, self._reason = f, on, None

    @property
    def reason(self) -> str:
        if self._reason is None:
            self._reason = _words(self.status, self._why, self._facts, self._on)
        return self._reason



# --- report cadence ------------------------------------------------------------------------------

def period_end(d: date, cadence: str) -> date:
    """The last day of the week (Sunday), month or quarter that `d` falls in."""
    if cadence == "weekly":
        return d + timedelta(days=6 - d.weekday())
    month = d.month if cadence == "monthly" else ((d.month - 1) // 3 + 1) * 3
    first_next = date(d.year + (month == 12), month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def previous_period_end(d: date, cadence: str) -> date:
    end = period_end(d, cadence)
    if cadence == "weekly":
        return end - timedelta(days=7)
    start = date(end.year, end.month - (2 if cadence == "quarterly" else 0), 1)
    return start - timedelta(days=1)


def due_date(end: date, cadence: str) -> date:
    """A period's report is due this many days after it ends (settings.LUOSHI["WORKPLAN_REPORT_DUE_DAYS"])."""
    return end + timedelta(days=int(settings.LUOSHI["WORKPLAN_REPORT_DUE_DAYS"][cadence]))


def owed_period(on: date, cadence: str, start: date) -> date | None:
    """The latest period whose report is already due on `on` (None when the task began after it)."""
    end = previous_period_end(on, cadence)
    while due_date(end, cadence) >= on:
        end = previous_period_end(end, cadence)
    return end if end >= start else None


def missing_report(on: date, cadence: str, start: date, latest_period_end: date | None,
                   closed: bool) -> str | None:
    """“2025年10月的月报未报送(应于2025-11-05前)” when the owed period has no report from the lead unit."""
    if closed:
        return None
    owed = owed_period(on, cadence, start)
    if owed is None or (latest_period_end is not None and latest_period_end >= owed):
        return None
    return _("截至%(p)s的%(c)s未报送(应于%(d)s前)") % {
        "p": owed, "c": {"weekly": _("周报"), "monthly": _("月报"), "quarterly": _("季报")}[cadence],
        "d": due_date(owed, cadence)}


def report_period(on: date, cadence: str, reported: set[date]) -> date:
    """The period a report made on `on` covers: the one just ended while its report is still due and not
    yet made, else the running one."""
    previous = previous_period_end(on, cadence)
    if on <= due_date(previous, cadence) and previous not in reported:
        return previous
    return period_end(on, cadence)
