"""Who may see and change what (权限范围). The one place where a user's scope is decided.

- city admin: every organisation of their city; a superuser: everything.
- district admin, district leader, district data staff, discipline commission member, 督查室 (supervision
  office) staff: their district and its units.
- unit staff: their own unit.
- enterprise user: no organisation's records, only their own enterprise.
Figures (targets, actuals) may be written by city admins, district data staff (their district and its
units) and unit staff (their unit's actuals only).
A district's units, people and enterprise register are kept by its district admin (and the city admin);
the indicator catalogue by the city admin.
"""
import rules as _rules
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import Q, QuerySet

from luoshi.organisations.models import Enterprise, Organisation, Role

DISTRICT_ROLES = {Role.DISTRICT_ADMIN, Role.DISTRICT_LEADER, Role.DISTRICT_DATA, Role.DISCIPLINE, Role.SUPERVISION}
# Roles a district admin may give within the district.
DISTRICT_GIVEN_ROLES = [Role.DISTRICT_ADMIN, Role.DISTRICT_LEADER, Role.DISTRICT_DATA, Role.UNIT_STAFF,
                        Role.DISCIPLINE, Role.SUPERVISION]


def profile_of(user):
    if not user or not user.is_authenticated:
        return None
    return getattr(user, "profile", None)


def role_of(user) -> str | None:
    """The user's role (Role value), None without a profile."""
    profile = profile_of(user)
    return profile.role if profile is not None else None


def visible_organisations(user) -> QuerySet:
    """Organisations whose records the user may read."""
    if user is not None and user.is_authenticated and user.is_superuser:
        return Organisation.objects.all()
    profile = profile_of(user)
    if profile is None or profile.organisation_id is None:
        return Organisation.objects.none()
    org_id = profile.organisation_id
    if profile.role == Role.CITY_ADMIN:
        return Organisation.objects.filter(Q(pk=org_id) | Q(city_id=org_id))
    if profile.role in DISTRICT_ROLES:
        return Organisation.objects.filter(district_id=profile.organisation.district_id or org_id)
    if profile.role == Role.UNIT_STAFF:
        return Organisation.objects.filter(pk=org_id)
    return Organisation.objects.none()


def visible_enterprises(user) -> QuerySet:
    """Enterprises the user may read: their own for an enterprise user, else those of their district
    (a unit serves the enterprises of its district) or city."""
    if user is not None and user.is_authenticated and user.is_superuser:
        return Enterprise.objects.all()
    profile = profile_of(user)
    if profile is None:
        return Enterprise.objects.none()
    if profile.role == Role.ENTERPRISE:
        return Enterprise.objects.filter(pk=profile.enterprise_id)
    if profile.role == Role.CITY_ADMIN:
        return Enterprise.objects.filter(district__city_id=profile.organisation_id)
    if profile.organisation_id is None or profile.organisation.district_id is None:
        return Enterprise.objects.none()
    return Enterprise.objects.filter(district_id=profile.organisation.district_id)


def can_edit_targets(user, organisation: Organisation) -> bool:
    """Targets are kept by the district's 发改/统计 staff and the city admin."""
    if user.is_superuser:
        return True
    profile = profile_of(user)
    if profile is None or profile.role not in (Role.CITY_ADMIN, Role.DISTRICT_DATA):
        return False
    return visible_organisations(user).filter(pk=organisation.pk).exists()


def can_report_actuals(user, organisation: Organisation) -> bool:
    """Actuals are reported by the district's data staff, the city admin, and a unit for itself."""
    if can_edit_targets(user, organisation):
        return True
    profile = profile_of(user)
    return profile is not None and profile.role == Role.UNIT_STAFF and profile.organisation_id == organisation.pk


def is_editor(user) -> bool:
    """Whether the user may enter figures at all (to show or hide entry links)."""
    profile = profile_of(user)
    return user.is_superuser or (profile is not None and profile.role in (
        Role.CITY_ADMIN, Role.DISTRICT_DATA, Role.UNIT_STAFF))


def home_organisation(user) -> Organisation | None:
    """The organisation a user lands on: their district (or unit), or the city."""
    profile = profile_of(user)
    if profile is None or profile.organisation is None:
        if user.is_superuser:
            return Organisation.objects.filter(parent__isnull=True).first()
        return None
    return profile.organisation


# Who may reset whose password (账号管理): the administrators who keep a district's people
# (`can_manage_district`), for the accounts below them in their scope: a superuser for anyone; the city
# admin for the city's districts' accounts (district admins included, not other city admins); a district
# admin for the district's leaders, staff, units and enterprises (not other district admins). Staff and
# superuser accounts are reset only by a superuser; nobody resets their own here (they change it).
_BELOW_DISTRICT_ADMIN = {Role.DISTRICT_LEADER, Role.DISTRICT_DATA, Role.DISCIPLINE, Role.SUPERVISION,
                         Role.UNIT_STAFF, Role.ENTERPRISE}
ACCOUNT_ADMIN_ROLES = {Role.CITY_ADMIN: _BELOW_DISTRICT_ADMIN | {Role.DISTRICT_ADMIN},
                       Role.DISTRICT_ADMIN: _BELOW_DISTRICT_ADMIN}


def may_manage_accounts(user) -> bool:
    """Whether the user administers accounts at all (the 账号管理 page and its menu entry)."""
    profile = profile_of(user)
    return bool(user is not None and user.is_authenticated and (user.is_superuser or (
        profile is not None and profile.role in ACCOUNT_ADMIN_ROLES and profile.deactivated_at is None)))


def password_resettable_users(user) -> QuerySet:
    """The accounts whose password `user` may reset (none for most roles)."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.exclude(pk=getattr(user, "pk", None))
    if user is not None and user.is_authenticated and user.is_superuser:
        return users
    profile = profile_of(user)
    roles = ACCOUNT_ADMIN_ROLES.get(profile.role) if profile is not None and profile.deactivated_at is None else None
    if not roles:
        return users.none()
    in_scope = (Q(profile__organisation__in=visible_organisations(user))
                | Q(profile__enterprise__in=visible_enterprises(user)))
    return users.filter(in_scope, profile__role__in=roles, is_staff=False, is_superuser=False, is_active=True)


def can_reset_password(user, target) -> bool:
    return password_resettable_users(user).filter(pk=target.pk).exists()
def can_manage_district(user, district: Organisation) -> bool:
    """Whether the user keeps the district's units and people (机构与人员): its district admin, the city's
    admin, a superuser."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    profile = profile_of(user)
    if profile is None or profile.organisation_id is None or profile.deactivated_at is not None:
        return False
    if profile.role == Role.CITY_ADMIN:
        return district.city_id == profile.organisation_id
    return profile.role == Role.DISTRICT_ADMIN and profile.organisation.district_id == district.pk


def district_in_reach(user, org_id) -> Organisation | None:
    """The district a request names, if the user may be told about it: one they see, or their own (a unit's,
    an enterprise's), so that a role which may not act there hears why (403); any other district, and any
    id that is no district, is None (404: guessing ids reveals nothing)."""
    from luoshi.organisations.models import DISTRICT_KINDS

    profile = profile_of(user)
    own = None
    if profile is not None and profile.organisation_id is not None:
        own = profile.organisation.district_id
    elif profile is not None and profile.enterprise_id is not None:
        own = profile.enterprise.district_id
    return (Organisation.objects.filter(kind__in=DISTRICT_KINDS, pk=org_id)
            .filter(Q(pk__in=visible_organisations(user)) | Q(pk=own)).first())


def can_manage_district_of_city(user, city: Organisation) -> bool:
    """Whether the user keeps the register of the city's districts (the city's admin, a superuser)."""
    profile = profile_of(user)
    return user is not None and user.is_authenticated and (user.is_superuser or (
        profile is not None and profile.role == Role.CITY_ADMIN and profile.organisation_id == city.pk))


def can_keep_enterprises(user, district: Organisation) -> bool:
    """The enterprise register (企业库) of a district: its admin and data staff, the city admin."""
    if can_manage_district(user, district):
        return True
    profile = profile_of(user)
    return (profile is not None and profile.role == Role.DISTRICT_DATA and profile.deactivated_at is None
            and profile.organisation is not None and profile.organisation.district_id == district.pk)


def can_keep_catalogue(user) -> bool:
    """The indicator catalogue (指标目录) is the city's: its admin, a superuser."""
    return user is not None and user.is_authenticated and (user.is_superuser or role_of(user) == Role.CITY_ADMIN)


def assignable_roles(user, district: Organisation) -> list[str]:
    """The roles the user may give to people of the district (never more than their own)."""
    if not can_manage_district(user, district):
        return []
    return list(DISTRICT_GIVEN_ROLES)


def managed_districts(user) -> QuerySet:
    """The districts whose units and people the user keeps."""
    from luoshi.organisations.models import DISTRICT_KINDS

    candidates = visible_organisations(user).filter(kind__in=DISTRICT_KINDS)
    return candidates.filter(pk__in=[d.pk for d in candidates if can_manage_district(user, d)])


def district_units(district: Organisation) -> QuerySet:
    """The units a district's records may name as responsible (责任单位): its own 局委办, 镇办/街道 and
    platform companies, never another district's."""
    from luoshi.organisations.models import UNIT_KINDS

    return Organisation.objects.filter(district_id=district.pk, kind__in=UNIT_KINDS)


def district_leaders(district: Organisation) -> QuerySet:
    """The people a district's records may name as 分包 leader: the district's own leaders (区领导)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(
        is_active=True, profile__role=Role.DISTRICT_LEADER,
        profile__organisation__in=Organisation.objects.filter(Q(pk=district.pk) | Q(district_id=district.pk)))

# --- 重点工作 (work plan): what part of a district's plan a person sees and what they may do ---------

ALL_TASKS, UNIT_TASKS, NO_TASKS = "all", "unit", "none"


def work_scope(user) -> tuple[str, object]:
    """(ALL_TASKS, visible organisations) for district and city people, who see their districts' plans
    whole; (UNIT_TASKS, unit id) for unit staff, who see the tasks their unit leads or cooperates on
    (and the sub-tasks given to it); (NO_TASKS, None) for enterprises and anyone without a profile."""
    if user is not None and user.is_authenticated and user.is_superuser:
        return ALL_TASKS, Organisation.objects.all()
    role = role_of(user)
    if role == Role.UNIT_STAFF and profile_of(user).organisation_id:
        return UNIT_TASKS, profile_of(user).organisation_id
    if role in DISTRICT_ROLES or role == Role.CITY_ADMIN:
        return ALL_TASKS, visible_organisations(user)
    return NO_TASKS, None


def can_supervise(user, district: Organisation) -> bool:
    """The 督查室 keeps the plan (tasks, import), issues 督办 notices and approves or returns 销号 — for its
    own district; a superuser everywhere."""
    if user.is_superuser:
        return True
    profile = profile_of(user)
    return (profile is not None and profile.role == Role.SUPERVISION
            and visible_organisations(user).filter(pk=district.pk).exists())


def can_act_for_unit(user, unit_ids) -> bool:
    """Progress reports, replies to notices and 销号 applications come from the staff of the unit
    concerned (one of `unit_ids`): the lead unit, or a cooperating unit for its part."""
    profile = profile_of(user)
    return profile is not None and profile.role == Role.UNIT_STAFF and profile.organisation_id in set(unit_ids)


def is_supervision_staff(user) -> bool:
    return user.is_superuser or role_of(user) == Role.SUPERVISION


# --- One decision for every app: who may see which rows, who may do what, where each role lands -----
# The vocabulary (role predicates, row rules) and the decision functions live here, in the foundation;
# each domain app declares its own rules once, in its `permissions.py`, imported from its
# `AppConfig.ready` (as admin.site collects ModelAdmins). Querysets' `for_user`, views, the API, services
# and templates (`{% if user|may:"appeals.urge" %}`) all ask `may` / `require` / `visible`, so a page, its
# API operation and its navigation link cannot disagree. A refusal is PermissionDenied with the rule's
# reason in the user's language: 403 on pages and in the API alike (a rule that is not about who the
# user is, e.g. a wrong state, stays a 422 `Refused`).
_PERMISSIONS = _rules.RuleSet()
_REASONS: dict = {}
_SCOPES: dict = {}
_HOMES: dict = {}


def permission(name: str, predicate, reason) -> None:
    """Declare the action `name` ("app.verb"): a `rules` predicate of (user[, obj]) and the reason a
    refusal gives — a text (gettext_lazy) or a function of (user, obj) for one that names the record."""
    if name in _REASONS:
        raise ImproperlyConfigured(f"permission {name!r} is declared twice")
    _PERMISSIONS.add_rule(name, predicate)
    _REASONS[name] = reason


def declared_permissions() -> list[str]:
    return sorted(_REASONS)


def may(user, name: str, obj=None) -> bool:
    """Whether `user` may do `name` (on `obj`). An undeclared name is a programming error, not a no."""
    if name not in _REASONS:
        raise ImproperlyConfigured(f"permission {name!r} is not declared")
    return _PERMISSIONS.test_rule(name, user, obj)


def refusal(user, name: str, obj=None) -> str:
    """The words of the refusal of `name`, in the user's language."""
    reason = _REASONS[name]
    return str(reason(user, obj) if callable(reason) else reason)


def require(user, name: str, obj=None) -> None:
    """PermissionDenied (403, with the rule's reason) unless `user` may do `name` (on `obj`)."""
    if not may(user, name, obj):
        raise PermissionDenied(refusal(user, name, obj))


# Predicates every app's rules are built from. Each takes the user (and the object, when it needs one).

@_rules.predicate
def is_superuser(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_superuser)


def has_role(*roles):
    """The user holds one of `roles` (anywhere)."""
    wanted = frozenset(roles)
    return _rules.predicate(lambda user: role_of(user) in wanted, name=f"has_role({','.join(sorted(wanted))})")


def has_role_in_district(user, roles, district_id) -> bool:
    """The user holds one of `roles` in exactly this district (or is a superuser)."""
    if is_superuser(user):
        return True
    profile = profile_of(user)
    return (profile is not None and profile.role in roles and profile.organisation_id is not None
            and (profile.organisation.district_id or profile.organisation_id) == district_id)


# A district's leaders and 发改/统计 staff: they assign appeals, keep the reception calendar, urge.
DISTRICT_STAFF = frozenset({Role.DISTRICT_LEADER, Role.DISTRICT_DATA})


def is_district_staff(user, district_id) -> bool:
    return has_role_in_district(user, DISTRICT_STAFF, district_id)


def is_discipline_of(user, district_id) -> bool:
    """A member of this district's 纪检监察工委 (or a superuser)."""
    return has_role_in_district(user, {Role.DISCIPLINE}, district_id)


def is_enterprise_user(user, enterprise_id) -> bool:
    profile = profile_of(user)
    return (profile is not None and profile.role == Role.ENTERPRISE and enterprise_id is not None
            and profile.enterprise_id == enterprise_id)


def is_unit_staff(user, unit_id) -> bool:
    profile = profile_of(user)
    return (profile is not None and profile.role == Role.UNIT_STAFF and unit_id is not None
            and profile.organisation_id == unit_id)


def of_district(test, district_of):
    """A predicate of (user, obj): `test(user, district_id)` on the district `district_of(obj)` names."""
    return _rules.predicate(lambda user, obj: obj is not None and test(user, district_of(obj)),
                            name=f"{test.__name__}_of_district")


# Row rules: which rows of a model each role sees. A rule maps (user, profile) to a Q, or to None for
# nothing; `scope` declares them per model, `visible` (what `for_user` calls) applies them.

def own(field: str, attribute: str):
    """Rows whose `field` is the profile's `attribute` (own enterprise, own unit)."""
    return lambda user, profile: Q(**{field: getattr(profile, attribute)}) if getattr(profile, attribute) else None


def in_scope(field: str):
    """Rows whose `field` is an organisation the user may see (`visible_organisations`)."""
    return lambda user, profile: Q(**{f"{field}__in": visible_organisations(user)})


def is_user(field: str):
    """Rows whose `field` is the user (the host of a reception day)."""
    return lambda user, profile: Q(**{field: user})


def either(*rules):
    """Rows any of `rules` lets through."""
    def rule(user, profile):
        conditions = [c for c in (r(user, profile) for r in rules) if c is not None]
        if not conditions:
            return None
        combined = conditions[0]
        for condition in conditions[1:]:
            combined |= condition
        return combined
    return rule


def scope(model: str, by_role: dict, *, default=None, distinct: bool = False) -> None:
    """Declare the rows of `model` ("app_label.modelname") each role sees: `by_role` maps a role to a
    rule (None: nothing); roles without one get `default` (None: nothing). A superuser sees every row."""
    if model in _SCOPES:
        raise ImproperlyConfigured(f"the scope of {model!r} is declared twice")
    _SCOPES[model] = (by_role, default, distinct)


def visible(user, qs: QuerySet) -> QuerySet:
    """`qs` narrowed to the rows the user may see, by its model's declared scope."""
    by_role, default, distinct = _SCOPES[qs.model._meta.label_lower]
    if is_superuser(user):
        return qs
    profile = profile_of(user)
    rule = by_role.get(profile.role, default) if profile is not None else None
    condition = rule(user, profile) if rule is not None else None
    if condition is None:
        return qs.none()
    qs = qs.filter(condition)
    return qs.distinct() if distinct else qs


# Where each role lands after login (`home`): an app declares the page its role works from.

def home(role: str, url_name: str, args=None) -> None:
    """The page `role` lands on: `url_name` with `args(user)` (None: no arguments, or no page)."""
    _HOMES[role] = (url_name, args)


def own_district(user) -> list | None:
    """[the id of the user's district] as `home` arguments; None without one."""
    profile = profile_of(user)
    if profile is None or profile.organisation is None:
        return None
    return [profile.organisation.district_id or profile.organisation_id]


def home_page(user) -> str | None:
    """The address of the user's declared home, None when their role declares none (or it needs an
    organisation they do not have)."""
    from django.urls import reverse

    found = _HOMES.get(role_of(user))
    if found is None or is_superuser(user):
        return None
    url_name, args = found
    arguments = args(user) if args is not None else []
    if arguments is None:
        return None
    return reverse(url_name, args=arguments)
