"""API of the project pipeline: the board, one project, and the monthly report of a project."""
from datetime import date

from ninja import Field, Router, Schema, Status

from luoshi.core.api_errors import READ_ERRORS, WRITE_ERRORS
from luoshi.core.apitools import ExactDecimal, scoped
from luoshi.organisations.models import Organisation
from luoshi.projects import selectors, services
from luoshi.projects.models import MonthlyReport, Project

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

    @staticmethod
    def resolve_category(obj) -> str:
        return obj.category.name


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
    month_investment: str = Field(description="本月完成投资(亿元),字符串,如 \"1.25\"")
    cumulative: str = Field(description="年内累计完成(亿元)")
    note: str = ""
    reason: str = Field("", description="重新提交已报月份时必填")
    expected_version: int | None = None


class ReportOut(Schema):
    """A monthly report as stored."""

    id: int
    year: int
    month: int
    month_investment: ExactDecimal
    cumulative: ExactDecimal
    note: str
    version: int


@router.get("/districts/{int:org_id}/board", response={200: list[LibraryOut], **READ_ERRORS},
            summary="四库 The four libraries of a district")
def board(request, org_id: int):
    """Counts, total investment and this year's plan of the reserve, ready, under-construction and
    completed libraries."""
    org = scoped(request, Organisation, pk=org_id)
    return [{"stage": lib["stage"], "label": str(lib["label"]), "count": lib["count"], "total": lib["total"],
             "plan": lib["plan"]} for lib in selectors.board(request.user, org)]


@router.get("/{int:project_id}", response={200: ProjectOut, **READ_ERRORS}, summary="重点项目 One project")
def project(request, project_id: int):
    """One project the user may see (404 otherwise)."""
    return scoped(request, Project.objects.select_related("category"), pk=project_id)


@router.post("/{int:project_id}/reports", response={201: ReportOut, 200: ReportOut, **WRITE_ERRORS},
             summary="填报月度进度 Report a month's completed investment")
def report(request, project_id: int, payload: ReportIn):
    """The responsible unit (or the district's data staff) reports; a resubmission needs a reason, a stale
    one answers 409, cumulative values never fall (422 with the reason)."""
    item = scoped(request, Project, pk=project_id)
    existed = MonthlyReport.objects.filter(project=item, year=payload.year, month=payload.month).exists()
    saved = services.record_report(request.user, item, year=payload.year, month=payload.month,
                                   month_investment=payload.month_investment, cumulative=payload.cumulative,
                                   note=payload.note, reason=payload.reason, expected_version=payload.expected_version)
    return Status(200 if existed else 201, saved)
