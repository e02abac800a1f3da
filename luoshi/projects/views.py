"""Pages of the project pipeline: the board of the four libraries, a project with its moves, approvals,
reports, wages and alerts, the roll-up, and a 分包 leader's own projects. Thin: rules in services."""
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from luoshi.core.periods import Period
from luoshi.core.views import posted_move, year_param
from luoshi.organisations.access import can_edit_targets
from luoshi.organisations.models import Organisation
from luoshi.projects import selectors, services
from luoshi.projects.models import Project


def _org(request, org_id):
    return get_object_or_404(Organisation.objects.for_user(request.user), pk=org_id)



@login_required
def board(request, org_id):
    org = _org(request, org_id)
    return render(request, "projects/board.html", {"org": org, "libraries": selectors.board(request.user, org)})


@login_required
def rollup(request, org_id):
    org = _org(request, org_id)
    year = year_param(request)
    by = request.GET.get("by") if request.GET.get("by") in selectors.DIMENSIONS else "category"
    data = selectors.rollup(request.user, org, year, by=by)
    last_month = Period.current().previous(1)
    return render(request, "projects/rollup.html", {
        "org": org, "year": year, "by": by, **data, "sentence": selectors.plan_sentence(request.user, org, year),
        "dimensions": [("category", _("类别")), ("unit", _("责任单位")), ("leader", _("分包领导")),
                       ("level", _("级别")), ("batch", _("三个一批")), ("stage", _("所在库"))],
        "wages": selectors.wage_warnings(request.user, org, last_month.year, last_month.month)})


@login_required
def mine(request):
    return render(request, "projects/mine.html", {"projects": [
        (p, selectors.alerts(p)) for p in selectors.my_projects(request.user)]})


@login_required
def project(request, project_id):
    item = get_object_or_404(Project.objects.for_user(request.user).select_related("organisation", "category",
                                                                                  "responsible_unit"), pk=project_id)
    keep = can_edit_targets(request.user, item.organisation)
    errors = []
    if request.method == "POST":
        if not keep:
            raise PermissionDenied(_("无权维护该项目"))
        errors = posted_move(request, services.transition, item, _("日期格式不正确"))
        if not errors:
            return redirect("projects:project", project_id=item.pk)
    return render(request, "projects/project.html", {
        "project": item, "keep": keep, "errors": errors, "alerts": selectors.alerts(item),
        "actions": [(a, services.MACHINE.action_labels[a]) for a in services.MACHINE.actions_from(item.stage)],
        "approvals": item.approvals.select_related("kind"), "reports": item.reports.order_by("year", "month"),
        "wages": item.wages.order_by("year", "month"), "steps": item.steps.select_related("actor").order_by("id")})
