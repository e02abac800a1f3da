"""Organisations, enterprises and the signed-in user through the API: each role sees its own scope."""
from tests.api.conftest import as_user


def names(response):
    return [row["name"] for row in response.json()]


def test_district_staff_see_their_district_and_its_units_with_kind_and_parent(client, world):
    rows = as_user(client, world.users.a_leader).get("/api/organisations").json()
    assert [(r["name"], r["kind"], r["kind_label"], r["parent_id"], r["district_id"]) for r in rows] == [
        ("惠济区", "district", "区", world.city.pk, world.a.pk),
        ("古荥镇", "town", "镇办/街道/管区", world.a.pk, world.a.pk)]


def test_organisations_filter_by_kind_parent_and_district(client, world):
    as_user(client, world.users.city_admin)
    assert names(client.get("/api/organisations")) == ["郑州市", "惠济区", "中原区", "古荥镇", "须水街道"]
    assert names(client.get("/api/organisations", {"kind": "district"})) == ["惠济区", "中原区"]
    assert names(client.get("/api/organisations", {"parent": world.b.pk})) == ["须水街道"]
    assert names(client.get("/api/organisations", {"district": world.a.pk})) == ["惠济区", "古荥镇"]


def test_organisation_says_what_the_user_may_do_with_its_figures(client, world):
    url = f"/api/organisations/{world.a_unit.pk}"
    data = as_user(client, world.users.a_data).get(url).json()
    assert (data["name"], data["can_edit_targets"], data["can_report_actuals"]) == ("古荥镇", True, True)
    unit = as_user(client, world.users.a_unit).get(url).json()
    assert (unit["can_edit_targets"], unit["can_report_actuals"]) == (False, True)
    leader = as_user(client, world.users.a_leader).get(url).json()
    assert (leader["can_edit_targets"], leader["can_report_actuals"]) == (False, False)


def test_children_of_a_district_are_its_units(client, world):
    as_user(client, world.users.city_admin)
    assert names(client.get(f"/api/organisations/{world.city.pk}/children")) == ["惠济区", "中原区"]
    assert names(client.get(f"/api/organisations/{world.b.pk}/children")) == ["须水街道"]


def test_unit_staff_see_only_their_own_unit(client, world):
    as_user(client, world.users.a_unit)
    assert names(client.get("/api/organisations")) == ["古荥镇"]
    assert client.get(f"/api/organisations/{world.a.pk}").status_code == 404
    assert client.get(f"/api/organisations/{world.a.pk}/children").status_code == 404


def test_enterprise_user_sees_only_own_enterprise(client, world):
    as_user(client, world.users.a_enterprise)
    assert names(client.get("/api/enterprises")) == ["三全食品股份有限公司"]
    assert client.get(f"/api/enterprises/{world.a_ent.pk}").json()["credit_code"] == world.a_ent.credit_code
    assert client.get(f"/api/enterprises/{world.b_ent.pk}").status_code == 404
    assert client.get("/api/organisations").json() == []
    assert client.get(f"/api/organisations/{world.a.pk}").status_code == 404


def test_district_staff_see_their_districts_enterprises_and_the_city_all(client, world):
    assert names(as_user(client, world.users.b_data).get("/api/enterprises")) == ["中原某企业"]
    assert client.get(f"/api/enterprises/{world.a_ent.pk}").status_code == 404
    as_user(client, world.users.city_admin)
    assert names(client.get("/api/enterprises")) == ["三全食品股份有限公司", "中原某企业"]
    assert names(client.get("/api/enterprises", {"above_scale": True})) == ["三全食品股份有限公司"]
    assert names(client.get("/api/enterprises", {"district": world.b.pk})) == ["中原某企业"]


def test_me_tells_the_user_their_role_and_organisation(client, world):
    me = as_user(client, world.users.a_data).get("/api/me").json()
    assert (me["username"], me["role"], me["role_label"]) == ("a_data", "district_data", "区发改/统计人员")
    assert me["organisation"]["name"] == "惠济区" and me["enterprise"] is None
    me = as_user(client, world.users.a_enterprise).get("/api/me").json()
    assert me["role"] == "enterprise" and me["enterprise"]["id"] == world.a_ent.pk and me["organisation"] is None
