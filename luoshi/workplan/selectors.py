"""Reads of the work plan for pages, exports, the API, the panel, the briefing and the letters' scores.

Statuses of many tasks come from one query: each task carries, as subqueries, the count and the latest of
its lead unit's valid reports and its earliest missed milestone; the few tasks whose measure is linked to a
ledger target, a project or an investment target have that record's own lag added (status.py decides).
"""
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from luoshi.core import audit
from luoshi.core.periods import today
from luoshi.core.workflow import percent
from luoshi.workplan.models import (RECTIFICATION, MeasureKind, Milestone, Notice, NoticeState, ProgressReport,
                                    TaskState, WorkPlan, WorkTask)
from luoshi.workplan.status import Facts, TaskStatus, WorkStatus, missing_report, task_status

URGENCY = {WorkStatus.OVERDUE: 0, WorkStatus.BEHIND: 1, WorkStatus.NOT_STARTED: 2, WorkStatus.ON_TRACK: 3,
           WorkStatus.DONE: 4}


@dataclass
class TaskRow:
    task: WorkTask
    status: TaskStatus
    missing: str | None
    latest_text: str
    open_notices: int
    escalated: int


def annotated(queryset, on: date):
    """Tasks with what their status needs, computed by the database."""
    lead_reports = ProgressReport.objects.filter(task=OuterRef("pk"), unit=OuterRef("lead_unit_id"),
                                                 withdrawn_reason="").order_by("-period_end", "-id")
    late = Milestone.objects.filter(task=OuterRef("pk"), done_on__isnull=True, due__lt=on).order_by("due", "id")
    notices = Notice.objects.filter(task=OuterRef("pk")).exclude(state=NoticeState.ANSWERED)
    return queryset.annotate(
        n_reports=Coalesce(Subquery(lead_reports.order_by().values("task").annotate(n=Count("id")).values("n"),
                                    output_field=IntegerField()), 0),
        latest_percent=Subquery(lead_reports.values("percent")[:1]),
        latest_value=Subquery(lead_reports.values("value")[:1]),
        latest_period=Subquery(lead_reports.values("period_end")[:1]),
        latest_text=Subquery(lead_reports.values("text")[:1]),
        late_due=Subquery(late.values("due")[:1]),
        late_title=Subquery(late.values("title")[:1]),
        open_notices=Coalesce(Subquery(notices.order_by().values("task").annotate(n=Count("id")).values("n"),
                                       output_field=IntegerField()), 0),
        escalated=Coalesce(Subquery(notices.filter(state=NoticeState.ESCALATED).order_by().values("task")
                                    .annotate(n=Count("id")).values("n"), output_field=IntegerField()), 0),
    ).select_related("lead_unit", "lead_leader__profile", "category", "section", "plan")


def _linked_lags(tasks: list[WorkTask], on: date) -> dict[int, str]:
    """The lag, in the linked record's own words, of tasks measured by a target, project or investment target."""
    out = {}
    for task in tasks:
        if task.measure_kind == MeasureKind.TARGET and task.target_id:
            from luoshi.core.status import Status
            from luoshi.indicators.models import Actual
            from luoshi.indicators.status import target_status

            t = task.target
            actual = Actual.objects.filter(organisation_id=t.organisation_id, indicator_id=t.indicator_id,
                                           year=t.year).order_by("-month").first()
            result = target_status(t, actual)
            if result.status == Status.BEHIND:
                out[task.pk] = _("%(i)s:%(r)s") % {"i": t.indicator, "r": result.reason}
        elif task.measure_kind == MeasureKind.PROJECT and task.project_id:
            from luoshi.projects.selectors import completed_this_year, lag_message

            p = task.project
            done = completed_this_year([p], on.year).get(p.pk, Decimal(0))
            message = lag_message(done, p.year_plan, on) if p.year_plan else None
            if message:
                out[task.pk] = _("%(p)s:%(m)s") % {"p": p.name, "m": message}
        elif task.measure_kind == MeasureKind.INVESTMENT and task.investment_target_id:
            from luoshi.core.status import Status
            from luoshi.investment.models import InvestmentProject
            from luoshi.investment.selectors import progress_of

            t = task.investment_target
            signed = InvestmentProject.objects.filter(organisation_id=t.organisation_id, signed_date__lte=on)
            result = progress_of([t], signed, t.year, on)[0]["status"]
            if result.status == Status.BEHIND:
                out[task.pk] = result.reason
    return out


def facts_of(task, linked: str | None = None) -> Facts:
    return Facts(closed=task.state == TaskState.CLOSED, closed_on=task.closed_on, start=task.start,
                 deadline=task.deadline, reports=task.n_reports, latest_percent=task.latest_percent,
                 latest_value=task.latest_value, measure_value=task.measure_value, measure_unit=task.measure_unit,
                 late_milestone=(task.late_due, task.late_title) if task.late_due else None, linked_behind=linked)


def rows_of(queryset, on: date | None = None) -> list[TaskRow]:
    on = on or today()
    tasks = list(annotated(queryset, on))
    linked = _linked_lags([t for t in tasks if t.measure_kind in (MeasureKind.TARGET, MeasureKind.PROJECT,
                                                                  MeasureKind.INVESTMENT)], on)
    return [TaskRow(t, task_status(facts_of(t, linked.get(t.pk)), on),
                    missing_report(on, t.cadence, t.start, t.latest_period, t.state == TaskState.CLOSED),
                    t.latest_text or "", t.open_notices, t.escalated) for t in tasks]


# --- pages ---------------------------------------------------------------------------------------

def plans_of(user, district):
    """The district's plans the user may see, newest year first."""
    return WorkPlan.objects.for_user(user).filter(organisation=district).order_by("-year", "id")


def clean_filters(params) -> dict:
    """The plan page's filters (leader, unit, status, category) from the query string; junk is dropped."""
    out = {}
    for name in ("leader", "unit", "category"):
        value = params.get(name, "")
        if value.isdigit():
            out[name] = int(value)
    if params.get("status") in WorkStatus.values:
        out["status"] = params["status"]
    if params.get("q"):
        out["q"] = params["q"][:50]
    return out


def plan_rows(user, plan: WorkPlan, filters: dict | None = None, on: date | None = None) -> list[TaskRow]:
    filters = filters or {}
    qs = WorkTask.objects.for_user(user).filter(plan=plan)
    if "leader" in filters:
        qs = qs.filter(lead_leader_id=filters["leader"])
    if "unit" in filters:
        qs = qs.filter(Q(lead_unit_id=filters["unit"]) | Q(cooperating_units=filters["unit"])).distinct()
    if "category" in filters:
        qs = qs.filter(category_id=filters["category"])
    if "q" in filters:
        qs = qs.filter(title__contains=filters["q"])
    rows = rows_of(qs.order_by(F("section__number").asc(nulls_last=True), "parent_id", "id"), on)
    if "status" in filters:
        rows = [r for r in rows if r.status.status == filters["status"]]
    return rows


def by_section(plan: WorkPlan, rows: list[TaskRow]) -> list[tuple[object, list[TaskRow]]]:
    """Sections in number order, each with its rows (sub-tasks under their parent); tasks without a
    section last."""
    groups: dict = {s.pk: (s, []) for s in plan.sections.all()}
    loose = []
    for r in rows:
        (groups[r.task.section_id][1] if r.task.section_id in groups else loose).append(r)
    out = [g for g in groups.values() if g[1] or not rows]
    return out + ([(None, loose)] if loose else [])


def status_counts(rows: list[TaskRow]) -> dict[str, int]:
    counts = {s: 0 for s in WorkStatus.values}
    for r in rows:
        counts[r.status.status] += 1
    return counts


def filter_choices(user, plan: WorkPlan) -> dict:
    from django.contrib.auth import get_user_model

    from luoshi.organisations.models import Organisation
    from luoshi.workplan.models import TaskCategory

    tasks = WorkTask.objects.for_user(user).filter(plan=plan)
    units = set(tasks.values_list("lead_unit_id", flat=True)) | set(
        tasks.values_list("cooperating_units", flat=True))
    return {"leaders": get_user_model().objects.filter(pk__in=tasks.values("lead_leader_id"))
            .select_related("profile").order_by("pk"),
            "units": Organisation.objects.filter(pk__in=units - {None}).order_by("kind", "pk"),
            "categories": TaskCategory.objects.filter(pk__in=tasks.values("category_id")),
            "statuses": WorkStatus.choices}


def mine(user, on: date | None = None) -> list[TaskRow]:
    """我牵头的: a leader's tasks (as 牵头领导), a unit's tasks (led, then cooperated on); urgent first."""
    from luoshi.organisations.access import role_of
    from luoshi.organisations.models import Role

    qs = WorkTask.objects.for_user(user).exclude(state=TaskState.CLOSED)
    role = role_of(user)
    if role == Role.DISTRICT_LEADER:
        qs = qs.filter(lead_leader=user)
    elif role != Role.UNIT_STAFF:
        qs = qs.none()
    return sorted(rows_of(qs, on), key=urgency)


def urgency(r: TaskRow):
    return (URGENCY[WorkStatus(r.status.status)], -r.escalated, -r.open_notices, r.task.deadline, r.task.pk)


def ledger(user, district, on: date | None = None, year: int | None = None, status: str | None = None) -> list[TaskRow]:
    """督办台账: every task of the district not yet closed, the most urgent first (超期, then 滞后, with
    escalated and open notices before the rest, then the nearest deadline); of one status if asked (已完成
    then lists the closed tasks)."""
    qs = WorkTask.objects.for_user(user).filter(plan__organisation=district)
    if status != WorkStatus.DONE:
        qs = qs.exclude(state=TaskState.CLOSED)
    if year:
        qs = qs.filter(plan__year=year)
    rows = sorted(rows_of(qs, on), key=urgency)
    return [r for r in rows if r.status.status == status] if status else rows


def task_row(task: WorkTask, on: date | None = None) -> TaskRow:
    return rows_of(WorkTask.objects.filter(pk=task.pk), on)[0]


def reports_of(task):
    return task.reports.select_related("unit", "reported_by__profile", "milestone").prefetch_related("files") \
        .order_by("-period_end", "-id")


def steps_of(task):
    from luoshi.workplan.services import action_label

    return [(s, action_label(s.action)) for s in task.steps.select_related("actor__profile", "notice")
            .order_by("at", "id")]


def task_history(task, limit: int = 200) -> list[audit.AuditEntry]:
    fields = ["title", "deadline", "lead_unit", "lead_leader", "state", "measure_wording", "category"]
    return audit.newest_first(audit.entries(WorkTask, task.history.all(), fields, str(_("任务")),
                                            lambda rec: rec.title[:40]), limit)


def rectification_rate(rows: list[TaskRow]) -> tuple[int, int, Decimal | None]:
    """整改完成率: rectification problems closed (销号) over all of them."""
    problems = [r for r in rows if r.task.category.name == RECTIFICATION]
    done = sum(1 for r in problems if r.status.status == WorkStatus.DONE)
    return done, len(problems), percent(done, len(problems))


def letter_ratio(task: WorkTask, as_of: date) -> tuple[Decimal, str]:
    """How a responsibility letter scores a linked task: 已完成 in full, 超期 nothing, otherwise the reported
    share done (no report: nothing)."""
    row = task_row(task, as_of)
    status = row.status
    if status.status == WorkStatus.DONE:
        ratio = Decimal(1)
    elif status.status == WorkStatus.OVERDUE:
        ratio = Decimal(0)
    else:
        from luoshi.workplan.status import completion_pct

        done = completion_pct(facts_of(row.task))
        ratio = min(Decimal(1), done / 100) if done is not None else Decimal(0)
    return ratio, _("重点工作“%(t)s”%(s)s(%(r)s)") % {"t": task.title[:40], "s": status.label, "r": status.reason}


def district_summary(user, district, year: int, on: date | None = None) -> dict:
    """Counts by status of a district's tasks of the year, and the overdue ones (for the panel and briefing)."""
    qs = WorkTask.objects.for_user(user).filter(plan__organisation=district, plan__year=year)
    rows = rows_of(qs, on)
    return {"rows": rows, "counts": status_counts(rows), "total": len(rows),
            "overdue": sorted([r for r in rows if r.status.status == WorkStatus.OVERDUE], key=urgency)}


def progress_sentence(summary: dict, year: int) -> str:
    """“2026年重点工作共33项,已完成(销号)2项,按期推进22项,滞后5项,超期4项,未启动0项;超期的有“…”(须水街道牵头)
    等4项。”: the paragraph of the briefing and the line of the pages, from the counts."""
    counts, total = summary["counts"], summary["total"]
    if not total:
        return _("%(y)d年尚无重点工作任务数据。") % {"y": year}
    parts = [_("%(l)s%(n)d项") % {"l": WorkStatus(s).label if s != WorkStatus.DONE else _("已完成(销号)"),
                                  "n": counts[s]}
             for s in (WorkStatus.DONE, WorkStatus.ON_TRACK, WorkStatus.BEHIND, WorkStatus.OVERDUE,
                       WorkStatus.NOT_STARTED) if counts[s]]
    text = _("%(y)d年重点工作共%(t)d项,%(p)s") % {"y": year, "t": total, "p": ",".join(parts)}
    overdue = summary["overdue"]
    if overdue:
        first = overdue[0].task
        text += _(";超期的有“%(t)s”(%(u)s牵头)") % {"t": first.title[:24], "u": first.lead_unit}
        text += _("等%(n)d项") % {"n": len(overdue)} if len(overdue) > 1 else ""
    return text + "。"


def briefing_section(organisation, period) -> tuple[str, str] | None:
    """The briefing's “重点工作推进情况” paragraph for a district, computed from its tasks of the period's year
    as they stood at the period's end (or today, for the running month)."""
    from luoshi.organisations.models import DISTRICT_KINDS

    if organisation.kind not in DISTRICT_KINDS:
        return None
    on = min(today(), date(period.year + (period.month == 12), period.month % 12 + 1, 1))
    rows = rows_of(WorkTask.objects.filter(plan__organisation=organisation, plan__year=period.year), on)
    if not rows:
        return None
    summary = {"rows": rows, "counts": status_counts(rows), "total": len(rows),
               "overdue": sorted([r for r in rows if r.status.status == WorkStatus.OVERDUE], key=urgency)}
    return _("重点工作推进情况"), progress_sentence(summary, period.year)
