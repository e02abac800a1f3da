"""Issue 13: a date outside 2000–2100 is refused on every path it can enter — the pages' forms, the move
forms, the API, query parameters — with a Chinese reason naming the field, and nothing changes."""
import json

import pytest
import time_machine
from django.urls import reverse

from luoshi.investment import services as investment
from luoshi.investment.models import InvestmentProject
from luoshi.projects.models import Milestone, Project, ProjectApproval, Stage
from tests.projects.conftest import prepare, project  # noqa: F401 (the fixture)

NOW = "2025-07-10 10:00 +0800"
LIMITS = "日期须在2000-01-01至2100-12-31之间"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def post_json(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def refused_fields(response) -> dict[str, str]:
    assert response.status_code == 422, response.content
    return {e["field"]: e["message"] for e in response.json()["errors"]}


def test_a_project_dated_1999_is_refused_naming_the_field(client, world, project):
    client.force_login(world.users.a_data)
    form = {"name": "花园口城市更新", "category": project.category_id, "total_investment": "79", "plan_year": "2025",
            "year_plan": "9.5", "level": "district", "construction": "new", "planned_start": "1999-05-01"}
    page = client.post(reverse("projects:new", args=[world.a.pk]), form).content.decode()
    assert f"计划开工:{LIMITS}（收到“1999-05-01”）" in page
    api = post_json(client, f"/api/projects/districts/{world.a.pk}/projects", {
        "name": "花园口城市更新", "category": "城市更新", "total_investment": "79", "plan_year": 2025,
        "year_plan": "9.5", "planned_finish": "2101-01-01"})
    assert LIMITS in refused_fields(api)["planned_finish"]
    assert list(Project.objects.values_list("name", flat=True)) == ["古荥城市更新"]


def test_an_approval_settled_in_the_year_1_is_refused_and_changes_nothing(client, world, project):
    prepare(world, project)
    approval = ProjectApproval.objects.filter(project=project).first()
    approval.status = "pending"
    approval.save()
    before = ProjectApproval.objects.get(pk=approval.pk)
    client.force_login(world.users.a_data)
    page = client.post(reverse("projects:project", args=[project.pk]), {
        "form": "approval", "approval": approval.pk, "status": "done", "done_date": "0001-01-01",
        "document": "郑惠发改〔2025〕3号", "version": approval.version}).content.decode()
    assert f"办结日期:{LIMITS}" in page
    api = post_json(client, f"/api/projects/{project.pk}/approvals/{approval.pk}", {
        "status": "done", "done_date": "1999-12-31", "document": "x", "expected_version": approval.version})
    assert LIMITS in refused_fields(api)["done_date"]
    after = ProjectApproval.objects.get(pk=approval.pk)
    assert (after.status, after.done_date, after.version) == (before.status, before.done_date, before.version)


def test_a_milestone_due_in_2101_or_reached_in_1999_is_refused(client, world, project):
    client.force_login(world.users.a_data)
    url = reverse("projects:project", args=[project.pk])
    page = client.post(url, {"form": "milestone", "title": "实质性开工", "due_date": "2101-03-31"}).content.decode()
    assert f"计划完成:{LIMITS}" in page
    api = post_json(client, f"/api/projects/{project.pk}/milestones",
                    {"title": "实质性开工", "due_date": "99999-03-31"})
    assert refused_fields(api)["due_date"] == "应为日期（格式：2025-03-31）"
    assert not Milestone.objects.exists()
    made = post_json(client, f"/api/projects/{project.pk}/milestones",
                     {"title": "实质性开工", "due_date": "2025-09-30"})
    page = client.post(url, {"form": "reach", "milestone": made.json()["id"], "reached_on": "1999-09-30"})
    assert f"实际完成:{LIMITS}" in page.content.decode()
    assert Milestone.objects.get().reached_on is None


def test_a_move_dated_out_of_range_is_refused_and_the_record_stays_where_it_was(client, world, project):
    prepare(world, project)
    client.force_login(world.users.a_data)
    version = Project.objects.get(pk=project.pk).version
    page = client.post(reverse("projects:project", args=[project.pk]), {
        "form": "move", "action": "start", "when": "1999-07-01", "version": version}).content.decode()
    assert f"日期:{LIMITS}（收到“1999-07-01”）" in page
    api = post_json(client, f"/api/projects/{project.pk}/moves", {"action": "start", "when": "2101-07-01",
                                                                         "expected_version": version})
    assert LIMITS in refused_fields(api)["when"]
    assert Project.objects.get(pk=project.pk).stage == Stage.READY
    lead = investment.create_lead(world.users.a_data, organisation=world.a, name="协鑫储能", investor="协鑫集团",
                                  lead_date="2025-01-05")
    page = client.post(reverse("investment:project", args=[lead.pk]), {
        "action": "sign", "when": "2101-02-01", "amount": "300", "version": lead.version}).content.decode()
    assert f"日期:{LIMITS}" in page
    api = post_json(client, f"/api/investment/projects/{lead.pk}/steps",
                    {"action": "sign", "when": "0001-02-01", "amount": "300", "expected_version": lead.version})
    assert LIMITS in refused_fields(api)["when"]
    assert InvestmentProject.objects.get(pk=lead.pk).signed_date is None


def test_an_investment_lead_dated_1999_is_refused_on_the_form_and_the_api(client, world):
    client.force_login(world.users.a_data)
    page = client.post(reverse("investment:new_lead", args=[world.a.pk]), {
        "investor": "协鑫集团", "name": "协鑫新能源", "amount": "300", "method": "by_business",
        "lead_date": "1999-03-01"}).content.decode()
    assert f"线索日期:{LIMITS}" in page
    api = post_json(client, f"/api/investment/districts/{world.a.pk}/projects",
                    {"investor": "协鑫集团", "name": "协鑫新能源", "lead_date": "2101-03-01"})
    assert LIMITS in refused_fields(api)["lead_date"]
    with pytest.raises(Exception, match="线索日期"):  # a caller passing text goes through the same cleaner
        investment.create_lead(world.users.a_data, organisation=world.a, name="协鑫", investor="协鑫",
                               lead_date="1999-03-01")
    assert not InvestmentProject.objects.exists()


def test_a_visit_filed_or_reported_for_1999_is_refused_naming_the_field(client, world):
    from luoshi.inspections.models import PlannedVisit, UnannouncedVisitReport

    client.force_login(world.users.a_unit)
    form = {"enterprises": [world.a_ent.pk], "date": "1999-07-20", "visit_type": "survey", "category": "other",
            "legal_basis": "《统计法》第七条"}
    page = client.post(reverse("inspections:new"), form)
    assert page.status_code == 200 and f"走访日期:{LIMITS}" in page.content.decode()
    api = post_json(client, "/api/inspections/visits", {
        "enterprise_ids": [world.a_ent.pk], "date": "0001-07-20", "visit_type": "survey", "category": "other",
        "legal_basis": "《统计法》第七条"})
    assert LIMITS in refused_fields(api)["date"]
    assert client.get(reverse("inspections:verdict"), {"date": "99999-01-01", "category": "other"}).status_code == 200
    client.force_login(world.users.a_enterprise)
    api = post_json(client, "/api/inspections/reports",
                    {"visit_date": "1999-07-01", "department_name": "某局", "description": "未出示报备"})
    assert LIMITS in refused_fields(api)["visit_date"]
    assert not PlannedVisit.objects.exists() and not UnannouncedVisitReport.objects.exists()


@pytest.mark.parametrize("day", ["0001-01-01", "1999-12-31", "2101-01-01", "99999-01-01", "9999-12-31", "明年"])
def test_appeal_statistics_for_a_date_out_of_range_answer_400_on_the_page_and_422_on_the_api(client, world, day):
    client.force_login(world.users.a_leader)
    page = client.get(reverse("appeals:statistics", args=[world.a.pk]), {"date_to": day})
    assert page.status_code == 400 and "登记日期至" in page.content.decode()
    api = client.get(f"/api/appeals/districts/{world.a.pk}/statistics", {"date_from": day})
    assert "date_from" in refused_fields(api)
    assert client.get(reverse("appeals:statistics", args=[world.a.pk]), {"date_from": "2025-01-01"}).status_code == 200


def test_a_report_dated_1999_is_not_read(client, world):
    from luoshi.ingestion.models import SourceDocument

    client.force_login(world.users.a_data)
    page = client.post(reverse("ingestion:documents"), {"organisation": world.a.pk, "title": "惠济区经济工作会议",
                                                        "date": "1999-12-28", "text": "地区生产总值增长6%左右。"})
    assert f"文件日期:{LIMITS}" in page.content.decode()
    assert not SourceDocument.objects.exists()
