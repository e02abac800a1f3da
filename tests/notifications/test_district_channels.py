"""A district's 企业微信, 钉钉 and SMS channels, against a local HTTP server that records the calls: the
worker posts after the step commits, once per group, signed where the robot asks for it, tried again
when the far side fails (every attempt recorded), and never when the step rolls back."""
import base64
import hashlib
import hmac
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from luoshi.notifications import services
from luoshi.notifications.models import ChannelKind, OutboxEntry
from luoshi.notifications.services import notify
from luoshi.organisations.models import Role
from tests.conftest import make_user
from tests.notifications import recording_server

Status = OutboxEntry.Status
NOW = datetime(2025, 3, 10, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
ROBOT_KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"


@pytest.fixture
def far_side():
    record, server = recording_server.start()
    yield record
    server.shutdown()
    server.server_close()


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def a_admin(world):
    return make_user("a_admin", Role.DISTRICT_ADMIN, world.a)


def set_channel(admin, district, kind, **fields):
    return services.save_channel(admin, district, kind, enabled=True, reason="接入区政府工作群",
                                 expected_version=0, **fields)


def robot(world, a_admin, far_side, kind=ChannelKind.WECOM_ROBOT, **fields):
    path = "/cgi-bin/webhook/send" if kind == ChannelKind.WECOM_ROBOT else "/robot/send"
    query = f"key={ROBOT_KEY}" if kind == ChannelKind.WECOM_ROBOT else "access_token=dd0123456789abcdef"
    return set_channel(a_admin, world.a, kind, url=f"{far_side.url}{path}?{query}", **fields)


def test_a_notification_to_district_staff_is_posted_once_to_its_wecom_robot(world, a_admin, far_side, settings,
                                                                            commit, run_worker):
    settings.LUOSHI = {**settings.LUOSHI, "SITE_URL": "https://luoshi.example.gov.cn"}
    robot(world, a_admin, far_side)
    with commit():
        notify([world.users.a_leader, world.users.a_data], "诉求“二期厂房施工许可”明天到期", "/appeals/7/")
        notify([world.users.b_leader], "中原区的消息")
        assert far_side.calls == []  # nothing leaves before the commit
    run_worker()
    assert len(far_side.calls) == 1
    call = far_side.calls[0]
    assert (call.method, call.path, call.query) == ("POST", "/cgi-bin/webhook/send", {"key": ROBOT_KEY})
    assert call.body == {"msgtype": "text", "text": {
        "content": "【落实】诉求“二期厂房施工许可”明天到期\nhttps://luoshi.example.gov.cn/appeals/7/"}}
    entry = OutboxEntry.objects.get(channel=ChannelKind.WECOM_ROBOT)
    assert entry.status == Status.DELIVERED and entry.attempts == 1 and ROBOT_KEY not in entry.address


def test_a_dingtalk_robot_with_a_secret_signs_each_post(world, a_admin, far_side, commit, run_worker, clock):
    secret = "SEC1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0c1b2a3f4e5d6c7b8a9f0e1d"
    robot(world, a_admin, far_side, kind=ChannelKind.DINGTALK_ROBOT, secret=secret)
    with commit():
        notify([world.users.a_leader], "月报催报：古荥镇尚未填报2月数据")
    run_worker()
    call = far_side.calls[0]
    timestamp = call.query["timestamp"]
    assert int(timestamp) == int(NOW.timestamp() * 1000)
    expected = base64.b64encode(hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(),
                                         hashlib.sha256).digest()).decode()
    assert call.query["sign"] == expected and call.query["access_token"] == "dd0123456789abcdef"
    assert call.body == {"msgtype": "text", "text": {"content": "【落实】月报催报：古荥镇尚未填报2月数据"}}


def test_a_dingtalk_robot_without_a_secret_is_posted_unsigned(world, a_admin, far_side, commit, run_worker):
    robot(world, a_admin, far_side, kind=ChannelKind.DINGTALK_ROBOT)
    with commit():
        notify([world.users.a_leader], "测试消息")
    run_worker()
    assert set(far_side.calls[0].query) == {"access_token"}


def test_a_failing_endpoint_is_tried_again_and_every_attempt_recorded(world, a_admin, far_side, commit,
                                                                       run_worker, clock):
    robot(world, a_admin, far_side)
    far_side.answers = [(500, {"error": "busy"}), (200, {"errcode": 45009, "errmsg": "api freq out of limit"}),
                        (200, {"errcode": 0, "errmsg": "ok"})]
    with commit():
        notify([world.users.a_leader], "到期提醒")
    run_worker()
    entry = OutboxEntry.objects.get(channel=ChannelKind.WECOM_ROBOT)
    assert (entry.status, entry.attempts) == (Status.PENDING, 1)
    assert entry.last_error.startswith("DeliveryError: HTTP 500") and ROBOT_KEY not in entry.last_error
    assert entry.next_attempt_at == timezone.now() + timedelta(seconds=60)
    clock.move_to(entry.next_attempt_at)
    run_worker()
    entry.refresh_from_db()
    assert (entry.status, entry.attempts) == (Status.PENDING, 2)
    assert entry.last_error == "DeliveryError: errcode 45009: api freq out of limit"
    clock.move_to(entry.next_attempt_at)
    run_worker()
    entry.refresh_from_db()
    assert (entry.status, entry.attempts, entry.delivered_at) == (Status.DELIVERED, 3, timezone.now())
    assert len(far_side.calls) == 3


def test_an_endpoint_that_cannot_be_reached_is_recorded_without_its_key(world, a_admin, far_side, run_worker,
                                                                          commit):
    set_channel(a_admin, world.a, ChannelKind.WECOM_ROBOT, url=f"http://127.0.0.1:9/cgi-bin/webhook/send?key={ROBOT_KEY}")
    with commit():
        notify([world.users.a_leader], "到期提醒")
    run_worker()
    entry = OutboxEntry.objects.get(channel=ChannelKind.WECOM_ROBOT)
    assert entry.status == Status.PENDING and entry.last_error == "DeliveryError: ConnectionError (127.0.0.1:9)"


def test_nothing_is_sent_when_the_step_rolls_back(world, a_admin, far_side, commit, run_worker):
    from luoshi.appeals import services as appeals
    from luoshi.appeals.models import Appeal, Category

    robot(world, a_admin, far_side)
    with commit(), pytest.raises(RuntimeError), transaction.atomic():
        appeals.file_appeal(world.users.a_enterprise, enterprise=world.a_ent, category=Category.APPROVAL,
                            title="二期厂房施工许可", description="施工许可办理进度慢")
        assert OutboxEntry.objects.filter(channel=ChannelKind.WECOM_ROBOT).exists()
        raise RuntimeError("a later check of the same step failed")
    from luoshi.notifications.tasks import sweep_outbox

    sweep_outbox.enqueue()
    run_worker()
    assert not Appeal.objects.exists() and not OutboxEntry.objects.exists()
    assert far_side.calls == []


def test_a_wecom_application_message_fetches_a_token_once_and_sends_to_each_person(world, a_admin, far_side,
                                                                                   commit, run_worker):
    far_side.by_path["/cgi-bin/gettoken"] = (200, {"errcode": 0, "access_token": "TOKEN-1", "expires_in": 7200})
    set_channel(a_admin, world.a, ChannelKind.WECOM_APP, url=far_side.url, corp_id="ww1234567890abcdef",
                agent_id="1000002", secret="app-secret-0123456789abcdef")
    with commit():
        notify([world.users.a_leader, world.users.a_data, world.users.a_enterprise], "项目月报待审核")
    run_worker()
    tokens = [c for c in far_side.calls if c.path == "/cgi-bin/gettoken"]
    sends = [c for c in far_side.calls if c.path == "/cgi-bin/message/send"]
    assert [c.query for c in tokens] == [{"corpid": "ww1234567890abcdef", "corpsecret": "app-secret-0123456789abcdef"}]
    assert {c.query["access_token"] for c in sends} == {"TOKEN-1"}
    assert sorted(c.body["touser"] for c in sends) == ["a_data", "a_leader"]  # enterprises are not staff
    assert sends[0].body == {"touser": sends[0].body["touser"], "msgtype": "text", "agentid": 1000002,
                             "text": {"content": "【落实】项目月报待审核"}}


def test_an_expired_wecom_token_is_fetched_again(world, a_admin, far_side, commit, run_worker):
    from django.core.cache import cache

    channel = set_channel(a_admin, world.a, ChannelKind.WECOM_APP, url=far_side.url, corp_id="ww1",
                          agent_id="1000002", secret="app-secret-0123456789abcdef")
    cache.set(f"notifications:wecom-token:{channel.pk}:{channel.version}", "OLD", 60)
    far_side.by_path["/cgi-bin/gettoken"] = (200, {"errcode": 0, "access_token": "NEW", "expires_in": 7200})
    far_side.answers = [(200, {"errcode": 42001, "errmsg": "access_token expired"}), (200, {"errcode": 0})]
    with commit():
        notify([world.users.a_leader], "测试消息")
    run_worker()
    sends = [c.query["access_token"] for c in far_side.calls if c.path == "/cgi-bin/message/send"]
    assert sends == ["OLD", "NEW"]
    assert OutboxEntry.objects.get(channel=ChannelKind.WECOM_APP).status == Status.DELIVERED


def test_sms_goes_through_the_http_gateway_to_each_phone(world, a_admin, far_side, commit, run_worker):
    for user, phone in ((world.users.a_enterprise, "138-0371-0001"), (world.users.a_leader, "0371-1234")):
        user.profile.phone = phone  # the leader's is a desk phone: no SMS
        user.profile.save()
    set_channel(a_admin, world.a, ChannelKind.SMS, url=f"{far_side.url}/sms/send", gateway="http",
                secret="gateway-token-0123456789",
                template='{"phone": "$mobile", "sign": "惠济区", "msg": "$text"}')
    with commit():
        notify([world.users.a_enterprise, world.users.a_leader], '您的诉求已办结,请评价"满意度"')
    run_worker()
    assert len(far_side.calls) == 1
    call = far_side.calls[0]
    assert call.path == "/sms/send" and call.headers["Authorization"] == "Bearer gateway-token-0123456789"
    assert call.body == {"phone": "13803710001", "sign": "惠济区", "msg": '【落实】您的诉求已办结,请评价"满意度"'}


def test_a_channel_switched_off_after_queueing_sends_nothing_and_says_why(world, a_admin, far_side, commit,
                                                                           run_worker):
    channel = robot(world, a_admin, far_side)
    with commit():
        notify([world.users.a_leader], "测试消息")
        services.save_channel(a_admin, world.a, ChannelKind.WECOM_ROBOT, enabled=False, reason="群已解散",
                              expected_version=channel.version)
    run_worker()
    assert far_side.calls == []
    assert OutboxEntry.objects.get(channel=ChannelKind.WECOM_ROBOT).last_error == "DeliveryError: 该渠道已停用或已删除"


def test_the_database_holds_the_key_and_secret_only_encrypted_and_the_worker_still_signs(
        world, a_admin, far_side, commit, run_worker, clock):
    from django.db import connection

    secret = "SECfeedc0ffee0123456789abcdef0123456789abcdef0123456789abcdef01"
    channel = robot(world, a_admin, far_side, kind=ChannelKind.DINGTALK_ROBOT, secret=secret)
    with connection.cursor() as cursor:
        cursor.execute("SELECT url, secret FROM notifications_deliverychannel WHERE id = %s", [channel.pk])
        url, stored = cursor.fetchone()
    assert "dd0123456789abcdef" not in url and secret not in stored and "SEC" not in stored
    assert url.startswith("gAAAA") and stored.startswith("gAAAA")  # Fernet tokens
    with commit():
        notify([world.users.a_leader], "测试消息")
    run_worker()
    call = far_side.calls[0]
    expected = base64.b64encode(hmac.new(secret.encode(), f"{call.query['timestamp']}\n{secret}".encode(),
                                         hashlib.sha256).digest()).decode()
    assert call.query["sign"] == expected and call.query["access_token"] == "dd0123456789abcdef"
