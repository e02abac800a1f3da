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
from luoshi.core.workflow import Refused, step_rows
from luoshi.dashboard import issuing, snapshot
from luoshi.dashboard.files import CONTENT_TYPES
from luoshi.dashboard.models import BriefingIssue
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
    issues = (BriefingIssue.objects.for_user(request.user).filter(organisation=org).select_related("files_job")
              .defer("docx_data", "pdf_data").order_by("-year", "-number", "-pk"))
    return render(request, "dashboard/issued_list.html",
                  {"org": org, "issues": [(i, issuing.file_states(i)) for i in issues]})


def _page(request, issue, errors=(), status=200):
    context = {**issuing.issue_context(issue, request.user), "errors": errors,
               "steps": step_rows(issue.steps.all(), issuing.MACHINE.state_labels,
                                  lambda a: issuing.MACHINE.action_labels.get(a, a)),
               "actions": [(a, issuing.MACHINE.action_labels[a]) for a in issuing.MACHINE.actions_from(issue.state)],
               "files": issuing.file_states(issue),
               "may_regenerate": issuing.may_regenerate(issue)}
    if issue.state == BriefingIssue.State.REVIEW:
        context["seen"] = snapshot.digest(snapshot.take(context))
    return render(request, "dashboard/issue.html", context, status=status)


@login_required
def issue(request, pk):
    return _page(request, _issue(request, pk))


@login_required
@require_POST
def issue_act(request, pk):
    current = _issue(request, pk)
    action = request.POST.get("action", "")
    try:
        if action == "next_steps":
            issuing.write_next_steps(request.user, current, request.POST.get("next_steps", ""))
        elif action == "regenerate":
            issuing.regenerate(request.user, current)
        else:
            issuing.act(request.user, current, action, request.POST.get("text", ""), request.POST.get("seen", ""))
    except Refused as exc:
        return _page(request, current, exc.reasons, status=400)
    return redirect("dashboard:issue", current.pk)


@login_required
def issue_file(request, pk, kind):
    current = _issue(request, pk)
    data = getattr(current, f"{kind}_data", None) if kind in CONTENT_TYPES else None
    if current.state != BriefingIssue.State.ISSUED or not data:
        raise PermissionDenied(_("该简报尚未印发或文件尚未生成"))
    return file_response(current, kind)


def file_response(current: BriefingIssue, kind: str) -> HttpResponse:
    """A frozen file of an issued briefing, the same bytes for the page and the API."""
    response = HttpResponse(bytes(getattr(current, f"{kind}_data")), content_type=CONTENT_TYPES[kind])
    name = f"briefing-{current.organisation_id}-{current.year}-{current.number}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
