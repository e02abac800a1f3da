"""The task form's measure kind in the browser: choosing a kind shows that kind's field only (the script in
app.js; without it every field stays shown), and a task saved linked to a ledger target shows the target's
指标进度 on its page; the form passes axe-core."""
from datetime import date

import pytest

from luoshi.core.periods import today
from luoshi.indicators.models import Indicator
from luoshi.indicators.services import set_target
from luoshi.organisations.models import Role
from luoshi.workplan import selectors, services
from luoshi.workplan.models import MeasureKind, WorkTask
from tests.browser.conftest import log_in
from tests.browser.test_accessibility import AXE_JS, RUN_AXE
from tests.conftest import PASSWORD, make_user

# Each kind's field on the form, by its name.
FIELDS = {MeasureKind.OWN: "input[name=measure_wording]", MeasureKind.TARGET: "select[name=target]",
          MeasureKind.PROJECT: "select[name=project]", MeasureKind.INVESTMENT: "select[name=investment_target]"}


def shown_fields(page) -> set[str]:
    return {kind for kind, selector in FIELDS.items() if page.locator(selector).is_visible()}


@pytest.mark.browser
def test_choosing_a_measure_kind_shows_its_field_only_and_a_linked_target_shows_its_progress(
        live_server, browser_page, _chromium, transactional_db, world):
    office = make_user("a_office", Role.SUPERVISION, world.a)
    year = today().year
    plan = services.create_plan(office, organisation=world.a, year=year, title="十项工作")
    services.ensure_categories()
    target = set_target(world.users.a_data, organisation=world.a,
                        indicator=Indicator.objects.get(code="fixed_investment"),
                        year=year, wording="增长8%")
    page = browser_page
    log_in(page, live_server, "a_office", landing="**/workplan/org/*/ledger/")
    page.goto(f"{live_server.url}/workplan/plan/{plan.pk}/new/")
    kind = page.locator("select[name=measure_kind]")
    assert shown_fields(page) == set()  # 无量化指标: no measure field
    for chosen in (MeasureKind.TARGET, MeasureKind.OWN, MeasureKind.INVESTMENT, MeasureKind.PROJECT):
        kind.select_option(chosen)
        assert shown_fields(page) == {chosen}, chosen
    kind.select_option(MeasureKind.NONE)
    assert shown_fields(page) == set()

    kind.select_option(MeasureKind.TARGET)
    page.locator("select[name=target]").select_option(str(target.pk))
    page.fill("textarea[name=title]", "固定资产投资增长8%")
    page.locator("select[name=lead_unit]").select_option(str(world.a_unit.pk))
    page.fill("input[name=deadline]", date(year, 12, 31).isoformat())
    page.locator("#task-form button[type=submit]").click()
    page.wait_for_url("**/workplan/task/*/")
    task = WorkTask.objects.get(title="固定资产投资增长8%")
    assert (task.measure_kind, task.target_id) == (MeasureKind.TARGET, target.pk)
    progress = page.locator("#measure-progress")
    assert progress.is_visible() and progress.inner_text().strip() == selectors.measure_progress(task)
    assert page.console_errors == []

    # the form with a kind chosen has no serious accessibility violation (axe injected past the CSP)
    context = _chromium.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", bypass_csp=True)
    try:
        checker = context.new_page()
        checker.goto(f"{live_server.url}/login/")
        checker.fill("input[name=username]", "a_office")
        checker.fill("input[name=password]", PASSWORD)
        checker.click("button[type=submit]")
        checker.wait_for_url("**/workplan/org/*/ledger/")
        checker.goto(f"{live_server.url}/workplan/plan/{plan.pk}/new/")
        checker.locator("select[name=measure_kind]").select_option(MeasureKind.OWN)
        checker.evaluate(AXE_JS.read_text(encoding="utf-8"))
        assert checker.evaluate(RUN_AXE) == []
    finally:
        context.close()
