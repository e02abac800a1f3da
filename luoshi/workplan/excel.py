"""The work plan in Excel: the export in the layout a 督查室 sends (序号, 工作任务, 牵头领导, 牵头单位, 配合单位,
完成时限, 进展情况, 状态; sections as 一、二、… rows) with the task list beside it in the import's columns
(so an exported list imports again), and the all-or-nothing import of a task list through
core.xlsx.import_sheet (errors by row and column, nothing saved on any error). A task's measure is written
as a person types it: the kind by its label, a linked ledger target or investment target by its label
("2025 固定资产投资增长8%"), a project by its code or name."""
import re
from datetime import date

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _
from openpyxl import Workbook

from luoshi.core.dates import clean_date
from luoshi.core.numbers import NumberError
from luoshi.core.periods import today
from luoshi.core.records import field_label
from luoshi.core.units import numeral
from luoshi.core.workflow import Refused
from luoshi.core.xlsx import (
    ImportResult,
    RowError,
    add_notes,
    cell_decimal,
    cell_text,
    column_ref,
    excel_number,
    import_sheet,
    workbook_to_bytes,
    write_sheet,
)
from luoshi.organisations.models import UNIT_KINDS, Organisation, Profile, Role
from luoshi.organisations.selectors import person_name
from luoshi.workplan import selectors, services
from luoshi.workplan.models import Cadence, MeasureKind, TaskCategory, WorkPlan, WorkTask

EXPORT_COLUMNS = ["序号", "工作任务", "牵头领导", "牵头单位", "配合单位", "完成时限", "进展情况", "状态"]
SHEET = "任务清单"
COLUMNS = ["序号", "板块", "工作任务", "类别", "牵头领导", "牵头单位", "配合单位", "完成时限", "报送频次", "目标表述",
           "节点", "量化方式", "关联指标", "关联项目", "关联招商目标", "目标值", "计量单位"]
WIDTHS = [6, 22, 48, 10, 10, 14, 18, 12, 8, 14, 30, 16, 24, 20, 28, 10, 8]
# The column naming each measure kind's record or wording (an own measure's value and unit come with it).
MEASURE_COLUMNS = {MeasureKind.OWN: "目标表述", MeasureKind.TARGET: "关联指标", MeasureKind.PROJECT: "关联项目",
                   MeasureKind.INVESTMENT: "关联招商目标"}
REQUIRED = ["工作任务", "牵头单位", "完成时限"]
_SECTION = re.compile(r"^\s*(\d{1,2})\s*[、.\s]\s*(.+)$")
_SPLIT = re.compile(r"[、,,;;\s]+")
_NODE = re.compile(r"(\d{4}-\d{1,2}-\d{1,2})\s*([^;;]+)")


def export_plan(user, plan: WorkPlan, filters: dict | None = None) -> bytes:
    rows = selectors.plan_rows(user, plan, filters, cooperating=True)
    # The task list's milestones and linked records, read for all rows at once (not per task).
    prefetch_related_objects([r.task for r in rows], "milestones", "target__indicator", "project",
                             "investment_target")
    out = []
    for s_index, (section, section_rows) in enumerate(selectors.by_section(plan, rows), start=1):
        out.append([numeral(s_index) if section else "", section.title if section else _("其他"), "", "", "", "", "",
                    ""])
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
    write_sheet(wb.create_sheet(SHEET), COLUMNS, [_task_list_row(r.task) for r in rows if r.task.parent_id is None],
                WIDTHS)
    return workbook_to_bytes(wb)


def _task_list_row(t) -> list:
    """A task in the import's columns, as a person would type it (sub-tasks stay with their lead unit)."""
    linked = {"关联指标": t.target, "关联项目": t.project, "关联招商目标": t.investment_target}
    cells = {name: "" for name in linked}
    field = selectors.LINK_FIELDS.get(t.measure_kind)
    record = getattr(t, field) if field and getattr(t, f"{field}_id") else None
    if record is not None:
        column = MEASURE_COLUMNS[t.measure_kind]
        cells[column] = (record.code or record.name) if column == "关联项目" else selectors.linked_label(field, record)
    section = f"{t.section.number} {t.section.title}" if t.section_id else ""
    milestones = "；".join(f"{m.due.isoformat()} {m.title}" for m in t.milestones.all())
    return [t.number, section, t.title, t.category.name, person_name(t.lead_leader) if t.lead_leader else "",
            str(t.lead_unit), "、".join(str(u) for u in t.cooperating_units.all()), t.deadline.isoformat(),
            str(t.get_cadence_display()), t.measure_wording, milestones, str(t.get_measure_kind_display()),
            cells["关联指标"], cells["关联项目"], cells["关联招商目标"],
            excel_number(t.measure_value) if t.measure_kind == MeasureKind.OWN else None,
            t.measure_unit if t.measure_kind == MeasureKind.OWN else ""]


def template(plan: WorkPlan) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    write_sheet(ws, COLUMNS, [["1", "1 关于重点项目建设", "力争2025年收储土地不低于1100亩", "重点工作", "", "", "",
                               f"{plan.year}-12-31", "月报", "不低于1100亩", f"{plan.year}-06-30 收储550亩",
                               str(MeasureKind.OWN.label), "", "", "", 1100, "亩"]], WIDTHS)
    add_notes(wb, [
        _("每行一项任务；“工作任务”“牵头单位”“完成时限”必填。"),
        _("板块写“序号 名称”，如“1 关于重点项目建设”；类别为：%(c)s。") % {
            "c": "、".join(TaskCategory.objects.values_list("name", flat=True))},
        _("牵头领导写区领导姓名；牵头单位、配合单位写单位简称，多个配合单位用顿号分隔。"),
        _("完成时限写日期（2025-12-31）；报送频次为周报、月报或季报（留空为月报）。"),
        _("目标表述按经济指标的规则书写，如“不低于1100亩”“新增学位7000个”；节点写“日期 内容”，多个用分号分隔。"),
        _("量化方式为：%(k)s；留空时按所填的一列确定。") % {"k": "、".join(str(label) for label in MeasureKind.labels)},
        _("关联指标写“年度 指标名称”或页面所列名称，如“%(y)d 固定资产投资”；关联项目写项目编号或名称；"
          "关联招商目标写页面所列名称或目标表述。只能关联本区的记录。") % {"y": plan.year},
        _("目标值、计量单位可不填；填写时须与目标表述读出的一致。"),
        _("文件整体校验：任何一行有错，全部不导入，并按行列列出错误。")])
    return workbook_to_bytes(wb)


def _date(value, label: str) -> tuple[date | None, str]:
    """A date cell (a real Excel date, 2025-12-31, 2025/12/31, 2025年12月31日) through `core.dates`: the
    date, or the reason it is refused (no date, or outside 2000–2100)."""
    try:
        return clean_date(value if cell_text(value) else None, label=label, required=False), ""
    except NumberError as exc:
        return None, exc.reason


_AMBIGUOUS = object()


def _index(pairs) -> dict:
    """Names → records; a name two records answer to is kept as ambiguous (refused, never a guess)."""
    out: dict = {}
    for key, record in pairs:
        if key:
            out[key] = record if out.get(key, record) is record else _AMBIGUOUS
    return out


def _linked_names(plan: WorkPlan) -> dict:
    """What the import accepts for each linked kind: the plan's district's own records only (as the form
    offers them), by their label, by year and name or code, and for the plan's year by name or code alone."""
    choices = selectors.measure_choices(plan)

    def target_keys(t):
        yield from (selectors.linked_label("target", t), f"{t.year} {t.indicator.name}", f"{t.year} {t.indicator.code}")
        if t.year == plan.year:
            yield from (t.indicator.name, t.indicator.code)

    def investment_keys(t):
        yield from (selectors.linked_label("investment_target", t), f"{t.year} {t.wording}", f"{t.year} {t.label()}")
        if t.year == plan.year:
            yield from (t.wording, t.label())

    return {MeasureKind.TARGET: _index((k, t) for t in choices["targets"] for k in target_keys(t)),
            MeasureKind.PROJECT: _index((k, p) for p in choices["projects"] for k in (p.code, p.name)),
            MeasureKind.INVESTMENT: _index((k, t) for t in choices["investment_targets"] for k in investment_keys(t))}


def _read_measure(row, err, district, linked: dict, found: list) -> dict:
    """The measure of a row: the kind by its label (blank: the one measure column filled), its record by
    name, an own measure's value and unit checked against its wording. Errors go to `found`."""
    from luoshi.core.target_wording import WordingError, parse_target

    kinds = {**{str(label): value for value, label in MeasureKind.choices}, **{v: v for v in MeasureKind.values if v}}
    given = [kind for kind, column in MEASURE_COLUMNS.items() if row.text(column)]
    if row.text("量化方式"):
        kind = kinds.get(row.text("量化方式"))
    else:
        kind = given[0] if len(given) == 1 else None if given else MeasureKind.NONE
    if kind is None:
        found.append(err(row, "量化方式", _("未知的量化方式“%(k)s”，应为：%(l)s") % {
            "k": row.text("量化方式"),
            "l": "、".join(str(label) for label in MeasureKind.labels)} if row.text("量化方式")
            else _("同时填写了%(c)s，请在“量化方式”中写明其一") % {
                "c": "、".join(f"“{MEASURE_COLUMNS[k]}”" for k in given)}))
        return {}
    out: dict = {"measure_kind": kind}
    for other, column in MEASURE_COLUMNS.items():
        if other != kind and row.text(column):
            found.append(err(row, column, _("量化方式为“%(k)s”，此列应留空") % {"k": MeasureKind(kind).label}))
    for column in ("目标值", "计量单位"):
        if kind != MeasureKind.OWN and row.text(column):
            found.append(err(row, column, _("量化方式为“%(k)s”，此列应留空") % {"k": MeasureKind(kind).label}))
    if kind in linked:
        column, name = MEASURE_COLUMNS[kind], row.text(MEASURE_COLUMNS[kind])
        record = linked[kind].get(name)
        field = services.LINKED[kind][0]
        if not name:
            found.append(err(row, column, _("量化方式为“%(k)s”，请填写此列") % {"k": MeasureKind(kind).label}))
        elif record is _AMBIGUOUS:
            found.append(err(row, column, _("“%(n)s”对应多条记录，请写明年度或完整名称") % {"n": name}))
        elif record is None:
            found.append(err(row, column, _("“%(n)s”不是%(o)s的%(f)s") % {
                "n": name, "o": district, "f": field_label(WorkTask, field)}))
        out[field] = record
    elif kind == MeasureKind.OWN:
        out["measure_wording"] = row.text("目标表述")
        try:
            parsed = parse_target(out["measure_wording"])
        except WordingError:
            return out  # the service refuses the wording with its reason
        value = cell_decimal(row.cells.get("目标值")) if row.text("目标值") else parsed.value
        if value is None or value != parsed.value:
            found.append(err(row, "目标值", _("目标值“%(v)s”与目标表述“%(w)s”读出的%(p)s不一致") % {
                "v": row.text("目标值"), "w": out["measure_wording"], "p": excel_number(parsed.value)}))
        if row.text("计量单位") and row.text("计量单位") != parsed.unit:
            found.append(err(row, "计量单位", _("计量单位“%(u)s”与目标表述“%(w)s”读出的“%(p)s”不一致") % {
                "u": row.text("计量单位"), "w": out["measure_wording"], "p": parsed.unit}))
    return out


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
    linked = _linked_names(plan)

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
            found.append(err(row, "牵头领导",
                             _("“%(l)s”不是%(o)s的区领导") % {"l": row.text("牵头领导"), "o": district}))
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
        measure = _read_measure(row, err, district, linked, found)
        for column in REQUIRED:
            if not row.text(column):
                found.append(err(row, column, _("必须填写")))
        errors += found
        if found:
            return None
        return row, section, services.TaskInput(
            title=row.text("工作任务"), lead_unit=unit, deadline=deadline, category=category, lead_leader=leader,
            cooperating_units=tuple(cooperating), cadence=cadence, number=row.text("序号"), **measure,
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
