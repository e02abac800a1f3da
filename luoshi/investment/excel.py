"""Excel in and out for the investment ledger (招商引资台账 导入导出).

A district's keeper downloads the template (the district's projects as they stand, one row each, with
the record's 编号), corrects or adds rows and uploads it: rows without a 编号 become new leads, rows with
one correct that record (a change needs a 修订原因). The file is checked whole (errors by sheet, row,
column and reason, in the user's language) with the same checks as the form (`services.fact_problems`),
and saved in one transaction or not at all. The ledger goes upward as a titled table with a 合计 row.
"""
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from luoshi.core.dates import clean_date
from luoshi.core.numbers import NumberError
from luoshi.core.periods import today
from luoshi.core.records import ConflictError
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
from luoshi.investment import selectors, services
from luoshi.investment.models import InvestmentProject, Method
from luoshi.organisations.access import can_edit_targets

ZERO = Decimal(0)


def sheet_name() -> str:
    return _("招商项目")


def columns() -> list[str]:
    return [_("编号"), _("项目名称"), _("投资方"), _("投资额(亿元)"), _("年度计划投资(亿元)"), _("行业"), _("产业链"),
            _("产业链环节"),
            _("招商方式"), _("责任单位"), _("分包领导"), _("线索日期"), _("来源"), _("修订原因")]


def _field_columns() -> dict[str, str]:
    code, name, investor, amount, year_plan, sector, chain, link, method, unit, leader, lead, source, reason = \
        columns()
    return {"name": name, "investor": investor, "amount": amount, "year_plan": year_plan, "sector": sector,
            "chain_link": link,
            "method": method, "responsible_unit": unit, "leader": leader, "lead_date": lead, "source": source,
            "reason": reason, "signed_date": lead, "start_date": lead, "production_date": lead}


def _require_keeper(user, organisation):
    if not can_edit_targets(user, organisation):
        raise PermissionDenied(_("无权维护%(o)s的招商台账") % {"o": organisation})


def template(user, organisation) -> bytes:
    """The sheet a keeper fills in: the district's projects as they stand, then empty rows for new leads;
    a second sheet lists the chain links, methods and units the cells may name."""
    _require_keeper(user, organisation)
    projects = selectors.ledger_projects(user, organisation, {}).order_by("lead_date", "id")
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_name()
    write_sheet(ws, columns(), ([p.pk, p.name, p.investor, excel_number(p.amount), excel_number(p.year_plan),
                                 p.sector,
                                 p.chain_link.chain.name if p.chain_link else "",
                                 p.chain_link.name if p.chain_link else "",
                                 p.get_method_display(), p.responsible_unit.name if p.responsible_unit else "",
                                 p.leader, p.lead_date, p.source, None] for p in projects),
                [8, 36, 28, 14, 16, 12, 14, 20, 12, 18, 12, 12, 24, 24])
    for cells in ws.iter_rows(min_row=2, min_col=12, max_col=12):
        for cell in cells:
            cell.number_format = "yyyy-mm-dd"
    options = wb.create_sheet(_("可选值"))
    links = list(services.links_of(organisation).order_by("chain__name", "segment", "order"))
    units = list(services.units_of(organisation).order_by("pk").values_list("name", flat=True))
    methods = [str(label) for _v, label in Method.choices]
    write_sheet(options, [_("产业链"), _("产业链环节"), _("招商方式"), _("责任单位")],
                ([links[i].chain.name if i < len(links) else None, links[i].name if i < len(links) else None,
                  methods[i] if i < len(methods) else None, units[i] if i < len(units) else None]
                 for i in range(max(len(links), len(methods), len(units)))), [16, 24, 14, 24])
    add_notes(wb, [_("1. 每行一个招商项目。“编号”为空的行登记为新线索；填写了编号的行修改该项目的信息。"),
                 _("2. 修改已登记项目的任何信息，须在“修订原因”列写明原因；未改动的行不会保存新版本。"),
                 _("3. 投资额单位为亿元；日期写作2025-03-01；产业链、环节、招商方式和责任单位须使用“可选值”中的名称。"),
                 _("4. 签约、开工、投产请在项目页面办理，不在本表填写。"),
                 _("5. 上传时整份文件一起校验：只要有一处错误，全部不保存，并逐行列出错误的工作表、行、列和原因。"),
                 _("单位：%(o)s    生成时间：%(d)s") % {"o": organisation.name, "d": today().isoformat()}])
    return workbook_to_bytes(wb)


@dataclass
class InvestmentImport(ImportResult):
    unchanged: int = 0


@dataclass
class _Plan:
    row: SheetRow
    project: InvestmentProject | None
    values: dict
    reason: str


class _Lookups:
    """What the cells of a district's sheet may name: its projects, chain links, units and methods."""

    def __init__(self, user, organisation):
        self.projects = {p.pk: p for p in InvestmentProject.objects.for_user(user).filter(organisation=organisation)
                         .select_related("chain_link__chain", "responsible_unit", "organisation")}
        self.links = {(link.chain.name, link.name): link for link in services.links_of(organisation)}
        self.units = {}
        for unit in services.units_of(organisation):
            self.units.setdefault(unit.name, unit)
            self.units.setdefault(unit.short_name, unit)
        self.methods = {str(label): value for value, label in Method.choices} | {v: v for v in Method.values}


def _read_row(row: SheetRow, look: _Lookups, errors: list[RowError]) -> _Plan | None:
    cols = columns()
    code_col, name_col, investor_col, amount_col, plan_col, sector_col, chain_col, link_col, method_col, \
        unit_col, leader_col, lead_col, source_col, reason_col = cols
    found = []

    def fail(column: str, message: str):
        errors.append(RowError(row.sheet, row.number, column_ref(cols, column), message))
        found.append(message)

    project = None
    if row.text(code_col):
        number = cell_int(row.cells.get(code_col), "")
        project = look.projects.get(number) if number is not None else None
        if project is None:
            fail(code_col, _("未知编号或无权修改：“%(c)s”（新线索请留空）") % {"c": row.text(code_col)})
    values = {"name": row.text(name_col), "investor": row.text(investor_col), "sector": row.text(sector_col),
              "leader": row.text(leader_col), "source": row.text(source_col)}
    for column in (name_col, investor_col):
        if not row.text(column):
            fail(column, _("必须填写"))
    for field_name, column in (("amount", amount_col), ("year_plan", plan_col)):
        values[field_name] = None
        if row.text(column):
            values[field_name] = cell_decimal(row.cells.get(column))
            if values[field_name] is None:
                fail(column, _("“%(v)s”不是数字") % {"v": row.text(column)})
    chain, link = row.text(chain_col), row.text(link_col)
    values["chain_link"] = None
    if chain or link:
        values["chain_link"] = look.links.get((chain, link))
        if values["chain_link"] is None:
            column = link_col if chain and any(c == chain for c, _l in look.links) else chain_col
            fail(column, _("本区没有“%(c)s·%(l)s”这一产业链环节(见“可选值”)") % {"c": chain, "l": link})
    method = row.text(method_col)
    values["method"] = look.methods.get(method) if method else Method.PRECISE
    if values["method"] is None:
        fail(method_col, _("未知的招商方式“%(m)s”(见“可选值”)") % {"m": method})
    unit = row.text(unit_col)
    values["responsible_unit"] = look.units.get(unit) if unit else None
    if unit and values["responsible_unit"] is None:
        fail(unit_col, _("本区没有“%(u)s”这一单位(见“可选值”)") % {"u": unit})
    try:  # a real Excel date, or 2025-03-01, 2025/3/1, 2025年3月1日; in 2000–2100
        values["lead_date"] = clean_date(row.cells.get(lead_col) if row.text(lead_col) else None, label=lead_col)
    except NumberError as exc:
        fail(lead_col, exc.reason)
    if found:
        return None
    return _Plan(row, project, values, row.text(reason_col))


def _check(plans: list[_Plan], organisation, errors: list[RowError]) -> list[_Plan]:
    """The services' own checks of every row; a correction that changes something needs its reason."""
    cols, where = columns(), _field_columns()
    seen = {}
    good = []
    for p in plans:
        if p.project is not None:
            if p.project.pk in seen:
                errors.append(RowError(p.row.sheet, p.row.number, column_ref(cols, cols[0]),
                                       _("与第%(r)d行重复(同一编号)") % {"r": seen[p.project.pk]}))
                continue
            seen[p.project.pk] = p.row.number
            current = {f: getattr(p.project, f) for f in services.FACT_FIELDS}
            merged = {**current, **p.values}
            problems = services.fact_problems(organisation, merged, p.project.state)
            changed = any(not services._same(current[k], v) for k, v in p.values.items())
            if changed and not p.reason:
                problems.append(("reason", _("修改已登记的招商项目须填写修订原因")))
        else:
            problems = [x for x in services.fact_problems(organisation, p.values) if x[0] not in services.STEP_DATES]
        for field_name, message in problems:
            errors.append(RowError(p.row.sheet, p.row.number, column_ref(cols, where[field_name]), message))
        if not problems:
            good.append(p)
    return good


def import_ledger(user, organisation, upload, progress: Callable[[int, int], None] | None = None) -> InvestmentImport:
    """Check the whole file, then save every row in one transaction, or nothing (`import_sheet`)."""
    _require_keeper(user, organisation)
    result = InvestmentImport()
    cols = columns()
    look = _Lookups(user, organisation)

    def save(p) -> list[RowError]:
        try:
            if p.project is None:
                values = dict(p.values)
                services.create_lead(user, organisation=organisation, name=values.pop("name"),
                                     investor=values.pop("investor"), lead_date=values.pop("lead_date"),
                                     amount=values.pop("amount"), **values)
                result.created += 1
            else:
                saved = services.update_investment(user, p.project, reason=p.reason,
                                                   expected_version=p.project.version, **p.values)
                changed = saved.version != p.project.version
                result.revised += changed
                result.unchanged += not changed
        except Refused as exc:
            return [RowError(p.row.sheet, p.row.number, column_ref(cols, cols[-1]), reason) for reason in exc.reasons]
        except ConflictError as exc:
            return [RowError(p.row.sheet, p.row.number, column_ref(cols, cols[0]), str(exc))]
        return []

    return import_sheet(result, upload, sheet_name(), cols, cols[:3] + [cols[11]],
                        read=lambda row, errors: _read_row(row, look, errors),
                        check=lambda plans, errors: _check(plans, organisation, errors), save=save, progress=progress)


# --- the ledger as sent upward -------------------------------------------------------------------

def _export_columns() -> list[str]:
    return [_("序号"), _("编号"), _("项目名称"), _("投资方"), _("投资额(亿元)"), _("年度计划投资(亿元)"), _("行业"),
            _("产业链"), _("产业链环节"),
            _("招商方式"), _("状态"), _("责任单位"), _("分包领导"), _("线索日期"), _("签约日期"), _("开工日期"),
            _("投产日期"), _("来源")]


def filter_words(user, organisation, filters: dict) -> str:
    """The filters in words for the subtitle (年度:2025年  状态:签约 …)."""
    from luoshi.investment.models import InvestmentState

    words = [_("年度：%(y)d年") % {"y": filters["year"]} if "year" in filters else _("年度：全部")]
    if "state" in filters:
        words.append(_("状态：%(s)s") % {"s": InvestmentState(filters["state"]).label})
    if "method" in filters:
        words.append(_("招商方式：%(m)s") % {"m": Method(filters["method"]).label})
    if "chain" in filters:
        chains = dict(selectors.filter_choices(user, organisation)["chains"])
        words.append(_("产业链：%(c)s") % {"c": chains.get(filters["chain"], "—")})
    return "  ".join(words)


def export_ledger(user, organisation, filters: dict) -> bytes:
    """The district's ledger as filtered on the page: a title, the reporting line (unit, date, filters,
    亿元), a 合计 row, then the projects numbered 1, 2, …"""
    projects = list(selectors.ledger_projects(user, organisation, filters))
    cols = _export_columns()
    total = [None] * len(cols)
    total[2] = _("合计(%(n)d个)") % {"n": len(projects)}
    total[4] = excel_number(sum((p.amount or ZERO for p in projects), ZERO))
    total[5] = excel_number(sum((p.year_plan or ZERO for p in projects), ZERO))
    rows = [total]
    for number, p in enumerate(projects, start=1):
        rows.append([number, p.pk, p.name, p.investor, excel_number(p.amount), excel_number(p.year_plan), p.sector,
                     p.chain_link.chain.name if p.chain_link else "", p.chain_link.name if p.chain_link else "",
                     p.get_method_display(), p.get_state_display(),
                     p.responsible_unit.name if p.responsible_unit else "", p.leader, p.lead_date, p.signed_date,
                     p.start_date, p.production_date, p.source])
    wb = Workbook()
    ws = wb.active
    ws.title = _("招商台账")
    subtitle = _("填报单位：%(o)s    数据截至：%(d)s    单位：亿元") % {"o": organisation.name,
                                                                        "d": today().isoformat()}
    words = filter_words(user, organisation, filters)
    header = write_sheet(ws, cols, rows, [6, 8, 36, 28, 14, 16, 12, 14, 20, 12, 8, 18, 12, 12, 12, 12, 12, 24],
                         title=_("%(o)s招商引资项目台账") % {"o": organisation.name},
                         subtitle=f"{subtitle}    {words}" if words else subtitle)
    for cell in ws[header + 1]:
        cell.font = Font(bold=True)
    for cells in ws.iter_rows(min_row=header + 1, min_col=14, max_col=17):
        for cell in cells:
            cell.number_format = "yyyy-mm-dd"
    return workbook_to_bytes(wb)
