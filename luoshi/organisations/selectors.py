"""Reads about organisations."""
from luoshi.organisations.models import DISTRICT_KINDS, Organisation


def districts_of(city: Organisation, user):
    """The districts of a city that the user may see, with their units."""
    return Organisation.objects.for_user(user).filter(parent=city, kind__in=DISTRICT_KINDS) \
        .prefetch_related("children").order_by("pk")
