"""Figures that were wrong: a month not yet over is not reportable (快报 from a set day), a wrong report or
wage record is withdrawn (作废) with a reason — kept, no longer counted, roll-ups and alerts follow at
once; milestones and their alerts; the hand-over from investment keeps unit, leader and year plan."""
import json
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from luoshi.core.workflow import Refused
from luoshi.projects import services
from luoshi.projects.models import MonthlyReport, Project, Stage, WageRecord
from luoshi.projects.selectors import alerts, rollup, wage_warnings
from tests.projects.conftest import NOW, start


def _post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.fixture
def building(world, project):
    with time_machine.travel(NOW):
        return start(world, project)


@time_machine.travel(NOW)
def test_a_report_or_wages_for_a_month_not_yet_over_is_refused_with_a_clear_message(client, world, building):
    with pytest.raises(Refused) as refused:
        services.record_report(world.users.a_unit, building, year=2025, month=7, month_investment="1", cumulative="1")
    assert refused.value.reasons == ["2025年7月尚未结束，月份结束后才能填报"]
    with pytest.raises(Refused, match="2025年7月尚未结束"):
        services.record_wages(world.users.a_unit, building, year=2025, month=7, payroll_due="1", paid="1", workers=1)
    client.force_login(world.users.a_unit)
    answer = _post(client, f"/api/projects/{building.pk}/reports",
                   {"year": 2025, "month": 8, "month_investment": "1", "cumulative": "1"})
    assert answer.status_code == 422 and answer.json()["errors"][0]["message"] == "2025年8月尚未到来，不能填报"
    assert not MonthlyReport.objects.exists() and not WageRecord.objects.exists()


@time_machine.travel(NOW)
def test_early_report_day_lets_the_running_month_in_as_a_flash_report(settings, world, building):
    settings.LUOSHI = {**settings.LUOSHI, "EARLY_REPORT_DAY": 11}
    with pytest.raises(Refused, match="快报自本月11日起才能填报"):
        services.record_report(world.users.a_unit, building, year=2025, month=7, month_investment="1", cumulative="1")
    settings.LUOSHI = {**settings.LUOSHI, "EARLY_REPORT_DAY": 10}
    services.record_report(world.users.a_unit, building, year=2025, month=7, month_investment="1", cumulative="1")
    services.record_wages(world.users.a_unit, building, year=2025, month=7, payroll_due="10", paid="10", workers=5)
    assert MonthlyReport.objects.get().month == 7


@time_machine.travel(NOW)
def test_a_withdrawn_report_stays_in_history_stops_counting_and_the_month_can_be_reported_anew(client, world, building):
    services.record_report(world.users.a_unit, building, year=2025, month=6, month_investment="6", cumulative="6")
    assert rollup(world.users.a_leader, world.a, 2025)["rows"][-1].completed == Decimal(6)
    report = MonthlyReport.objects.get()
    client.force_login(world.users.a_unit)
    url = f"/api/projects/reports/{report.pk}/withdraw"
    no_reason = _post(client, url, {"reason": " ", "expected_version": 1})
    assert no_reason.status_code == 422 and no_reason.json()["errors"][0]["message"] == "作废须填写原因"
    done = _post(client, url, {"reason": "误将全年累计填为本月", "expected_version": 1})
    assert done.status_code == 200 and done.json()["withdrawal_reason"] == "误将全年累计填为本月"
    assert rollup(world.users.a_leader, world.a, 2025)["rows"][-1].completed == 0
    assert "6月进度未按时报送(每月5日前)" in [a.message for a in alerts(Project.objects.get(pk=building.pk))]
    kept = MonthlyReport.objects.get(pk=report.pk)
    assert kept.withdrawn_by == world.users.a_unit
    assert kept.history.first().history_change_reason == "作废：误将全年累计填为本月"
    again = _post(client, url, {"reason": "再次", "expected_version": 2})
    assert again.status_code == 422 and again.json()["errors"][0]["message"].startswith("该记录已于2025-07-10")
    services.record_report(world.users.a_unit, building, year=2025, month=6, month_investment="0.6", cumulative="0.6")
    assert rollup(world.users.a_leader, world.a, 2025)["rows"][-1].completed == Decimal("0.6")
    assert MonthlyReport.objects.count() == 2


@time_machine.travel(NOW)
def test_another_district_or_a_reader_cannot_withdraw(client, world, building):
    report = services.record_report(world.users.a_unit, building, year=2025, month=6, month_investment="1",
                                    cumulative="1")
    client.force_login(world.users.b_data)
    assert _post(client, f"/api/projects/reports/{report.pk}/withdraw",
                 {"reason": "猜的", "expected_version": 1}).status_code == 404
    client.force_login(world.users.a_leader)
    assert _post(client, f"/api/projects/reports/{report.pk}/withdraw",
                 {"reason": "x", "expected_version": 1}).status_code == 403
    assert MonthlyReport.objects.get().withdrawn_at is None


@time_machine.travel(NOW)
def test_withdrawn_wages_on_the_page_make_the_month_missing_again(client, world, building):
    services.record_wages(world.users.a_unit, building, year=2025, month=6, payroll_due="120", paid="95", workers=80)
    record = WageRecord.objects.get()
    client.force_login(world.users.a_data)
    url = reverse("projects:project", args=[building.pk])
    page = client.post(url, {"form": "withdraw_wages", "record": record.pk, "reason": "", "version": 1})
    assert WageRecord.objects.get().withdrawn_at is None and page.status_code == 200
    assert client.post(url, {"form": "withdraw_wages", "record": record.pk, "reason": "项目填错",
                             "version": 1}).status_code == 302
    assert [w.message for w in wage_warnings(world.users.a_data, world.a, 2025, 6)] == ["2025年6月工资发放未报送"]
    page = client.get(url).content.decode()
    assert "已作废" in page and "项目填错" in page
    assert _post(client, f"/api/projects/wages/{record.pk}/withdraw",
                 {"reason": "x", "expected_version": 2}).status_code == 422


@time_machine.travel(NOW)
def test_withdrawing_a_report_someone_has_just_revised_is_refused_showing_the_newer_figures(client, world, building):
    services.record_report(world.users.a_unit, building, year=2025, month=6, month_investment="1", cumulative="1")
    client.force_login(world.users.a_data)
    url = reverse("projects:project", args=[building.pk])
    page = client.get(url).content.decode()
    report = MonthlyReport.objects.get()
    assert f'name="record" value="{report.pk}"><input type="hidden" name="version" value="1">' in page
    services.record_report(world.users.a_unit, building, year=2025, month=6, month_investment="1.5", cumulative="1.5",
                           reason="补报漏计", expected_version=1)
    stale = client.post(url, {"form": "withdraw_report", "record": report.pk, "reason": "填错", "version": 1})
    assert stale.status_code == 200 and MonthlyReport.objects.get().withdrawn_at is None
    text = stale.content.decode()
    assert "该记录已被他人修改（当前版本2）" in text and "本月完成1.5亿元" in text
    blind = client.post(url, {"form": "withdraw_report", "record": report.pk, "reason": "填错"})
    assert blind.status_code == 200 and "缺少所读到的版本（version），未作任何修改" in blind.content.decode()
    assert MonthlyReport.objects.get().withdrawn_at is None
    wages = services.record_wages(world.users.a_unit, building, year=2025, month=6, payroll_due="10", paid="10",
                                  workers=3)
    services.record_wages(world.users.a_unit, building, year=2025, month=6, payroll_due="10", paid="8", workers=3,
                          reason="更正实发", expected_version=1)
    stale = client.post(url, {"form": "withdraw_wages", "record": wages.pk, "reason": "填错", "version": 1})
    assert "实发8万元" in stale.content.decode() and WageRecord.objects.get().withdrawn_at is None
    assert client.post(url, {"form": "withdraw_report", "record": report.pk, "reason": "填错",
                             "version": 2}).status_code == 302


@time_machine.travel(NOW)
def test_a_milestone_past_its_date_and_not_reached_raises_an_alert_until_reached(client, world, project):
    client.force_login(world.users.a_data)
    base = f"/api/projects/{project.pk}/milestones"
    made = _post(client, base, {"title": "3月底前实质性开工", "due_date": "2025-03-31"})
    assert made.status_code == 201
    _post(client, base, {"title": "年底前主体完工", "due_date": "2025-12-31"})
    assert [a.message for a in alerts(project)] == ["节点目标“3月底前实质性开工”应于2025-03-31前完成，"
                                                    "已逾期101天仍未完成"]
    page = client.get(reverse("projects:board", args=[world.a.pk]))
    assert page.status_code == 200
    future = _post(client, f"{base}/{made.json()['id']}", {"reached_on": "2025-07-11"})
    assert future.status_code == 422 and "在今天之后" in future.json()["errors"][0]["message"]
    assert _post(client, f"{base}/{made.json()['id']}", {"reached_on": "2025-04-02"}).status_code == 200
    assert alerts(project) == []
    again = _post(client, f"{base}/{made.json()['id']}", {"reached_on": "2025-05-06"})
    assert again.status_code == 422 and again.json()["errors"][0]["message"] == "该节点目标已于2025-04-02标记完成"
    page = client.post(reverse("projects:project", args=[project.pk]), {
        "form": "reach", "milestone": made.json()["id"], "reached_on": "2025-05-06"})
    assert page.status_code == 200 and "该节点目标已于2025-04-02标记完成" in page.content.decode()
    client.force_login(world.users.a_leader)
    assert _post(client, base, {"title": "x", "due_date": "2025-03-31"}).status_code == 403
    client.force_login(world.users.b_data)
    assert client.get(base).status_code == 404


@time_machine.travel(NOW)
def test_a_started_investment_record_keeps_its_unit_leader_and_year_plan(world):
    from luoshi.investment import services as invest

    world.users.a_leader.profile.display_name = "王区长"
    world.users.a_leader.profile.save()
    lead = invest.create_lead(world.users.a_data, organisation=world.a, name="华牧生物科技产业园", investor="华牧",
                              lead_date=date(2025, 1, 5), responsible_unit=world.a_unit, leader="王区长",
                              year_plan="8.5")
    invest.transition(world.users.a_data, lead, invest.SIGN, when=date(2025, 2, 1), amount="25")
    started = invest.transition(world.users.a_data, lead, invest.START, when=date(2025, 3, 1))
    project = Project.objects.get(pk=started.pipeline_project_id)
    assert (project.responsible_unit, project.leader, project.stage, project.code) == (
        world.a_unit, world.users.a_leader, Stage.CONSTRUCTION, "惠济区-2025-001")
    assert project.year_plan == Decimal("8.5") and started.year_plan == Decimal("8.5")


@time_machine.travel(NOW)
def test_the_leader_is_named_by_name_and_post_in_the_rollup_the_page_and_the_api(client, world, building):
    from luoshi.organisations.models import Profile

    Profile.objects.filter(user=world.users.a_leader).update(display_name="王建国", title="副区长")
    Project.objects.filter(pk=building.pk).update(leader=world.users.a_leader)
    shown = "王建国（惠济区副区长）"
    assert [r.label for r in rollup(world.users.a_leader, world.a, 2025, by="leader")["rows"]] == [shown, "合计"]
    client.force_login(world.users.a_data)
    page = client.get(reverse("projects:project", args=[building.pk])).content.decode()
    assert f'<span id="fact-leader">{shown}</span>' in page and "a_leader" not in page
    listed = client.get(f"/api/projects/districts/{world.a.pk}/projects").json()["items"]
    assert [(p["leader"], p["leader_id"]) for p in listed] == [(shown, world.users.a_leader.pk)]
