"""Who may see and keep responsibility letters: built on the one scoping module (organisations.access).

A unit sees its own letter and score; the district (leaders, data staff, discipline commission) sees
all of its units' letters; the city admin every district's. The district's 发改/统计 staff (and the
city admin) draft, review, sign and amend; a unit reports progress on its own tasks."""
from luoshi.organisations.access import can_edit_targets, profile_of, visible_organisations
from luoshi.organisations.models import Role


def visible_letters(user):
    from luoshi.accountability.models import ResponsibilityLetter

    return ResponsibilityLetter.objects.filter(unit__in=visible_organisations(user)).values("pk")


def can_manage(user, district) -> bool:
    return can_edit_targets(user, district)


def can_report(user, letter) -> bool:
    profile = profile_of(user)
    own_unit = profile is not None and profile.role == Role.UNIT_STAFF and profile.organisation_id == letter.unit_id
    return own_unit or can_manage(user, letter.district)
