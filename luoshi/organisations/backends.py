"""The login backend: Django's, with the user's profile and organisation read in the same query — or taken
from the request's session read, which brings them (core.sessions)."""
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from luoshi.core.compiled import CompiledQuery
from luoshi.core.sessions import session_user
from luoshi.organisations.selectors import PERSON_RELATED


def _user_with_profile(user_id: int):
    return get_user_model()._default_manager.select_related(*PERSON_RELATED).filter(pk=user_id)[:1]


# Every request asks it: compiled once per database (its compilation was most of the user's load).
_USER = CompiledQuery(_user_with_profile, int)


class ProfileBackend(ModelBackend):
    """Every request's user comes with its profile, organisation and district (one query instead of four), so the
    access rules (organisations.access) read them from memory for the rest of the request; a user
    without a profile is known to have none without asking again."""

    def get_user(self, user_id):
        try:
            user_id = int(user_id)
        except (TypeError, ValueError):
            return None
        user = session_user(user_id)
        if user is None:
            found = _USER.objects(user_id)
            user = found[0] if found else None
        return user if user is not None and self.user_can_authenticate(user) else None
