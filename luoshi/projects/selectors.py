"""Reads of the project pipeline: the board of the four libraries, each project's alerts (with why),
roll-ups by any dimension with 完成率 and 超过/落后时间进度, the plan sentence a district publishes, and
the wage warnings for the labour department."""
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _

from luoshi.core import audit
from luoshi.core.params import filter_id, filter_year
from luoshi.core.periods import Period, today
from luoshi.core.rates import percent
from luoshi.core.units import fmt
from luoshi.organisations.tuning import setting
from luoshi.projects.models import (
    ApprovalStatus,
    Batch,
    Construction,
    Level,
    MonthlyReport,
    Project,
    ProjectApproval,
    Stage,
    WageRecord,
)

ZERO = Decimal(0)
LIBRARIES = [Stage.RESERVE, Stage.READY, Stage.CONSTRUCTION, Stage.COMPLETED]


# What the board and its lag check read of each project: plain rows, not model objects (a district has
# hundreds of projects and the board is the pipeline's front page).
BOARD_FIELDS = ["pk", "code", "name", "stage", "total_investment", "year_plan", "plan_year"]


def board(user, organisation) -> list[dict]:
    """The four libraries side by side: count, total investment and this year's plan, and the projects
    (rows with the BOARD_FIELDS as attributes), by code."""
    rows = (Project.objects.for_user(user).filter(organisation=organisation, stage__in=LIBRARIES)
            .order_by("code").values_list(*BOARD_FIELDS, named=True))
    listed: dict[str, list] = {s: [] for s in LIBRARIES}
    for p in rows:
        listed[p.stage].append(p)
    return [{"stage": s, "label": s.label, "projects": listed[s], "count": len(listed[s]),
             "total": sum((p.total_investment for p in listed[s]), ZERO),
             "plan": sum((p.year_plan for p in listed[s]), ZERO)} for s in LIBRARIES]


FILTER_CHOICES = {"stage": Stage, "level": Level, "batch": Batch, "construction": Construction}
FILTER_IDS = {"category": "category_id", "unit": "responsible_unit_id", "leader": "leader_id"}


def clean_filters(params) -> dict:
    """The list filters a user asked for (from a query string or the API), invalid values dropped:
    stage, level, batch, construction, category, unit, leader, year and a search text q."""
    out = {}
    for key, choices in FILTER_CHOICES.items():
        if params.get(key) in choices.values:
            out[key] = params.get(key)
    for key in FILTER_IDS:
        if filter_id(params.get(key)) is not None:
            out[key] = filter_id(params.get(key))
    if filter_year(params.get("year")) is not None:
        out["year"] = filter_year(params.get("year"))
    q = str(params.get("q") or "").strip()[:60]
    if q:
        out["q"] = q
    return out


def project_list(user, organisation, filters: dict):
    """The district's projects the user may see, narrowed by `clean_filters`; in code order."""
    projects = Project.objects.for_user(user).filter(organisation=organisation)
    for key in FILTER_CHOICES:
        if key in filters:
            projects = projects.filter(**{key: filters[key]})
    for key, column in FILTER_IDS.items():
        if key in filters:
            projects = projects.filter(**{column: filters[key]})
    if "year" in filters:
        projects = projects.filter(plan_year=filters["year"])
    if "q" in filters:
        projects = projects.filter(models.Q(name__contains=filters["q"]) | models.Q(code__contains=filters["q"]))
    from luoshi.organisations.selectors import PERSON_RELATED

    return projects.select_related("category", "responsible_unit", *[f"leader__{r}" for r in PERSON_RELATED]) \
        .order_by("category__order", "code")


def filter_choices(user, organisation) -> dict:
    """What the list's filter menus offer: the stages, levels, … and the district's categories, units, leaders
    (the units and leaders its projects name, read as such, not through every project)."""
    from django.contrib.auth import get_user_model

    from luoshi.organisations.models import Organisation
    from luoshi.projects.models import ProjectCategory

    mine = Project.objects.for_user(user).filter(organisation=organisation)
    units = Organisation.objects.filter(pk__in=mine.values("responsible_unit_id"))
    from luoshi.organisations.selectors import PERSON_RELATED, person_label

    leaders = get_user_model().objects.filter(pk__in=mine.values("leader_id")).select_related(*PERSON_RELATED)
    return {"stage": Stage.choices, "level": Level.choices, "batch": Batch.choices,
            "construction": Construction.choices,
            "category": [(c.pk, c.name) for c in ProjectCategory.objects.all()],
            "unit": sorted(((u.pk, str(u)) for u in units), key=lambda x: x[1]),
            "leader": sorted(((u.pk, person_label(u)) for u in leaders), key=lambda x: x[1])}


def _year_reports(projects, year: int, month: int | None):
    reports = MonthlyReport.objects.counted().filter(project__in=projects, year=year)
    return (reports.filter(month__lte=month) if month else reports).order_by("project_id", "month")


def latest_reports(projects, year: int, month: int | None = None) -> dict[int, MonthlyReport]:
    """Each project's latest monthly report in `year` (up to `month`), one query."""
    latest = {}
    for report in _year_reports(projects, year, month):
        latest[report.project_id] = report
    return latest


def completed_this_year(projects, year: int, month: int | None = None) -> dict[int, Decimal]:
    """Latest cumulative completed investment of each project in `year` (up to `month`): the database
    picks each project's last month (a correlated subquery on the (project, year, month) index), so one
    row per project comes back instead of up to twelve."""
    last = MonthlyReport.objects.counted().filter(project_id=models.OuterRef("project_id"), year=year)
    if month:
        last = last.filter(month__lte=month)
    latest = MonthlyReport.objects.counted().filter(project__in=projects, year=year,
                                          month=models.Subquery(last.order_by("-month").values("month")[:1]))
    return dict(latest.order_by("project_id").values_list("project_id", "cumulative"))


@dataclass
class Alert:
    kind: str
    message: str


def reported_month(on: date) -> int:
    """The month the figures run to on a given day: the previous one (reports arrive early next month);
    0 in January, when no month of the year is reported yet."""
    return on.month - 1


def lag_message(done: Decimal, plan: Decimal, on: date) -> str | None:
    """“投资完成率X%，落后时间进度Y个百分点” when completion up to the reported month trails that month's
    share of the year (as the roll-up judges it)."""
    if not reported_month(on):
        return None
    return period_lag(done, plan, Period(on.year, reported_month(on)))


def period_lag(done: Decimal, plan: Decimal, period: Period) -> str | None:
    """The lag rule of `lag_message` for figures running to `period` (a briefing's month)."""
    rate = percent(done, plan) or ZERO
    gap = (period.year_share_pct() - rate).quantize(Decimal("0.1"))
    if gap <= 0:
        return None
    return _("投资完成率%(r)s，落后时间进度%(g)s个百分点") % {"r": fmt(rate, "%"), "g": fmt(gap)}


def behind_plan(user, organisation, period: Period) -> list[tuple[str, str]]:
    """The district's projects under construction this year whose completed investment up to `period`
    trails the period's share of their year plan: (name, the lag in words), furthest behind first."""
    building = list(_of(user, organisation).filter(stage=Stage.CONSTRUCTION, plan_year=period.year,
                                                   year_plan__gt=0).order_by("code"))
    done = completed_this_year([p.pk for p in building], period.year, period.month)
    rates = {p.pk: percent(done.get(p.pk, ZERO), p.year_plan) or ZERO for p in building}
    return [(p.name, lag) for p in sorted(building, key=lambda p: rates[p.pk])
            if (lag := period_lag(done.get(p.pk, ZERO), p.year_plan, period))]


def time_gap_words(rate: Decimal | None, time_pct: Decimal) -> str:
    """“超过时间进度3.2个百分点” or “落后时间进度3.2个百分点” (empty without a plan)."""
    if rate is None:
        return ""
    gap = (rate - time_pct).quantize(Decimal("0.1"))
    if gap >= 0:
        return _("超过时间进度%(g)s个百分点") % {"g": fmt(gap)}
    return _("落后时间进度%(g)s个百分点") % {"g": fmt(-gap)}


def overdue_message(approval, on: date) -> str:
    return _("“%(k)s”应于%(d)s办结，已逾期%(n)d天") % {
        "k": approval.kind.name, "d": approval.due_date, "n": (on - approval.due_date).days}


def milestone_message(milestone, on: date) -> str:
    return _("节点目标“%(t)s”应于%(d)s前完成，已逾期%(n)d天仍未完成") % {
        "t": milestone.title, "d": milestone.due_date, "n": (on - milestone.due_date).days}


def late_milestones(projects, on: date):
    """Milestones past their date and not reached, of projects still alive (not 终止/投用)."""
    from luoshi.projects.models import Milestone

    return (Milestone.objects.filter(project__in=projects, reached_on__isnull=True, due_date__lt=on)
            .exclude(project__stage__in=[Stage.TERMINATED, Stage.IN_USE]).select_related("project")
            .order_by("due_date", "id"))


def alerts(project, on: date | None = None) -> list[Alert]:
    """Investment lagging the share of the year, no report this month after the deadline, overdue
    approvals, late milestones, completed but not in use — each with the reason in words."""
    on = on or today()
    out = []
    if project.stage == Stage.CONSTRUCTION and project.plan_year == on.year and project.year_plan:
        done = completed_this_year([project], on.year, reported_month(on) or None).get(project.pk, ZERO)
        lag = lag_message(done, project.year_plan, on)
        if lag:
            out.append(Alert("lag", lag))
        deadline_day = int(setting("PROJECT_REPORT_DEADLINE_DAY", project.organisation_id))
        previous = Period(on.year, on.month).previous(1)
        if on.day > deadline_day and not project.reports.counted().filter(year=previous.year,
                                                                          month=previous.month).exists():
            out.append(Alert("no_report", _("%(m)d月进度未按时报送(每月%(d)d日前)") % {"m": previous.month,
                                                                               "d": deadline_day}))
    if project.stage in (Stage.RESERVE, Stage.READY):
        for a in project.approvals.select_related("kind").filter(status=ApprovalStatus.PENDING, due_date__lt=on):
            out.append(Alert("approval", overdue_message(a, on)))
    out += [Alert("milestone", milestone_message(m, on)) for m in late_milestones([project.pk], on)]
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
    to_start: int = 0
    started: int = 0
    to_finish: int = 0
    finished: int = 0
    reserve: int = 0
    converted: int = 0
    gap_words: str = ""

    @property
    def rate(self) -> Decimal | None:
        """投资完成率: completed ÷ the year's planned investment."""
        return percent(self.completed, self.plan)

    @staticmethod
    def _pct(part: int, whole: int) -> Decimal | None:
        return percent(part, whole)

    @property
    def start_rate(self) -> Decimal | None:
        """开工率: started ÷ planned to start this year."""
        return self._pct(self.started, self.to_start)

    @property
    def finish_rate(self) -> Decimal | None:
        """竣工率: completed ÷ planned to complete this year."""
        return self._pct(self.finished, self.to_finish)

    @property
    def conversion_rate(self) -> Decimal | None:
        """储备项目转化率: reserve projects (planned to start after this year, or not yet dated) started early."""
        return self._pct(self.converted, self.reserve)


# Each roll-up dimension: the columns it reads and the row label made from them.
DIMENSIONS = {
    "district": (["organisation__name"], lambda r: r["organisation__name"]),
    "category": (["category__name"], lambda r: r["category__name"]),
    "unit": (["responsible_unit__short_name", "responsible_unit__name"],
             lambda r: r["responsible_unit__short_name"] or r["responsible_unit__name"] or _("未定")),
    "leader": (["leader_id"], None),  # by name and post, read for all the groups at once (rollup)
    "level": (["level"], lambda r: str(Level(r["level"]).label)),
    "batch": (["batch"], lambda r: str(Batch(r["batch"]).label) if r["batch"] else _("未列批次")),
    "stage": (["stage"], lambda r: str(Stage(r["stage"]).label)),
}



def latest_plan_year(user, organisation) -> int:
    """This year, or the latest plan year with projects when this year has none yet (a new year's
    pipeline is entered in its first weeks; until then the pages open on the last one)."""
    this_year = today().year
    years = _of(user, organisation).filter(plan_year__lte=this_year).order_by("-plan_year")
    return years.values_list("plan_year", flat=True).first() or this_year


def dimensions() -> list[tuple[str, str]]:
    """The roll-up's dimensions as the page and the export name them."""
    return [("district", _("区县")), ("category", _("类别")), ("unit", _("责任单位")), ("leader", _("分包领导")),
            ("level", _("级别")),
            ("batch", _("三个一批")), ("stage", _("所在库"))]


def dimension_label(by: str) -> str:
    return dict(dimensions()).get(by, by)


def _rollup_sums(year: int, as_of: date) -> dict:
    """What the database adds up per group: counts by the DOMAIN.md definitions, money in 亿元."""
    count = lambda q=None: models.Count("pk", filter=q)  # noqa: E731
    planned_start, planned_finish = models.Q(planned_start__year=year), models.Q(planned_finish__year=year)
    started = models.Q(actual_start__lt=as_of)
    reserve = models.Q(construction=Construction.NEW) & (
        models.Q(planned_start__isnull=True) | models.Q(planned_start__gt=date(year, 12, 31)))
    return {"count": count(), "total": models.Sum("total_investment"), "plan": models.Sum("year_plan"),
            "completed": models.Sum("done"), "new": count(models.Q(construction=Construction.NEW)),
            "continuing": count(models.Q(construction=Construction.CONTINUING)),
            "to_start": count(planned_start), "started": count(planned_start & started),
            "reserve": count(reserve),
            "converted": count(reserve & started & models.Q(actual_start__gte=date(year, 1, 1))),
            "to_finish": count(planned_finish), "finished": count(planned_finish & models.Q(completed_on__lt=as_of))}


def _groups(projects, year: int, last: int, columns: list[str]):
    """One grouped query over `projects` of `year` up to month `last`: the database adds up each group of
    `columns`, with each project's latest cumulative."""
    as_of = date(year + 1, 1, 1) if last == 12 else date(year, last + 1, 1)  # figures run to the day before
    latest = MonthlyReport.objects.counted().filter(project_id=models.OuterRef("pk"), year=year, month__lte=last)
    return (projects.filter(plan_year=year).exclude(stage=Stage.TERMINATED)
            .annotate(done=models.Subquery(latest.order_by("-month").values("cumulative")[:1]))
            .values(*columns).annotate(**_rollup_sums(year, as_of)).order_by())


def _add(row: RollupRow, group: dict) -> None:
    for name in ("count", "new", "continuing", "to_start", "started", "reserve", "converted", "to_finish", "finished"):
        setattr(row, name, getattr(row, name) + group[name])
    for name in ("total", "plan", "completed"):
        setattr(row, name, getattr(row, name) + (group[name] or ZERO))


def rollup(user, organisation, year: int, by: str = "category", month: int | None = None) -> dict:
    """Count, total investment, this year's plan, completed, 完成率 and the gap to the time share, 开工率,
    竣工率 and 储备项目转化率, by a dimension, with the 续建/新开工 split; the last row is the district total.
    Figures run to `month` (by default the last month reported: the previous one in the current year)."""
    on = today()
    last = month or (12 if year < on.year else max(1, reported_month(on)))
    columns, label = DIMENSIONS[by]
    rows: dict[str, RollupRow] = {}
    total = RollupRow(_("合计"))
    groups = list(_groups(_of(user, organisation), year, last, columns))
    if label is None:  # people: by name and post, one query for every group
        from luoshi.organisations.selectors import person_labels

        names = person_labels(g["leader_id"] for g in groups)
        label = lambda r: names.get(r["leader_id"]) or _("未定")  # noqa: E731
    for group in groups:
        key = label(group)
        for row in (rows.setdefault(key, RollupRow(key)), total):
            _add(row, group)
    time_pct = Period(year, last).year_share_pct()
    for row in [*rows.values(), total]:
        row.gap_words = time_gap_words(row.rate, time_pct)
    return {"rows": sorted(rows.values(), key=lambda r: -r.plan) + [total], "time_pct": time_pct, "month": last,
            "by": by}


def unit_progress(unit, year: int, month: int) -> RollupRow:
    """The projects one unit is responsible for in `year`, up to `month`, added up as the roll-up adds
    them (投资完成率, 开工率, 竣工率), so that a responsibility letter scores the unit on the figures the
    pipeline's pages show."""
    row = RollupRow(str(unit))
    for group in _groups(Project.objects.filter(responsible_unit=unit), year, month, ["responsible_unit_id"]):
        _add(row, group)
    return row


def _of(user, organisation):
    """A district's projects, or for a city those of all its districts (rolled up by district)."""
    from luoshi.organisations.models import OrgKind

    projects = Project.objects.for_user(user)
    if organisation.kind == OrgKind.CITY:
        return projects.filter(organisation__parent=organisation)
    return projects.filter(organisation=organisation)


def plan_sentence(user, organisation, year: int, result: dict | None = None) -> str:
    """The plan as the district publishes it: "全年共谋划重点项目356个，总投资2409.2亿元，力争完成投资335.3亿元",
    then one line per category with the count and the floor it must reach (确保…以上)."""
    from luoshi.projects.models import CategoryPlan

    plans = list(CategoryPlan.objects.for_user(user).filter(organisation=organisation, year=year)
                 .select_related("category").order_by("category__order", "category_id"))
    if result is None or result.get("by") != "category":
        result = rollup(user, organisation, year)
    total, counts = result["rows"][-1], {row.label: row.count for row in result["rows"][:-1]}
    text = _("全年共谋划重点项目%(n)d个，总投资%(t)s亿元，力争完成投资%(p)s亿元。") % {
        "n": total.count, "t": fmt(total.total), "p": fmt(total.plan)}
    for plan in plans:
        text += _("%(c)s领域%(n)d个项目，确保完成投资%(f)s亿元以上。") % {
            "c": plan.category.name, "n": counts.get(plan.category.name, 0), "f": fmt(plan.floor)}
    return text


@dataclass
class WageLine:
    """One project under construction in the month's wage table: its record (None: not reported) and
    the warning in words ("" when paid in full)."""

    project: Project
    record: WageRecord | None
    message: str

    @property
    def arrears(self) -> Decimal:
        return max(self.record.payroll_due - self.record.paid, ZERO) if self.record else ZERO


def wage_table(user, organisation, year: int, month: int) -> list[WageLine]:
    """农民工工资支付监控: every project under construction with the month's payroll due and paid and
    the workers; a warning when the month is missing or less was paid than due."""
    out = []
    projects = (Project.objects.for_user(user).filter(organisation=organisation, stage=Stage.CONSTRUCTION)
                .select_related("responsible_unit"))
    records = {r.project_id: r for r in WageRecord.objects.counted().filter(project__in=projects, year=year,
                                                                            month=month)}
    for p in projects.order_by("code"):
        r = records.get(p.pk)
        if r is None:
            message = _("%(y)d年%(m)d月工资发放未报送") % {"y": year, "m": month}
        elif r.paid < r.payroll_due:
            message = _("%(m)d月应发%(d)s万元，实发%(p)s万元，欠发%(o)s万元（%(w)d人）") % {
                "m": month, "d": fmt(r.payroll_due), "p": fmt(r.paid), "o": fmt(r.payroll_due - r.paid),
                "w": r.workers}
        else:
            message = ""
        out.append(WageLine(p, r, message))
    return out


def wage_warnings(user, organisation, year: int, month: int) -> list[WageLine]:
    """农民工工资支付监控预警: the lines of the month's table that warn (missing, or paid less than due)."""
    return [line for line in wage_table(user, organisation, year, month) if line.message]


def my_projects(user):
    """The projects a 分包 leader personally owns."""
    return Project.objects.for_user(user).filter(leader=user).select_related("category").order_by("stage", "code")



def dashboard_panel(organisation, user):
    """The one-screen panel: the four libraries (counts) and the projects whose alerts say they lag."""
    from django.urls import reverse

    from luoshi.core.registry import Figure, Panel
    from luoshi.organisations.models import DISTRICT_KINDS

    if organisation.kind not in DISTRICT_KINDS:
        return None
    libraries = board(user, organisation)
    if not any(lib["count"] for lib in libraries):
        return None
    listed = reverse("projects:list", args=[organisation.pk])
    lagging = [Figure(p.name, message, reverse("projects:project", args=[p.pk]))
               for p, message in lagging_projects(libraries)[:5]]
    # Each library's count opens the list of the projects it counts (the list filtered by that stage).
    return Panel("projects", _("重点项目四库"), figures=[
        Figure(str(lib["label"]), str(lib["count"]), f"{listed}?stage={lib['stage'].value}") for lib in libraries],
        items=lagging)


@dataclass
class StepLine:
    step: object
    action: str
    from_label: str
    to_label: str


def steps(project) -> list[StepLine]:
    """The project's moves between libraries in the words of the page (库 names, not codes)."""
    from luoshi.organisations.selectors import PERSON_RELATED
    from luoshi.projects.services import MACHINE

    actions = {**MACHINE.action_labels, "create": _("纳入储备库"), "from_investment": _("招商项目开工转入")}
    stages = dict(Stage.choices)
    return [StepLine(s, str(actions.get(s.action, s.action)), str(stages.get(s.from_state, "")),
                     str(stages.get(s.to_state, s.to_state)))
            for s in project.steps.select_related(*[f"actor__{r}" for r in PERSON_RELATED]).order_by("id")]


def monthly_chart(project, year: int | None = None) -> dict:
    """The project page's chart: cumulative completed investment each month against the plan spread
    over the year by time (1/12 a month), and the month's own investment (亿元, strings, exact)."""
    year = year or project.plan_year
    reports = {r.month: r for r in project.reports.counted().filter(year=year)}
    months = list(range(1, 13))
    plan = project.year_plan if year == project.plan_year else None
    return {"year": year, "months": [_("%(m)d月") % {"m": m} for m in months],
            "cumulative": [_plain(reports[m].cumulative) if m in reports else None for m in months],
            "month_investment": [_plain(reports[m].month_investment) if m in reports else None for m in months],
            "plan": [_plain((plan * m / 12).quantize(Decimal("0.01"))) if plan else None for m in months],
            "labels": {"cumulative": _("累计完成"), "month": _("当月完成"), "plan": _("按时间进度应完成"),
                       "unit": _("亿元")}}


def _plain(value: Decimal) -> str:
    """A figure for a chart: exact, without trailing zeros or exponent ("6", "12.5")."""
    return format(value.normalize(), "f")


def rollup_chart(result: dict) -> dict:
    """The roll-up page's chart: plan and completed per row (total excluded) and the completion rate."""
    rows = result["rows"][:-1]
    return {"names": [r.label for r in rows], "plan": [_plain(r.plan) for r in rows],
            "completed": [_plain(r.completed) for r in rows],
            "rate": [_plain(r.rate) if r.rate is not None else None for r in rows],
            "time_pct": _plain(result["time_pct"]),
            "labels": {"plan": _("年度计划投资"), "completed": _("累计完成"), "rate": _("完成率%"),
                       "time": _("时间进度"), "unit": _("亿元")}}


_AUDITED = {
    "project": ["stage", "name", "category", "total_investment", "plan_year", "year_plan", "planned_start",
                "planned_finish", "actual_start", "completed_on", "in_use_on", "termination_reason", "responsible_unit",
                "leader", "level", "batch", "batch_date", "construction", "location", "renewal", "in_national_library",
                "funding_demand", "funding_channel", "funding_state"],
    "approval": ["status", "due_date", "done_date", "document", "waiver_reason"],
    "milestone": ["title", "due_date", "reached_on"],
    "report": ["month_investment", "cumulative", "note", "withdrawal_reason"],
    "wages": ["payroll_due", "paid", "workers", "withdrawal_reason"],
}


def project_audit(project, limit: int = 200) -> list[audit.AuditEntry]:
    """Every change to the project, its approvals, monthly reports and wage records: who, when, old → new, why."""
    found = audit.entries(Project, Project.history.filter(id=project.pk), _AUDITED["project"], "project",
                          lambda rec: _("项目信息"))
    approvals = {a.pk: a.kind.name for a in project.approvals.select_related("kind")}
    found += audit.entries(ProjectApproval, ProjectApproval.history.filter(project_id=project.pk),
                           _AUDITED["approval"], "approval", lambda rec: approvals.get(rec.id, _("手续")))
    from luoshi.projects.models import Milestone

    found += audit.entries(Milestone, Milestone.history.filter(project_id=project.pk), _AUDITED["milestone"],
                           "milestone", lambda rec: _("节点目标“%(t)s”") % {"t": rec.title})
    found += audit.entries(MonthlyReport, MonthlyReport.history.filter(project_id=project.pk), _AUDITED["report"],
                           "report", lambda rec: _("%(y)d年%(m)d月进度") % {"y": rec.year, "m": rec.month})
    found += audit.entries(WageRecord, WageRecord.history.filter(project_id=project.pk), _AUDITED["wages"], "wages",
                           lambda rec: _("%(y)d年%(m)d月工资") % {"y": rec.year, "m": rec.month})
    return audit.newest_first(found, limit)


def lagging_projects(libraries, on: date | None = None) -> list[tuple[Project, str]]:
    """The same lag, overdue-approval and late-milestone rules as `alerts`, for a whole board in three queries."""
    on = on or today()
    by_stage = {lib["stage"]: lib["projects"] for lib in libraries}
    building = [p for p in by_stage.get(Stage.CONSTRUCTION, []) if p.plan_year == on.year and p.year_plan]
    done = completed_this_year([p.pk for p in building], on.year, reported_month(on) or None)
    out = [(p, lag) for p in building if (lag := lag_message(done.get(p.pk, ZERO), p.year_plan, on))]
    early = by_stage.get(Stage.RESERVE, []) + by_stage.get(Stage.READY, [])
    for a in ProjectApproval.objects.filter(project__in=[p.pk for p in early], status=ApprovalStatus.PENDING,
                                            due_date__lt=on) \
            .select_related("kind", "project").order_by("due_date"):
        out.append((a.project, overdue_message(a, on)))
    alive = [p.pk for lib in libraries for p in lib["projects"]]
    out += [(m.project, milestone_message(m, on)) for m in late_milestones(alive, on)]
    return out


def facts_shown(project) -> list[tuple[str, str]]:
    """A project's facts as a person reads them (labels, names, dates), e.g. the newer record of a conflict."""
    from luoshi.organisations.selectors import person_label
    from luoshi.projects.facts import FACTS, label

    out = []
    for name in FACTS:
        value = getattr(project, name)
        if name == "leader" and value is not None:
            value = person_label(value)
        elif name in ("level", "batch", "construction", "funding_channel", "funding_state"):
            value = getattr(project, f"get_{name}_display")()
        elif isinstance(value, bool):
            value = _("是") if value else _("否")
        elif isinstance(value, Decimal):
            value = fmt(value)
        out.append((label(name), "—" if value in (None, "") else str(value)))
    return out


def projects_of(organisation):
    """The organisation's projects, unscoped (for other apps' choices already limited to one district)."""
    return Project.objects.filter(organisation=organisation)


def category_names() -> list[str]:
    """The project categories by name, in their order (what investment's 在建项目投资 targets may name)."""
    from luoshi.projects.models import ProjectCategory

    return list(ProjectCategory.objects.values_list("name", flat=True))
