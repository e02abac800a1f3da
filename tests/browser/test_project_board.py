"""A district's data staff moves a project from 拟开工库 to 在建库 in the browser and sees it change column."""
from datetime import date
from decimal import Decimal

import pytest
import time_machine

from luoshi.projects import services
from luoshi.projects.models import ApprovalStatus, ProjectCategory
from tests.browser.conftest import log_in


@pytest.mark.browser
def test_staff_start_a_ready_project_and_it_moves_to_under_construction(live_server, browser_page, transactional_db,
                                                                       world):
    with time_machine.travel("2025-07-10 10:00 +0800", tick=False):
        services.ensure_lists()
        project = services.create_project(world.users.a_data, organisation=world.a, code="HJ-1", name="古荥城市更新",
                                          category=ProjectCategory.objects.get(name="城市更新"),
                                          total_investment=Decimal("90.84"), plan_year=2025, year_plan=Decimal(12))
        services.transition(world.users.a_data, project, services.PREPARE)
        for a in project.approvals.all():
            services.settle_approval(world.users.a_data, a, status=ApprovalStatus.DONE, done_date=date(2025, 3, 1),
                                     document="郑惠发改〔2025〕1号")
    page = browser_page
    log_in(page, live_server, "a_data")
    page.goto(f"{live_server.url}/projects/org/{world.a.pk}/")
    assert page.locator(f".library-ready [data-project='{project.pk}']").count() == 1
    page.goto(f"{live_server.url}/projects/{project.pk}/")
    form = page.locator("form:has(button[data-action=start])")
    form.locator("input[name=when]").fill("2025-07-01")
    form.locator("button[data-action=start]").click()
    page.wait_for_selector("#stage")
    assert page.locator("#stage").inner_text() == "在建库"
    page.goto(f"{live_server.url}/projects/org/{world.a.pk}/")
    assert page.locator(f".library-construction [data-project='{project.pk}']").count() == 1
    assert page.locator(f".library-ready [data-project='{project.pk}']").count() == 0
    assert page.console_errors == []
