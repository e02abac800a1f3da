"""Pages of investment attraction: the ledger (filtered, exported, imported from Excel), a project with its
moves, lead entry and correction, the 三个一批 batches; the industry chains' overview with 链主 against the
target, one chain's panorama with its editing forms, and the 招商地图 of gaps with a link to start a lead
on a gap. Thin: scope by for_user (404 outside it, 403 where visible but not kept), rules in services,
reads in selectors."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from luoshi.core import jobs, params
from luoshi.core.forms import UploadForm, seen_version
from luoshi.core.job_views import started
from luoshi.core.periods import today
from luoshi.core.records import ConflictError
from luoshi.core.views import posted_move, posted_version, xlsx_response, year_param
from luoshi.core.workflow import Refused
from luoshi.investment import excel, selectors, services
from luoshi.investment.forms import ChainForm, EditForm, LeadForm, LinkForm, MemberForm, TargetForm
from luoshi.investment.models import ChainLink, ChainMember, IndustryChain, InvestmentProject, InvestmentTarget
from luoshi.investment.tasks import import_ledger_upload
from luoshi.organisations.access import can_edit_targets
from luoshi.organisations.models import Organisation


def _org(request, org_id):
    return get_object_or_404(Organisation.objects.for_user(request.user), pk=org_id)


def _keeper_org(request, org_id):
    org = _org(request, org_id)
    if not can_edit_targets(request.user, org):
        raise PermissionDenied(_("无权维护%(o)s的招商台账") % {"o": org})
    return org


def _saved(save) -> list[str]:
    """Run a service write; the reasons it was refused (empty: saved)."""
    try:
        save()
    except Refused as exc:
        return exc.reasons
    except ConflictError as exc:
        return [str(exc)]
    return []


@login_required
def chains(request, org_id):
    """The chains and the 招商地图; a keeper of the organisation adds a chain here."""
    org = _org(request, org_id)
    keep = can_edit_targets(request.user, org)
    form, errors = ChainForm(), []
    if request.method == "POST":
        if not keep:
            raise PermissionDenied(_("无权维护%(o)s的产业链") % {"o": org})
        form = ChainForm(request.POST)
        if form.is_valid():
            created = []
            errors = _saved(lambda: created.append(services.create_chain(request.user, organisation=org,
                                                                         **form.cleaned_data)))
            if not errors:
                messages.success(request, _("已新建产业链"))
                return redirect("investment:chain", chain_id=created[0].pk)
    gaps = selectors.investment_map(request.user, None if org.parent_id is None else org)
    keeps = {o.pk for o in {s.link.chain.organisation for s in gaps} if can_edit_targets(request.user, o)}
    return render(request, "investment/chains.html", {
        "org": org, **selectors.chains_overview(request.user, org), "gaps": gaps, "keeps": keeps,
        "keep": keep, "form": form, "errors": errors})


def _chain_post(request, chain) -> tuple[str, object, list[str]]:
    """Apply one of the chain page's forms: (which form, the bound form or None, the refusals)."""
    kind, post, user = request.POST.get("form", ""), request.POST, request.user
    if kind == "leader":
        return kind, None, _saved(lambda: services.set_chain_leader(user, chain, post.get("chain_leader", ""),
                                                                    post.get("reason", ""),
                                                                    expected_version=posted_version(request)))
    if kind in ("add_link", "edit_link"):
        form = LinkForm(post)
        if not form.is_valid():
            return kind, form, []
        d = form.cleaned_data
        if kind == "add_link":
            return kind, form, _saved(lambda: services.add_link(user, chain, segment=d["segment"], name=d["name"],
                                                                planned=d["planned"]))
        link = get_object_or_404(ChainLink, chain=chain, pk=post.get("link"))
        return kind, form, _saved(lambda: services.update_link(user, link, name=d["name"], segment=d["segment"],
                                                               planned=d["planned"], reason=d["reason"],
                                                               expected_version=posted_version(request)))
    if kind == "add_member":
        form = MemberForm(post, user=user)
        if not form.is_valid():
            return kind, form, []
        d = form.cleaned_data
        link = get_object_or_404(ChainLink, chain=chain, pk=d["link"])
        return kind, form, _saved(lambda: services.add_member(user, link, name=d["name"], enterprise=d["enterprise"],
                                                              is_chain_master=d["is_chain_master"]))
    if kind in ("master", "remove_member"):
        member = get_object_or_404(ChainMember, link__chain=chain, pk=post.get("member"))
        if kind == "master":
            return kind, None, _saved(lambda: services.set_chain_master(
                user, member, post.get("is_chain_master") == "1", post.get("reason", ""),
                expected_version=posted_version(request)))
        return kind, None, _saved(lambda: services.remove_member(user, member, post.get("reason", "")))
    raise Http404


@login_required
def chain(request, chain_id):
    """The panorama; a keeper of the chain's district names the 链长, adds and renames links, adds and
    removes enterprises and names 链主 here (each change in the history, with its reason)."""
    try:
        data = selectors.panorama(request.user, chain_id)
    except IndustryChain.DoesNotExist:
        raise Http404 from None
    item = data["chain"]
    keep = services.can_edit_chain(request.user, item)
    failed, bound, errors = "", None, []
    if request.method == "POST":
        if not keep:
            raise PermissionDenied(_("无权维护%(o)s的产业链") % {"o": item.organisation})
        failed, bound, errors = _chain_post(request, item)
        if not errors and (bound is None or bound.is_valid()):
            messages.success(request, _("已保存"))
            return redirect("investment:chain", chain_id=item.pk)
    return render(request, "investment/chain.html", {
        **data, "chart": {"tree": data["tree"]}, "keep": keep, "failed": failed, "bound": bound,
        "errors": errors, "link_form": LinkForm(),
        "lead_status": (selectors.MISSING, selectors.WEAK, selectors.EXTEND)})


def _ledger_filters(request, org) -> tuple[int, dict]:
    """The year of the funnel and targets, and the filters of the project list, as the ledger page and its
    export read them: the list follows the chosen year (`selectors.of_year`, as the API's list does); with
    no `?year=` at all, the year the district's records open on (this year once it has any); an empty year
    (the form's field cleared) means all years, the funnel and targets then showing that year."""
    year = year_param(request, selectors.opening_year(request.user, org))
    filters = selectors.clean_filters(request.GET)
    if "year" not in request.GET:
        filters["year"] = year
    return year, filters


@login_required
def ledger(request, org_id):
    """招商台账: the year's funnel, targets with status in words, and the projects of the year (or of all
    years), filtered by state, method and chain."""
    org = _org(request, org_id)
    year, filters = _ledger_filters(request, org)
    query = request.GET.copy()
    query["year"] = filters.get("year", "")  # the export follows the list, "all years" included
    return render(request, "investment/ledger.html", {
        "org": org, "year": year, "funnel": selectors.funnel(request.user, org, year),
        "targets": selectors.target_progress(request.user, org, year),
        "projects": selectors.ledger_projects(request.user, org, filters)[:300], "filters": filters,
        **selectors.filter_choices(request.user, org), "state": filters.get("state"), "query": query.urlencode(),
        "can_keep": can_edit_targets(request.user, org)})


@login_required
def export(request, org_id):
    """The ledger as filtered on the page (the same year rule), in the layout sent upward."""
    org = _org(request, org_id)
    _year, filters = _ledger_filters(request, org)
    return xlsx_response(excel.export_ledger(request.user, org, filters),
                         _("%(o)s招商引资台账-%(d)s.xlsx") % {"o": org.name, "d": today().strftime("%Y%m%d")})


@login_required
def template(request, org_id):
    org = _keeper_org(request, org_id)
    return xlsx_response(excel.template(request.user, org),
                         _("%(o)s招商项目导入模板-%(d)s.xlsx") % {"o": org.name, "d": today().strftime("%Y%m%d")})


@login_required
def upload(request, org_id):
    """New leads and corrections from Excel: the whole file checked, then saved all or nothing."""
    org = _keeper_org(request, org_id)
    result = None
    form = UploadForm()
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if job := jobs.queue_large_import(request, upload, "investment_import", import_ledger_upload, org.pk):
                return started(request, job)
            result = excel.import_ledger(request.user, org, upload)
    name = "investment/_upload_result.html" if request.headers.get("HX-Request") else "investment/upload.html"
    return render(request, name, {"org": org, "form": form, "result": result})


@login_required
def batches(request, org_id):
    """三个一批: the year's projects signed, started and put into production, batch by batch (month)."""
    org = _org(request, org_id)
    year = year_param(request, selectors.opening_year(request.user, org))
    return render(request, "investment/batches.html", {
        "org": org, "year": year, **selectors.batch_events(request.user, org, year)})


@login_required
def new_lead(request, org_id):
    """登记线索; `?link=` preselects a gap of the 招商地图 (补链、强链、延链)."""
    org = _keeper_org(request, org_id)
    errors = []
    if request.method == "POST":
        form = LeadForm(request.POST, request.FILES, organisation=org)
        if form.is_valid():
            created = []
            errors = _saved(lambda: created.append(services.create_lead(
                request.user, organisation=org, contract=form.cleaned_data["contract"], **form.facts())))
            if not errors:
                messages.success(request, _("已登记线索"))
                return redirect("investment:project", project_id=created[0].pk)
    else:
        initial = {"lead_date": today()}
        link_id = params.filter_id(request.GET.get("link"))
        link = services.links_of(org).filter(pk=link_id).first() if link_id else None
        if link is not None:
            initial["chain_link"] = link
            initial["sector"] = link.chain.name
        form = LeadForm(initial=initial, organisation=org)
    return render(request, "investment/lead_form.html", {"org": org, "form": form, "errors": errors})


def _project(request, project_id):
    return get_object_or_404(InvestmentProject.objects.for_user(request.user).select_related(
        "organisation", "chain_link__chain", "responsible_unit"), pk=project_id)


@login_required
def edit(request, project_id):
    """Correct the facts of a record; a change needs a reason and stays in the history."""
    item = _project(request, project_id)
    if not services.can_keep(request.user, item):
        raise PermissionDenied(_("无权维护该招商项目"))
    errors = []
    if request.method == "POST":
        form = EditForm(request.POST, request.FILES, project=item)
        if form.is_valid():
            d = form.cleaned_data
            errors = _saved(lambda: services.update_investment(
                request.user, item, reason=d["reason"], expected_version=d["version"], contract=d["contract"],
                **{k: v for k, v in d.items() if k in services.FACT_FIELDS}))
            if not errors:
                messages.success(request, _("已保存"))
                return redirect("investment:project", project_id=item.pk)
    else:
        form = EditForm(initial={**{f: getattr(item, f) for f in services.FACT_FIELDS}, "version": item.version},
                        project=item)
    return render(request, "investment/edit.html", {"project": item, "form": form, "errors": errors})


@login_required
def contract(request, project_id):
    """The contract file, only to those who may see the project."""
    item = _project(request, project_id)
    if not item.contract:
        raise Http404
    response = FileResponse(item.contract.open("rb"), as_attachment=True,
                            filename=f"{item.name}{item.contract.name[item.contract.name.rfind('.'):]}")
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def project(request, project_id):
    item = _project(request, project_id)
    keep = services.can_keep(request.user, item)
    errors = []
    if request.method == "POST":
        if not keep:
            raise PermissionDenied(_("无权维护该招商项目"))
        errors = posted_move(request, services.transition, item, _("日期或金额格式不正确"),
                             amount=request.POST.get("amount") or None)
        if not errors:
            return redirect("investment:project", project_id=item.pk)
    return render(request, "investment/project.html", {
        "project": item, "keep": keep, "errors": errors,
        "actions": [(a, services.MACHINE.action_labels[a]) for a in services.MACHINE.actions_from(item.state)],
        "steps": selectors.project_steps(item),
        "audit": selectors.project_audit(item)})


# --- 招商目标 -------------------------------------------------------------------------------------

@login_required
def targets(request, org_id):
    """The year's attraction targets of the district and its units with where each stands; a keeper sets
    or revises one here (the check is `investment.targets`', as the API's and the Excel import's)."""
    from luoshi.indicators.services import LedgerError
    from luoshi.investment import target_excel
    from luoshi.investment import targets as target_rules

    district = _org(request, org_id)
    year = year_param(request, selectors.opening_year(request.user, district))
    keepable = target_excel.keepable_units(request.user, district)
    units = [district, *Organisation.objects.for_user(request.user).filter(district_id=district.pk)
             .exclude(pk=district.pk).order_by("kind", "name")]
    rows = [(o, selectors.target_progress(request.user, o, year)) for o in units]
    initial = {"organisation": district.pk, "year": year}
    editing = None
    if request.GET.get("edit"):
        editing = get_object_or_404(InvestmentTarget.objects.for_user(request.user), pk=request.GET["edit"],
                                    organisation__in=units)
        initial = {"organisation": editing.organisation_id, "year": editing.year, "measure": editing.measure,
                   "wording": editing.wording, "min_amount": editing.min_amount or "",
                   "max_amount": editing.max_amount or "", "sector": editing.sector, "source": editing.source,
                   "version": editing.version}
    form = TargetForm(initial=initial, organisations=keepable)
    conflict = None
    if request.method == "POST":
        if not keepable:
            raise PermissionDenied(_("无权设定%(o)s的招商目标") % {"o": district})
        form = TargetForm(request.POST, organisations=keepable)
        if form.is_valid():
            data = form.cleaned_data
            org = next(o for o in keepable if str(o.pk) == data["organisation"])
            try:
                saved = target_rules.set_target(
                    request.user, organisation=org, year=data["year"], measure=data["measure"],
                    wording=data["wording"], min_amount=data["min_amount"], max_amount=data["max_amount"],
                    sector=data["sector"], source=data["source"], reason=data["reason"],
                    expected_version=seen_version(form))
            except LedgerError as exc:
                for e in exc.errors:
                    form.add_error(None, f"{e.field}:{e.message}")
            except ConflictError as exc:
                form.add_error(None, str(exc))
                conflict = exc.current
            else:
                messages.success(request, _("已保存招商目标：%(o)s %(l)s %(w)s") % {
                    "o": org, "l": saved.label(), "w": saved.wording})
                return redirect(f"{request.path}?year={saved.year}")
    return render(request, "investment/targets.html", {
        "org": district, "year": year, "rows": rows, "form": form, "can_keep": bool(keepable),
        "editing": editing, "conflict": conflict,
        "audit": target_rules.target_audit(editing) if editing else []})


@login_required
def targets_template(request, org_id):
    from luoshi.investment import target_excel

    district = _org(request, org_id)
    year = year_param(request)
    return xlsx_response(target_excel.template(request.user, district, year),
                         _("%(o)s招商目标-%(y)d.xlsx") % {"o": district.name, "y": year})


@login_required
def targets_upload(request, org_id):
    """招商目标 from Excel: the whole file checked, then saved all or nothing."""
    from luoshi.investment import target_excel

    district = _org(request, org_id)
    if not target_excel.keepable_units(request.user, district):
        raise PermissionDenied(_("无权设定%(o)s的招商目标") % {"o": district})
    result, form = None, UploadForm()
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            result = target_excel.import_targets(request.user, district, form.cleaned_data["file"])
    name = ("investment/_target_upload_result.html" if request.headers.get("HX-Request")
            else "investment/target_upload.html")
    return render(request, name, {"org": district, "form": form, "result": result, "year": year_param(request)})
