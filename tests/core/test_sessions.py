"""Sessions read by compiled SQL (luoshi/core/sessions.py) behave as Django's: a login lasts until it
expires or ends, and an expired, ended or forged cookie logs nobody in."""
from datetime import timedelta

import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session


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
