"""Reads of 企业宁静日 for pages, the API and exports; every one starts from `for_user`."""
import calendar
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from luoshi.core.xlsx import workbook_bytes
from luoshi.inspections.models import PlannedVisit, UnannouncedVisitReport, VisitState, VisitStep
from luoshi.inspections.services import quiet_window


def visit_list(user, *, year: int | None = None, month: int | None = None, state: str | None = None,
               department=None):
    """Visits the user may see (a department its own, the district all, an enterprise those announced
    on it), newest date first."""
    qs = PlannedVisit.objects.for_user(user).select_related("department", "district").prefetch_related("enterprises")
    if year:
        qs = qs.filter(date__year=year)
    if month:
        qs = qs.filter(date__month=month)
    if state:
        qs = qs.filter(state=state)
    if department is not None:
        qs = qs.filter(department=department)
    return qs.order_by("-date", "-id")


def pending_approvals(user):
    """The discipline commission's queue: visits waiting for approval, the nearest date first."""
    return visit_list(user, state=VisitState.PENDING).order_by("date", "id")


def visit_detail(user, pk: int) -> PlannedVisit:
    """PlannedVisit.DoesNotExist when outside the user's scope."""
    return (PlannedVisit.objects.for_user(user).select_related("department", "district", "filed_by", "decided_by")
            .prefetch_related("enterprises", Prefetch("steps", VisitStep.objects.select_related("actor")))
            .get(pk=pk))


def report_list(user, *, state: str | None = None):
    """Reports of unannounced visits: the discipline commission's, or an enterprise's own."""
    qs = UnannouncedVisitReport.objects.for_user(user).select_related("enterprise", "department", "matched_visit")
    return qs.filter(state=state) if state else qs


@dataclass
class DepartmentRow:
    """One department's month: its visits, split by window and decision, and reports against it."""

    label: str
    visits: int = 0
    in_window: int = 0
    outside_window: int = 0
    exempt: int = 0
    approved: int = 0
    refused: int = 0
    pending: int = 0
    done: int = 0
    cancelled: int = 0
    reports: int = 0
    confirmed: int = 0

    def add_visit(self, v: PlannedVisit):
        self.visits += 1
        self.in_window += v.in_window
        self.outside_window += not v.in_window
        self.exempt += v.in_window and v.is_exempt
        self.approved += v.approval == PlannedVisit.Approval.APPROVED
        self.refused += v.approval == PlannedVisit.Approval.REFUSED
        self.pending += v.state == VisitState.PENDING
        self.done += v.state == VisitState.DONE
        self.cancelled += v.state == VisitState.CANCELLED

    def add_report(self, r: UnannouncedVisitReport):
        self.reports += 1
        self.confirmed += r.finding_result in (UnannouncedVisitReport.Finding.CONFIRMED,
                                               UnannouncedVisitReport.Finding.PARTLY)


@dataclass
class MonthlyReport:
    district: object
    year: int
    month: int
    window: tuple[int, int]
    rows: list[DepartmentRow] = field(default_factory=list)
    total: DepartmentRow | None = None
    reports: list[UnannouncedVisitReport] = field(default_factory=list)


def monthly_report(user, district, year: int, month: int) -> MonthlyReport:
    """宁静日月报: per department, visits inside/outside the window, exempt (in the window), approved,
    refused, pending, done, cancelled; reports of unannounced visits (by visit date) and confirmed
    findings. Reports are counted only for users who may read them (the discipline commission)."""
    visits = list(PlannedVisit.objects.for_user(user).filter(district=district, date__year=year, date__month=month)
                  .select_related("department"))
    reports = list(UnannouncedVisitReport.objects.for_user(user).filter(
        district=district, visit_date__year=year, visit_date__month=month).select_related("department", "enterprise")
        .order_by("visit_date", "id"))
    rows: dict = {}
    total = DepartmentRow(_("合计"))
    for v in visits:
        rows.setdefault(v.department, DepartmentRow(str(v.department))).add_visit(v)
        total.add_visit(v)
    for r in reports:
        key = r.department or r.department_name or _("未明确部门")
        rows.setdefault(key, DepartmentRow(str(key))).add_report(r)
        total.add_report(r)
    ordered = sorted(rows.values(), key=lambda row: (-row.visits, row.label))
    return MonthlyReport(district, year, month, quiet_window(district), ordered, total, reports)


def _report_columns():
    return [_("部门"), _("走访总数"), _("宁静日期间"), _("宁静日以外"), _("豁免事项"), _("批准"), _("驳回"),
            _("待审批"), _("已完成"), _("已取消"), _("企业举报"), _("举报属实")]


def _report_cells(r: DepartmentRow) -> list:
    return [r.label, r.visits, r.in_window, r.outside_window, r.exempt, r.approved, r.refused, r.pending, r.done,
            r.cancelled, r.reports, r.confirmed]


def export_monthly_report(user, district, year: int, month: int) -> bytes:
    """The monthly report as .xlsx: the department table, then the reports and their findings."""
    report = monthly_report(user, district, year, month)
    last = calendar.monthrange(year, month)[1]
    title = _("%(d)s %(y)d年%(m)d月企业宁静日情况（宁静日：%(a)d日—%(b)d日，统计至%(e)s）") % {
        "d": district, "y": year, "m": month, "a": report.window[0], "b": report.window[1],
        "e": date(year, month, last).isoformat()}
    assert report.total is not None  # the total row is always made
    rows = [*[_report_cells(r) for r in report.rows], _report_cells(report.total), [], [title]]
    details = [[r.visit_date, r.enterprise.name, str(r.department or r.department_name), r.description,
                r.get_state_display(), r.get_finding_result_display(), r.finding] for r in report.reports]
    return workbook_bytes([
        (_("宁静日月报"), _report_columns(), rows, [24] + [10] * 11),
        (_("举报与核查"), [_("检查日期"), _("企业"), _("涉及部门"), _("情况说明"), _("状态"), _("核查结论"),
                           _("核查情况")],
         details, [12, 28, 18, 40, 10, 10, 40]),
    ])


def visit_steps(user, visit) -> list:
    """The visit's steps as the user may read them (the same rows on the page and in the API): with each
    official's display name for officials, none for an enterprise (inspections.see_officials)."""
    from luoshi.core.workflow import step_rows
    from luoshi.inspections.services import ACTION_LABELS
    from luoshi.organisations import access

    if not access.may(user, "inspections.see_officials"):
        return []
    return step_rows(visit.steps.all(), dict(VisitState.choices), lambda a: ACTION_LABELS.get(a, a))
