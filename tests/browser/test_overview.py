"""A district's data staff logs in with the real login form and reads the overview in Debian chromium:
the trend charts are drawn by our own ECharts and every status is explained in words."""
from pathlib import Path

import pytest
import time_machine

from luoshi.indicators.services import record_actual, set_target
from tests.browser.conftest import log_in

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.mark.browser
def test_staff_logs_in_and_sees_a_drawn_chart_and_status_in_words(live_server, browser_page, transactional_db,
                                                                   world, indicator):
    iva = indicator("industrial_va")
    with time_machine.travel("2025-11-24 10:00 +0800", tick=False):
        set_target(world.users.a_data, organisation=world.a, indicator=iva, year=2025, wording="增长10%以上")
        for month, value, growth in ((7, "60.1", "9.1"), (8, "69.0", "9.4"), (9, "78.2", "9.6")):
            record_actual(world.users.a_data, organisation=world.a, indicator=iva, year=2025, month=month,
                          value=value, growth_pct=growth)
    page = browser_page
    log_in(page, live_server, "a_data")
    page.goto(f"{live_server.url}/indicators/org/{world.a.pk}/?year=2025")
    page.wait_for_selector("[data-chart][data-rendered=true] canvas")
    assert page.locator("h1").inner_text().startswith("惠济区 2025年")
    reason = page.locator(".status-reason").first.inner_text()
    assert reason == "累计增长9.6%，低于目标“增长10%以上”0.4个百分点"
    assert page.locator(".status").first.inner_text() == "接近"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "overview.png"), full_page=True)
    assert page.console_errors == []
