"""The briefing as a Word file (python-docx), with its chart when this machine can draw it."""
import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from luoshi.dashboard.render import RenderUnavailable, html_to_png, static_file_url

CHINESE_FONT = "宋体"


def _chinese_font(document):
    """Word picks East Asian glyphs from a separate font slot; without it Chinese falls back oddly."""
    style = document.styles["Normal"]
    style.font.name = CHINESE_FONT
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), CHINESE_FONT)


def chart_png(context: dict) -> bytes | None:
    if not context["chart"]["rows"]:
        return None
    html = render_to_string("dashboard/briefing_chart.html", {
        **context, "echarts": static_file_url("vendor/echarts.min.js"),
        "charts_js": static_file_url("luoshi/charts.js")})
    try:
        return html_to_png(html, 900, context["chart"]["height"] + 10)
    except RenderUnavailable:
        return None


def briefing_docx(context: dict) -> bytes:
    briefing = context["briefing"]
    document = Document()
    _chinese_font(document)
    document.add_paragraph(context["office"])
    issue = context.get("issue")
    if issue is not None and issue.number:
        document.add_paragraph(_("%(y)d年第%(n)d期") % {"y": issue.year, "n": issue.number})
    document.add_heading(briefing.title, level=1)
    document.add_paragraph(_("生成时间：%(t)s  数据来源：落实平台台账") % {
        "t": timezone.localtime(briefing.generated_at).strftime("%Y-%m-%d %H:%M")})
    document.add_heading(_("一、总体情况"), level=2)
    if briefing.headline:
        document.add_paragraph(briefing.headline)
    document.add_paragraph(briefing.text or _("本期尚无上报数据。"))
    document.add_heading(_("二、主要指标"), level=2)
    if context["rows"]:
        table = document.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        for cell, title in zip(table.rows[0].cells, (_("指标"), _("累计值"), _("同比增长"), _("年度目标"), _("状态")),
                               strict=False):
            cell.text = title
        for r in context["rows"]:
            for cell, value in zip(table.add_row().cells, (r.indicator, r.value, r.growth, r.target, r.status),
                                   strict=False):
                cell.text = str(value)
    png = chart_png(context)
    if png:
        document.add_picture(io.BytesIO(png), width=Cm(16))
    for section in briefing.sections:
        document.add_heading(section.number + section.heading, level=2)
        for text in section.paragraphs:
            document.add_paragraph(text)
    if issue is not None:
        document.add_heading(context["next_steps_number"] + _("下步工作"), level=2)
        document.add_paragraph(issue.next_steps)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
