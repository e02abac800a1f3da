"""Creating a project (储备库) and editing its facts: by the API and by the page, with the same refusals in
the same words, a generated readable code, history with reasons, stale edits refused, and another
district's projects, units and leaders out of reach."""
import json
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from luoshi.projects import services
from luoshi.projects.facts import FactsRefused
from luoshi.projects.models import Project, ProjectCategory, Stage
from tests.projects.conftest import NOW


def _post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


MINIMAL = {"name": "花园口城市更新", "category": "城市更新", "total_investment": "79", "plan_year": 2025,
           "year_plan": "9.5"}


@pytest.fixture
def lists(world):
    services.ensure_lists()


@time_machine.travel(NOW)
def test_data_staff_add_a_project_by_api_with_five_facts_and_get_a_readable_generated_code(client, world, lists):
    client.force_login(world.users.a_data)
    first = _post(client, f"/api/projects/districts/{world.a.pk}/projects", MINIMAL)
    assert first.status_code == 201, first.json()
    body = first.json()
    assert (body["code"], body["stage"], body["category"], body["total_investment"], body["year_plan"],
            body["level"], body["construction"]) == ("惠济区-2025-001", "reserve", "城市更新", "79", "9.5", "district",
                                                     "new")
    second = _post(client, f"/api/projects/districts/{world.a.pk}/projects", {**MINIMAL, "name": "古荥城市更新"})
    assert second.json()["code"] == "惠济区-2025-002"
    project = Project.objects.get(pk=body["id"])
    assert project.history.first().history_change_reason == "纳入储备库"
    assert [s.to_state for s in project.steps.all()] == ["reserve"]


@time_machine.travel(NOW)
def test_generated_code_follows_the_prefix_the_district_already_uses(world, lists):
    category = ProjectCategory.objects.get(name="基础设施")
    services.create_project(world.users.a_data, organisation=world.a, code="HJ-2025-007", name="一", category=category,
                            total_investment="1", plan_year=2025, year_plan="1")
    made = services.create_project(world.users.a_data, organisation=world.a, name="二", category="基础设施",
                                   total_investment="2", plan_year=2026, year_plan="0")
    again = services.create_project(world.users.a_data, organisation=world.a, name="三", category="基础设施",
                                    total_investment="2", plan_year=2025, year_plan="0")
    assert (made.code, again.code) == ("HJ-2026-001", "HJ-2025-008")


@time_machine.travel(NOW)
def test_a_project_with_every_fact_keeps_them_all(client, world, lists):
    client.force_login(world.users.a_data)
    response = _post(client, f"/api/projects/districts/{world.a.pk}/projects", {
        **MINIMAL, "code": "HJ-2025-100", "responsible_unit": world.a_unit.pk, "leader": world.users.a_leader.pk,
        "level": "省重点", "batch": "starting", "batch_date": "2025-03-28", "construction": "continuing",
        "planned_start": "2025-04-01", "planned_finish": "2027-12-31", "location": "花园口镇",
        "in_national_library": True, "funding_demand": "30.5", "funding_channel": "special_bond",
        "funding_state": "applied"})
    assert response.status_code == 201, response.json()
    p = Project.objects.get(code="HJ-2025-100")
    assert (p.responsible_unit, p.leader, p.level, p.batch, p.batch_date, p.construction, p.planned_start,
            p.planned_finish, p.location, p.in_national_library, p.funding_demand, p.funding_channel,
            p.funding_state) == (world.a_unit, world.users.a_leader, "province", "starting", date(2025, 3, 28),
                                 "continuing", date(2025, 4, 1), date(2027, 12, 31), "花园口镇", True,
                                 Decimal("30.5"), "special_bond", "applied")


@time_machine.travel(NOW)
def test_bad_facts_are_refused_field_by_field_in_chinese_and_nothing_is_saved(client, world, lists):
    client.force_login(world.users.a_data)
    response = _post(client, f"/api/projects/districts/{world.a.pk}/projects", {
        "name": "", "category": "体育", "total_investment": "12.345678", "plan_year": 2025, "year_plan": "-1",
        "responsible_unit": world.b_unit.pk, "leader": world.users.b_leader.pk, "level": "国家级",
        "planned_start": "2025-09-01", "planned_finish": "2025-03-01"})
    assert response.status_code == 422
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert errors == {
        "name": "项目名称：必须填写",
        "category": "类别：“体育”不是已有的项目类别（可选：基础设施、产业转型、绿色低碳、民生和社会事业、城市更新、"
                    "棚户区改造）",
        "total_investment": "总投资(亿元):最多4位小数(收到“12.345678”)",
        "year_plan": "年度计划投资(亿元):不能为负数(收到“-1”)",
        "responsible_unit": "责任单位：“%d”不是惠济区的单位" % world.b_unit.pk,
        "leader": "分包领导：“%d”不是惠济区的区领导" % world.users.b_leader.pk,
        "level": "级别：“国家级”不是可选项（可选：省重点、市重点、区重点）",
        "planned_finish": "计划竣工2025-03-01早于计划开工2025-09-01"}
    assert not Project.objects.exists()


@time_machine.travel(NOW)
def test_the_plan_above_the_total_is_refused(world, lists):
    with pytest.raises(FactsRefused) as refused:
        services.create_project(world.users.a_data, organisation=world.a, **{**MINIMAL, "year_plan": "80"})
    assert refused.value.errors == [("year_plan", "年度计划投资80亿元超过总投资79亿元")]


@time_machine.travel(NOW)
def test_district_a_cannot_create_in_district_b_and_a_leader_cannot_create_at_all(client, world, lists):
    client.force_login(world.users.a_data)
    assert _post(client, f"/api/projects/districts/{world.b.pk}/projects", MINIMAL).status_code == 404
    assert client.get(reverse("projects:new", args=[world.b.pk])).status_code == 404
    client.force_login(world.users.a_leader)
    refused = _post(client, f"/api/projects/districts/{world.a.pk}/projects", MINIMAL)
    assert refused.status_code == 403 and refused.json()["detail"] == "无权维护惠济区的重点项目"
    assert client.get(reverse("projects:new", args=[world.a.pk])).status_code == 403
    assert not Project.objects.exists()
    client.force_login(world.users.city_admin)
    assert _post(client, f"/api/projects/districts/{world.b.pk}/projects", MINIMAL).status_code == 201


@pytest.fixture
def made(world, lists):
    with time_machine.travel(NOW):
        return services.create_project(world.users.a_data, organisation=world.a, code="HJ-2025-001",
                                       **{**MINIMAL, "responsible_unit": world.a_unit})


@time_machine.travel(NOW)
def test_editing_any_subset_needs_the_version_and_a_reason_and_is_kept_in_history(client, world, made):
    client.force_login(world.users.a_data)
    url = f"/api/projects/{made.pk}"
    no_reason = _post(client, url, {"version": 1, "leader": world.users.a_leader.pk})
    assert no_reason.status_code == 422 and no_reason.json()["errors"] == [
        {"field": "reason", "message": "修改项目信息须填写原因"}]
    edited = _post(client, url, {"version": 1, "leader": world.users.a_leader.pk, "level": "city",
                                 "planned_start": "2025-08-01", "planned_finish": "2026-12-31",
                                 "reason": "区政府常务会议明确分包领导"})
    assert edited.status_code == 200
    assert (edited.json()["version"], edited.json()["leader_id"]) == (2, world.users.a_leader.pk)
    p = Project.objects.get(pk=made.pk)
    assert (p.level, p.planned_start, p.name, p.total_investment) == ("city", date(2025, 8, 1), "花园口城市更新",
                                                                      Decimal("79"))
    assert p.history.first().history_change_reason == "区政府常务会议明确分包领导"
    same = _post(client, url, {"version": 2, "level": "市重点"})
    assert same.status_code == 200 and same.json()["version"] == 2
    stale = _post(client, url, {"version": 1, "total_investment": "80", "reason": "调整"})
    assert stale.status_code == 409 and stale.json()["current"]["version"] == 2
    assert stale.json()["current"]["leader_id"] == world.users.a_leader.pk
    assert Project.objects.get(pk=made.pk).total_investment == Decimal("79")


@time_machine.travel(NOW)
def test_an_edit_cannot_name_another_districts_unit_or_leader_nor_reach_its_project(client, world, made):
    client.force_login(world.users.a_data)
    url = f"/api/projects/{made.pk}"
    refused = _post(client, url, {"version": 1, "responsible_unit": world.b_unit.pk, "leader": world.users.b_leader.pk,
                                  "reason": "调整"})
    assert refused.status_code == 422 and [e["field"] for e in refused.json()["errors"]] == ["responsible_unit",
        "leader"]
    assert Project.objects.get(pk=made.pk).version == 1
    client.force_login(world.users.b_data)
    assert _post(client, url, {"version": 1, "name": "改名", "reason": "猜的编号"}).status_code == 404
    assert client.get(reverse("projects:edit", args=[made.pk])).status_code == 404
    client.force_login(world.users.a_unit)  # the responsible unit sees the project but does not keep it
    assert _post(client, url, {"version": 1, "name": "改名", "reason": "x"}).status_code == 403
    assert Project.objects.get(pk=made.pk).name == "花园口城市更新"


@time_machine.travel(NOW)
def test_data_clerk_adds_a_project_by_the_page_and_sees_refusals_next_to_the_fields(client, world, lists):
    client.force_login(world.users.a_data)
    url = reverse("projects:new", args=[world.a.pk])
    assert "新建项目" in client.get(reverse("projects:board", args=[world.a.pk])).content.decode()
    category = ProjectCategory.objects.get(name="城市更新")
    form = {"name": "花园口城市更新", "category": category.pk, "total_investment": "79", "plan_year": "2025",
            "year_plan": "80", "level": "district", "construction": "new", "leader": world.users.b_leader.pk}
    page = client.post(url, form).content.decode()
    assert "年度计划投资80亿元超过总投资79亿元" in page and "不是惠济区的区领导" in page
    assert not Project.objects.exists()
    response = client.post(url, {**form, "year_plan": "9.5", "leader": world.users.a_leader.pk,
                                 "responsible_unit": world.a_unit.pk})
    project = Project.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("projects:project", args=[project.pk])
    assert (project.code, project.stage, project.leader, project.responsible_unit) == (
        "惠济区-2025-001", Stage.RESERVE, world.users.a_leader, world.a_unit)


@time_machine.travel(NOW)
def test_a_stale_edit_page_is_refused_and_shows_the_newer_record(client, world, made):
    client.force_login(world.users.a_data)
    url = reverse("projects:edit", args=[made.pk])
    page = client.get(url).content.decode()
    assert 'name="reason"' in page and 'value="花园口城市更新"' in page
    services.update_project(world.users.a_data, made, reason="核减总投资", expected_version=1, total_investment="70")
    form = {"name": "花园口城市更新(一期)", "category": made.category_id, "total_investment": "79", "plan_year": "2025",
            "year_plan": "9.5", "level": "district", "construction": "new", "version": "1", "reason": "改名"}
    page = client.post(url, form).content.decode()
    assert "该记录已被他人修改（当前版本2）" in page and "当前记录" in page and ">70<" in page
    assert Project.objects.get(pk=made.pk).name == "花园口城市更新"
    blind = client.post(url, {k: v for k, v in form.items() if k != "version"}).content.decode()
    assert "缺少所读到的版本（version），未作任何修改" in blind, "a version-less POST is refused naming the field"
    assert Project.objects.get(pk=made.pk).name == "花园口城市更新"
    response = client.post(url, {**form, "version": "2", "total_investment": "70"})
    assert response.status_code == 302
    assert Project.objects.get(pk=made.pk).name == "花园口城市更新(一期)"
