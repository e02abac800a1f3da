"""Writes to a district's register (建库): its units (局委办, 镇办/街道/管区, 区属平台公司), its people and
their roles, and its enterprises (企业库). One check per record serves the pages and the Excel import,
so both refuse for the same reasons, each naming its field; every change leaves who, when and why in
the history; a person is deactivated (停用), never deleted, so their history stays whole.
"""
import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from luoshi.core.records import check_history_version, check_version
from luoshi.organisations.access import assignable_roles, can_keep_enterprises, can_manage_district, can_reset_password
from luoshi.organisations.credit_code import validate_credit_code
from luoshi.organisations.models import UNIT_KINDS, Enterprise, Organisation, OrgKind, Profile, Role

security_log = logging.getLogger("luoshi.security")
USERNAME = re.compile(r"^[\w.@+-]{2,150}$")


@dataclass
class Problem:
    field: str
    message: str


class RegisterError(Exception):
    """A record that cannot be saved; `problems` name each field and the reason."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(f"{p.field}:{p.message}" for p in problems))
        self.problems = problems


def _save(obj, user, reason: str):
    obj._history_user = user
    obj._change_reason = reason
    obj.save()
    return obj


def _require(allowed: bool, message: str):
    if not allowed:
        raise PermissionDenied(message)


@lru_cache(maxsize=16)
def _names(choices_of: str, language: str) -> dict[str, str]:
    """Key and label (in the active language) → key, once per language: an import reads thousands of rows."""
    table: dict[str, str]
    if choices_of == "kind":
        table = {"镇": OrgKind.TOWN, "街道": OrgKind.TOWN, "镇办": OrgKind.TOWN, "管区": OrgKind.TOWN,
                 "办事处": OrgKind.TOWN, "平台公司": OrgKind.PLATFORM, "局": OrgKind.DEPARTMENT,
                 "委办局": OrgKind.DEPARTMENT}
        choices = [(k, v) for k, v in OrgKind.choices if k in UNIT_KINDS]
    else:
        table, choices = {}, Role.choices
    for key, label in choices:
        table[key] = table[str(label)] = key
    return table


def kind_of(value) -> str | None:
    """A unit kind as people write it: its key (department) or its name (局委办, 街道 …)."""
    return _names("kind", get_language() or "").get(str(value or "").strip())


def role_of_text(value) -> str | None:
    """A role as people write it: its key (unit_staff) or its name (单位工作人员)."""
    return _names("role", get_language() or "").get(str(value or "").strip())


# --- units ---------------------------------------------------------------------------------------

def check_unit(district, *, name, short_name, kind, unit=None, taken: set | None = None) -> list[Problem]:
    """Why a unit of `district` cannot be saved as given. `taken`: names already in use (an import
    passes them all at once instead of a query per row)."""
    problems = []
    name, short_name = (name or "").strip(), (short_name or "").strip()
    if not name:
        problems.append(Problem(_("名称"), _("必须填写")))
    elif len(name) > 100:
        problems.append(Problem(_("名称"), _("最多%(n)d个字") % {"n": 100}))
    if len(short_name) > 40:
        problems.append(Problem(_("简称"), _("最多%(n)d个字") % {"n": 40}))
    if kind_of(kind) is None:
        problems.append(Problem(_("类型"), _("“%(k)s”不是单位类型，应为：%(all)s") % {
            "k": kind or "", "all": "、".join(str(label) for key, label in OrgKind.choices if key in UNIT_KINDS)}))
    if name:
        if taken is None:
            others = Organisation.objects.filter(parent=district)
            taken = set((others.exclude(pk=unit.pk) if unit is not None and unit.pk else others)
                        .values_list("name", flat=True))
        if name in taken:
            problems.append(Problem(_("名称"), _("本区已有名为“%(n)s”的单位") % {"n": name}))
    return problems


@transaction.atomic
def save_unit(user, district, *, name, short_name="", kind, unit=None, reason: str = "",
              expected_version: int | None = None) -> Organisation:
    """Add a unit to the district, or change one (a change needs a reason, kept in the history; one made
    from an older version than the unit's latest history entry is refused with the newer)."""
    _require(can_manage_district(user, district), _("无权维护%(d)s的单位") % {"d": district})
    if unit is not None and unit.district_id != district.pk:
        raise PermissionDenied(_("该单位不属于%(d)s") % {"d": district})
    if unit is not None:
        unit = Organisation.objects.select_for_update().get(pk=unit.pk)
        check_history_version(unit, expected_version)
    problems = check_unit(district, name=name, short_name=short_name, kind=kind, unit=unit)
    if unit is not None and not (reason or "").strip():
        problems.append(Problem(_("修改原因"), _("修改已有单位须填写原因")))
    if problems:
        raise RegisterError(problems)
    name, short_name = name.strip(), (short_name or "").strip() or name.strip()
    if unit is None:
        unit = Organisation(parent=district, name=name, short_name=short_name, kind=kind_of(kind) or "")
        return _save(unit, user, reason.strip() or _("新增单位"))
    unit.name, unit.short_name, unit.kind = name, short_name, kind_of(kind)
    return _save(unit, user, reason.strip())


# --- people --------------------------------------------------------------------------------------

def district_units(district) -> list[Organisation]:
    """The district itself and its units: where its people may belong."""
    return [district, *Organisation.objects.filter(district_id=district.pk).exclude(pk=district.pk)
            .order_by("kind", "name")]


def check_person(user, district, *, username, display_name, role, organisation, title="", phone="",
                 person: Profile | None = None, usernames: set | None = None,
                 roles: list | None = None) -> list[Problem]:
    """Why a person of `district` cannot be saved as given. `usernames`: the usernames taken (an import
    passes them for all rows at once instead of a query per row)."""
    problems = []
    username, display_name = (username or "").strip(), (display_name or "").strip()
    if not USERNAME.match(username):
        problems.append(Problem(_("用户名"),
                                _("用户名应为2—150位字母、数字或 . @ + - _(收到“%(u)s”)") % {"u": username}))
    elif person is None:
        taken = (username in usernames) if usernames is not None else \
            get_user_model().objects.filter(username=username).exists()
        if taken:
            problems.append(Problem(_("用户名"), _("用户名“%(u)s”已被使用") % {"u": username}))
    if not display_name:
        problems.append(Problem(_("姓名"), _("必须填写")))
    elif len(display_name) > 50:
        problems.append(Problem(_("姓名"), _("最多%(n)d个字") % {"n": 50}))
    key = role_of_text(role)
    allowed = roles if roles is not None else assignable_roles(user, district)
    if key is None or key not in allowed:
        problems.append(Problem(_("角色"), _("“%(r)s”不是可分配的角色，应为：%(all)s") % {
            "r": role or "", "all": "、".join(str(Role(r).label) for r in allowed)}))
    if organisation is None:
        problems.append(Problem(_("所属单位"), _("不是本区或本区的单位")))
    elif key == Role.UNIT_STAFF and organisation.pk == district.pk:
        problems.append(Problem(_("所属单位"), _("单位工作人员须属于区内某个单位")))
    elif key in (Role.DISTRICT_ADMIN, Role.DISTRICT_LEADER, Role.DISTRICT_DATA, Role.DISCIPLINE) \
            and organisation.pk != district.pk:
        problems.append(Problem(_("所属单位"), _("“%(r)s”属于区本级，所属单位应为%(d)s") % {
            "r": Role(key).label, "d": district}))
    for label, value, limit in ((_("职务"), title, 60), (_("联系电话"), phone, 30)):
        if len((value or "").strip()) > limit:
            problems.append(Problem(label, _("最多%(n)d个字") % {"n": limit}))
    return problems


@transaction.atomic
def save_person(user, district, *, username, display_name, role, organisation, title="", phone="",
                person: Profile | None = None, reason: str = "", expected_version: int | None = None,
                source: str = "") -> Profile:
    """Add a person with a role in the district, or change one (with a reason; a stale edit is refused).
    A new person has no password until an administrator sets one (password reset pages)."""
    _require(can_manage_district(user, district), _("无权维护%(d)s的人员") % {"d": district})
    if person is not None and (person.organisation is None or person.organisation.district_id != district.pk):
        raise PermissionDenied(_("该人员不属于%(d)s") % {"d": district})
    problems = check_person(user, district, username=username, display_name=display_name, role=role,
                            organisation=organisation, title=title, phone=phone, person=person)
    if person is not None and not (reason or "").strip():
        problems.append(Problem(_("修改原因"), _("修改已有人员须填写原因")))
    if problems:
        raise RegisterError(problems)
    fields = {"display_name": display_name.strip(), "role": role_of_text(role), "organisation": organisation,
              "title": (title or "").strip(), "phone": (phone or "").strip()}
    if person is None:
        account = get_user_model()(username=username.strip())
        account.set_unusable_password()
        account.save()
        return _save(Profile(user=account, source=source, **fields), user, reason.strip() or _("新增人员"))
    person = Profile.objects.select_for_update().get(pk=person.pk)
    if expected_version is not None and expected_version != person.version:
        from luoshi.core.records import ConflictError

        raise ConflictError(person)
    for k, v in fields.items():
        setattr(person, k, v)
    person.version += 1
    return _save(person, user, reason.strip())


@transaction.atomic
def set_active(user, person: Profile, *, active: bool, reason: str, expected_version: int | None = None) -> Profile:
    """停用 (or 恢复) a person: they can no longer log in, and everything they did stays theirs in the
    history; nothing is deleted. Made from an older version of the person, it is refused with the newer."""
    district = person.organisation.district if person.organisation and person.organisation.district_id else None
    _require(district is not None and can_manage_district(user, district),
             _("无权停用或恢复%(p)s") % {"p": person})
    if person.user_id == user.pk and not active:
        raise RegisterError([Problem(_("人员"), _("不能停用自己的账号"))])
    reason = (reason or "").strip()
    if not reason:
        raise RegisterError([Problem(_("原因"), _("停用或恢复须填写原因"))])
    if len(reason) > 200:
        raise RegisterError([Problem(_("原因"), _("最多%(n)d个字") % {"n": 200})])
    person = Profile.objects.select_for_update().get(pk=person.pk)
    check_version(person, expected_version)
    if (person.deactivated_at is None) == active:
        return person
    person.deactivated_at = None if active else timezone.now()
    person.deactivation_reason = "" if active else reason
    person.version += 1
    get_user_model().objects.filter(pk=person.user_id).update(is_active=active)
    return _save(person, user, (_("恢复：%(r)s") if active else _("停用：%(r)s")) % {"r": reason})


# --- enterprises ---------------------------------------------------------------------------------

def check_enterprise(*, name, credit_code, industry="", enterprise=None, codes: dict | None = None) -> list[Problem]:
    """Why an enterprise cannot be registered as given (统一社会信用代码 checked with its check digit)."""
    problems = []
    name, code = (name or "").strip(), (credit_code or "").strip().upper()
    if not name:
        problems.append(Problem(_("企业名称"), _("必须填写")))
    elif len(name) > 200:
        problems.append(Problem(_("企业名称"), _("最多%(n)d个字") % {"n": 200}))
    try:
        validate_credit_code(code)
    except ValidationError as exc:
        problems.append(Problem(_("统一社会信用代码"), exc.messages[0]))
    else:
        owner = codes.get(code) if codes is not None else Enterprise.objects.filter(credit_code=code).values_list(
            "pk", flat=True).first()
        if owner is not None and owner != getattr(enterprise, "pk", None):
            problems.append(Problem(_("统一社会信用代码"), _("代码%(c)s已登记") % {"c": code}))
    if len((industry or "").strip()) > 100:
        problems.append(Problem(_("行业"), _("最多%(n)d个字") % {"n": 100}))
    return problems


@transaction.atomic
def save_enterprise(user, district, *, name, credit_code, industry="", is_above_scale=False, enterprise=None,
                    reason: str = "", source: str = "", expected_version: int | None = None) -> Enterprise:
    """Register an enterprise in the district, or correct one (with a reason; a correction made from an
    older version than its latest history entry is refused with the newer)."""
    _require(can_keep_enterprises(user, district), _("无权维护%(d)s的企业库") % {"d": district})
    if enterprise is not None and enterprise.district_id != district.pk:
        raise PermissionDenied(_("该企业不属于%(d)s") % {"d": district})
    if enterprise is not None:
        enterprise = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
        check_history_version(enterprise, expected_version)
    problems = check_enterprise(name=name, credit_code=credit_code, industry=industry, enterprise=enterprise)
    if enterprise is not None and not (reason or "").strip():
        problems.append(Problem(_("修改原因"), _("修改已登记企业须填写原因")))
    if problems:
        raise RegisterError(problems)
    fields = {"name": name.strip(), "credit_code": credit_code.strip().upper(), "industry": (industry or "").strip(),
              "is_above_scale": bool(is_above_scale)}
    if enterprise is None:
        return _save(Enterprise(district=district, source=source, **fields), user, reason.strip() or _("企业登记"))
    for k, v in fields.items():
        setattr(enterprise, k, v)
    return _save(enterprise, user, reason.strip())


# --- passwords (账号): a user's own change and an administrator's reset, both audited in Django's admin
# log (who, whose, when; shown in the account's history in /admin/) -------------------------------------

def _audit_account(actor, account, message: str):
    LogEntry.objects.log_actions(actor.pk, [account], CHANGE, change_message=message, single_object=True)
    security_log.info("%s: %s → %s", message, actor.get_username(), account.get_username())


def password_changed(user):
    """Record that the user changed their own password (the form has saved it)."""
    _audit_account(user, user, "修改了自己的密码")


@transaction.atomic
def reset_password(admin, account, password: str):
    """An administrator sets a new password for an account in their scope (`access.can_reset_password`);
    the account's open sessions end with it (Django ties a session to the password)."""
    if not can_reset_password(admin, account):
        raise PermissionDenied(_("无权重置该账号的密码"))
    account.set_password(password)
    account.save(update_fields=["password"])
    _audit_account(admin, account, "重置了该账号的密码")
