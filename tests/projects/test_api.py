"""Monthly project reports through the API: same rules, same scope as the pages."""
import json
from decimal import Decimal

import time_machine

from luoshi.projects import services
from luoshi.projects.models import MonthlyReport, ProjectCategory
from tests.projects.conftest import NOW, start


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
    response = client.post(url, json.dumps({**body, "cumulative": "6.6", "expected_version": 1}),
                           content_type="application/json")
    assert response.status_code == 422 and "修订原因" in response.json()["errors"][0]["message"]
    assert MonthlyReport.objects.get().cumulative == Decimal("6.5")
    client.force_login(world.users.b_data)
    assert client.post(url, json.dumps(body), content_type="application/json").status_code == 404
    assert client.get(f"/api/projects/{project.pk}").status_code == 404


def _post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


@time_machine.travel(NOW)
def test_planning_staff_settle_approvals_and_move_a_project_through_the_api(client, world, project):
    client.force_login(world.users.a_data)
    base = f"/api/projects/{project.pk}"
    assert client.get(f"{base}/approvals").json() == []
    moved = _post(client, f"{base}/moves", {"action": "prepare", "expected_version": 1})
    assert moved.status_code == 200 and moved.json()["stage"] == "ready" and moved.json()["next_actions"] == [
        "start", "terminate"]
    refused = _post(client, f"{base}/moves", {"action": "start", "when": "2025-07-01", "expected_version": 2})
    assert refused.status_code == 422 and refused.json()["errors"][0]["message"].startswith(
        "前期手续未办结：立项、用地、规划、环评、施工许可")
    approvals = client.get(f"{base}/approvals").json()
    assert [(a["kind"], a["status"], a["due_date"]) for a in approvals] == [
        (k, "pending", "2025-09-08") for k in ("立项", "用地", "规划", "环评", "施工许可")]
    waived = _post(client, f"{base}/approvals/{approvals[-1]['id']}", {"status": "waived", "expected_version": 1})
    assert waived.status_code == 422 and waived.json()["errors"][0]["message"] == "免办须写明理由"
    for a in approvals[:-1]:
        done = _post(client, f"{base}/approvals/{a['id']}", {"status": "done", "done_date": "2025-06-01",
                                                             "document": "郑惠发改〔2025〕12号",
                                                             "expected_version": a["version"]}).json()
        assert (done["status"], done["document"]) == ("done", "郑惠发改〔2025〕12号")
    _post(client, f"{base}/approvals/{approvals[-1]['id']}", {"status": "waived", "waiver_reason": "既有厂房",
                                                                  "expected_version": 1})
    stale = _post(client, f"{base}/moves", {"action": "start", "when": "2025-07-01", "expected_version": 1})
    assert stale.status_code == 409
    assert _post(client, f"{base}/moves", {"action": "start", "expected_version": 2}).status_code == 422
    assert _post(client, f"{base}/moves", {"action": "start", "when": "2025-07-01",
                                           "expected_version": 2}).json()["stage"] == "construction"
    assert [s["to_state"] for s in client.get(f"{base}/steps").json()] == ["reserve", "ready", "construction"]
    client.force_login(world.users.a_leader)
    assert _post(client, f"{base}/moves",
                 {"action": "terminate", "text": "x", "expected_version": 3}).status_code == 403
    client.force_login(world.users.b_data)
    assert _post(client, f"{base}/moves",
                 {"action": "terminate", "text": "x", "expected_version": 3}).status_code == 404
    assert _post(client, f"{base}/approvals/{approvals[0]['id']}",
                 {"status": "done", "expected_version": 1}).status_code == 404


@time_machine.travel(NOW)
def test_list_rollup_and_wages_through_the_api_match_the_pages(client, world, project):
    start(world, project)
    services.record_report(world.users.a_unit, project, year=2025, month=6, month_investment="2", cumulative="6")
    client.force_login(world.users.a_unit)
    wage_url = f"/api/projects/{project.pk}/wages"
    body = {"year": 2025, "month": 6, "payroll_due": "120", "paid": "95.5", "workers": 80}
    assert _post(client, wage_url, body).status_code == 201
    fixed = _post(client, wage_url, {**body, "paid": "120", "expected_version": 1})
    assert fixed.status_code == 422 and "修改须填写原因" in fixed.json()["errors"][0]["message"]
    assert _post(client, wage_url, {**body, "paid": "120", "reason": "补发", "expected_version": 1}).status_code == 200
    assert client.get(wage_url).json()[0]["paid"] == "120"
    client.force_login(world.users.a_leader)
    listed = client.get(f"/api/projects/districts/{world.a.pk}/projects", {"stage": "construction"}).json()
    assert listed["count"] == 1 and listed["items"][0]["code"] == "HJ-2025-001"
    assert client.get(f"/api/projects/districts/{world.a.pk}/projects", {"stage": "reserve"}).json()["count"] == 0
    rollup = client.get(f"/api/projects/districts/{world.a.pk}/rollup", {"year": 2025}).json()
    assert rollup["month"] == 6 and rollup["time_pct"] == "50"
    assert rollup["rows"][-1]["label"] == "合计"
    assert (rollup["rows"][-1]["completed"], rollup["rows"][-1]["rate"]) == ("6", "50")
    assert rollup["sentence"].startswith("全年共谋划重点项目1个，总投资90.84亿元")
    detail = client.get(f"/api/projects/{project.pk}").json()
    assert detail["alerts"] == [] and detail["next_actions"] == ["complete", "terminate"]
    client.force_login(world.users.b_leader)
    assert client.get(f"/api/projects/districts/{world.a.pk}/rollup").status_code == 404
    assert client.get(f"/api/projects/districts/{world.b.pk}/projects").json()["count"] == 0


@time_machine.travel(NOW)
def test_a_leader_lists_own_projects_and_the_labour_department_reads_the_wage_table(client, world, project):
    from luoshi.projects.models import Project

    Project.objects.filter(pk=project.pk).update(leader=world.users.a_leader)
    start(world, project)
    services.record_wages(world.users.a_unit, project, year=2025, month=6, payroll_due="120", paid="95", workers=80)
    client.force_login(world.users.a_leader)
    mine = client.get("/api/projects/mine").json()
    assert [p["code"] for p in mine] == ["HJ-2025-001"] and mine[0]["next_actions"] == ["complete", "terminate"]
    table = client.get(f"/api/projects/districts/{world.a.pk}/wages").json()
    assert table == [{"project_id": project.pk, "code": "HJ-2025-001", "name": "古荥城市更新", "payroll_due": "120",
                      "paid": "95", "arrears": "25", "workers": 80,
                      "message": "6月应发120万元，实发95万元，欠发25万元（80人）"}]
    assert client.get(f"/api/projects/districts/{world.a.pk}/wages", {"year": 2025, "month": 5}).json()[0][
        "message"] == "2025年5月工资发放未报送"
    client.force_login(world.users.b_leader)
    assert client.get("/api/projects/mine").json() == []
    assert client.get(f"/api/projects/districts/{world.a.pk}/wages").status_code == 404
