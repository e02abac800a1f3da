"""The pages as their users use them: the plan with its filters and counts, 我牵头的, the task page's forms,
the 督办台账 by urgency, refusals in words, and other districts' records unreachable by guessed ids."""
import io
from datetime import date

from django.urls import reverse
from openpyxl import load_workbook

from luoshi.workplan import services
from luoshi.workplan.models import NoticeState, TaskState
from tests.workplan.conftest import pdf


def body(response):
    return response.content.decode()


def test_the_plan_shows_sections_tasks_and_counts_and_filters_by_unit_and_status(client, wp):
    wp.new_task(title="花园口镇牵头的任务", lead_unit=wp.a_unit2, lead_leader=None)
    services.submit_report(wp.world.users.a_unit, wp.task, text="已收储300亩", percent="27")
    client.force_login(wp.world.users.a_leader)
    url = reverse("workplan:plan", args=[wp.plan.pk])
    page = body(client.get(url))
    assert "1 关于重点项目建设" in page and "力争2025年收储土地不低于1100亩" in page and "花园口镇牵头的任务" in page
    only_unit2 = body(client.get(url, {"unit": wp.a_unit2.pk}))
    assert "花园口镇牵头的任务" in only_unit2 and "共2项任务" in only_unit2  # 花园口镇 also cooperates on the first
    not_started = body(client.get(url, {"status": "not_started"}))
    assert "花园口镇牵头的任务" in not_started and "收储土地不低于1100亩" not in not_started
    assert client.get(url, {"unit": "abc", "status": "nonsense"}).status_code == 200


def test_a_unit_sees_only_the_tasks_it_leads_or_cooperates_on(client, wp):
    other = wp.new_task(title="别的单位的任务", lead_unit=wp.a_unit2, cooperating_units=())
    client.force_login(wp.world.users.a_unit)
    page = body(client.get(reverse("workplan:plan", args=[wp.plan.pk])))
    assert "收储土地" in page and "别的单位的任务" not in page
    assert client.get(reverse("workplan:task", args=[other.pk])).status_code == 404
    mine = body(client.get(reverse("workplan:mine")))
    assert "收储土地" in mine and "古荥镇承担的重点工作" in mine


def test_a_leader_sees_the_tasks_he_leads(client, wp):
    wp.new_task(title="没有牵头领导的任务", lead_leader=None)
    client.force_login(wp.world.users.a_leader)
    page = body(client.get(reverse("workplan:mine")))
    assert "我牵头的重点工作" in page and "收储土地" in page and "没有牵头领导的任务" not in page


def test_other_districts_records_are_404_by_guessed_ids(client, wp):
    client.force_login(wp.a_sup)
    notice = services.issue_notice(wp.b_sup, wp.b_task, kind="urge", text="请说明")
    for url in (reverse("workplan:task", args=[wp.b_task.pk]), reverse("workplan:plan", args=[wp.b_plan.pk]),
                reverse("workplan:ledger", args=[wp.world.b.pk]), reverse("workplan:export", args=[wp.b_plan.pk])):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("workplan:notice", args=[wp.b_task.pk]),
                       {"kind": "urge", "text": "x"}).status_code == 404
    assert client.post(reverse("workplan:reply", args=[notice.pk]), {"text": "x", "version": 1}).status_code == 404
    notice.refresh_from_db()
    assert notice.state == NoticeState.OPEN


def test_enterprises_see_nothing_of_the_work_plan(client, wp):
    client.force_login(wp.world.users.a_enterprise)
    response = client.get(reverse("workplan:mine"))
    assert response.status_code == 403 and "重点工作台账仅供区、单位工作人员查看" in body(response)
    assert client.get(reverse("workplan:task", args=[wp.task.pk])).status_code == 404


def test_the_whole_loop_through_the_task_page(client, wp):
    task_url = reverse("workplan:task", args=[wp.task.pk])
    client.force_login(wp.world.users.a_unit)
    r = client.post(reverse("workplan:report", args=[wp.task.pk]),
                    {"text": "完成收储300亩", "percent": "27", "files": [pdf()]})
    assert r.status_code == 302
    client.force_login(wp.a_sup)
    r = client.post(reverse("workplan:notice", args=[wp.task.pk]), {"kind": "urge", "text": "进度偏慢,请说明"})
    assert r.status_code == 302 and "催办单" in body(client.get(task_url))
    notice = wp.task.notices.get()
    client.force_login(wp.world.users.a_unit)
    client.post(reverse("workplan:reply", args=[notice.pk]), {"text": "已制定追赶计划", "version": notice.version})
    client.post(reverse("workplan:move", args=[wp.task.pk]), {"action": "apply", "text": "已完成收储1120亩",
                                                              "version": wp.task.version, "files": [pdf("验收.pdf")]})
    client.force_login(wp.a_sup)
    wp.task.refresh_from_db()
    r = client.post(reverse("workplan:move", args=[wp.task.pk]), {"action": "approve", "version": wp.task.version})
    assert r.status_code == 302
    page = body(client.get(task_url))
    assert "已完成" in page and "已于2025-03-10销号" in page and "已制定追赶计划" in page
    assert [s.action for s in wp.task.steps.order_by("id")] == ["create", "report", "issue", "reply", "apply",
                                                                 "approve"]


def test_a_refused_move_shows_every_reason_on_the_page_and_changes_nothing(client, wp):
    client.force_login(wp.a_unit2_staff)
    r = client.post(reverse("workplan:move", args=[wp.task.pk]), {"action": "apply", "text": "",
                                                                  "version": wp.task.version})
    assert r.status_code == 400
    page = body(r)
    assert "“申请销号”须填写说明" in page and "销号由牵头单位“古荥镇”申请" in page and "申请销号须附佐证材料" in page
    wp.task.refresh_from_db()
    assert wp.task.state == TaskState.OPEN


def test_the_ledger_puts_overdue_first_then_behind(client, wp, clock):
    late = wp.new_task(title="超期任务", deadline=date(2025, 3, 31))
    behind = wp.new_task(title="滞后任务", milestones=((date(2025, 3, 20), "节点"),))
    clock.move_to("2025-04-10 10:00 +0800")
    services.submit_report(wp.world.users.a_unit, wp.task, text="进展", percent="30")
    client.force_login(wp.a_sup)
    page = body(client.get(reverse("workplan:ledger", args=[wp.world.a.pk])))
    assert page.index("超期任务") < page.index("滞后任务") < page.index("收储土地")
    assert late.pk != behind.pk
    only = body(client.get(reverse("workplan:ledger", args=[wp.world.a.pk]), {"status": "overdue"}))
    assert "超期任务" in only and "滞后任务" not in only


def test_the_export_is_in_the_supervision_office_layout(client, wp):
    services.submit_report(wp.world.users.a_unit, wp.task, text="=已收储300亩", percent="27")
    client.force_login(wp.world.users.a_leader)
    r = client.get(reverse("workplan:export", args=[wp.plan.pk]))
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "惠济区2025年十项工作推进情况台账" and rows[1][0] == "截至2025-03-10"
    assert rows[2] == ("序号", "工作任务", "牵头领导", "牵头单位", "配合单位", "完成时限", "进展情况", "状态")
    assert rows[3][:2] == ("一", "关于重点项目建设")
    assert rows[4][:7] == (1, "力争2025年收储土地不低于1100亩", "a_leader", "古荥镇", "花园口镇", "2025-12-31",
                           "=已收储300亩")
    assert ws.cell(5, 7).data_type == "s" and rows[4][7].startswith("按期推进")


def test_a_move_posted_without_the_version_it_read_is_refused_naming_the_field_and_changes_nothing(client, wp):
    client.force_login(wp.world.users.a_unit)
    before = (wp.task.state, wp.task.version, wp.task.steps.count())
    r = client.post(reverse("workplan:move", args=[wp.task.pk]), {"action": "apply", "text": "已完成收储1120亩",
                                                                  "files": [pdf("验收.pdf")]})
    assert r.status_code == 409 and "缺少所读到的版本（version），未作任何修改" in body(r)
    wp.task.refresh_from_db()
    assert (wp.task.state, wp.task.version, wp.task.steps.count()) == before


def test_task_rows_show_markup_in_titles_as_text_with_their_aim_status_and_notices_in_both_languages(client, wp):
    """The rows of the plan, the 督办台账 and 我牵头的 (written by one template tag): a title typed with markup
    is shown as the text typed, never run; the quantified aim, the status with its reason and the 督办
    awaiting reply are said in the reader's language."""
    typed = '<script>alert("x")</script>新增学位&教学班'
    task = wp.new_task(title=typed, measure_kind="own", measure_wording="新增学位7000个<b>")
    services.issue_notice(wp.a_sup, task, kind="urge", text="请说明")
    client.force_login(wp.world.users.a_leader)
    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;新增学位&amp;教学班"
    for url in (reverse("workplan:plan", args=[wp.plan.pk]), reverse("workplan:ledger", args=[wp.world.a.pk]),
                reverse("workplan:mine")):
        page = body(client.get(url))
        assert typed not in page and escaped in page, url
        row = page[page.index(f'data-task="{task.pk}"'):]
        row = row[:row.index("</tr>")]
        assert f'href="{reverse("workplan:task", args=[task.pk])}"' in row
        assert "目标：新增学位7000个&lt;b&gt;" in row and "1份督办待回复" in row and "未启动" in row, url
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = body(client.get(reverse("workplan:ledger", args=[wp.world.a.pk])))
    row = page[page.index(f'data-task="{task.pk}"'):]
    row = row[:row.index("</tr>")]
    assert "Target: 新增学位7000个&lt;b&gt;" in row and "1 supervision notice awaiting reply" in row
    assert "Not started" in row and "Dec. 31, 2025" in row
