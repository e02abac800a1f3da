"""Pages about organisations: a district's register of units, people and enterprises kept by its
administrator (建库). The city's page (its districts side by side on the indicators) is the indicator
ledger's (luoshi.indicators.city_views): a foundation app imports no domain app."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from luoshi.core.forms import UploadForm, seen_version
from luoshi.core.records import ConflictError
from luoshi.core.views import posted_version, xlsx_response
from luoshi.core.workflow import Refused
from luoshi.organisations import access, register_excel, services, tuning
from luoshi.organisations.access import assignable_roles, can_keep_enterprises, can_manage_district
from luoshi.organisations.forms import ActiveForm, DistrictSettingsForm, EnterpriseForm, PersonForm, UnitForm
from luoshi.organisations.models import DISTRICT_KINDS, Enterprise, Organisation, Profile
from luoshi.organisations.selectors import HISTORY_USER_RELATED, district_people, districts_known_to

# --- a district's register: units, people, enterprises (建库) ----------------------------------------

def _district(request, org_id, allowed) -> Organisation:
    """The district (404 outside the user's scope), and 403 where the user sees but does not keep it."""
    district = get_object_or_404(Organisation.objects.for_user(request.user), pk=org_id, kind__in=DISTRICT_KINDS)
    if not allowed(request.user, district):
        raise PermissionDenied(_("无权维护%(d)s的单位、人员或企业库") % {"d": district})
    return district


def _refusals(form, save):
    """Run a service write for a form; on refusal put every reason on the form. True when saved."""
    try:
        save()
        return True
    except services.RegisterError as exc:
        for p in exc.problems:
            form.add_error(None, f"{p.field}:{p.message}")
    except ConflictError as exc:
        form.add_error(None, str(exc))
    return False


@login_required
def register(request, org_id):
    """机构与人员: the district's units and people, added and changed here or by Excel."""
    district = _district(request, org_id, can_manage_district)
    units = services.district_units(district)
    unit_form = UnitForm(prefix="unit")
    person_form = PersonForm(prefix="person", roles=assignable_roles(request.user, district), units=units)
    if request.method == "POST" and "unit-name" in request.POST:
        unit_form = UnitForm(request.POST, prefix="unit")
        if unit_form.is_valid() and _refusals(unit_form, lambda: services.save_unit(
                request.user, district, **{k: v for k, v in unit_form.cleaned_data.items()})):
            messages.success(request, _("已新增单位“%(n)s”") % {"n": unit_form.cleaned_data["name"]})
            return redirect(request.path)
    elif request.method == "POST":
        person_form = PersonForm(request.POST, prefix="person", roles=assignable_roles(request.user, district),
                                 units=units)
        if person_form.is_valid():
            data = dict(person_form.cleaned_data)
            data["organisation"] = next((u for u in units if str(u.pk) == data["organisation"]), None)
            if _refusals(person_form, lambda: services.save_person(request.user, district, **data)):
                messages.success(request, _("已新增人员“%(n)s”，请在“重置密码”页面为其设置密码") % {
                    "n": data["display_name"]})
                return redirect(request.path)
    show = request.GET.get("show", "active")
    return render(request, "organisations/register.html", {
        "district": district, "units": units[1:], "people": district_people(district, show),
        "unit_form": unit_form, "person_form": person_form, "show": show,
        "can_keep_enterprises": can_keep_enterprises(request.user, district)})


@login_required
def unit_edit(request, org_id, unit_id):
    district = _district(request, org_id, can_manage_district)
    unit = get_object_or_404(Organisation.objects.filter(district_id=district.pk).exclude(pk=district.pk), pk=unit_id)
    form = UnitForm(initial={"name": unit.name, "short_name": unit.short_name, "kind": unit.kind})
    if request.method == "POST":
        form = UnitForm(request.POST)
        if form.is_valid() and _refusals(form, lambda: services.save_unit(
                request.user, district, unit=unit, expected_version=posted_version(request), **form.cleaned_data)):
            messages.success(request, _("已修改单位“%(n)s”") % {"n": form.cleaned_data["name"]})
            return redirect("organisations:register", org_id=district.pk)
    return render(request, "organisations/unit_form.html", {
        "district": district, "unit": unit, "form": form,
        "history": unit.history.select_related(*HISTORY_USER_RELATED)[:50]})


@login_required
def person_edit(request, org_id, profile_id):
    """One person: change their name, role or unit (with a reason), or 停用/恢复 them (history kept)."""
    district = _district(request, org_id, can_manage_district)
    person = get_object_or_404(Profile.objects.select_related("user", "organisation"), pk=profile_id,
                               organisation__district_id=district.pk)
    units = services.district_units(district)
    roles = assignable_roles(request.user, district)
    form = PersonForm(roles=roles, units=units, editing=True, initial={
        "username": person.user.username, "display_name": person.display_name, "role": person.role,
        "organisation": person.organisation_id, "title": person.title, "phone": person.phone,
        "version": person.version})
    active_form = ActiveForm(prefix="active")
    if request.method == "POST" and "active-reason" in request.POST:
        active_form = ActiveForm(request.POST, prefix="active")
        activate = request.POST.get("active") == "1"
        if active_form.is_valid() and _refusals(active_form, lambda: services.set_active(
                request.user, person, active=activate, reason=active_form.cleaned_data["reason"],
                expected_version=posted_version(request))):
            messages.success(request, (_("已恢复%(p)s") if activate else _("已停用%(p)s，其全部记录保留")) % {
                "p": person.display_name})
            return redirect("organisations:person_edit", org_id=district.pk, profile_id=person.pk)
    elif request.method == "POST":
        form = PersonForm(request.POST, roles=roles, units=units, editing=True,
                          initial={"username": person.user.username})
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version")
            data["organisation"] = next((u for u in units if str(u.pk) == data["organisation"]), None)
            data["username"] = person.user.username
            if _refusals(form, lambda: services.save_person(request.user, district, person=person,
                                                            expected_version=version, **data)):
                messages.success(request, _("已修改%(p)s") % {"p": data["display_name"]})
                return redirect("organisations:register", org_id=district.pk)
    return render(request, "organisations/person_form.html", {
        "district": district, "person": person, "form": form, "active_form": active_form,
        "history": person.history.select_related(*HISTORY_USER_RELATED)[:50]})


@login_required
def register_template(request, org_id):
    district = _district(request, org_id, can_manage_district)
    return xlsx_response(register_excel.template(request.user, district), f"register-{district.pk}.xlsx")


@login_required
def register_upload(request, org_id):
    """Units and people from Excel: the whole file checked, then saved all or nothing."""
    district = _district(request, org_id, can_manage_district)
    result, form = None, UploadForm()
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            result = register_excel.import_register(request.user, district, form.cleaned_data["file"])
    name = ("organisations/_register_result.html" if request.headers.get("HX-Request")
            else "organisations/register_upload.html")
    return render(request, name, {"district": district, "form": form, "result": result, "what": "register"})


@login_required
def enterprises(request, org_id):
    """企业库: the district's enterprises, registered here or by Excel (统一社会信用代码 checked)."""
    district = _district(request, org_id, can_keep_enterprises)
    editing = None
    if request.GET.get("edit"):
        editing = get_object_or_404(Enterprise.objects.filter(district=district), pk=request.GET["edit"])
    form = EnterpriseForm(initial={"name": editing.name, "credit_code": editing.credit_code,
                                   "industry": editing.industry, "is_above_scale": editing.is_above_scale}
                          if editing else None)
    if request.method == "POST":
        form = EnterpriseForm(request.POST)
        if form.is_valid() and _refusals(form, lambda: services.save_enterprise(
                request.user, district, enterprise=editing,
                expected_version=posted_version(request) if editing else None,
                **form.cleaned_data)):
            messages.success(request, _("已保存企业“%(n)s”") % {"n": form.cleaned_data["name"]})
            return redirect("organisations:enterprises", org_id=district.pk)
    query = (request.GET.get("q") or "").strip()
    listed = Enterprise.objects.filter(district=district).order_by("name")
    if query:
        listed = listed.filter(Q(name__contains=query) | Q(credit_code__contains=query.upper()))
    return render(request, "organisations/enterprises.html", {
        "district": district, "enterprises": listed[:500], "count": listed.count(), "form": form,
        "editing": editing, "q": query})


@login_required
def enterprises_template(request, org_id):
    district = _district(request, org_id, can_keep_enterprises)
    return xlsx_response(register_excel.enterprise_template(request.user, district), f"enterprises-{district.pk}.xlsx")


@login_required
def enterprises_upload(request, org_id):
    district = _district(request, org_id, can_keep_enterprises)
    result, form = None, UploadForm()
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            result = register_excel.import_enterprises(request.user, district, form.cleaned_data["file"])
    name = ("organisations/_register_result.html" if request.headers.get("HX-Request")
            else "organisations/register_upload.html")
    return render(request, name, {"district": district, "form": form, "result": result, "what": "enterprises"})


@login_required
def district_settings(request, org_id):
    """区级设置: the district's own palette, tolerance bands and deadlines (empty: the default), each change
    with a reason and kept in the history; only the district's admin and the city admin open it."""
    district = get_object_or_404(districts_known_to(request.user), pk=org_id)
    access.require(request.user, "organisations.configure_settings", district)  # 403 with the rule's reason
    current = tuning.stored(request.user, district)
    values = {field: getattr(current, field) for field in tuning.FIELDS.values()}
    form = DistrictSettingsForm(initial={**values, "version": current.version}, defaults=tuning.defaults())
    if request.method == "POST":
        form = DistrictSettingsForm(request.POST, defaults=tuning.defaults())
        if form.is_valid():
            data = dict(form.cleaned_data)
            reason, version = data.pop("reason"), seen_version(form)
            try:
                tuning.save(request.user, district, data, reason=reason, expected_version=version)
                messages.success(request, _("区级设置已保存"))
                return redirect(request.path)
            except Refused as exc:
                for field, reason_text in zip(exc.fields, exc.reasons, strict=True):
                    form.add_error(field if field in form.fields else None, reason_text)
            except ConflictError as exc:
                form.add_error(None, str(exc))
    return render(request, "organisations/district_settings.html", {
        "district": district, "form": form, "history": tuning.audit(request.user, district)})
