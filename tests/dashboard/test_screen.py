"""一屏观全域: the district and city screens show the ledger's status, growth and ranks, scoped."""
import pytest
import time_machine
from django.urls import reverse

from luoshi.indicators.services import record_actual, set_target

NOW = "2025-11-24 10:00 +0800"


@pytest.fixture
def reported(world, indicator):
    gdp, retail = indicator("gdp"), indicator("retail_sales")
    with time_machine.travel(NOW):
        set_target(world.users.a_data, organisation=world.a, indicator=gdp, year=2025, wording="增长6%左右")
        set_target(world.users.a_data, organisation=world.a, indicator=retail, year=2025, wording="增长8%以上")
        record_actual(world.users.a_data, organisation=world.a, indicator=gdp, year=2025, month=9, value="241.8",
                      growth_pct="6")
        record_actual(world.users.a_data, organisation=world.a, indicator=retail, year=2025, month=10, value="90",
                      growth_pct="5.2")
        record_actual(world.users.b_data, organisation=world.b, indicator=gdp, year=2025, month=9, value="600.12",
                      growth_pct="5.1")
    return world


@time_machine.travel(NOW)
def test_district_screen_counts_statuses_and_lists_what_lags_with_the_reason(client, reported):
    client.force_login(reported.users.a_leader)
    response = client.get(reverse("dashboard:screen", args=[reported.a.pk]), {"year": 2025})
    context = response.context
    assert context["counts"]["met"] == 1 and context["counts"]["behind"] == 1
    assert [i["name"] for i in context["lagging"]] == ["社会消费品零售总额"]
    page = response.content.decode()
    assert "累计增长5.2%，低于目标“增长8%以上”2.8个百分点" in page
    assert f'/indicators/org/{reported.a.pk}/indicator/' in page, "each figure clicks through to its detail"
    assert "600.12" not in page


@time_machine.travel(NOW)
def test_city_screen_compares_districts_with_ranks(client, reported):
    client.force_login(reported.users.city_admin)
    response = client.get(reverse("dashboard:screen", args=[reported.city.pk]), {"year": 2025})
    rows = {r["district"].short_name: r for r in response.context["table"]}
    assert rows["惠济区"]["cells"][0]["rank"] == 1 and rows["中原区"]["cells"][0]["rank"] == 2
    assert [g["name"] for g in response.context["chart"]["gdp"]] == ["惠济区", "中原区"]


@time_machine.travel(NOW)
def test_district_users_cannot_open_the_city_screen_or_another_districts(client, reported):
    client.force_login(reported.users.a_leader)
    assert client.get(reverse("dashboard:screen", args=[reported.city.pk])).status_code == 404
    assert client.get(reverse("dashboard:screen", args=[reported.b.pk]), {"wall": "1"}).status_code == 404


@time_machine.travel(NOW)
def test_wall_mode_is_a_standalone_dark_page_that_refreshes(client, reported):
    client.force_login(reported.users.a_leader)
    page = client.get(reverse("dashboard:screen", args=[reported.a.pk]), {"year": 2025, "wall": "1"}).content.decode()
    assert '<body class="wall pal-cn">' in page and 'data-refresh="300"' in page and "luoshi/wall.js" in page


@time_machine.travel(NOW)
def test_a_district_with_the_international_palette_sees_its_indicators_in_that_palettes_colours(client, reported):
    from luoshi.core.status import PALETTES, Status
    from luoshi.organisations.models import DistrictSettings

    DistrictSettings.objects.update_or_create(district=reported.a, defaults={"status_palette": "intl"})
    client.force_login(reported.users.a_leader)
    context = client.get(reverse("dashboard:screen", args=[reported.a.pk]), {"year": 2025}).context
    colours = {i["name"]: i["colour"] for i in context["indicators"]}
    assert colours["地区生产总值"] == PALETTES["intl"][Status.MET] != PALETTES["cn"][Status.MET]
    assert colours["社会消费品零售总额"] == PALETTES["intl"][Status.BEHIND]


def test_the_city_matrix_and_the_status_colour_tag_colour_in_the_viewers_palette_not_the_default(reported):
    """A district that reads in the international palette sees 达标 green in the districts' matrix and from
    {% status_colour %}, as on its one screen; someone without a palette of their own, the default."""
    from django.template import Context, Template

    from luoshi.core.status import PALETTES, Status
    from luoshi.indicators.city import city_matrix
    from luoshi.organisations.models import DistrictSettings

    DistrictSettings.objects.update_or_create(district=reported.a, defaults={"status_palette": "intl"})
    with time_machine.travel(NOW):
        mine = city_matrix(reported.a.parent, 2025, reported.users.a_leader, codes=["gdp"])
        theirs = city_matrix(reported.a.parent, 2025, reported.users.city_admin, codes=["gdp"])
    a_cell = next(r for r in mine.rows if r.organisation == reported.a).cells[0]
    assert a_cell.status == Status.MET and a_cell.colour == PALETTES["intl"][Status.MET]
    assert next(r for r in theirs.rows if r.organisation == reported.a).cells[0].colour == PALETTES["cn"][Status.MET]
    tag = Template("{% load luoshi %}{% status_colour 'met' %}")
    assert tag.render(Context({"palette_name": "intl"})) == PALETTES["intl"][Status.MET] != PALETTES["cn"][Status.MET]
