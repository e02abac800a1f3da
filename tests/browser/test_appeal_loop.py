"""The appeal closed loop on a phone: an enterprise files an appeal with a file, the district assigns it,
the unit accepts and answers, the enterprise rates it 不满意 and it reopens for the unit."""
from pathlib import Path

import pytest

from luoshi.appeals.models import Appeal, State
from tests.browser.conftest import ARTIFACTS, log_in

PHONE = {"width": 375, "height": 740}


def act(page, action: str, **fields):
    """Fill and send the detail page's form for one action."""
    form = page.locator(f"form:has(input[name=action][value={action}])")
    for name, value in fields.items():
        field = form.locator(f"[name={name}]")
        if field.first.evaluate("e => e.tagName") == "SELECT":
            field.select_option(label=value)
        elif field.first.get_attribute("type") == "radio":
            form.locator(f"input[name={name}][value={value}]").check()
        else:
            field.fill(value)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def log_out(page):
    page.locator("form[action$='/logout/'] button").click()
    page.wait_for_url("**/login/**")


@pytest.mark.browser
def test_enterprise_files_unit_solves_enterprise_rates_unsatisfied_and_it_reopens(live_server, browser_page,
                                                                                  transactional_db, world, tmp_path,
                                                                                  settings):
    settings.MEDIA_ROOT = tmp_path
    page = browser_page
    page.set_viewport_size(PHONE)
    log_in(page, live_server, "a_enterprise", landing=f"{live_server.url}/")
    page.goto(f"{live_server.url}/appeals/new/")
    page.select_option("select[name=category]", "approval")
    page.fill("input[name=title]", "二期厂房施工许可办理慢")
    page.fill("textarea[name=description]", "3月提交材料,至今未办结,影响二期开工。")
    scan = Path(tmp_path) / "材料清单.pdf"
    scan.write_bytes(b"%PDF-1.4 materials")
    page.set_input_files("input[name=attachments]", str(scan))
    page.locator("form button[type=submit]").click()
    page.wait_for_load_state()
    appeal = Appeal.objects.get()
    assert appeal.state == State.REGISTERED and appeal.attachments.count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling
    log_out(page)

    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, live_server, "a_data")
    page.goto(f"{live_server.url}/appeals/{appeal.pk}/")
    act(page, "assign", unit=str(world.a_unit), text="请古荥镇牵头协调")
    assert Appeal.objects.get().state == State.ASSIGNED
    log_out(page)

    log_in(page, live_server, "a_unit")
    page.goto(f"{live_server.url}/appeals/inbox/")
    page.click(f"a[href$='/appeals/{appeal.pk}/']")
    act(page, "accept", text="属本镇职责,马上协调")
    act(page, "solve", text="已协调住建局,施工许可本周核发", actions_taken="召开协调会,现场核验材料")
    assert Appeal.objects.get().state == State.SOLVED
    log_out(page)

    page.set_viewport_size(PHONE)
    log_in(page, live_server, "a_enterprise", landing=f"{live_server.url}/")
    page.goto(f"{live_server.url}/appeals/{appeal.pk}/")
    act(page, "rate", rating="unsatisfied", text="许可证仍未拿到")
    reopened = Appeal.objects.get()
    assert reopened.state == State.ASSIGNED and reopened.reopen_count == 1
    assert "许可证仍未拿到" in page.locator("body").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "appeal_reopened_on_a_phone.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.console_errors == []
