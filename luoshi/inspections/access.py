"""Who may see and act on quiet-day records, on top of luoshi.organisations.access:

- an enterprise user: visits announced on their enterprise (filed, approved, done) and their own reports;
- unit staff: their own department's visits; they file and complete them;
- district roles (leaders, 发改/统计, the discipline commission) and the city admin: the district's visits;
- reports of unannounced visits: only the discipline commission of the district (and the enterprise
  that made the report), so a reported department never reads who reported it.
"""
from django.db.models import Q

from luoshi.appeals.access import (  # noqa: F401
    by_role,
    has_role_in_district,
    in_scope,
    is_enterprise_user,
    is_superuser,
    is_unit_staff,
    own,
    profile_of,
)
from luoshi.inspections.models import ANNOUNCED_STATES
from luoshi.organisations.models import Role


def is_discipline_of(user, district_id) -> bool:
    """A member of this district's 纪检监察工委 (or a superuser)."""
    return has_role_in_district(user, {Role.DISCIPLINE}, district_id)


def can_file_for(user, department) -> bool:
    return is_superuser(user) or is_unit_staff(user, department.pk)


def _announced_on_own_enterprise(profile):
    return Q(enterprises=profile.enterprise_id, state__in=ANNOUNCED_STATES) if profile.enterprise_id else None


def visible_visits(user, qs):
    return by_role(user, qs, {Role.ENTERPRISE: _announced_on_own_enterprise,
                              Role.UNIT_STAFF: own("department_id", "organisation_id")},
                   default=in_scope(user, "district")).distinct()


def visible_reports(user, qs):
    return by_role(user, qs, {Role.ENTERPRISE: own("enterprise_id", "enterprise_id"),
                              Role.DISCIPLINE: in_scope(user, "district")})


def sees_officials(user) -> bool:
    """The officials' side of a visit — each step and who took it, who decided, when it was filed — is for
    the officials; an enterprise sees what was announced on it, the decision and the outcome. The page and
    the API both ask here, so neither shows an enterprise more than the other."""
    profile = profile_of(user)
    return profile is None or profile.role != Role.ENTERPRISE or is_superuser(user)


def shown_enterprises(user, visit) -> list:
    """The enterprises of a visit a user may read: an enterprise user only its own (a visit to several
    enterprises does not tell one who the others are)."""
    profile = profile_of(user)
    everyone = list(visit.enterprises.all())
    if profile is None or profile.role != Role.ENTERPRISE or is_superuser(user):
        return everyone
    return [e for e in everyone if e.pk == profile.enterprise_id]
