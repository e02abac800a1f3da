"""The ledger's workbook: its sheets and columns, the template a clerk fills in and the export that can be
edited and uploaded again (填报模板、导出). Reading an upload back is `excel.import_workbook`'s work."""
from collections.abc import Iterable

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from luoshi.core.periods import today
from luoshi.core.xlsx import MAX_ROWS, workbook_to_bytes, write_sheet
from luoshi.core.xlsx import excel_number as _number
from luoshi.indicators import selectors
from luoshi.indicators.models import Actual, Indicator, Target
from luoshi.organisations.access import can_edit_targets, can_report_actuals
from luoshi.organisations.models import Organisation


def sheet_names():
    return _("年度目标"), _("月度实绩")


def target_columns():
    return [_("单位"), _("指标"), _("年度"), _("目标表述"), _("来源"), _("修订原因")]


def actual_columns():
    return [_("单位"), _("指标"), _("年度"), _("月份"), _("累计值"), _("计量单位"), _("同比增长(%)"), _("备注"),
            _("来源"), _("修订原因")]


# --- who may fill in what ------------------------------------------------------------------------

def writable(user) -> tuple[list[Organisation], list[Organisation]]:
    """Organisations whose targets, and whose actuals, the user may write."""
    orgs = list(Organisation.objects.for_user(user).select_related("parent").order_by("kind", "id"))
    return ([o for o in orgs if can_edit_targets(user, o)], [o for o in orgs if can_report_actuals(user, o)])


def _labels(orgs: Iterable[Organisation]) -> dict[Organisation, str]:
    """The name a user types for each organisation: its name, or 区/单位 where names repeat."""
    orgs = list(orgs)
    count: dict[str, int] = {}
    for o in orgs:
        count[o.name] = count.get(o.name, 0) + 1
    return {o: (o.name if count[o.name] == 1 or o.parent is None
                else f"{o.parent.short_name or o.parent.name}/{o.name}")
            for o in orgs}


# --- the template --------------------------------------------------------------------------------

def _add_lists(wb, user, orgs: list[Organisation]):
    """The 填报说明 sheet: the rules, then the units and indicators that may be used."""
    ws = wb.create_sheet(_("填报说明"))
    lines = [
        _("1. “年度目标”每行一个单位一个指标一个年度，目标表述按文件原文填写，如“增长6%左右”“不少于60个”“增长6%左右，"
          "力争7%”。"),
        _("2. “月度实绩”填写年初至本月末的累计值和同比增长（%），按季指标只填3、6、9、12月。"
          "计量单位留空即为指标的单位。"),
        _("3. 修改已报的目标或实绩，须在“修订原因”列写明原因。"),
        _("4. 上传时整份文件一起校验：只要有一处错误，全部不保存，并逐行列出错误的工作表、行、列和原因。"),
        _("生成时间：%(d)s") % {"d": today().isoformat()},
    ]
    for line in lines:
        ws.append([line])
    ws.column_dimensions["A"].width = 100
    ws.append([])
    ws.append([_("可填报单位"), "", _("指标"), _("单位"), _("频度"), _("累计")])
    labels = list(_labels(orgs).values())
    indicators = list(Indicator.objects.filter(is_active=True))
    start = ws.max_row + 1
    for i in range(max(len(labels), len(indicators))):
        ind = indicators[i] if i < len(indicators) else None
        ws.append([labels[i] if i < len(labels) else None, None,
                   ind.name if ind else None, ind.unit if ind else None,
                   ind.get_frequency_display() if ind else None,
                   (_("是") if ind.cumulative else _("否")) if ind else None])
    for col in "CDEF":
        ws.column_dimensions[col].width = 16
    return ws.title, start, start + len(labels) - 1, start + len(indicators) - 1


def _validations(ws, list_sheet: str, first: int, last_org: int, last_ind: int):
    quoted = f"'{list_sheet}'"
    if last_org >= first:
        dv = DataValidation(type="list", formula1=f"{quoted}!$A${first}:$A${last_org}", allow_blank=True)
        dv.add(f"A2:A{MAX_ROWS}")
        ws.add_data_validation(dv)
    if last_ind >= first:
        dv = DataValidation(type="list", formula1=f"{quoted}!$C${first}:$C${last_ind}", allow_blank=True)
        dv.add(f"B2:B{MAX_ROWS}")
        ws.add_data_validation(dv)


def _workbook(user, target_rows: Iterable[list], actual_rows: Iterable[list]) -> bytes:
    target_orgs, actual_orgs = writable(user)
    orgs = list(dict.fromkeys([*target_orgs, *actual_orgs]))
    wb = Workbook()
    targets_ws = wb.active
    targets_ws.title = sheet_names()[0]
    write_sheet(targets_ws, target_columns(), target_rows, [18, 22, 8, 30, 24, 24])
    actuals_ws = wb.create_sheet(sheet_names()[1])
    write_sheet(actuals_ws, actual_columns(), actual_rows, [18, 22, 8, 8, 14, 10, 14, 20, 24, 24])
    list_sheet, first, last_org, last_ind = _add_lists(wb, user, orgs)
    for ws in (targets_ws, actuals_ws):
        _validations(ws, list_sheet, first, last_org, last_ind)
    return workbook_to_bytes(wb)


def build_template(user) -> bytes:
    """The template with the user's units and the catalogue's indicators as drop-down lists, its rows
    filled with what comes next (`selectors.next_targets`, `selectors.next_actuals`): the newest reportable
    month for each unit and indicator reported before, this year's target for each one set last year. Rows
    left blank are not uploaded (see `_unfilled`)."""
    target_orgs, actual_orgs = writable(user)
    label = _labels({*target_orgs, *actual_orgs})
    by_pk = {o.pk: o for o in label}
    targets, actuals = selectors.next_targets(target_orgs), selectors.next_actuals(actual_orgs)
    return _workbook(user, ([label[by_pk[o]], ind.name, year, None, None, None] for o, ind, year in targets),
                     ([label[by_pk[o]], ind.name, year, month, None, ind.unit, None, None, None, None]
                      for o, ind, year, month in actuals))


def export_actuals(user, year: int | None = None) -> bytes:
    """Everything the user may see, in the template's layout: edit it, add reasons, upload it again."""
    orgs = list(Organisation.objects.for_user(user).select_related("parent"))
    label = _labels(orgs)
    by_pk = {o.pk: o for o in orgs}
    targets = Target.objects.for_user(user).select_related("indicator").order_by("organisation_id", "year",
                                                                                 "indicator__sort_order")
    actuals = Actual.objects.for_user(user).select_related("indicator").order_by(
        "organisation_id", "indicator__sort_order", "year", "month")
    if year is not None:
        targets, actuals = targets.filter(year=year), actuals.filter(year=year)
    target_rows = ([label[by_pk[t.organisation_id]], t.indicator.name, t.year, t.wording, t.source, None]
                   for t in targets.iterator())
    actual_rows = ([label[by_pk[a.organisation_id]], a.indicator.name, a.year, a.month, _number(a.value),
                    a.indicator.unit, _number(a.growth_pct), a.note, a.source, None] for a in actuals.iterator())
    return _workbook(user, target_rows, actual_rows)
