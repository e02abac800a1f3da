"""A reply to a 督办 notice is never silently overwritten nor refused for the wrong reason: the reply form
posts the version it was rendered from, and a reply made from an older version (a colleague replied first,
or the notice escalated meanwhile) is refused with the newer notice shown — on the page and in the API."""
import json

from django.urls import reverse

from luoshi.organisations.models import Role
from luoshi.workplan import services
from luoshi.workplan.models import NoticeState
from tests.conftest import make_user


def task_page(client, wp) -> str:
    return client.get(reverse("workplan:task", args=[wp.task.pk])).content.decode()


def test_the_reply_form_posts_the_version_it_was_rendered_from(client, wp):
    notice = services.issue_notice(wp.a_sup, wp.task, kind="urge", text="请说明进度", reply_days=3)
    client.force_login(wp.world.users.a_unit)
    assert f'<input type="hidden" name="version" value="{notice.version}">' in task_page(client, wp)


def test_a_reply_after_a_colleague_replied_is_refused_showing_the_reply_given_first(client, wp):
    notice = services.issue_notice(wp.a_sup, wp.task, kind="urge", text="请说明进度", reply_days=3)
    colleague = make_user("a_unit_2", Role.UNIT_STAFF, wp.world.a_unit)
    services.reply_notice(colleague, notice, text="已召开专题会,4月底前完成", expected_version=notice.version)
    client.force_login(wp.world.users.a_unit)
    response = client.post(reverse("workplan:reply", args=[notice.pk]), {"text": "我的回复", "version": notice.version})
    page = response.content.decode()
    assert response.status_code == 409
    assert "该记录已被他人修改（当前版本2）" in page and "已于2025-03-10回复：“已召开专题会,4月底前完成”" in page
    notice.refresh_from_db()
    assert (notice.reply, notice.replied_by, notice.version) == ("已召开专题会,4月底前完成", colleague, 2)
    api = client.post(f"/api/workplan/notices/{notice.pk}/replies", json.dumps(
        {"text": "我的回复", "expected_version": 1}), content_type="application/json")
    assert api.status_code == 409 and api.json()["current"]["reply"] == "已召开专题会,4月底前完成"


def test_a_reply_to_a_notice_that_escalated_meanwhile_is_refused_then_saved_from_the_newer_version(client, wp, clock):
    notice = services.issue_notice(wp.a_sup, wp.task, kind="urge", text="请说明进度", reply_days=3)
    client.force_login(wp.world.users.a_unit)
    rendered = notice.version
    clock.move_to("2025-03-14 09:00 +0800")
    assert services.escalate_overdue_notices() == 1
    response = client.post(reverse("workplan:reply", args=[notice.pk]), {"text": "迟复", "version": rendered})
    assert response.status_code == 409 and "逾期未复,已报牵头领导" in response.content.decode()
    notice.refresh_from_db()
    assert notice.state == NoticeState.ESCALATED and notice.reply == ""
    again = client.post(reverse("workplan:reply", args=[notice.pk]), {"text": "迟复", "version": notice.version})
    assert again.status_code == 302
    notice.refresh_from_db()
    assert (notice.state, notice.reply) == (NoticeState.ANSWERED, "迟复")
