"""Who may see and change what (权限范围). The one place where a user's scope is decided.

- city admin: every organisation of their city; a superuser: everything.
- district leader, district data staff, discipline commission member: their district and its units.
- unit staff: their own unit.
- enterprise user: no organisation's records, only their own enterprise.
Figures (targets, actuals) may be written by city admins, district data staff (their district and its
units) and unit staff (their unit's actuals only).
"""
from django.db.models import Q, QuerySet

from luoshi.organisations.models import Enterprise, Organisation, Role

DISTRICT_ROLES = {Role.DISTRICT_LEADER, Role.DISTRICT_DATA, Role.DISCIPLINE}


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


# Who may reset whose password (账号管理): an administrator, for the accounts of a lower rank in their
# scope: a superuser for anyone; the city admin for the city's district and unit staff and enterprises
# (not other city admins); the district's 发改/统计 staff, who keep the district's records, for its
# leaders, discipline members, units and enterprises (not their peers, nor the city's accounts). Staff
# and superuser accounts are reset only by a superuser; nobody resets their own here (they change it).
ACCOUNT_ADMIN_ROLES = {Role.CITY_ADMIN: {Role.DISTRICT_LEADER, Role.DISTRICT_DATA, Role.DISCIPLINE,
                                         Role.UNIT_STAFF, Role.ENTERPRISE},
                       Role.DISTRICT_DATA: {Role.DISTRICT_LEADER, Role.DISCIPLINE, Role.UNIT_STAFF,
                                            Role.ENTERPRISE}}


def may_manage_accounts(user) -> bool:
    """Whether the user administers accounts at all (the 账号管理 page and its menu entry)."""
    return bool(user is not None and user.is_authenticated
                and (user.is_superuser or role_of(user) in ACCOUNT_ADMIN_ROLES))


def password_resettable_users(user) -> QuerySet:
    """The accounts whose password `user` may reset (none for most roles)."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.exclude(pk=getattr(user, "pk", None))
    if user is not None and user.is_authenticated and user.is_superuser:
        return users
    profile = profile_of(user)
    roles = ACCOUNT_ADMIN_ROLES.get(profile.role) if profile is not None else None
    if not roles:
        return users.none()
    in_scope = (Q(profile__organisation__in=visible_organisations(user))
                | Q(profile__enterprise__in=visible_enterprises(user)))
    return users.filter(in_scope, profile__role__in=roles, is_staff=False, is_superuser=False, is_active=True)


def can_reset_password(user, target) -> bool:
    return password_resettable_users(user).filter(pk=target.pk).exists()
