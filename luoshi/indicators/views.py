"""Pages of the indicator ledger. Thin: scoping through `for_user`, rules in services and selectors."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from luoshi.core import jobs, params
from luoshi.core.forms import UploadForm, rebased, seen_version
from luoshi.core.job_views import started
from luoshi.core.periods import Period, today
from luoshi.core.records import EXPECT_NONE
from luoshi.core.views import xlsx_response
from luoshi.indicators import selectors, services
from luoshi.indicators.forms import ActualForm, PartForm, TargetForm, WithdrawForm
from luoshi.indicators.models import Actual, Indicator, Target
from luoshi.organisations import access
from luoshi.organisations.access import (
    can_edit_targets,
    can_report_actuals,
    home_organisation,
    home_page,
    profile_of,
)
from luoshi.organisations.models import Organisation, OrgKind, Role
from luoshi.organisations.tuning import setting


def _organisation(request, org_id) -> Organisation:
    return get_object_or_404(Organisation.objects.for_user(request.user), pk=org_id)


def _year(request, organisation) -> int:
    if not request.GET.get("year"):
        return selectors.default_year(organisation)
    return params.year(request)


@login_required
def home(request):
    """Each role lands where its work is: the page its app declared for it (`access.home`: the discipline
    commission on its approval queue, the 督查室 on its 督办台账, a district admin on its register), else a
    district or unit on its overview, the city on its districts, an enterprise on its own page."""
    declared = home_page(request.user)
    if declared is not None:
        return redirect(declared)
    profile = profile_of(request.user)
    if profile is not None and profile.role == Role.ENTERPRISE:
        return render(request, "organisations/enterprise_home.html", {"enterprise": profile.enterprise})
    org = home_organisation(request.user)
    if org is None:
        return render(request, "organisations/no_scope.html", status=403)
    if org.kind == OrgKind.CITY:
        return redirect("indicators:city", org_id=org.pk)
    return redirect("indicators:overview", org_id=org.pk)


@login_required
def overview(request, org_id):
    org = _organisation(request, org_id)
    year = _year(request, org)
    rows = selectors.overview(org, year)
    charts = {f"trend-{r.indicator.pk}": {
        "months": [m for m, _v, _g in r.trend],
        "values": [str(v) if v is not None else None for _m, v, _g in r.trend],
        "growth": [str(g) if g is not None else None for _m, _v, g in r.trend],
        "unit": r.indicator.unit} for r in rows if r.trend}
    matrix = None
    if org.kind == OrgKind.CITY:
        from luoshi.indicators.city import city_matrix

        matrix = city_matrix(org, year, request.user)
    return render(request, "indicators/overview.html", {
        "org": org, "year": year, "rows": rows, "charts": charts, "matrix": matrix,
        "years": selectors.years_with_data(org) or [year],
        "can_edit": can_edit_targets(request.user, org) or can_report_actuals(request.user, org),
        "units": Organisation.objects.for_user(request.user).filter(parent=org),
    })


@login_required
def indicator_detail(request, org_id, indicator_id):
    org = _organisation(request, org_id)
    indicator = get_object_or_404(Indicator, pk=indicator_id)
    year = _year(request, org)
    detail = selectors.indicator_detail(org, indicator, year)
    chart = {
        "months": [_("%(m)d月") % {"m": m} for m in range(1, 13)],
        "labels": {"this_year": _("%(y)d年累计") % {"y": year}, "last_year": _("%(y)d年累计") % {"y": year - 1},
                   "growth": _("同比增长%")},
        "this_year": _by_month(detail.actuals, "value"),
        "last_year": _by_month(detail.previous_year, "value"),
        "growth": _by_month(detail.actuals, "growth_pct"),
        "year": year, "unit": indicator.unit,
        "peers": [{"name": r.name, "growth": str(r.growth_pct), "mine": r.organisation_id == org.pk}
                  for r in detail.peers],
    }
    return render(request, "indicators/detail.html", {
        "org": org, "indicator": indicator, "year": year, "d": detail, "chart": chart,
        "audit": selectors.audit_trail(org, indicator, year=year),
        "can_edit_target": can_edit_targets(request.user, org),
        "can_report": can_report_actuals(request.user, org),
    })


def _by_month(actuals, attr):
    values = {a.month: getattr(a, attr) for a in actuals}
    return [str(values[m]) if values.get(m) is not None else None for m in range(1, 13)]


def _attempt(form, save) -> tuple[bool, object]:
    """Run one service write for a form: on refusal put every reason on the form; on a stale edit also
    return the newer record so the page can show it."""
    try:
        save()
        return True, None
    except services.LedgerError as exc:
        for e in exc.errors:
            form.add_error(None, f"{e.field}:{e.message}")
    except services.ConflictError as exc:
        form.add_error(None, str(exc))
        return False, exc.current
    return False, None


@login_required
def target_edit(request, org_id, indicator_id, year):
    year = params.year_value(year)
    org = _organisation(request, org_id)
    indicator = get_object_or_404(Indicator, pk=indicator_id)
    if not can_edit_targets(request.user, org):
        raise PermissionDenied(_("无权设定%(o)s的目标") % {"o": org})
    target = Target.objects.for_user(request.user).filter(organisation=org, indicator=indicator, year=year).first()
    conflict = None
    if request.method == "POST":
        form = TargetForm(request.POST)
        if form.is_valid():
            saved, conflict = _attempt(form, lambda: services.set_target(
                request.user, organisation=org, indicator=indicator, year=year,
                wording=form.cleaned_data["wording"], source=form.cleaned_data["source"],
                reason=form.cleaned_data["reason"], expected_version=seen_version(form)))
            if saved:
                messages.success(request, _("已保存%(y)d年“%(i)s”目标") % {"y": year, "i": indicator})
                return redirect(f"{_detail_url(org, indicator)}?year={year}")
            if conflict:
                form = rebased(form, conflict)
    else:
        form = TargetForm(initial={"wording": target.wording if target else "",
                                   "source": target.source if target else "",
                                   "version": target.version if target else EXPECT_NONE})
    return render(request, "indicators/target_form.html", {
        "org": org, "indicator": indicator, "year": year, "form": form, "target": target, "conflict": conflict,
        "about_pp": setting("ABOUT_TOLERANCE_PP", org)})


@login_required
def actual_edit(request, org_id, indicator_id):
    org = _organisation(request, org_id)
    indicator = get_object_or_404(Indicator, pk=indicator_id)
    if not can_report_actuals(request.user, org):
        raise PermissionDenied(_("无权填报%(o)s的数据") % {"o": org})
    existing, conflict = None, None
    if request.method == "POST":
        form = ActualForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            existing = Actual.objects.for_user(request.user).filter(
                organisation=org, indicator=indicator, year=data["year"], month=data["month"]).first()
            saved, conflict = _attempt(form, lambda: services.record_actual(
                request.user, organisation=org, indicator=indicator, year=data["year"], month=data["month"],
                value=data["value"], growth_pct=data["growth_pct"], unit=data["unit"] or indicator.unit,
                note=data["note"], reason=data["reason"], expected_version=seen_version(form)))
            if saved:
                messages.success(request, _("已保存%(y)d年%(m)d月“%(i)s”") % {
                    "y": data["year"], "m": data["month"], "i": indicator})
                return redirect(f"{_detail_url(org, indicator)}?year={data['year']}")
            if conflict:
                form, existing = rebased(form, conflict), conflict
    else:
        period = _period_from_request(request, indicator)
        existing = Actual.objects.for_user(request.user).filter(
            organisation=org, indicator=indicator, year=period.year, month=period.month).first()
        form = ActualForm(initial={
            "year": period.year, "month": period.month, "unit": indicator.unit,
            "value": existing.value.normalize() if existing and existing.value is not None else "",
            "growth_pct": existing.growth_pct.normalize() if existing and existing.growth_pct is not None else "",
            "note": existing.note if existing else "", "version": existing.version if existing else EXPECT_NONE})
    return render(request, "indicators/actual_form.html", {
        "org": org, "indicator": indicator, "form": form, "existing": existing, "conflict": conflict})


@login_required
def actual_withdraw(request, org_id, indicator_id, actual_id):
    """作废 a wrong figure with a reason: kept in the records and history, no longer counted."""
    org = _organisation(request, org_id)
    indicator = get_object_or_404(Indicator, pk=indicator_id)
    actual = get_object_or_404(Actual.all_objects.for_user(request.user), pk=actual_id, organisation=org,
                               indicator=indicator)
    if not can_report_actuals(request.user, org):
        raise PermissionDenied(_("无权作废%(o)s的数据") % {"o": org})
    conflict = None
    if request.method == "POST":
        form = WithdrawForm(request.POST)
        if form.is_valid():
            saved, conflict = _attempt(form, lambda: services.withdraw_actual(
                request.user, actual, reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"]))
            if saved:
                messages.success(request, _("已作废%(y)d年%(m)d月“%(i)s”的数据") % {
                    "y": actual.year, "m": actual.month, "i": indicator})
                return redirect(f"{_detail_url(org, indicator)}?year={actual.year}")
    else:
        form = WithdrawForm(initial={"version": actual.version})
    return render(request, "indicators/withdraw_form.html", {
        "org": org, "indicator": indicator, "actual": actual, "form": form, "conflict": conflict})


@login_required
def decompose(request, org_id, indicator_id, year):
    """目标分解: the district target split among its units, whether the parts cover it and the gap."""
    from luoshi.indicators import decomposition

    org = _organisation(request, org_id)
    indicator = get_object_or_404(Indicator, pk=indicator_id)
    target = get_object_or_404(Target.objects.for_user(request.user), organisation=org, indicator=indicator, year=year)
    units = decomposition.units_of(org)
    can_edit = can_edit_targets(request.user, org)
    form = PartForm(units=units)
    if request.method == "POST":
        access.require(request.user, "indicators.decompose", org)
        form = PartForm(request.POST, units=units)
        if form.is_valid():
            unit = next(u for u in units if str(u.pk) == form.cleaned_data["unit"])
            seen = request.POST.get(f"version-{unit.pk}", "")
            saved, _conflict = _attempt(form, lambda: decomposition.set_part(
                request.user, target, unit, form.cleaned_data["wording"], reason=form.cleaned_data["reason"],
                expected_version=int(seen) if seen.isdigit() else EXPECT_NONE))
            if saved:
                messages.success(request, _("已分解到%(u)s") % {"u": unit})
                return redirect(request.path)
    return render(request, "indicators/decompose.html", {
        "org": org, "indicator": indicator, "year": year, "d": decomposition.decomposition(target), "form": form,
        "can_edit": can_edit, "versions": decomposition.unit_versions(target, units)})


def _period_from_request(request, indicator) -> Period:
    period = Period.current().previous(1)
    while indicator.quarterly and not period.is_quarter_end:
        period = period.previous(1)
    return params.period(request, period)


def _detail_url(org, indicator) -> str:
    from django.urls import reverse

    return reverse("indicators:detail", args=[org.pk, indicator.pk])


@login_required
def upload(request):
    """Excel upload of targets and actuals: validated whole, saved all or nothing."""
    access.require(request.user, "indicators.upload")
    result = None
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            from luoshi.indicators.excel import import_workbook
            from luoshi.indicators.tasks import import_ledger_upload

            upload = form.cleaned_data["file"]
            if job := jobs.queue_large_import(request, upload, "indicator_import", import_ledger_upload):
                return started(request, job)
            result = import_workbook(request.user, upload)
    else:
        form = UploadForm()
    template = "indicators/_upload_result.html" if request.headers.get("HX-Request") else "indicators/upload.html"
    return render(request, template, {"form": form, "result": result})


@login_required
def template_download(request):
    access.require(request.user, "indicators.template")
    from luoshi.indicators.workbook import build_template

    return xlsx_response(build_template(request.user), "luoshi-template.xlsx")


@login_required
def export(request):
    """The actuals the user may see, as an Excel file that can be edited and uploaded again."""
    year = params.year(request) if request.GET.get("year") else None
    from luoshi.indicators.workbook import export_actuals

    return xlsx_response(export_actuals(request.user, year=year),
                         f"luoshi-actuals-{year or 'all'}-{today():%Y%m%d}.xlsx")
