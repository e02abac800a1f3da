"""Many tasks judged at once (任务状态批量判定), for the plan, the 督办台账, the panel, the briefing and the API.

One query reads every task with the facts its status can still depend on, joined from where it stands
(`TaskLatest`, kept by the services): the lead unit's latest valid report (its period for every open task;
its percent, and its value for an own measure, only while the deadline has not passed) and its earliest
milestone not done, late if due before the day (same condition) — a closed or overdue task's status does
not depend on them. One more query counts the open notices; the few tasks measured by a ledger target, a
project or an investment target have that record's own lag added. The rule is status.py's; the words are
written only for the rows a page shows (`status.Verdict`), and full records are read only for those rows
(`rows_for`).
"""
import gc
from contextlib import contextmanager
from datetime import date
from decimal import Decimal

from django.db.models import Case, F, OuterRef, Prefetch, Q, Subquery, When
from django.utils.translation import gettext as _

from luoshi.core.periods import today
from luoshi.organisations.selectors import PERSON_RELATED
from luoshi.workplan.models import (
    MeasureKind,
    Milestone,
    Notice,
    NoticeState,
    ProgressReport,
    TaskLatest,
    TaskState,
    WorkTask,
)
from luoshi.workplan.status import Facts, Verdict, close_margin, missing_report

LINKED = (MeasureKind.TARGET, MeasureKind.PROJECT, MeasureKind.INVESTMENT)


class Judged:
    """A task's status and what sorts, filters and counts it, without its full record."""

    __slots__ = ("pk", "section", "parent", "category", "lead_unit", "lead_leader", "deadline", "cadence",
                 "status", "open_notices", "escalated", "facts", "on", "margin")

    def __init__(self, pk, section, parent, category, leads, deadline, cadence, facts: Facts, on: date, margin,
                 notices=(0, 0)):
        self.pk, self.section, self.parent, self.category = pk, section, parent, category
        self.lead_unit, self.lead_leader = leads
        self.deadline, self.cadence, self.facts, self.on, self.margin = deadline, cadence, facts, on, margin
        self.status = Verdict(facts, on, margin)
        self.open_notices, self.escalated = notices

    @property
    def missing(self) -> str | None:
        """The owed report that has not come, in words (worded only when shown)."""
        f = self.facts
        return missing_report(self.on, self.cadence, f.start, f.latest_period, f.closed)


class TaskRow:
    """A judged task with its full record (leads, units, category) and the latest progress text."""

    __slots__ = ("task", "status", "missing", "latest_text", "open_notices", "escalated")

    def __init__(self, task: WorkTask, judged: Judged, latest_text: str):
        self.task, self.status, self.missing, self.latest_text = task, judged.status, judged.missing, latest_text
        self.open_notices, self.escalated = judged.open_notices, judged.escalated


LATEST_FIELDS = ("report_id", "period_end", "percent", "value", "milestone_id", "milestone_due", "milestone_title")


def computed_latest(queryset) -> dict[int, tuple]:
    """Where each task of the queryset stands, derived afresh from its records, by task: the lead unit's
    latest valid report and the earliest milestone not done, with their figures (`LATEST_FIELDS`) — what
    `TaskLatest` keeps."""
    report = ProgressReport.objects.filter(task=OuterRef("pk"), unit=OuterRef("lead_unit_id"),
                                           withdrawn_reason="").order_by("-period_end", "-id")
    milestone = Milestone.objects.filter(task=OuterRef("pk"), done_on__isnull=True).order_by("due", "id")
    pointers = list(queryset.order_by().annotate(r=Subquery(report.values("pk")[:1]),
                                                 m=Subquery(milestone.values("pk")[:1])).values_list("pk", "r", "m"))
    reports = {pk: rest for pk, *rest in ProgressReport.objects.filter(
        pk__in=[r for _t, r, _m in pointers if r]).values_list("pk", "period_end", "percent", "value")}
    milestones = {pk: rest for pk, *rest in Milestone.objects.filter(
        pk__in=[m for _t, _r, m in pointers if m]).values_list("pk", "due", "title")}
    return {pk: (r, *reports.get(r, (None, None, None)), m, *milestones.get(m, (None, ""))) for pk, r, m in pointers}


def in_batches(queryset, size: int = 1000):
    """The queryset's tasks a thousand at a time (as querysets by id), so a rebuild or a check of every
    task never sends one statement with tens of thousands of parameters."""
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), size):
        yield WorkTask.objects.filter(pk__in=ids[start:start + size]), min(start + size, len(ids)), len(ids)


def latest_drift(queryset) -> list[tuple[int, tuple, tuple]]:
    """The tasks whose kept `TaskLatest` is not what their records say: (task, kept, derived)."""
    nothing, out = (None, None, None, None, None, None, ""), []
    for batch, _done, _total in in_batches(queryset):
        kept = {pk: tuple(rest) for pk, *rest in TaskLatest.objects.filter(task__in=batch.values("pk"))
                .values_list("task_id", *LATEST_FIELDS)}
        out += [(pk, kept.get(pk, nothing), derived) for pk, derived in computed_latest(batch).items()
                if kept.get(pk, nothing) != derived]
    return out


def _only(condition, field):
    return Case(When(condition, then=F(field)), default=None)


def judge(queryset, on: date | None = None, notices: dict[int, tuple[int, int]] | None = None) -> list[Judged]:
    """Every task of the queryset with its status, in a constant number of queries. `notices`: each task's
    督办 not answered and escalated, when the caller has counted them already (the 督办台账 orders by them)."""
    on = on or today()
    open_ = ~Q(state=TaskState.CLOSED)
    running = open_ & Q(deadline__gte=on)
    facts = queryset.order_by().annotate(
        r_period=_only(open_, "latest__period_end"), r_percent=_only(running, "latest__percent"),
        r_value=_only(running & Q(measure_kind=MeasureKind.OWN), "latest__value"),
        m_due=_only(running & Q(latest__milestone_due__lt=on), "latest__milestone_due"),
        m_title=_only(running & Q(latest__milestone_due__lt=on), "latest__milestone_title"),
    ).values_list("pk", "section__number", "parent_id", "category_id", "state", "closed_on", "start", "deadline",
                  "cadence", "measure_kind", "measure_value", "r_period", "r_percent", "r_value", "m_due", "m_title",
                  "plan__organisation_id", "lead_unit_id", "lead_leader_id")
    with _collector_paused():
        tasks = _fetch(facts)
    if notices is None:
        notices = {}
        for task_id, state in Notice.objects.filter(task__in=queryset.order_by().values("pk")) \
                .exclude(state=NoticeState.ANSWERED).values_list("task_id", "state"):
            counted = notices.get(task_id, (0, 0))
            notices[task_id] = (counted[0] + 1, counted[1] + (state == NoticeState.ESCALATED))
    linked_ids = [t[0] for t in tasks if t[9] in LINKED]
    linked = _linked_lags(WorkTask.objects.filter(pk__in=linked_ids), on) if linked_ids else {}
    closed, margins = TaskState.CLOSED, {}  # each plan's district judges by its own margin (区级设置)
    out = []
    with _collector_paused():
        for (pk, section, parent, category, state, closed_on, start, deadline, cadence, _kind, m_value, period, pct,
             value, m_due, m_title, district, lead_unit, lead_leader) in tasks:
            if district not in margins:
                margins[district] = close_margin(district)
            margin = margins[district]
            # Facts by position (closed, closed_on, start, deadline, reports, latest percent, value and period,
            # measure value and unit, late milestone, linked lag): a fifth cheaper than by keyword here.
            f = Facts(state == closed, closed_on, start, deadline, int(period is not None), pct, value, period,
                      m_value, "", (m_due, m_title) if m_due is not None else None, linked.get(pk))
            out.append(Judged(pk, section, parent, category, (lead_unit, lead_leader), deadline, cadence, f, on,
                              margin, notices.get(pk, (0, 0))))
    return out


@contextmanager
def _collector_paused():
    """The cyclic garbage collector held off while thousands of small acyclic records are built: otherwise
    each of its full passes walks the whole heap again, a fifth of a 5,000-task judgement (freed objects
    are still freed at once by reference counting; collection resumes afterwards)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _date(value):
    return date.fromisoformat(value) if isinstance(value, str) else value


def _decimal(places: int | None):
    """A number as the ORM gives it: a model column quantized to its places, an annotation as it comes."""
    exponent = Decimal(1).scaleb(-places) if places is not None else None

    def read(value):
        if isinstance(value, Decimal):
            return value
        number = Decimal(str(value))
        return number.quantize(exponent) if exponent is not None else number
    return read


# How each column of the facts query is read: SQLite hands back dates as text and decimals as numbers,
# PostgreSQL as date and Decimal. Django's per-value converters (a regular expression per date) cost a
# third of the fetch; these do the same for the few types this one query returns.
_READ = (None, None, None, None, None, _date, _date, _date, None, None,
         _decimal(WorkTask._meta.get_field("measure_value").decimal_places), _date,
         _decimal(None), _decimal(None), _date, None, None, None, None)


def _fetch(facts) -> list[tuple]:
    """The facts query run as the ORM compiled it, its columns read by `_READ`."""
    from django.core.exceptions import EmptyResultSet
    from django.db import connections

    try:
        sql, params = facts.query.sql_with_params()
    except EmptyResultSet:  # a queryset that can match nothing (none(), pk__in=[]) has no SQL at all
        return []
    connection = connections[facts.db]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if connection.vendor == "postgresql":  # dates and Decimals already, as the ORM would give them
        return rows
    readers = [(i, r) for i, r in enumerate(_READ) if r is not None]
    out = []
    for row in rows:
        row = list(row)
        for i, read in readers:
            if row[i] is not None:
                row[i] = read(row[i])
        out.append(row)
    return out


def rows_for(judged: list[Judged], cooperating: bool = False) -> list[TaskRow]:
    """The full rows (records with their leads, and the latest progress text) of the judged tasks, in the
    given order: a page asks this only for the rows it shows. The leaders are read once each, not once per
    row. With `cooperating`, each task's cooperating units, section and plan come too (the API and the
    Excel list name them; the pages do not, and fetching them for 50 rows was a third of this call)."""
    from django.contrib.auth import get_user_model

    if not judged:
        return []
    people = get_user_model().objects.select_related(*PERSON_RELATED)
    tasks = WorkTask.objects.filter(pk__in=[j.pk for j in judged]).order_by().annotate(
        latest_text=F("latest__report__text")).select_related("lead_unit", "category").prefetch_related(
        Prefetch("lead_leader", queryset=people))
    if cooperating:
        tasks = tasks.select_related("section", "plan").prefetch_related("cooperating_units")
    tasks = {t.pk: t for t in tasks}
    return [TaskRow(tasks[j.pk], j, tasks[j.pk].latest_text or "") for j in judged]


def _linked_lags(tasks, on: date) -> dict[int, str]:
    """The lag, in the linked record's own words, of tasks measured by a target, project or investment target:
    each kind's records read and judged together (a query or two per kind, not per task; a relative, share or
    total target still reads its linked figures itself, as `target_status` does)."""
    from luoshi.core.status import Status
    from luoshi.indicators.selectors import latest_statuses
    from luoshi.investment.selectors import statuses_on
    from luoshi.projects.selectors import completed_this_year, lag_message

    tasks = list(tasks.select_related("target__indicator", "project", "investment_target"))
    by_target = [t for t in tasks if t.measure_kind == MeasureKind.TARGET and t.target_id]
    by_project = [t for t in tasks if t.measure_kind == MeasureKind.PROJECT and t.project_id]
    by_investment = [t for t in tasks if t.measure_kind == MeasureKind.INVESTMENT and t.investment_target_id]
    out = {}
    targets = latest_statuses([t.target for t in by_target])
    for task in by_target:
        result = targets[task.target_id]
        if result.status == Status.BEHIND:
            out[task.pk] = _("%(i)s：%(r)s") % {"i": task.target.indicator, "r": result.reason}
    done = completed_this_year([t.project for t in by_project], on.year) if by_project else {}
    for task in by_project:
        p = task.project
        message = lag_message(done.get(p.pk, Decimal(0)), p.year_plan, on) if p.year_plan else None
        if message:
            out[task.pk] = _("%(p)s：%(m)s") % {"p": p.name, "m": message}
    investments = statuses_on([t.investment_target for t in by_investment], on)
    for task in by_investment:
        result = investments[task.investment_target_id]
        if result.status == Status.BEHIND:
            out[task.pk] = result.reason
    return out
