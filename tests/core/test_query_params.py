"""Query parameters (year, month, page, ids) out of range answer 400 with the reason, or the page's
default where one is natural, never a 500 (issue 13: ?year=10000 and ?year=99999999999999999999)."""
import pytest
import time_machine
from django.core.exceptions import BadRequest
from django.test import RequestFactory

from luoshi.core import params
from luoshi.core.periods import Period

NOW = "2025-11-24 10:00 +0800"
BAD_YEARS = ["10000", "99999999999999999999", "1999", "1", "-1", "abc", "²"]


@pytest.fixture(autouse=True)
def fixed_now():
    with time_machine.travel(NOW):
        yield


def pages(world, indicator):
    a = world.a.pk
    gdp = indicator("gdp").pk
    return [
        f"/appeals/org/{a}/statistics/", f"/appeals/org/{a}/statistics.xlsx",
        f"/inspections/org/{a}/monthly/", f"/inspections/org/{a}/monthly.xlsx", "/inspections/visits/",
        f"/projects/org/{a}/rollup/", f"/projects/org/{a}/rollup.xlsx", f"/projects/org/{a}/wages/",
        f"/projects/org/{a}/wages.xlsx", f"/projects/org/{a}/list/", f"/projects/org/{a}/list.xlsx",
        f"/investment/org/{a}/", f"/investment/org/{a}/ledger.xlsx", f"/investment/org/{a}/batches/",
        f"/indicators/org/{a}/", f"/indicators/org/{a}/indicator/{gdp}/", "/indicators/export.xlsx",
        f"/dashboard/org/{a}/", f"/dashboard/org/{a}/briefing/", f"/accountability/org/{a}/",
    ]


@pytest.mark.parametrize("year", BAD_YEARS)
def test_a_year_out_of_range_answers_400_on_every_page_and_export(client, world, indicator, year):
    client.force_login(world.users.a_leader)
    for url in pages(world, indicator):
        response = client.get(url, {"year": year, "month": "6"})
        assert response.status_code in (200, 400), (url, response.status_code)
        if url.endswith(("statistics/", "monthly/", "rollup/", "batches/", ".xlsx")) and "list" not in url \
                and "ledger" not in url:
            assert response.status_code == 400, (url, year)


@pytest.mark.parametrize("month", ["13", "0", "-1", "99999999999999999999", "x"])
def test_a_month_out_of_range_answers_400(client, world, indicator, month):
    client.force_login(world.users.a_leader)
    for url in (f"/inspections/org/{world.a.pk}/monthly/", f"/projects/org/{world.a.pk}/wages/",
                f"/dashboard/org/{world.a.pk}/briefing/", "/inspections/visits/"):
        assert client.get(url, {"year": "2025", "month": month}).status_code == 400, url


def test_a_good_year_still_opens_every_page(client, world, indicator):
    client.force_login(world.users.a_leader)
    for url in pages(world, indicator):
        assert client.get(url, {"year": "2025", "month": "6"}).status_code == 200, url


@pytest.mark.parametrize("value", ["99999999999999999999", "abc", "0", "-3"])
def test_a_bad_id_in_a_query_answers_400_or_is_dropped_as_a_filter(client, world, value):
    client.force_login(world.users.city_admin)
    assert client.get("/appeals/supervision/", {"district": value}).status_code == 400
    assert client.get("/inspections/visits/", {"district": value}).status_code == 400
    for url in (f"/projects/org/{world.a.pk}/list/", f"/investment/org/{world.a.pk}/"):
        assert client.get(url, {"unit": value, "chain": value, "category": value, "page": value}).status_code == 200


@pytest.mark.parametrize("url", ["/api/indicators/organisations/{a}/overview", "/api/indicators/actuals",
                                 "/api/indicators/targets", "/api/projects/districts/{a}/rollup",
                                 "/api/investment/districts/{a}/funnel",
                                 "/api/inspections/districts/{a}/monthly-report"])
@pytest.mark.parametrize("year", ["10000", "99999999999999999999", "-1", "1999"])
def test_the_api_answers_422_naming_year_for_a_year_out_of_range(client, world, url, year):
    client.force_login(world.users.a_leader)
    response = client.get(url.format(a=world.a.pk), {"year": year})
    assert response.status_code == 422, (url, response.content)
    assert response.json()["errors"][0]["field"] == "year"


def test_the_helper_says_why_and_keeps_defaults():
    factory = RequestFactory()
    assert params.year(factory.get("/")) == 2025
    assert params.year(factory.get("/", {"year": ""}), 2024) == 2024
    assert params.period(factory.get("/"), Period(2025, 10)) == Period(2025, 10)
    assert params.page(factory.get("/", {"page": "99999999999999999999"})) == 1
    with pytest.raises(BadRequest, match="2000—2100"):
        params.year(factory.get("/", {"year": "10000"}))
    with pytest.raises(BadRequest, match="1至12"):
        params.month(factory.get("/", {"month": "13"}))
    with pytest.raises(BadRequest, match="正整数"):
        params.ids(factory.post("/", {"id": ["3", "x"]}).POST)
    assert params.filter_id("99999999999999999999") is None and params.filter_year("3000") is None
