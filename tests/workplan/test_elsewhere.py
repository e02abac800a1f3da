"""The work plan elsewhere: the one screen's panel (counts clicking through), the briefing's 重点工作推进情况
paragraph computed from the data, and responsibility letters scoring a linked task from its status."""
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from luoshi.accountability import services as letters
from luoshi.accountability.selectors import item_score
from luoshi.core.periods import Period
from luoshi.dashboard.briefing import compose
from luoshi.workplan import services
from luoshi.workplan.panels import dashboard_panel
from tests.workplan.conftest import pdf


def test_the_panel_counts_tasks_by_status_and_each_count_opens_the_ledger(wp, clock):
    late = wp.new_task(title="3月底前完成的任务", deadline=date(2025, 3, 31))
    clock.move_to("2025-04-02 10:00 +0800")
    panel = dashboard_panel(wp.world.a, wp.world.users.a_leader)
    figures = {f.label: (f.value, f.url) for f in panel.figures}
    assert figures["任务"][0] == "2" and figures["超期"][0] == "1" and figures["已完成"][0] == "0"
    assert figures["超期"][1] == reverse("workplan:ledger", args=[wp.world.a.pk]) + "?status=overdue"
    assert [i.label for i in panel.items] == ["3月底前完成的任务"]
    services.transition(wp.world.users.a_unit, late, services.APPLY, text="已完成", files=[pdf()])
    services.transition(wp.a_sup, late, services.APPROVE)
    figures = {f.label: f.value for f in dashboard_panel(wp.world.a, wp.world.users.a_leader).figures}
    assert (figures["超期"], figures["已完成"]) == ("0", "1")


def test_the_panel_shows_only_what_the_user_may_see(wp):
    assert dashboard_panel(wp.world.b, wp.world.users.a_leader) is None
    assert dashboard_panel(wp.world.city, wp.world.users.city_admin) is None


def test_the_briefing_paragraph_counts_each_status(wp, clock):
    wp.new_task(title="郑新热电厂片区3月底前实质性开工", deadline=date(2025, 3, 31), lead_unit=wp.a_unit2)
    clock.move_to("2025-04-02 10:00 +0800")
    section = next(s for s in compose(wp.world.a, Period(2025, 3)).sections if s.heading == "重点工作")
    assert section.heading == "重点工作"
    assert section.paragraphs[0] == ("2025年重点工作共2项，超期1项，未启动1项；"
                                     "超期的有“郑新热电厂片区3月底前实质性开工”（花园口镇牵头）。")


def test_a_letters_task_item_is_scored_from_the_linked_tasks_status(wp, clock):
    data = wp.world.users.a_data
    letter = letters.create_letter(data, unit=wp.world.a_unit, year=2025)
    item = letters.add_item(data, letter, title="土地收储", kind="task", weight=10, work_task=wp.task)
    services.submit_report(wp.world.users.a_unit, wp.task, text="已收储550亩", percent="50")
    score = item_score(item, date(2025, 6, 30))
    assert score.points == Decimal("5.00") and "重点工作“力争2025年收储土地不低于1100亩”" in score.explanation
    services.transition(wp.world.users.a_unit, wp.task, services.APPLY, text="已完成", files=[pdf()])
    services.transition(wp.a_sup, wp.task, services.APPROVE)
    assert item_score(item, date(2025, 12, 31)).points == Decimal("10.00")


def test_a_letter_may_not_link_another_districts_task(wp):
    import pytest

    from luoshi.core.workflow import Refused

    letter = letters.create_letter(wp.world.users.a_data, unit=wp.world.a_unit, year=2025)
    with pytest.raises(Refused) as refused:
        letters.add_item(wp.world.users.a_data, letter, title="x", kind="task", weight=5, work_task=wp.b_task)
    assert "不属于惠济区" in refused.value.reasons[0]


def test_the_demo_has_zhongyuans_ten_sections_a_lagging_an_overdue_and_a_closed_task(db, clock):
    from luoshi.organisations.models import Organisation
    from luoshi.workplan.models import NoticeState, WorkPlan
    from luoshi.workplan.selectors import plan_rows

    clock.move_to("2025-11-24 10:00 +0800")
    call_command("load_demo", verbosity=0)
    call_command("load_workplan_demo", verbosity=0)  # again: nothing doubles
    zhongyuan = Organisation.objects.get(short_name="中原区", parent__isnull=False)
    plan = WorkPlan.objects.get(organisation=zhongyuan, year=2025)
    assert plan.sections.count() == 10 and plan.tasks.count() >= 20
    office = get_user_model().objects.get(username="zhongyuan_duchashi")
    statuses = {r.task.title[:8]: r.status.label for r in plan_rows(office, plan)}
    assert "滞后" in statuses.values() and "超期" in statuses.values() and "已完成" in statuses.values()
    overdue = plan.tasks.get(title__contains="国棉三厂")
    assert overdue.notices.get().state == NoticeState.OPEN and overdue.notices.get().kind == "urge"
    jingkai = Organisation.objects.get(short_name="经开区")
    rectification = WorkPlan.objects.get(organisation=jingkai, title__contains="督察")
    assert rectification.is_synthetic and rectification.tasks.filter(state="closed").count() == 2
    assert WorkPlan.objects.get(organisation=jingkai, title="突出抓好十个方面").sections.count() == 8
