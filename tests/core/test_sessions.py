"""Sessions read by compiled SQL, with their user, in one query (luoshi/core/sessions.py) behave as Django's:
a login lasts until it expires or ends, an expired, ended or forged cookie logs nobody in, nor does a
deactivated user's or one whose password changed; the upgrade keeps everyone logged in."""
from datetime import timedelta

import time_machine
from django.conf import settings

from luoshi.core.models import Session


def _me(client):
    return client.get("/api/me")


def test_a_login_lasts_until_logout_and_then_its_cookie_logs_nobody_in(client, world):
    client.force_login(world.users.a_leader)
    assert _me(client).status_code == 200
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.logout()
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    assert _me(client).status_code == 401


def test_an_expired_or_deleted_session_logs_nobody_in(client, world):
    client.force_login(world.users.a_leader)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    expiry = Session.objects.get(session_key=key).expire_date
    with time_machine.travel(expiry - timedelta(minutes=1)):
        assert _me(client).status_code == 200
    with time_machine.travel(expiry + timedelta(minutes=1)):
        assert _me(client).status_code == 401
    client.force_login(world.users.a_leader)
    assert _me(client).status_code == 200
    Session.objects.filter(session_key=client.session.session_key).delete()  # ended elsewhere
    assert _me(client).status_code == 401


def test_each_cookie_reads_its_own_users_session(client, world, django_user_model):
    client.force_login(world.users.a_leader)
    assert _me(client).json()["username"] == world.users.a_leader.username
    client.force_login(world.users.b_data)
    assert _me(client).json()["username"] == world.users.b_data.username
    client.cookies[settings.SESSION_COOKIE_NAME] = "forged" + "x" * 30
    assert _me(client).status_code == 401


def test_a_request_reads_its_session_and_its_user_in_one_query(client, world, django_assert_num_queries):
    from django.contrib.auth import get_user

    from luoshi.core.sessions import SessionStore

    client.force_login(world.users.a_leader)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert Session.objects.get(session_key=key).user == world.users.a_leader

    class Request:
        session = SessionStore(key)

    with django_assert_num_queries(1):
        from luoshi.core.sessions import _user

        user = _user(Request())
        assert (user, user.profile.organisation) == (world.users.a_leader, world.users.a_leader.profile.organisation)
    assert get_user(client).username == world.users.a_leader.username


def test_a_deactivated_user_or_a_changed_password_ends_the_login(client, world):
    user = world.users.a_leader
    client.force_login(user)
    user.is_active = False
    user.save()
    assert _me(client).status_code == 401
    user.is_active = True
    user.save()
    client.force_login(user)
    assert _me(client).status_code == 200
    user.set_password("a-new-password-2026")
    user.save()
    assert _me(client).status_code == 401


def test_the_upgrade_carries_over_every_live_login(world):
    from importlib import import_module

    from django.apps import apps
    from django.contrib.sessions.backends.db import SessionStore as DjangoStore

    old = DjangoStore()
    old.update({"_auth_user_id": str(world.users.a_leader.pk),
                "_auth_user_backend": settings.AUTHENTICATION_BACKENDS[-1]})
    old.create()
    anonymous = DjangoStore()
    anonymous["seen"] = 1
    anonymous.create()
    import_module("luoshi.core.migrations.0006_sessions_with_their_user").carry_over(apps, None)
    assert Session.objects.get(session_key=old.session_key).user == world.users.a_leader
    assert Session.objects.get(session_key=anonymous.session_key).user is None
