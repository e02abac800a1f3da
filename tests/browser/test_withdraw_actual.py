"""A data clerk withdraws (作废) a wrong figure in Debian chromium, with a reason, and the overview changes at
once: the wrong month's growth is gone, the earlier month's figure and status take its place."""
import pytest
import time_machine

from luoshi.indicators.models import Actual
from luoshi.indicators.services import record_actual, set_target
from tests.browser.conftest import ARTIFACTS, log_in


@pytest.mark.browser
def test_clerk_withdraws_a_wrong_actual_and_the_overview_follows(live_server, browser_page, transactional_db,
                                                                 world, indicator):
    iva = indicator("industrial_va")
    with time_machine.travel("2025-11-24 10:00 +0800", tick=False):
        set_target(world.users.a_data, organisation=world.a, indicator=iva, year=2025, wording="增长10%以上")
        record_actual(world.users.a_data, organisation=world.a, indicator=iva, year=2025, month=9, value="78.2",
                      growth_pct="9.6")
        wrong = record_actual(world.users.a_data, organisation=world.a, indicator=iva, year=2025, month=10,
                              value="87.0", growth_pct="19.6")
    page = browser_page
    log_in(page, live_server, "a_data")
    page.goto(f"{live_server.url}/indicators/org/{world.a.pk}/?year=2025")
    row = page.locator("tr", has_text="规模以上工业增加值")
    assert "19.6%" in row.inner_text() and row.locator(".status").inner_text() == "达标"
    row.get_by_role("link", name="规模以上工业增加值").click()
    page.get_by_role("link", name="作废2025年1—10月的数据").click()
    assert page.get_by_label("作废原因").get_attribute("required") is not None, "a reason is required"
    page.get_by_label("作废原因").fill("增速误录为19.6%,应为9.8%")
    page.get_by_role("button", name="确认作废").click()
    page.wait_for_selector("text=已作废的数据")
    assert "增速误录为19.6%,应为9.8%" in page.locator("table.withdrawn").inner_text()
    page.goto(f"{live_server.url}/indicators/org/{world.a.pk}/?year=2025")
    row = page.locator("tr", has_text="规模以上工业增加值")
    assert "19.6%" not in row.inner_text() and "9.6%" in row.inner_text()
    assert row.locator(".status").inner_text() == "接近"
    kept = Actual.all_objects.get(pk=wrong.pk)
    assert kept.is_withdrawn and kept.withdrawn_by == world.users.a_data
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "withdrawn-actual.png"), full_page=True)
    assert page.console_errors == []
