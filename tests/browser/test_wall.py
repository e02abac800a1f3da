"""The large-screen view (大屏) at 1920×1080: every chart drawn, no console errors, no scrolling; the
screenshot is kept in test-artifacts/ for people to look at."""
from pathlib import Path

import pytest
import time_machine

from luoshi.indicators.services import record_actual, set_target

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.mark.browser
def test_wall_screen_draws_all_charts_at_1920_by_1080_without_errors(live_server, browser_page, transactional_db,
                                                                   world, indicator, client):
    with time_machine.travel("2025-11-24 10:00 +0800", tick=False):
        for code, wording, growth in (("gdp", "增长6%左右", "6.1"), ("retail_sales", "增长8%以上", "5.2"),
                                      ("industrial_va", "增长10%以上", "9.8")):
            set_target(world.users.a_data, organisation=world.a, indicator=indicator(code), year=2025, wording=wording)
            record_actual(world.users.a_data, organisation=world.a, indicator=indicator(code), year=2025, month=9,
                          value="100", growth_pct=growth)
            record_actual(world.users.b_data, organisation=world.b, indicator=indicator(code), year=2025, month=9,
                          value="80", growth_pct="5")
    client.force_login(world.users.a_leader)
    cookie = client.cookies["sessionid"]
    page = browser_page
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    page.goto(f"{live_server.url}/dashboard/org/{world.a.pk}/?year=2025&wall=1")
    charts = page.locator("[data-chart]")
    assert charts.count() == 3
    page.wait_for_function("document.querySelectorAll('[data-chart][data-rendered=true] canvas').length === 3")
    size = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
    assert size == [1920, 1080], "the wall view must fit the screen without scrolling"
    assert page.locator(".tile").count() == 5  # 达标, 接近, 落后, 未设目标, 暂无数据
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "wall-1920x1080.png"))
    assert page.console_errors == []
