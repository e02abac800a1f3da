"""A department fills in a visit in Debian chromium and the page tells it, as the date and the category
change and before anything is posted, whether the commission's approval is needed (宁静日审批提示)."""
from datetime import date

import pytest

from luoshi.core.periods import today
from tests.browser.conftest import ARTIFACTS, log_in


def next_month(day: int) -> date:
    on = today()
    return date(on.year + on.month // 12, on.month % 12 + 1, day)


@pytest.mark.browser
def test_the_approval_verdict_follows_the_date_and_category_as_they_are_chosen(live_server, browser_page,
                                                                               transactional_db, world):
    page = browser_page
    log_in(page, live_server, "a_unit")
    page.goto(f"{live_server.url}/inspections/visits/new/")
    verdict = page.locator("#verdict")
    assert "选择日期和事由类别后" in verdict.inner_text()

    inside, outside = next_month(10), next_month(28)
    page.fill("#id_date", inside.isoformat())
    page.wait_for_selector(f"#verdict >> text={inside.isoformat()}在宁静日期间")
    page.select_option("#id_category", "other")
    page.wait_for_selector("#verdict .verdict.needs-approval")
    assert "须审批" in verdict.inner_text()

    page.select_option("#id_category", "work_safety")
    page.wait_for_selector("#verdict >> text=属于宁静日豁免情形")
    assert "无需审批" in verdict.inner_text() and page.locator("#verdict .needs-approval").count() == 0

    page.select_option("#id_category", "other")
    page.fill("#id_date", outside.isoformat())
    page.wait_for_selector(f"#verdict >> text={outside.isoformat()}不在宁静日期间")
    assert "无需审批" in verdict.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "quiet-day-verdict.png"), full_page=True)
