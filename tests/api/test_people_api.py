"""A district's people through the API, as its administrator keeps them on the register page: listed,
added, changed with a reason and the version read, deactivated (never deleted) and given a new password;
district A never reaches B's people, also by guessed ids; a unit and an enterprise are told why not."""
import pytest
from django.contrib.auth import get_user_model

from luoshi.organisations.models import Profile, Role
from tests.api.conftest import as_user, post
from tests.conftest import make_user


@pytest.fixture
def admins(world):
    world.a_admin = make_user("a_admin", Role.DISTRICT_ADMIN, world.a)
    world.b_admin = make_user("b_admin", Role.DISTRICT_ADMIN, world.b)
    return world


def people(w, org=None):
    return f"/api/organisations/{(org or w.a).pk}/people"


def test_the_district_admin_lists_the_districts_people_with_their_roles_and_units(client, admins):
    rows = as_user(client, admins.a_admin).get(people(admins)).json()
    assert {(r["username"], r["role_label"], r["organisation"], r["active"]) for r in rows} >= {
        ("a_data", "区发改/统计人员", "惠济区", True), ("a_unit", "单位工作人员", "古荥镇", True)}
    assert all(r["organisation"] in ("惠济区", "古荥镇") for r in rows), "only district A's people"
    assert "b_data" not in {r["username"] for r in rows}


def test_a_person_added_changed_and_deactivated_through_the_api_keeps_every_step_in_history(client, admins):
    w = admins
    as_user(client, w.a_admin)
    added = post(client, people(w), {"username": "wanggx", "display_name": "王工信", "role": "单位工作人员",
                                     "organisation_id": w.a_unit.pk, "title": "科员"})
    assert added.status_code == 201, added.content
    person = added.json()
    assert (person["role"], person["organisation"], person["version"]) == (Role.UNIT_STAFF, "古荥镇", 1)
    url = f"{people(w)}/{person['id']}"
    assert post(client, url, {"title": "副科长", "expected_version": 1}).status_code == 422, "a change needs a reason"
    changed = post(client, url, {"title": "副科长", "reason": "提任", "expected_version": 1})
    assert changed.status_code == 200 and changed.json()["title"] == "副科长" and changed.json()["version"] == 2
    assert changed.json()["display_name"] == "王工信", "fields not given stay"
    stale = post(client, url, {"phone": "0371-1", "reason": "补电话", "expected_version": 1})
    assert stale.status_code == 409 and stale.json()["current"]["title"] == "副科长"
    stale = post(client, f"{url}/deactivate", {"reason": "调离本区", "expected_version": 1})
    assert stale.status_code == 409 and Profile.objects.get(pk=person["id"]).deactivated_at is None
    gone = post(client, f"{url}/deactivate", {"reason": "调离本区", "expected_version": 2})
    assert gone.status_code == 200 and gone.json()["active"] is False
    assert gone.json()["deactivation_reason"] == "调离本区"
    assert not get_user_model().objects.get(username="wanggx").is_active
    assert [r["username"] for r in client.get(people(w), {"show": "inactive"}).json()] == ["wanggx"]
    assert post(client, f"{url}/reactivate", {"reason": "返岗", "expected_version": 3}).json()["active"] is True
    assert Profile.objects.get(pk=person["id"]).history.count() == 4, "added, changed, deactivated, restored"
    assert client.delete(url).status_code == 405, "a person is never deleted"


def test_the_api_refuses_what_the_register_page_refuses_naming_each_field(client, admins):
    w = admins
    answer = post(as_user(client, w.a_admin), people(w), {"username": "a_data", "display_name": "", "role": "市长",
                                                          "organisation_id": w.b_unit.pk})
    assert answer.status_code == 422
    fields = {e["field"]: e["message"] for e in answer.json()["errors"]}
    assert "已被使用" in fields["用户名"] and fields["姓名"] == "必须填写" and "不是可分配的角色" in fields["角色"]
    assert fields["所属单位"] == "不是本区或本区的单位", "B's unit is not named back"
    assert not get_user_model().objects.filter(profile__display_name="").exists()


def test_a_new_password_is_checked_by_the_pages_rules_and_set(client, admins):
    w = admins
    url = f"{people(w)}/{w.users.a_data.profile.pk}/password"
    as_user(client, w.a_admin)
    weak = post(client, url, {"new_password": "123"})
    assert weak.status_code == 422 and weak.json()["errors"][0]["field"] == "新密码"
    assert post(client, url, {"new_password": "lotus-river-9321"}).status_code == 200
    w.users.a_data.refresh_from_db()
    assert w.users.a_data.check_password("lotus-river-9321")
    other_admin = make_user("a_admin2", Role.DISTRICT_ADMIN, w.a)
    refused = post(client, f"{people(w)}/{other_admin.profile.pk}/password", {"new_password": "lotus-river-9321"})
    assert refused.status_code == 403 and "无权重置" in refused.json()["detail"]


def test_district_a_never_lists_creates_or_changes_district_b_people_also_by_guessed_ids(client, admins):
    w = admins
    b_person = w.users.b_data.profile
    as_user(client, w.a_admin)
    assert client.get(people(w, w.b)).status_code == 404
    assert post(client, people(w, w.b), {"username": "x1", "display_name": "某", "role": "unit_staff",
                                         "organisation_id": w.b_unit.pk}).status_code == 404
    for url in (f"{people(w, w.b)}/{b_person.pk}", f"{people(w)}/{b_person.pk}"):  # B's person, also under A
        assert client.get(url).status_code == 404
        assert post(client, url, {"title": "x", "reason": "x", "expected_version": 1}).status_code == 404
        assert post(client, f"{url}/deactivate", {"reason": "x", "expected_version": 1}).status_code == 404
        assert post(client, f"{url}/password", {"new_password": "lotus-river-9321"}).status_code == 404
    b_person.refresh_from_db()
    assert (b_person.title, b_person.deactivated_at, b_person.version) == ("", None, 1)
    assert not get_user_model().objects.filter(username="x1").exists()


def test_a_unit_an_enterprise_and_a_leader_are_told_why_they_may_not_keep_people(client, admins):
    w = admins
    for user in (w.users.a_unit, w.users.a_enterprise, w.users.a_leader):
        as_user(client, user)
        listed = client.get(people(w))
        assert listed.status_code == 403 and listed.json()["detail"] == "无权维护惠济区的单位、人员或企业库"
        made = post(client, people(w), {"username": "x2", "display_name": "某", "role": "unit_staff",
                                        "organisation_id": w.a_unit.pk})
        assert made.status_code == 403
        assert client.get(people(w, w.b)).status_code == 404, "another district stays not found"
    assert not get_user_model().objects.filter(username="x2").exists()
