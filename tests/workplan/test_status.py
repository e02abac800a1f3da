"""Status is computed and said in words (未启动, 按期推进, 滞后, 超期, 已完成) with frozen time; reports are owed by
the cadence's due day and a missing one is flagged; reply deadlines across 国庆 count working days only."""
from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from luoshi.workplan import selectors, services
from luoshi.workplan.models import NoticeState
from luoshi.workplan.status import Facts, WorkStatus, missing_report, report_period, task_status
from tests.workplan.conftest import pdf

START, DEADLINE = date(2025, 1, 1), date(2025, 12, 31)


def facts(**kw):
    return Facts(**{"closed": False, "closed_on": None, "start": START, "deadline": DEADLINE, **kw})


def test_nothing_reported_is_not_started():
    s = task_status(facts(), date(2025, 3, 10))
    assert (s.status, s.label, s.reason) == (WorkStatus.NOT_STARTED, "未启动", "尚未报送进展")


def test_progress_level_with_time_is_on_schedule():
    s = task_status(facts(reports=2, latest_percent=Decimal(50)), date(2025, 7, 1))
    assert s.label == "按期推进" and s.reason == "完成50%，时间进度49.7%"


def test_progress_far_behind_time_is_behind_with_the_gap_in_points():
    s = task_status(facts(reports=3, latest_percent=Decimal(30)), date(2025, 7, 1))
    assert s.label == "滞后" and s.reason == "完成30%，时间进度49.7%，落后时间进度19.7个百分点"


def test_an_own_measure_is_judged_by_its_value_against_the_target():
    s = task_status(facts(reports=1, latest_value=Decimal(300), measure_value=Decimal(1100), measure_unit="亩"),
                    date(2025, 7, 1))
    assert s.label == "滞后" and s.reason.startswith("完成27.3%")


def test_a_missed_milestone_makes_the_task_behind():
    s = task_status(facts(reports=1, latest_percent=Decimal(90), late_milestone=(date(2025, 3, 31), "实质性开工")),
                    date(2025, 4, 1))
    assert s.label == "滞后" and s.reason == "节点“实质性开工”应于2025-03-31完成，尚未完成"


def test_past_the_deadline_not_closed_is_overdue_even_when_reported_done():
    s = task_status(facts(reports=5, latest_percent=Decimal(100), deadline=date(2025, 3, 31)), date(2025, 4, 2))
    assert s.label == "超期" and s.reason == "已超过完成时限2025-03-31 2天，尚未销号"


def test_only_an_approved_closing_is_done():
    s = task_status(facts(closed=True, closed_on=date(2025, 4, 1), deadline=date(2025, 3, 31)), date(2025, 5, 1))
    assert (s.label, s.reason) == ("已完成", "已于2025-04-01销号")


@given(on=st.dates(date(2025, 1, 1), date(2026, 12, 31)), pct=st.none() | st.integers(0, 100),
       reports=st.integers(0, 5), closed=st.booleans())
def test_status_rules_hold_for_any_day_and_progress(on, pct, reports, closed):
    s = task_status(facts(reports=reports, latest_percent=None if pct is None else Decimal(pct), closed=closed,
                          closed_on=date(2025, 6, 1) if closed else None), on)
    if closed:
        assert s.status == WorkStatus.DONE
    elif on > DEADLINE:
        assert s.status == WorkStatus.OVERDUE
    else:
        assert s.status != WorkStatus.DONE and s.reason


def test_a_monthly_report_is_owed_from_the_fifth_of_the_next_month():
    assert missing_report(date(2025, 4, 5), "monthly", START, date(2025, 2, 28), False) is None
    assert missing_report(date(2025, 4, 6), "monthly", START, date(2025, 2, 28), False) == \
        "截至2025-03-31的月报未报送(应于2025-04-05前)"
    assert missing_report(date(2025, 4, 6), "monthly", START, date(2025, 3, 31), False) is None
    assert missing_report(date(2025, 4, 6), "monthly", START, None, True) is None


def test_a_report_early_in_the_month_covers_the_month_just_ended():
    assert report_period(date(2025, 4, 3), "monthly", set()) == date(2025, 3, 31)
    assert report_period(date(2025, 4, 3), "monthly", {date(2025, 3, 31)}) == date(2025, 4, 30)
    assert report_period(date(2025, 4, 10), "quarterly", set()) == date(2025, 6, 30)
    assert report_period(date(2025, 4, 1), "quarterly", set()) == date(2025, 3, 31)


def test_the_task_turns_behind_when_its_milestone_passes_and_on_schedule_when_reported(wp, clock):
    task = wp.new_task(title="郑新热电厂片区3月底前实质性开工", deadline=date(2025, 12, 31),
                       milestones=((date(2025, 3, 31), "实质性开工"),))
    services.submit_report(wp.world.users.a_unit, task, text="手续办理中", percent="20")
    assert selectors.task_row(task).status.label == "按期推进"
    clock.move_to("2025-04-01 09:00 +0800")
    assert selectors.task_row(task).status.label == "滞后"
    milestone = task.milestones.get()
    services.submit_report(wp.world.users.a_unit, task, text="已实质性开工", percent="30", milestone=milestone)
    assert selectors.task_row(task).status.label == "按期推进"


def test_a_withdrawn_report_no_longer_counts(wp):
    report = services.submit_report(wp.world.users.a_unit, wp.task, text="完成", percent="40")
    services.withdraw_report(wp.world.users.a_unit, report, "填错任务")
    assert selectors.task_row(wp.task).status.label == "未启动"


def test_a_reply_deadline_across_national_day_does_not_run_during_the_holiday(wp, clock):
    clock.move_to("2025-09-30 10:00 +0800")
    notice = services.issue_notice(wp.a_sup, wp.task, kind="urge", text="请报送进度", reply_days=3)
    assert notice.reply_deadline == date(2025, 10, 11)
    clock.move_to("2025-10-08 20:00 +0800")  # eight calendar days later, no working day has passed
    assert services.escalate_overdue_notices() == 0
    clock.move_to("2025-10-11 20:00 +0800")
    assert services.escalate_overdue_notices() == 0
    clock.move_to("2025-10-13 08:00 +0800")
    assert services.escalate_overdue_notices() == 1
    notice.refresh_from_db()
    assert notice.state == NoticeState.ESCALATED


def test_closing_turns_an_overdue_task_done(wp, clock):
    task = wp.new_task(title="3月底前完成", deadline=date(2025, 3, 31))
    clock.move_to("2025-04-02 09:00 +0800")
    assert selectors.task_row(task).status.label == "超期"
    services.transition(wp.world.users.a_unit, task, services.APPLY, text="已完成", files=[pdf()])
    assert selectors.task_row(task).status.label == "超期"  # applying is not closing
    services.transition(wp.a_sup, task, services.APPROVE)
    assert selectors.task_row(task).status.reason == "已于2025-04-02销号"


def test_each_plan_is_judged_by_its_own_districts_margin(wp):
    from luoshi.organisations.models import DistrictSettings
    from luoshi.workplan import services
    from luoshi.workplan.judging import judge
    from luoshi.workplan.models import WorkTask

    services.submit_report(wp.world.users.a_unit, wp.task, text="已收储160亩", percent="15")
    services.submit_report(wp.b_unit_staff, wp.b_task, text="已完成15%", percent="15")

    def statuses():
        return {j.pk: j.status.status for j in judge(WorkTask.objects.filter(pk__in=[wp.task.pk, wp.b_task.pk]))}

    before = statuses()
    assert before[wp.task.pk] == before[wp.b_task.pk] == WorkStatus.ON_TRACK  # within 5 points of the time
    DistrictSettings.objects.create(district=wp.world.a, progress_close_margin_pp=Decimal("0.5"))
    after = statuses()
    assert after[wp.task.pk] == WorkStatus.BEHIND and after[wp.b_task.pk] == WorkStatus.ON_TRACK
