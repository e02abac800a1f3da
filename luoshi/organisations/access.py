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
