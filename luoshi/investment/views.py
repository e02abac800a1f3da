"""Pages of the industry chains: the overview with 链主 against the target, one chain's panorama, and
the 招商地图 of gaps. Thin: scope by for_user, reads in selectors."""
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from luoshi.core.views import posted_move, year_param
from luoshi.investment import selectors, services
from luoshi.investment.models import IndustryChain, InvestmentProject, InvestmentState
from luoshi.organisations.access import can_edit_targets
from luoshi.organisations.models import Organisation


@login_required
def chains(request, org_id):
    org = get_object_or_404(Organisation.objects.for_user(request.user), pk=org_id)
    return render(request, "investment/chains.html", {
        "org": org, **selectors.chains_overview(request.user, org),
        "gaps": selectors.investment_map(request.user, None if org.parent_id is None else org)})


@login_required
def chain(request, chain_id):
    try:
        data = selectors.panorama(request.user, chain_id)
    except IndustryChain.DoesNotExist:
        raise Http404
    return render(request, "investment/chain.html", {**data, "chart": {"tree": data["tree"]}})


@login_required
def ledger(request, org_id):
    """招商台账: the year's funnel, targets with status in words, and the projects."""
    org = get_object_or_404(Organisation.objects.for_user(request.user), pk=org_id)
    year = year_param(request)
    projects = InvestmentProject.objects.for_user(request.user).filter(organisation=org).select_related(
        "chain_link__chain", "responsible_unit")
    state = request.GET.get("state")
    if state in InvestmentState.values:
        projects = projects.filter(state=state)
    return render(request, "investment/ledger.html", {
        "org": org, "year": year, "funnel": selectors.funnel(request.user, org, year),
        "targets": selectors.target_progress(request.user, org, year), "projects": projects[:300],
        "states": InvestmentState.choices, "state": state, "can_keep": can_edit_targets(request.user, org)})


@login_required
def project(request, project_id):
    item = get_object_or_404(InvestmentProject.objects.for_user(request.user).select_related("organisation"),
                             pk=project_id)
    keep = can_edit_targets(request.user, item.organisation)
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
        "steps": item.steps.select_related("actor").order_by("id")})
