"""The briefing's 重点项目, 招商引资 and 企业服务 sections: computed from each app's own records, said with each
page's own words, their lags in 存在问题, Chinese punctuation throughout, and 暂无数据 when there is nothing."""
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from luoshi.appeals import services as appeals
from luoshi.appeals.models import Category
from luoshi.core.periods import Period
from luoshi.core.prose import ascii_punctuation
from luoshi.dashboard.briefing import compose
from luoshi.investment import services as investment
from luoshi.investment.models import Measure
from luoshi.investment.selectors import target_progress
from luoshi.projects import services as projects
from luoshi.projects.models import Project, ProjectCategory
from luoshi.projects.selectors import alerts, rollup
from tests.dashboard.test_briefing_prose import every_sentence
from tests.projects.conftest import start

NOW = "2025-12-10 10:00 +0800"
NOVEMBER = Period(2025, 11)


@pytest.fixture
def busy(world):
    """惠济区 at 1—11月: a project 50% done against 91.7% of the year, one signing against 不少于10个, and an
    appeal assigned on 3 November and still open."""
    projects.ensure_lists()
    with time_machine.travel("2025-03-05 10:00 +0800"):
        project = projects.create_project(
            world.users.a_data, organisation=world.a, code="HJ-2025-001", name="古荥城市更新",
            category=ProjectCategory.objects.get(name="城市更新"), total_investment=Decimal("90.84"),
            plan_year=2025, year_plan=Decimal("12"), responsible_unit=world.a_unit)
        start(world, project, on=date(2025, 3, 2))
    with time_machine.travel(NOW):
        projects.record_report(world.users.a_data, project, year=2025, month=11, month_investment="1",
                               cumulative="6")
        lead = investment.create_lead(world.users.a_data, organisation=world.a, name="协鑫新能源储能产业集群",
                                      investor="协鑫集团", lead_date=date(2025, 1, 10), method="precise")
        investment.transition(world.users.a_data, lead, investment.SIGN, when=date(2025, 3, 1), amount="30")
        investment.set_target(world.users.a_data, organisation=world.a, year=2025, measure=Measure.SIGNED_COUNT,
                              wording="不少于10个")
    with time_machine.travel("2025-11-03 10:00 +0800"):
        appeal = appeals.file_appeal(world.users.a_enterprise, enterprise=world.a_ent, category=Category.APPROVAL,
                                     title="二期厂房施工许可", description="施工许可办理进度慢，影响开工")
        appeal = appeals.transition(world.users.a_data, appeal, appeals.ASSIGN, unit=world.a_unit)
        appeals.transition(world.users.a_unit, appeal, appeals.ACCEPT)
    world.project = Project.objects.get(pk=project.pk)
    return world


def by_heading(briefing) -> dict:
    return {s.heading: s for s in briefing.sections}


@time_machine.travel(NOW)
def test_sections_come_in_the_order_of_an_issued_briefing(busy):
    sections = compose(busy.a, NOVEMBER, busy.users.a_leader).sections
    assert [s.number + s.heading for s in sections] == [
        "三、重点项目", "四、招商引资", "五、企业服务", "六、重点工作", "七、存在问题"]


@time_machine.travel(NOW)
def test_projects_say_the_rollups_time_gap_and_name_the_lagging_project_as_its_alert_does(client, busy):
    text = by_heading(compose(busy.a, NOVEMBER, busy.users.a_leader))["重点项目"].paragraphs[0]
    total = rollup(busy.users.a_leader, busy.a, 2025, month=11)["rows"][-1]
    assert total.gap_words == "落后时间进度41.7个百分点"
    assert ("1—11月，纳入年度计划的重点项目1个（续建0个、新开工1个），总投资90.84亿元，年度计划投资12亿元，"
            "累计完成投资6亿元，投资完成率50%，落后时间进度41.7个百分点") in text
    assert f"投资进度滞后的项目有古荥城市更新（{alerts(busy.project)[0].message}）" in text
    client.force_login(busy.users.a_leader)
    page = client.get(reverse("projects:rollup", args=[busy.a.pk]) + "?year=2025").content.decode()
    assert total.gap_words in page


@time_machine.travel(NOW)
def test_investment_says_signings_and_each_target_as_the_ledger_does_on_the_periods_last_day(client, busy):
    text = by_heading(compose(busy.a, NOVEMBER, busy.users.a_leader))["招商引资"].paragraphs[0]
    assert text.startswith("1—11月，签约项目1个、金额30亿元")
    reason = target_progress(busy.users.a_leader, busy.a, 2025, as_of=date(2025, 11, 30))[0]["status"].reason
    assert "新签约项目数" + reason in text and "落后时间进度" in reason
    client.force_login(busy.users.a_leader)
    with time_machine.travel("2025-11-30 20:00 +0800"):
        page = client.get(reverse("investment:ledger", args=[busy.a.pk]) + "?year=2025").content.decode()
    assert reason in page


@time_machine.travel(NOW)
def test_enterprise_service_counts_received_closed_and_overdue_appeals_by_name(busy):
    text = by_heading(compose(busy.a, NOVEMBER, busy.users.a_leader))["企业服务"].paragraphs[0]
    assert "1—11月，受理企业诉求1件，办结0件，按期办结率0%，超期未办结1件" in text
    assert f"超期的有{busy.a_ent}“二期厂房施工许可”（超期" in text


@time_machine.travel(NOW)
def test_problems_list_what_is_behind_in_every_area_and_by_how_much(busy):
    problems = by_heading(compose(busy.a, NOVEMBER, busy.users.a_leader))["存在问题"].paragraphs
    assert problems[:3] == ["1．重点项目投资完成率50%，落后时间进度41.7个百分点。",
                            "2．1个重点项目投资进度滞后（古荥城市更新）。",
                            "3．新签约项目数完成年度目标“不少于10个”的10%，时间进度91.7%，落后时间进度81.7个百分点。"]
    assert problems[3] == "4．企业诉求超期未办结1件，按期办结率0%。"


@time_machine.travel(NOW)
def test_no_ascii_punctuation_in_the_areas_sentences(busy):
    briefing = compose(busy.a, NOVEMBER, busy.users.a_leader)
    assert [ascii_punctuation(t) for t in every_sentence(briefing) if ascii_punctuation(t)] == []


@time_machine.travel(NOW)
def test_a_district_with_nothing_to_say_says_no_data_and_claims_nothing_met(busy):
    sections = by_heading(compose(busy.b, NOVEMBER, busy.users.b_leader))
    for heading in ("重点项目", "招商引资", "企业服务", "重点工作"):
        assert sections[heading].paragraphs == [f"{heading}暂无数据。"]
    assert sections["存在问题"].paragraphs == ["暂无数据，无法判断落后事项。"]


@time_machine.travel(NOW)
def test_the_sections_read_only_what_the_reader_may_see(busy):
    """Composed for another district's leader, district A's projects, signings and appeals are not there."""
    sections = by_heading(compose(busy.a, NOVEMBER, busy.users.b_leader))
    assert all("暂无数据" in sections[h].paragraphs[0] for h in ("重点项目", "招商引资", "企业服务"))
