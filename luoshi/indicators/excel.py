"""Excel in and out for the indicator ledger (Excel 填报模板、批量上传、导出).

Statistics staff live in Excel, so the template is the form: one sheet of annual targets written as in
the documents ("增长6%左右"), one of cumulative monthly actuals, and lists of the units and indicators
the user may fill in. An upload is checked whole before anything is written: every bad row is reported
with its sheet, row, column and reason, and if there is one, nothing is saved (one transaction). The
checks are the services' own (`validate_target`, `validate_actual`, `check_cumulative_order`), so the
form, the API and the file give the same answers. An export has the same layout and can be edited and
uploaded again (the template and the export live in `workbook`).
"""
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from luoshi.core.xlsx import RowError
from luoshi.core.xlsx import SheetRow as _Row
from luoshi.core.xlsx import cell_int as _integer
from luoshi.core.xlsx import column_ref as _column_name
from luoshi.core.xlsx import open_upload as _open
from luoshi.core.xlsx import read_rows as _rows
from luoshi.indicators import services
from luoshi.indicators.models import Actual, Indicator, Target
from luoshi.indicators.workbook import actual_columns, sheet_names, target_columns, writable
from luoshi.organisations.models import Organisation


@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    targets_created: int = 0
    targets_revised: int = 0
    actuals_created: int = 0
    actuals_revised: int = 0
    unfilled: int = 0  # template rows left blank: not uploaded, and said so

    @property
    def saved(self) -> int:
        return self.targets_created + self.targets_revised + self.actuals_created + self.actuals_revised


class _Refused(Exception):
    """Raised inside the import transaction to roll it back."""


# --- reading names back -------------------------------------------------------------------------

class _OrgLookup:
    def __init__(self, orgs: Iterable[Organisation]):
        self.organisations = list(orgs)
        self.by_name: dict[str, list[Organisation]] = {}
        for o in self.organisations:
            keys = {o.name, o.short_name} - {""}
            if o.parent is not None:
                keys |= {f"{p}/{n}" for p in {o.parent.name, o.parent.short_name} - {""}
                         for n in {o.name, o.short_name} - {""}}
            for k in keys:
                self.by_name.setdefault(k, []).append(o)

    def find(self, text: str) -> tuple[Organisation | None, str | None]:
        matches = self.by_name.get(text.replace("/", "/").strip(), [])
        if len(matches) == 1:
            return matches[0], None
        if len(matches) > 1:
            return None, _("单位名称“%(n)s”不唯一，请写成“所属区/单位”") % {"n": text}
        return None, _("未知单位或无权填报：“%(n)s”") % {"n": text}


class _IndicatorLookup:
    def __init__(self):
        self.by_name: dict[str, Indicator] = {}
        for ind in Indicator.objects.filter(is_active=True):
            for key in [ind.name, ind.code, *ind.alias_list()]:
                self.by_name.setdefault(key, ind)

    def find(self, text: str) -> Indicator | None:
        return self.by_name.get(text.strip())


def _field_to_column(field_label: str, columns: list[str]) -> str:
    """Services name fields in the user's words; map those words to the sheet's column."""
    aliases = {_("期间"): _("年度"), _("目标值"): _("目标表述"), _("力争值"): _("目标表述")}
    return _column_name(columns, aliases.get(field_label, field_label))


# --- checking and saving -------------------------------------------------------------------------

@dataclass
class _TargetPlan:
    row: _Row
    organisation: Organisation
    indicator: Indicator
    year: int
    wording: str
    source: str
    reason: str


@dataclass
class _ActualPlan:
    row: _Row
    organisation: Organisation
    indicator: Indicator
    year: int
    month: int
    value: Decimal | None
    growth: Decimal | None
    note: str
    source: str
    reason: str


def _resolve(row: _Row, columns, orgs: _OrgLookup, indicators: _IndicatorLookup, errors: list[RowError]):
    org_text, ind_text = row.text(_("单位")), row.text(_("指标"))
    org, problem = orgs.find(org_text) if org_text else (None, _("必须填写"))
    if org is None:
        errors.append(RowError(row.sheet, row.number, _column_name(columns, _("单位")), problem))
    indicator = indicators.find(ind_text) if ind_text else None
    if indicator is None:
        errors.append(RowError(row.sheet, row.number, _column_name(columns, _("指标")),
                               _("未知指标：“%(n)s”") % {"n": ind_text} if ind_text else _("必须填写")))
    return org, indicator


def _accept(row: _Row, columns, field_errors, key: tuple, seen: dict, errors: list[RowError], key_column: str,
            duplicate_message: str) -> bool:
    """Place the services' field errors on the row and refuse a second row for the same record;
    True when the row can be saved."""
    for e in field_errors:
        errors.append(RowError(row.sheet, row.number, _field_to_column(e.field, columns), e.message))
    if key in seen:
        errors.append(RowError(row.sheet, row.number, _column_name(columns, key_column),
                               duplicate_message % {"r": seen[key]}))
        return False
    seen[key] = row.number
    return not field_errors


def _unfilled(row: _Row, columns: list[str]) -> bool:
    """A row whose own figures are all blank (only its unit, indicator, period and unit of measure, as the
    pre-filled template gives them): nothing was entered, so nothing is uploaded."""
    keys = {_("单位"), _("指标"), _("年度"), _("月份"), _("计量单位")}
    return all(not row.text(c) for c in columns if c not in keys)


def _check_targets(rows, orgs, indicators, errors) -> list[_TargetPlan]:
    columns = target_columns()
    plans, seen = [], {}
    existing = {(t.organisation_id, t.indicator_id, t.year): t
                for t in Target.objects.filter(organisation__in=orgs.organisations)}
    for row in rows:
        org, indicator = _resolve(row, columns, orgs, indicators, errors)
        year = _integer(row.cells.get(_("年度")), "年")
        if year is None:
            errors.append(RowError(row.sheet, row.number, _column_name(columns, _("年度")),
                                   _("“%(v)s”不是年度") % {"v": row.text(_("年度"))}))
        if org is None or indicator is None or year is None:
            continue
        field_errors, parsed = services.validate_target(org, indicator, year, row.text(_("目标表述")))
        if parsed is not None and not field_errors:
            refusal = services.target_revision_refusal(
                existing.get((org.pk, indicator.pk, year)), services.target_fields(row.text(_("目标表述")), parsed),
                row.text(_("修订原因")))
            field_errors += [refusal] if refusal else []
        if _accept(row, columns, field_errors, (org.pk, indicator.pk, year), seen, errors, _("指标"),
                   _("与第%(r)d行重复(同一单位、指标、年度)")):
            plans.append(_TargetPlan(row, org, indicator, year, row.text(_("目标表述")), row.text(_("来源")),
                                     row.text(_("修订原因"))))
    return plans


def _check_actuals(rows, orgs, indicators, errors) -> list[_ActualPlan]:
    columns = actual_columns()
    plans, seen = [], {}
    years = {y for y in (_integer(r.cells.get(_("年度")), "年") for r in rows) if y is not None}
    existing = {(a.organisation_id, a.indicator_id, a.year, a.month): a
                for a in Actual.objects.filter(organisation__in=orgs.organisations, year__in=years)}
    for row in rows:
        org, indicator = _resolve(row, columns, orgs, indicators, errors)
        year, month = _integer(row.cells.get(_("年度")), "年"), _integer(row.cells.get(_("月份")), "月")
        for name, number in ((_("年度"), year), (_("月份"), month)):
            if number is None:
                errors.append(RowError(row.sheet, row.number, _column_name(columns, name),
                                       _("“%(v)s”不是整数") % {"v": row.text(name)}))
        if org is None or indicator is None or year is None or month is None:
            for e in services.validate_numbers(row.cells.get(_("累计值")), row.cells.get(_("同比增长(%)"))):
                errors.append(RowError(row.sheet, row.number, _field_to_column(e.field, columns), e.message))
            continue
        field_errors, value, growth = services.validate_actual(
            indicator, org, year, month, row.cells.get(_("累计值")), row.cells.get(_("同比增长(%)")),
            row.text(_("计量单位")) or None)
        if not field_errors:
            refusal = services.actual_revision_refusal(existing.get((org.pk, indicator.pk, year, month)), value,
                                                       growth, row.text(_("备注")), row.text(_("修订原因")))
            field_errors += [refusal] if refusal else []
        if _accept(row, columns, field_errors, (org.pk, indicator.pk, year, month), seen, errors, _("月份"),
                   _("与第%(r)d行重复(同一单位、指标、年度、月份)")):
            plans.append(_ActualPlan(row, org, indicator, year, month, value, growth, row.text(_("备注")),
                                     row.text(_("来源")), row.text(_("修订原因"))))
    # Cumulative values must not fall within a year, judged on the file and the ledger together.
    pending: dict[tuple, dict[int, Decimal]] = {}
    for p in plans:
        pending.setdefault((p.organisation.pk, p.indicator.pk, p.year), {})[p.month] = p.value
    for p in plans:
        for e in services.check_cumulative_order(p.indicator, p.organisation, p.year, p.month, p.value,
                                                 pending[(p.organisation.pk, p.indicator.pk, p.year)]):
            errors.append(RowError(p.row.sheet, p.row.number, _column_name(columns, _("累计值")), e.message))
    return plans


def _save(user, target_plans, actual_plans, result: ImportResult, progress: Callable[[int], None]):
    """Write every planned row; a refusal of one (a revision without a reason) refuses them all."""
    target_versions = {(o, i, y): v for o, i, y, v in Target.objects.filter(
        organisation__in={p.organisation for p in target_plans}).values_list(
        "organisation_id", "indicator_id", "year", "version")}
    actual_versions = {(o, i, y, m): v for o, i, y, m, v in Actual.objects.filter(
        organisation__in={p.organisation for p in actual_plans}).values_list(
        "organisation_id", "indicator_id", "year", "month", "version")}
    target_header, actual_header = target_columns(), actual_columns()
    for p in target_plans:
        try:
            saved = services.set_target(user, organisation=p.organisation, indicator=p.indicator, year=p.year,
                                        wording=p.wording, source=p.source or _("Excel上传"), reason=p.reason)
        except services.LedgerError as exc:
            result.errors += [RowError(p.row.sheet, p.row.number, _field_to_column(e.field, target_header), e.message)
                              for e in exc.errors]
        else:
            before = target_versions.get((p.organisation.pk, p.indicator.pk, p.year))
            if before is None:
                result.targets_created += 1
            elif saved.version != before:
                result.targets_revised += 1
        progress(1)
    for p in actual_plans:
        try:
            saved = services.apply_actual(user, p.organisation, p.indicator, p.year, p.month, p.value, p.growth,
                                          note=p.note, source=p.source or _("Excel上传"), reason=p.reason)
        except services.LedgerError as exc:
            result.errors += [RowError(p.row.sheet, p.row.number, _field_to_column(e.field, actual_header), e.message)
                              for e in exc.errors]
        else:
            before = actual_versions.get((p.organisation.pk, p.indicator.pk, p.year, p.month))
            if before is None:
                result.actuals_created += 1
            elif saved.version != before:
                result.actuals_revised += 1
        progress(1)


def import_workbook(user, upload, progress: Callable[[int, int], None] | None = None) -> ImportResult:
    """Check the whole file, then save it all in one transaction, or nothing.

    `progress(done, total)` is called as rows are checked and saved (for a progress bar)."""
    result = ImportResult()
    wb, problem = _open(upload)
    if problem:
        result.errors.append(problem)
        return result
    target_orgs, actual_orgs = writable(user)
    if not target_orgs and not actual_orgs:
        raise PermissionDenied(_("无权上传数据"))
    targets_name, actuals_name = sheet_names()
    if targets_name not in wb.sheetnames and actuals_name not in wb.sheetnames:
        result.errors.append(RowError(_("文件"), None, "", _("文件中没有“%(t)s”或“%(a)s”工作表(请使用下载的模板)") % {
            "t": targets_name, "a": actuals_name}))
        return result
    errors: list[RowError] = []
    target_rows = (_rows(wb[targets_name], target_columns(), target_columns()[:4], errors)
                   if targets_name in wb.sheetnames else [])
    actual_rows = (_rows(wb[actuals_name], actual_columns(), actual_columns()[:4], errors)
                   if actuals_name in wb.sheetnames else [])
    wb.close()
    filled_targets = [r for r in target_rows if not _unfilled(r, target_columns())]
    filled_actuals = [r for r in actual_rows if not _unfilled(r, actual_columns())]
    result.unfilled = len(target_rows) + len(actual_rows) - len(filled_targets) - len(filled_actuals)
    target_rows, actual_rows = filled_targets, filled_actuals
    total = 2 * (len(target_rows) + len(actual_rows))
    done = 0

    def step(n: int):
        nonlocal done
        done += n
        if progress:
            progress(done, total)

    indicators = _IndicatorLookup()
    target_plans = _check_targets(target_rows, _OrgLookup(target_orgs), indicators, errors)
    step(len(target_rows))
    actual_plans = _check_actuals(actual_rows, _OrgLookup(actual_orgs), indicators, errors)
    step(len(actual_rows))
    if not errors and not target_rows and not actual_rows:
        errors.append(RowError(_("文件"), None, "", _("文件中没有填写数值的数据行") if result.unfilled
                               else _("文件中没有数据行")))
    if errors:
        result.errors = _sorted(errors)
        return result
    try:
        with transaction.atomic():
            _save(user, target_plans, actual_plans, result, step)
            if result.errors:
                raise _Refused
    except _Refused:
        result.errors = _sorted(result.errors)
        result.targets_created = result.targets_revised = result.actuals_created = result.actuals_revised = 0
    return result


def _sorted(errors: list[RowError]) -> list[RowError]:
    order = {name: i for i, name in enumerate(sheet_names())}
    return sorted(errors, key=lambda e: (order.get(e.sheet, -1), e.row or 0))
