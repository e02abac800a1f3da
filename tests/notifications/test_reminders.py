"""催报: from REPORT_REMINDER_DAY of the month, every unit that has not reported last month's actuals or
project reports is reminded — once, through notify — by the periodic task every morning."""
import pytest
import time_machine

from luoshi.core import schedule
from luoshi.indicators.services import record_actual, set_target
from luoshi.notifications.models import Notification
from luoshi.projects import services as pipeline
from tests.projects.conftest import project, start  # noqa: F401 - fixture

SET_UP = "2025-07-10 10:00 +0800"
REMINDER_MORNING = "2025-08-03 09:00 +0800"


def texts(user) -> list[str]:
    return list(Notification.objects.filter(user=user, text__startswith="催报").values_list("text", flat=True))


@pytest.fixture
def targets(world, indicator):
    with time_machine.travel(SET_UP):
        for data, org, code, wording in ((world.users.a_data, world.a, "retail_sales", "增长6%以上"),
                                         (world.users.a_data, world.a, "gdp", "增长6%左右"),
                                         (world.users.a_data, world.a_unit, "industrial_va", "增长8%"),
                                         (world.users.b_data, world.b, "retail_sales", "增长5%")):
            set_target(data, organisation=org, indicator=indicator(code), year=2025, wording=wording)
    with time_machine.travel(REMINDER_MORNING):
        record_actual(world.users.a_unit, organisation=world.a_unit, indicator=indicator("industrial_va"), year=2025,
                      month=7, growth_pct="8")
        record_actual(world.users.b_data, organisation=world.b, indicator=indicator("retail_sales"), year=2025,
                      month=7, value="100", growth_pct="5")
    return world


def morning(when: str, run_worker):
    with time_machine.travel(when, tick=False):
        queued = schedule.tick()
        run_worker()
    return queued


def test_units_missing_last_months_actuals_are_reminded_once_naming_the_indicators(targets, run_worker):
    queued = morning(REMINDER_MORNING, run_worker)
    assert {"indicators.remind_unreported_actuals", "projects.remind_unreported_reports"} <= set(queued)
    # 地区生产总值 is quarterly: July is no quarter's end, so only the monthly indicator is missing
    assert texts(targets.users.a_data) == ["催报：惠济区尚未报送2025年7月实绩（社会消费品零售总额），请尽快填报"]
    assert texts(targets.users.a_unit) == [] and texts(targets.users.b_data) == []
    morning("2025-08-04 09:00 +0800", run_worker)
    assert len(texts(targets.users.a_data)) == 1, "one reminder per unit and month"


def test_nothing_is_chased_before_the_reminder_day(targets, run_worker):
    morning("2025-08-02 09:00 +0800", run_worker)
    assert not Notification.objects.filter(text__startswith="催报").exists()


def test_the_reminder_day_is_a_setting(targets, run_worker, settings):
    settings.LUOSHI = {**settings.LUOSHI, "REPORT_REMINDER_DAY": 5}
    morning("2025-08-04 09:00 +0800", run_worker)
    assert texts(targets.users.a_data) == []
    morning("2025-08-05 09:00 +0800", run_worker)
    assert len(texts(targets.users.a_data)) == 1


def test_a_unit_whose_project_has_no_report_for_last_month_is_reminded(world, project, run_worker):  # noqa: F811
    with time_machine.travel(SET_UP):
        building = start(world, project)
        pipeline.record_report(world.users.a_unit, building, year=2025, month=6, month_investment="1",
                               cumulative="1")
    morning(REMINDER_MORNING, run_worker)
    assert texts(world.users.a_unit) == [
        "催报：古荥镇负责的1个重点项目尚未报送7月进度（古荥城市更新），请于每月5日前报送"]


def test_a_unit_that_has_reported_its_projects_is_not_chased(world, project, run_worker):  # noqa: F811
    with time_machine.travel(SET_UP):
        building = start(world, project)
    with time_machine.travel(REMINDER_MORNING):
        pipeline.record_report(world.users.a_unit, building, year=2025, month=7, month_investment="1",
                               cumulative="1")
    morning(REMINDER_MORNING, run_worker)
    assert texts(world.users.a_unit) == []


def test_a_long_list_is_cut_to_the_first_ten(db):
    from luoshi.core.prose import names_text

    assert names_text(["甲", "乙"]) == "甲、乙"
    assert names_text([f"项目{i}" for i in range(12)]) == "、".join(f"项目{i}" for i in range(10)) + "等12个"


def test_each_district_is_chased_from_its_own_reminder_day(targets, run_worker):
    from luoshi.organisations.models import DistrictSettings

    DistrictSettings.objects.create(district=targets.b, report_reminder_day=1)
    DistrictSettings.objects.create(district=targets.a, report_reminder_day=5)
    morning(REMINDER_MORNING, run_worker)  # the 3rd: the default day, but 惠济区 chases from the 5th
    assert texts(targets.users.a_data) == []
    morning("2025-08-05 09:00 +0800", run_worker)
    assert len(texts(targets.users.a_data)) == 1
