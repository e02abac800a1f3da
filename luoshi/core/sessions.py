"""The session store and the request's user: Django's database sessions, whose row also names the user it
was saved for, so that each request reads its session and its user (with profile and organisation) in one
query, by SQL compiled once.

Django reads the session, then asks the login backend for the user the session names — two round trips on
every request, most of an authenticated API call's fixed cost on PostgreSQL. Here the session's read joins
its user; `AuthenticationMiddleware` (Django's, otherwise unchanged: `auth.get_user` still checks the
backend, the session's password hash and whether the user may log in) hands that user to the backend for
the rest of the request (`session_user`), which reads the user itself only when the session's row names
another user or none.
"""
from contextvars import ContextVar
from datetime import datetime

from django.contrib import auth
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.middleware import AuthenticationMiddleware as DjangoAuthenticationMiddleware
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from luoshi.core.compiled import CompiledQuery
from luoshi.core.models import Session
from luoshi.organisations.selectors import PERSON_RELATED

# What every page reads of its user is what names a person (organisations.selectors.PERSON_RELATED): the
# profile, the organisation and its district (the menu asks whether the user may configure their district),
# the enterprise; the login backend reads the same (organisations.backends).
USER_RELATED = tuple(f"user__{related}" for related in PERSON_RELATED)


def _live_session(session_key: str, now: datetime):
    return Session.objects.select_related(*USER_RELATED).filter(session_key=session_key, expire_date__gt=now)[:1]


# Every request reads its session: compiling the ORM's query was most of that read (docs/benchmarks.md).
_SESSION = CompiledQuery(_live_session, str, datetime)

_read_with_session: ContextVar = ContextVar("luoshi_session_user", default=None)


def session_user(user_id: int):
    """The user the request's session row brought, if it is `user_id` (else None: read it)."""
    user = _read_with_session.get()
    return user if user is not None and user.pk == user_id else None


class SessionStore(DatabaseSessionStore):
    """Django's database store on `core.Session`; the read of a live session runs from compiled SQL and
    brings the session's user. An expired or unknown key reads as no session, as in Django."""

    user = None  # the user the session's row names, read with it

    @classmethod
    def get_model_class(cls):
        return Session

    def _get_session_from_db(self):
        found = _SESSION.objects(self.session_key, timezone.now())
        if not found:
            self._session_key = None
            return None
        self.user = found[0].user
        return found[0]

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        try:
            session.user_id = int(data[SESSION_KEY])
        except (KeyError, TypeError, ValueError):
            session.user_id = None
        return session


def _user(request):
    if not hasattr(request, "_cached_user"):
        session = request.session
        session.get(SESSION_KEY)  # the session read, and with it its user
        token = _read_with_session.set(getattr(session, "user", None))
        try:
            request._cached_user = auth.get_user(request)
        finally:
            _read_with_session.reset(token)
    return request._cached_user


class AuthenticationMiddleware(DjangoAuthenticationMiddleware):
    """Django's, with the user taken from the session's read when it is the session's user."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _user(request))
