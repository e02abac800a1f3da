"""Every figure and every chart mark of a district's one screen (一屏观全域) opens the records it counts,
in Debian chromium on the demo city: a tile, a panel's figure, a donut slice, a bar and a rank mark are
clicked as a person would (the marks by the mouse on the canvas, where ECharts drew them), and the page
that opens lists at least one record, never "共0…", when the figure is not zero."""
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
    page.goto(screen)
    page.wait_for_function("document.querySelectorAll('[data-chart][data-rendered=true] canvas').length >= 3")
    clicked = []
    for chart in page.locator("[data-chart]").all():
        kind = chart.get_attribute("data-chart")
        for mark in chart.evaluate(MARKS):
            page.mouse.click(mark["x"], mark["y"])
            page.wait_for_url(lambda url: url != screen)  # noqa: B023 (used at once)
            found = page.evaluate(RECORDS)
            clicked.append((kind, mark["series"]))
            if page.url != live_server.url + mark["url"] or found["rows"] == 0 or found["none"]:
                empty[f"{kind} {mark['series']}"] = (page.url, mark["url"], found)
            page.goto(screen)
            page.wait_for_function("document.querySelectorAll('[data-chart][data-rendered=true] canvas').length >= 3")
    assert dead == [] and empty == {}
    assert {("statusPie", "pie"), ("briefing", "bar"), ("ranks", "scatter")} <= set(clicked), clicked
    assert page.console_errors == []
