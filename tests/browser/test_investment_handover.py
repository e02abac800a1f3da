"""Investment staff sign a lead and then start it in the browser; the started project is found in the
project pipeline's 在建库, with nothing typed twice."""
import pytest
import time_machine

from luoshi.investment import services
from luoshi.investment.models import InvestmentProject
from luoshi.projects.models import Project, Stage
from tests.browser.conftest import log_in


def move(page, action: str, **fields):
    form = page.locator(f"form:has(input[name=action][value={action}])")
    for name, value in fields.items():
        form.locator(f"input[name={name}]").fill(value)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.browser
def test_staff_sign_a_lead_then_start_it_and_find_it_in_the_pipeline(live_server, browser_page, transactional_db,
                                                                      world):
    with time_machine.travel("2025-07-10 10:00 +0800", tick=False):
        lead = services.create_lead(world.users.a_data, organisation=world.a, name="华牧生物科技产业园",
                                    investor="华牧集团", lead_date="2025-03-01")
        services.transition(world.users.a_data, lead, services.NEGOTIATE)
    page = browser_page
    log_in(page, live_server, "a_data")
    page.goto(f"{live_server.url}/investment/project/{lead.pk}/")
    move(page, "sign", when="2025-06-18", amount="12.5", text="签约一批")
    assert InvestmentProject.objects.get(pk=lead.pk).state == "signed"
    assert "签约" in page.locator(".facts").inner_text() and "12.5亿元" in page.locator(".facts").inner_text()
    move(page, "start", when="2025-07-01")
    started = InvestmentProject.objects.get(pk=lead.pk)
    pipeline = Project.objects.get(pk=started.pipeline_project_id)
    assert (pipeline.stage, pipeline.total_investment, str(pipeline.actual_start)) == (
        Stage.CONSTRUCTION, started.amount, "2025-07-01")
    page.click("#pipeline-link")
    page.wait_for_selector("#stage")
    assert page.locator("#stage").inner_text() == "在建库" and "华牧生物科技产业园" in page.locator("h1").inner_text()
    page.goto(f"{live_server.url}/projects/org/{world.a.pk}/")
    assert page.locator(f".library-construction [data-project='{pipeline.pk}']").count() == 1
    assert page.console_errors == []
