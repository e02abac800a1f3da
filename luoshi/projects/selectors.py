"""Reads of the project pipeline: the board of the four libraries, each project's alerts (with why),
roll-ups by any dimension with 完成率 and 超过/落后时间进度, the plan sentence a district publishes, and
the wage warnings for the labour department."""
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from luoshi.core.periods import Period, today
from luoshi.core.units import fmt
from luoshi.projects.models import ApprovalStatus, MonthlyReport, Project, Stage, WageRecord

ZERO = Decimal(0)
LIBRARIES = [Stage.RESERVE, Stage.READY, Stage.CONSTRUCTION, Stage.COMPLETED]


def board(user, organisation) -> list[dict]:
    """The four libraries side by side: count, total investment and this year's plan, and the projects."""
    projects = list(Project.objects.for_user(user).filter(organisation=organisation, stage__in=LIBRARIES)
                    .select_related("category", "responsible_unit").order_by("code"))
    return [{"stage": s, "label": s.label, "projects": [p for p in projects if p.stage == s],
             "count": sum(1 for p in projects if p.stage == s),
             "total": sum((p.total_investment for p in projects if p.stage == s), ZERO),
             "plan": sum((p.year_plan for p in projects if p.stage == s), ZERO)} for s in LIBRARIES]


def completed_this_year(projects, year: int, month: int | None = None) -> dict[int, Decimal]:
    """Latest cumulative completed investment of each project in `year` (up to `month`)."""
    reports = MonthlyReport.objects.filter(project__in=projects, year=year)
    if month:
        reports = reports.filter(month__lte=month)
    latest = {}
    for pid, cumulative in reports.order_by("project_id", "month").values_list("project_id", "cumulative"):
        latest[pid] = cumulative
    return latest


@dataclass
class Alert:
    kind: str
    message: str


def lag_message(done: Decimal, plan: Decimal, on: date) -> str | None:
    """“投资完成率X%,落后时间进度Y个百分点” when this year's completion trails the share of the year."""
    rate = (done * 100 / plan).quantize(Decimal("0.1"))
    gap = (Period(on.year, on.month).year_share_pct() - rate).quantize(Decimal("0.1"))
    if gap <= 0:
        return None
    return _("投资完成率%(r)s,落后时间进度%(g)s个百分点") % {"r": fmt(rate, "%"), "g": fmt(gap)}


def overdue_message(approval, on: date) -> str:
    return _("“%(k)s”应于%(d)s办结,已逾期%(n)d天") % {
        "k": approval.kind.name, "d": approval.due_date, "n": (on - approval.due_date).days}


def alerts(project, on: date | None = None) -> list[Alert]:
    """Investment lagging the share of the year, no report this month after the deadline, overdue
    approvals, completed but not in use — each with the reason in words."""
    on = on or today()
    out = []
    if project.stage == Stage.CONSTRUCTION and project.plan_year == on.year and project.year_plan:
        lag = lag_message(completed_this_year([project], on.year).get(project.pk, ZERO), project.year_plan, on)
        if lag:
            out.append(Alert("lag", lag))
        deadline_day = int(settings.LUOSHI.get("PROJECT_REPORT_DEADLINE_DAY", 5))
        previous = Period(on.year, on.month).previous(1)
        if on.day > deadline_day and not project.reports.filter(year=previous.year, month=previous.month).exists():
            out.append(Alert("no_report", _("%(m)d月进度未按时报送(每月%(d)d日前)") % {"m": previous.month,
                                                                               "d": deadline_day}))
    if project.stage in (Stage.RESERVE, Stage.READY):
        for a in project.approvals.select_related("kind").filter(status=ApprovalStatus.PENDING, due_date__lt=on):
            out.append(Alert("approval", overdue_message(a, on)))
    idle = int(settings.LUOSHI.get("COMPLETED_IDLE_DAYS", 90))
    if project.stage == Stage.COMPLETED and project.completed_on and (on - project.completed_on).days > idle:
        out.append(Alert("idle", _("竣工%(n)d天仍未投用") % {"n": (on - project.completed_on).days}))
    return out


@dataclass
class RollupRow:
    label: str
    count: int = 0
    total: Decimal = ZERO
    plan: Decimal = ZERO
    completed: Decimal = ZERO
    new: int = 0
    continuing: int = 0
    keys: list = field(default_factory=list)

    @property
    def rate(self) -> Decimal | None:
        return (self.completed * 100 / self.plan).quantize(Decimal("0.1")) if self.plan else None


DIMENSIONS = {
    "category": lambda p: p.category.name, "unit": lambda p: str(p.responsible_unit or _("未定")),
    "leader": lambda p: p.leader.get_username() if p.leader else _("未定"), "level": lambda p: p.get_level_display(),
    "batch": lambda p: p.get_batch_display() or _("未列批次"), "stage": lambda p: p.get_stage_display(),
}


def rollup(user, organisation, year: int, by: str = "category", month: int | None = None) -> dict:
    """Count, total investment, this year's plan, completed, 完成率 and the gap to the time share, by a
    dimension, with the 续建/新开工 split; the last row is the district total."""
    projects = list(Project.objects.for_user(user).filter(organisation=organisation, plan_year=year)
                    .exclude(stage=Stage.TERMINATED).select_related("category", "responsible_unit", "leader"))
    done = completed_this_year(projects, year, month)
    rows: dict[str, RollupRow] = {}
    total = RollupRow(_("合计"))
    for p in projects:
        for row in (rows.setdefault(DIMENSIONS[by](p), RollupRow(DIMENSIONS[by](p))), total):
            row.count += 1
            row.total += p.total_investment
            row.plan += p.year_plan
            row.completed += done.get(p.pk, ZERO)
            row.new += p.construction == "new"
            row.continuing += p.construction == "continuing"
    on = today()
    last = month or (12 if year < on.year else on.month)
    time_pct = Period(year, last).year_share_pct()
    return {"rows": sorted(rows.values(), key=lambda r: -r.plan) + [total], "time_pct": time_pct, "month": last}


def plan_sentence(user, organisation, year: int) -> str:
    """The plan as the district publishes it: "全年共谋划重点项目356个,总投资2409.2亿元,力争完成投资335.3亿元",
    then one line per category with the count and the floor it must reach (确保…以上)."""
    from luoshi.projects.models import CategoryPlan

    plans = list(CategoryPlan.objects.for_user(user).filter(organisation=organisation, year=year)
                 .select_related("category").order_by("category__order", "category_id"))
    result = rollup(user, organisation, year)
    total, counts = result["rows"][-1], {row.label: row.count for row in result["rows"][:-1]}
    text = _("全年共谋划重点项目%(n)d个,总投资%(t)s亿元,力争完成投资%(p)s亿元。") % {
        "n": total.count, "t": fmt(total.total), "p": fmt(total.plan)}
    for plan in plans:
        text += _("%(c)s领域%(n)d个项目,确保完成投资%(f)s亿元以上。") % {
            "c": plan.category.name, "n": counts.get(plan.category.name, 0), "f": fmt(plan.floor)}
    return text


@dataclass
class WageWarning:
    project: Project
    message: str


def wage_warnings(user, organisation, year: int, month: int) -> list[WageWarning]:
    """农民工工资支付监控预警: under-construction projects whose month is missing or paid less than due."""
    out = []
    projects = Project.objects.for_user(user).filter(organisation=organisation, stage=Stage.CONSTRUCTION)
    records = {r.project_id: r for r in WageRecord.objects.filter(project__in=projects, year=year, month=month)}
    for p in projects.order_by("code"):
        r = records.get(p.pk)
        if r is None:
            out.append(WageWarning(p, _("%(y)d年%(m)d月工资发放未报送") % {"y": year, "m": month}))
        elif r.paid < r.payroll_due:
            out.append(WageWarning(p, _("%(m)d月应发%(d)s万元,实发%(p)s万元,欠发%(o)s万元(%(w)d人)") % {
                "m": month, "d": fmt(r.payroll_due), "p": fmt(r.paid), "o": fmt(r.payroll_due - r.paid),
                "w": r.workers}))
    return out


def my_projects(user):
    """The projects a 分包 leader personally owns."""
    return Project.objects.for_user(user).filter(leader=user).select_related("category").order_by("stage", "code")



def dashboard_panel(organisation, user):
    """The one-screen panel: the four libraries (counts) and the projects whose alerts say they lag."""
    from django.urls import reverse

    from luoshi.dashboard.screen import Figure, Panel
    from luoshi.organisations.models import DISTRICT_KINDS

    if organisation.kind not in DISTRICT_KINDS:
        return None
    libraries = board(user, organisation)
    if not any(lib["count"] for lib in libraries):
        return None
    url = reverse("projects:board", args=[organisation.pk])
    lagging = [Figure(p.name, message, reverse("projects:project", args=[p.pk]))
               for p, message in lagging_projects(libraries)[:5]]
    return Panel("projects", _("重点项目四库"), figures=[Figure(str(lib["label"]), str(lib["count"]), url)
                                                      for lib in libraries], items=lagging)


def lagging_projects(libraries, on: date | None = None) -> list[tuple[Project, str]]:
    """The same lag and overdue-approval rules as `alerts`, for a whole board in two queries."""
    from luoshi.projects.models import ProjectApproval

    on = on or today()
    by_stage = {lib["stage"]: lib["projects"] for lib in libraries}
    building = [p for p in by_stage.get(Stage.CONSTRUCTION, []) if p.plan_year == on.year and p.year_plan]
    done = completed_this_year(building, on.year)
    out = [(p, lag) for p in building if (lag := lag_message(done.get(p.pk, ZERO), p.year_plan, on))]
    early = by_stage.get(Stage.RESERVE, []) + by_stage.get(Stage.READY, [])
    for a in ProjectApproval.objects.filter(project__in=early, status=ApprovalStatus.PENDING, due_date__lt=on) \
            .select_related("kind", "project").order_by("due_date"):
        out.append((a.project, overdue_message(a, on)))
    return out
