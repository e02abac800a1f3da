"""Excel in and out for the project pipeline (重点项目 月报上传、清单和汇总导出).

Responsible units report monthly progress in a sheet: the template lists the projects they report on,
an upload is checked whole (errors by sheet, row, column and reason, in the user's language) and saved
in one transaction or not at all, with the same checks as the form (`services.report_problems`).
Lists and roll-ups go upward in the layout a 发改委 sends: a title, the reporting line, a 合计 row, and
projects grouped by category with subtotals.
"""
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from luoshi.core.periods import Period, today
from luoshi.core.workflow import Refused
from luoshi.core.xlsx import (
    ImportResult,
    RowError,
    SheetRow,
    add_notes,
    cell_decimal,
    cell_int,
    column_ref,
    excel_number,
    import_sheet,
    workbook_to_bytes,
    write_sheet,
)
from luoshi.projects import selectors, services
from luoshi.projects.models import MonthlyReport, Project, Stage

ZERO = Decimal(0)


def _report_sheet() -> str:
    return _("月度进度")


def _report_columns() -> list[str]:
    return [_("项目编号"), _("项目名称"), _("年度"), _("月份"), _("本月完成投资(亿元)"), _("年内累计完成(亿元)"),
            _("进展情况"), _("修订原因")]


def _field_column(field_name: str) -> str:
    code, _name, year, month, amount, total, note, _reason = _report_columns()
    return {"year": year, "month": month, "month_investment": amount, "cumulative": total, "note": note}[field_name]


def reportable(user):
    """The projects whose monthly progress the user may report."""
    return [p for p in Project.objects.for_user(user).select_related("organisation", "responsible_unit")
            .exclude(stage=Stage.TERMINATED).order_by("organisation_id", "code") if services.can_report(user, p)]


def report_template(user, period: Period | None = None) -> bytes:
    """The sheet a unit fills in: one row per project under construction it reports on, for last month."""
    period = period or Period.current().previous(1)
    projects = [p for p in reportable(user) if p.stage == Stage.CONSTRUCTION]
    if not projects and not reportable(user):
        raise PermissionDenied(_("无权填报重点项目进度"))
    wb = Workbook()
    ws = wb.active
    ws.title = _report_sheet()
    write_sheet(ws, _report_columns(), ([p.code, p.name, period.year, period.month, None, None, None, None]
                                        for p in projects), [16, 36, 8, 8, 18, 18, 40, 24])
    add_notes(wb, [_("1. 每行填报一个项目一个月份：本月完成投资和年初至本月末的累计完成投资，单位亿元。"),
                 _("2. 累计完成投资不能小于本月完成投资，也不能小于此前月份的累计值。"),
                 _("3. 修改已报的月份，须在“修订原因”列写明原因。"),
                 _("4. 上传时整份文件一起校验：只要有一处错误，全部不保存，并逐行列出错误的工作表、行、列和原因。"),
                 _("生成时间：%(d)s") % {"d": today().isoformat()}])
    return workbook_to_bytes(wb)


ReportImport = ImportResult


@dataclass
class _Plan:
    row: SheetRow
    project: Project
    year: int
    month: int
    amount: Decimal
    total: Decimal
    note: str
    reason: str


def _read_row(row: SheetRow, projects: dict[str, Project], errors: list[RowError]) -> _Plan | None:
    columns = _report_columns()
    code_col, _name, year_col, month_col, amount_col, total_col, note_col, reason_col = columns
    found = []

    def fail(column: str, message: str):
        errors.append(RowError(row.sheet, row.number, column_ref(columns, column), message))
        found.append(message)

    code = row.text(code_col)
    project = projects.get(code)
    if project is None:
        fail(code_col, _("未知项目编号或无权填报：“%(c)s”") % {"c": code} if code else _("必须填写"))
    year, month = cell_int(row.cells.get(year_col), "年"), cell_int(row.cells.get(month_col), "月")
    for column, number in ((year_col, year), (month_col, month)):
        if number is None:
            fail(column, _("“%(v)s”不是整数") % {"v": row.text(column)} if row.text(column) else _("必须填写"))
    amount, total = cell_decimal(row.cells.get(amount_col)), cell_decimal(row.cells.get(total_col))
    for column, number in ((amount_col, amount), (total_col, total)):
        if number is None:
            fail(column, _("“%(v)s”不是数字") % {"v": row.text(column)} if row.text(column) else _("必须填写"))
    if not found:
        problems, (year, month, amount, total) = services.report_numbers(year, month, amount, total)
        for field_name, refusal in problems:
            fail(_field_column(field_name), refusal.reason)
    if len(row.text(note_col)) > MonthlyReport._meta.get_field("note").max_length:
        fail(note_col, _("进展情况不超过%(n)d字") % {"n": MonthlyReport._meta.get_field("note").max_length})
    if found:
        return None
    return _Plan(row, project, year, month, amount, total, row.text(note_col), row.text(reason_col))


def _check(plans: list[_Plan], errors: list[RowError]) -> list[_Plan]:
    """The services' own checks, with the other months in the file counting as already reported."""
    columns = _report_columns()
    seen, pending = {}, {}
    for p in plans:
        key = (p.project.pk, p.year, p.month)
        if key in seen:
            errors.append(RowError(p.row.sheet, p.row.number, column_ref(columns, _report_columns()[3]),
                                   _("与第%(r)d行重复(同一项目、年度、月份)") % {"r": seen[key]}))
        seen.setdefault(key, p.row.number)
        pending.setdefault((p.project.pk, p.year), {})[p.month] = p.total
    good = []
    for p in plans:
        problems = services.report_problems(p.project, p.year, p.month, p.amount, p.total,
                                            pending[(p.project.pk, p.year)])
        for field_name, message in problems:
            errors.append(RowError(p.row.sheet, p.row.number, column_ref(columns, _field_column(field_name)), message))
        if not problems:
            good.append(p)
    return good


def import_reports(user, upload, progress: Callable[[int, int], None] | None = None) -> ReportImport:
    """Check the whole file, then save every row in one transaction, or nothing (`import_sheet`)."""
    projects = {p.code: p for p in reportable(user)}
    if not projects:
        raise PermissionDenied(_("无权填报重点项目进度"))
    result = ReportImport()
    columns = _report_columns()

    def save(p: _Plan) -> list[RowError]:
        before = MonthlyReport.objects.counted().filter(project=p.project, year=p.year, month=p.month) \
            .values_list("version", flat=True).first()
        try:
            saved = services.record_report(user, p.project, year=p.year, month=p.month, month_investment=p.amount,
                                           cumulative=p.total, note=p.note, reason=p.reason)
        except Refused as exc:
            return [RowError(p.row.sheet, p.row.number, column_ref(columns, columns[7]), reason)
                    for reason in exc.reasons]
        result.created += before is None
        result.revised += before is not None and saved.version != before
        return []

    # Saved month by month, so each month's "cumulative never falls" sees the one before it.
    return import_sheet(result, upload, _report_sheet(), columns, [columns[0], *columns[2:6]],
                        read=lambda row, errors: _read_row(row, projects, errors),
                        check=lambda plans, errors: sorted(_check(plans, errors),
                                                           key=lambda p: (p.project.pk, p.year, p.month)),
                        save=save, progress=progress)


# --- upward reports in the 发改委 layout ----------------------------------------------------------

def _bold_rows(ws, first: int, numbers: list[int]):
    """Total and subtotal rows in bold (numbers count from `first`, the first data row)."""
    for n in numbers:
        for cell in ws[first + n]:
            cell.font = Font(bold=True)


def export_rollup(user, organisation, year: int, by: str) -> bytes:
    """The roll-up table as sent upward: one row per category (or unit, leader, level, batch, stage),
    the total first, with 完成率 and the gap to the time share."""
    result = selectors.rollup(user, organisation, year, by=by)
    time_pct = result["time_pct"]
    columns = [_("序号"), selectors.dimension_label(by), _("项目数(个)"), _("续建"), _("新开工"), _("总投资(亿元)"),
               _("年度计划投资(亿元)"), _("累计完成投资(亿元)"), _("完成率(%)"), _("时间进度(%)"),
               _("超过(+)/落后(-)时间进度(百分点)"), _("计划开工(个)"), _("已开工(个)"), _("开工率(%)"),
               _("计划竣工(个)"), _("已竣工(个)"), _("竣工率(%)"), _("储备项目(个)"), _("提前开工(个)"),
               _("储备项目转化率(%)")]
    rows = []
    total, *parts = [result["rows"][-1], *result["rows"][:-1]]
    for number, r in [(None, total), *enumerate(parts, start=1)]:
        rows.append([number, r.label, r.count, r.continuing, r.new, excel_number(r.total), excel_number(r.plan),
                     excel_number(r.completed), excel_number(r.rate), excel_number(time_pct),
                     excel_number(r.rate - time_pct) if r.rate is not None else None,
                     r.to_start, r.started, excel_number(r.start_rate), r.to_finish, r.finished,
                     excel_number(r.finish_rate), r.reserve, r.converted, excel_number(r.conversion_rate)])
    wb = Workbook()
    ws = wb.active
    ws.title = _("汇总")
    header = write_sheet(ws, columns, rows, [6, 24, 10, 8, 8, 14, 16, 16, 10, 12, 18, *[10] * 9],
                         title=_("%(o)s%(y)d年重点项目完成情况汇总表") % {"o": organisation.name, "y": year},
                         subtitle=_("数据截至：%(y)d年%(m)d月    单位：亿元") % {"y": year, "m": result["month"]})
    _bold_rows(ws, header + 1, [0])
    return workbook_to_bytes(wb)


def export_wages(user, organisation, year: int, month: int) -> bytes:
    """The month's migrant-worker wage table for the labour department: every project under construction,
    payroll due and paid (万元), arrears, workers, and the warning."""
    columns = [_("序号"), _("项目编号"), _("项目名称"), _("责任单位"), _("应发工资(万元)"), _("实发工资(万元)"),
               _("欠发(万元)"), _("务工人数"), _("预警")]
    rows = [[n, line.project.code, line.project.name, str(line.project.responsible_unit or ""),
             excel_number(line.record.payroll_due) if line.record else None,
             excel_number(line.record.paid) if line.record else None,
             excel_number(line.arrears) if line.record else None, line.record.workers if line.record else None,
             line.message] for n, line in enumerate(selectors.wage_table(user, organisation, year, month), start=1)]
    wb = Workbook()
    ws = wb.active
    ws.title = _("农民工工资")
    write_sheet(ws, columns, rows, [6, 16, 36, 18, 14, 14, 12, 10, 48],
                title=_("%(o)s在建项目农民工工资支付情况表") % {"o": organisation.name},
                subtitle=_("%(y)d年%(m)d月    单位：万元、人") % {"y": year, "m": month})
    return workbook_to_bytes(wb)
