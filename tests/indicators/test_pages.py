"""The pages a district's staff use: overview, indicator detail, entry forms; all scoped to the user."""
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from luoshi.indicators.models import Actual, Target
from luoshi.indicators.services import record_actual, set_target

NOW = "2025-11-24 10:00 +0800"


@pytest.fixture
def ledger(world, indicator):
    with time_machine.travel(NOW):
        gdp = indicator("gdp")
        set_target(world.users.a_data, organisation=world.a, indicator=gdp, year=2025, wording="增长6%左右")
        record_actual(world.users.a_data, organisation=world.a, indicator=gdp, year=2025, month=9, value="241.8",
                      growth_pct="6")
        set_target(world.users.b_data, organisation=world.b, indicator=gdp, year=2025, wording="增长7%以上")
        record_actual(world.users.b_data, organisation=world.b, indicator=gdp, year=2025, month=9, value="600",
                      growth_pct="5.1")
    return gdp


@time_machine.travel(NOW)
def test_overview_shows_target_wording_latest_figure_status_in_words_and_rank(client, world, ledger):
    client.force_login(world.users.a_leader)
    page = client.get(reverse("indicators:overview", args=[world.a.pk]), {"year": 2025}).content.decode()
    assert "增长6%左右" in page and "241.8亿元" in page and "2025年1—3季度" in page
    assert "累计增长6%，达到目标“增长6%左右”" in page
    assert "第1/2" in page
    assert "增长7%以上" not in page and "600亿元" not in page


@time_machine.travel(NOW)
def test_detail_shows_standing_sentence_peers_and_audit_trail(client, world, ledger):
    client.force_login(world.users.a_data)
    page = client.get(reverse("indicators:detail", args=[world.a.pk, ledger.pk]), {"year": 2025}).content.decode()
    assert "累计增速居2区第一" in page
    assert "a_data" in page and "首次填报" in page


@time_machine.travel(NOW)
@pytest.mark.parametrize("name", ["overview", "detail", "target_edit", "actual_edit"])
def test_district_a_user_gets_404_for_district_b_pages_even_by_guessing_ids(client, world, ledger, name):
    args = {"overview": [world.b.pk], "detail": [world.b.pk, ledger.pk],
            "target_edit": [world.b.pk, ledger.pk, 2025], "actual_edit": [world.b.pk, ledger.pk]}[name]
    for user in (world.users.a_data, world.users.a_leader, world.users.a_unit, world.users.a_enterprise):
        client.force_login(user)
        assert client.get(reverse(f"indicators:{name}", args=args)).status_code == 404
    client.force_login(world.users.a_data)
    response = client.post(reverse("indicators:target_edit", args=[world.b.pk, ledger.pk, 2025]),
                           {"wording": "增长1%", "reason": "篡改"})
    assert response.status_code == 404
    assert Target.objects.get(organisation=world.b).wording == "增长7%以上"


@time_machine.travel(NOW)
def test_anonymous_visitor_is_sent_to_login(client, world, ledger):
    response = client.get(reverse("indicators:overview", args=[world.a.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


@time_machine.travel(NOW)
def test_target_form_takes_chinese_wording_and_revision_needs_reason(client, world, ledger):
    client.force_login(world.users.a_data)
    url = reverse("indicators:target_edit", args=[world.a.pk, ledger.pk, 2025])
    page = client.post(url, {"wording": "增长6.5%左右", "version": 1}).content.decode()
    assert "修改已有目标“增长6%左右”须填写修订原因" in page
    response = client.post(url, {"wording": "增长6.5%左右", "version": 1, "reason": "年中调整"})
    assert response.status_code == 302
    assert Target.objects.get(organisation=world.a).value == Decimal("6.5")


@time_machine.travel(NOW)
def test_stale_target_form_shows_the_newer_wording_and_keeps_it(client, world, ledger):
    client.force_login(world.users.a_data)
    url = reverse("indicators:target_edit", args=[world.a.pk, ledger.pk, 2025])
    client.post(url, {"wording": "增长6.5%左右", "version": 1, "reason": "年中调整"})
    page = client.post(url, {"wording": "增长5%左右", "version": 1, "reason": "另一人"}).content.decode()
    assert "较新的目标为“增长6.5%左右”" in page
    assert Target.objects.get(organisation=world.a).wording == "增长6.5%左右"


@time_machine.travel(NOW)
def test_actual_form_errors_name_the_field_in_chinese_and_save_nothing(client, world, ledger):
    client.force_login(world.users.a_data)
    url = reverse("indicators:actual_edit", args=[world.a.pk, ledger.pk])
    page = client.post(url, {"year": 2025, "month": 12, "value": "300", "growth_pct": "6"}).content.decode()
    assert "期间:2025年12月尚未到来，不能填报" in page
    assert Actual.objects.filter(organisation=world.a).count() == 1


@time_machine.travel(NOW)
def test_leader_sees_no_entry_buttons_and_cannot_post(client, world, ledger):
    client.force_login(world.users.a_leader)
    page = client.get(reverse("indicators:detail", args=[world.a.pk, ledger.pk])).content.decode()
    assert "填报实绩" not in page
    response = client.post(reverse("indicators:actual_edit", args=[world.a.pk, ledger.pk]),
                           {"year": 2025, "month": 9, "value": "1"})
    assert response.status_code == 403


@time_machine.travel(NOW)
def test_city_admin_sees_every_district_and_the_ranking(client, world, ledger):
    client.force_login(world.users.city_admin)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "惠济区" in page and "中原区" in page and "6%" in page and "5.1%" in page


@time_machine.travel(NOW)
def test_enterprise_user_lands_on_their_enterprise_only(client, world, ledger):
    client.force_login(world.users.a_enterprise)
    page = client.get(reverse("home")).content.decode()
    assert world.a_ent.name in page and world.a_ent.credit_code in page
    assert client.get(reverse("indicators:overview", args=[world.a.pk])).status_code == 404


@time_machine.travel(NOW)
def test_a_cap_on_a_rate_shows_lower_is_better_and_its_status_the_right_way_round(client, world, indicator):
    cpi = indicator("cpi")
    set_target(world.users.a_data, organisation=world.a, indicator=cpi, year=2025, wording="控制在3%以内")
    record_actual(world.users.a_data, organisation=world.a, indicator=cpi, year=2025, month=10, value="3.4")
    client.force_login(world.users.a_leader)
    page = client.get(reverse("indicators:detail", args=[world.a.pk, cpi.pk]), {"year": 2025}).content.decode()
    assert "越低越好" in page and "以内/不超过" in page
    assert "居民消费价格涨幅为3.4%，超出目标“控制在3%以内”0.4个百分点（越低越好）" in page
