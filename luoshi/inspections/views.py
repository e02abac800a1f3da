"""Pages of 企业宁静日 (DOMAIN.md section 5). Thin: every read goes through the selectors (scoped by
for_user; outside the scope is 404), every write through the services, whose refusals are shown on the
page with nothing changed. A page that belongs to one role (filing, the commission's queue, the
enterprise's own pages) is 403 for the others, with the reason `organisations.access` gives. Enterprises
use their pages on a phone.
"""
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from luoshi.core import params
from luoshi.core.periods import today
from luoshi.core.views import posted_move, xlsx_response, year_param
from luoshi.core.workflow import Refused
from luoshi.inspections import selectors, services
from luoshi.inspections.forms import FileVisitForm, FindingForm, MoveForm, ReportForm
from luoshi.inspections.models import EXEMPT_CATEGORIES, PlannedVisit, UnannouncedVisitReport, VisitCategory, VisitState
from luoshi.inspections.permissions import shown_enterprises
from luoshi.organisations import access
from luoshi.organisations.access import role_of
from luoshi.organisations.models import UNIT_KINDS, Enterprise, Organisation, Role


def _department_of(request) -> Organisation:
    """The department (区属部门或镇街) of a unit staff member: filing is theirs only."""
    access.require(request.user, "inspections.file")
    return access.profile_of(request.user).organisation


def _enterprise_of(request) -> Enterprise:
    access.require(request.user, "inspections.enterprise_pages")
    return access.profile_of(request.user).enterprise


def _visit(request, pk) -> PlannedVisit:
    try:
        return selectors.visit_detail(request.user, pk)
    except PlannedVisit.DoesNotExist:
        raise Http404 from None


def _report(request, pk) -> UnannouncedVisitReport:
    try:
        return selectors.report_list(request.user).get(pk=pk)
    except UnannouncedVisitReport.DoesNotExist:
        raise Http404 from None


def _district(request, org_id) -> Organisation:
    return get_object_or_404(Organisation.objects.for_user(request.user).districts(), pk=org_id)


def _month(request) -> int | None:
    return params.month(request)


def _window_text(window) -> str:
    return _("每月%(a)d日—%(b)d日") % {"a": window[0], "b": window[1]}


@login_required
def index(request):
    """The one 企业宁静日 link of the navigation: each role lands on its own page."""
    role = role_of(request.user)
    if role == Role.ENTERPRISE:
        return redirect("inspections:announced")
    if role == Role.DISCIPLINE:
        return redirect("inspections:queue")
    return redirect("inspections:list")


# --- the department files ------------------------------------------------------------------------

def _verdict_context(department, day: date | None, category: str) -> dict:
    """What the filing page says at once: the window, whether the date is in it, whether the category
    is exempt, and the rule's verdict."""
    window = services.quiet_window(department.district_id)
    context = {"window": window, "window_text": _window_text(window), "day": day,
               "category": category if category in VisitCategory.values else ""}
    if context["category"]:
        context["category_label"] = VisitCategory(category).label
        context["exempt"] = category in EXEMPT_CATEGORIES
    if day is not None:
        context["in_window"] = services.in_quiet_window(day, window)
        if context["category"]:
            verdict = services.quiet_day_verdict(category, context["in_window"], approved=False)
            context["verdict"] = verdict
            context["too_late"] = verdict.needs_approval and day < today()
    return context


@login_required
def new(request):
    """报备: the enterprises of the district, the date, the type, the category and the legal basis. The
    page says at once (htmx, and again on posting) whether the visit needs the commission's approval."""
    department = _department_of(request)
    enterprises = Enterprise.objects.for_user(request.user).filter(
        district_id=department.district_id).order_by("name")
    form = FileVisitForm(request.POST or None, enterprises=enterprises)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            visit = services.file_visit(request.user, department=department, enterprises=data["enterprises"],
                                        date=data["date"], visit_type=data["visit_type"],
                                        category=data["category"], legal_basis=data["legal_basis"],
                                        purpose=data["purpose"])
        except Refused as exc:
            for reason in exc.reasons:
                form.add_error(None, reason)
        else:
            if visit.state == VisitState.PENDING:
                messages.success(request, _("已报备，并已提交区纪检监察工委审批；批准前不能实施"))
            else:
                messages.success(request, _("已报备，可以按计划实施"))
            return redirect("inspections:detail", pk=visit.pk)
    day = params.filter_date(request.POST.get("date")) if request.method == "POST" else None
    return render(request, "inspections/new.html", {
        "department": department, "form": form,
        **_verdict_context(department, day, request.POST.get("category", ""))})


@login_required
def verdict(request):
    """The verdict part of the filing page, for htmx as the date or category changes."""
    department = _department_of(request)
    return render(request, "inspections/_verdict.html", _verdict_context(
        department, params.filter_date(request.GET.get("date")), request.GET.get("category", "")))


# --- lists ---------------------------------------------------------------------------------------

@login_required
def visit_list(request):
    """The visits the user may see: a department its own, a district all of its departments', the city
    its districts'; by year, month and state (?district= for the city)."""
    if role_of(request.user) == Role.ENTERPRISE:
        return redirect("inspections:announced")
    # `?year=` left empty: every year (the one screen's "待审批" counts waiting visits of any date).
    year = None if request.GET.get("year", None) == "" else year_param(request)
    month = _month(request)
    state = request.GET.get("state") if request.GET.get("state") in VisitState.values else None
    districts = list(Organisation.objects.for_user(request.user).districts().order_by("id"))
    district = None
    if request.GET.get("district"):
        district = _district(request, params.object_id(request, "district"))
    visits = selectors.visit_list(request.user, year=year, month=month, state=state)
    if district is not None:
        visits = visits.filter(district=district)
    return render(request, "inspections/list.html", {
        "visits": list(visits), "year": year, "month": month, "state": state, "states": VisitState.choices,
        "months": range(1, 13), "districts": districts, "district": district,
        "may_file": access.may(request.user, "inspections.file"),
        "is_discipline": role_of(request.user) == Role.DISCIPLINE})


@login_required
def queue(request):
    """The commission's queue: visits waiting for approval (nearest date first) and enterprises'
    reports of unannounced visits (unchecked first)."""
    access.require(request.user, "inspections.queue")
    reports = list(selectors.report_list(request.user))
    return render(request, "inspections/queue.html", {
        "pending": list(selectors.pending_approvals(request.user)),
        "open_reports": [r for r in reports if r.state == UnannouncedVisitReport.State.SUBMITTED],
        "handled_reports": [r for r in reports if r.state == UnannouncedVisitReport.State.HANDLED],
        "districts": list(Organisation.objects.for_user(request.user).districts().order_by("id"))})


# --- one visit -----------------------------------------------------------------------------------

def _panels(actions):
    """(key, heading, [(action, button)], label of the text, text required) of the forms to show."""
    A = services
    spec = [("approval", _("纪检监察工委审批"), [(A.APPROVE, _("批准")), (A.REFUSE, _("驳回"))],
             _("审批意见(驳回须写明理由)"), False),
            ("submit", _("提交审批"), [(A.SUBMIT, _("提交区纪检监察工委审批"))], _("说明"), False),
            ("complete", _("标记完成"), [(A.COMPLETE, _("标记完成"))], _("实施情况"), False),
            ("cancel", _("取消走访"), [(A.CANCEL, _("取消走访"))], _("取消原因"), True)]
    return [(key, title, [(a, b) for a, b in buttons if a in actions], label, required)
            for key, title, buttons, label, required in spec if any(a in actions for a, _b in buttons)]


def _back(request):
    role = role_of(request.user)
    if role == Role.ENTERPRISE:
        return reverse("inspections:announced"), _("本企业的涉企检查")
    if role == Role.DISCIPLINE:
        return reverse("inspections:queue"), _("审批与举报")
    return reverse("inspections:list"), _("涉企检查报备")


def _transition(user, visit, action, *, when=None, **kwargs):
    return services.transition(user, visit, action, **kwargs)


def _done_message(action) -> str:
    return {services.SUBMIT: _("已提交审批"), services.APPROVE: _("已批准"), services.REFUSE: _("已驳回"),
            services.COMPLETE: _("已标记完成"), services.CANCEL: _("已取消")}.get(action, _("已办理"))


@login_required
def detail(request, pk):
    """The visit, the quiet-day verdict on it, the decision, the history and a form for each move the
    user may make now. A refused move shows its reasons; nothing changes."""
    visit = _visit(request, pk)
    errors, text = [], ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        errors = posted_move(request, _transition, visit, _("提交的内容无法识别，请刷新后重试"))
        if not errors:
            messages.success(request, _done_message(action))
            return redirect("inspections:detail", pk=visit.pk)
        text = request.POST.get("text", "")
    approved = visit.approval == PlannedVisit.Approval.APPROVED
    window = services.quiet_window(visit.district_id)
    return render(request, "inspections/detail.html", {
        "visit": visit, "verdict": services.quiet_day_verdict(visit.category, visit.in_window, approved),
        "window_text": _window_text(window), "errors": errors,
        "panels": _panels(services.allowed_actions(request.user, visit)), "form": MoveForm(initial={"text": text}),
        "steps": selectors.visit_steps(request.user, visit),
        "show_people": access.may(request.user, "inspections.see_officials"),
        "enterprises": shown_enterprises(request.user, visit),
        "reports": list(selectors.report_list(request.user).filter(matched_visit=visit)),
        "back": _back(request)})


# --- the enterprise ------------------------------------------------------------------------------

@login_required
def announced(request):
    """本企业的涉企检查: the visits announced on my enterprise, my reports, and the report button."""
    enterprise = _enterprise_of(request)
    window = services.quiet_window(enterprise.district_id)
    return render(request, "inspections/announced.html", {
        "enterprise": enterprise, "window_text": _window_text(window),
        "visits": list(selectors.visit_list(request.user)), "reports": list(selectors.report_list(request.user))})


def _departments(enterprise):
    """The departments and towns of the enterprise's district, to name the one that came. Their names are
    public; choosing one gives the enterprise no access to it."""
    return Organisation.objects.filter(district_id=enterprise.district_id, kind__in=UNIT_KINDS).order_by("kind", "id")


@login_required
def report_new(request):
    """举报未报备检查: an enterprise tells the district's discipline commission of a visit nobody
    announced."""
    enterprise = _enterprise_of(request)
    form = ReportForm(request.POST or None, departments=_departments(enterprise),
                      initial={"visit_date": today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.report_unannounced(
                request.user, visit_date=data["visit_date"], description=data["description"],
                department=data["department"], department_name=data["department_name"], enterprise=enterprise)
        except Refused as exc:
            for reason in exc.reasons:
                form.add_error(None, reason)
        else:
            messages.success(request, _("举报已提交区纪检监察工委，核查后会告诉您结果"))
            return redirect("inspections:report", pk=report.pk)
    return render(request, "inspections/report_new.html", {"enterprise": enterprise, "form": form})


@login_required
def report(request, pk):
    """One report: the enterprise follows it; the discipline commission records its finding."""
    item = _report(request, pk)
    may_record = (access.may(request.user, "inspections.record_finding", item)
                  and item.state == UnannouncedVisitReport.State.SUBMITTED)
    errors = []
    form = FindingForm(request.POST or None)
    if request.method == "POST":
        data = form.cleaned_data if form.is_valid() else {}
        try:
            services.record_finding(request.user, item, result=data.get("result", ""),
                                    finding=data.get("finding", ""))
        except Refused as exc:
            errors = exc.reasons
        else:
            messages.success(request, _("核查结论已记录，企业会收到通知"))
            return redirect("inspections:report", pk=item.pk)
    role = role_of(request.user)
    back = ((reverse("inspections:announced"), _("本企业的涉企检查")) if role == Role.ENTERPRISE
            else (reverse("inspections:queue"), _("审批与举报")))
    return render(request, "inspections/report.html", {
        "report": item, "form": form, "errors": errors, "may_record": may_record, "back": back,
        "show_match": access.may(request.user, "inspections.see_officials")})


# --- the monthly report --------------------------------------------------------------------------

@login_required
def monthly(request, org_id):
    """宁静日月报 of a district: per department, inside and outside the window, exempt, approved,
    refused; the reports and findings (for the commission, which alone reads them)."""
    district = _district(request, org_id)
    on = today()
    year = year_param(request)
    month = _month(request) or on.month
    report = selectors.monthly_report(request.user, district, year, month)
    return render(request, "inspections/monthly.html", {
        "district": district, "year": year, "month": month, "report": report, "months": range(1, 13),
        "window_text": _window_text(report.window),
        "may_read_reports": access.may(request.user, "inspections.read_findings", district)})


@login_required
def monthly_export(request, org_id):
    district = _district(request, org_id)
    year = year_param(request)
    month = _month(request) or today().month
    return xlsx_response(selectors.export_monthly_report(request.user, district, year, month),
                         _("%(d)s%(y)d年%(m)d月企业宁静日情况.xlsx") % {"d": district, "y": year, "m": month})
