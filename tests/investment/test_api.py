"""The investment ledger and the industry chains through the API: same services, same scope as the pages.
A user of district A never reads, lists or writes district B's records (404); a visible record the user
may not keep answers 403; a refused move answers 422 with the reason in words; amounts travel as exact
strings."""
import json
import re
from datetime import date

import pytest
import time_machine

from luoshi.investment import services
from luoshi.investment.models import (
    ChainLink,
    ChainMember,
    IndustryChain,
    InvestmentProject,
    InvestmentState,
    Measure,
    Segment,
)

NOW = "2025-07-01 10:00 +0800"


@pytest.fixture(autouse=True)
def fixed_now():
    with time_machine.travel(NOW):
        yield


def _read_version(url) -> int:
    """The version of the project a write to `url` addresses, as a client has it from its last read."""
    pk = int(re.search(r"/projects/(\d+)", url).group(1))
    return InvestmentProject.objects.filter(pk=pk).values_list("version", flat=True).first() or 1


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
    assert [s["action"] for s in detail["steps"]] == ["lead", "sign"]
    assert [s["label"] for s in detail["steps"]] == ["登记线索", "签约"], "what was done, in words"
    first = detail["steps"][0]
    assert (first["actor"], first["actor_id"]) == ("a_data（惠济区）", ledger.users.a_data.pk), \
        "name and post, and the id"
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
                    {"expected_version": 2, "action": "sign", "when": "2025-05-01",
                     "amount": 929646.4361})  # a JSON number, read exactly
    assert response.status_code == 201 and response.json()["amount"] == "929646.4361"
    assert str(InvestmentProject.objects.get(pk=pk).amount) == "929646.4361"
    assert [s["to_state"] for s in response.json()["steps"]] == ["lead", "negotiating", "signed"]


def test_a_refused_move_answers_422_with_the_reason_and_changes_nothing(client, ledger):
    client.force_login(ledger.users.a_data)
    url = f"/api/investment/projects/{ledger.lead.pk}/steps"
    response = post(client, url, {"expected_version": _read_version(url), "action": "sign", "when": "2025-03-01"})
    assert response.status_code == 422
    assert any("签约须填写投资额" in e["message"] for e in response.json()["errors"])
    response = post(client, url, {"expected_version": _read_version(url), "action": "start", "when": "2025-03-01"})
    assert response.status_code == 422 and "当前状态为“线索”，不能“开工”" in response.json()["errors"][0]["message"]
    response = post(client, url, {"expected_version": _read_version(url), "action": "drop"})
    assert response.status_code == 422 and "“终止”须填写说明" in response.json()["errors"][0]["message"]
    for amount in ("abc", "-1", "NaN", "1e9", "1.23456"):
        response = post(client, url, {"expected_version": 1, "action": "sign", "when": "2025-03-01", "amount": amount})
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
    response = post(client, f"/api/investment/projects/{ledger.b_lead.pk}/steps", {"action": "negotiate",
                                                                                       "expected_version": 1})
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
    response = post(client, f"/api/investment/projects/{ledger.lead.pk}/steps", {"action": "negotiate",
                                                                                     "expected_version": 1})
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


# --- correcting a record's facts -----------------------------------------------------------------

def said(response) -> str:
    """The answer's JSON as text, Chinese unescaped (to look for a reason or for a name that must not show)."""
    return json.dumps(response.json(), ensure_ascii=False)


def edit(client, project, data):
    version = _read_version(f"/projects/{project.pk}")
    return post(client, f"/api/investment/projects/{project.pk}", {"expected_version": version, **data})


def test_a_correction_needs_a_reason_and_keeps_the_old_value_in_the_history(client, ledger):
    client.force_login(ledger.users.a_data)
    response = edit(client, ledger.lead, {"amount": "15.5", "leader": "李某"})
    assert response.status_code == 422
    assert [e["message"] for e in response.json()["errors"]] == ["修改已登记的招商项目须填写修订原因"]
    assert InvestmentProject.objects.get(pk=ledger.lead.pk).amount is None
    response = edit(client, ledger.lead, {"amount": "15.5", "leader": "李某", "reason": "投资方追加投资",
                                          "expected_version": 1})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["amount"], body["leader"], body["version"], body["name"]) == ("15.5", "李某", 2,
                                                                               "协鑫新能源储能产业集群")
    saved = InvestmentProject.objects.get(pk=ledger.lead.pk)
    latest, before = saved.history.all()[:2]
    assert (latest.history_change_reason, latest.history_user, before.amount) == (
        "投资方追加投资", ledger.users.a_data, None)
    # the same values again: nothing changed, nothing saved, no reason needed
    response = edit(client, ledger.lead, {"amount": "15.5000", "leader": "李某"})
    assert response.status_code == 200 and response.json()["version"] == 2 and saved.history.count() == 2
    # null clears an optional fact; the chain link of the district's own chain may be changed
    response = edit(client, ledger.lead, {"chain_link_id": None, "sector": None, "reason": "暂未归链"})
    assert response.status_code == 200 and response.json()["chain_link_id"] is None
    assert InvestmentProject.objects.get(pk=ledger.lead.pk).sector == ""


def test_a_correction_is_refused_with_the_same_reasons_as_the_page(client, ledger):
    client.force_login(ledger.users.a_data)
    response = edit(client, ledger.lead, {"signed_date": "2025-03-01", "reason": "补录"})
    assert response.status_code == 422
    assert "项目尚未签约，不能填写签约日期（请通过“办理”推进）" in response.json()["errors"][0]["message"]
    services.transition(ledger.users.a_data, ledger.lead, services.SIGN, when=date(2025, 3, 1), amount="300")
    response = edit(client, ledger.lead, {"signed_date": "2025-01-01", "reason": "更正"})
    assert response.status_code == 422 and "签约日期2025-01-01早于线索日期2025-01-10" in said(response)
    response = edit(client, ledger.lead, {"amount": None, "reason": "更正"})
    assert response.status_code == 422 and "已签约的项目须填写投资额(亿元)" in said(response)
    response = edit(client, ledger.lead, {"name": " ", "reason": "更正"})
    assert response.status_code == 422 and "项目名称和投资方必须填写" in said(response)
    for amount in ("abc", "-1", "1e9", "1.23456"):
        response = edit(client, ledger.lead, {"amount": amount, "reason": "更正"})
        assert response.status_code == 422 and response.json()["errors"][0]["field"] == "amount", amount
    assert edit(client, ledger.lead, {"expected_version": 0, "reason": "x"}).status_code == 422
    response = edit(client, ledger.lead, {"signed_date": "2025-03-03", "reason": "按合同更正"})
    assert response.status_code == 200 and response.json()["signed_date"] == "2025-03-03"
    saved = InvestmentProject.objects.get(pk=ledger.lead.pk)
    assert saved.amount == 300 and saved.state == InvestmentState.SIGNED


def test_a_stale_correction_answers_409_with_the_newer_record(client, ledger):
    client.force_login(ledger.users.a_data)
    services.update_investment(ledger.users.a_data, ledger.lead, leader="李某", reason="调整分包领导")
    response = edit(client, ledger.lead, {"amount": "20", "reason": "更正", "expected_version": 1})
    assert response.status_code == 409
    assert response.json()["current"]["version"] == 2 and response.json()["current"]["leader"] == "李某"
    assert InvestmentProject.objects.get(pk=ledger.lead.pk).amount is None


@pytest.mark.parametrize("role", ["a_leader", "a_discipline"])
def test_read_only_roles_get_403_on_a_correction(client, ledger, role):
    client.force_login(getattr(ledger.users, role))
    response = edit(client, ledger.lead, {"amount": "1", "reason": "x"})
    assert response.status_code == 403 and "无权维护" in response.json()["detail"]
    assert InvestmentProject.objects.get(pk=ledger.lead.pk).version == 1


def test_district_a_cannot_correct_district_b_records_nor_use_their_links_and_units(client, ledger):
    client.force_login(ledger.users.a_data)
    response = edit(client, ledger.b_lead, {"amount": "1", "reason": "x"})
    assert response.status_code == 404 and "中原" not in said(response)
    assert edit(client, ledger.lead, {"chain_link_id": ledger.rail.links.get().pk, "reason": "x"}).status_code == 404
    assert edit(client, ledger.lead, {"responsible_unit_id": ledger.b_unit.pk, "reason": "x"}).status_code == 404
    assert edit(client, ledger.lead, {"chain_link_id": 2**63 - 1, "reason": "x"}).status_code == 404
    assert edit(client, ledger.lead, {"chain_link_id": 2**63, "reason": "x"}).status_code == 422
    assert InvestmentProject.objects.get(pk=ledger.b_lead.pk).amount is None
    assert InvestmentProject.objects.get(pk=ledger.lead.pk).chain_link == ledger.frozen


# --- editing a chain -----------------------------------------------------------------------------

def test_planning_staff_edit_a_chain_through_the_api_as_on_the_chain_page(client, ledger):
    client.force_login(ledger.users.a_data)
    response = post(client, f"/api/investment/organisations/{ledger.a.pk}/chains",
                    {"name": "预制菜", "level": "county", "chain_leader": "副区长 李某"})
    assert response.status_code == 201, response.content
    new = response.json()
    assert new["chain"]["name"] == "预制菜" and new["chain"]["chain_leader"] == "副区长 李某" and new["links"] == []
    response = post(client, f"/api/investment/organisations/{ledger.a.pk}/chains", {"name": "食品"})
    assert response.status_code == 422 and "已有“食品”产业链" in said(response)
    assert post(client, f"/api/investment/organisations/{ledger.a.pk}/chains",
                {"name": "x", "level": "galaxy"}).status_code == 422

    url = f"/api/investment/chains/{ledger.food.pk}"
    read = client.get(url).json()["version"]
    response = post(client, f"{url}/leader", {"chain_leader": "区长 王某", "expected_version": read})
    assert response.status_code == 422 and "更换链长须填写原因（现任链长：区长）" in said(response)
    response = post(client, f"{url}/leader",
                    {"chain_leader": "区长 王某", "reason": "人事调整", "expected_version": read})
    assert response.status_code == 200 and response.json()["chain"]["chain_leader"] == "区长 王某"
    ledger.food.refresh_from_db()
    assert ledger.food.history.order_by("-history_id").first().history_change_reason == "人事调整"

    response = post(client, f"{url}/links", {"segment": "upstream", "name": "农产品基地", "planned": True})
    assert response.status_code == 201
    link = response.json()
    assert (link["name"], link["segment"], link["status"], link["label"]) == ("农产品基地", "upstream", "extend",
                                                                              "延链")
    response = post(client, f"{url}/links", {"segment": "midstream", "name": "速冻食品"})
    assert response.status_code == 422 and "“食品”产业链已有“速冻食品”环节" in said(response)
    link_url = f"/api/investment/chain-links/{link['link_id']}"
    response = post(client, link_url, {"segment": "upstream", "name": "原料基地", "expected_version": link["version"]})
    assert response.status_code == 422 and "修改环节须填写原因" in said(response)
    response = post(client, link_url, {"segment": "upstream", "name": "原料基地", "reason": "统一名称",
                                       "expected_version": link["version"]})
    assert response.status_code == 200 and response.json()["name"] == "原料基地" and response.json()["planned"] is True
    stale = post(client, link_url, {"segment": "midstream", "name": "原料", "reason": "再改",
                                    "expected_version": link["version"]})
    assert stale.status_code == 409 and stale.json()["current"]["name"] == "原料基地"
    assert ChainLink.objects.get(pk=link["link_id"]).history.first().history_change_reason == "统一名称"

    response = post(client, f"{link_url}/members", {"enterprise_id": ledger.a_ent.pk})
    assert response.status_code == 201
    member = response.json()["members"][0]
    assert member["name"] == "三全食品股份有限公司" and member["enterprise_id"] == ledger.a_ent.pk
    response = post(client, f"{link_url}/members", {"name": "惠济区蔬菜合作社", "is_chain_master": True})
    assert response.status_code == 201 and response.json()["status"] == "strong"
    assert post(client, f"{link_url}/members", {"name": " "}).status_code == 422
    response = post(client, f"{link_url}/members", {"name": "三全食品股份有限公司"})
    assert response.status_code == 422 and "已有“三全食品股份有限公司”" in said(response)

    master_url = f"/api/investment/chain-members/{member['id']}/master"
    response = post(client, master_url, {"is_chain_master": True, "expected_version": member["version"]})
    assert response.status_code == 200 and ChainMember.objects.get(pk=member["id"]).is_chain_master
    response = post(client, master_url, {"is_chain_master": False,
                                         "expected_version": response.json()["members"][0]["version"]})
    assert response.status_code == 422 and "取消链主须填写原因" in said(response)
    removal = f"/api/investment/chain-members/{member['id']}/removal"
    response = post(client, removal, {})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "reason"
    response = post(client, removal, {"reason": " "})
    assert response.status_code == 422 and "移除链上企业须填写原因" in said(response)
    response = post(client, removal, {"reason": "企业迁出"})
    assert response.status_code == 200 and [m["name"] for m in response.json()["members"]] == ["惠济区蔬菜合作社"]
    gone = ChainMember.history.filter(id=member["id"]).first()
    assert (gone.history_type, gone.history_change_reason, gone.history_user) == ("-", "企业迁出", ledger.users.a_data)
    panorama = client.get(url).json()
    assert {link["name"] for link in panorama["links"]} == {"速冻食品", "调味品", "原料基地"}


@pytest.mark.parametrize("role", ["a_leader", "a_discipline"])
def test_read_only_roles_get_403_on_every_chain_write(client, ledger, role):
    client.force_login(getattr(ledger.users, role))
    member = ChainMember.objects.get(link=ledger.frozen)
    writes = [(f"/api/investment/organisations/{ledger.a.pk}/chains", {"name": "新链"}),
              (f"/api/investment/chains/{ledger.food.pk}/leader", {"chain_leader": "某", "reason": "x",
                                                                   "expected_version": 1}),
              (f"/api/investment/chains/{ledger.food.pk}/links", {"segment": "upstream", "name": "原料"}),
              (f"/api/investment/chain-links/{ledger.frozen.pk}", {"segment": "upstream", "name": "改名", "reason": "x",
                                                                   "expected_version": 1}),
              (f"/api/investment/chain-links/{ledger.frozen.pk}/members", {"name": "某企业"}),
              (f"/api/investment/chain-members/{member.pk}/master", {"is_chain_master": False, "reason": "x",
                                                                     "expected_version": 1}),
              (f"/api/investment/chain-members/{member.pk}/removal", {"reason": "x"})]
    for url, data in writes:
        response = post(client, url, data)
        assert response.status_code == 403, (url, response.content)
        assert "无权维护" in response.json()["detail"]
    assert client.get(f"/api/investment/chains/{ledger.food.pk}").status_code == 200
    ledger.food.refresh_from_db()
    member.refresh_from_db()
    assert ledger.food.chain_leader == "区长" and member.is_chain_master and ledger.food.links.count() == 2
    assert not IndustryChain.objects.filter(name="新链").exists()
    assert not ChainMember.objects.filter(name="某企业").exists()


def test_district_a_gets_404_on_district_b_chains_links_members_and_enterprises(client, ledger):
    rail_link = ledger.rail.links.get()
    rail_member = ChainMember.objects.create(link=rail_link, name="中原某装备企业")
    client.force_login(ledger.users.a_data)
    writes = [(f"/api/investment/organisations/{ledger.b.pk}/chains", {"name": "越界链"}),
              (f"/api/investment/chains/{ledger.rail.pk}/leader", {"chain_leader": "某", "expected_version": 1}),
              (f"/api/investment/chains/{ledger.rail.pk}/links", {"segment": "upstream", "name": "越界环节"}),
              (f"/api/investment/chain-links/{rail_link.pk}", {"segment": "upstream", "name": "越界", "reason": "x",
                                                               "expected_version": 1}),
              (f"/api/investment/chain-links/{rail_link.pk}/members", {"name": "越界企业"}),
              (f"/api/investment/chain-members/{rail_member.pk}/master", {"is_chain_master": True,
                                                                          "expected_version": 1}),
              (f"/api/investment/chain-members/{rail_member.pk}/removal", {"reason": "x"}),
              # district A's own link, but district B's enterprise of the register
              (f"/api/investment/chain-links/{ledger.frozen.pk}/members", {"enterprise_id": ledger.b_ent.pk})]
    for url, data in writes:
        response = post(client, url, data)
        assert response.status_code == 404, (url, response.content)
        assert "中原" not in said(response) and "轨道" not in said(response)
    ledger.rail.refresh_from_db()
    rail_member.refresh_from_db()
    assert ledger.rail.chain_leader == "" and rail_link.members.count() == 1 and not rail_member.is_chain_master
    assert not IndustryChain.objects.filter(name="越界链").exists()
    assert not ChainMember.objects.filter(enterprise=ledger.b_ent).exists()


def test_the_city_edits_a_district_chain_through_the_api(client, ledger):
    client.force_login(ledger.users.city_admin)
    response = post(client, f"/api/investment/chains/{ledger.rail.pk}/links", {"segment": "downstream", "name": "运维"})
    assert response.status_code == 201 and response.json()["chain"] == "轨道交通"


# --- 三个一批 ---------------------------------------------------------------------------------------

def test_batches_of_the_year_by_month_with_counts_and_exact_totals(client, ledger):
    u = ledger.users.a_data
    services.transition(u, ledger.lead, services.SIGN, when=date(2025, 3, 18), amount="300.1234")
    services.transition(u, ledger.lead, services.START, when=date(2025, 6, 20))
    other = services.create_lead(u, organisation=ledger.a, name="预制菜产业园", investor="某食品集团",
                                 lead_date=date(2024, 5, 1), amount="12.5")
    services.transition(u, other, services.SIGN, when=date(2025, 3, 25))
    old = services.create_lead(u, organisation=ledger.a, name="去年项目", investor="某集团", lead_date=date(2024, 1, 1),
                               amount="7")
    services.transition(u, old, services.SIGN, when=date(2024, 3, 1))
    services.transition(ledger.users.b_data, ledger.b_lead, services.SIGN, when=date(2025, 3, 18), amount="99")
    client.force_login(ledger.users.a_leader)
    url = f"/api/investment/districts/{ledger.a.pk}/batches"
    data = client.get(url, {"year": 2025}).json()
    assert data["year"] == 2025 and data["organisation_id"] == ledger.a.pk
    assert [(e["month"], e["dates"], e["count"]) for e in data["events"]] == [
        (3, ["2025-03-18", "2025-03-25"], 2), (6, ["2025-06-20"], 1)]
    march = {b["key"]: b for b in data["events"][0]["batches"]}
    assert (march["signed"]["label"], march["signed"]["count"], march["signed"]["amount"]) == ("签约一批", 2,
        "312.6234")
    assert [(p["name"], p["event_date"], p["amount"], p["chain"]) for p in march["signed"]["projects"]] == [
        ("协鑫新能源储能产业集群", "2025-03-18", "300.1234", "食品"), ("预制菜产业园", "2025-03-25", "12.5", None)]
    assert march["started"]["count"] == 0 and march["started"]["amount"] == "0"
    assert [(t["key"], t["count"], t["amount"]) for t in data["totals"]] == [
        ("signed", 2, "312.6234"), ("started", 1, "300.1234"), ("producing", 0, "0")]
    assert "中原" not in json.dumps(data, ensure_ascii=False)
    assert client.get(url).json()["year"] == 2025  # this year by default
    assert [t["count"] for t in client.get(url, {"year": 2024}).json()["totals"]] == [1, 0, 0]
    assert client.get(url, {"year": 99999}).status_code == 422
    assert client.get(f"/api/investment/districts/{ledger.b.pk}/batches").status_code == 404


def test_the_list_year_filter_is_the_ledger_page_rule(client, ledger):
    """A project belongs to every year in which one of its steps falls (lead 2024, signed 2025: both)."""
    other = services.create_lead(ledger.users.a_data, organisation=ledger.a, name="预制菜产业园", investor="某食品集团",
                                 lead_date=date(2024, 5, 1), amount="12.5")
    services.transition(ledger.users.a_data, other, services.SIGN, when=date(2025, 3, 25))
    client.force_login(ledger.users.a_leader)
    url = f"/api/investment/districts/{ledger.a.pk}/projects"
    assert {p["name"] for p in client.get(url, {"year": 2025}).json()["items"]} == {"协鑫新能源储能产业集群",
                                                                                    "预制菜产业园"}
    assert [p["name"] for p in client.get(url, {"year": 2024}).json()["items"]] == ["预制菜产业园"]
    assert client.get(url, {"year": 2023}).json()["count"] == 0


@time_machine.travel("2025-07-01 10:00 +0800")
def test_the_year_plan_is_entered_by_the_api_refused_above_the_amount_and_corrected_with_a_reason(world, client):
    from luoshi.investment.models import InvestmentProject

    client.force_login(world.users.a_data)
    url = f"/api/investment/districts/{world.a.pk}/projects"
    bad = client.post(url, {"name": "冷链物流园", "investor": "某物流集团", "lead_date": "2025-06-01", "amount": "5",
                            "year_plan": "6"}, content_type="application/json")
    assert bad.status_code == 422 and bad.json()["errors"] == [{"field": "year_plan",
                                                                "message": "年度计划投资不能大于投资额"}]
    assert not InvestmentProject.objects.filter(name="冷链物流园").exists()
    made = client.post(url, {"name": "冷链物流园", "investor": "某物流集团", "lead_date": "2025-06-01", "amount": "5",
                             "year_plan": "2.5"}, content_type="application/json")
    assert made.status_code == 201 and made.json()["year_plan"] == "2.5"
    pk = made.json()["id"]
    edited = client.post(f"/api/investment/projects/{pk}", {"year_plan": "3", "reason": "年中调整",
                                                            "expected_version": 1}, content_type="application/json")
    assert edited.status_code == 200 and edited.json()["year_plan"] == "3"
    client.force_login(world.users.b_data)
    assert client.post(f"/api/investment/projects/{pk}", {"year_plan": "1", "reason": "x", "expected_version": 2},
                       content_type="application/json").status_code == 404
