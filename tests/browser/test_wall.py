"""The large-screen view (大屏) at 1920×1080, on a 3840×2160 wall and on a 5760×1080 strip: every chart
drawn to its cell, no console errors, no scrolling, and no panel or text outside the screen or cut off by
its panel; the screenshots are kept in test-artifacts/ for people to look at."""
from pathlib import Path

import pytest
import time_machine

from luoshi.core.demo import DEMO_YEAR
from luoshi.indicators.services import record_actual, set_target
from luoshi.organisations.models import Organisation
from tests.browser.conftest import log_in_demo

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# Every visible card and every visible piece of text in it, with the rectangles they take; a text is
# cut off when it reaches outside its card (the card hides its overflow) or the card outside the screen.
OUTSIDE = """() => {
  const W = window.innerWidth, H = window.innerHeight, bad = [];
  const inside = (r, box) => r.left >= box.left - 1 && r.top >= box.top - 1 && r.right <= box.right + 1
    && r.bottom <= box.bottom + 1;
  const screen = {left: 0, top: 0, right: W, bottom: H};
  for (const card of document.querySelectorAll('.wall-main [data-card]')) {
    const box = card.getBoundingClientRect();
    if (!inside(box, screen) || box.width < 50 || box.height < 50) {
      bad.push(`${card.dataset.card}: card at ${Math.round(box.left)},${Math.round(box.top)} `
               + `${Math.round(box.width)}×${Math.round(box.height)}`);
      continue;
    }
    const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim() || !node.parentElement.offsetParent) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) {
        if (r.width && !inside(r, box)) { bad.push(`${card.dataset.card}: ${node.textContent.trim()}`); break; }
      }
    }
    for (const canvas of card.querySelectorAll('canvas')) {
      if (!inside(canvas.getBoundingClientRect(), box)) bad.push(`${card.dataset.card}: chart outside its panel`);
    }
    // The text ECharts draws on its canvas (axis names, labels, legends) inside the chart.
    for (const el of card.querySelectorAll('[data-chart]')) {
      const chart = echarts.getInstanceByDom(el);
      if (!chart) continue;
      const w = chart.getWidth(), h = chart.getHeight();
      for (const shape of chart.getZr().storage.getDisplayList()) {
        if (shape.type !== 'tspan' || !shape.style.text) continue;
        const r = shape.getBoundingRect().clone();
        if (shape.transform) r.applyTransform(shape.transform);
        if (r.x < -1 || r.y < -1 || r.x + r.width > w + 1 || r.y + r.height > h + 1) {
          bad.push(`${card.dataset.card}: ${shape.style.text} (drawn outside its chart)`);
        }
      }
    }
  }
  return bad;
}"""


def _fits(page):
    """Each chart's canvas takes its cell (ECharts resized to it) and nothing is outside its panel."""
    size = page.viewport_size
    page.wait_for_function("size => document.querySelector('.wall-main').dataset.arranged === size",
                           arg=f"{size['width']}x{size['height']}")
    page.wait_for_function("""() => [...document.querySelectorAll('[data-chart]')].every(el => {
        const c = el.querySelector('canvas').getBoundingClientRect(), b = el.getBoundingClientRect();
        return Math.abs(b.width - c.width) < 1 && Math.abs(b.height - c.height) < 1; })""", timeout=10_000)
    assert page.evaluate(OUTSIDE) == []


@pytest.mark.browser
@pytest.mark.parametrize("width,height", [(1920, 1080), (3840, 2160), (5760, 1080)])
def test_wall_screen_draws_all_charts_and_every_panel_fits_the_screen(live_server, browser_page, transactional_db,
                                                                      world, indicator, client, width, height):
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
    page.set_viewport_size({"width": width, "height": height})
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    page.goto(f"{live_server.url}/dashboard/org/{world.a.pk}/?year=2025&wall=1")
    charts = page.locator("[data-chart]")
    assert charts.count() == 3
    page.wait_for_function("document.querySelectorAll('[data-chart][data-rendered=true] canvas').length === 3")
    size = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
    assert size == [width, height], "the wall view must fit the screen without scrolling"
    assert page.locator(".tile").count() == 5  # 达标, 接近, 落后, 未设目标, 暂无数据
    _fits(page)
    # Turning the screen (a window resized) lays the panels out again and the charts follow, and back.
    page.set_viewport_size({"width": height, "height": width} if width == 1920 else {"width": 1920, "height": 1080})
    _fits(page)
    page.set_viewport_size({"width": width, "height": height})
    _fits(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"wall-{width}x{height}.png"))
    assert page.console_errors == []


@pytest.mark.browser
def test_a_full_demo_wall_fits_every_screen(live_server, browser_page, demo_loaded):
    """The demo's 经开区 (every panel, ten indicators in the table) on the three walls: every panel and its
    text inside the screen, long lists paged rather than cut."""
    jingkai = Organisation.objects.get(short_name="经开区")
    page = browser_page
    log_in_demo(page, live_server, "jingkai_leader")
    ARTIFACTS.mkdir(exist_ok=True)
    for width, height in ((1920, 1080), (3840, 2160), (5760, 1080)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server.url}/dashboard/org/{jingkai.pk}/?year={DEMO_YEAR}&wall=1")
        page.wait_for_function("() => document.querySelectorAll('[data-chart][data-rendered=true] canvas').length >= 3")
        assert page.locator("[data-card]").count() >= 8
        size = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
        assert size == [width, height]
        _fits(page)
        page.screenshot(path=str(ARTIFACTS / f"wall-demo-{width}x{height}.png"))
    assert page.console_errors == []
