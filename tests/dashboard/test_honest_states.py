"""Honest states on the one screen: a unit without figures says 暂无数据, never "all met" nor zeros as if
counted; an indicator reported without a target shows its figures and says 未设目标 on every page and in
the API, never 暂无数据."""
import time_machine
from django.urls import reverse

from luoshi.indicators.services import record_actual, set_target

NOW = "2025-11-24 10:00 +0800"


@time_machine.travel(NOW)
def test_a_unit_without_figures_says_no_data_on_its_one_screen_not_all_met(client, world):
    client.force_login(world.users.a_data)
    for wall in ("", "1"):
        response = client.get(reverse("dashboard:screen", args=[world.a_unit.pk]), {"year": 2025, "wall": wall})
        page = response.content.decode()
        assert "全部指标达到或超过目标进度" not in page
        assert page.count("暂无数据") >= 4, "the counts, the charts and the list each say there is nothing"
        assert 'class="tile-value">0<' not in page, "no tiles of zeros as if something had been counted"


@time_machine.travel(NOW)
def test_all_met_is_said_only_of_what_was_judged(client, world, indicator):
    set_target(world.users.a_data, organisation=world.a, indicator=indicator("gdp"), year=2025, wording="增长6%左右")
    record_actual(world.users.a_data, organisation=world.a, indicator=indicator("gdp"), year=2025, month=9,
                  value="241.8", growth_pct="6.2")
    record_actual(world.users.a_data, organisation=world.a, indicator=indicator("retail_sales"), year=2025,
                  month=9, value="90", growth_pct="5")
    client.force_login(world.users.a_leader)
    page = client.get(reverse("dashboard:screen", args=[world.a.pk]), {"year": 2025}).content.decode()
    assert "全部指标达到或超过目标进度" not in page
    assert "已评判的1项指标均达到或超过目标进度，另有1项暂无数据或未设目标" in page


@time_machine.travel(NOW)
def test_an_indicator_reported_without_a_target_shows_its_figures_and_says_no_target(client, world, indicator):
    retail = indicator("retail_sales")
    record_actual(world.users.a_data, organisation=world.a, indicator=retail, year=2025, month=9, value="90.5",
                  growth_pct="5.1")
    client.force_login(world.users.a_leader)
    pages = {
        "overview": reverse("indicators:overview", args=[world.a.pk]),
        "indicator": reverse("indicators:detail", args=[world.a.pk, retail.pk]),
        "one screen": reverse("dashboard:screen", args=[world.a.pk]),
    }
    for name, url in pages.items():
        page = client.get(url, {"year": 2025}).content.decode()
        assert "90.5" in page, name
        assert '<span class="status st-no_target">未设目标</span>' in page, name
        assert '<span class="status st-no_data">' not in page, name
    rows = client.get(f"/api/indicators/organisations/{world.a.pk}/overview", {"year": 2025}).json()
    assert [(r["latest"]["value"], r["status"]["status"], r["status"]["label"]) for r in rows] == [
        ("90.5", "no_target", "未设目标")]
    detail = client.get(f"/api/indicators/organisations/{world.a.pk}/indicators/{retail.pk}", {"year": 2025}).json()
    assert detail["status"]["label"] == "未设目标"
