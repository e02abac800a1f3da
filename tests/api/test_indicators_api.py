"""The JSON API answers what the pages answer: same scope, same validation, exact figures."""
import json

import pytest
import time_machine
from django.test import Client

from luoshi.indicators.models import Actual, Target
from luoshi.indicators.services import record_actual, set_target
from tests.conftest import PASSWORD

NOW = "2025-11-24 10:00 +0800"


@pytest.fixture
def ledger(world, indicator):
    gdp = indicator("gdp")
    with time_machine.travel(NOW):
        world.a_target = set_target(world.users.a_data, organisation=world.a, indicator=gdp, year=2025,
                                    wording="增长6%左右", source="惠济区政府工作报告")
        world.a_actual = record_actual(world.users.a_data, organisation=world.a, indicator=gdp, year=2025, month=9,
                                       value="241.8", growth_pct="6")
        world.b_target = set_target(world.users.b_data, organisation=world.b, indicator=gdp, year=2025,
                                    wording="增长7%以上")
        world.b_actual = record_actual(world.users.b_data, organisation=world.b, indicator=gdp, year=2025, month=9,
                                       value="600.12", growth_pct="5.1")
    world.gdp = gdp
    return world


def as_user(client, user):
    client.force_login(user)
    return client


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def report(client, org, month, **fields):
    """Post one GDP actual of 2025 for `org`."""
    return post(client, "/api/indicators/actuals", {"organisation_id": org.pk, "indicator": "gdp", "year": 2025,
                                                    "month": month, **fields})


def test_unauthenticated_api_call_is_refused(client, ledger):
    assert client.get("/api/indicators/targets").status_code == 401
    assert post(client, "/api/indicators/actuals", {}).status_code == 401


def test_openapi_docs_page_and_schema_load(client, world):
    as_user(client, world.users.a_data)
    assert client.get("/api/docs").status_code == 200
    schema = client.get("/api/openapi.json").json()
    assert "/api/indicators/actuals" in schema["paths"] and "/api/organisations/{org_id}" in schema["paths"]


@time_machine.travel(NOW)
def test_district_staff_list_only_their_own_districts_targets_and_actuals(client, ledger):
    as_user(client, ledger.users.a_leader)
    targets = client.get("/api/indicators/targets").json()["items"]
    actuals = client.get("/api/indicators/actuals").json()["items"]
    assert [t["wording"] for t in targets] == ["增长6%左右"]
    assert [(a["organisation_id"], a["value"]) for a in actuals] == [(ledger.a.pk, "241.8")]
    orgs = {o["name"] for o in client.get("/api/organisations").json()}
    assert orgs == {"惠济区", "古荥镇"}


@time_machine.travel(NOW)
@pytest.mark.parametrize("url", [
    "/api/indicators/targets/{b_target}", "/api/indicators/actuals/{b_actual}", "/api/organisations/{b}",
    "/api/organisations/{b}/children", "/api/indicators/organisations/{b}/overview",
    "/api/indicators/organisations/{b}/indicators/{gdp}", "/api/indicators/organisations/{b}/indicators/{gdp}/history",
    "/api/enterprises/{b_ent}",
])
def test_district_a_users_get_404_for_district_b_records_by_guessing_ids(client, ledger, url):
    url = url.format(b_target=ledger.b_target.pk, b_actual=ledger.b_actual.pk, b=ledger.b.pk, gdp=ledger.gdp.pk,
                     b_ent=ledger.b_ent.pk)
    for user in ("a_leader", "a_data", "a_unit", "a_enterprise", "a_discipline"):
        response = as_user(client, getattr(ledger.users, user)).get(url)
        assert response.status_code == 404, (user, response.content)
        assert "600.12" not in response.content.decode()


@time_machine.travel(NOW)
def test_district_a_staff_cannot_write_district_b_figures(client, ledger):
    as_user(client, ledger.users.a_data)
    assert report(client, ledger.b, 9, value="1", growth_pct="1", reason="篡改").status_code == 404
    response = post(client, "/api/indicators/targets", {
        "organisation_id": ledger.b.pk, "indicator": "gdp", "year": 2025, "wording": "增长1%", "reason": "篡改"})
    assert response.status_code == 404
    assert Actual.objects.get(pk=ledger.b_actual.pk).value == ledger.b_actual.value
    assert Target.objects.get(pk=ledger.b_target.pk).wording == "增长7%以上"


@time_machine.travel(NOW)
def test_staff_reports_an_actual_and_decimal_round_trips_exactly(client, ledger):
    as_user(client, ledger.users.a_data)
    response = report(client, ledger.a, 6, indicator="地区生产总值", value="158.1234", growth_pct="5.85")
    assert response.status_code == 201, response.content
    assert response.json()["value"] == "158.1234" and response.json()["growth_pct"] == "5.85"
    assert Actual.objects.get(organisation=ledger.a, month=6).value == Actual._meta.get_field("value").to_python("158.1234")
    response = report(client, ledger.a, 3, value=75.2, unit="亿元", growth_pct=5.8)
    assert response.status_code == 201 and response.json()["value"] == "75.2"


@time_machine.travel(NOW)
def test_values_in_wan_yuan_are_converted_to_the_indicators_unit(client, ledger):
    as_user(client, ledger.users.a_data)
    response = report(client, ledger.a, 6, value="1581000", unit="万元", growth_pct="5.9")
    assert response.status_code == 201 and response.json()["value"] == "158.1"


@time_machine.travel(NOW)
def test_bad_actual_via_api_gets_422_with_field_and_reason_and_saves_nothing(client, ledger):
    as_user(client, ledger.users.a_data)
    response = report(client, ledger.a, 12, value="abc")
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert {"field": "累计值", "message": "“abc”不是数字"} in errors
    assert any("尚未到来" in e["message"] for e in errors)
    assert Actual.objects.filter(organisation=ledger.a).count() == 1


@time_machine.travel(NOW)
def test_revision_without_reason_is_refused_and_with_reason_is_kept_in_history(client, ledger):
    as_user(client, ledger.users.a_data)
    body = {"organisation_id": ledger.a.pk, "indicator": "gdp", "year": 2025, "month": 9, "value": "242.0",
            "growth_pct": "6.1"}
    response = post(client, "/api/indicators/actuals", body)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "修订原因"
    response = post(client, "/api/indicators/actuals", {**body, "reason": "统计局反馈修正"})
    assert response.status_code == 200 and response.json()["version"] == 2
    history = client.get(f"/api/indicators/organisations/{ledger.a.pk}/indicators/{ledger.gdp.pk}/history").json()
    newest = history[0]
    assert newest["who"] == "a_data" and newest["reason"] == "统计局反馈修正"
    assert {"field": "累计值", "old": "241.8", "new": "242"} in newest["changes"]


@time_machine.travel(NOW)
def test_stale_actual_edit_via_api_returns_409_with_newer_value(client, ledger):
    as_user(client, ledger.users.a_data)
    body = {"organisation_id": ledger.a.pk, "indicator": "gdp", "year": 2025, "month": 9, "growth_pct": "6",
            "reason": "修正", "expected_version": 1}
    assert post(client, "/api/indicators/actuals", {**body, "value": "242"}).status_code == 200
    response = post(client, "/api/indicators/actuals", {**body, "value": "243"})
    assert response.status_code == 409
    assert response.json()["current"]["value"] == "242" and response.json()["current"]["version"] == 2
    assert Actual.objects.get(pk=ledger.a_actual.pk).value == 242


@time_machine.travel(NOW)
def test_unit_staff_cannot_set_targets_via_api_but_report_their_units_actuals(client, ledger):
    as_user(client, ledger.users.a_unit)
    response = post(client, "/api/indicators/targets", {
        "organisation_id": ledger.a_unit.pk, "indicator": "gdp", "year": 2025, "wording": "增长6%"})
    assert response.status_code == 403 and "无权设定" in response.json()["detail"]
    response = post(client, "/api/indicators/actuals", {
        "organisation_id": ledger.a_unit.pk, "indicator": "规上工业增加值", "year": 2025, "month": 9, "growth_pct": "9"})
    assert response.status_code == 201


@time_machine.travel(NOW)
def test_target_set_from_wording_via_api(client, ledger):
    as_user(client, ledger.users.a_data)
    response = post(client, "/api/indicators/targets", {
        "organisation_id": ledger.a.pk, "indicator": "社消零", "year": 2025, "wording": "增长6%以上,力争7%"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["kind"], body["comparator"], body["value"], body["stretch_value"]) == ("growth", "at_least", "6", "7")


@time_machine.travel(NOW)
def test_overview_and_detail_via_api_carry_status_in_words_and_rank(client, ledger):
    as_user(client, ledger.users.a_leader)
    rows = client.get(f"/api/indicators/organisations/{ledger.a.pk}/overview", {"year": 2025}).json()
    gdp = next(r for r in rows if r["indicator"]["code"] == "gdp")
    assert gdp["target"]["wording"] == "增长6%左右" and gdp["latest"]["value"] == "241.8"
    assert gdp["status"]["status"] == "met" and "达到目标" in gdp["status"]["reason"]
    assert (gdp["rank"], gdp["peers"]) == (1, 2)
    detail = client.get(f"/api/indicators/organisations/{ledger.a.pk}/indicators/{ledger.gdp.pk}",
                        {"year": 2025}).json()
    assert detail["standing"] == "累计增速居2区第一"
    assert detail["peers"] == [
        {"organisation_id": ledger.a.pk, "name": "惠济区", "growth_pct": "6", "rank": 1},
        {"organisation_id": ledger.b.pk, "name": "中原区", "growth_pct": "5.1", "rank": 2}]


@time_machine.travel(NOW)
def test_rankings_show_peers_growth_and_rank_but_never_their_values(client, ledger):
    as_user(client, ledger.users.a_leader)
    response = client.get("/api/indicators/rankings", {"indicator": "gdp", "year": 2025, "month": 9})
    assert response.status_code == 200
    assert [(r["name"], r["rank"]) for r in response.json()] == [("惠济区", 1), ("中原区", 2)]
    assert "600.12" not in response.content.decode()
    assert as_user(client, ledger.users.a_enterprise).get(
        "/api/indicators/rankings", {"indicator": "gdp", "year": 2025, "month": 9}).status_code == 403


def test_enterprise_user_sees_only_own_enterprise(client, world):
    as_user(client, world.users.a_enterprise)
    assert [e["name"] for e in client.get("/api/enterprises").json()] == ["三全食品股份有限公司"]
    me = client.get("/api/me").json()
    assert me["role"] == "enterprise" and me["enterprise"]["id"] == world.a_ent.pk
    assert client.get("/api/organisations").json() == []


@time_machine.travel(NOW)
def test_api_write_without_csrf_token_is_refused(ledger):
    client = Client(enforce_csrf_checks=True)
    client.force_login(ledger.users.a_data)
    response = post(client, "/api/indicators/actuals", {
        "organisation_id": ledger.a.pk, "indicator": "gdp", "year": 2025, "month": 6, "value": "100"})
    assert response.status_code == 403
    assert not Actual.objects.filter(month=6).exists()
    client.get("/api/me")
    token = client.cookies.get("csrftoken")
    if token is None:
        client.get("/login/")
        token = client.cookies["csrftoken"]
    response = client.post("/api/indicators/actuals", json.dumps({
        "organisation_id": ledger.a.pk, "indicator": "gdp", "year": 2025, "month": 6, "value": "100",
        "growth_pct": "5"}), content_type="application/json", HTTP_X_CSRFTOKEN=token.value)
    assert response.status_code == 201


def test_password_is_not_accepted_as_api_credentials(client, world):
    response = client.get("/api/me", HTTP_AUTHORIZATION=f"Basic a_data:{PASSWORD}")
    assert response.status_code == 401
