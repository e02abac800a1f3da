"""招商目标 by Excel: a district keeper downloads the sheet (the year's targets of the district and its
units as they stand), edits or adds rows and uploads it. The file is checked whole with the same check as
the form and the API (`targets.check_target`), every error by sheet, row, column and reason, and saved
in one transaction or not at all."""
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from luoshi.core.records import ConflictError
from luoshi.core.xlsx import (
    ImportResult,
    RowError,
    SheetRow,
    add_notes,
    column_ref,
    excel_number,
    import_sheet,
    workbook_to_bytes,
    write_sheet,
)
from luoshi.indicators.services import LedgerError
from luoshi.investment import targets
from luoshi.investment.models import InvestmentTarget, Measure
from luoshi.organisations.access import can_edit_targets
from luoshi.organisations.models import Organisation


def sheet_name() -> str:
    return _("招商目标")


def columns() -> list[str]:
    labels = targets.field_labels()
    return [labels["organisation"], labels["year"], labels["measure"], labels["wording"], labels["min_amount"],
            labels["max_amount"], labels["sector"], labels["source"], labels["reason"]]


def keepable_units(user, district) -> list[Organisation]:
    """The district and its units whose targets the user keeps."""
    orgs = [district, *Organisation.objects.for_user(user).filter(district_id=district.pk).exclude(pk=district.pk)
            .order_by("kind", "name")]
    return [o for o in orgs if can_edit_targets(user, o)]


def template(user, district, year: int) -> bytes:
    """The year's targets of the district and its units, then room for more; 目标类型 as a drop-down."""
    orgs = keepable_units(user, district)
    if not orgs:
        raise PermissionDenied(_("无权设定%(o)s的招商目标") % {"o": district})
    rows = [[t.organisation.name, t.year, str(t.get_measure_display()), t.wording, excel_number(t.min_amount),
             excel_number(t.max_amount), t.sector, t.source, None]
            for t in InvestmentTarget.objects.for_user(user).filter(organisation__in=orgs, year=year)
            .select_related("organisation").order_by("organisation_id", "measure", "sector", "min_amount")]
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_name()
    write_sheet(ws, columns(), rows, [22, 8, 22, 28, 16, 16, 14, 28, 24])
    measures = DataValidation(type="list", formula1='"' + ",".join(str(label) for _k, label in Measure.choices) + '"',
                              allow_blank=False)
    ws.add_data_validation(measures)
    measures.add("C2:C2000")
    add_notes(wb, [
        _("1. 每行一个招商目标；“单位”填本区或区内单位（如工信局）的名称。"),
        _("2. “目标表述”按文件原文填写，如“不少于60个”“达到400亿元”“确保完成投资53亿元以上”。"),
        _("3. 规模以上项目数须填“项目规模下限（亿元）”，如“亿元以上”填1、“50亿至100亿元”填50和100。"),
        _("4. “行业/领域”如“工业”只计行业含此词的签约项目；重点项目分领域完成投资填项目类别，如“基础设施”。"),
        _("5. 修改已有目标（同一单位、年度、目标类型、行业和规模）须在“修订原因”列写明原因。"),
        _("6. 上传时整份文件一起校验：只要有一处错误，全部不保存，并逐行列出错误的工作表、行、列和原因。"),
    ])
    return workbook_to_bytes(wb)


@dataclass
class TargetImport(ImportResult):
    unchanged: int = 0


@dataclass
class _Plan:
    row: SheetRow
    organisation: Organisation
    values: dict
    checked: object
    source: str
    reason: str


def _column_of(field_label: str, cols: list[str]) -> str:
    return column_ref(cols, field_label) if field_label in cols else column_ref(cols, cols[3])


def import_targets(user, district, upload, progress: Callable[[int, int], None] | None = None) -> TargetImport:
    """Check the whole file, then save every row in one transaction, or nothing."""
    orgs = keepable_units(user, district)
    if not orgs:
        raise PermissionDenied(_("无权设定%(o)s的招商目标") % {"o": district})
    by_name = {}
    for o in orgs:
        by_name.setdefault(o.name, o)
        by_name.setdefault(o.short_name, o)
    cols = columns()
    categories = targets.pipeline_categories()
    result = TargetImport()

    def read(row: SheetRow, errors: list[RowError]):
        name = row.text(cols[0])
        org = by_name.get(name)
        if org is None:
            errors.append(RowError(row.sheet, row.number, column_ref(cols, cols[0]),
                                   _("“%(n)s”不是本区或您可维护的区内单位") % {"n": name}))
        values = {"year": row.cells.get(cols[1]), "measure": row.text(cols[2]), "wording": row.text(cols[3]),
                  "min_amount": row.cells.get(cols[4]), "max_amount": row.cells.get(cols[5]),
                  "sector": row.text(cols[6])}
        field_errors, checked = targets.check_target(org or district, **values, categories=categories)
        errors += [RowError(row.sheet, row.number, _column_of(e.field, cols), e.message) for e in field_errors]
        if org is None or checked is None:
            return None
        return _Plan(row, org, values, checked, row.text(cols[7]), row.text(cols[8]))

    def check(plans: list[_Plan], errors: list[RowError]) -> list[_Plan]:
        seen: dict[tuple, int] = {}
        for p in plans:
            c = p.checked
            key = (p.organisation.pk, c.year, c.measure, c.sector, c.min_amount, c.max_amount)
            if key in seen:
                same = _("与第%(r)d行是同一个目标(单位、年度、目标类型、行业和规模相同)") % {"r": seen[key]}
                errors.append(RowError(p.row.sheet, p.row.number, column_ref(cols, cols[2]), same))
            seen.setdefault(key, p.row.number)
        return plans

    def save(p: _Plan) -> list[RowError]:
        before = targets.find_target(p.organisation, p.checked)
        try:
            saved = targets.set_target(user, organisation=p.organisation, **p.values,
                                       source=p.source or (_("Excel上传") if before is None else ""),
                                       reason=p.reason, categories=categories)
        except LedgerError as exc:
            return [RowError(p.row.sheet, p.row.number, _column_of(e.field, cols), e.message) for e in exc.errors]
        except ConflictError as exc:
            return [RowError(p.row.sheet, p.row.number, column_ref(cols, cols[3]), str(exc))]
        if before is None:
            result.created += 1
        elif saved.version != before.version:
            result.revised += 1
        else:
            result.unchanged += 1
        return []

    return import_sheet(result, upload, sheet_name(), cols, cols[:4], read=read, check=check, save=save,
                        progress=progress)
