"""Briefing pages and files. Thin: scoping through `for_user`, the writing in briefing.py."""
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from luoshi.core.periods import Period
from luoshi.dashboard.docx_export import briefing_docx
from luoshi.dashboard.render import RenderUnavailable, html_to_pdf, static_file_url
from luoshi.core import params
from luoshi.core.views import year_param
from luoshi.dashboard.screen import screen as screen_data
from luoshi.indicators.selectors import default_year
from luoshi.dashboard.selectors import briefing_view
from luoshi.organisations.models import Organisation

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _context(request, org_id) -> dict:
    org = get_object_or_404(Organisation.objects.for_user(request.user), pk=org_id)
    period = None
    if request.GET.get("year") and request.GET.get("month"):
        period = Period(params.year(request), params.month(request))
    return {"org": org, **briefing_view(org, period)}


def _filename(context, ext: str) -> str:
    b = context["briefing"]
    return f"briefing-{b.organisation.pk}-{b.period.year}{b.period.month:02d}.{ext}"


@login_required
def briefing(request, org_id):
    return render(request, "dashboard/briefing.html", _context(request, org_id))


@login_required
def briefing_docx_download(request, org_id):
    context = _context(request, org_id)
    response = HttpResponse(briefing_docx(context), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{_filename(context, "docx")}"'
    return response


@login_required
def briefing_pdf_download(request, org_id):
    context = _context(request, org_id)
    html = render_to_string("dashboard/briefing_print.html", {
        **context, "css": static_file_url("luoshi/app.css"), "echarts": static_file_url("vendor/echarts.min.js"),
        "charts_js": static_file_url("luoshi/charts.js")}, request=request)
    try:
        pdf = html_to_pdf(html)
    except RenderUnavailable as exc:
        return HttpResponse(_("无法生成PDF:%(e)s。请下载Word版本。") % {"e": exc}, status=503,
                            content_type="text/plain; charset=utf-8")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(context, "pdf")}"'
    return response


@login_required
def screen(request, org_id):
    """一屏观全域; `?wall=1` is the dark 1920×1080 large-screen mode that refreshes itself."""
    org = get_object_or_404(Organisation.objects.for_user(request.user), pk=org_id)
    year = year_param(request, default_year(org))
    wall = request.GET.get("wall") == "1"
    context = {**screen_data(org, year, request.user), "wall": wall,
               "refresh_seconds": 300}
    return render(request, "dashboard/wall.html" if wall else "dashboard/screen.html", context)
