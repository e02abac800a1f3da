"""The ledger through the API answers what the pages answer: same validation, exact figures, history."""
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse

from luoshi.indicators.models import Actual, Target
from luoshi.organisations.selectors import person_label
from tests.api.conftest import as_user, post, report, set_gdp_target


def test_catalogue_lists_indicators_with_their_aliases(client, world):
    rows = as_user(client, world.users.a_leader).get("/api/indicators/catalogue").json()
    gdp = next(r for r in rows if r["code"] == "gdp")
    assert (gdp["name"], gdp["unit"], gdp["cumulative"]) == ("地区生产总值", "亿元", True)
    assert any("社消零" in r["aliases"] for r in rows)


def test_api_decimal_round_trips_exactly(client, ledger):
    as_user(client, ledger.users.a_data)
    response = report(client, ledger.a, 6, indicator="地区生产总值", value="158.1234", growth_pct="5.85")
    assert response.status_code == 201, response.content
    assert response.json()["value"] == "158.1234" and response.json()["growth_pct"] == "5.85"
    response = report(client, ledger.a, 3, value=75.2, unit="亿元", growth_pct=5.8)  # JSON numbers are fine too
    assert response.status_code == 201 and response.json()["value"] == "75.2"
    assert report(client, ledger.a, 3, value=75.2, growth_pct=5.8).json()["version"] == 1  # same again: unchanged
    as_user(client, ledger.users.city_admin)
    response = post(client, "/api/indicators/actuals", {"organisation_id": ledger.a.pk, "indicator": "gdp",
                                                        "year": 2023, "month": 12, "value": "1328.4",
                                                        "growth_pct": "8.2"})
    read = client.get(f"/api/indicators/actuals/{response.json()['id']}").json()
    assert (read["value"], read["growth_pct"]) == ("1328.4", "8.2")
    assert Actual.objects.get(pk=read["id"]).value == Decimal("1328.4")


def test_json_numbers_are_read_as_decimals_never_through_a_float(client, ledger):
    """Through a float, 929646215494.4361 would become ...4362. (SQLite then keeps it as a REAL of 15
    digits, so the stored value is checked on PostgreSQL only.)"""
    as_user(client, ledger.users.city_admin)
    response = post(client, "/api/indicators/actuals", '{"organisation_id": %d, "indicator": "gdp", "year": 2024, '
                    '"month": 12, "value": 929646215494.4361, "growth_pct": 8.25}' % ledger.a.pk)
    assert response.status_code == 201, response.content
    assert (response.json()["value"], response.json()["growth_pct"]) == ("929646215494.4361", "8.25")
    if connection.vendor == "postgresql":
        assert Actual.objects.get(pk=response.json()["id"]).value == Decimal("929646215494.4361")


def test_values_in_wan_yuan_are_converted_to_the_indicators_unit(client, ledger):
    as_user(client, ledger.users.a_data)
    response = report(client, ledger.a, 6, value="1581000", unit="万元", growth_pct="5.9")
    assert response.status_code == 201 and response.json()["value"] == "158.1"


def test_bad_actual_via_api_gets_422_with_field_and_reason_and_saves_nothing(client, ledger):
    as_user(client, ledger.users.a_data)
    response = report(client, ledger.a, 12, value="abc")
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert {"field": "累计值", "message": "“abc”不是数字"} in errors
    assert any("尚未到来" in e["message"] for e in errors)
    assert Actual.objects.filter(organisation=ledger.a).count() == 1


def test_unknown_indicator_is_refused_with_the_field_named(client, ledger):
    as_user(client, ledger.users.a_data)
    response = report(client, ledger.a, 6, indicator="幸福指数", value="1")
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "指标", "message": "未知指标：“幸福指数”"}]


def test_revision_without_reason_is_refused_and_with_reason_is_kept_in_history(client, ledger):
    as_user(client, ledger.users.a_data)
    body = {"value": "242.0", "growth_pct": "6.1", "expected_version": 1}
    response = report(client, ledger.a, 9, **body)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "修订原因"
    response = report(client, ledger.a, 9, **body, reason="统计局反馈修正")
    assert response.status_code == 200 and response.json()["version"] == 2
    history = client.get(f"/api/indicators/organisations/{ledger.a.pk}/indicators/{ledger.gdp.pk}/history").json()
    newest = history[0]
    assert newest["who"] == person_label(ledger.users.a_data)
    assert newest["reason"] == "统计局反馈修正" and newest["what"] == "2025年9月"
    assert {"field": "累计值", "old": "241.8", "new": "242"} in newest["changes"]
    assert {"field": "同比增长(%)", "old": "6", "new": "6.1"} in newest["changes"]
    assert history[-1]["kind"] == "target" and history[-1]["reason"] == "新设目标"


def test_stale_actual_edit_via_api_returns_409_with_newer_value(client, ledger):
    as_user(client, ledger.users.a_data)
    body = {"growth_pct": "6", "reason": "修正", "expected_version": 1}
    assert report(client, ledger.a, 9, value="242", **body).status_code == 200
    response = report(client, ledger.a, 9, value="243", **body)
    assert response.status_code == 409
    assert "已被他人修改" in response.json()["detail"]
    assert response.json()["current"]["value"] == "242" and response.json()["current"]["version"] == 2
    assert Actual.objects.get(pk=ledger.a_actual.pk).value == 242


@pytest.mark.parametrize("version", [None, 0])
def test_a_first_entry_of_a_month_someone_already_entered_answers_409_with_theirs(client, ledger, version):
    """No version (or 0) means "I expect none yet": the month was entered meanwhile, so nothing is overwritten."""
    as_user(client, ledger.users.a_data)
    response = report(client, ledger.a, 9, value="250", growth_pct="7", reason="修正", expected_version=version)
    assert response.status_code == 409
    assert "他人已先填报" in response.json()["detail"] and "241.8" in response.json()["detail"]
    assert response.json()["current"]["value"] == "241.8" and response.json()["current"]["version"] == 1
    assert Actual.objects.get(pk=ledger.a_actual.pk).value == Decimal("241.8")


def test_stale_target_edit_via_api_returns_409_with_newer_wording(client, ledger):
    as_user(client, ledger.users.a_data)
    assert set_gdp_target(client, ledger.a, "增长6.5%左右", reason="区人代会调整",
                          expected_version=1).status_code == 200
    response = set_gdp_target(client, ledger.a, "增长7%", reason="另一人修改", expected_version=1)
    assert response.status_code == 409
    assert (response.json()["current"]["wording"], response.json()["current"]["version"]) == ("增长6.5%左右", 2)
    assert Target.objects.get(pk=ledger.a_target.pk).wording == "增长6.5%左右"


def test_target_set_from_wording_via_api(client, ledger):
    as_user(client, ledger.users.a_data)
    response = post(client, "/api/indicators/targets", {
        "organisation_id": ledger.a.pk, "indicator": "社消零", "year": 2025, "wording": "增长6%以上,力争7%"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["kind"], body["comparator"], body["value"], body["stretch_value"]) == ("growth", "at_least", "6", "7")


def test_target_can_name_its_indicator_by_id(client, ledger):
    as_user(client, ledger.users.a_data)
    response = post(client, "/api/indicators/targets", {
        "organisation_id": ledger.a_unit.pk, "indicator": ledger.gdp.pk, "year": 2025, "wording": "增长5%以上"})
    assert response.status_code == 201 and response.json()["indicator_id"] == ledger.gdp.pk


def test_unreadable_target_wording_is_refused_with_the_reason(client, ledger):
    as_user(client, ledger.users.a_data)
    response = set_gdp_target(client, ledger.a_unit, "尽量多")
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "目标表述"
    assert not Target.objects.filter(organisation=ledger.a_unit).exists()


def test_target_and_actual_lists_filter_by_indicator_code_year_and_organisation(client, ledger, indicator):
    as_user(client, ledger.users.a_data)
    set_gdp_target(client, ledger.a_unit, "增长5%")
    post(client, "/api/indicators/targets", {"organisation_id": ledger.a.pk, "indicator": "社消零", "year": 2025,
                                             "wording": "增长6%"})
    targets = client.get("/api/indicators/targets", {"indicator": "gdp", "year": 2025}).json()
    assert {t["wording"] for t in targets["items"]} == {"增长6%左右", "增长5%"} and targets["count"] == 2
    only_unit = client.get("/api/indicators/targets", {"organisation": ledger.a_unit.pk}).json()["items"]
    assert [t["wording"] for t in only_unit] == ["增长5%"]
    assert client.get("/api/indicators/targets", {"year": 2024}).json()["count"] == 0
    actuals = client.get("/api/indicators/actuals", {"indicator": "地区生产总值", "month": 9}).json()["items"]
    assert [a["value"] for a in actuals] == ["241.8"]
    assert client.get("/api/indicators/actuals", {"indicator": "幸福指数"}).status_code == 422


def test_overview_and_detail_via_api_carry_status_in_words_and_rank(client, ledger):
    as_user(client, ledger.users.a_leader)
    rows = client.get(f"/api/indicators/organisations/{ledger.a.pk}/overview", {"year": 2025}).json()
    gdp = next(r for r in rows if r["indicator"]["code"] == "gdp")
    assert gdp["target"]["wording"] == "增长6%左右" and gdp["latest"]["value"] == "241.8"
    assert (gdp["latest"]["year"], gdp["latest"]["month"], gdp["latest"]["growth_pct"]) == (2025, 9, "6")
    assert gdp["status"]["status"] == "met" and "达到目标" in gdp["status"]["reason"]
    assert (gdp["rank"], gdp["peers"]) == (1, 2)
    assert client.get(f"/api/indicators/organisations/{ledger.a.pk}/overview").json() == rows  # year defaults
    detail = client.get(f"/api/indicators/organisations/{ledger.a.pk}/indicators/{ledger.gdp.pk}",
                        {"year": 2025}).json()
    assert detail["standing"] == "累计增速居2区第一"
    assert detail["peers"] == [
        {"organisation_id": ledger.a.pk, "name": "惠济区", "growth_pct": "6", "rank": 1},
        {"organisation_id": ledger.b.pk, "name": "中原区", "growth_pct": "5.1", "rank": 2}]
    assert "600.12" not in str(detail)


def test_rankings_show_peers_growth_and_rank_but_never_their_values(client, ledger):
    as_user(client, ledger.users.a_leader)
    response = client.get("/api/indicators/rankings", {"indicator": "gdp", "year": 2025, "month": 9})
    assert response.status_code == 200
    assert response.json() == [
        {"organisation_id": ledger.a.pk, "name": "惠济区", "growth_pct": "6", "rank": 1},
        {"organisation_id": ledger.b.pk, "name": "中原区", "growth_pct": "5.1", "rank": 2}]
    assert "600.12" not in response.content.decode()
    as_user(client, ledger.users.b_leader)
    assert client.get("/api/indicators/rankings", {"indicator": "地区生产总值", "year": 2025, "month": 9}).json() \
        == response.json()


def test_rankings_answer_the_same_for_an_indicators_code_id_name_and_alias(client, ledger, indicator):
    """A code is ranked in one query, other names after looking the indicator up: the same answer, a figure
    written just before included, an unknown indicator refused, one without figures answering []."""
    as_user(client, ledger.users.a_leader)

    def ranked(ref, month=9):
        return client.get("/api/indicators/rankings", {"indicator": ref, "year": 2025, "month": month})

    by_code = ranked("gdp").json()
    assert [r["name"] for r in by_code] == ["惠济区", "中原区"]
    assert ranked(str(ledger.gdp.pk)).json() == ranked(" 地区生产总值 ").json() == ranked(" gdp").json() == by_code
    as_user(client, ledger.users.b_data)
    assert report(client, ledger.b, 9, value="610", growth_pct="6.5", reason="统计局反馈修正",
                  expected_version=ledger.b_actual.version).status_code == 200
    as_user(client, ledger.users.a_leader)
    assert [(r["name"], r["growth_pct"]) for r in ranked("gdp").json()] == [("中原区", "6.5"), ("惠济区", "6")]
    assert ranked("gdp", month=6).json() == []
    response = ranked("no_such_indicator")
    assert response.status_code == 422 and "no_such_indicator" in response.content.decode()
    retail = indicator("retail_sales")
    assert ranked(retail.code).json() == ranked("社消零").json() == []


def test_rankings_refuse_users_without_an_organisation_and_impossible_months(client, ledger):
    query = {"indicator": "gdp", "year": 2025, "month": 9}
    response = as_user(client, ledger.users.a_enterprise).get("/api/indicators/rankings", query)
    assert response.status_code == 403 and response.json()["detail"] == "无权查看排位"
    response = as_user(client, ledger.users.a_leader).get("/api/indicators/rankings", {**query, "month": 13})
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "month", "message": "不能大于12"}]


def test_the_api_names_a_source_as_the_page_does_by_the_documents_title(client, ledger):
    """A seed file is “《攻坚克难…》” on the indicator's page and in the API; the stored name stays in
    `source_file` for machines."""
    from luoshi.core.demo import GENERATED, S2, SEED_TITLES

    ledger.a_target.source = S2
    ledger.a_target.save()
    ledger.a_actual.source = GENERATED
    ledger.a_actual.save()
    as_user(client, ledger.users.a_leader)
    target = client.get(f"/api/indicators/targets/{ledger.a_target.pk}").json()
    actual = client.get(f"/api/indicators/actuals/{ledger.a_actual.pk}").json()
    page = client.get(reverse("indicators:detail", args=[ledger.a.pk, ledger.gdp.pk]) + "?year=2025").content.decode()
    assert (target["source"], target["source_file"]) == (f"《{SEED_TITLES[S2]}》", S2)
    assert actual["source"] == "合成数据（generate-synthetic 命令生成）" and actual["source_file"] == GENERATED
    assert target["source"] in page and actual["source"] in page and S2 not in page
