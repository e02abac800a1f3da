"""Monthly project reports through the API: same rules, same scope as the pages."""
import json
from decimal import Decimal

import time_machine

from luoshi.projects import services
from luoshi.projects.models import MonthlyReport, ProjectCategory


@time_machine.travel("2025-07-10 10:00 +0800")
def test_unit_reports_through_the_api_revision_needs_reason_and_other_districts_get_404(client, world):
    services.ensure_lists()
    project = services.create_project(world.users.a_data, organisation=world.a, code="HJ-9", name="古荥城市更新",
                                      category=ProjectCategory.objects.first(), total_investment="90.84",
                                      plan_year=2025, year_plan="12", responsible_unit=world.a_unit)
    client.force_login(world.users.a_unit)
    url = f"/api/projects/{project.pk}/reports"
    body = {"year": 2025, "month": 6, "month_investment": "1.25", "cumulative": "6.5"}
    response = client.post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 201 and response.json()["cumulative"] == "6.5"
    response = client.post(url, json.dumps({**body, "cumulative": "6.6"}), content_type="application/json")
    assert response.status_code == 422 and "修订原因" in response.json()["errors"][0]["message"]
    assert MonthlyReport.objects.get().cumulative == Decimal("6.5")
    client.force_login(world.users.b_data)
    assert client.post(url, json.dumps(body), content_type="application/json").status_code == 404
    assert client.get(f"/api/projects/{project.pk}").status_code == 404
