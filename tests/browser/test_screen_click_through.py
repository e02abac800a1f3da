"""Every figure and every chart mark of a district's one screen (一屏观全域) and of the city's opens the
records it counts, in Debian chromium on the demo city: a tile, a panel's figure, a donut slice, a bar and
a rank mark are clicked as a person would (the marks by the mouse on the canvas, where ECharts drew them),
and the page that opens lists at least one record, never "共0…", when the figure is not zero. The rank
chart's names, marks and labels do not run into each other at 1920×1080, on the page and on the wall."""
import re

import pytest

from luoshi.core.demo import DEMO_YEAR
from luoshi.organisations.models import Organisation
from tests.browser.conftest import log_in_demo

# Where on the page ECharts drew the first clickable mark (a data item carrying a url) of each series of
# a chart: the middle of a slice's ring, of a bar, or of a symbol; null when no mark carries a url.
MARKS = """el => {
  const chart = echarts.getInstanceByDom(el), box = el.getBoundingClientRect(), marks = [];
  const model = chart.getModel();
  model.eachSeries(series => {
    const data = series.getData();
    for (let i = 0; i < data.count(); i += 1) {
      const raw = data.getRawDataItem(i), g = data.getItemGraphicEl(i);
      if (!raw || !raw.url || !g) continue;
      let x, y;
      if (g.shape && g.shape.r !== undefined && g.shape.startAngle !== undefined) {
        const a = (g.shape.startAngle + g.shape.endAngle) / 2, r = (g.shape.r + (g.shape.r0 || 0)) / 2;
        [x, y] = [g.shape.cx + r * Math.cos(a), g.shape.cy + r * Math.sin(a)];
      } else {
        const b = g.getBoundingRect();
        [x, y] = g.transformCoordToGlobal(b.x + b.width / 2, b.y + b.height / 2);
      }
      marks.push({series: series.subType, url: raw.url, x: box.left + x, y: box.top + y});
      break;
    }
  });
  return marks;
}"""
# The records a page lists: table rows that are not an "empty" row, and the items of its lists.
RECORDS = """() => {
  const main = document.querySelector('main');
  const rows = [...main.querySelectorAll('tbody tr')].filter(tr => !(tr.cells.length === 1 && tr.cells[0].colSpan > 1));
  const items = main.querySelectorAll('ul.plain li a, .cards .card a, ol li a');
  return {rows: rows.length + items.length, none: /共\\s*0\\s*[次项条个件家]/.test(main.innerText)};
}"""


# Every piece of text ECharts drew (names, axis, labels) and every mark of its scatter series, as rectangles
# on the chart; the pairs of them that overlap (by more than half a pixel).
CROWDED = """el => {
  const chart = echarts.getInstanceByDom(el), boxes = [];
  for (const shape of chart.getZr().storage.getDisplayList()) {
    if (shape.type !== 'tspan' || !shape.style.text) continue;
    const r = shape.getBoundingRect().clone();
    if (shape.transform) r.applyTransform(shape.transform);
    boxes.push({what: shape.style.text, r: r});
  }
  chart.getModel().eachSeries(series => {
    if (series.subType !== 'scatter') return;
    const data = series.getData();
    for (let i = 0; i < data.count(); i += 1) {
      const g = data.getItemGraphicEl(i);
      if (!g) continue;
      const r = g.getBoundingRect().clone();
      r.applyTransform(g.getComputedTransform());
      boxes.push({what: 'mark ' + i, r: r});
    }
  });
  const bad = [];
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => {
    const w = Math.min(a.r.x + a.r.width, b.r.x + b.r.width) - Math.max(a.r.x, b.r.x);
    const h = Math.min(a.r.y + a.r.height, b.r.y + b.r.height) - Math.max(a.r.y, b.r.y);
    if (w > 0.5 && h > 0.5) bad.push(a.what + ' × ' + b.what);
  }));
  const labels = boxes.filter(b => /^第\\d+\\/\\d+$/.test(b.what)).length;
  return {drawn: boxes.length, labels: labels, marks: boxes.filter(b => b.what.startsWith('mark ')).length,
          crowded: bad};
}"""
RENDERED = "document.querySelectorAll('[data-chart][data-rendered=true] canvas').length >= {}"


def _number(text: str) -> float:
    found = re.search(r"\d+(\.\d+)?", text.replace(",", ""))
    return float(found.group()) if found else 0.0


@pytest.mark.browser
def test_every_figure_and_chart_mark_opens_the_records_it_counts(live_server, browser_page, demo_loaded):
    huiji = Organisation.objects.get(short_name="惠济区")
    page = browser_page
    log_in_demo(page, live_server, "huiji_leader")
    screen = f"{live_server.url}/dashboard/org/{huiji.pk}/?year={DEMO_YEAR}"
    page.goto(screen)
    figures = page.eval_on_selector_all(
        "main a.tile, main a.figure",
        "els => els.map(a => [a.closest('[data-card]').dataset.card + ' ' + a.textContent.trim(),"
        " a.getAttribute('href'), a.querySelector('.tile-value, .figure-value').textContent])")
    counted = [(name, href) for name, href, value in figures if _number(value) > 0]
    assert len(counted) >= 8, figures
    dead, empty = [], {}
    for name, href in counted:
        if not href or href == "#":
            dead.append(name)
            continue
        response = page.goto(live_server.url + href if href.startswith("/") else href)
        found = page.evaluate(RECORDS)
        if response.status != 200 or found["rows"] == 0 or found["none"]:
            empty[name] = (href, response.status, found)
    # The chart marks: each is clicked where it is drawn, and the page it opens lists the records.
    clicked = _click_every_mark(page, live_server, screen, 3, empty)
    assert dead == [] and empty == {}
    assert {("statusPie", "pie"), ("briefing", "bar"), ("ranks", "scatter")} <= set(clicked), clicked
    # The rank chart at 1920×1080, on the page and on the wall (ten indicators in a small cell): every name,
    # mark and label apart from the others.
    page.set_viewport_size({"width": 1920, "height": 1080})
    for view in (screen, screen + "&wall=1"):
        page.goto(view)
        page.wait_for_function(RENDERED.format(3))
        page.wait_for_function("!document.querySelector('.wall-main') || "
                               "document.querySelector('.wall-main').dataset.arranged === '1920x1080'")
        page.wait_for_timeout(300)  # the charts follow their cells
        drawn = page.locator("[data-chart=ranks]").evaluate(CROWDED)
        assert drawn["marks"] >= 8 and drawn["labels"] == drawn["marks"] and drawn["crowded"] == [], (view, drawn)
    # The city's one screen: each district's bar of growth and of statuses opens its records.
    page.context.clear_cookies()
    log_in_demo(page, live_server, "city_admin")
    city = Organisation.objects.get(short_name="郑州市")
    city_screen = f"{live_server.url}/dashboard/org/{city.pk}/?year={DEMO_YEAR}"
    city_empty = {}
    clicked = _click_every_mark(page, live_server, city_screen, 2, city_empty)
    assert city_empty == {}
    assert {("districtGrowth", "bar"), ("districtStatus", "bar")} <= set(clicked), clicked
    assert page.console_errors == []


def _click_every_mark(page, live_server, screen: str, charts: int, empty: dict) -> list:
    """Click the first mark of each series of each chart of `screen` with the mouse; note in `empty` a
    mark whose page is not its records or lists none. The (chart, series) clicked."""
    page.goto(screen)
    page.wait_for_function(RENDERED.format(charts))
    clicked = []
    for chart in page.locator("[data-chart]").all():
        kind = chart.get_attribute("data-chart")
        for mark in chart.evaluate(MARKS):
            page.mouse.click(mark["x"], mark["y"])
            page.wait_for_url(lambda url: url != screen)  # noqa: B023 (used at once)
            found = page.evaluate(RECORDS)
            clicked.append((kind, mark["series"]))
            if page.url != live_server.url + mark["url"] or found["rows"] == 0 or found["none"]:
                empty[f"{kind} {mark['series']} {mark['url']}"] = (page.url, found)
            page.goto(screen)
            page.wait_for_function(RENDERED.format(charts))
    return clicked
