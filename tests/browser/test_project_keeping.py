"""A district's data clerk adds a project in the browser and assigns its 分包 leader; the leader logs in
and finds it under 我分包的项目."""
import pytest
import time_machine

from luoshi.organisations.selectors import person_label
from luoshi.projects import services
from luoshi.projects.models import Project
from tests.browser.conftest import log_in


@pytest.mark.browser
def test_clerk_creates_a_project_assigns_a_leader_and_the_leader_finds_it_as_his(live_server, browser_page,
                                                                                  transactional_db, world):
    with time_machine.travel("2025-07-10 10:00 +0800", tick=True):
        services.ensure_lists()
        page = browser_page
        log_in(page, live_server, "a_data")
        page.goto(f"{live_server.url}/projects/org/{world.a.pk}/")
        page.click("#new-project")
        form = page.locator("#project-form")
        form.locator("input[name=name]").fill("花园口城市更新")
        form.locator("select[name=category]").select_option(label="城市更新")
        form.locator("input[name=total_investment]").fill("79")
        form.locator("input[name=plan_year]").fill("2025")
        form.locator("input[name=year_plan]").fill("90")
        form.locator("button[type=submit]").click()
        assert "年度计划投资90亿元超过总投资79亿元" in page.locator(".errors").inner_text()
        assert not Project.objects.exists()
        page.locator("#project-form input[name=year_plan]").fill("9.5")
        page.locator("#project-form select[name=responsible_unit]").select_option(label="古荥镇")
        page.locator("#project-form button[type=submit]").click()
        page.wait_for_url("**/projects/*/")
        assert page.locator("#stage").inner_text() == "储备库"
        page.click("#edit-project")
        page.locator("#project-form select[name=leader]").select_option(label=person_label(world.users.a_leader))
        page.locator("#project-form input[name=reason]").fill("区政府常务会议明确分包领导")
        page.locator("#project-form button[type=submit]").click()
        page.wait_for_url("**/projects/*/")
        assert page.locator("#fact-leader").inner_text() == person_label(world.users.a_leader)
        project = Project.objects.get()
        assert project.leader == world.users.a_leader and project.code == "惠济区-2025-001"
        page.context.clear_cookies()
        log_in(page, live_server, "a_leader")
        page.goto(f"{live_server.url}/projects/mine/")
        page.get_by_role("link", name="花园口城市更新").click()
        page.wait_for_url(f"**/projects/{project.pk}/")
        assert page.console_errors == []
