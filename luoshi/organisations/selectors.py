"""Reads about organisations."""
from luoshi.organisations.models import DISTRICT_KINDS, Organisation


def districts_of(city: Organisation, user):
    """The districts of a city that the user may see, with their units."""
    return Organisation.objects.for_user(user).filter(parent=city, kind__in=DISTRICT_KINDS) \
        .prefetch_related("children").order_by("pk")


def person_name(user) -> str:
    """How a person is named on pages and in files: the profile's name, else the full name, else the login."""
    profile = getattr(user, "profile", None)
    return (profile.display_name if profile is not None else "") or user.get_full_name() or user.get_username()
