"""Reads about organisations."""
from luoshi.organisations.models import DISTRICT_KINDS, Organisation, Profile


def districts_of(city: Organisation, user):
    """The districts of a city that the user may see, with their units."""
    return Organisation.objects.for_user(user).filter(parent=city, kind__in=DISTRICT_KINDS) \
        .prefetch_related("children").order_by("pk")


def person_name(user) -> str:
    """How a person is named on pages and in files: the profile's name, else the full name, else the login."""
    profile = getattr(user, "profile", None)
    return (profile.display_name if profile is not None else "") or user.get_full_name() or user.get_username()


def display_names(user_ids) -> dict[int, str]:
    """How pages and the API name officials: their display name (姓名), else the user name, in one query.
    A person is named the same way wherever they appear, so the API never shows what a page does not."""
    from django.contrib.auth import get_user_model

    ids = {i for i in user_ids if i}
    names = dict(Profile.objects.filter(user_id__in=ids).exclude(display_name="").values_list("user_id", "display_name"))
    missing = ids - set(names)
    if missing:
        names.update(get_user_model().objects.filter(pk__in=missing).values_list("pk", "username"))
    return names


PEOPLE_SHOWN = ("active", "inactive", "all")


def district_people(district, show: str = "active"):
    """The people of a district and its units, in use (active), deactivated (inactive) or all, by unit and
    login, as the register lists them."""
    people = Profile.objects.filter(organisation__district_id=district.pk).select_related("user", "organisation")
    if show in ("active", "inactive"):
        people = people.filter(deactivated_at__isnull=show == "active")
    return people.order_by("organisation__kind", "user__username")


def districts_known_to(user):
    """The districts the user sees, and their own: a settings page of their own district that their role
    may not open answers 403 with the rule's reason; another district's, even by a guessed id, stays 404."""
    from django.db.models import Q

    from luoshi.organisations.access import own_district

    return Organisation.objects.filter(kind__in=DISTRICT_KINDS).filter(
        Q(pk__in=Organisation.objects.for_user(user).values("pk")) | Q(pk__in=own_district(user) or []))


def districts_for(user):
    """The districts the user may see (another's, even by a guessed id, is not among them)."""
    return Organisation.objects.for_user(user).filter(kind__in=DISTRICT_KINDS)
