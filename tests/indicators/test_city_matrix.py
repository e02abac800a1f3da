"""The city sees its districts side by side: growth, rank and status per district and indicator on the city
overview, the city page and the one-screen, with the city's own figures where it keeps them."""
import pytest
import time_machine
from django.urls import reverse

from luoshi.core.periods import Period
from luoshi.dashboard.briefing import compose
from luoshi.indicators.city import city_matrix
from luoshi.indicators.services import record_actual, set_target

NOW = "2025-11-24 10:00 +0800"


@pytest.fixture(autouse=True)
def fixed_now():
    with time_machine.travel(NOW):
        yield


@pytest.fixture
def districts(world, indicator):
    iva = indicator("industrial_va")
    set_target(world.users.a_data, organisation=world.a, indicator=iva, year=2025, wording="增长6%左右")
    record_actual(world.users.a_data, organisation=world.a, indicator=iva, year=2025, month=10, value="160",
                  growth_pct="7.5")
    record_actual(world.users.b_data, organisation=world.b, indicator=iva, year=2025, month=10, value="300",
                  growth_pct="4.1")
    world.iva = iva
    return world


def test_matrix_gives_each_district_growth_rank_and_status(districts):
    w = districts
    m = city_matrix(w.city, 2025, w.users.city_admin)
    assert [i.code for i in m.indicators] == ["industrial_va"]
    cells = {r.organisation.short_name: r.cells[0] for r in m.rows}
    assert (cells["惠济区"].rank, cells["中原区"].rank) == (1, 2)
    assert cells["惠济区"].status == "met" and cells["惠济区"].label == "达标"
    assert m.city_row is None


def test_city_overview_shows_the_districts_instead_of_no_data(client, districts):
    w = districts
    client.force_login(w.users.city_admin)
    page = client.get(reverse("indicators:overview", args=[w.city.pk]), {"year": 2025}).content.decode()
    assert "尚无目标或实绩" not in page
    assert "各区对比" in page and "7.5%" in page and "第1/2" in page


def test_city_page_and_one_screen_show_the_matrix_with_the_citys_own_row(client, districts):
    w = districts
    record_actual(w.users.city_admin, organisation=w.city, indicator=w.iva, year=2025, month=10, value="640",
                  growth_pct="6.0")
    client.force_login(w.users.city_admin)
    page = client.get(reverse("indicators:city", args=[w.city.pk])).content.decode()
    assert "各区对比" in page and "郑州市(全市)" in page and "640" in page
    screen = client.get(reverse("dashboard:screen", args=[w.city.pk]), {"year": 2025})
    assert [r["district"].short_name for r in screen.context["table"]][-1] == "郑州市"
    assert "占全市1/4" in compose(w.a, Period(2025, 10)).text


def test_a_district_user_never_sees_the_city_matrix(client, districts):
    client.force_login(districts.users.a_leader)
    assert client.get(reverse("indicators:overview", args=[districts.city.pk])).status_code == 404
