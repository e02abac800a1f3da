"""The district administrator's 发送渠道 page: only the district's own admin (and the city admin) read or
change it, also by guessed ids; a webhook key or secret is never shown back in full, nor kept in the
history, nor in the API; every change says who, when, what from what to what and why; stale edits lose."""
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from luoshi.core.records import ConflictError
from luoshi.notifications import services
from luoshi.notifications.models import ChannelKind, DeliveryChannel
from luoshi.organisations.models import Role
from tests.conftest import make_user

KEY = "693a91f6-7aaa-4bc4-97a0-0ec2sifa5bcd"
URL = f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={KEY}"
SECRET = "SECb6a7f8e9d0c1b2a3f4e5d6c7b8a9f0e1d"


@pytest.fixture
def admins(world):
    return make_user("a_admin", Role.DISTRICT_ADMIN, world.a), make_user("b_admin", Role.DISTRICT_ADMIN, world.b)


def page(world):
    return reverse("notifications:channels", args=[world.a.pk])


def post_robot(client, world, **fields):
    data = {"wecom_robot-enabled": "on", "wecom_robot-url": URL, "wecom_robot-reason": "接入区政府工作群",
            "wecom_robot-version": "0", **fields}
    return client.post(page(world), data)


def test_the_district_admin_sets_a_robot_and_sees_its_key_only_masked(world, admins, client):
    client.force_login(admins[0])
    assert post_robot(client, world).status_code == 302
    channel = DeliveryChannel.objects.get(district=world.a, kind=ChannelKind.WECOM_ROBOT)
    assert channel.enabled and channel.url == URL
    html = client.get(page(world)).content.decode()
    assert KEY not in html and "key=••••5bcd" in html and "已启用" in html
    assert "接入区政府工作群" in html and "a_admin" in html  # the history: who and why


def test_a_secret_is_kept_when_left_empty_and_never_shown_or_kept_in_the_history(world, admins, client):
    client.force_login(admins[0])
    data = {"dingtalk_robot-enabled": "on", "dingtalk_robot-url": "https://oapi.dingtalk.com/robot/send?access_token=abc0123456789def",
            "dingtalk_robot-secret": SECRET, "dingtalk_robot-reason": "启用加签", "dingtalk_robot-version": "0"}
    assert client.post(page(world), data).status_code == 302
    changed = {**data, "dingtalk_robot-secret": "", "dingtalk_robot-enabled": "", "dingtalk_robot-url": "",
               "dingtalk_robot-reason": "暂停使用", "dingtalk_robot-version": "1"}
    assert client.post(page(world), changed).status_code == 302
    channel = DeliveryChannel.objects.get(kind=ChannelKind.DINGTALK_ROBOT)
    assert channel.secret == SECRET and not channel.enabled and channel.url.endswith("abc0123456789def")
    html = client.get(page(world)).content.decode()
    assert SECRET not in html and "••••0e1d" in html
    assert "启用" in html and "暂停使用" in html and "<del>是</del> → <ins>否</ins>" in html
    kept = [vars(h) for h in DeliveryChannel.history.all()]
    assert kept and not any(SECRET in str(v) or "abc0123456789def" in str(v) for row in kept for v in row.values())


def test_another_district_admin_cannot_read_or_change_it_even_by_a_guessed_id(world, admins, client):
    services.save_channel(admins[0], world.a, ChannelKind.WECOM_ROBOT, enabled=True, url=URL, reason="接入",
                          expected_version=0)
    client.force_login(admins[1])
    assert client.get(page(world)).status_code == 404
    assert post_robot(client, world, **{"wecom_robot-url": "https://evil.example/hook"}).status_code == 404
    with pytest.raises(PermissionDenied):
        services.save_channel(admins[1], world.a, ChannelKind.WECOM_ROBOT, enabled=False, reason="x",
                              expected_version=1)
    assert DeliveryChannel.objects.get().url == URL
    assert not DeliveryChannel.objects.for_user(admins[1]).exists()


@pytest.mark.parametrize("who", ["a_leader", "a_data", "a_unit", "a_discipline", "a_enterprise"])
def test_other_people_of_the_district_are_refused(world, admins, client, who):
    client.force_login(getattr(world.users, who))
    assert client.get(page(world)).status_code in (403, 404)
    assert not DeliveryChannel.objects.for_user(getattr(world.users, who)).exists()


def test_the_city_admin_may_keep_every_district_channel(world, admins, client):
    client.force_login(world.users.city_admin)
    assert post_robot(client, world).status_code == 302
    assert DeliveryChannel.objects.get().history.get().history_user == world.users.city_admin


def test_a_stale_edit_is_refused_and_nothing_overwritten(world, admins):
    services.save_channel(admins[0], world.a, ChannelKind.WECOM_ROBOT, enabled=True, url=URL, reason="接入",
                          expected_version=0)
    services.save_channel(admins[0], world.a, ChannelKind.WECOM_ROBOT, enabled=False, reason="暂停",
                          expected_version=1)
    with pytest.raises(ConflictError):
        services.save_channel(admins[0], world.a, ChannelKind.WECOM_ROBOT, enabled=True, url="https://x.example/h",
                              reason="恢复", expected_version=1)
    assert DeliveryChannel.objects.get().url == URL


def test_an_enabled_channel_needs_what_it_sends_with(world, admins, client):
    client.force_login(admins[0])
    response = client.post(page(world), {"wecom_app-enabled": "on", "wecom_app-agent_id": "abc",
                                         "wecom_app-reason": "接入", "wecom_app-version": "0"})
    html = response.content.decode()
    assert response.status_code == 200 and "启用前须填写企业ID" in html and "AgentId须为数字" in html
    response = client.post(page(world), {"sms-enabled": "on", "sms-gateway": "http", "sms-url": "https://sms.example/send",
                                         "sms-template": '{"to": "$phone"}', "sms-reason": "接入", "sms-version": "0"})
    assert "模板只能使用$mobile和$text" in response.content.decode()
    assert not DeliveryChannel.objects.exists()


def test_the_api_says_nothing_of_channels_or_their_secrets(world, admins, client):
    services.save_channel(admins[0], world.a, ChannelKind.DINGTALK_ROBOT, enabled=True, url=URL, secret=SECRET,
                          reason="接入", expected_version=0)
    client.force_login(admins[0])
    schema = client.get("/api/openapi.json").content.decode()
    assert "DeliveryChannel" not in schema and SECRET not in schema and "corpsecret" not in schema
