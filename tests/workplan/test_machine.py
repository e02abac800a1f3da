"""销号 and 督办 as explicit machines: every move by the one who may make it, every refusal with all its reasons,
every move recorded; notices with reply deadlines in working days that escalate to the 牵头领导 unanswered."""
from datetime import date

import pytest
from django.core.management import call_command

from luoshi.core.records import ConflictError
from luoshi.core.workflow import Refused
from luoshi.notifications.models import Notification
from luoshi.workplan import services
from luoshi.workplan.models import NoticeState, TaskState
from tests.workplan.conftest import pdf


def texts(user):
    return list(Notification.objects.filter(user=user).values_list("text", flat=True))


def test_the_lead_unit_applies_with_evidence_and_the_supervision_office_approves(wp):
    unit, sup = wp.world.users.a_unit, wp.a_sup
    task = services.transition(unit, wp.task, services.APPLY, text="已完成收储1120亩", files=[pdf()])
    assert task.state == TaskState.APPLIED and task.evidence.count() == 1
    assert any("申请销号" in t for t in texts(sup))
    task = services.transition(sup, task, services.APPROVE)
    assert task.state == TaskState.CLOSED and task.closed_on == date(2025, 3, 10)
    assert [(s.action, s.from_state, s.to_state) for s in task.steps.order_by("id")][-2:] == [
        (services.APPLY, TaskState.OPEN, TaskState.APPLIED), (services.APPROVE, TaskState.APPLIED, TaskState.CLOSED)]
    assert any("已批准销号" in t for t in texts(unit))


def test_a_returned_application_goes_back_to_the_unit_with_the_reason(wp):
    services.transition(wp.world.users.a_unit, wp.task, services.APPLY, text="已完成", files=[pdf()])
    task = services.transition(wp.a_sup, wp.task, services.RETURN, text="缺少不动产登记材料")
    assert task.state == TaskState.OPEN and task.closed_on is None
    assert any("被退回：缺少不动产登记材料" in t for t in texts(wp.world.users.a_unit))


def test_applying_without_evidence_by_a_cooperating_unit_gives_every_reason(wp):
    with pytest.raises(Refused) as refused:
        services.transition(wp.a_unit2_staff, wp.task, services.APPLY, text="")
    assert refused.value.reasons == ["“申请销号”须填写说明", "销号由牵头单位“古荥镇”申请", "申请销号须附佐证材料"]
    assert wp.task.steps.filter(action=services.APPLY).count() == 0


def test_only_the_supervision_office_of_the_district_approves(wp):
    services.transition(wp.world.users.a_unit, wp.task, services.APPLY, text="已完成", files=[pdf()])
    for user in (wp.world.users.a_unit, wp.world.users.a_leader, wp.world.users.a_data, wp.b_sup):
        with pytest.raises(Refused) as refused:
            services.transition(user, wp.task, services.APPROVE)
        assert refused.value.reasons == ["销号由惠济区督查室审核"]
    wp.task.refresh_from_db()
    assert wp.task.state == TaskState.APPLIED


@pytest.mark.parametrize("state,action", [(TaskState.OPEN, services.APPROVE), (TaskState.OPEN, services.RETURN),
                                          (TaskState.CLOSED, services.APPLY), (TaskState.CLOSED, services.RETURN)])
def test_moves_not_in_the_table_are_refused_naming_the_allowed_ones(wp, state, action):
    if state == TaskState.CLOSED:
        services.transition(wp.world.users.a_unit, wp.task, services.APPLY, text="已完成", files=[pdf()])
        services.transition(wp.a_sup, wp.task, services.APPROVE)
    with pytest.raises(Refused) as refused:
        services.transition(wp.a_sup, wp.task, action, text="x")
    assert refused.value.reasons[0].startswith("当前状态为“")


def test_a_stale_approval_is_refused_and_changes_nothing(wp):
    task = services.transition(wp.world.users.a_unit, wp.task, services.APPLY, text="已完成", files=[pdf()])
    with pytest.raises(ConflictError):
        services.transition(wp.a_sup, task, services.APPROVE, expected_version=task.version - 1)
    task.refresh_from_db()
    assert task.state == TaskState.APPLIED


def test_a_task_with_open_subtasks_cannot_be_closed(wp):
    services.create_task(wp.world.users.a_unit, wp.plan, services.TaskInput(
        title="古荥镇片区收储500亩", lead_unit=wp.a_unit2, deadline=date(2025, 10, 31)), parent=wp.task)
    with pytest.raises(Refused) as refused:
        services.transition(wp.world.users.a_unit, wp.task, services.APPLY, text="已完成", files=[pdf()])
    assert "还有1项子任务未销号" in refused.value.reasons


def test_a_subtask_may_not_outlast_its_parent_and_only_the_lead_unit_splits(wp):
    with pytest.raises(Refused) as refused:
        services.create_task(wp.a_unit2_staff, wp.plan, services.TaskInput(
            title="子任务", lead_unit=wp.a_unit2, deadline=date(2026, 1, 31)), parent=wp.task)
    assert refused.value.reasons == ["只有牵头单位“古荥镇”或督查室可以分解该任务"]
    with pytest.raises(Refused) as refused:
        services.create_task(wp.world.users.a_unit, wp.plan, services.TaskInput(
            title="子任务", lead_unit=wp.a_unit2, deadline=date(2026, 1, 31)), parent=wp.task)
    assert refused.value.reasons == ["子任务的完成时限2026年1月31日晚于上级任务“力争2025年收储土地不低于1100亩”的完成时"
                                     "限2025年12月31日"]


# --- 督办 ----------------------------------------------------------------------------------------

def test_an_urge_notice_is_due_in_working_days_and_reaches_the_lead_unit(wp):
    notice = services.issue_notice(wp.a_sup, wp.task, kind="urge", text="进度滞后,请说明原因", reply_days=3)
    assert notice.reply_deadline == date(2025, 3, 13)
    assert any("催办单" in t and "2025-03-13" in t for t in texts(wp.world.users.a_unit))
    assert not texts(wp.world.users.a_leader)


def test_a_notice_issued_before_national_day_is_due_after_it(wp, clock):
    clock.move_to("2025-09-30 10:00 +0800")
    notice = services.issue_notice(wp.a_sup, wp.task, kind="supervise", text="请报送收储进度", reply_days=3)
    assert notice.reply_deadline == date(2025, 10, 11)  # 10-09, 10-10, Saturday 10-11 (调休上班)


def test_a_listed_notice_also_goes_to_the_lead_leader(wp):
    services.issue_notice(wp.a_sup, wp.task, kind="listed", text="挂牌督办")
    assert any("挂牌督办" in t for t in texts(wp.world.users.a_leader))


def test_only_the_supervision_office_issues_notices_and_each_bad_field_is_named(wp):
    with pytest.raises(Refused) as refused:
        services.issue_notice(wp.world.users.a_data, wp.task, kind="urge", text="x")
    assert refused.value.reasons == ["只有惠济区督查室可以维护重点工作台账和督办"]
    with pytest.raises(Refused) as refused:
        services.issue_notice(wp.a_sup, wp.task, kind="telegram", text="", reply_days="abc")
    assert refused.value.reasons[:2] == ["未知的督办方式“telegram”", "请填写督办事项"]
    assert "不是数字" in refused.value.reasons[2]


def test_the_lead_unit_replies_and_the_office_is_told(wp):
    notice = services.issue_notice(wp.a_sup, wp.task, kind="urge", text="请说明")
    with pytest.raises(Refused):
        services.reply_notice(wp.a_unit2_staff, notice, text="配合单位回复")
    notice = services.reply_notice(wp.world.users.a_unit, notice, text="已召开专题会,4月底前完成")
    assert notice.state == NoticeState.ANSWERED and notice.replied_on == date(2025, 3, 10)
    assert any("已回复催办单" in t for t in texts(wp.a_sup))
    with pytest.raises(Refused):
        services.reply_notice(wp.world.users.a_unit, notice, text="再次回复")


def test_an_unanswered_notice_escalates_to_the_lead_leader_once(wp, clock):
    notice = services.issue_notice(wp.a_sup, wp.task, kind="urge", text="请说明", reply_days=3)
    clock.move_to("2025-03-13 18:00 +0800")
    assert services.escalate_overdue_notices() == 0
    clock.move_to("2025-03-14 09:00 +0800")
    call_command("run_workplan_escalation")
    call_command("run_workplan_escalation")
    notice.refresh_from_db()
    assert notice.state == NoticeState.ESCALATED
    assert len([t for t in texts(wp.world.users.a_leader) if "逾期未回复" in t]) == 1
    step = notice.steps.get(action=services.ESCALATE)
    assert step.actor is None and step.task_id == wp.task.pk
    notice = services.reply_notice(wp.world.users.a_unit, notice, text="迟复")
    assert notice.state == NoticeState.ANSWERED


# --- reports -------------------------------------------------------------------------------------

def test_a_repeated_report_is_the_same_report(wp):
    first = services.submit_report(wp.world.users.a_unit, wp.task, text="已收储300亩", percent="27")
    again = services.submit_report(wp.world.users.a_unit, wp.task, text="已收储300亩", percent="27")
    assert first.pk == again.pk and wp.task.reports.count() == 1


def test_a_report_is_refused_from_outside_and_numbers_are_checked_by_their_column(wp):
    with pytest.raises(Refused) as refused:
        services.submit_report(wp.b_unit_staff, wp.task, text="x")
    assert refused.value.reasons == ["只有牵头单位和配合单位可以报送该任务的进展"]
    with pytest.raises(Refused) as refused:
        services.submit_report(wp.world.users.a_unit, wp.task, text="", percent="130")
    assert refused.value.reasons[0] == "请填写进展情况" and "130" in refused.value.reasons[1]
    with pytest.raises(Refused) as refused:
        services.submit_report(wp.a_unit2_staff, wp.task, text="配合完成测绘", percent="50")
    assert refused.value.reasons == ["配合单位报送本单位承担部分的进展情况；完成进度、量化值和节点由牵头单位报送"]
    assert services.submit_report(wp.a_unit2_staff, wp.task, text="配合完成测绘").unit == wp.a_unit2


def test_a_withdrawn_report_stays_with_its_reason(wp):
    report = services.submit_report(wp.world.users.a_unit, wp.task, text="已收储3000亩", percent="90")
    with pytest.raises(Refused):
        services.withdraw_report(wp.world.users.a_unit, report, "")
    services.withdraw_report(wp.world.users.a_unit, report, "多写了一个0")
    report.refresh_from_db()
    assert report.withdrawn_reason == "多写了一个0" and wp.task.reports.count() == 1


def test_evidence_that_is_not_a_document_is_refused(wp):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(Refused) as refused:
        services.submit_report(wp.world.users.a_unit, wp.task, text="进展",
                               files=[SimpleUploadedFile("x.pdf", b"MZ\x90 not a pdf")])
    assert "不是" in refused.value.reasons[0]
    assert wp.task.reports.count() == 0


def test_task_fields_are_checked_together(wp):
    with pytest.raises(Refused) as refused:
        services.create_task(wp.a_sup, wp.plan, services.TaskInput(
            title="", lead_unit=wp.world.b_unit, deadline=None, lead_leader=wp.world.users.b_leader,
            cooperating_units=(wp.world.b_unit,), measure_kind="own", measure_wording="尽快"))
    reasons = refused.value.reasons
    assert "请填写工作任务" in reasons and "牵头单位“须水街道”不是惠济区的单位" in reasons
    assert "牵头领导“b_leader”不是惠济区的区领导" in reasons and "请填写完成时限" in reasons
    assert any(r.startswith("目标表述：") for r in reasons)
