"""API of the project pipeline: the board, the filtered list, one project with its alerts, its moves
between libraries, approvals, monthly reports and wage records, and the roll-up; the same scoping and
the same services as the pages (refusals 422 with the reason, stale edits 409, other districts 404)."""
from datetime import date, datetime

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from luoshi.core.api_errors import READ_ERRORS, WRITE_ERRORS, NumberIn
from luoshi.core.apitools import (
    DateIn,
    ExactDecimal,
    Pagination,
    WithdrawIn,
    expected_version_field,
    model_text,
    reason_text,
    scoped,
    seen,
    source_file_out,
    source_out,
    source_resolvers,
)
from luoshi.core.periods import Period, today
from luoshi.organisations.models import Organisation
from luoshi.organisations.selectors import PERSON_RELATED, person_label
from luoshi.projects import facts, funding, renewal, selectors, services
from luoshi.projects.models import ApprovalStatus, Milestone, MonthlyReport, Project, ProjectApproval, WageRecord

router = Router(tags=["projects 重点项目"])


class ProjectOut(Schema):
    """A major project (重点项目) with where it stands."""

    id: int
    code: str
    name: str
    organisation_id: int
    stage: str
    category: str
    total_investment: ExactDecimal
    plan_year: int
    year_plan: ExactDecimal
    actual_start: date | None
    completed_on: date | None
    version: int
    level: str
    batch: str
    construction: str
    responsible_unit_id: int | None
    leader_id: int | None
    leader: str | None = Field(description="分包领导的姓名和职务")
    planned_start: date | None
    planned_finish: date | None
    in_use_on: date | None
    termination_reason: str
    batch_date: date | None
    location: str
    renewal_id: int | None
    in_national_library: bool
    funding_demand: ExactDecimal | None
    funding_channel: str
    funding_state: str
    source: str = source_out()
    source_file: str = source_file_out()
    is_synthetic: bool

    resolve_source, resolve_source_file = source_resolvers()

    @staticmethod
    def resolve_category(obj) -> str:
        return obj.category.name

    @staticmethod
    def resolve_leader(obj) -> str | None:
        return person_label(obj.leader) or None if obj.leader_id else None


class AlertOut(Schema):
    """Why a project needs attention, in words (lag, missing report, overdue approval, idle after completion)."""

    kind: str
    message: str


class ProjectDetailOut(ProjectOut):
    """A project with its current alerts and the moves it may make next."""

    alerts: list[AlertOut]
    next_actions: list[str]

    @staticmethod
    def resolve_alerts(obj) -> list[dict]:
        return [{"kind": a.kind, "message": a.message} for a in selectors.alerts(obj)]

    @staticmethod
    def resolve_next_actions(obj) -> list[str]:
        return services.MACHINE.actions_from(obj.stage)


class ListFilters(Schema):
    """The same filters as the list page."""

    stage: str | None = Field(None, description="reserve, ready, construction, completed, in_use, terminated")
    category: int | None = None
    level: str | None = Field(None, description="province, city, district")
    batch: str | None = Field(None, description="signing, starting, producing")
    construction: str | None = Field(None, description="continuing, new")
    unit: int | None = Field(None, description="责任单位 id")
    leader: int | None = Field(None, description="分包领导 user id")
    year: int | None = Field(None, ge=2000, le=2100, description="计划年度")
    q: str | None = Field(None, max_length=60, description="项目名称或编号包含")


class MoveIn(Schema):
    """A move between libraries: prepare, start (with when), complete (with when), use (with when),
    terminate (with text)."""

    action: str = Field(max_length=20)
    when: DateIn | None = None
    text: str = model_text(Project, "termination_reason", "", description="说明;终止时必填(即终止原因)")
    expected_version: int = expected_version_field(first_entry=False)


class ProjectStepOut(Schema):
    """One recorded move: who, when, from which library to which, and why."""

    action: str
    from_state: str
    to_state: str
    text: str
    at: str
    actor: str | None = Field(description="办理人的姓名和职务(系统办理时为空)")
    actor_id: int | None = Field(description="办理人的用户编号")

    @staticmethod
    def resolve_at(obj) -> str:
        return obj.at.isoformat()

    @staticmethod
    def resolve_actor(obj) -> str | None:
        return person_label(obj.actor) or None


class ApprovalOut(Schema):
    """A pre-work approval (前期手续) and its state."""

    id: int
    kind: str
    status: str
    due_date: date | None
    done_date: date | None
    document: str
    waiver_reason: str
    version: int

    @staticmethod
    def resolve_kind(obj) -> str:
        return obj.kind.name


class ApprovalIn(Schema):
    """办结 with the date and the document, or 免办 with the reason (or back to 办理中)."""

    status: str = Field(max_length=20, description="pending 办理中, done 办结 或 waived 免办")
    done_date: DateIn | None = None
    document: str = model_text(ProjectApproval, "document", "", description="办结的批复文号或文件名")
    waiver_reason: str = model_text(ProjectApproval, "waiver_reason", "")
    expected_version: int = expected_version_field(first_entry=False)


class WageIn(Schema):
    """One month's payroll due and paid (万元, strings) and the workers; a correction needs a reason."""

    year: int = Field(ge=2000, le=2100)
    month: int = Field(ge=1, le=12)
    payroll_due: NumberIn = Field(description="应发工资(万元),建议以字符串传递,如 \"12.5\"")
    paid: NumberIn = Field(description="实发工资(万元)")
    workers: int = Field(ge=0, le=1_000_000)
    reason: str = reason_text()
    expected_version: int | None = expected_version_field()


class WageOut(Schema):
    """A month's wage record as stored; a withdrawn one (作废) has `withdrawn_at` and its reason and no
    longer counts."""

    id: int
    year: int
    month: int
    payroll_due: ExactDecimal
    paid: ExactDecimal
    workers: int
    withdrawn_at: datetime | None
    withdrawal_reason: str
    version: int


class RollupRowOut(Schema):
    """One row of the roll-up (the last is 合计): money in 亿元, rates in %."""

    label: str
    count: int
    new: int
    continuing: int
    total: ExactDecimal
    plan: ExactDecimal
    completed: ExactDecimal
    rate: ExactDecimal | None
    gap_words: str
    start_rate: ExactDecimal | None
    finish_rate: ExactDecimal | None
    conversion_rate: ExactDecimal | None


class RollupOut(Schema):
    """The roll-up by a dimension, with the share of the year it is judged against."""

    by: str
    month: int
    time_pct: ExactDecimal
    rows: list[RollupRowOut]
    sentence: str


class LibraryOut(Schema):
    """One library of the board: its projects' count and money."""

    stage: str
    label: str
    count: int
    total: ExactDecimal
    plan: ExactDecimal


class ReportIn(Schema):
    """One month's completed investment (亿元), as the responsible unit reports it."""

    year: int = Field(ge=2000, le=2100)
    month: int = Field(ge=1, le=12)
    month_investment: NumberIn = Field(description="本月完成投资(亿元),建议以字符串传递,如 \"1.25\"")
    cumulative: NumberIn = Field(description="年内累计完成(亿元)")
    note: str = model_text(MonthlyReport, "note", "")
    reason: str = reason_text(description="重新提交已报月份时必填")
    expected_version: int | None = expected_version_field()


class ReportOut(Schema):
    """A monthly report as stored."""

    id: int
    year: int
    month: int
    month_investment: ExactDecimal
    cumulative: ExactDecimal
    note: str
    version: int
    withdrawn_at: datetime | None
    withdrawal_reason: str


@router.get("/districts/{int:org_id}/board", response={200: list[LibraryOut], **READ_ERRORS},
            summary="四库 The four libraries of a district")
def board(request, org_id: int):
    """Counts, total investment and this year's plan of the reserve, ready, under-construction and
    completed libraries."""
    org = scoped(request, Organisation, pk=org_id)
    return [{"stage": lib["stage"], "label": str(lib["label"]), "count": lib["count"], "total": lib["total"],
             "plan": lib["plan"]} for lib in selectors.board(request.user, org)]


@router.get("/districts/{int:org_id}/projects", response={200: list[ProjectOut], **READ_ERRORS},
            summary="项目清单 The district's projects, filtered")
@paginate(Pagination)
def project_list(request, org_id: int, filters: Query[ListFilters]):
    """The same list and filters as the list page (unknown filter values are ignored)."""
    org = scoped(request, Organisation, pk=org_id)
    return selectors.project_list(request.user, org, selectors.clean_filters(filters.dict()))


@router.get("/districts/{int:org_id}/rollup", response={200: RollupOut, **READ_ERRORS},
            summary="汇总 Roll-up by category, unit, leader, level, batch or stage")
def rollup(request, org_id: int, year: int | None = Query(None, ge=2000, le=2100), by: str = "category",
           month: int | None = Query(None, ge=1, le=12)):
    """Count, total, plan, completed, 完成率 with the gap to time, 开工率, 竣工率 and 储备项目转化率 (this
    year unless `year` is given; up to `month`, by default the last month reported)."""
    org = scoped(request, Organisation, pk=org_id)
    year = year or today().year
    by = by if by in selectors.DIMENSIONS else "category"
    result = selectors.rollup(request.user, org, year, by=by, month=month)
    return {"by": by, "month": result["month"], "time_pct": result["time_pct"], "rows": result["rows"],
            "sentence": selectors.plan_sentence(request.user, org, year, result)}


class WageLineOut(Schema):
    """One project under construction in a month's wage table, with the warning in words ("" if paid in full)."""

    project_id: int
    code: str
    name: str
    payroll_due: ExactDecimal | None
    paid: ExactDecimal | None
    arrears: ExactDecimal
    workers: int | None
    message: str


@router.get("/mine", response={200: list[ProjectDetailOut], **READ_ERRORS}, summary="我分包的项目 My projects")
def mine(request):
    """The projects the user personally owns as 分包 leader, with their alerts."""
    return selectors.my_projects(request.user)


@router.get("/districts/{int:org_id}/wages", response={200: list[WageLineOut], **READ_ERRORS},
            summary="农民工工资支付监控 A month's wage table")
def wages_table(request, org_id: int, year: int | None = Query(None, ge=2000, le=2100),
                month: int | None = Query(None, ge=1, le=12)):
    """Every project under construction with the month's payroll due and paid (万元), arrears, workers and
    the warning; last month unless `year` and `month` are given."""
    org = scoped(request, Organisation, pk=org_id)
    last = Period.current().previous(1)
    return [{"project_id": line.project.pk, "code": line.project.code, "name": line.project.name,
             "payroll_due": line.record.payroll_due if line.record else None,
             "paid": line.record.paid if line.record else None, "arrears": line.arrears,
             "workers": line.record.workers if line.record else None, "message": line.message}
            for line in selectors.wage_table(request.user, org, year or last.year, month or last.month)]


@router.get("/{int:project_id}", response={200: ProjectDetailOut, **READ_ERRORS}, summary="重点项目 One project")
def project(request, project_id: int):
    """One project the user may see (404 otherwise), with its alerts and possible next moves."""
    return scoped(request, Project.objects.select_related("category"), pk=project_id)


@router.post("/{int:project_id}/moves", response={200: ProjectDetailOut, **WRITE_ERRORS},
             summary="流转 Move a project between libraries")
def move(request, project_id: int, payload: MoveIn):
    """Through the stage machine: a refused move answers 422 naming what is missing (pending approvals, a
    date, a reason), a stale `expected_version` 409; only the district's planning staff may move (403)."""
    item = scoped(request, Project, pk=project_id)
    return services.transition(request.user, item, payload.action, when=payload.when, text=payload.text,
                               expected_version=payload.expected_version)


@router.get("/{int:project_id}/steps", response={200: list[ProjectStepOut], **READ_ERRORS}, summary="流转记录 Moves")
def steps(request, project_id: int):
    """Every move of the project between libraries, oldest first."""
    item = scoped(request, Project, pk=project_id)
    return item.steps.select_related(*[f"actor__{r}" for r in PERSON_RELATED]).order_by("id")


@router.get("/{int:project_id}/approvals", response={200: list[ApprovalOut], **READ_ERRORS},
            summary="前期手续 Pre-work approvals")
def approvals(request, project_id: int):
    """The project's pre-work approvals in the catalogue's order, pending, done or waived."""
    item = scoped(request, Project, pk=project_id)
    return item.approvals.select_related("kind")


@router.post("/{int:project_id}/approvals/{int:approval_id}", response={200: ApprovalOut, **WRITE_ERRORS},
             summary="手续办结或免办 Settle or waive an approval")
def settle(request, project_id: int, approval_id: int, payload: ApprovalIn):
    """办结 needs the date (in 2000–2100, not in the future) and the document, 免办 the reason (422 otherwise);
    kept in the project's history. A stale `expected_version` (someone settled it first) answers 409 with
    their record."""
    item = scoped(request, Project, pk=project_id)
    approval = get_object_or_404(item.approvals.select_related("kind"), pk=approval_id)
    status = payload.status if payload.status in ApprovalStatus.values else "?"
    return services.settle_approval(request.user, approval, status=status, done_date=payload.done_date,
                                    document=payload.document, waiver_reason=payload.waiver_reason,
                                    expected_version=payload.expected_version)


@router.get("/{int:project_id}/reports", response={200: list[ReportOut], **READ_ERRORS},
            summary="月度进度 Monthly reports")
def reports(request, project_id: int, year: int | None = Query(None, ge=2000, le=2100)):
    """The project's monthly reports (of one year if given), in month order."""
    item = scoped(request, Project, pk=project_id)
    found = item.reports.order_by("year", "month")
    return found.filter(year=year) if year else found


@router.get("/{int:project_id}/wages", response={200: list[WageOut], **READ_ERRORS},
            summary="农民工工资 Wage records")
def wages(request, project_id: int):
    """The project's monthly wage records (农民工工资), in month order."""
    item = scoped(request, Project, pk=project_id)
    return item.wages.order_by("year", "month")


@router.post("/{int:project_id}/wages", response={201: WageOut, 200: WageOut, **WRITE_ERRORS},
             summary="填报工资发放 Report a month's migrant-worker payroll")
def report_wages(request, project_id: int, payload: WageIn):
    """The responsible unit reports payroll due and paid; a correction of a reported month needs a reason."""
    item = scoped(request, Project, pk=project_id)
    existed = WageRecord.objects.counted().filter(project=item, year=payload.year, month=payload.month).exists()
    saved = services.record_wages(request.user, item, year=payload.year, month=payload.month,
                                  payroll_due=payload.payroll_due, paid=payload.paid, workers=payload.workers,
                                  reason=payload.reason, expected_version=seen(payload.expected_version))
    return Status(200 if existed else 201, saved)


@router.post("/{int:project_id}/reports", response={201: ReportOut, 200: ReportOut, **WRITE_ERRORS},
             summary="填报月度进度 Report a month's completed investment")
def report(request, project_id: int, payload: ReportIn):
    """The responsible unit (or the district's data staff) reports; a resubmission needs a reason, a stale
    one answers 409, cumulative values never fall (422 with the reason)."""
    item = scoped(request, Project, pk=project_id)
    existed = MonthlyReport.objects.counted().filter(project=item, year=payload.year, month=payload.month).exists()
    saved = services.record_report(request.user, item, year=payload.year, month=payload.month,
                                   month_investment=payload.month_investment, cumulative=payload.cumulative,
                                   note=payload.note, reason=payload.reason,
                                   expected_version=seen(payload.expected_version))
    return Status(200 if existed else 201, saved)


class FactsIn(Schema):
    """A project's facts; units and leaders by id (of the project's own district), the category by name,
    choices by code or label, money in 亿元 as strings, dates ISO 8601."""

    responsible_unit: int | None = Field(None, description="责任单位 id(本区的单位)")
    leader: int | None = Field(None, description="分包领导 user id(本区的区领导)")
    level: str | None = Field(None, max_length=30, description="province, city, district(或 省重点、市重点、区重点)")
    batch: str | None = Field(None, max_length=30, description="signing, starting, producing(三个一批),空为未列批次")
    batch_date: DateIn | None = None
    construction: str | None = Field(None, max_length=30, description="continuing 续建 或 new 新开工")
    planned_start: DateIn | None = None
    planned_finish: DateIn | None = None
    location: str | None = Field(None, max_length=400)
    renewal: int | None = Field(None, description="城市更新单元 id")
    in_national_library: bool | None = Field(None, description="已录入国家重大项目库")
    funding_demand: NumberIn = Field(None, description="资金需求(亿元)")
    funding_channel: str | None = Field(None, max_length=30, description="central_budget 中央预算内, special_bond "
                                                                         "专项债, "
                                                          "special_loan 专项借款, other 其他")
    funding_state: str | None = Field(None, max_length=30, description="preparing 谋划中, applied 已申报, approved "
                                                                       "已获批, "
                                                        "refused 未获批")


class ProjectCreateIn(FactsIn):
    """A new project for the district's 储备库: name, category (by name), total investment, plan year and
    year plan; a code is generated (district prefix + year + number) when none is given."""

    name: str = Field(max_length=400)
    category: str = Field(max_length=60, description="项目类别名称,如“基础设施”")
    total_investment: NumberIn = Field(description="总投资(亿元)")
    plan_year: int = Field(ge=2000, le=2100)
    year_plan: NumberIn = Field(description="年度计划投资(亿元)")
    code: str = Field("", max_length=80, description="项目编号;不填则自动生成")


class ProjectEditIn(FactsIn):
    """Any subset of a project's facts, with the version read (a stale one answers 409 with the newer
    record) and the reason for the change (kept in history)."""

    version: int = Field(ge=1)
    reason: str = Field("", max_length=1000)
    name: str | None = Field(None, max_length=400)
    category: str | None = Field(None, max_length=60)
    total_investment: NumberIn = None
    plan_year: int | None = Field(None, ge=2000, le=2100)
    year_plan: NumberIn = None


def _facts_refused(exc: facts.FactsRefused):
    return Status(422, {"detail": _("提交的数据有误，未保存"),
                        "errors": [{"field": f, "message": m} for f, m in exc.errors]})


@router.post("/districts/{int:org_id}/projects", response={201: ProjectDetailOut, **WRITE_ERRORS},
             summary="新建项目 Add a project to the district's 储备库")
def create(request, org_id: int, payload: ProjectCreateIn):
    """Only the district's planning staff (403 otherwise; another district is 404); refused facts answer 422
    naming each field (a unit or leader of another district, the plan above the total, …), nothing saved."""
    org = scoped(request, Organisation, pk=org_id)
    given = payload.model_dump(exclude_unset=True)
    code = given.pop("code", "")
    try:
        return Status(201, services.create_project(request.user, organisation=org, code=code, **given))
    except facts.FactsRefused as exc:
        return _facts_refused(exc)


@router.post("/{int:project_id}", response={200: ProjectDetailOut, **WRITE_ERRORS},
             summary="修改项目信息 Change a project's facts")
def edit(request, project_id: int, payload: ProjectEditIn):
    """Any subset of the facts with `version` and `reason`: a stale version answers 409 with the newer
    record; a unit or leader of another district, or facts that contradict each other, 422; only the
    district's planning staff may edit (403); sending the same facts again changes nothing."""
    item = scoped(request, Project, pk=project_id)
    given = payload.model_dump(exclude_unset=True)
    version, reason = given.pop("version"), given.pop("reason", "")
    try:
        return services.update_project(request.user, item, reason=reason, expected_version=version, **given)
    except facts.FactsRefused as exc:
        return _facts_refused(exc)



@router.post("/reports/{int:report_id}/withdraw", response={200: ReportOut, **WRITE_ERRORS},
             summary="作废月报 Withdraw a wrong monthly report")
def withdraw_report(request, report_id: int, payload: WithdrawIn):
    """The report stays in the database and in history and stops counting at once (roll-ups, alerts,
    charts); the month may then be reported anew. A reason is required (422); already withdrawn, 422."""
    report = scoped(request, MonthlyReport.objects.select_related("project"), pk=report_id)
    return services.withdraw(request.user, report, payload.reason, expected_version=payload.expected_version)


@router.post("/wages/{int:wage_id}/withdraw", response={200: WageOut, **WRITE_ERRORS},
             summary="作废工资记录 Withdraw a wrong wage record")
def withdraw_wages(request, wage_id: int, payload: WithdrawIn):
    """The wage record stays in the database and in history and stops counting at once (the wage table
    warns again that the month is missing)."""
    record = scoped(request, WageRecord.objects.select_related("project"), pk=wage_id)
    return services.withdraw(request.user, record, payload.reason, expected_version=payload.expected_version)


class MilestoneOut(Schema):
    """A dated milestone (节点目标) and whether it was reached."""

    id: int
    title: str
    due_date: date
    reached_on: date | None
    source: str = source_out()
    source_file: str = source_file_out()

    resolve_source, resolve_source_file = source_resolvers()


class MilestoneIn(Schema):
    """A new milestone: what is to be done by when."""

    title: str = Field(max_length=400)
    due_date: DateIn


class ReachedIn(Schema):
    """The day a milestone was reached (not in the future)."""

    reached_on: DateIn


@router.get("/{int:project_id}/milestones", response={200: list[MilestoneOut], **READ_ERRORS},
            summary="节点目标 Milestones")
def milestones(request, project_id: int):
    """The project's milestones by date; a late one also appears among the project's alerts."""
    return scoped(request, Project, pk=project_id).milestones.all()


@router.post("/{int:project_id}/milestones", response={201: MilestoneOut, **WRITE_ERRORS},
             summary="新增节点目标 Add a milestone")
def add_milestone(request, project_id: int, payload: MilestoneIn):
    """Only the district's planning staff (403); a title and a date in 2000–2100 (422)."""
    item = scoped(request, Project, pk=project_id)
    return Status(201, services.add_milestone(request.user, item, title=payload.title, due_date=payload.due_date))


@router.post("/{int:project_id}/milestones/{int:milestone_id}", response={200: MilestoneOut, **WRITE_ERRORS},
             summary="节点目标完成 Mark a milestone reached")
def reach_milestone(request, project_id: int, milestone_id: int, payload: ReachedIn):
    """Record that a milestone (节点目标) was reached on a date; a milestone past its date and not reached
    raises an alert."""
    item = scoped(request, Project, pk=project_id)
    milestone = get_object_or_404(Milestone.objects.filter(project=item), pk=milestone_id)
    return services.reach_milestone(request.user, milestone, reached_on=payload.reached_on)


class FundingRowOut(Schema):
    """Projects in the 国家重大项目库 of one channel or state (or all): count, total and funding needed (亿元)."""

    label: str
    count: int
    total: ExactDecimal
    demand: ExactDecimal


class FundingOut(Schema):
    """政策性资金争取: the district's projects in the national library, by channel and by state, and the
    sentence ("录入国家重大项目库储备项目152个,总投资470.85亿元,资金需求171.09亿元")."""

    total: FundingRowOut
    channels: list[FundingRowOut]
    states: list[FundingRowOut]
    sentence: str


@router.get("/districts/{int:org_id}/funding", response={200: FundingOut, **READ_ERRORS},
            summary="政策性资金争取 Policy funding roll-up")
def funding_summary(request, org_id: int):
    """The same figures and sentence as the roll-up page."""
    return funding.summary(request.user, scoped(request, Organisation, pk=org_id))


class NodeOut(Schema):
    """One 片区, 单元 or project with its count and money (亿元) and what lies under it."""

    kind: str
    id: int | None
    name: str
    count: int
    total: ExactDecimal
    plan: ExactDecimal
    completed: ExactDecimal
    children: list["NodeOut"]

    @staticmethod
    def resolve_id(obj) -> int | None:
        return obj.pk


class RenewalOut(Schema):
    """城市更新 片区 → 单元 → 项目 of a district and the sentence ("3大片区8个单元N个项目,总投资X亿元")."""

    year: int
    areas: int
    units: int
    sentence: str
    tree: NodeOut


class NameIn(Schema):
    """The name of a new 片区 or 单元."""

    name: str = Field(max_length=120)


class RenewalAreaOut(Schema):
    """A 片区 or 单元 as stored."""

    id: int
    name: str


@router.get("/districts/{int:org_id}/renewal", response={200: RenewalOut, **READ_ERRORS},
            summary="城市更新 The 片区—单元—项目 tree")
def renewal_read(request, org_id: int, year: int | None = Query(None, ge=2000, le=2100)):
    """Counts and money at every level (this year's plan and completion unless `year` is given)."""
    org = scoped(request, Organisation, pk=org_id)
    year = year or selectors.latest_plan_year(request.user, org)
    found = renewal.tree(request.user, org, year)
    return {"year": year, "areas": found["areas"], "units": found["units"], "sentence": found["sentence"],
            "tree": found["root"]}


@router.post("/districts/{int:org_id}/renewal/areas", response={201: RenewalAreaOut, **WRITE_ERRORS},
             summary="新增片区 Add a 片区")
def renewal_area(request, org_id: int, payload: NameIn):
    """Add a 城市更新 片区 (renewal area) to the district."""
    org = scoped(request, Organisation, pk=org_id)
    return Status(201, renewal.add_area(request.user, org, payload.name))


@router.post("/districts/{int:org_id}/renewal/areas/{int:area_id}/units", response={201: RenewalAreaOut,
                                                                                     **WRITE_ERRORS},
             summary="新增单元 Add a 单元 to a 片区")
def renewal_unit(request, org_id: int, area_id: int, payload: NameIn):
    """Add a 单元 (renewal unit) to one of the district's 片区."""
    org = scoped(request, Organisation, pk=org_id)
    area = get_object_or_404(org.renewal_areas.all(), pk=area_id)
    return Status(201, renewal.add_unit(request.user, area, payload.name))
