"""The session store: Django's database sessions, each request's session read by SQL compiled once."""
from datetime import datetime

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from luoshi.core.compiled import CompiledQuery


def _live_session(session_key: str, now: datetime):
    return Session.objects.filter(session_key=session_key, expire_date__gt=now)[:1]


# Every request reads its session: compiling the ORM's query was most of that read (docs/benchmarks.md).
_SESSION = CompiledQuery(_live_session, str, datetime)


class SessionStore(DatabaseSessionStore):
    """Django's database store (same table, same encoding, saving and expiry unchanged); only the read of
    a live session runs from compiled SQL. An expired or unknown key reads as no session, as in Django."""

    def _get_session_from_db(self):
        found = _SESSION.objects(self.session_key, timezone.now())
        if not found:
            self._session_key = None
            return None
        return found[0]
