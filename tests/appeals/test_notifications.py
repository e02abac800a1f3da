"""Notifications: each step tells who must act next, in the app and by e-mail; a user reads only their own."""
from django.core import mail

from luoshi.appeals.models import State
from luoshi.notifications import selectors
from luoshi.notifications.models import Notification
from luoshi.notifications.services import mark_read, notify


def test_assignment_notifies_the_unit_and_the_enterprise(world, appeal_in):
    appeal = appeal_in(State.ASSIGNED)
    assert [n.text for n in selectors.inbox(world.users.a_unit)] == [
        f"新交办诉求“{appeal.title}”，请于2025-03-19前办结"]
    assert selectors.inbox(world.users.a_enterprise)[0].text == f"您的诉求“{appeal.title}”已交古荥镇办理"


def test_solving_asks_the_enterprise_to_rate(world, appeal_in):
    appeal_in(State.SOLVED)
    assert selectors.inbox(world.users.a_enterprise)[0].text.endswith("已办理答复，请评价")


def test_a_user_reads_only_their_own_notifications_and_marks_them_read(world, appeal_in):
    appeal_in(State.ASSIGNED)
    assert Notification.objects.for_user(world.users.b_data).count() == 0
    assert selectors.unread_count(world.users.a_unit) == 1
    assert mark_read(world.users.b_data) == 0
    assert mark_read(world.users.a_unit) == 1 and selectors.unread_count(world.users.a_unit) == 0


def test_a_message_goes_once_per_user_and_by_mail_when_there_is_an_address(world, commit, run_worker):
    world.users.a_leader.email = "leader@example.gov.cn"
    world.users.a_leader.save()
    with commit():
        notify([world.users.a_leader, world.users.a_leader, world.users.a_data, None], "测试消息", "/x/")
    run_worker()
    assert Notification.objects.count() == 2
    assert [m.to for m in mail.outbox] == [["leader@example.gov.cn"]] and "/x/" in mail.outbox[0].body


def test_a_failing_mail_server_does_not_undo_the_step(world, appeal_in, settings, commit, run_worker):
    settings.EMAIL_BACKEND = "tests.appeals.test_notifications.BrokenBackend"
    world.users.a_unit.email = "unit@example.gov.cn"
    world.users.a_unit.save()
    with commit():
        appeal = appeal_in(State.ASSIGNED)
    run_worker()
    assert appeal.state == State.ASSIGNED
    assert not Notification.objects.get(user=world.users.a_unit).emailed


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("smtp down")
