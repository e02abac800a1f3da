"""Pages of the project pipeline: the board of the four libraries, the filtered list, a project with its
moves, approvals, reports, wages, chart and audit trail, the roll-up, a 分包 leader's own projects, and
the Excel files (report template and upload, list and roll-up exports). Thin: rules in services."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from luoshi.core.forms import UploadForm
from luoshi.core.periods import Period, today
from luoshi.core.records import ConflictError
from luoshi.core import params
from luoshi.core.views import posted_move, xlsx_response, year_param
from luoshi.core.workflow import Refused
from luoshi.organisations.models import Organisation, OrgKind
from luoshi.projects import excel, selectors, services
from luoshi.projects.forms import ApprovalForm, ReportForm, WageForm
from luoshi.projects.models import Project

PAGE_SIZE = 100


def _org(request, org_id):
    return get_object_or_404(Organisation.objects.for_user(request.user), pk=org_id)


@login_required
def board(request, org_id):
    org = _org(request, org_id)
    return render(request, "projects/board.html", {"org": org, "libraries": selectors.board(request.user, org)})


@login_required
def project_list(request, org_id):
    """Every project of the district, filtered by stage, category, level, batch, unit, leader, year or text."""
    org = _org(request, org_id)
    filters = selectors.clean_filters(request.GET)
    page = Paginator(selectors.project_list(request.user, org, filters), PAGE_SIZE).get_page(request.GET.get("page"))
    period = Period.current().previous(1)
    done = selectors.completed_this_year(page.object_list, filters.get("year", period.year))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "projects/list.html", {
        "org": org, "page": page, "filters": filters, "choices": selectors.filter_choices(request.user, org),
        "rows": [(p, done.get(p.pk)) for p in page.object_list], "query": query.urlencode()})


@login_required
def export_list(request, org_id):
    org = _org(request, org_id)
    filters = selectors.clean_filters(request.GET)
    return xlsx_response(excel.export_list(request.user, org, filters),
                         _("%(o)s重点项目清单-%(d)s.xlsx") % {"o": org.name, "d": today().strftime("%Y%m%d")})


def _by(request, org) -> str:
    """The roll-up dimension asked for; a city's roll-up starts by district."""
    default = "district" if org.kind == OrgKind.CITY else "category"
    return request.GET.get("by") if request.GET.get("by") in selectors.DIMENSIONS else default


@login_required
def rollup(request, org_id):
    org = _org(request, org_id)
    year, by = year_param(request, selectors.latest_plan_year(request.user, org)), _by(request, org)
    data = selectors.rollup(request.user, org, year, by=by)
    last_month = Period.current().previous(1)
    return render(request, "projects/rollup.html", {
        "org": org, "year": year, "by": by, **data, "sentence": selectors.plan_sentence(request.user, org, year, data),
        "dimensions": selectors.dimensions(), "chart": selectors.rollup_chart(data),
        "wages": selectors.wage_warnings(request.user, org, last_month.year, last_month.month)})


@login_required
def export_rollup(request, org_id):
    org = _org(request, org_id)
    year, by = year_param(request, selectors.latest_plan_year(request.user, org)), _by(request, org)
    return xlsx_response(excel.export_rollup(request.user, org, year, by),
                         _("%(o)s%(y)d年重点项目汇总-%(b)s.xlsx") % {"o": org.name, "y": year,
                                                                   "b": selectors.dimension_label(by)})


def _month(request) -> Period:
    """The `?year=&month=` asked for; last month when absent (400 when not a month)."""
    return params.period(request, Period.current().previous(1))


@login_required
def wages(request, org_id):
    """农民工工资支付监控: the month's payroll of every project under construction, warnings first."""
    org = _org(request, org_id)
    period = _month(request)
    if not 1 <= period.month <= 12:
        period = Period.current().previous(1)
    lines = selectors.wage_table(request.user, org, period.year, period.month)
    return render(request, "projects/wages.html", {
        "org": org, "period": period, "lines": sorted(lines, key=lambda line: not line.message),
        "warned": sum(1 for line in lines if line.message)})


@login_required
def export_wages(request, org_id):
    org = _org(request, org_id)
    period = _month(request)
    return xlsx_response(excel.export_wages(request.user, org, period.year, period.month),
                         _("%(o)s农民工工资支付-%(y)d年%(m)d月.xlsx") % {"o": org.name, "y": period.year,
                                                                     "m": period.month})


@login_required
def mine(request):
    return render(request, "projects/mine.html", {"projects": [
        (p, selectors.alerts(p)) for p in selectors.my_projects(request.user)]})


def _entry(request, item, form_class, save) -> tuple[object, list[str]]:
    """A posted entry form: the form (with its own errors) and the service's refusals; empty when saved."""
    form = form_class(request.POST)
    if not form.is_valid():
        return form, []
    try:
        save(form.cleaned_data)
    except Refused as exc:
        return form, exc.reasons
    except ConflictError as exc:
        return form, [str(exc)]
    return None, []


def _post(request, item, keep: bool, report: bool):
    """Apply what the project page posted; (forms with errors, refusals) when it was not saved."""
    kind = request.POST.get("form", "move")
    if kind == "report" and report:
        return "report", _entry(request, item, ReportForm, lambda d: services.record_report(
            request.user, item, year=d["year"], month=d["month"], month_investment=d["month_investment"],
            cumulative=d["cumulative"], note=d["note"], reason=d["reason"]))
    if kind == "wages" and report:
        return "wages", _entry(request, item, WageForm, lambda d: services.record_wages(
            request.user, item, year=d["year"], month=d["month"], payroll_due=d["payroll_due"], paid=d["paid"],
            workers=d["workers"], reason=d["reason"]))
    if kind == "approval" and keep:
        return "approval", _entry(request, item, ApprovalForm, lambda d: services.settle_approval(
            request.user, get_object_or_404(item.approvals, pk=d["approval"]), status=d["status"],
            done_date=d["done_date"], waiver_reason=d["waiver_reason"]))
    if kind == "move" and keep:
        return "move", (None, posted_move(request, services.transition, item, _("日期格式不正确")))
    raise PermissionDenied(_("无权维护该项目"))


@login_required
def project(request, project_id):
    item = get_object_or_404(Project.objects.for_user(request.user).select_related(
        "organisation", "category", "responsible_unit", "leader"), pk=project_id)
    keep, report = services.can_keep(request.user, item), services.can_report(request.user, item)
    last = Period.current().previous(1)
    initial = {"year": last.year, "month": last.month}
    forms = {"report": ReportForm(initial=initial), "wages": WageForm(initial=initial), "approval": None}
    errors, failed = [], ""
    if request.method == "POST":
        failed, (bound, errors) = _post(request, item, keep, report)
        if bound is None and not errors:
            messages.success(request, _("已保存"))
            return redirect("projects:project", project_id=item.pk)
        if bound is not None:
            forms[failed] = bound
    return render(request, "projects/project.html", {
        "project": item, "keep": keep, "can_report": report, "errors": errors, "failed": failed, "forms": forms,
        "alerts": selectors.alerts(item), "statuses": ApprovalForm.base_fields["status"].choices,
        "actions": [(a, services.MACHINE.action_labels[a]) for a in services.MACHINE.actions_from(item.stage)],
        "approvals": item.approvals.select_related("kind"), "reports": item.reports.order_by("year", "month"),
        "wages": item.wages.order_by("year", "month"), "steps": selectors.steps(item),
        "chart": selectors.monthly_chart(item), "audit": selectors.project_audit(item)})


@login_required
def upload_reports(request):
    """Monthly reports from Excel: the whole file checked, then saved all or nothing."""
    result = None
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            result = excel.import_reports(request.user, form.cleaned_data["file"])
    else:
        if not excel.reportable(request.user):
            raise PermissionDenied(_("无权填报重点项目进度"))
        form = UploadForm()
    template = "projects/_upload_result.html" if request.headers.get("HX-Request") else "projects/upload.html"
    return render(request, template, {"form": form, "result": result})


@login_required
def report_template(request):
    return xlsx_response(excel.report_template(request.user),
                         _("重点项目月度进度填报模板-%(d)s.xlsx") % {"d": today().strftime("%Y%m%d")})
