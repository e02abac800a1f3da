"""The work plan in Excel: the export in the layout a 督查室 sends (序号, 工作任务, 牵头领导, 牵头单位, 配合单位,
完成时限, 进展情况, 状态; sections as 一、二、… rows), and the all-or-nothing import of a task list through
core.xlsx.import_sheet (errors by row and column, nothing saved on any error)."""
import re
from datetime import date

from django.utils.translation import gettext as _
from openpyxl import Workbook

from luoshi.core.dates import clean_date
from luoshi.core.numbers import NumberError
from luoshi.core.periods import today
from luoshi.core.units import numeral
from luoshi.core.workflow import Refused
from luoshi.core.xlsx import (
    ImportResult,
    RowError,
    add_notes,
    cell_text,
    column_ref,
    import_sheet,
    workbook_to_bytes,
    write_sheet,
)
from luoshi.organisations.models import UNIT_KINDS, Organisation, Profile, Role
from luoshi.organisations.selectors import person_name
from luoshi.workplan import selectors, services
from luoshi.workplan.models import Cadence, MeasureKind, TaskCategory, WorkPlan

EXPORT_COLUMNS = ["序号", "工作任务", "牵头领导", "牵头单位", "配合单位", "完成时限", "进展情况", "状态"]
SHEET = "任务清单"
COLUMNS = ["序号", "板块", "工作任务", "类别", "牵头领导", "牵头单位", "配合单位", "完成时限", "报送频次", "目标表述",
           "节点"]
REQUIRED = ["工作任务", "牵头单位", "完成时限"]
_SECTION = re.compile(r"^\s*(\d{1,2})\s*[、.\s]\s*(.+)$")
_SPLIT = re.compile(r"[、,,;;\s]+")
_NODE = re.compile(r"(\d{4}-\d{1,2}-\d{1,2})\s*([^;;]+)")


def export_plan(user, plan: WorkPlan, filters: dict | None = None) -> bytes:
    rows = selectors.plan_rows(user, plan, filters)
    out = []
    for s_index, (section, section_rows) in enumerate(selectors.by_section(plan, rows), start=1):
        out.append([numeral(s_index) if section else "", section.title if section else _("其他"), "", "", "", "", "", ""])
        for t_index, r in enumerate(section_rows, start=1):
            t = r.task
            out.append([t_index, t.title, person_name(t.lead_leader) if t.lead_leader else "", str(t.lead_unit),
                        "、".join(str(u) for u in t.cooperating_units.all()), t.deadline.isoformat(),
                        r.latest_text or _("未报送"), f"{r.status.label}:{r.status.reason}"])
    wb = Workbook()
    ws = wb.active
    ws.title = _("推进情况")[:31]
    write_sheet(ws, EXPORT_COLUMNS, out, [6, 48, 10, 14, 18, 12, 40, 28],
                title=_("%(o)s%(y)d年%(t)s推进情况台账") % {"o": plan.organisation, "y": plan.year, "t": plan.title},
                subtitle=_("截至%(d)s") % {"d": today().isoformat()})
    return workbook_to_bytes(wb)


def template(plan: WorkPlan) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    write_sheet(ws, COLUMNS, [["1", "1 关于重点项目建设", "力争2025年收储土地不低于1100亩", "重点工作", "", "", "",
                               f"{plan.year}-12-31", "月报", "不低于1100亩", f"{plan.year}-06-30 收储550亩"]],
                [6, 22, 48, 10, 10, 14, 18, 12, 8, 14, 30])
    add_notes(wb, [
        _("每行一项任务；“工作任务”“牵头单位”“完成时限”必填。"),
        _("板块写“序号 名称”，如“1 关于重点项目建设”；类别为：%(c)s。") % {
            "c": "、".join(TaskCategory.objects.values_list("name", flat=True))},
        _("牵头领导写区领导姓名；牵头单位、配合单位写单位简称，多个配合单位用顿号分隔。"),
        _("完成时限写日期（2025-12-31）；报送频次为周报、月报或季报（留空为月报）。"),
        _("目标表述按经济指标的规则书写，如“不低于1100亩”“新增学位7000个”；节点写“日期 内容”，多个用分号分隔。"),
        _("文件整体校验：任何一行有错，全部不导入，并按行列列出错误。")])
    return workbook_to_bytes(wb)


def _date(value, label: str) -> tuple[date | None, str]:
    """A date cell (a real Excel date, 2025-12-31, 2025/12/31, 2025年12月31日) through `core.dates`: the
    date, or the reason it is refused (no date, or outside 2000–2100)."""
    try:
        return clean_date(value if cell_text(value) else None, label=label, required=False), ""
    except NumberError as exc:
        return None, exc.reason


def import_tasks(user, plan: WorkPlan, upload, progress=None) -> ImportResult:
    """Every row becomes a task of the plan, or nothing does."""
    district = plan.organisation
    services._require_supervisor(user, district)
    units = {}
    for unit in Organisation.objects.filter(district=district, kind__in=UNIT_KINDS):
        units.setdefault(unit.short_name, unit)
        units.setdefault(unit.name, unit)
    leaders = {}
    for p in Profile.objects.filter(role=Role.DISTRICT_LEADER, organisation=district).select_related("user"):
        leaders.setdefault(p.display_name, p.user)
        leaders.setdefault(p.user.get_username(), p.user)
    categories = {c.name: c for c in TaskCategory.objects.all()}
    cadences = {str(label): value for value, label in Cadence.choices}

    def err(row, column, message):
        return RowError(row.sheet, row.number, column_ref(COLUMNS, column), message)

    def read(row, errors):
        found = []
        unit = units.get(row.text("牵头单位"))
        if row.text("牵头单位") and unit is None:
            found.append(err(row, "牵头单位", _("“%(u)s”不是%(o)s的单位") % {"u": row.text("牵头单位"), "o": district}))
        cooperating = []
        for name in filter(None, _SPLIT.split(row.text("配合单位"))):
            if name not in units:
                found.append(err(row, "配合单位", _("“%(u)s”不是%(o)s的单位") % {"u": name, "o": district}))
            else:
                cooperating.append(units[name])
        leader = leaders.get(row.text("牵头领导")) if row.text("牵头领导") else None
        if row.text("牵头领导") and leader is None:
            found.append(err(row, "牵头领导", _("“%(l)s”不是%(o)s的区领导") % {"l": row.text("牵头领导"), "o": district}))
        deadline, refused = _date(row.cells.get("完成时限"), _("完成时限"))
        if refused:
            found.append(err(row, "完成时限", refused))
        category = categories.get(row.text("类别") or services.CATEGORIES[0])
        if category is None:
            found.append(err(row, "类别", _("未知的类别“%(c)s”") % {"c": row.text("类别")}))
        cadence = cadences.get(row.text("报送频次") or str(Cadence.MONTHLY.label))
        if cadence is None:
            found.append(err(row, "报送频次", _("报送频次应为周报、月报或季报")))
        section = None
        if row.text("板块"):
            m = _SECTION.match(row.text("板块"))
            if m is None:
                found.append(err(row, "板块", _("板块应写“序号 名称”，如“1 关于重点项目建设”")))
            else:
                section = (int(m[1]), m[2].strip())
        milestones = []
        for part in filter(None, re.split(r"[;;]", row.text("节点"))):
            m = _NODE.match(part.strip())
            due, refused = _date(m[1], _("节点")) if m else (None, "")
            if refused:
                found.append(err(row, "节点", _("节点“%(n)s”：%(r)s") % {"n": part.strip()[:40], "r": refused}))
            elif due is None:
                found.append(err(row, "节点", _("节点“%(n)s”应写“日期 内容”") % {"n": part.strip()}))
            else:
                milestones.append((due, m[2].strip()))
        for column in REQUIRED:
            if not row.text(column):
                found.append(err(row, column, _("必须填写")))
        errors += found
        if found:
            return None
        wording = row.text("目标表述")
        return row, section, services.TaskInput(
            title=row.text("工作任务"), lead_unit=unit, deadline=deadline, category=category, lead_leader=leader,
            cooperating_units=tuple(cooperating), cadence=cadence, number=row.text("序号"),
            measure_kind=MeasureKind.OWN if wording else MeasureKind.NONE, measure_wording=wording,
            milestones=tuple(milestones), source=_("Excel导入：%(f)s") % {"f": getattr(upload, "name", "")})

    def check(plans, errors):
        seen = set(plan.tasks.values_list("title", flat=True))
        for row, _section, data in plans:
            if data.title in seen:
                errors.append(err(row, "工作任务", _("任务“%(t)s”已在台账中或在文件中重复") % {"t": data.title[:40]}))
            seen.add(data.title)
        return plans

    result = ImportResult()

    def save(item):
        row, section, data = item
        try:
            if section:
                data.section = services.add_section(user, plan, number=section[0], title=section[1])
            services.create_task(user, plan, data)
        except Refused as exc:
            return [RowError(row.sheet, row.number, "", reason) for reason in exc.reasons]
        result.created += 1
        return []

    return import_sheet(result, upload, SHEET, COLUMNS, REQUIRED, read=read, check=check, save=save,
                        progress=progress)
