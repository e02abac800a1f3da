"""区级设置 are read where the rules apply: a district's own tolerance and margins judge its own targets
(pages, the one screen), its deadline day its projects' alerts; another district keeps the default."""
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from luoshi.core.status import Status
from luoshi.indicators import selectors
from luoshi.indicators.services import record_actual, set_target
from luoshi.organisations import tuning
from luoshi.organisations.models import Role
from luoshi.projects.models import Project, Stage
from luoshi.projects.selectors import alerts
from tests.conftest import make_user
from tests.projects.conftest import project  # noqa: F401 - fixture


@pytest.fixture
def admin(world):
    return make_user("a_admin", Role.DISTRICT_ADMIN, world.a)


def set_on_page(client, admin, world, **values):
    """The district administrator saves values on 区级设置, as in the browser."""
    client.force_login(admin)
    data = {"reason": "按区政府督查室要求调整", "version": str(tuning.stored(admin, world.a).version), **values}
    assert client.post(reverse("organisations:settings", args=[world.a.pk]), data).status_code == 302


@pytest.fixture
def reported(world, indicator):
    """Both districts: 社会消费品零售总额 增长6% with 5.5% reported, 地区生产总值 增长6%左右 with 5.6%."""
    with time_machine.travel("2025-08-10 10:00 +0800"):
        for user, org in ((world.users.a_data, world.a), (world.users.b_data, world.b)):
            set_target(user, organisation=org, indicator=indicator("retail_sales"), year=2025, wording="增长6%")
            set_target(user, organisation=org, indicator=indicator("gdp"), year=2025, wording="增长6%左右")
            record_actual(user, organisation=org, indicator=indicator("retail_sales"), year=2025, month=7,
                          value="100", growth_pct="5.5")
            record_actual(user, organisation=org, indicator=indicator("gdp"), year=2025, month=6,
                          value="500", growth_pct="5.6")
    return world


def statuses(org) -> dict:
    return {r.indicator.code: r.status.status for r in selectors.overview(org, 2025)}


def test_a_districts_margin_and_tolerance_judge_its_targets_and_not_another_districts(reported, admin, client):
    world = reported
    default = {"retail_sales": Status.CLOSE, "gdp": Status.MET}  # 0.5 short within 1.0; 5.6 within 6±0.5
    assert statuses(world.a) == statuses(world.b) == default
    set_on_page(client, admin, world, growth_close_margin_pp="0.3", about_tolerance_pp="0.2")
    assert statuses(world.a) == {"retail_sales": Status.BEHIND, "gdp": Status.CLOSE}
    assert statuses(world.b) == default
    screen = client.get(reverse("dashboard:screen", args=[world.a.pk]) + "?year=2025")
    assert screen.context["counts"][Status.BEHIND] == 1 and screen.context["counts"][Status.CLOSE] == 1
    client.force_login(world.users.b_data)
    screen = client.get(reverse("dashboard:screen", args=[world.b.pk]) + "?year=2025")
    assert screen.context["counts"][Status.BEHIND] == 0 and screen.context["counts"][Status.MET] == 1


def test_the_target_form_states_the_districts_own_tolerance(reported, admin, client, indicator):
    set_on_page(client, admin, reported, about_tolerance_pp="0.8")
    client.force_login(reported.users.a_data)
    page = client.get(reverse("indicators:target_edit", args=[reported.a.pk, indicator("gdp").pk, 2025]))
    assert page.context["about_pp"] == tuning.setting("ABOUT_TOLERANCE_PP", reported.a) != \
        tuning.setting("ABOUT_TOLERANCE_PP", reported.b)


def test_left_empty_a_setting_goes_back_to_the_default(reported, admin, client):
    set_on_page(client, admin, reported, growth_close_margin_pp="0.3")
    set_on_page(client, admin, reported, growth_close_margin_pp="")
    assert statuses(reported.a)["retail_sales"] == Status.CLOSE


def test_a_unit_reads_its_districts_value(world):
    tuning.DistrictSettings.objects.create(district=world.a, report_reminder_day=9)
    assert tuning.setting("REPORT_REMINDER_DAY", world.a_unit) == 9
    assert tuning.setting("REPORT_REMINDER_DAY", world.a_unit.pk) == 9
    assert tuning.setting("REPORT_REMINDER_DAY", world.b_unit) == tuning.setting("REPORT_REMINDER_DAY") == 3


def test_the_project_report_deadline_day_is_the_districts(world, project, admin, client):  # noqa: F811
    Project.objects.filter(pk=project.pk).update(stage=Stage.CONSTRUCTION, plan_year=2025)
    building = Project.objects.get(pk=project.pk)
    assert "no_report" in [a.kind for a in alerts(building, date(2025, 8, 7))]  # default: by the 5th
    set_on_page(client, admin, world, project_report_deadline_day="10")
    assert "no_report" not in [a.kind for a in alerts(building, date(2025, 8, 7))]
    late = next(a for a in alerts(building, date(2025, 8, 11)) if a.kind == "no_report")
    assert "每月10日前" in late.message


def nav(client, user) -> str:
    """The navigation of a page every signed-in user opens (the inbox)."""
    client.force_login(user)
    html = client.get(reverse("notifications:inbox")).content.decode()
    return html.split("<header", 1)[1].split("</header>", 1)[0]


def test_the_district_admin_is_offered_its_settings_and_channels_and_they_open(world, admin, client):
    pages = [reverse("organisations:settings", args=[world.a.pk]), reverse("notifications:channels", args=[world.a.pk])]
    links = nav(client, admin)
    assert all(f'href="{url}"' in links for url in pages) and "区级设置" in links and "发送渠道" in links
    assert [client.get(url).status_code for url in pages] == [200, 200]


@pytest.mark.parametrize("who", ["a_unit", "a_data", "a_leader"])
def test_other_roles_see_neither_link_and_by_url_are_refused_with_the_reason(world, client, who):
    user = getattr(world.users, who)
    links = nav(client, user)
    assert "/settings/" not in links and "/channels/" not in links
    for url, reason in ((reverse("organisations:settings", args=[world.a.pk]), "可以查看和修改区级设置"),
                        (reverse("notifications:channels", args=[world.a.pk]), "可以查看和修改发送渠道")):
        response = client.get(url)
        assert response.status_code == 403 and reason in response.content.decode()


def test_the_city_admin_finds_them_on_a_districts_register(world, client):
    client.force_login(world.users.city_admin)
    html = client.get(reverse("organisations:register", args=[world.a.pk])).content.decode()
    assert f'href="{reverse("organisations:settings", args=[world.a.pk])}"' in html
    assert f'href="{reverse("notifications:channels", args=[world.a.pk])}"' in html
    assert client.get(reverse("organisations:settings", args=[world.a.pk])).status_code == 200
