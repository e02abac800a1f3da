"""Briefing pages and files. Thin: scoping through `for_user`, the writing in briefing.py."""
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from luoshi.core import jobs, params
from luoshi.core.job_views import started
from luoshi.core.periods import Period
from luoshi.core.status import Status
from luoshi.core.views import year_param
from luoshi.dashboard.screen import screen as screen_data
from luoshi.dashboard.screen import status_list
from luoshi.dashboard.selectors import briefing_view
from luoshi.dashboard.tasks import make_briefing_file
from luoshi.indicators.selectors import default_year
from luoshi.organisations.models import Organisation


def _context(request, org_id) -> dict:
    org = get_object_or_404(Organisation.objects.for_user(request.user), pk=org_id)
    period = None
    if request.GET.get("year") and request.GET.get("month"):
        period = Period(params.year(request), params.month(request))
    return {"org": org, **briefing_view(org, period, request.user)}


@login_required
def briefing(request, org_id):
    return render(request, "dashboard/briefing.html", _context(request, org_id))


def _briefing_file(request, org_id, fmt: str):
    """GET: the page offering the file; POST: start making it in the background (progress on the page,
    then the download)."""
    context = _context(request, org_id)
    if request.method != "POST":
        return render(request, "dashboard/briefing_file.html", {**context, "fmt": fmt})
    period = context["briefing"].period
    title = (_("%(t)s(PDF)") if fmt == "pdf" else _("%(t)s(Word)")) % {"t": context["briefing"].title}
    job = jobs.start(request.user, f"briefing_{fmt}", title, make_briefing_file, context["org"].pk,
                     period.year, period.month, fmt)
    return started(request, job)


@login_required
def briefing_docx_download(request, org_id):
    return _briefing_file(request, org_id, "docx")


@login_required
def briefing_pdf_download(request, org_id):
    return _briefing_file(request, org_id, "pdf")


@login_required
def screen(request, org_id):
    """一屏观全域; `?wall=1` is the dark 1920×1080 large-screen mode that refreshes itself."""
    org = get_object_or_404(Organisation.objects.for_user(request.user), pk=org_id)
    year = year_param(request, default_year(org))
    wall = request.GET.get("wall") == "1"
    context = {**screen_data(org, year, request.user), "wall": wall,
               "refresh_seconds": 300}
    return render(request, "dashboard/wall.html" if wall else "dashboard/screen.html", context)


@login_required
def indicators_in_status(request, org_id):
    """Where a status count of the screen clicks to: exactly the indicators it counted."""
    org = get_object_or_404(Organisation.objects.for_user(request.user), pk=org_id)
    year = year_param(request, default_year(org))
    status = request.GET.get("status", "")
    if status and status not in Status.values:
        raise BadRequest(_("状态(status)应为%(s)s之一，收到“%(v)s”") % {
            "s": "、".join(Status.values), "v": status[:20]})
    # no status: every indicator of the year (the total the screen counted)
    return render(request, "dashboard/status_list.html", {
        "org": org, "year": year, "status_label": Status(status).label if status else _("全部"),
        "rows": status_list(org, year, status or None)})
