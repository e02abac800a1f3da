"""Queries compiled once (luoshi/core/compiled.py) answer every call for its own arguments, whatever
their type, as the ORM's own queryset would."""
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from luoshi.core.compiled import CompiledQuery
from luoshi.organisations.models import Organisation


def _sessions(key, now):
    return Session.objects.filter(session_key=key, expire_date__gt=now).order_by("session_key")


def test_a_compiled_query_reads_each_calls_own_text_and_time(db):
    now = timezone.now()
    for key, hours in (("alpha", 1), ("beta", 3)):
        Session.objects.create(session_key=key, session_data="x", expire_date=now + timedelta(hours=hours))
    query = CompiledQuery(_sessions, str, type(now))
    for key, at in (("alpha", now), ("beta", now), ("alpha", now + timedelta(hours=2)),
                    ("beta", now + timedelta(hours=2)), ("beta", now + timedelta(hours=4)), ("gamma", now)):
        assert [s.session_key for s in query.objects(key, at)] == [s.session_key for s in _sessions(key, at)]
    assert [s.session_key for s in query.objects("beta", now + timedelta(hours=2))] == ["beta"]
    assert query.objects("alpha", now + timedelta(hours=2)) == []
    assert query.rows("beta", now)  # rows answer too


def test_a_query_whose_argument_is_not_one_parameter_is_refused(db):
    with pytest.raises(ValueError):
        CompiledQuery(lambda name: Organisation.objects.filter(name__contains=name), str).rows("区")
    with pytest.raises(ValueError):
        CompiledQuery(lambda parent: Organisation.objects.all(), int).rows(1)
