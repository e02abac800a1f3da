"""The briefing's files: Word (python-docx) and PDF (the print page, printed offline by chromium).
Made by the worker (dashboard/tasks.py), never inside a request: chromium takes seconds."""
from django.template.loader import render_to_string

from luoshi.dashboard.docx_export import briefing_docx
from luoshi.dashboard.render import html_to_pdf, static_file_url

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
CONTENT_TYPES = {"docx": DOCX, "pdf": PDF}


def filename(context: dict, ext: str) -> str:
    b = context["briefing"]
    return f"briefing-{b.organisation.pk}-{b.period.year}{b.period.month:02d}.{ext}"


def briefing_pdf(context: dict) -> bytes:
    """Raises RenderUnavailable when this machine cannot print (no chromium)."""
    html = render_to_string("dashboard/briefing_print.html", {
        **context, "css": static_file_url("luoshi/app.css"), "echarts": static_file_url("vendor/echarts.min.js"),
        "charts_js": static_file_url("luoshi/charts.js")})
    return html_to_pdf(html)


MAKERS = {"docx": briefing_docx, "pdf": briefing_pdf}
