"""Where a task stands (the lead unit's latest valid report, its earliest milestone not done) is kept by
every write, so the plan, the 督办台账 and the task page judge from it; `workplan_latest` proves and rebuilds
it after data changed outside Luoshi."""
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from luoshi.workplan import selectors, services
from luoshi.workplan.judging import latest_drift
from luoshi.workplan.models import Milestone, ProgressReport, TaskLatest, WorkTask


def _row(wp, task):
    return next(r for r in selectors.plan_rows(wp.a_sup, wp.plan) if r.task.pk == task.pk)


def test_withdrawing_the_latest_report_brings_back_the_one_before_on_the_plan(wp, clock):
    services.submit_report(wp.world.users.a_unit, wp.task, text="收储400亩", percent="20")
    clock.move_to("2025-04-10 10:00 +0800")
    wrong = services.submit_report(wp.world.users.a_unit, wp.task, text="收储900亩", percent="80")
    assert (_row(wp, wp.task).latest_text, _row(wp, wp.task).status.label) == ("收储900亩", "按期推进")
    services.withdraw_report(wp.a_sup, wrong, "数字填错")
    row = _row(wp, wp.task)
    assert row.latest_text == "收储400亩" and row.status.reason == "完成20%，时间进度27.2%，落后时间进度7.2个百分点"


def test_a_new_lead_unit_stands_on_its_own_reports_not_the_old_units(wp):
    services.submit_report(wp.world.users.a_unit, wp.task, text="古荥镇已收储300亩", percent="30")
    values = {**services.task_values(wp.task), "lead_unit": wp.a_unit2.pk, "cooperating_units": []}
    services.edit_task(wp.a_sup, wp.task, services.task_input(wp.a_sup, wp.plan, values, wp.task),
                       expected_version=wp.task.version, reason="改由花园口镇牵头")
    row = _row(wp, wp.task)
    assert row.status.label == "未启动" and row.latest_text == ""
    services.submit_report(wp.a_unit2_staff, wp.task, text="花园口镇开始收储", percent="10")
    assert _row(wp, wp.task).latest_text == "花园口镇开始收储"


def test_a_cooperating_units_report_is_not_the_tasks_progress(wp):
    services.submit_report(wp.a_unit2_staff, wp.task, text="配合完成地籍调查")
    assert _row(wp, wp.task).status.label == "未启动"


def test_the_next_milestone_moves_on_when_one_is_reported_done(wp, clock):
    task = wp.new_task(title="两个节点的任务",
                       milestones=((date(2025, 3, 1), "完成规划"), (date(2025, 3, 5), "完成征迁")))
    assert _row(wp, task).status.reason == "节点“完成规划”应于2025-03-01完成，尚未完成"
    first = task.milestones.get(title="完成规划")
    services.submit_report(wp.world.users.a_unit, task, text="规划已批", percent="30", milestone=first)
    assert _row(wp, task).status.reason == "节点“完成征迁”应于2025-03-05完成，尚未完成"


def test_the_check_names_a_task_changed_outside_luoshi_and_the_rebuild_mends_it(wp, capsys):
    services.submit_report(wp.world.users.a_unit, wp.task, text="收储400亩", percent="20")
    Milestone.objects.create(task=wp.task, due=date(2025, 3, 1), title="库外补录的节点")  # not through Luoshi
    with pytest.raises(CommandError, match="1项任务的最新情况与记录不一致"):
        call_command("workplan_latest", "--check")
    assert f"任务{wp.task.pk}" in capsys.readouterr().out
    assert _row(wp, wp.task).status.label == "按期推进"  # judged from what was kept, until rebuilt
    call_command("workplan_latest", verbosity=0)
    call_command("workplan_latest", "--check")
    assert _row(wp, wp.task).status.reason == "节点“库外补录的节点”应于2025-03-01完成，尚未完成"


def test_a_task_whose_standing_was_lost_is_judged_as_without_reports_until_rebuilt(wp):
    services.submit_report(wp.world.users.a_unit, wp.task, text="收储400亩", percent="20")
    TaskLatest.objects.filter(task=wp.task).delete()
    assert _row(wp, wp.task).status.label == "未启动"
    assert [d[0] for d in latest_drift(WorkTask.objects.all())] == [wp.task.pk]
    services.refresh_latest(WorkTask.objects.all())
    assert _row(wp, wp.task).latest_text == "收储400亩"
    assert TaskLatest.objects.get(task=wp.task).report == ProgressReport.objects.get(task=wp.task)


def test_the_demo_keeps_where_every_task_stands(demo):
    assert WorkTask.objects.exists()
    assert latest_drift(WorkTask.objects.all()) == []
