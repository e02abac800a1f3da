"""Channel secrets at rest (core/crypto.py): rows written before encryption are encrypted by the migration
(and back when it is unapplied), keys rotate, a wrong key fails loudly, a backup keeps only tokens, and the
deployment check asks for LUOSHI_FIELD_KEY."""
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.core import serializers
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from luoshi.core import crypto
from luoshi.notifications.models import ChannelKind, DeliveryChannel

URL = "https://oapi.dingtalk.com/robot/send?access_token=abc0123456789def"
SECRET = "SECb6a7f8e9d0c1b2a3f4e5d6c7b8a9f0e1d"
MIGRATION = import_module("luoshi.notifications.migrations.0005_encrypt_channel_secrets")


def raw(pk) -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT url, secret FROM notifications_deliverychannel WHERE id = %s", [pk])
        return cursor.fetchone()


@pytest.fixture
def channel(world):
    return DeliveryChannel.objects.create(district=world.a, kind=ChannelKind.DINGTALK_ROBOT, enabled=True,
                                          url=URL, secret=SECRET)


def test_rows_stored_in_plain_text_before_are_encrypted_by_the_migration_and_back(channel):
    with connection.cursor() as cursor:  # as 0004 left them
        cursor.execute("UPDATE notifications_deliverychannel SET url = %s, secret = %s", [URL, SECRET])
    editor = SimpleNamespace(connection=connection)
    MIGRATION.encrypt_rows(None, editor)
    url, secret = raw(channel.pk)
    assert URL not in url and SECRET not in secret and crypto.is_token(url) and crypto.is_token(secret)
    MIGRATION.encrypt_rows(None, editor)  # run again: tokens are not encrypted twice
    assert (DeliveryChannel.objects.get().url, DeliveryChannel.objects.get().secret) == (URL, SECRET)
    MIGRATION.decrypt_rows(None, editor)
    assert raw(channel.pk) == (URL, SECRET)


def test_an_empty_secret_stays_empty(world):
    robot = DeliveryChannel.objects.create(district=world.a, kind=ChannelKind.WECOM_ROBOT, url=URL)
    assert raw(robot.pk)[1] == "" and DeliveryChannel.objects.get().secret == ""


def test_equal_secrets_store_differently(world, channel):
    other = DeliveryChannel.objects.create(district=world.b, kind=ChannelKind.DINGTALK_ROBOT, url=URL, secret=SECRET)
    assert raw(channel.pk)[1] != raw(other.pk)[1]


def test_a_rotated_key_still_reads_what_the_old_one_wrote_and_a_wrong_key_fails_loudly(channel, settings):
    settings.LUOSHI_FIELD_KEY = "the new key, 32 random characters,the old key"
    with pytest.raises(ImproperlyConfigured):  # neither key is SECRET_KEY, which wrote the row
        DeliveryChannel.objects.get()
    settings.LUOSHI_FIELD_KEY = f"the new key, 32 random characters,{settings.SECRET_KEY}"
    assert DeliveryChannel.objects.get().secret == SECRET
    DeliveryChannel.objects.get().save()  # written again with the first key
    settings.LUOSHI_FIELD_KEY = "the new key, 32 random characters"
    assert DeliveryChannel.objects.get().secret == SECRET


def test_a_backup_keeps_only_tokens_and_restores_the_secret(channel):
    dumped = serializers.serialize("json", DeliveryChannel.objects.all())
    assert SECRET not in dumped and "abc0123456789def" not in dumped
    restored = next(serializers.deserialize("json", dumped)).object
    assert (restored.url, restored.secret) == (URL, SECRET)


def test_the_deployment_check_warns_without_a_field_key(settings):
    settings.LUOSHI_FIELD_KEY = ""
    assert [w.id for w in crypto.check_field_key(None)] == ["luoshi.W001"]
    settings.LUOSHI_FIELD_KEY = "a key of its own"
    assert crypto.check_field_key(None) == []
