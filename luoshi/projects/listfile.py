"""The project list as an Excel file, both ways (项目清单导出 与 年度建库导入).

Out: the district's 重点项目推进情况表 as a 发改委 sends it upward — a title, the reporting line, 合计,
then each category (一、二、…) with its subtotal and its projects numbered 1, 2, …. In: the same file,
edited, builds the year's library in bulk (建库): a row whose 项目编号 is the district's updates that
project (a change needs the 修改原因 column, and the 版本 the file was exported at: a project changed
since is refused, never overwritten), a row without a code (or with a new one) creates a project in 储备库;
total and subtotal rows, and the columns Luoshi computes, are skipped. The whole file is checked with the
facts' own rules (`facts.read_facts`, the district's units and leaders by name) and saved all or nothing,
every error by sheet, row, column and reason (`core.xlsx.import_sheet`).
"""
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from luoshi.core.periods import Period
from luoshi.core.rates import percent
from luoshi.core.xlsx import (
    ImportResult,
    RowError,
    SheetRow,
    cell_text,
    column_ref,
    excel_number,
    import_sheet,
    workbook_to_bytes,
    write_sheet,
)
from luoshi.organisations.selectors import person_name
from luoshi.projects import facts, selectors
from luoshi.projects.models import Project

ZERO = Decimal(0)
DATE_COLUMNS = ("batch_date", "planned_start", "planned_finish")


def sheet_name() -> str:
    return _("项目清单")


def columns(last_month: int) -> list[tuple[str, str | None]]:
    """(header, the fact it carries — None for what Luoshi computes or numbers) in the file's order."""
    return [(_("序号"), None), (_("项目名称"), "name"), (_("项目编号"), "code"), (_("类别"), "category"),
            (_("责任单位"), "responsible_unit"), (_("分包领导"), "leader"), (_("级别"), "level"),
            (_("三个一批"), "batch"), (_("批次日期"), "batch_date"), (_("建设性质"), "construction"),
            (_("计划年度"), "plan_year"), (_("建设地点"), "location"), (_("总投资(亿元)"), "total_investment"),
            (_("年度计划投资(亿元)"), "year_plan"),
            (_("1—%(m)d月累计完成投资(亿元)") % {"m": last_month}, None), (_("完成率(%)"), None),
            (_("计划开工"), "planned_start"), (_("计划竣工"), "planned_finish"), (_("城市更新单元"), "renewal"),
            (_("国家重大项目库"), "in_national_library"), (_("资金需求(亿元)"), "funding_demand"),
            (_("资金渠道"), "funding_channel"), (_("申报状态"), "funding_state"), (_("所在库"), None),
            (_("进展情况"), None), (_("修改原因"), "reason"), (_("版本"), "version")]


WIDTHS = [6, 36, 16, 12, 18, 12, 8, 10, 12, 8, 8, 16, 12, 14, 16, 10, 12, 12, 18, 10, 12, 12, 10, 10, 40, 24, 6]
MONEY_AT = 12  # 总投资, 年度计划, 累计完成, 完成率 of the total and subtotal rows


def _group_label(label: str, n: int) -> str:
    return _("%(l)s(%(n)d个)") % {"l": label, "n": n}


def _group_pattern() -> re.Pattern:
    """What a total or subtotal row's name looks like ("合计(356个)", "一、基础设施(131个)")."""
    sample = _group_label("\0", 7)
    head, tail = sample.split("\0")
    return re.compile("^" + re.escape(head) + ".+" + re.escape(tail).replace("7", r"\d+") + "$")


def _rate(done: Decimal, plan: Decimal):
    return excel_number(percent(done, plan)) if plan else None


def _group_row(label: str, projects: list[Project], done: dict[int, Decimal], width: int) -> list:
    total = sum((p.total_investment for p in projects), ZERO)
    plan = sum((p.year_plan for p in projects), ZERO)
    completed = sum((done.get(p.pk, ZERO) for p in projects), ZERO)
    row = [None] * width
    row[1] = _group_label(label, len(projects))
    row[MONEY_AT:MONEY_AT + 4] = [excel_number(total), excel_number(plan), excel_number(completed),
                                  _rate(completed, plan)]
    return row


def _project_row(number: int, p: Project, done: Decimal, note: str) -> list:
    return [number, p.name, p.code, p.category.name, str(p.responsible_unit or ""),
            person_name(p.leader) if p.leader else "", p.get_level_display(), p.get_batch_display(), p.batch_date,
            p.get_construction_display(), p.plan_year, p.location, excel_number(p.total_investment),
            excel_number(p.year_plan), excel_number(done), _rate(done, p.year_plan), p.planned_start,
            p.planned_finish, str(p.renewal) if p.renewal else "", _("是") if p.in_national_library else _("否"),
            excel_number(p.funding_demand), p.get_funding_channel_display(), p.get_funding_state_display(),
            p.get_stage_display(), note, None, p.version]


def export_list(user, organisation, filters: dict) -> bytes:
    """The filtered list as a district's 重点项目推进情况表: 合计, then each category (一、二、…) with its
    subtotal and its projects numbered 1, 2, …; cumulative completion up to last month. The same file,
    edited, imports back (`import_list`)."""
    from cn2an import an2cn

    projects = list(selectors.project_list(user, organisation, filters)
                    .select_related("leader__profile", "renewal__area"))
    period = Period.current().previous(1)
    year = filters.get("year", period.year)
    last_month = period.month if year == period.year else 12
    latest = selectors.latest_reports(projects, year, last_month)
    done = {pid: r.cumulative for pid, r in latest.items()}
    headers = [h for h, _fact in columns(last_month)]
    groups: dict[str, list[Project]] = {}
    for p in projects:
        groups.setdefault(p.category.name, []).append(p)
    rows, bold = [_group_row(_("合计"), projects, done, len(headers))], [0]
    for index, (name, members) in enumerate(groups.items(), start=1):
        bold.append(len(rows))
        rows.append(_group_row(f"{an2cn(index)}、{name}", members, done, len(headers)))
        for number, p in enumerate(members, start=1):
            report = latest.get(p.pk)
            rows.append(_project_row(number, p, done.get(p.pk, ZERO), report.note if report else ""))
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_name()
    header = write_sheet(ws, headers, rows, WIDTHS,
                         title=_("%(o)s%(y)d年重点项目推进情况表") % {"o": organisation.name, "y": year},
                         subtitle=_("填报单位：%(o)s    数据截至：%(y)d年%(m)d月    单位：亿元") % {
                             "o": organisation.name, "y": year, "m": last_month})
    for n in bold:
        for cell in ws[header + 1 + n]:
            cell.font = Font(bold=True)
    dates = [i + 1 for i, (_h, fact) in enumerate(columns(last_month)) if fact in DATE_COLUMNS]
    for cells in ws.iter_rows(min_row=header + 1):
        for cell in cells:
            if cell.column in dates:
                cell.number_format = "yyyy-mm-dd"
    return workbook_to_bytes(wb)


@dataclass
class _Plan:
    row: SheetRow
    project: Project | None
    code: str
    facts: dict
    reason: str


class _Reader:
    """Reads each row of an uploaded list against what the district holds, with no query per row."""

    def __init__(self, district, headers: list[str], by_header: dict[str, str]):
        self.district, self.headers, self.by_header = district, headers, by_header
        self.column_of = {fact: header for header, fact in by_header.items()}
        self.lookups = facts.Lookups.of(district)
        self.mine = {p.code: p for p in Project.objects.filter(organisation=district)}
        self.group = _group_pattern()

    def ref(self, fact: str) -> str:
        return column_ref(self.headers, self.column_of.get(fact, fact))

    def read(self, row: SheetRow, errors: list[RowError]) -> _Plan | None:
        given = {fact: row.cells.get(header) for header, fact in self.by_header.items() if header in row.cells}
        code, reason = cell_text(given.pop("code", None)), cell_text(given.pop("reason", None))
        version = cell_text(given.pop("version", None))
        if not code and not any(cell_text(given.get(f)) for f in ("category", "plan_year")) \
                and self.group.match(cell_text(given.get("name"))):
            return None  # a total or subtotal row of the export
        raw = {k: (v if k in facts.DECIMAL_FIELDS or k in DATE_COLUMNS else cell_text(v)) for k, v in given.items()}
        values, problems = facts.read_facts(raw, self.lookups, by_name=True)
        project = self.mine.get(code) if code else None
        if project is None:
            problems += [(f, _("%(f)s：必须填写") % {"f": facts.label(f)}) for f in facts.REQUIRED
                         if f not in raw and not any(p[0] == f for p in problems)]
            if code:
                problems += facts.check_code(code, self.district)
            if not problems:
                problems += facts.check_together(values)
        elif not problems:
            values = facts.changes(project, values)
            if values:
                problems += facts.check_together(facts.after_change(project, values))
                if not reason:
                    problems.append(("reason", _("修改已有项目须填写修改原因")))
                problems += _stale(project, version)
        for fact, message in problems:
            errors.append(RowError(row.sheet, row.number, self.ref(fact), message))
        if problems:
            return None
        return _Plan(row, project, code, values, reason)

    def check(self, plans: list[_Plan], errors: list[RowError]) -> list[_Plan]:
        """A code twice in the file is refused (both rows named); unchanged rows are left out."""
        seen: dict[str, int] = {}
        for p in plans:
            if p.code and p.code in seen:
                errors.append(RowError(p.row.sheet, p.row.number, self.ref("code"),
                                       _("与第%(r)d行的项目编号重复") % {"r": seen[p.code]}))
            seen.setdefault(p.code, p.row.number)
        return [p for p in plans if p.project is None or p.facts]


def _stale(project: Project, version: str, now: int | None = None) -> list[tuple[str, str]]:
    """A change to an existing project is made from the version the file was exported at: without it, or
    from an older one, the row is refused (the project changed since; its newer facts are not overwritten)."""
    now = project.version if now is None else now
    if not version:
        return [("version", _("修改已有项目须保留导出文件中的版本，请重新导出后再改"))]
    if not version.isdigit() or int(version) != now:
        return [("version", _("该项目在导出后已被修改（文件为第%(f)s版，现为第%(n)d版），请重新导出后再改") % {
            "f": version, "n": now})]
    return []


def import_list(user, organisation, upload, progress: Callable[[int, int], None] | None = None) -> ImportResult:
    """建库: the whole file checked, then every new project created in 储备库 and every changed one
    updated (history with the row's reason), in one transaction, or nothing at all."""
    facts.require_keeper(user, organisation)
    result = ImportResult()
    period = Period.current().previous(1)
    layout = columns(period.month)
    headers = [h for h, _fact in layout]
    by_header = {h: fact for h, fact in layout if fact}
    reader = _Reader(organisation, headers, by_header)
    prefix = facts.code_prefix(organisation)
    taken: dict[int, set[int]] = {}
    top: dict[int, int] = {}  # the highest number given so far, by year (5,000 codes without a max() each)
    pending: dict[str, list] = {"new": [], "changed": []}
    planned: list[_Plan] = []

    def check(plans, errors):
        planned[:] = reader.check(plans, errors)
        for p in planned:  # codes written in the file are not generated again for other rows
            match = facts.CODE_PATTERN.match(p.code) if p.project is None and p.code else None
            if match and match.group(1) == prefix:
                year = int(match.group(2))
                taken.setdefault(year, facts.code_numbers(prefix, year)).add(int(match.group(3)))
        return planned

    def save(p: _Plan) -> list[RowError]:
        """Each plan is queued; the last one saves them all in bulk (inside `import_sheet`'s transaction)."""
        if p.project is not None:
            pending["changed"].append((p.project, p.facts, p.reason))
        else:
            year = p.facts["plan_year"]
            if year not in taken:
                taken[year] = facts.code_numbers(prefix, year)
            code = p.code
            if not code:  # the next number after the year's highest, as `facts.next_code` gives it
                top[year] = top.get(year) or max(taken[year], default=0)
                top[year] += 1
                taken[year].add(top[year])
                code = facts.format_code(prefix, year, top[year])
            pending["new"].append(({"level": "district", "construction": "new", **p.facts}, code,
                                   p.reason or _("年度建库导入")))
        if p is not planned[-1]:
            return []
        stale = _changed_meanwhile(pending["changed"], planned)
        if stale:
            return stale
        facts.apply_many(user, pending["changed"])
        result.revised = len(pending["changed"])
        try:
            with transaction.atomic():
                facts.insert_many(user, organisation, pending["new"])
        except IntegrityError:
            return [RowError(p.row.sheet, None, reader.ref("code"), _("项目编号与他人刚保存的项目冲突，请重新上传"))]
        result.created = len(pending["new"])
        return []

    def _changed_meanwhile(changed, plans) -> list[RowError]:
        """The projects someone saved while the file was being checked, locked and read again."""
        now = dict(Project.objects.select_for_update().filter(pk__in=[c[0].pk for c in changed])
                   .values_list("pk", "version"))
        return [RowError(p.row.sheet, p.row.number, reader.ref("version"), message) for p in plans
                if p.project is not None for _f, message in _stale(p.project, str(p.project.version),
                                                                     now.get(p.project.pk))]

    # Read by header wherever the columns are; the computed ones (累计完成, 完成率, 所在库 …) are not read.
    required = [h for h, fact in layout if fact in ("name", "code")]
    return import_sheet(result, upload, sheet_name(), [*by_header], required, read=reader.read,
                        check=check, save=save, progress=progress)
