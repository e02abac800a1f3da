"""Pages of the project pipeline: the board of the four libraries, the filtered list, a project with its
moves, approvals, reports, wages, chart and audit trail, the roll-up, a 分包 leader's own projects, and
the Excel files (report template and upload, list and roll-up exports). Thin: rules in services."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from luoshi.core import jobs, params
from luoshi.core.forms import UploadForm, rebased, seen_version
from luoshi.core.job_views import started
from luoshi.core.periods import Period, today
from luoshi.core.records import EXPECT_NONE, ConflictError
from luoshi.core.views import posted_move, xlsx_response, year_param
from luoshi.core.workflow import Refused
from luoshi.organisations import access
from luoshi.organisations.access import can_edit_targets
from luoshi.organisations.models import Organisation, OrgKind
from luoshi.organisations.selectors import person_label
from luoshi.projects import excel, facts, funding, listfile, renewal, selectors, services
from luoshi.projects.forms import (
    ApprovalForm,
    MilestoneForm,
    ProjectForm,
    ReachedForm,
    ReportForm,
    WageForm,
    WithdrawForm,
)
from luoshi.projects.models import Project
from luoshi.projects.tasks import import_reports_upload

PAGE_SIZE = 100


def _org(request, org_id):
    return get_object_or_404(Organisation.objects.for_user(request.user), pk=org_id)


@login_required
def board(request, org_id):
    org = _org(request, org_id)
    return render(request, "projects/board.html", {"org": org, "libraries": selectors.board(request.user, org),
                                                   "keep": can_edit_targets(request.user, org)})


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
    return xlsx_response(listfile.export_list(request.user, org, filters),
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
        "wages": selectors.wage_warnings(request.user, org, last_month.year, last_month.month),
        "funding": funding.summary(request.user, org), "renewal": renewal.tree(request.user, org, year)})


@login_required
def renewal_tree(request, org_id):
    """城市更新 片区 → 单元 → 项目 with counts and money; the planning staff add areas and units here."""
    org = _org(request, org_id)
    keep = can_edit_targets(request.user, org)
    errors = []
    if request.method == "POST":
        if not keep:
            raise PermissionDenied(_("无权维护%(o)s的重点项目") % {"o": org})
        try:
            if request.POST.get("area"):
                area = get_object_or_404(org.renewal_areas.all(), pk=request.POST["area"])
                renewal.add_unit(request.user, area, request.POST.get("name", ""))
            else:
                renewal.add_area(request.user, org, request.POST.get("name", ""))
        except Refused as exc:
            errors = exc.reasons
        else:
            messages.success(request, _("已保存"))
            return redirect("projects:renewal", org_id=org.pk)
    year = year_param(request, selectors.latest_plan_year(request.user, org))
    return render(request, "projects/renewal.html", {"org": org, "year": year, "keep": keep, "errors": errors,
                                                     **renewal.tree(request.user, org, year)})


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
    """A posted entry form: the form (with its own errors) and the service's refusals; empty when saved.
    A stale one comes back carrying the newer record's version, which the refusal has just shown."""
    form = form_class(request.POST)
    if not form.is_valid():
        return form, []
    try:
        save(form.cleaned_data | {"version": seen_version(form)})
    except Refused as exc:
        return form, exc.reasons
    except ConflictError as exc:
        return rebased(form, exc.current), [str(exc)]
    return None, []


def _post(request, item, keep: bool, report: bool):
    """Apply what the project page posted; (forms with errors, refusals) when it was not saved."""
    kind = request.POST.get("form", "move")
    if kind == "report" and report:
        return "report", _entry(request, item, ReportForm, lambda d: services.record_report(
            request.user, item, year=d["year"], month=d["month"], month_investment=d["month_investment"],
            cumulative=d["cumulative"], note=d["note"], reason=d["reason"], expected_version=d["version"]))
    if kind == "wages" and report:
        return "wages", _entry(request, item, WageForm, lambda d: services.record_wages(
            request.user, item, year=d["year"], month=d["month"], payroll_due=d["payroll_due"], paid=d["paid"],
            workers=d["workers"], reason=d["reason"], expected_version=d["version"]))
    if kind == "approval" and keep:
        return "approval", _entry(request, item, ApprovalForm, lambda d: services.settle_approval(
            request.user, get_object_or_404(item.approvals, pk=d["approval"]), status=d["status"],
            done_date=d["done_date"], document=d["document"], waiver_reason=d["waiver_reason"],
            expected_version=d["version"]))
    if kind in ("withdraw_report", "withdraw_wages") and report:
        records = item.reports if kind == "withdraw_report" else item.wages
        return kind, _entry(request, item, WithdrawForm, lambda d: services.withdraw(
            request.user, get_object_or_404(records.counted(), pk=d["record"]), d["reason"],
            expected_version=d["version"]))
    if kind == "milestone" and keep:
        return kind, _entry(request, item, MilestoneForm, lambda d: services.add_milestone(
            request.user, item, title=d["title"], due_date=d["due_date"]))
    if kind == "reach" and keep:
        return kind, _entry(request, item, ReachedForm, lambda d: services.reach_milestone(
            request.user, get_object_or_404(item.milestones, pk=d["milestone"]), reached_on=d["reached_on"]))
    if kind == "move" and keep:
        return "move", (None, posted_move(request, services.transition, item, _("日期格式不正确")))
    raise PermissionDenied(_("无权维护该项目"))


def _entered(records, period: Period, *fields) -> dict:
    """The initial values of an entry form for `period`: what was entered for it, with its version (the
    form posts it back), or an empty month with "none yet" (0), so that a racing first entry is refused."""
    if not 1 <= period.month <= 12 or period.is_future():
        period = Period.current().previous(1)
    initial = {"year": period.year, "month": period.month, "version": EXPECT_NONE}
    found = records.filter(year=period.year, month=period.month).first()
    if found is not None:
        initial.update({f: getattr(found, f) for f in fields}, version=found.version)
    return initial


@login_required
def project(request, project_id):
    item = get_object_or_404(Project.objects.for_user(request.user).select_related(
        "organisation", "category", "responsible_unit", "leader"), pk=project_id)
    keep, report = services.can_keep(request.user, item), services.can_report(request.user, item)
    period = _month(request)
    forms = {"report": ReportForm(initial=_entered(item.reports.counted(), period, "month_investment", "cumulative",
                                                   "note")),
             "wages": WageForm(initial=_entered(item.wages.counted(), period, "payroll_due", "paid", "workers")),
             "approval": None, "milestone": MilestoneForm()}
    errors, failed = [], ""
    if request.method == "POST":
        failed, (bound, errors) = _post(request, item, keep, report)
        if bound is None and not errors:
            messages.success(request, _("已保存"))
            return redirect("projects:project", project_id=item.pk)
        if bound is not None:
            forms[failed] = bound
    return render(request, "projects/project.html", {
        "project": item, "keep": keep, "leader_name": person_label(item.leader),
        "can_report": report, "errors": errors, "failed": failed, "forms": forms, "milestones": item.milestones.all(),
        "alerts": selectors.alerts(item), "statuses": ApprovalForm.base_fields["status"].choices,
        "actions": [(a, services.MACHINE.action_labels[a]) for a in services.MACHINE.actions_from(item.stage)],
        "approvals": item.approvals.select_related("kind"), "reports": item.reports.order_by("year", "month"),
        "wages": item.wages.order_by("year", "month"), "steps": selectors.steps(item),
        "chart": selectors.monthly_chart(item), "audit": selectors.project_audit(item)})


def _refusals_to_form(form, exc: facts.FactsRefused):
    for name, message in exc.errors:
        form.add_error(name if name in form.fields else None, message)


@login_required
def new_project(request, org_id):
    """新建项目: a project of the district enters 储备库 by this form (the district's planning staff only)."""
    org = _org(request, org_id)
    facts.require_keeper(request.user, org)
    lookups = facts.Lookups.of(org)
    if request.method == "POST":
        form = ProjectForm(request.POST, lookups=lookups)
        if form.is_valid():
            try:
                item = services.create_project(request.user, organisation=org, code=form.cleaned_data["code"],
                                               lookups=lookups, **form.facts())
            except facts.FactsRefused as exc:
                _refusals_to_form(form, exc)
            else:
                messages.success(request, _("已纳入储备库，项目编号%(c)s") % {"c": item.code})
                return redirect("projects:project", project_id=item.pk)
    else:
        form = ProjectForm(lookups=lookups, initial={"plan_year": selectors.latest_plan_year(request.user, org),
                                                     "level": "district", "construction": "new"})
    return render(request, "projects/project_form.html", {"org": org, "form": form, "project": None})


@login_required
def edit_project(request, project_id):
    """修改项目信息: any fact, with a reason; a stale form is refused and shows the newer record."""
    item = get_object_or_404(Project.objects.for_user(request.user).select_related("organisation"), pk=project_id)
    facts.require_keeper(request.user, item.organisation)
    lookups = facts.Lookups.of(item.organisation)
    current = None
    if request.method == "POST":
        form = ProjectForm(request.POST, lookups=lookups, editing=True)
        if form.is_valid():
            try:
                services.update_project(request.user, item, reason=form.cleaned_data["reason"],
                                        expected_version=form.cleaned_data["version"], lookups=lookups, **form.facts())
            except facts.FactsRefused as exc:
                _refusals_to_form(form, exc)
            except ConflictError as exc:
                form.add_error(None, str(exc))
                current = selectors.facts_shown(exc.current)
            else:
                messages.success(request, _("已保存"))
                return redirect("projects:project", project_id=item.pk)
    else:
        form = ProjectForm(lookups=lookups, editing=True, initial={**facts.facts_of(item), "version": item.version})
    return render(request, "projects/project_form.html", {"org": item.organisation, "form": form, "project": item,
                                                          "current": current})


@login_required
def import_list(request, org_id):
    """年度建库: the project list (the export's layout) uploaded, checked whole and saved all or nothing."""
    org = _org(request, org_id)
    facts.require_keeper(request.user, org)
    result = None
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            result = listfile.import_list(request.user, org, form.cleaned_data["file"])
    else:
        form = UploadForm()
    template = "projects/_import_result.html" if request.headers.get("HX-Request") else "projects/import.html"
    return render(request, template, {"org": org, "form": form, "result": result})


@login_required
def upload_reports(request):
    """Monthly reports from Excel: the whole file checked, then saved all or nothing."""
    access.require(request.user, "projects.upload_reports")
    result = None
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if job := jobs.queue_large_import(request, upload, "project_report_import", import_reports_upload):
                return started(request, job)
            result = excel.import_reports(request.user, upload)
    else:
        form = UploadForm()
    template = "projects/_upload_result.html" if request.headers.get("HX-Request") else "projects/upload.html"
    return render(request, template, {"form": form, "result": result})


@login_required
def report_template(request):
    return xlsx_response(excel.report_template(request.user),
                         _("重点项目月度进度填报模板-%(d)s.xlsx") % {"d": today().strftime("%Y%m%d")})
