"""The indicator catalogue and target decomposition (目标分解) through the API, kept as on their pages:
the city administrator keeps the catalogue (edits carry the version read), a district's data staff split
its targets to its units and read whether the parts cover them; district A never reaches B's, also by
guessed ids; a unit and an enterprise are told why not."""
import pytest

from luoshi.indicators.models import Indicator, Target
from luoshi.indicators.services import set_target
from luoshi.organisations.models import Organisation, OrgKind
from tests.api.conftest import as_user, post

ENTRIES = "/api/indicators/catalogue/entries"


def test_the_city_admin_adds_an_indicator_and_it_is_in_the_catalogue_at_once(client, world):
    as_user(client, world.users.city_admin)
    added = post(client, ENTRIES, {"name": "新增市场主体", "unit": "家", "aliases": "市场主体",
                                   "frequency": "quarterly"})
    assert added.status_code == 201, added.content
    entry = added.json()
    assert (entry["unit"], entry["frequency"], entry["version"], entry["is_active"]) == ("家", "quarterly", 1, True)
    assert "新增市场主体" in [i["name"] for i in client.get("/api/indicators/catalogue").json()]
    assert any(e["name"] == "新增市场主体" for e in client.get(ENTRIES).json())


def test_a_catalogue_edit_needs_a_reason_and_the_version_read_and_a_stale_one_is_refused(client, world):
    gdp = Indicator.objects.get(code="gdp")
    url = f"{ENTRIES}/{gdp.pk}"
    as_user(client, world.users.city_admin)
    assert post(client, url, {"aliases": "GDP", "expected_version": 1}).status_code == 422
    changed = post(client, url, {"aliases": "GDP、经济总量", "reason": "补别名", "expected_version": 1})
    assert changed.status_code == 200 and changed.json()["version"] == 2
    assert changed.json()["unit"] == "亿元" and changed.json()["name"] == "地区生产总值", "fields not given stay"
    stale = post(client, url, {"is_active": False, "reason": "停用", "expected_version": 1})
    assert stale.status_code == 409 and stale.json()["current"]["aliases"] == "GDP、经济总量"
    gdp.refresh_from_db()
    assert gdp.is_active and gdp.history.first().history_change_reason == "补别名"


def test_the_api_refuses_what_the_catalogue_page_refuses_naming_each_field(client, world):
    as_user(client, world.users.city_admin)
    answer = post(client, ENTRIES, {"name": "社消零增量", "unit": "吨标煤", "aliases": "社消零"})
    assert answer.status_code == 422
    fields = {e["field"]: e["message"] for e in answer.json()["errors"]}
    assert "不是支持的单位" in fields["单位"] and "社会消费品零售总额" in fields["别名"]
    assert not Indicator.objects.filter(name="社消零增量").exists()


def test_only_the_city_admin_keeps_the_catalogue_others_are_told_why(client, world):
    gdp = Indicator.objects.get(code="gdp")
    for user in (world.users.a_unit, world.users.a_enterprise, world.users.a_data):
        as_user(client, user)
        for answer in (client.get(ENTRIES), post(client, ENTRIES, {"name": "某指标", "unit": "家"}),
                       post(client, f"{ENTRIES}/{gdp.pk}", {"name": "某指标", "reason": "x", "expected_version": 1})):
            assert answer.status_code == 403 and answer.json()["detail"] == "指标目录由市级管理员维护"
    assert not Indicator.objects.filter(name="某指标").exists()


@pytest.fixture
def retail(world, indicator):
    """District A's 2025 retail target 不少于53亿元 and a second town; B's 不少于80亿元."""
    world.town2 = Organisation.objects.create(name="花园口镇", short_name="花园口镇", kind=OrgKind.TOWN, parent=world.a)
    world.retail_sales = indicator("retail_sales")
    world.retail = set_target(world.users.a_data, organisation=world.a, indicator=world.retail_sales, year=2025,
                              wording="不少于53亿元")
    world.b_retail = set_target(world.users.b_data, organisation=world.b, indicator=world.retail_sales, year=2025,
                                wording="不少于80亿元")
    return world


def split(w, org=None):
    return f"/api/indicators/organisations/{(org or w.a).pk}/indicators/{w.retail_sales.pk}/decomposition/2025"


def test_data_staff_split_a_district_target_and_read_the_gap(client, retail):
    w = retail
    as_user(client, w.users.a_data)
    first = post(client, split(w), {"unit_id": w.a_unit.pk, "wording": "不少于30亿元"})
    assert first.status_code == 201 and first.json()["parent_id"] == w.retail.pk and first.json()["unit"] == "古荥镇"
    d = client.get(split(w)).json()
    assert (d["total"], d["gap"], d["covered"]) == ("30", "23", False)
    assert d["sentence"] == "各单位分解合计30亿元，比区目标53亿元少23亿元，尚未覆盖"
    assert [u["name"] for u in d["units_without"]] == ["花园口镇"]
    assert post(client, split(w), {"unit_id": w.town2.pk, "wording": "不少于25亿元"}).status_code == 201
    revised = post(client, split(w), {"unit_id": w.a_unit.pk, "wording": "不少于28亿元", "reason": "调整",
                                      "expected_version": first.json()["version"]})
    assert revised.status_code == 200 and revised.json()["value"] == "28"
    stale = post(client, split(w), {"unit_id": w.a_unit.pk, "wording": "不少于29亿元", "reason": "再调",
                                    "expected_version": first.json()["version"]})
    assert stale.status_code == 409
    d = client.get(split(w)).json()
    assert d["covered"] is True and d["sentence"] == "各单位分解合计53亿元，覆盖区目标53亿元"


def test_a_part_of_another_kind_or_for_no_unit_of_the_district_is_refused(client, retail):
    w = retail
    as_user(client, w.users.a_data)
    growth = post(client, split(w), {"unit_id": w.a_unit.pk, "wording": "增长8%"})
    assert growth.status_code == 422 and "也应是总量目标" in growth.json()["errors"][0]["message"]
    foreign = post(client, split(w), {"unit_id": w.b_unit.pk, "wording": "不少于1亿元"})
    assert foreign.status_code == 422 and foreign.json()["errors"][0]["message"] == "不是惠济区的单位"
    assert "须水街道" not in foreign.content.decode(), "B's unit is not named back"
    assert not Target.objects.filter(organisation__in=[w.a_unit, w.b_unit]).exists()


def test_district_a_never_reads_or_splits_district_b_targets_also_by_guessed_ids(client, retail):
    w = retail
    for user in (w.users.a_data, w.users.a_leader, w.users.a_unit, w.users.a_enterprise):
        as_user(client, user)
        assert client.get(split(w, w.b)).status_code == 404
        assert post(client, split(w, w.b), {"unit_id": w.b_unit.pk, "wording": "不少于1亿元"}).status_code == 404
    assert not w.b_retail.parts.exists()


def test_a_unit_and_an_enterprise_are_told_why_and_a_leader_reads_but_does_not_split(client, retail):
    w = retail
    for user in (w.users.a_unit, w.users.a_enterprise):
        as_user(client, user)
        for answer in (client.get(split(w)),
                       post(client, split(w), {"unit_id": w.a_unit.pk, "wording": "不少于1亿元"})):
            assert answer.status_code == 403 and "无权查看惠济区的目标分解" in answer.json()["detail"]
    as_user(client, w.users.a_leader)
    assert client.get(split(w)).json()["sentence"] == "尚未分解到单位"
    refused = post(client, split(w), {"unit_id": w.a_unit.pk, "wording": "不少于1亿元"})
    assert refused.status_code == 403 and refused.json()["detail"] == "无权分解惠济区的目标"
    assert not w.retail.parts.exists()
