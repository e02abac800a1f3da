"""Who may see and act on appeals and reception days. Scope comes from luoshi.organisations.access;
this module only adds what is particular to appeals:

- an enterprise user: their own enterprise's appeals and bookings, their district's reception days;
- unit staff: the appeals currently assigned to their unit (and nothing else of the loop);
- district leaders and 发改/统计 staff (the supervising office): everything of their district, and they
  assign; a host leader also sees the bookings of the days they host;
- the city admin reads its districts; a superuser reads everything.
"""
from django.db.models import Q

from luoshi.organisations.access import profile_of, visible_organisations
from luoshi.organisations.models import Role

DISTRICT_STAFF = {Role.DISTRICT_LEADER, Role.DISTRICT_DATA}
# The parts a user can play on one appeal; the transition table names which part may make each move.
DISTRICT, UNIT, ENTERPRISE = "district", "unit", "enterprise"


def is_superuser(user) -> bool:
    return user is not None and user.is_authenticated and user.is_superuser


def has_role_in_district(user, roles, district_id) -> bool:
    """The user holds one of `roles` in exactly this district (or is a superuser)."""
    if is_superuser(user):
        return True
    profile = profile_of(user)
    return (profile is not None and profile.role in roles and profile.organisation_id is not None
            and (profile.organisation.district_id or profile.organisation_id) == district_id)


def is_district_staff(user, district_id) -> bool:
    """A leader or 发改/统计 staff member of this district: they assign appeals and keep the calendar."""
    return has_role_in_district(user, DISTRICT_STAFF, district_id)


def is_enterprise_user(user, enterprise_id) -> bool:
    profile = profile_of(user)
    return profile is not None and profile.role == Role.ENTERPRISE and profile.enterprise_id == enterprise_id


def is_unit_staff(user, unit_id) -> bool:
    profile = profile_of(user)
    return (profile is not None and profile.role == Role.UNIT_STAFF and unit_id is not None
            and profile.organisation_id == unit_id)


def parts(user, appeal) -> set[str]:
    """The parts the user plays on this appeal (district staff, its assigned unit, its enterprise)."""
    found = set()
    if is_district_staff(user, appeal.district_id):
        found.add(DISTRICT)
    if is_unit_staff(user, appeal.assigned_unit_id):
        found.add(UNIT)
    if is_enterprise_user(user, appeal.enterprise_id):
        found.add(ENTERPRISE)
    return found


def by_role(user, qs, rules: dict, default=None):
    """`qs` filtered by the rule for the user's role: each rule maps the profile to a Q, or to None for
    nothing; a role without a rule gets `default`, or nothing. A superuser sees everything."""
    if is_superuser(user):
        return qs
    profile = profile_of(user)
    rule = rules.get(profile.role, default) if profile is not None else None
    condition = rule(profile) if rule is not None else None
    return qs.none() if condition is None else qs.filter(condition)


def own(field: str, attribute: str):
    """The rule "rows whose `field` is the profile's `attribute`" (own enterprise, own unit)."""
    return lambda profile: Q(**{field: getattr(profile, attribute)}) if getattr(profile, attribute) else None


def in_scope(user, field: str):
    """The rule "rows whose `field` is an organisation the user may see" (organisations.access)."""
    return lambda profile: Q(**{f"{field}__in": visible_organisations(user)})


def visible_appeals(user, qs):
    return by_role(user, qs, {Role.ENTERPRISE: own("enterprise_id", "enterprise_id"),
                              Role.UNIT_STAFF: own("assigned_unit_id", "organisation_id")},
                   default=in_scope(user, "district"))


def visible_reception_days(user, qs):
    return by_role(user, qs, {Role.ENTERPRISE: own("district__enterprises", "enterprise_id")},
                   default=lambda p: in_scope(user, "district")(p) | Q(host=user))


def visible_bookings(user, qs):
    return by_role(user, qs, {Role.ENTERPRISE: own("enterprise_id", "enterprise_id"), Role.UNIT_STAFF: None},
                   default=lambda p: in_scope(user, "reception_day__district")(p) | Q(reception_day__host=user))


def can_file_for(user, enterprise) -> bool:
    """An enterprise files for itself; district staff record appeals of their district's enterprises."""
    return is_enterprise_user(user, enterprise.pk) or is_district_staff(user, enterprise.district_id)
