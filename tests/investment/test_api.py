"""The investment ledger and the industry chains through the API: same services, same scope as the pages.
A user of district A never reads, lists or writes district B's records (404); a visible record the user
may not keep answers 403; a refused move answers 422 with the reason in words; amounts travel as exact
strings."""
import json
from datetime import date

import pytest
import time_machine

from luoshi.investment import services
from luoshi.investment.models import ChainLink, ChainMember, IndustryChain, InvestmentProject, InvestmentState, \
    Measure, Segment

NOW = "2025-07-01 10:00 +0800"


@pytest.fixture(autouse=True)
def fixed_now():
    with time_machine.travel(NOW):
        yield


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


@pytest.fixture
def ledger(world):
    """District A: a food chain with a frozen-food link (三全, 链主) and an empty seasoning link, and a lead
    from 协鑫 on that link; district B: a rail chain and one lead of its own."""
    food = IndustryChain.objects.create(organisation=world.a, name="食品", chain_leader="区长")
    world.frozen = ChainLink.objects.create(chain=food, segment=Segment.MIDSTREAM, name="速冻食品")
    ChainLink.objects.create(chain=food, segment=Segment.MIDSTREAM, name="调味品")
    ChainMember.objects.create(link=world.frozen, name="三全食品股份有限公司", enterprise=world.a_ent,
                               is_chain_master=True)
    world.food = food
    world.rail = IndustryChain.objects.create(organisation=world.b, name="轨道交通")
    ChainLink.objects.create(chain=world.rail, segment=Segment.MIDSTREAM, name="装备")
    world.lead = services.create_lead(world.users.a_data, organisation=world.a, name="协鑫新能源储能产业集群",
                                      investor="协鑫集团", lead_date=date(2025, 1, 10), method="precise",
                                      chain_link=world.frozen)
    world.b_lead = services.create_lead(world.users.b_data, organisation=world.b, name="中原轨道装备项目",
                                        investor="中原某集团", lead_date=date(2025, 2, 1))
    return world


def test_list_filters_and_detail_with_steps(client, ledger):
    u = ledger.users.a_data
    other = services.create_lead(u, organisation=ledger.a, name="预制菜产业园", investor="某食品集团",
                                 lead_date=date(2024, 5, 1), method="by_business")
    services.transition(u, ledger.lead, services.SIGN, when=date(2025, 3, 1), amount="300.1234")
    client.force_login(ledger.users.a_leader)
    url = f"/api/investment/districts/{ledger.a.pk}/projects"
    listed = client.get(url).json()
    assert listed["count"] == 2 and {p["name"] for p in listed["items"]} == {"协鑫新能源储能产业集群", "预制菜产业园"}
    assert [p["name"] for p in client.get(url, {"state": "signed"}).json()["items"]] == ["协鑫新能源储能产业集群"]
    assert [p["id"] for p in client.get(url, {"method": "by_business"}).json()["items"]] == [other.pk]
    assert [p["id"] for p in client.get(url, {"chain": ledger.food.pk}).json()["items"]] == [ledger.lead.pk]
    assert [p["id"] for p in client.get(url, {"year": 2024}).json()["items"]] == [other.pk]
    assert client.get(url, {"state": "nonsense"}).status_code == 422
    assert client.get(url, {"limit": 1}).json()["count"] == 2

    detail = client.get(f"/api/investment/projects/{ledger.lead.pk}").json()
    assert detail["amount"] == "300.1234" and detail["state"] == "signed" and detail["state_label"] == "签约"
    assert detail["chain"] == "食品" and detail["chain_link"] == "速冻食品" and detail["signed_date"] == "2025-03-01"
    assert [s["action"] for s in detail["steps"]] == ["lead", "sign"] and detail["steps"][0]["actor"] == "a_data"
    assert {a["action"] for a in detail["actions"]} == {"start", "drop"} and detail["can_keep"] is False


def test_data_staff_create_a_lead_and_move_it_decimals_exact(client, ledger):
    client.force_login(ledger.users.a_data)
    response = post(client, f"/api/investment/districts/{ledger.a.pk}/projects", {
        "name": "预制菜产业园", "investor": "某食品集团", "lead_date": "2025-04-02", "amount": "12.3456",
        "method": "by_business", "chain_link_id": ledger.frozen.pk, "responsible_unit_id": ledger.a_unit.pk})
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["amount"] == "12.3456" and created["state"] == "lead" and created["can_keep"] is True
    assert created["responsible_unit_id"] == ledger.a_unit.pk and created["steps"][0]["action"] == "lead"
    pk = created["id"]
    response = post(client, f"/api/investment/projects/{pk}/steps", {"action": "negotiate", "expected_version": 1})
    assert response.status_code == 201 and response.json()["state"] == "negotiating"
    response = post(client, f"/api/investment/projects/{pk}/steps",
                    {"action": "sign", "when": "2025-05-01", "amount": 929646.4361})  # a JSON number, read exactly
    assert response.status_code == 201 and response.json()["amount"] == "929646.4361"
    assert str(InvestmentProject.objects.get(pk=pk).amount) == "929646.4361"
    assert [s["to_state"] for s in response.json()["steps"]] == ["lead", "negotiating", "signed"]


def test_a_refused_move_answers_422_with_the_reason_and_changes_nothing(client, ledger):
    client.force_login(ledger.users.a_data)
    url = f"/api/investment/projects/{ledger.lead.pk}/steps"
    response = post(client, url, {"action": "sign", "when": "2025-03-01"})
    assert response.status_code == 422
    assert any("签约须填写投资额" in e["message"] for e in response.json()["errors"])
    response = post(client, url, {"action": "start", "when": "2025-03-01"})
    assert response.status_code == 422 and "当前状态为“线索”,不能“开工”" in response.json()["errors"][0]["message"]
    response = post(client, url, {"action": "drop"})
    assert response.status_code == 422 and "“终止”须填写说明" in response.json()["errors"][0]["message"]
    for amount in ("abc", "-1", "NaN", "1e9", "1.23456"):
        response = post(client, url, {"action": "sign", "when": "2025-03-01", "amount": amount})
        assert response.status_code == 422 and response.json()["errors"][0]["field"] == "amount", amount
    assert InvestmentProject.objects.get(pk=ledger.lead.pk).state == InvestmentState.LEAD


def test_a_stale_move_answers_409_with_the_newer_record(client, ledger):
    client.force_login(ledger.users.a_data)
    url = f"/api/investment/projects/{ledger.lead.pk}/steps"
    assert post(client, url, {"action": "negotiate", "expected_version": 1}).status_code == 201
    response = post(client, url, {"action": "drop", "text": "投资方战略调整", "expected_version": 1})
    assert response.status_code == 409 and response.json()["current"]["state"] == "negotiating"
    assert InvestmentProject.objects.get(pk=ledger.lead.pk).state == InvestmentState.NEGOTIATING


@pytest.mark.parametrize("url", [
    "/api/investment/projects/{b_lead}", "/api/investment/districts/{b}/projects",
    "/api/investment/districts/{b}/funnel",
    "/api/investment/districts/{b}/targets", "/api/investment/organisations/{b}/chains",
    "/api/investment/organisations/{b}/map", "/api/investment/chains/{rail}",
])
def test_district_a_users_get_404_for_district_b_records(client, ledger, url):
    url = url.format(b_lead=ledger.b_lead.pk, b=ledger.b.pk, rail=ledger.rail.pk)
    for role in ("a_leader", "a_data", "a_unit", "a_enterprise", "a_discipline"):
        client.force_login(getattr(ledger.users, role))
        response = client.get(url)
        assert response.status_code == 404, (role, response.content)
        assert "中原" not in response.content.decode() and "轨道" not in response.content.decode()


def test_district_a_cannot_create_or_move_in_district_b(client, ledger):
    client.force_login(ledger.users.a_data)
    response = post(client, f"/api/investment/districts/{ledger.b.pk}/projects",
                    {"name": "越界线索", "investor": "某集团", "lead_date": "2025-04-02"})
    assert response.status_code == 404
    response = post(client, f"/api/investment/projects/{ledger.b_lead.pk}/steps", {"action": "negotiate"})
    assert response.status_code == 404
    response = post(client, f"/api/investment/districts/{ledger.a.pk}/projects",  # B's chain link is no link of A's
                    {"name": "越界线索", "investor": "某集团", "lead_date": "2025-04-02",
                     "chain_link_id": ledger.rail.links.get().pk})
    assert response.status_code == 404
    assert not InvestmentProject.objects.filter(name="越界线索").exists()
    assert InvestmentProject.objects.get(pk=ledger.b_lead.pk).state == InvestmentState.LEAD


@pytest.mark.parametrize("role", ["a_leader", "a_discipline"])
def test_read_only_roles_get_403_on_writes(client, ledger, role):
    client.force_login(getattr(ledger.users, role))
    assert client.get(f"/api/investment/projects/{ledger.lead.pk}").status_code == 200
    response = post(client, f"/api/investment/districts/{ledger.a.pk}/projects",
                    {"name": "只读线索", "investor": "某集团", "lead_date": "2025-04-02"})
    assert response.status_code == 403 and "无权维护" in response.json()["detail"]
    response = post(client, f"/api/investment/projects/{ledger.lead.pk}/steps", {"action": "negotiate"})
    assert response.status_code == 403
    assert not InvestmentProject.objects.filter(name="只读线索").exists()
    assert InvestmentProject.objects.get(pk=ledger.lead.pk).state == InvestmentState.LEAD


def test_missing_fields_of_a_lead_are_named(client, ledger):
    client.force_login(ledger.users.a_data)
    response = post(client, f"/api/investment/districts/{ledger.a.pk}/projects", {"name": "x"})
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"investor", "lead_date"}
    response = post(client, f"/api/investment/districts/{ledger.a.pk}/projects",
                    {"name": " ", "investor": "某集团", "lead_date": "2025-04-02"})
    assert response.status_code == 422 and "项目名称和投资方必须填写" in response.json()["errors"][0]["message"]


def test_funnel_and_targets_of_the_year_with_exact_amounts(client, ledger):
    u = ledger.users.a_data
    services.set_target(u, organisation=ledger.a, year=2025, measure=Measure.SIGNED_AMOUNT, wording="不低于450亿元")
    services.transition(u, ledger.lead, services.SIGN, when=date(2025, 3, 1), amount="300.1234")
    client.force_login(ledger.users.a_leader)
    funnel = client.get(f"/api/investment/districts/{ledger.a.pk}/funnel", {"year": 2025}).json()
    assert [(s["key"], s["label"], s["count"], s["amount"]) for s in funnel["stages"]] == [
        ("lead", "线索", 1, "300.1234"), ("signed", "签约", 1, "300.1234"), ("started", "开工", 0, "0"),
        ("producing", "投产", 0, "0")]
    assert funnel["by_method"] == [{"key": "精准招商", "label": "精准招商", "count": 1, "amount": "300.1234"}]
    assert funnel["by_chain"][0]["label"] == "食品" and funnel["dropped"] == 0
    assert client.get(f"/api/investment/districts/{ledger.a.pk}/funnel").json()["year"] == 2025
    assert client.get(f"/api/investment/districts/{ledger.a.pk}/funnel", {"year": 99999}).status_code == 422
    [target] = client.get(f"/api/investment/districts/{ledger.a.pk}/targets", {"year": 2025}).json()
    assert target["wording"] == "不低于450亿元" and target["value"] == "450" and target["achieved"] == "300.1234"
    assert target["status"]["status"] == "met" and "超过时间进度" in target["status"]["reason"]


def test_chains_overview_panorama_and_map(client, ledger):
    client.force_login(ledger.users.a_leader)
    overview = client.get(f"/api/investment/organisations/{ledger.a.pk}/chains").json()
    assert [(c["name"], c["links"], c["enterprises"], c["masters"]) for c in overview["chains"]] == [("食品", 2, 1, 1)]
    assert overview["masters"] == 1 and {"level": "县级", "count": 1} in overview["by_level"]
    panorama = client.get(f"/api/investment/chains/{ledger.food.pk}").json()
    assert panorama["chain"]["chain_leader"] == "区长"
    links = {link["name"]: link for link in panorama["links"]}
    assert links["调味品"]["status"] == "missing" and links["速冻食品"]["status"] == "strong"
    assert links["速冻食品"]["members"][0]["is_chain_master"] is True
    assert [s["name"] for s in panorama["tree"]["children"]] == ["上游", "中游", "下游"]
    gaps = client.get(f"/api/investment/organisations/{ledger.a.pk}/map").json()
    assert [(g["chain"], g["name"], g["status"], g["label"]) for g in gaps] == [("食品", "调味品", "missing", "补链")]
    client.force_login(ledger.users.city_admin)
    city_map = client.get(f"/api/investment/organisations/{ledger.city.pk}/map").json()
    assert {g["chain"] for g in city_map} == {"食品", "轨道交通"}
