"""Staff pages on a 375-pixel phone (中原区's data staff: the demo's work plan is there): the overview, an
indicator page, the project list, the appeals list and the work plan do not scroll sideways, a status
badge (状态) stays on one line, and the navigation takes one swiping row, every link reachable by the
keyboard."""
import pytest

from luoshi.organisations.models import Organisation
from luoshi.workplan.models import WorkPlan
from tests.browser.conftest import ARTIFACTS, log_in_demo

PHONE = {"width": 375, "height": 740}
MEASURE = """() => {
  const nav = document.querySelector('header.top nav');
  const links = nav ? [...nav.querySelectorAll('a')] : [];
  const rows = new Set(links.map(a => Math.round(a.getBoundingClientRect().top)));
  const badges = [...document.querySelectorAll('main .status')].filter(s => s.offsetParent)
    .filter(s => s.getBoundingClientRect().height > 2 * parseFloat(getComputedStyle(s).fontSize))
    .map(s => s.textContent.trim());
  return {width: document.scrollingElement.scrollWidth, navRows: rows.size, links: links.length,
          wrapped: badges, statuses: document.querySelectorAll('main .status').length};
}"""


@pytest.mark.browser
def test_staff_pages_fit_a_phone_with_one_row_of_navigation(live_server, browser_page, demo_loaded):
    district = Organisation.objects.get(short_name="中原区")
    plan = WorkPlan.objects.filter(organisation=district).first()
    page = browser_page
    page.set_viewport_size(PHONE)
    log_in_demo(page, live_server, "zhongyuan_data")
    page.wait_for_url(f"**/indicators/org/{district.pk}/**")
    overview = page.url
    indicator = live_server.url + page.locator("main a[href*='/indicator/']").first.get_attribute("href")
    pages = [overview, indicator, f"{live_server.url}/projects/org/{district.pk}/list/",
             f"{live_server.url}/appeals/", f"{live_server.url}/workplan/plan/{plan.pk}/"]
    found, statuses = {}, 0
    for url in pages:
        response = page.goto(url)
        assert response.status == 200, url
        seen = page.evaluate(MEASURE)
        statuses += seen["statuses"]
        if seen["width"] > PHONE["width"] + 1 or seen["navRows"] > 1 or seen["wrapped"] or seen["links"] < 3:
            found[url.replace(live_server.url, "")] = seen
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(overview)
    page.screenshot(path=str(ARTIFACTS / "phone-overview-375.png"), full_page=True)
    assert found == {} and statuses > 10
    # The swiping row is keyboard-usable: tabbing to its last link brings that link into view.
    last = page.locator("header.top nav a").last
    last.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    box = last.bounding_box()
    assert box and 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"] + 1
    assert page.console_errors == []
