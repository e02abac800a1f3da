"""API of 企业宁静日: planned visits (filed, approved by the discipline commission, done), the commission's
queue, enterprises' reports of unannounced visits and their findings, and a district's monthly report. The
same scoping and the same services as the pages: another department's, enterprise's or district's record
answers 404, a visible record the user may not act on 403, a move the quiet-day rule refuses 422 with its
reasons, a stale `expected_version` 409."""
from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from luoshi.core.api_errors import READ_ERRORS, WRITE_ERRORS, ErrorOut
from luoshi.core.apitools import DateIn, Pagination, StepOut, choice_label, expected_version_field, model_text, scoped
from luoshi.core.periods import today
from luoshi.core.workflow import Refused
from luoshi.inspections import selectors, services
from luoshi.inspections.models import PlannedVisit, UnannouncedVisitReport, VisitStep
from luoshi.inspections.permissions import shown_enterprises
from luoshi.organisations import access
from luoshi.organisations.models import UNIT_KINDS, Enterprise, Organisation, Role

router = Router(tags=["inspections 企业宁静日"])

MAX_ID = 2**31 - 1
LIST_ERRORS = {**READ_ERRORS, 403: ErrorOut}
# The API's word for marking a visit done; the machine calls it "complete".
ALIASES = {"done": services.COMPLETE}


def _profile(user):
    return access.profile_of(user)


class EnterpriseRefOut(Schema):
    """An enterprise a visit concerns."""

    id: int
    name: str


class VisitOut(Schema):
    """A planned visit to enterprises (涉企检查报备): who, when, what kind, on what basis, and where it stands
    against the quiet-day rule."""

    id: int
    department_id: int
    department: str
    district_id: int
    date: date
    visit_type: str = Field(max_length=20, description="inspection 检查 / assessment 考核 / survey 调研 / visit 走访 / "
                                                       "tour 观摩")
    visit_type_label: str
    category: str = Field(description="事由类别;除 other 外均为宁静日豁免情形")
    category_label: str
    exempt: bool = Field(description="属于宁静日豁免情形")
    in_window: bool = Field(description="日期在本区宁静日期间(报备时确定)")
    state: str = Field(description="filed 已报备 / pending 待审批 / approved 已批准 / refused 已驳回 / done 已完成 / "
                                   "cancelled 已取消")
    state_label: str
    approval: str = Field(description="纪检监察工委审批结果:approved / refused,未审批为空")
    legal_basis: str
    purpose: str
    enterprises: list[EnterpriseRefOut] = Field(description="涉及企业(企业用户只看到本企业)")
    version: int
    created_at: datetime | None = Field(description="报备时间(企业用户不可见,为空)")

    @staticmethod
    def resolve_department(obj) -> str:
        return str(obj.department)

    resolve_visit_type_label = choice_label("visit_type")

    resolve_category_label = choice_label("category")

    @staticmethod
    def resolve_exempt(obj) -> bool:
        return obj.is_exempt

    resolve_state_label = choice_label("state")

    @staticmethod
    def resolve_enterprises(obj, context) -> list[dict]:
        return [{"id": e.pk, "name": e.name} for e in shown_enterprises(context["request"].user, obj)]

    @staticmethod
    def resolve_created_at(obj, context) -> datetime | None:
        return obj.created_at if access.may(context["request"].user, "inspections.see_officials") else None


class VisitStepOut(StepOut):
    """One move of a visit: filed, submitted, approved or refused (with the commission's opinion), done,
    cancelled. Officials only: an enterprise reads none (as on the page)."""


class VisitDetailOut(VisitOut):
    """One visit with the commission's decision, what was done, the rule's verdict, its steps and the
    moves this user may make now."""

    decided_at: datetime | None
    decision_text: str = Field(description="审批意见")
    outcome: str = Field(description="实施情况")
    completed_at: datetime | None
    verdict: str = Field(description="宁静日规则的结论")
    may_take_place: bool = Field(description="按宁静日规则现在可以实施")
    steps: list[VisitStepOut] = Field(description="审批记录(企业用户不可见,为空)")
    next_actions: list[str] = Field(description="当前用户现在可以进行的操作(submit、approve、refuse、complete、cancel)")

    @staticmethod
    def _verdict(obj):
        return services.quiet_day_verdict(obj.category, obj.in_window,
                                          obj.approval == PlannedVisit.Approval.APPROVED)

    @staticmethod
    def resolve_verdict(obj) -> str:
        return str(VisitDetailOut._verdict(obj).reason)

    @staticmethod
    def resolve_may_take_place(obj) -> bool:
        return VisitDetailOut._verdict(obj).allowed

    @staticmethod
    def resolve_steps(obj, context) -> list:
        return selectors.visit_steps(context["request"].user, obj)

    @staticmethod
    def resolve_next_actions(obj, context) -> list[str]:
        return services.allowed_actions(context["request"].user, obj)


class VisitFilters(Schema):
    """Filters of the visit list."""

    year: int | None = Field(None, ge=2000, le=2100, description="走访日期的年度")
    month: int | None = Field(None, ge=1, le=12, description="走访日期的月份")
    state: str | None = Field(None, max_length=12, description="filed, pending, approved, refused, done, cancelled")


class VisitIn(Schema):
    """A planned visit filed by a department (its own staff): one that falls in the quiet window and is not
    exempt goes on to the discipline commission for approval."""

    department_id: int | None = Field(None, ge=1, le=MAX_ID, description="实施部门(省略为本人所在单位)")
    enterprise_ids: list[int] = Field(max_length=200, description="涉及企业(本区)")
    date: DateIn
    visit_type: str = Field(max_length=20, description="inspection, assessment, survey, visit, tour")
    category: str = Field(max_length=20, description="public_safety, work_safety, environment, food_drug, complaint, "
                                                     "emergency, "
                                      "case, higher_level(以上为豁免情形), other")
    legal_basis: str = model_text(PlannedVisit, "legal_basis", description="依据(法律法规、文件或上级部署)")
    purpose: str = model_text(PlannedVisit, "purpose", "")


class VisitMoveIn(Schema):
    """One move of a visit: submit (for approval), approve / refuse (the discipline commission; a refusal
    with its reason), done (with what was done), cancel (with the reason)."""

    action: str = Field(max_length=20, description="submit, approve, refuse, done, cancel")
    text: str = model_text(VisitStep, "text", "", description="审批意见、实施情况或取消原因")
    expected_version: int = expected_version_field(first_entry=False)


class VisitReportOut(Schema):
    """An enterprise's report of a visit nobody announced (未报备检查举报) and the commission's finding."""

    id: int
    enterprise_id: int
    enterprise: str
    district_id: int
    visit_date: date
    department_id: int | None
    department: str = Field(description="涉及部门(所选部门,或企业填写的名称)")
    description: str
    state: str = Field(description="submitted 待核查 / handled 已核查")
    state_label: str
    finding_result: str = Field(description="confirmed 属实 / partly 部分属实 / unfounded 不属实,未核查为空")
    finding: str
    matched_visit_id: int | None = Field(description="同日同部门对本企业的报备(供核查;企业用户不可见,为空)")
    handled_at: datetime | None
    created_at: datetime

    @staticmethod
    def resolve_enterprise(obj) -> str:
        return obj.enterprise.name

    @staticmethod
    def resolve_department(obj) -> str:
        return str(obj.department) if obj.department_id else obj.department_name

    resolve_state_label = choice_label("state")

    @staticmethod
    def resolve_matched_visit_id(obj, context) -> int | None:
        return obj.matched_visit_id if access.may(context["request"].user, "inspections.see_officials") else None


class VisitReportIn(Schema):
    """An enterprise reports a visit that was not announced: the day, the department (chosen, or its name
    as the enterprise knows it) and what happened."""

    visit_date: DateIn
    department_id: int | None = Field(None, ge=1, le=MAX_ID, description="涉及部门(本区)")
    department_name: str = model_text(UnannouncedVisitReport, "department_name", "",
                                      description="涉及部门名称(不知道部门编号时填写)")
    description: str = model_text(UnannouncedVisitReport, "description")


class FindingIn(Schema):
    """The discipline commission's finding on a report."""

    result: str = Field(max_length=20, description="confirmed 属实 / partly 部分属实 / unfounded 不属实")
    finding: str = model_text(UnannouncedVisitReport, "finding")


class DepartmentRowOut(Schema):
    """One department's month (the last line of the report is the total)."""

    label: str
    visits: int = Field(description="走访总数")
    in_window: int = Field(description="宁静日期间")
    outside_window: int = Field(description="宁静日以外")
    exempt: int = Field(description="宁静日期间的豁免事项")
    approved: int
    refused: int
    pending: int
    done: int
    cancelled: int
    reports: int = Field(description="企业举报")
    confirmed: int = Field(description="举报属实或部分属实")


class MonthlyReportOut(Schema):
    """宁静日月报 of a district: per department, the total, and the reports of unannounced visits the user
    may read (the discipline commission's)."""

    district_id: int
    year: int
    month: int
    window_first_day: int = Field(description="宁静日起始日")
    window_last_day: int = Field(description="宁静日截止日")
    rows: list[DepartmentRowOut]
    total: DepartmentRowOut
    reports: list[VisitReportOut]


def _visit(request, visit_id: int) -> PlannedVisit:
    try:
        return selectors.visit_detail(request.user, visit_id)
    except PlannedVisit.DoesNotExist:
        raise Http404 from None


@router.get("/visits", response={200: list[VisitOut], **READ_ERRORS}, summary="走访报备列表 Planned visits")
@paginate(Pagination)
def visit_list(request, filters: Query[VisitFilters]):
    """Visits the user may see, newest date first: a department its own, the district's roles all of the
    district's, an enterprise those announced on it (filed, approved, done)."""
    return selectors.visit_list(request.user, year=filters.year, month=filters.month, state=filters.state or None)


@router.get("/visits/{int:visit_id}", response={200: VisitDetailOut, **READ_ERRORS}, summary="走访报备 One visit")
def visit(request, visit_id: int):
    """One visit the user may see (404 otherwise), with the decision, the rule's verdict, its steps and the
    moves the user may make now."""
    return _visit(request, visit_id)


@router.post("/visits", response={201: VisitDetailOut, 200: VisitDetailOut, **WRITE_ERRORS},
             summary="报备走访 File a planned visit")
def file_visit(request, payload: VisitIn):
    """A department's staff file a visit of their department to enterprises of the district. In the quiet
    window (by default the 1st to the 25th) a visit not in an exempt category goes at once to the
    discipline commission (待审批), and cannot be filed after its date. Another department's visit 403; a
    department outside the user's scope 404; refused fields 422 with every reason."""
    user = request.user
    profile = _profile(user)
    department_id = payload.department_id or (profile.organisation_id if profile is not None else None)
    if department_id is None:
        raise PermissionDenied(_("只有区属部门或镇街的工作人员可以报备走访"))
    department = scoped(request, Organisation, pk=department_id)
    access.require(user, "inspections.file_for", department)
    ids = set(payload.enterprise_ids)
    enterprises = list(Enterprise.objects.for_user(user).filter(pk__in=[i for i in ids if 0 < i <= MAX_ID]))
    if len(enterprises) != len(ids):
        raise Refused([_("所选企业不存在，或不在本区")])
    saved = services.file_visit(user, department=department, enterprises=enterprises, date=payload.date,
                                visit_type=payload.visit_type, category=payload.category,
                                legal_basis=payload.legal_basis, purpose=payload.purpose)
    return Status(201, selectors.visit_detail(user, saved.pk))


@router.post("/visits/{int:visit_id}/moves", response={200: VisitDetailOut, **WRITE_ERRORS},
             summary="审批与办理 Move a visit")
def move(request, visit_id: int, payload: VisitMoveIn):
    """submit, done and cancel by the visit's department; approve and refuse by the district's discipline
    commission, before the visit's date. A move the user may not make 403; one the quiet-day rule or the
    machine refuses 422 with the reasons (e.g. a non-exempt visit in the window cannot be done without
    approval); a stale `expected_version` 409."""
    user = request.user
    found = _visit(request, visit_id)
    action = ALIASES.get(payload.action, payload.action)
    services.transition(user, found, action, text=payload.text, expected_version=payload.expected_version)
    return selectors.visit_detail(user, found.pk)


@router.get("/pending", response={200: list[VisitOut], **LIST_ERRORS},
            summary="待审批 The discipline commission's queue")
@paginate(Pagination)
def pending(request):
    """Visits waiting for the discipline commission's approval, the nearest date first; only for the
    commission (403 for others)."""
    access.require(request.user, "inspections.queue")
    return selectors.pending_approvals(request.user)


@router.get("/reports", response={200: list[VisitReportOut], **LIST_ERRORS},
            summary="未报备检查举报 Reports of unannounced visits")
@paginate(Pagination)
def report_list(request, state: str | None = Query(None, max_length=10, description="submitted, handled")):
    """The discipline commission: the district's reports; an enterprise: its own. Nobody else reads them
    (403), so a reported department never learns who reported it."""
    access.require(request.user, "inspections.read_reports")
    return selectors.report_list(request.user, state=state or None)


@router.post("/reports", response={201: VisitReportOut, 200: VisitReportOut, **WRITE_ERRORS},
             summary="举报未报备检查 Report an unannounced visit")
def report(request, payload: VisitReportIn):
    """An enterprise reports a visit that was not announced; it goes to its district's discipline
    commission. Only enterprise users report (403); a date in the future, no description or no department
    422."""
    user = request.user
    profile = _profile(user)
    enterprise = profile.enterprise if profile is not None and profile.role == Role.ENTERPRISE else None
    access.require(user, "inspections.report", enterprise)
    department = None
    if payload.department_id is not None:
        department = Organisation.objects.filter(pk=payload.department_id, district_id=enterprise.district_id,
                                                 kind__in=UNIT_KINDS).first()
        if department is None:
            raise Refused([_("涉及部门不存在，或不是本区部门")])
    saved = services.report_unannounced(user, visit_date=payload.visit_date, description=payload.description,
                                        department=department, department_name=payload.department_name,
                                        enterprise=enterprise)
    return Status(201, saved)


@router.post("/reports/{int:report_id}/finding", response={200: VisitReportOut, **WRITE_ERRORS},
             summary="核查结论 Record the finding on a report")
def finding(request, report_id: int, payload: FindingIn):
    """The district's discipline commission records what it found (属实, 部分属实 or 不属实); the enterprise
    is told. The reporting enterprise 403; a report already handled, or no text, 422."""
    found = scoped(request, UnannouncedVisitReport, pk=report_id)
    return services.record_finding(request.user, found, result=payload.result, finding=payload.finding)


@router.get("/districts/{int:org_id}/monthly-report", response={200: MonthlyReportOut, **READ_ERRORS},
            summary="宁静日月报 A district's monthly report")
def monthly_report(request, org_id: int, year: int | None = Query(None, ge=2000, le=2100),
                   month: int | None = Query(None, ge=1, le=12)):
    """Per department: visits inside and outside the quiet window, exempt ones, approved, refused, pending,
    done, cancelled, reports against it and confirmed findings; then the total, and the reports themselves
    for those who may read them. This month unless `year` and `month` are given."""
    district = scoped(request, Organisation.objects.districts(), pk=org_id)
    now = today()
    result = selectors.monthly_report(request.user, district, year or now.year, month or now.month)
    return {"district_id": district.pk, "year": result.year, "month": result.month,
            "window_first_day": result.window[0], "window_last_day": result.window[1],
            "rows": [vars(r) for r in result.rows], "total": vars(result.total), "reports": result.reports}
