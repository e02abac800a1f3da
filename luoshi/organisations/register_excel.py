"""A district sets up in an afternoon (建库): its units and people from one Excel file, and its enterprise
register from another. Each file is checked whole with the pages' own checks (`services.check_*`), every
error by sheet, row, column and reason, and saved in one transaction or not at all. New people are
written in bulk (2,000 in a few seconds, see docs/benchmarks.md) without a password: an administrator
gives each one through the password pages.
"""
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from simple_history.utils import bulk_create_with_history

from luoshi.core.xlsx import (
    ImportResult,
    RowError,
    add_notes,
    column_ref,
    import_sheet,
    open_upload,
    read_rows,
    workbook_to_bytes,
    write_sheet,
)
from luoshi.organisations import services
from luoshi.organisations.access import assignable_roles, can_keep_enterprises, can_manage_district
from luoshi.organisations.models import UNIT_KINDS, Enterprise, Organisation, OrgKind, Profile, Role


def sheet_names() -> tuple[str, str]:
    return _("单位"), _("人员")


def unit_columns() -> list[str]:
    return [_("名称"), _("简称"), _("类型")]


def person_columns() -> list[str]:
    return [_("用户名"), _("姓名"), _("角色"), _("所属单位"), _("职务"), _("联系电话"), _("修改原因")]


def enterprise_columns() -> list[str]:
    return [_("企业名称"), _("统一社会信用代码"), _("行业"), _("规上企业"), _("修改原因")]


def _list_validation(ws, values: list[str], cells: str):
    rule = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
    ws.add_data_validation(rule)
    rule.add(cells)


def template(user, district) -> bytes:
    """The district's units and people as they stand, to be completed and uploaded again."""
    if not can_manage_district(user, district):
        raise PermissionDenied(_("无权维护%(d)s的单位和人员") % {"d": district})
    units_name, people_name = sheet_names()
    wb = Workbook()
    ws = wb.active
    ws.title = units_name
    units = Organisation.objects.filter(district_id=district.pk).exclude(pk=district.pk).order_by("kind", "name")
    write_sheet(ws, unit_columns(), ([u.name, u.short_name, str(u.get_kind_display())] for u in units), [36, 20, 18])
    _list_validation(ws, [str(label) for key, label in OrgKind.choices if key in UNIT_KINDS], "C2:C2000")
    people = wb.create_sheet(people_name)
    profiles = Profile.objects.filter(organisation__district_id=district.pk).select_related("user", "organisation")
    write_sheet(people, person_columns(), ([p.user.username, p.display_name, str(p.get_role_display()),
                                            p.organisation.name, p.title, p.phone, None]
                                           for p in profiles.order_by("organisation__kind", "user__username")),
                [18, 12, 18, 30, 18, 16, 24])
    _list_validation(people, [str(Role(r).label) for r in assignable_roles(user, district)], "C2:C10000")
    add_notes(wb, [
        _("1. “单位”表每行一个局委办、镇办/街道/管区或区属平台公司；已有的单位按名称识别。"),
        _("2. “人员”表每行一人；“所属单位”填本区名称（区领导、区发改/统计人员、区级管理员、纪检监察人员）"
          "或单位名称（单位工作人员）。"),
        _("3. 已有人员按用户名识别，修改须在“修改原因”列写明原因；停用人员请在页面上操作（保留其全部记录）。"),
        _("4. 新增人员没有初始密码，导入后由管理员在“重置密码”页面为其设置。"),
        _("5. 上传时整份文件一起校验：只要有一处错误，全部不保存，并逐行列出错误的工作表、行、列和原因。"),
    ])
    return workbook_to_bytes(wb)


@dataclass
class RegisterImport(ImportResult):
    units_created: int = 0
    people_created: int = 0
    people_revised: int = 0
    unchanged: int = 0


class _RollBack(Exception):
    pass


def _problem_errors(row, columns, problems, fallback: str) -> list[RowError]:
    return [RowError(row.sheet, row.number, column_ref(columns, p.field if p.field in columns else fallback),
                     p.message) for p in problems]


def import_register(user, district, upload, progress: Callable[[int, int], None] | None = None) -> RegisterImport:
    """Units and people of `district` from one workbook, all or nothing."""
    if not can_manage_district(user, district):
        raise PermissionDenied(_("无权维护%(d)s的单位和人员") % {"d": district})
    result = RegisterImport()
    wb, problem = open_upload(upload)
    if problem:
        result.errors.append(problem)
        return result
    units_name, people_name = sheet_names()
    if units_name not in wb.sheetnames and people_name not in wb.sheetnames:
        result.errors.append(RowError(_("文件"), None, "", _("文件中没有“%(u)s”或“%(p)s”工作表(请使用下载的模板)") % {
            "u": units_name, "p": people_name}))
        return result
    ucols, pcols = unit_columns(), person_columns()
    unit_rows = read_rows(wb[units_name], ucols, ucols[:1] + ucols[2:], result.errors) \
        if units_name in wb.sheetnames else []
    person_rows = read_rows(wb[people_name], pcols, pcols[:4], result.errors) if people_name in wb.sheetnames else []
    wb.close()
    total = len(unit_rows) + len(person_rows)
    errors = result.errors

    existing_units = {u.name: u for u in Organisation.objects.filter(parent=district)}
    new_units, seen_units = [], {}
    for row in unit_rows:
        name = row.text(ucols[0])
        current = existing_units.get(name)
        taken = set() if current else set(existing_units)
        problems = services.check_unit(district, name=name, short_name=row.text(ucols[1]), kind=row.text(ucols[2]),
                                       unit=current, taken=taken)
        if name in seen_units:
            problems.append(services.Problem(ucols[0], _("与第%(r)d行重复") % {"r": seen_units[name]}))
        seen_units.setdefault(name, row.number)
        errors += _problem_errors(row, ucols, problems, ucols[0])
        if not problems:
            new_units.append((row, current))
    # People may name units that the same file adds.
    orgs = {district.name: district, district.short_name: district}
    for u in Organisation.objects.filter(district_id=district.pk).exclude(pk=district.pk):
        orgs.setdefault(u.name, u)
        orgs.setdefault(u.short_name, u)
    pending_units = {row.text(ucols[0]): row for row, current in new_units if current is None}
    mine = {p.user.username: p for p in Profile.objects.filter(organisation__district_id=district.pk)
            .select_related("user", "organisation")}
    usernames = set(get_user_model().objects.filter(
        username__in=[r.text(pcols[0]) for r in person_rows]).values_list("username", flat=True))
    seen_people, person_plans = {}, []
    roles = assignable_roles(user, district)
    placeholder = Organisation(pk=-1, name="", kind=OrgKind.DEPARTMENT)
    for n, row in enumerate(person_rows, start=1):
        username, unit_name = row.text(pcols[0]), row.text(pcols[3])
        org = orgs.get(unit_name) or (placeholder if unit_name in pending_units else None)
        current = mine.get(username)
        problems = []
        if current is None and username in usernames:
            problems.append(services.Problem(pcols[0], _("用户名“%(u)s”已被其他区或单位使用") % {"u": username}))
        problems += services.check_person(
            user, district, username=username, display_name=row.text(pcols[1]), role=row.text(pcols[2]),
            organisation=org, title=row.text(pcols[4]), phone=row.text(pcols[5]), person=current,
            usernames=set(), roles=roles)
        if org is None:
            problems = [p for p in problems if p.field != pcols[3]] + [services.Problem(
                pcols[3], _("“%(u)s”不是本区或本区的单位") % {"u": unit_name})]
        if username in seen_people:
            problems.append(services.Problem(pcols[0], _("与第%(r)d行是同一用户名") % {"r": seen_people[username]}))
        seen_people.setdefault(username, row.number)
        errors += _problem_errors(row, pcols, problems, pcols[0])
        if not problems:
            person_plans.append((row, current))
        if progress and n % 200 == 0:
            progress(len(unit_rows) + n, 2 * total)
    if not errors and not unit_rows and not person_rows:
        errors.append(RowError(_("文件"), None, "", _("文件中没有数据行")))
    if errors:
        errors.sort(key=lambda e: (e.sheet != units_name, e.row or 0))
        return result
    try:
        with transaction.atomic():
            _save_units(user, district, new_units, ucols, orgs, result)
            _save_people(user, district, person_plans, pcols, orgs, result)
            if result.errors:
                raise _RollBack
    except _RollBack:
        result.nothing_saved()
    if progress:
        progress(2 * total, 2 * total)
    return result


def _save_units(user, district, plans, cols, orgs, result):
    for row, current in plans:
        values = {"name": row.text(cols[0]), "short_name": row.text(cols[1]), "kind": row.text(cols[2])}
        if current is None:
            unit = services.save_unit(user, district, **values, reason=_("Excel导入"))
            result.units_created += 1
            orgs[unit.name] = unit
            orgs.setdefault(unit.short_name, unit)
        elif (current.short_name, current.kind) != (values["short_name"] or current.name,
                                                    services.kind_of(values["kind"])):
            services.save_unit(user, district, **values, unit=current, reason=_("Excel导入修改"))
        else:
            result.unchanged += 1


def _save_people(user, district, plans, cols, orgs, result):
    """New people in bulk (one insert of accounts, one of profiles and their history); changed ones one by
    one, each with its reason."""
    User = get_user_model()
    fresh = [(row, None) for row, current in plans if current is None]
    unusable = make_password(None)
    accounts = User.objects.bulk_create([User(username=row.text(cols[0]), password=unusable) for row, _c in fresh],
                                        batch_size=500)
    if accounts and accounts[0].pk is None:  # a backend that does not return ids
        ids = dict(User.objects.filter(username__in=[a.username for a in accounts]).values_list("username", "pk"))
        for a in accounts:
            a.pk = ids[a.username]
    profiles = [Profile(user=account, display_name=row.text(cols[1]), role=services.role_of_text(row.text(cols[2])),
                        organisation=orgs[row.text(cols[3])], title=row.text(cols[4]), phone=row.text(cols[5]),
                        source=_("Excel导入"))
                for (row, _c), account in zip(fresh, accounts, strict=False)]
    bulk_create_with_history(profiles, Profile, batch_size=500, default_user=user,
                             default_change_reason=_("Excel导入"))
    result.people_created += len(profiles)
    for row, current in plans:
        if current is None:
            continue
        values = {"display_name": row.text(cols[1]), "role": services.role_of_text(row.text(cols[2])),
                  "organisation": orgs[row.text(cols[3])], "title": row.text(cols[4]), "phone": row.text(cols[5])}
        if all(getattr(current, k) == v for k, v in values.items()):
            result.unchanged += 1
            continue
        try:
            services.save_person(user, district, username=current.user.username, person=current,
                                 reason=row.text(cols[6]), **values)
        except services.RegisterError as exc:
            result.errors += _problem_errors(row, cols, exc.problems, cols[6])
        else:
            result.people_revised += 1


# --- the enterprise register (企业库) ---------------------------------------------------------------

def enterprise_template(user, district) -> bytes:
    if not can_keep_enterprises(user, district):
        raise PermissionDenied(_("无权维护%(d)s的企业库") % {"d": district})
    wb = Workbook()
    ws = wb.active
    ws.title = _("企业")
    yes, no = _("是"), _("否")
    write_sheet(ws, enterprise_columns(), ([e.name, e.credit_code, e.industry, yes if e.is_above_scale else no, None]
                                           for e in Enterprise.objects.filter(district=district).order_by("name")),
                [40, 24, 20, 10, 24])
    _list_validation(ws, [yes, no], "D2:D20000")
    add_notes(wb, [
        _("1. 每行一家企业；统一社会信用代码18位，按国家标准校验第18位校验码。"),
        _("2. 已登记的企业按统一社会信用代码识别，修改须在“修改原因”列写明原因。"),
        _("3. 上传时整份文件一起校验：只要有一处错误，全部不保存，并逐行列出错误的工作表、行、列和原因。"),
    ])
    return workbook_to_bytes(wb)


@dataclass
class EnterpriseImport(ImportResult):
    unchanged: int = 0


def import_enterprises(user, district, upload, progress=None) -> EnterpriseImport:
    """The district's enterprises from Excel, all or nothing."""
    if not can_keep_enterprises(user, district):
        raise PermissionDenied(_("无权维护%(d)s的企业库") % {"d": district})
    cols, result = enterprise_columns(), EnterpriseImport()
    codes = dict(Enterprise.objects.values_list("credit_code", "pk"))
    mine = {e.credit_code: e for e in Enterprise.objects.filter(district=district)}
    yes_no = {_("是"): True, "是": True, "Y": True, "1": True, _("否"): False, "否": False, "N": False, "0": False,
              "": False}

    def read(row, errors):
        code = row.text(cols[1]).upper()
        current = mine.get(code)
        problems = services.check_enterprise(name=row.text(cols[0]), credit_code=code, industry=row.text(cols[2]),
                                             enterprise=current, codes=codes)
        above = yes_no.get(row.text(cols[3]))
        if above is None:
            problems.append(services.Problem(cols[3], _("应填“是”或“否”(收到“%(v)s”)") % {"v": row.text(cols[3])}))
        errors += _problem_errors(row, cols, problems, cols[0])
        return None if problems else (row, current, code, above)

    def check(plans, errors):
        seen = {}
        for row, _current, code, _above in plans:
            if code in seen:
                errors.append(RowError(row.sheet, row.number, column_ref(cols, cols[1]),
                                       _("与第%(r)d行是同一统一社会信用代码") % {"r": seen[code]}))
            seen.setdefault(code, row.number)
        return plans

    def save(plan) -> list[RowError]:
        row, current, code, above = plan
        values = {"name": row.text(cols[0]), "credit_code": code, "industry": row.text(cols[2]),
                  "is_above_scale": above}
        if current is not None and all(getattr(current, k) == v for k, v in values.items()):
            result.unchanged += 1
            return []
        try:
            services.save_enterprise(user, district, **values, enterprise=current, reason=row.text(cols[4]),
                                     source=_("Excel导入"))
        except services.RegisterError as exc:
            return _problem_errors(row, cols, exc.problems, cols[4])
        if current is None:
            result.created += 1
        else:
            result.revised += 1
        return []

    return import_sheet(result, upload, _("企业"), cols, cols[:2], read=read, check=check, save=save,
                        progress=progress)
