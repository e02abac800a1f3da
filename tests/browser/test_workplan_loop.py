"""The key-work loop in the browser: a unit reports progress with evidence, the 督查室 issues a 催办单, the unit
answers it and applies for 销号, the 督查室 approves, the task turns 已完成 and the one screen's count changes."""
from datetime import timedelta
from pathlib import Path

import pytest

from luoshi.core.periods import today
from luoshi.organisations.models import Role
from luoshi.workplan import services
from luoshi.workplan.models import NoticeState, TaskState
from tests.browser.conftest import ARTIFACTS, log_in
from tests.conftest import make_user


def log_out(page):
    page.locator("form[action$='/logout/'] button").click()
    page.wait_for_url("**/login/**")


DONE = ".panel-workplan a.figure:has-text('已完成')"


def done_on_screen(page, live_server, district) -> str:
    """The one screen's count of closed tasks, as the district leader reads it."""
    page.goto(f"{live_server.url}/dashboard/org/{district.pk}/")
    return page.locator(f"{DONE} .figure-value").inner_text()


@pytest.mark.browser
def test_unit_reports_office_urges_unit_answers_and_closes_and_the_screen_counts_it(
        live_server, browser_page, transactional_db, world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    office = make_user("a_office", Role.SUPERVISION, world.a)
    on = today()
    plan = services.create_plan(office, organisation=world.a, year=on.year, title="十项工作")
    task = services.create_task(office, plan, services.TaskInput(
        title="古荥镇城市更新项目年底前完成主体施工", lead_unit=world.a_unit, lead_leader=world.users.a_leader,
        deadline=on + timedelta(days=40)))
    page = browser_page
    log_in(page, live_server, "a_leader")
    before = done_on_screen(page, live_server, world.a)
    log_out(page)

    log_in(page, live_server, "a_unit")
    page.goto(f"{live_server.url}/workplan/")  # the navigation's 重点工作 lands a unit on its own tasks
    page.click(f"a[href$='/workplan/task/{task.pk}/']")
    evidence = Path(tmp_path) / "施工照片.pdf"
    evidence.write_bytes(b"%PDF-1.4 photos")
    form = page.locator("#report-form")
    form.locator("textarea[name=text]").fill("主体施工完成80%")
    form.locator("input[name=percent]").fill("80")
    form.locator("input[name=files]").set_input_files(str(evidence))
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "主体施工完成80%" in page.locator("#reports").inner_text()
    log_out(page)

    log_in(page, live_server, "a_office", landing="**/workplan/org/*/ledger/")  # the 督查室 lands on its 督办台账
    page.goto(f"{live_server.url}/workplan/task/{task.pk}/")
    form = page.locator("#notice-form")
    form.locator("select[name=kind]").select_option("urge")
    form.locator("textarea[name=text]").fill("请说明剩余工程的完成计划")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "催办单" in page.locator("#notices").inner_text()
    log_out(page)

    log_in(page, live_server, "a_unit")
    page.goto(f"{live_server.url}/workplan/task/{task.pk}/")
    reply = page.locator(".reply-form")
    reply.locator("textarea[name=text]").fill("已加派施工力量,12月中旬完工")
    reply.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert task.notices.get().state == NoticeState.ANSWERED
    apply = page.locator("form.move-form[data-action=apply]")
    apply.locator("textarea[name=text]").fill("主体施工已完成,申请销号")
    apply.locator("input[name=files]").set_input_files(str(evidence))
    apply.locator("button[type=submit]").click()
    page.wait_for_load_state()
    task.refresh_from_db()
    assert task.state == TaskState.APPLIED
    log_out(page)

    log_in(page, live_server, "a_office", landing="**/workplan/org/*/ledger/")  # the 督查室 lands on its 督办台账
    page.goto(f"{live_server.url}/workplan/task/{task.pk}/")
    page.locator("form.move-form[data-action=approve] button[type=submit]").click()
    page.wait_for_load_state()
    assert "已完成" in page.locator(".badge").first.inner_text()
    assert page.locator("#task-state").inner_text() == "已销号"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "workplan_task_closed.png"), full_page=True)
    log_out(page)

    log_in(page, live_server, "a_leader")
    after = done_on_screen(page, live_server, world.a)
    assert (before, after) == ("0", "1")
    page.locator(DONE).click()
    page.wait_for_load_state()
    assert "古荥镇城市更新项目" in page.locator("#ledger").inner_text()
    assert page.console_errors == []
