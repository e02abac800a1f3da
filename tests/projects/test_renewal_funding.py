"""城市更新 片区 → 单元 → 项目 as records of the district, and the policy-funding roll-up in the seed's words."""
import json
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from luoshi.core.workflow import Refused
from luoshi.projects import funding, renewal, services
from tests.projects.conftest import NOW


def _post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def _project(world, name, total, **facts):
    return services.create_project(world.users.a_data, organisation=world.a, name=name, category="城市更新",
                                   total_investment=total, plan_year=2025, year_plan="1", **facts)


@time_machine.travel(NOW)
def test_renewal_tree_counts_projects_and_money_by_area_and_unit(client, world, project):
    u = world.users.a_data
    guxing = renewal.add_area(u, world.a, "古荥片区")
    huayuankou = renewal.add_area(u, world.a, "花园口片区")
    units = [renewal.add_unit(u, guxing, "古荥老街单元"), renewal.add_unit(u, guxing, "大运河单元"),
             renewal.add_unit(u, huayuankou, "黄河湿地单元")]
    services.update_project(u, project, reason="归入单元", renewal=units[0].pk)
    _project(world, "大运河文化带", "20", renewal=units[1])
    _project(world, "黄河湿地公园", "15.5", renewal=units[2])
    found = renewal.tree(world.users.a_leader, world.a, 2025)
    assert found["sentence"] == "2大片区3个单元3个项目，总投资126.34亿元。"
    areas = {a.name: (a.count, a.total, [u.name for u in a.children]) for a in found["root"].children}
    assert areas == {"古荥片区": (2, Decimal("110.84"), ["古荥老街单元", "大运河单元"]),
                     "花园口片区": (1, Decimal("15.5"), ["黄河湿地单元"])}
    client.force_login(world.users.a_leader)
    page = client.get(reverse("projects:renewal", args=[world.a.pk])).content.decode()
    assert "2大片区3个单元3个项目" in page and "黄河湿地公园" in page
    api = client.get(f"/api/projects/districts/{world.a.pk}/renewal").json()
    assert api["tree"]["children"][0]["children"][0]["children"][0]["name"] == "古荥城市更新"
    rollup_page = client.get(reverse("projects:rollup", args=[world.a.pk]), {"year": 2025}).content.decode()
    assert "2大片区3个单元3个项目" in rollup_page


@time_machine.travel(NOW)
def test_areas_and_units_are_kept_by_the_districts_staff_only_and_named_once(client, world):
    with pytest.raises(Refused, match="片区“古荥片区”已存在"):
        renewal.add_area(world.users.a_data, world.a, "古荥片区")
        renewal.add_area(world.users.a_data, world.a, "古荥片区")
    client.force_login(world.users.a_data)
    made = _post(client, f"/api/projects/districts/{world.a.pk}/renewal/areas", {"name": "花园口片区"})
    assert made.status_code == 201
    assert _post(client, f"/api/projects/districts/{world.a.pk}/renewal/areas", {"name": " "}).status_code == 422
    client.force_login(world.users.b_data)
    assert _post(client, f"/api/projects/districts/{world.a.pk}/renewal/areas/{made.json()['id']}/units",
                 {"name": "x"}).status_code == 404
    client.force_login(world.users.a_leader)
    assert _post(client, f"/api/projects/districts/{world.a.pk}/renewal/areas", {"name": "y"}).status_code == 403
    assert client.post(reverse("projects:renewal", args=[world.a.pk]), {"name": "y"}).status_code == 403


@time_machine.travel(NOW)
def test_a_project_cannot_be_put_in_another_districts_renewal_unit(world, project):
    other = renewal.add_unit(world.users.b_data, renewal.add_area(world.users.b_data, world.b, "须水片区"), "须水单元")
    with pytest.raises(Refused, match="不是惠济区的城市更新单元"):
        services.update_project(world.users.a_data, project, reason="x", renewal=other.pk)


@time_machine.travel(NOW)
def test_policy_funding_roll_up_says_it_as_the_district_reports_it(client, world, project):
    services.update_project(world.users.a_data, project, reason="入库", in_national_library=True,
                            funding_demand="30.25", funding_channel="special_bond", funding_state="applied")
    _project(world, "黄河湿地公园", "15.5", in_national_library=True, funding_demand="5", funding_channel="中央预算内",
             funding_state="已获批")
    _project(world, "未入库项目", "100")
    found = funding.summary(world.users.a_leader, world.a)
    assert found["sentence"] == ("录入国家重大项目库储备项目2个，总投资106.34亿元，资金需求35.25亿元，"
                                 "其中中央预算内1个、资金需求5亿元;专项债1个、资金需求30.25亿元。")
    client.force_login(world.users.a_leader)
    api = client.get(f"/api/projects/districts/{world.a.pk}/funding").json()
    assert api["total"] == {"label": "合计", "count": 2, "total": "106.34", "demand": "35.25"}
    assert [(s["label"], s["count"]) for s in api["states"]] == [("已申报", 1), ("已获批", 1)]
    client.force_login(world.users.b_leader)
    assert client.get(f"/api/projects/districts/{world.a.pk}/funding").status_code == 404
    assert funding.summary(world.users.b_leader, world.b)["sentence"] == ""


@time_machine.travel(NOW)
def test_funding_demand_above_the_total_is_refused(world, project):
    with pytest.raises(Refused, match="资金需求100亿元超过总投资90.84亿元"):
        services.update_project(world.users.a_data, project, reason="x", funding_demand="100")
