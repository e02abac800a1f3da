"""目标分解: a district target split among its units, each linked to it; the page says whether the parts
cover the target and the gap if not."""
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from luoshi.indicators.decomposition import decomposition, set_part
from luoshi.indicators.models import Target
from luoshi.indicators.services import LedgerError, set_target
from luoshi.organisations.models import Organisation, OrgKind

NOW = "2025-03-10 10:00 +0800"


@pytest.fixture(autouse=True)
def fixed_now():
    with time_machine.travel(NOW):
        yield


@pytest.fixture
def retail(world, indicator):
    world.town2 = Organisation.objects.create(name="花园口镇", short_name="花园口镇", kind=OrgKind.TOWN, parent=world.a)
    world.retail = set_target(world.users.a_data, organisation=world.a, indicator=indicator("retail_sales"),
                              year=2025, wording="不少于53亿元")
    return world


def test_parts_short_of_the_district_target_show_the_gap(retail):
    w = retail
    set_part(w.users.a_data, w.retail, w.a_unit, "不少于30亿元")
    set_part(w.users.a_data, w.retail, w.town2, "不少于22亿元")
    d = decomposition(w.retail)
    assert (d.total, d.gap, d.covered) == (Decimal("52"), Decimal("1"), False)
    assert d.sentence == "各单位分解合计52亿元，比区目标53亿元少1亿元，尚未覆盖"
    assert all(p.parent_id == w.retail.pk for p in d.parts)


def test_parts_that_reach_the_target_cover_it(retail):
    w = retail
    set_part(w.users.a_data, w.retail, w.a_unit, "不少于30亿元")
    set_part(w.users.a_data, w.retail, w.town2, "不少于25亿元")
    d = decomposition(w.retail)
    assert d.covered and d.sentence == "各单位分解合计55亿元，覆盖区目标53亿元，多分解2亿元"


def test_a_growth_part_cannot_split_a_total_and_nothing_is_saved(retail):
    w = retail
    with pytest.raises(LedgerError, match="分解到单位的目标也应是总量目标"):
        set_part(w.users.a_data, w.retail, w.a_unit, "增长8%")
    assert not Target.objects.filter(organisation=w.a_unit).exists()


def test_district_a_cannot_decompose_into_b_units_nor_open_b_page(client, retail):
    w = retail
    with pytest.raises(LedgerError, match="不是惠济区的单位"):
        set_part(w.users.a_data, w.retail, w.b_unit, "不少于1亿元")
    client.force_login(w.users.a_data)
    b_target = set_target(w.users.b_data, organisation=w.b, indicator=w.retail.indicator, year=2025,
                          wording="不少于80亿元")
    url = reverse("indicators:decompose", args=[w.b.pk, b_target.indicator_id, 2025])
    assert client.get(url).status_code == 404
    assert client.post(url, {"unit": w.b_unit.pk, "wording": "不少于1亿元"}).status_code == 404


def test_decompose_page_saves_a_part_and_shows_the_coverage(client, retail):
    w = retail
    client.force_login(w.users.a_data)
    url = reverse("indicators:decompose", args=[w.a.pk, w.retail.indicator_id, 2025])
    assert client.post(url, {"unit": w.a_unit.pk, "wording": "不少于50亿元"}).status_code == 302
    page = client.get(url).content.decode()
    assert "比区目标53亿元少3亿元" in page and "花园口镇" in page
    client.force_login(w.users.a_leader)
    assert client.post(url, {"unit": w.town2.pk, "wording": "不少于3亿元"}).status_code == 403


def test_revising_a_part_someone_else_has_just_revised_is_refused_with_theirs(client, retail):
    w = retail
    client.force_login(w.users.a_data)
    url = reverse("indicators:decompose", args=[w.a.pk, w.retail.indicator_id, 2025])
    assert client.post(url, {"unit": w.a_unit.pk, "wording": "不少于50亿元"}).status_code == 302
    assert f'name="version-{w.a_unit.pk}" value="1"' in client.get(url).content.decode()
    set_part(w.users.a_data, w.retail, w.a_unit, "不少于45亿元", reason="按新口径", expected_version=1)
    stale = client.post(url, {"unit": w.a_unit.pk, "wording": "不少于40亿元", "reason": "调整",
                              f"version-{w.a_unit.pk}": 1})
    assert stale.status_code == 200 and "该记录已被他人修改（当前版本2）" in stale.content.decode()
    first = client.post(url, {"unit": w.a_unit.pk, "wording": "不少于40亿元", "reason": "调整"})
    assert "他人已先填报了这一记录（版本2）" in first.content.decode()
    assert Target.objects.get(organisation=w.a_unit).wording == "不少于45亿元"
    assert client.post(url, {"unit": w.a_unit.pk, "wording": "不少于40亿元", "reason": "调整",
                             f"version-{w.a_unit.pk}": 2}).status_code == 302
