"""Users change their own password; a city or district administrator resets the password of an account in
their scope, and only there (district A's administrator cannot reach B's accounts, also by guessed id)."""
import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.urls import reverse

from luoshi.organisations.access import can_reset_password, password_resettable_users
from luoshi.organisations.models import Role
from tests.conftest import PASSWORD, make_user

NEW = "Luoshi-new-2025!"


@pytest.fixture
def admins(world):
    """District A's and B's administrators (区级管理员)."""
    world.users.a_admin = make_user("a_admin", Role.DISTRICT_ADMIN, world.a)
    world.users.b_admin = make_user("b_admin", Role.DISTRICT_ADMIN, world.b)
    return world


def _login(username, password) -> bool:
    from django.contrib.auth import authenticate
    from django.test import RequestFactory

    return authenticate(RequestFactory().post("/login/"), username=username, password=password) is not None


def test_a_user_changes_their_own_password_from_the_user_menu(client, world):
    client.force_login(world.users.a_unit)
    home = client.get("/", follow=True).content.decode()
    assert reverse("organisations:password_change") in home
    response = client.post(reverse("organisations:password_change"), {
        "old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}, follow=True)
    assert "密码已修改" in response.content.decode()
    assert _login("a_unit", NEW) and not _login("a_unit", PASSWORD)
    assert client.get(reverse("organisations:password_change")).status_code == 200, "still logged in here"
    entry = LogEntry.objects.get(object_id=str(world.users.a_unit.pk))
    assert (entry.user, entry.change_message) == (world.users.a_unit, "修改了自己的密码")


def test_a_wrong_old_password_or_a_weak_new_one_changes_nothing(client, world):
    client.force_login(world.users.a_unit)
    for data in ({"old_password": "wrong", "new_password1": NEW, "new_password2": NEW},
                 {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"}):
        response = client.post(reverse("organisations:password_change"), data)
        assert response.status_code == 200 and "未保存" in response.content.decode()
    assert _login("a_unit", PASSWORD) and not LogEntry.objects.exists()


def test_the_district_administrator_resets_a_password_in_the_district(client, admins):
    world = admins
    client.force_login(world.users.a_admin)
    listing = client.get(reverse("organisations:accounts")).content.decode()
    assert "a_unit" in listing and "a_data" in listing and "a_enterprise" in listing
    assert "b_data" not in listing and "b_leader" not in listing and "b_admin" not in listing
    url = reverse("organisations:reset_password", args=[world.users.a_unit.pk])
    response = client.post(url, {"new_password1": NEW, "new_password2": NEW}, follow=True)
    assert "已重置a_unit的密码" in response.content.decode()
    assert _login("a_unit", NEW)
    entry = LogEntry.objects.get(object_id=str(world.users.a_unit.pk))
    assert (entry.user, entry.change_message) == (world.users.a_admin, "重置了该账号的密码")


def test_district_a_cannot_reset_district_b_accounts_also_by_guessed_id(client, admins):
    world = admins
    client.force_login(world.users.a_admin)
    User = get_user_model()
    for account in (world.users.b_data, world.users.b_leader, world.users.b_admin, world.users.city_admin):
        url = reverse("organisations:reset_password", args=[account.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"new_password1": NEW, "new_password2": NEW}).status_code == 404
        assert _login(account.username, PASSWORD)
    missing = User.objects.order_by("-pk").first().pk + 1
    assert client.get(reverse("organisations:reset_password", args=[missing])).status_code == 404
    assert not LogEntry.objects.exists()


@pytest.mark.parametrize("admin, account, allowed", [
    ("a_admin", "a_leader", True), ("a_admin", "a_discipline", True), ("a_admin", "a_unit", True),
    ("a_admin", "a_enterprise", True), ("a_admin", "a_data", True), ("a_admin", "a_admin", False),
    ("a_admin", "b_data", False), ("a_admin", "b_admin", False), ("a_admin", "city_admin", False),
    ("city_admin", "a_admin", True), ("city_admin", "a_data", True), ("city_admin", "b_leader", True),
    ("a_data", "a_unit", False), ("a_leader", "a_unit", False), ("a_unit", "a_enterprise", False),
    ("a_enterprise", "a_unit", False), ("b_admin", "a_unit", False),
])
def test_who_may_reset_whose_password(admins, admin, account, allowed):
    users = vars(admins.users)
    assert can_reset_password(users[admin], users[account]) is allowed


def test_a_peer_and_a_staff_account_are_not_resettable(admins):
    world = admins
    peer = make_user("a_admin2", Role.DISTRICT_ADMIN, world.a)
    staff = make_user("a_staff", Role.UNIT_STAFF, world.a_unit)
    staff.is_staff = True
    staff.save()
    assert not password_resettable_users(world.users.a_admin).filter(pk__in=[peer.pk, staff.pk]).exists()


def test_the_account_page_is_refused_with_its_reason_to_other_roles(client, world):
    client.force_login(world.users.a_data)
    response = client.get(reverse("organisations:accounts"))
    assert response.status_code == 403 and "只有市级和区级管理员可以管理账号" in response.content.decode()
    page = client.get(reverse("organisations:password_change")).content.decode()
    assert reverse("organisations:accounts") not in page
