"""A district keeps its own register (建库) in Luoshi's pages: units, people and roles, enterprises; one
Excel import sets a district up (all or nothing, errors by sheet, row and column); a person is deactivated,
never deleted; district A never keeps B's, also by guessed ids."""
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from openpyxl import load_workbook

from luoshi.organisations import services
from luoshi.organisations.models import Enterprise, Organisation, OrgKind, Profile, Role
from tests.conftest import make_user, valid_code, xlsx_upload

UNITS = ["名称", "简称", "类型"]
PEOPLE = ["用户名", "姓名", "角色", "所属单位", "职务", "联系电话", "修改原因"]


@pytest.fixture
def admins(world):
    world.a_admin = make_user("a_admin", Role.DISTRICT_ADMIN, world.a)
    world.b_admin = make_user("b_admin", Role.DISTRICT_ADMIN, world.b)
    return world


def _upload(client, world, sheets):
    return client.post(reverse("organisations:register_upload", args=[world.a.pk]),
                       {"file": xlsx_upload(sheets)}).content.decode()


def test_district_admin_adds_a_unit_and_a_person_in_the_pages(client, admins):
    w = admins
    client.force_login(w.a_admin)
    url = reverse("organisations:register", args=[w.a.pk])
    assert client.post(url, {"unit-name": "惠济区工业和信息化局", "unit-short_name": "工信局",
                             "unit-kind": OrgKind.DEPARTMENT}).status_code == 302
    gxj = Organisation.objects.get(short_name="工信局")
    assert gxj.district_id == w.a.pk and gxj.history.first().history_user == w.a_admin
    answer = client.post(url, {"person-username": "wanggx", "person-display_name": "王工信",
                               "person-role": Role.UNIT_STAFF,
                               "person-organisation": gxj.pk, "person-title": "科员"})
    assert answer.status_code == 302
    person = Profile.objects.get(user__username="wanggx")
    assert (person.organisation, person.role) == (gxj, Role.UNIT_STAFF)
    assert not person.user.has_usable_password()


def test_bad_person_is_refused_in_chinese_naming_the_field(client, admins):
    w = admins
    client.force_login(w.a_admin)
    page = client.post(reverse("organisations:register", args=[w.a.pk]), {
        "person-username": "a_data", "person-display_name": "重名", "person-role": Role.UNIT_STAFF,
        "person-organisation": w.a.pk}).content.decode()
    assert "用户名“a_data”已被使用" in page and "单位工作人员须属于区内某个单位" in page
    assert Profile.objects.filter(display_name="重名").count() == 0


def test_deactivating_a_person_keeps_their_history_and_stops_login(client, admins):
    w = admins
    person = w.users.a_data.profile
    client.force_login(w.a_admin)
    url = reverse("organisations:person_edit", args=[w.a.pk, person.pk])
    refused = client.post(url, {"active-reason": "", "active": "0", "version": person.version})
    assert "原因" in refused.content.decode() and get_user_model().objects.get(pk=w.users.a_data.pk).is_active
    blind = client.post(url, {"active-reason": "调离本区", "active": "0"}).content.decode()
    assert "缺少所读到的版本（version），未作任何修改" in blind, "a version-less POST is refused naming the field"
    assert get_user_model().objects.get(pk=w.users.a_data.pk).is_active
    assert client.post(url, {"active-reason": "调离本区", "active": "0", "version": person.version}).status_code == 302
    person.refresh_from_db()
    assert person.deactivated_at is not None and person.deactivation_reason == "调离本区"
    assert not get_user_model().objects.get(pk=w.users.a_data.pk).is_active
    assert person.history.first().history_change_reason == "停用：调离本区"
    assert Profile.objects.filter(pk=person.pk).exists()
    client.logout()
    client.post(reverse("login"), {"username": "a_data", "password": "test-pass-9137"})
    assert "_auth_user_id" not in client.session
    client.force_login(w.a_admin)
    services.set_active(w.a_admin, person, active=True, reason="返岗")
    assert get_user_model().objects.get(pk=w.users.a_data.pk).is_active


def test_district_a_admin_cannot_keep_b_nor_reach_b_people_by_guessed_id(client, admins):
    w = admins
    client.force_login(w.a_admin)
    assert client.get(reverse("organisations:register", args=[w.b.pk])).status_code == 404
    b_person = w.users.b_data.profile
    assert client.get(reverse("organisations:person_edit", args=[w.a.pk, b_person.pk])).status_code == 404
    assert client.post(reverse("organisations:person_edit", args=[w.a.pk, b_person.pk]),
                       {"active-reason": "恶意", "active": "0"}).status_code == 404
    assert client.get(reverse("organisations:unit_edit", args=[w.a.pk, w.b_unit.pk])).status_code == 404
    assert client.get(reverse("organisations:enterprises", args=[w.b.pk])).status_code == 404
    b_person.refresh_from_db()
    assert b_person.deactivated_at is None
    client.force_login(w.users.a_leader)
    assert client.get(reverse("organisations:register", args=[w.a.pk])).status_code == 403


def test_excel_import_sets_up_units_and_people_in_one_go(client, admins):
    w = admins
    client.force_login(w.a_admin)
    page = _upload(client, w, {"单位": (UNITS, [["惠济区发展和改革委员会", "发改委", "局委办"],
                                                ["花园口镇", "", "镇办/街道/管区"]]),
                               "人员": (PEOPLE, [["lifg", "李发改", "区发改/统计人员", "惠济区", "", "", ""],
                                                 ["zhaohy", "赵花园", "单位工作人员", "花园口镇", "镇长", "0371-1",
                                                  ""]])})
    assert "新增单位2个,新增人员2人" in page
    assert Profile.objects.get(user__username="zhaohy").organisation.name == "花园口镇"


def test_excel_import_refuses_everything_and_lists_each_error_by_row_and_column(client, admins):
    w = admins
    client.force_login(w.a_admin)
    page = _upload(client, w, {"单位": (UNITS, [["新的局", "", "不知道"]]),
                               "人员": (PEOPLE, [["ok_user", "好人", "单位工作人员", "古荥镇", "", "", ""],
                                                 ["b_data", "抢用户名", "单位工作人员", "古荥镇", "", "", ""],
                                                 ["x", "", "市级管理员", "中原区", "", "", ""],
                                                 ["ok_user", "重复", "单位工作人员", "古荥镇", "", "", ""]])})
    for words in ("C(类型)", "不是单位类型", "已被其他区或单位使用", "B(姓名)", "不是可分配的角色",
                  "“中原区”不是本区或本区的单位", "与第2行是同一用户名"):
        assert words in page, words
    assert not Organisation.objects.filter(name="新的局").exists()
    assert not get_user_model().objects.filter(username="ok_user").exists()


def test_register_template_round_trips(client, admins):
    from django.core.files.uploadedfile import SimpleUploadedFile

    w = admins
    client.force_login(w.a_admin)
    data = client.get(reverse("organisations:register_template", args=[w.a.pk])).content
    wb = load_workbook(io.BytesIO(data))
    assert [c.value for c in wb["单位"][2]] == ["古荥镇", "古荥镇", "镇办/街道/管区"]
    again = client.post(reverse("organisations:register_upload", args=[w.a.pk]),
                        {"file": SimpleUploadedFile("r.xlsx", data)}).content.decode()
    assert "新增单位0个,新增人员0人,修改人员0人" in again


def test_enterprise_register_checks_the_credit_code_and_imports_all_or_nothing(client, admins):
    w = admins
    client.force_login(w.a_admin)
    url = reverse("organisations:enterprises", args=[w.a.pk])
    bad = client.post(url, {"name": "某公司", "credit_code": "91410100000000001X"}).content.decode()
    assert "统一社会信用代码校验位错误" in bad
    good = valid_code("91410100000000009")
    assert client.post(url, {"name": "某公司", "credit_code": good, "industry": "装备制造"}).status_code == 302
    cols = ["企业名称", "统一社会信用代码", "行业", "规上企业", "修改原因"]
    page = client.post(reverse("organisations:enterprises_upload", args=[w.a.pk]),
                       {"file": xlsx_upload({"企业": (cols, [
        ["新企业甲", valid_code("91410100000000017"), "食品", "是", ""],
        ["冒用B企业代码", w.b_ent.credit_code, "", "否", ""],
        ["错码企业", "123", "", "也许", ""]])})}).content.decode()
    assert "已登记" in page and "应为18位" in page and "D(规上企业)" in page
    assert not Enterprise.objects.filter(name="新企业甲").exists()
    page = client.post(reverse("organisations:enterprises_upload", args=[w.a.pk]),
                       {"file": xlsx_upload({"企业": (cols, [
        ["新企业甲", valid_code("91410100000000017"), "食品", "是", ""]])})}).content.decode()
    assert "新登记企业1家" in page and Enterprise.objects.get(name="新企业甲").district == w.a


def test_city_admin_keeps_every_district_of_the_city(client, admins):
    w = admins
    client.force_login(w.users.city_admin)
    assert client.get(reverse("organisations:register", args=[w.b.pk])).status_code == 200


def test_a_unit_or_enterprise_changed_meanwhile_by_someone_else_is_refused_not_overwritten(client, admins):
    w = admins
    client.force_login(w.a_admin)
    url = reverse("organisations:unit_edit", args=[w.a.pk, w.a_unit.pk])
    seen = w.a_unit.history.order_by("-history_id").first().history_id
    assert f'name="version" value="{seen}"' in client.get(url).content.decode()
    services.save_unit(w.a_admin, w.a, unit=w.a_unit, name="古荥镇人民政府", short_name="古荥镇", kind=w.a_unit.kind,
                       reason="规范名称", expected_version=seen)
    stale = client.post(url, {"name": "古荥", "short_name": "古荥", "kind": w.a_unit.kind, "reason": "简写",
                              "version": seen})
    assert stale.status_code == 200 and "该记录已被他人修改" in stale.content.decode()
    assert Organisation.objects.get(pk=w.a_unit.pk).name == "古荥镇人民政府"
    firm = services.save_enterprise(w.a_admin, w.a, name="某公司", credit_code=valid_code("91410100000000009"))
    edit = f"{reverse('organisations:enterprises', args=[w.a.pk])}?edit={firm.pk}"
    seen = firm.history.order_by("-history_id").first().history_id
    assert f'name="version" value="{seen}"' in client.get(edit).content.decode()
    services.save_enterprise(w.a_admin, w.a, enterprise=firm, name="某股份公司", credit_code=firm.credit_code,
                             reason="改制", expected_version=seen)
    stale = client.post(edit, {"name": "某有限公司", "credit_code": firm.credit_code, "reason": "更正",
                               "version": seen})
    assert stale.status_code == 200 and "该记录已被他人修改" in stale.content.decode()
    assert Enterprise.objects.get(pk=firm.pk).name == "某股份公司"
