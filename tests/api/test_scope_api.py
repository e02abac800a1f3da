"""Scope through the API (decisions 2 and 3): a district never lists, reads, writes or traces another
district's figures; a record outside the user's scope answers 404 exactly like a missing one, and a
visible record the user may not change answers 403 in words."""
import pytest

from luoshi.indicators.models import Actual, Target
from luoshi.organisations.selectors import person_label
from tests.api.conftest import as_user, post, report, set_gdp_target

A_ROLES = ("a_leader", "a_data", "a_unit", "a_enterprise", "a_discipline")


@pytest.mark.parametrize("url", [
    "/api/indicators/targets/{b_target}", "/api/indicators/actuals/{b_actual}", "/api/organisations/{b}",
    "/api/organisations/{b}/children", "/api/indicators/organisations/{b}/overview",
    "/api/indicators/organisations/{b}/indicators/{gdp}", "/api/indicators/organisations/{b}/indicators/{gdp}/history",
    "/api/enterprises/{b_ent}",
])
def test_district_a_users_get_404_for_district_b_records_by_guessing_ids(client, ledger, url):
    url = url.format(b_target=ledger.b_target.pk, b_actual=ledger.b_actual.pk, b=ledger.b.pk, gdp=ledger.gdp.pk,
                     b_ent=ledger.b_ent.pk)
    for user in A_ROLES:
        response = as_user(client, getattr(ledger.users, user)).get(url)
        assert response.status_code == 404, (user, response.content)
        assert "600.12" not in response.content.decode() and "中原" not in response.content.decode()


def test_district_b_staff_cannot_read_district_a_target_by_guessing_id(client, ledger):
    as_user(client, ledger.users.b_data)
    response = client.get(f"/api/indicators/targets/{ledger.a_target.pk}")
    assert response.status_code == 404
    assert "增长6%左右" not in response.content.decode()
    assert client.get(f"/api/indicators/actuals/{ledger.a_actual.pk}").status_code == 404


def test_out_of_scope_and_missing_records_answer_the_same_404(client, ledger):
    as_user(client, ledger.users.b_data)
    hidden = client.get(f"/api/indicators/targets/{ledger.a_target.pk}")
    missing = client.get("/api/indicators/targets/999999")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json() == {"detail": "未找到，或不在您的查看范围内"}


def test_district_b_staff_lists_only_their_own_figures(client, ledger):
    as_user(client, ledger.users.b_leader)
    assert [t["wording"] for t in client.get("/api/indicators/targets").json()["items"]] == ["增长7%以上"]
    assert [a["value"] for a in client.get("/api/indicators/actuals").json()["items"]] == ["600.12"]
    assert client.get("/api/indicators/targets", {"organisation": ledger.a.pk}).json() == {"items": [], "count": 0}
    assert {o["name"] for o in client.get("/api/organisations").json()} == {"中原区", "须水街道"}


def test_district_a_staff_list_only_their_own_districts_targets_and_actuals(client, ledger):
    as_user(client, ledger.users.a_leader)
    targets = client.get("/api/indicators/targets").json()["items"]
    actuals = client.get("/api/indicators/actuals").json()["items"]
    assert [t["wording"] for t in targets] == ["增长6%左右"]
    assert [(a["organisation_id"], a["value"]) for a in actuals] == [(ledger.a.pk, "241.8")]


def test_district_b_staff_cannot_read_district_a_history(client, ledger):
    as_user(client, ledger.users.b_data)
    response = client.get(f"/api/indicators/organisations/{ledger.a.pk}/indicators/{ledger.gdp.pk}/history")
    assert response.status_code == 404 and "a_data" not in response.content.decode()
    own = client.get(f"/api/indicators/organisations/{ledger.b.pk}/indicators/{ledger.gdp.pk}/history").json()
    assert {e["who"] for e in own} == {person_label(ledger.users.b_data)}


def test_district_a_staff_cannot_write_district_b_figures(client, ledger):
    as_user(client, ledger.users.a_data)
    assert report(client, ledger.b, 9, value="1", growth_pct="1", reason="篡改").status_code == 404
    assert report(client, ledger.b_unit, 6, value="1", growth_pct="1").status_code == 404
    assert set_gdp_target(client, ledger.b, "增长1%", reason="篡改").status_code == 404
    assert Actual.objects.get(pk=ledger.b_actual.pk).value == ledger.b_actual.value
    assert not Actual.objects.filter(organisation=ledger.b_unit).exists()
    assert Target.objects.get(pk=ledger.b_target.pk).wording == "增长7%以上"


def test_unit_staff_cannot_set_targets_via_api(client, ledger):
    as_user(client, ledger.users.a_unit)
    response = set_gdp_target(client, ledger.a_unit, "增长6%")
    assert response.status_code == 403 and response.json()["detail"] == "无权设定古荥镇的目标"
    assert not Target.objects.filter(organisation=ledger.a_unit).exists()


def test_unit_staff_report_their_own_units_actuals_but_not_their_districts(client, ledger):
    as_user(client, ledger.users.a_unit)
    response = post(client, "/api/indicators/actuals", {
        "organisation_id": ledger.a_unit.pk, "indicator": "规上工业增加值", "year": 2025, "month": 9,
        "growth_pct": "9"})
    assert response.status_code == 201
    # The district is outside a unit's scope altogether: 404, not 403.
    assert report(client, ledger.a, 6, value="1", growth_pct="1").status_code == 404


def test_district_leader_reads_figures_but_may_not_enter_them(client, ledger):
    as_user(client, ledger.users.a_leader)
    response = report(client, ledger.a, 6, value="150", growth_pct="6")
    assert response.status_code == 403 and response.json()["detail"] == "无权填报惠济区的数据"
    assert set_gdp_target(client, ledger.a, "增长7%", reason="调整").status_code == 403
    assert not Actual.objects.filter(organisation=ledger.a, month=6).exists()


def test_city_admin_reads_and_keeps_every_districts_figures(client, ledger):
    as_user(client, ledger.users.city_admin)
    assert client.get("/api/indicators/targets").json()["count"] == 2
    assert client.get(f"/api/indicators/actuals/{ledger.b_actual.pk}").json()["value"] == "600.12"
    assert set_gdp_target(client, ledger.b, "增长7.5%以上", reason="市里下达", expected_version=1).status_code == 200
