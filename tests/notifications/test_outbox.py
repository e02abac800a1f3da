"""The outbox: a notification is written with the step that caused it and delivered by the worker only
after that step commits; a rolled-back step sends nothing; a slow or failing mail server never touches
the request, and failures are tried again with growing pauses, every attempt recorded."""
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from luoshi.notifications import channels, delivery
from luoshi.notifications.models import Notification, OutboxEntry
from luoshi.notifications.services import notify

Status = OutboxEntry.Status
NOW = "2025-03-10 10:00 +0800"


class RecordingBackend:
    """A mail server that takes its time: it records what it was given (and when)."""

    sent: list = []

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        RecordingBackend.sent.extend(messages)
        return len(messages)


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("smtp down")


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def leader(world):
    world.users.a_leader.email = "leader@example.gov.cn"
    world.users.a_leader.save()
    return world.users.a_leader


@pytest.fixture
def recording(settings):
    settings.EMAIL_BACKEND = "tests.notifications.test_outbox.RecordingBackend"
    RecordingBackend.sent = []
    return RecordingBackend.sent


def file_an_appeal_on_the_page(world, client, commit):
    """The enterprise files an appeal; the district office (with an address) is told."""
    world.users.a_data.email = "office@example.gov.cn"
    world.users.a_data.save()
    client.force_login(world.users.a_enterprise)
    with commit():
        response = client.post(reverse("appeals:new"), {
            "category": "approval", "urgency": "normal", "title": "二期厂房施工许可", "description": "办理慢"})
    assert response.status_code == 302


@pytest.mark.django_db(transaction=True)
def test_the_worker_delivers_a_message_only_after_its_step_commits(world, leader):
    with transaction.atomic():
        notify([leader, leader, world.users.a_data, None], "测试消息", "/x/")
        assert Notification.objects.count() == 2
        assert OutboxEntry.objects.get().status == Status.PENDING
        assert not DBTaskResult.objects.exists()  # nothing is even queued before the commit
    assert DBTaskResult.objects.count() == 1 and mail.outbox == []
    call_command("worker", "--batch", "--no-beat", verbosity=0)
    assert [m.to for m in mail.outbox] == [["leader@example.gov.cn"]] and "/x/" in mail.outbox[0].body
    entry = OutboxEntry.objects.get()
    assert entry.status == Status.DELIVERED and entry.attempts == 1 and entry.delivered_at
    assert Notification.objects.get(user=leader).emailed


@pytest.mark.django_db(transaction=True)
def test_a_step_that_rolls_back_sends_nothing(world, leader):
    from luoshi.appeals import services as appeals
    from luoshi.appeals.models import Appeal, Category

    world.users.a_data.email = "office@example.gov.cn"
    world.users.a_data.save()
    with pytest.raises(RuntimeError), transaction.atomic():
        appeals.file_appeal(world.users.a_enterprise, enterprise=world.a_ent, category=Category.APPROVAL,
                            title="二期厂房施工许可", description="施工许可办理进度慢")
        assert OutboxEntry.objects.filter(address="office@example.gov.cn").exists()
        raise RuntimeError("a later check of the same step failed")
    call_command("worker", "--batch", "--no-beat", verbosity=0)
    assert not Appeal.objects.exists() and not Notification.objects.exists()
    assert not OutboxEntry.objects.exists() and mail.outbox == []


def test_a_slow_mail_server_is_not_waited_for_by_the_request(world, client, recording, run_worker, commit):
    file_an_appeal_on_the_page(world, client, commit)
    assert recording == []  # the request returned without talking to the mail server
    entry = OutboxEntry.objects.get(address="office@example.gov.cn")
    assert entry.status == Status.PENDING and entry.attempts == 0
    assert run_worker() == 1
    assert [m.to for m in recording] == [["office@example.gov.cn"]]
    assert OutboxEntry.objects.get(pk=entry.pk).status == Status.DELIVERED


def test_a_failing_mail_server_leaves_the_step_done_and_the_failure_in_the_outbox(
        world, client, settings, run_worker, commit, clock):
    settings.EMAIL_BACKEND = "tests.notifications.test_outbox.BrokenBackend"
    file_an_appeal_on_the_page(world, client, commit)
    run_worker()
    entry = OutboxEntry.objects.get()
    assert entry.status == Status.PENDING and entry.attempts == 1
    assert entry.last_error == "ConnectionRefusedError: smtp down"
    assert entry.next_attempt_at == timezone.now() + timedelta(seconds=60)
    assert not Notification.objects.get().emailed
    # the retry is queued for its time, and waits for it
    assert DBTaskResult.objects.filter(status="READY").get().run_after == entry.next_attempt_at
    assert run_worker() == 0


def test_failures_are_retried_with_growing_pauses_until_the_server_answers(world, leader, settings, run_worker,
                                                                           commit, clock, recording):
    settings.EMAIL_BACKEND = "tests.notifications.test_outbox.BrokenBackend"
    with commit():
        notify([leader], "到期提醒", "/a/")
    pauses = []
    for _ in range(3):
        run_worker()
        entry = OutboxEntry.objects.get()
        pauses.append((entry.next_attempt_at - timezone.now()).total_seconds())
        clock.move_to(entry.next_attempt_at)
    assert pauses == [60, 120, 240] and entry.attempts == 3
    settings.EMAIL_BACKEND = "tests.notifications.test_outbox.RecordingBackend"
    run_worker()
    entry = OutboxEntry.objects.get()
    assert entry.status == Status.DELIVERED and entry.attempts == 4 and entry.delivered_at == timezone.now()
    assert entry.last_error == "ConnectionRefusedError: smtp down"  # the history of the trouble stays
    assert [m.to for m in recording] == [["leader@example.gov.cn"]]


def test_after_the_last_attempt_the_entry_is_marked_failed_and_no_longer_tried(world, leader, settings,
                                                                              run_worker, commit, clock):
    settings.EMAIL_BACKEND = "tests.notifications.test_outbox.BrokenBackend"
    settings.LUOSHI = {**settings.LUOSHI, "DELIVERY_MAX_ATTEMPTS": 2}
    with commit():
        notify([leader], "到期提醒")
    run_worker()
    clock.move_to(OutboxEntry.objects.get().next_attempt_at)
    run_worker()
    entry = OutboxEntry.objects.get()
    assert (entry.status, entry.attempts, entry.next_attempt_at) == (Status.FAILED, 2, None)
    clock.shift(timedelta(days=1))
    assert run_worker() == 0 and delivery.due_ids() == []


def test_an_entry_is_sent_once_however_many_workers_reach_for_it(world, leader, recording):
    notify([leader], "测试消息")
    entry = OutboxEntry.objects.get()
    assert delivery.deliver(entry.pk).status == Status.DELIVERED
    assert delivery.deliver(entry.pk) is None
    assert len(recording) == 1


def test_the_sweep_delivers_what_was_never_queued(world, leader, recording, run_worker):
    notify([leader], "测试消息")  # the commit never came to queue it (think: the queue was down)
    assert not DBTaskResult.objects.exists()
    from luoshi.notifications.tasks import sweep_outbox

    sweep_outbox.enqueue()
    run_worker()
    assert len(recording) == 1 and OutboxEntry.objects.get().status == Status.DELIVERED


def test_a_worker_that_died_mid_send_gives_its_entry_back_later(world, leader, recording, clock):
    notify([leader], "测试消息")
    entry = OutboxEntry.objects.get()
    OutboxEntry.objects.filter(pk=entry.pk).update(status=Status.SENDING, last_attempt_at=timezone.now())
    assert delivery.due_ids() == []
    clock.shift(delivery.STALE_CLAIM + timedelta(seconds=1))
    assert delivery.due_ids() == [entry.pk]


def test_a_channel_another_app_registers_gets_its_own_entries(world, leader, run_worker, commit, recording):
    sent = []
    phone = channels.Channel("sms", "短信", lambda user: "13800000000" if user == leader else "",
                             lambda notification, address: sent.append((address, notification.text)))
    channels.register(phone)
    try:
        with commit():
            notify([leader, world.users.a_data], "测试消息")
        run_worker()
    finally:
        channels._channels.pop("sms")
    assert sent == [("13800000000", "测试消息")]
    assert sorted(OutboxEntry.objects.values_list("channel", "status")) == [
        ("email", Status.DELIVERED), ("sms", Status.DELIVERED)]


def test_the_admin_shows_the_outbox_with_attempts_and_errors(world, leader, client, settings, run_worker, commit):
    from tests.conftest import make_user

    settings.EMAIL_BACKEND = "tests.notifications.test_outbox.BrokenBackend"
    with commit():
        notify([leader], "到期提醒:诉求将到期")
    run_worker()
    root = make_user("root", None, superuser=True)
    client.force_login(root)
    page = client.get(reverse("admin:notifications_outboxentry_changelist")).content.decode()
    assert "leader@example.gov.cn" in page and "smtp down" in page and "待发送" in page
    entry = OutboxEntry.objects.get()
    detail = client.get(reverse("admin:notifications_outboxentry_change", args=[entry.pk]))
    assert detail.status_code == 200 and "smtp down" in detail.content.decode()
