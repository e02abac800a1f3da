"""Reads about organisations."""
from django.utils.translation import gettext as _

from luoshi.organisations.models import DISTRICT_KINDS, Organisation, Profile


def districts_of(city: Organisation, user):
    """The districts of a city that the user may see, with their units."""
    return Organisation.objects.for_user(user).filter(parent=city, kind__in=DISTRICT_KINDS) \
        .prefetch_related("children").order_by("pk")


def person_name(user) -> str:
    """A person's name alone (姓名), for a choice list or an Excel cell: the profile's name, else the full
    name, else the login. Pages and the API show `person_label` (name and post) instead."""
    profile = getattr(user, "profile", None)
    return (profile.display_name if profile is not None else "") or user.get_full_name() or user.get_username()


# What person_label needs of a user, for select_related on a user field ("actor__" + each) or on User itself;
# every request reads its user with the same (core.sessions, organisations.backends).
PERSON_RELATED = ("profile__organisation__district", "profile__enterprise")
# The same for a history's author (django-simple-history's history_user).
HISTORY_USER_RELATED = tuple(f"history_user__{r}" for r in PERSON_RELATED)


def post_of(profile, title: str | None = None) -> str:
    """A person's post as others read it: the district, the unit and the 职务 (“惠济区发改委副主任”), the
    enterprise and the 职务 for an enterprise's user; the unit alone when no 职务 is recorded. `title`, when
    given, is the 职务 in which the person acts here (e.g. the reception roster's)."""
    if profile is None:
        return ""
    org = profile.organisation
    parts = [profile.enterprise.name] if profile.enterprise_id else []
    if org is not None and not profile.enterprise_id:
        if org.district_id and org.district_id != org.pk and org.district is not None:
            parts.append(str(org.district))
        parts.append(str(org))
    name, title = profile.display_name, profile.title if title is None else title
    # A name that already says where the person works (“经开区 分管副主任”) is not told it twice.
    where = "".join(p for p in parts if p and p not in name and p not in title)
    return where + (title if title not in name else "")


def person_label(user, title: str | None = None) -> str:
    """How pages, histories and the API name a person: 姓名 and post (“张伟（惠济区发改委副主任）”), never the
    login unless nothing else is known. Empty for no user. `title` as in `post_of`."""
    if user is None:
        return ""
    post = post_of(getattr(user, "profile", None), title)
    name = person_name(user)
    return _("%(name)s（%(post)s）") % {"name": name, "post": post} if post else name


def person_labels(user_ids) -> dict[int, str]:
    """`person_label` for many people in one query, by user id."""
    from django.contrib.auth import get_user_model

    ids = {i for i in user_ids if i}
    if not ids:
        return {}
    users = get_user_model().objects.filter(pk__in=ids).select_related(*PERSON_RELATED)
    return {u.pk: person_label(u) for u in users}


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
