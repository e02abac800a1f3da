"""Pages of the briefing flow: the district's list of issued briefings (期号, downloads), a draft with its
下步工作 and the review actions, and the frozen files. Thin: the rules are in issuing.py."""
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luoshi.core import params
from luoshi.core.periods import Period
from luoshi.core.units import numeral
from luoshi.core.workflow import Refused, step_rows
from luoshi.dashboard import issuing
from luoshi.dashboard.files import CONTENT_TYPES
from luoshi.dashboard.models import BriefingIssue
from luoshi.dashboard.selectors import briefing_view
from luoshi.organisations.models import Organisation


def _issue(request, pk) -> BriefingIssue:
    """The briefing if the user may see it; another district's is 404 like every guessed record, so an id
    reveals nothing (the access matrix's rule)."""
    return get_object_or_404(BriefingIssue.objects.for_user(request.user).select_related("organisation"), pk=pk)


@login_required
def issued_list(request, org_id):
    org = get_object_or_404(Organisation.objects.for_user(request.user), pk=org_id)
    if request.method == "POST":
        period = Period(params.year(request), params.month(request))
        return redirect("dashboard:issue", issuing.start_draft(request.user, org, period).pk)
    issues = BriefingIssue.objects.for_user(request.user).filter(organisation=org).order_by("-year", "-number", "-pk")
    return render(request, "dashboard/issued_list.html", {"org": org, "issues": issues})


def _page(request, issue, errors=(), status=200):
    context = {"org": issue.organisation, "issue": issue, "errors": errors, "steps": step_rows(issue.steps.all(), issuing.MACHINE.state_labels,
                                                                 lambda a: issuing.MACHINE.action_labels.get(a, a)),
               **briefing_view(issue.organisation, Period(issue.year, issue.month), request.user)}
    context["office"] = issue.office
    context["next_steps_number"] = _("%(n)s、") % {"n": numeral(len(context["briefing"].sections) + 3)}
    context["actions"] = issuing.MACHINE.actions_from(issue.state)
    return render(request, "dashboard/issue.html", context, status=status)


@login_required
def issue(request, pk):
    return _page(request, _issue(request, pk))


@login_required
@require_POST
def issue_act(request, pk):
    current = _issue(request, pk)
    try:
        if request.POST.get("action") == "next_steps":
            issuing.write_next_steps(request.user, current, request.POST.get("next_steps", ""))
        else:
            issuing.act(request.user, current, request.POST.get("action", ""), request.POST.get("text", ""))
    except Refused as exc:
        return _page(request, current, exc.reasons, status=400)
    return redirect("dashboard:issue", current.pk)


@login_required
def issue_file(request, pk, kind):
    current = _issue(request, pk)
    data = getattr(current, f"{kind}_data", None) if kind in CONTENT_TYPES else None
    if current.state != BriefingIssue.State.ISSUED or not data:
        raise PermissionDenied(_("该简报尚未印发或文件尚未生成"))
    response = HttpResponse(bytes(data), content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="briefing-{current.organisation_id}-{current.year}-{current.number}.{kind}"'
    return response
