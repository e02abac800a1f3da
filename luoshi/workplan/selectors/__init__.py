"""Reads of the work plan for pages, exports, the API, the panel, the briefing and the letters' scores.

Statuses of many tasks come from `judging.judge` in a constant number of queries, whatever their number; a
page counts and filters the whole plan from those verdicts and reads full records (`rows_for`) only for the
rows it shows. The rules are status.py's.
"""
from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from luoshi.core import audit
from luoshi.core.periods import today
from luoshi.core.rates import percent
from luoshi.organisations.access import visible_organisations
from luoshi.organisations.models import UNIT_KINDS
from luoshi.organisations.selectors import PERSON_RELATED
from luoshi.workplan.judging import Judged, TaskRow, judge, rows_for
from luoshi.workplan.models import RECTIFICATION, MeasureKind, TaskCategory, TaskState, WorkPlan, WorkTask
from luoshi.workplan.status import URGENCY, WorkStatus

__all__ = ["URGENCY", "Judged", "TaskRow", "judge", "rows_for"]



def plan_order(j: Judged):
    """Sections in number order (none last), each sub-task right after its parent."""
    return (j.section if j.section is not None else 10**6, j.parent or j.pk, j.parent is not None, j.pk)


def rows_of(queryset, on: date | None = None) -> list[TaskRow]:
    return rows_for(sorted(judge(queryset, on), key=plan_order))


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


def filtered(tasks, filters: dict):
    """The tasks the plan page's filters other than the status keep (leader, unit led or cooperated on,
    category, words of the task)."""
    if "leader" in filters:
        tasks = tasks.filter(lead_leader_id=filters["leader"])
    if "unit" in filters:
        tasks = tasks.filter(Q(lead_unit_id=filters["unit"]) | Q(
            pk__in=WorkTask.cooperating_units.through.objects.filter(organisation_id=filters["unit"])
            .values("worktask_id")))
    if "category" in filters:
        tasks = tasks.filter(category_id=filters["category"])
    if "q" in filters:
        tasks = tasks.filter(title__contains=filters["q"])
    return tasks


def plan_judged(user, plan: WorkPlan, filters: dict | None = None, on: date | None = None) -> list[Judged]:
    """The plan's tasks the user may see, filtered, judged and in plan order (status filter included)."""
    return plan_overview(user, plan, filters, on)[1]


def plan_overview(user, plan: WorkPlan, filters: dict | None = None,
                  on: date | None = None) -> tuple[list[Judged], list[Judged]]:
    """The whole plan judged once (the page's counts are of it all) and the tasks the filters keep, both in
    plan order; a filter other than the status is one query for the ids it keeps."""
    filters = filters or {}
    everything = sorted(judge(WorkTask.objects.for_user(user).filter(plan=plan), on), key=plan_order)
    shown = everything
    if filters.keys() - {"status"}:
        kept = set(filtered(WorkTask.objects.for_user(user).filter(plan=plan), filters).values_list("pk", flat=True))
        shown = [j for j in shown if j.pk in kept]
    if "status" in filters:
        shown = [j for j in shown if j.status.status == filters["status"]]
    return everything, shown


def plan_rows(user, plan: WorkPlan, filters: dict | None = None, on: date | None = None,
              cooperating: bool = False) -> list[TaskRow]:
    return rows_for(plan_judged(user, plan, filters, on), cooperating)


def by_section(plan: WorkPlan, rows: list[TaskRow], whole: bool = False) -> list[tuple[object, list[TaskRow]]]:
    """Sections in number order, each with its rows (sub-tasks under their parent), tasks without a section
    last; with `whole`, also the sections that have no task yet."""
    groups: dict = {s.pk: (s, []) for s in plan.sections.all()}
    loose: list = []
    for r in rows:
        (groups[r.task.section_id][1] if r.task.section_id in groups else loose).append(r)
    out = [g for g in groups.values() if g[1] or whole]
    return out + ([(None, loose)] if loose else [])


def status_counts(rows) -> dict[str, int]:
    """Tasks per status, of TaskRows or Judged alike."""
    counts = {s: 0 for s in WorkStatus.values}
    for r in rows:
        counts[r.status.status] += 1
    return counts


def filter_choices(tasks, leaders: set, units: set, categories: set) -> dict:
    """The plan page's filter options — the leaders, units and categories of the tasks the user sees
    (`tasks`), from the ids of their leaders, lead units and categories, plus one query for cooperating units."""
    from django.contrib.auth import get_user_model

    from luoshi.organisations.models import Organisation

    units = set(units) | set(WorkTask.cooperating_units.through.objects.filter(
        worktask__in=tasks.order_by().values("pk")).values_list("organisation_id", flat=True).distinct())
    return {"leaders": get_user_model().objects.filter(pk__in=leaders).select_related(*PERSON_RELATED).order_by("pk"),
            "units": Organisation.objects.filter(pk__in=units).order_by("kind", "pk"),
            "categories": list(TaskCategory.objects.filter(pk__in=categories)),
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
    return rows_for(sorted(judge(qs, on), key=urgency))


def urgency(j):
    return (URGENCY[j.status.status], -j.escalated, -j.open_notices, j.deadline, j.pk)


def ledger_tasks(user, district, year: int | None = None, status: str | None = None):
    """The 督办台账's tasks: the district's not yet closed (the closed ones for 已完成), of one year if asked."""
    tasks = WorkTask.objects.for_user(user).filter(plan__organisation=district)
    if status != WorkStatus.DONE:
        tasks = tasks.exclude(state=TaskState.CLOSED)
    return tasks.filter(plan__year=year) if year else tasks


def ledger_judged(user, district, on: date | None = None, year: int | None = None,
                  status: str | None = None) -> list[Judged]:
    """督办台账: every task of the district not yet closed, the most urgent first (超期, then 滞后, with
    escalated and open notices before the rest, then the nearest deadline); of one status if asked (已完成
    then lists the closed tasks)."""
    judged = sorted(judge(ledger_tasks(user, district, year, status), on), key=urgency)
    return [j for j in judged if j.status.status == status] if status else judged


def ledger(user, district, on: date | None = None, year: int | None = None, status: str | None = None):
    return rows_for(ledger_judged(user, district, on, year, status))


def task_row(task: WorkTask, on: date | None = None) -> TaskRow:
    return rows_of(WorkTask.objects.filter(pk=task.pk), on)[0]


def reports_of(task):
    return task.reports.select_related("unit", *[f"reported_by__{r}" for r in PERSON_RELATED],
                                       "milestone").prefetch_related("files") \
        .order_by("-period_end", "-id")


def steps_of(task):
    from luoshi.workplan.services import action_label

    return [(s, action_label(s.action)) for s in task.steps.select_related(*[f"actor__{r}" for r in PERSON_RELATED],
                                                                           "notice")
            .order_by("at", "id")]


# The task's facts its history shows, by the column each is kept in (people and units named, not by id).
HISTORY_FIELDS = ["title", "number", "section_id", "lead_leader_id", "lead_unit_id", "start", "deadline", "category_id",
                  "cadence", "measure_kind", "target_id", "project_id", "investment_target_id", "measure_wording",
                  "problem", "standard", "state", "closed_on"]


def task_history(task, limit: int = 200) -> list[audit.AuditEntry]:
    """Every saved version of the task in words: who (name and post), when, each changed field by its label
    from the old value to the new (people, units, sections and categories by name, choices by label), why."""
    found = audit.entries(WorkTask, task.history.all(), HISTORY_FIELDS, str(_("任务")), lambda rec: rec.title[:40])
    return audit.newest_first(found, limit)


def rectification_rate(counts_by_category: dict[int, dict[str, int]], categories) -> tuple[int, int, Decimal | None]:
    """整改完成率: rectification problems (督察整改) closed (销号) over all of them; `categories` are the
    plan's (TaskCategory records)."""
    category = next((c.pk for c in categories if c.name == RECTIFICATION), None)
    counts = counts_by_category.get(category, {}) if category is not None else {}
    done, total = counts.get(WorkStatus.DONE, 0), sum(counts.values())
    return done, total, percent(done, total)


def letter_ratio(task: WorkTask, as_of: date) -> tuple[Decimal, str]:
    """How a responsibility letter scores a linked task: 已完成 in full, 超期 nothing, otherwise the reported
    share done (no report: nothing)."""
    from luoshi.workplan.status import completion_pct

    judged = judge(WorkTask.objects.filter(pk=task.pk), as_of)[0]
    status = judged.status
    if status.status == WorkStatus.DONE:
        ratio = Decimal(1)
    elif status.status == WorkStatus.OVERDUE:
        ratio = Decimal(0)
    else:
        done = completion_pct(judged.facts)
        ratio = min(Decimal(1), done / 100) if done is not None else Decimal(0)
    return ratio, _("重点工作“%(t)s”%(s)s(%(r)s)") % {"t": task.title[:40], "s": status.label, "r": status.reason}


def rows_of_ids(ids: list[int], on: date | None = None, notices: dict[int, tuple[int, int]] | None = None
                ) -> list[TaskRow]:
    """The tasks of `ids` (already scoped), judged afresh and in words, with their full records, in that order
    (`notices` as `judge` takes them)."""
    judged = {j.pk: j for j in judge(WorkTask.objects.filter(pk__in=ids), on, notices)} if ids else {}
    return rows_for([judged[pk] for pk in ids])


def district_summary(user, district, year: int, on: date | None = None) -> dict:
    """Counts by status of a district's tasks of the year, and the overdue ones, most urgent first (for the
    district's page, the panel and the briefing): from the statuses as kept where they hold."""
    from luoshi.workplan.standing import standing

    tasks = WorkTask.objects.for_user(user).filter(plan__organisation=district, plan__year=year)
    kept = standing(tasks, district, on)
    if kept is None:
        return summary_of(tasks, on)
    counts = kept.counts()[0]
    overdue = list(kept.by_urgency(kept.of_status(WorkStatus.OVERDUE)).values_list("pk", flat=True))
    return {"counts": counts, "total": sum(counts.values()), "overdue": rows_of_ids(overdue, on)}


def summary_of(queryset, on: date | None = None) -> dict:
    judged = judge(queryset, on)
    return {"counts": status_counts(judged), "total": len(judged),
            "overdue": rows_for(sorted([j for j in judged if j.status.status == WorkStatus.OVERDUE], key=urgency))}


def progress_sentence(summary: dict, year: int) -> str:
    """“2026年重点工作共33项，已完成（销号）2项，按期推进22项，滞后5项，超期4项；超期的有“…”（须水街道牵头）
    等4项。”: the paragraph of the briefing and the line of the pages, from the counts."""
    counts, total = summary["counts"], summary["total"]
    if not total:
        return _("%(y)d年尚无重点工作任务数据。") % {"y": year}
    parts = [_("%(l)s%(n)d项") % {"l": WorkStatus(s).label if s != WorkStatus.DONE else _("已完成（销号）"),
                                  "n": counts[s]}
             for s in (WorkStatus.DONE, WorkStatus.ON_TRACK, WorkStatus.BEHIND, WorkStatus.OVERDUE,
                       WorkStatus.NOT_STARTED) if counts[s]]
    text = _("%(y)d年重点工作共%(t)d项，%(p)s") % {"y": year, "t": total, "p": _("，").join(parts)}
    overdue = summary["overdue"]
    if overdue:
        first = overdue[0].task
        text += _("；超期的有“%(t)s”（%(u)s牵头）") % {"t": first.title[:24], "u": first.lead_unit}
        text += _("等%(n)d项") % {"n": len(overdue)} if len(overdue) > 1 else ""
    return text + "。"


def _briefing_summary(organisation, period) -> dict | None:
    """A district's tasks of the period's year as they stood at the period's end (or today, for the running
    month); None for a non-district or a year without tasks."""
    from luoshi.organisations.models import DISTRICT_KINDS

    if organisation.kind not in DISTRICT_KINDS:
        return None
    on = min(today(), date(period.year + (period.month == 12), period.month % 12 + 1, 1))
    summary = summary_of(WorkTask.objects.filter(plan__organisation=organisation, plan__year=period.year), on)
    return summary if summary["total"] else None


def briefing_section(organisation, period) -> tuple[str, str] | None:
    """The briefing's “重点工作推进情况” paragraph for a district, computed from its tasks."""
    summary = _briefing_summary(organisation, period)
    if summary is None:
        return None
    return _("重点工作推进情况"), progress_sentence(summary, period.year)


def briefing_problem(organisation, period) -> str | None:
    """The briefing's 存在问题 line for the work plan: how many tasks are behind or overdue (None: none)."""
    summary = _briefing_summary(organisation, period)
    if summary is None:
        return None
    behind, overdue = summary["counts"][WorkStatus.BEHIND], summary["counts"][WorkStatus.OVERDUE]
    if not behind and not overdue:
        return None
    return _("重点工作滞后%(b)d项、超期%(o)d项") % {"b": behind, "o": overdue}


def measure_progress(task: WorkTask, on: date | None = None) -> str:
    """Where a task's linked measure stands, in the linked record's own words (the task page): the ledger
    target's status on its latest figure, the project's investment completed this year against its year's
    plan, the investment target's signed projects; "" for a task without a linked record."""
    on = on or today()
    if task.measure_kind == MeasureKind.TARGET and task.target is not None:
        from luoshi.indicators.selectors import latest_status

        result = latest_status(task.target)
        return _("%(s)s：%(r)s") % {"s": result.label, "r": result.reason}
    if task.measure_kind == MeasureKind.PROJECT and task.project is not None:
        from luoshi.projects.selectors import completed_this_year, lag_message

        p = task.project
        done = completed_this_year([p], on.year).get(p.pk, Decimal(0))
        words = _("本年已完成投资%(d)s亿元，年度计划%(p)s亿元") % {"d": _plain(done), "p": _plain(p.year_plan)}
        lag = lag_message(done, p.year_plan, on) if p.year_plan else None
        return _("%(w)s；%(l)s") % {"w": words, "l": lag} if lag else words
    if task.measure_kind == MeasureKind.INVESTMENT and task.investment_target is not None:
        from luoshi.investment.selectors import progress_of, signed_by

        t = task.investment_target
        result = progress_of([t], signed_by(t.organisation, on), t.year, on)[0]["status"]
        return _("%(s)s：%(r)s") % {"s": result.label, "r": result.reason}
    return ""


# A measure kind that links a record: kind -> the task's field holding it.
LINK_FIELDS: dict[str, str] = {MeasureKind.TARGET: "target", MeasureKind.PROJECT: "project",
               MeasureKind.INVESTMENT: "investment_target"}


def linked_label(field: str, record) -> str:
    """A record linked in the task's `field` as the task form offers it and the Excel import reads it: a
    ledger target as "2025 固定资产投资增长8%", an investment target by year, what it measures and its
    wording, a project by its name."""
    if field == "target":
        return f"{record.year} {record.indicator.name}{record.wording}"
    if field == "investment_target":
        return f"{record.year} {record.label()}{record.wording}"
    return str(record)


def measure_of(task: WorkTask, on: date | None = None) -> dict:
    """A task's measure as the API gives it: the kind by code and in words, an own measure's wording, value
    and unit, the linked record (field, id and label) and the same 指标进度 sentence as the task page."""
    field = LINK_FIELDS.get(task.measure_kind, "")
    record = getattr(task, field) if field and getattr(task, f"{field}_id") else None
    return {"kind": task.measure_kind, "kind_label": str(task.get_measure_kind_display()),
            "wording": task.measure_wording, "value": task.measure_value, "unit": task.measure_unit,
            "linked": {"field": field, "id": record.pk, "label": linked_label(field, record)} if record else None,
            "progress": measure_progress(task, on)}


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def task_choices(user, plan: WorkPlan) -> dict:
    """What a task form may name, all of the plan's district: its sections, leaders (区领导), units and the
    categories."""
    from luoshi.organisations.access import district_leaders

    district = plan.organisation
    return {"sections": list(plan.sections.all()),
            "leaders": list(district_leaders(district).select_related("profile").order_by("pk")),
            "units": list(visible_units(user, district)), "categories": list(TaskCategory.objects.all())}


def measure_choices(plan: WorkPlan) -> dict:
    """The records a task's measure may link, all of the plan's district (through the other apps'
    selectors): its ledger targets and investment targets of the plan's year and the next, its projects."""
    from luoshi.indicators.selectors import targets_of as ledger_targets
    from luoshi.investment.selectors import targets_of as investment_targets
    from luoshi.projects.selectors import projects_of

    district, years = plan.organisation, (plan.year, plan.year + 1)
    return {"targets": ledger_targets(district, years),
            "projects": list(projects_of(district).order_by("name", "pk")),
            "investment_targets": list(investment_targets(district).filter(year__in=years).order_by("-year", "pk"))}


def visible_units(user, district):
    """The district's units a form may offer (lead and cooperating units)."""
    return visible_organisations(user).filter(district=district, kind__in=UNIT_KINDS).order_by("kind", "pk")
