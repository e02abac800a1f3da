"""The demo city is built from the seeds: real figures carry their seed file, filler is marked synthetic,
and the synthetic filler never contradicts what the seeds claim."""
from decimal import Decimal

import time_machine
from django.core.management import call_command

from luoshi.core.demo import S1
from luoshi.core.periods import Period
from luoshi.indicators.models import Actual, Indicator, Target
from luoshi.indicators.ranking import standing
from luoshi.organisations.models import Organisation

# `demo`: the shared demo city (tests/conftest.py).


def test_seed_results_are_loaded_with_their_source_file(demo):
    gdp = Actual.objects.get(organisation=demo["经开区"], indicator__code="gdp", year=2023, month=12)
    assert (gdp.value, gdp.growth_pct, gdp.source, gdp.is_synthetic) == (Decimal("1328.4"), Decimal("8.2"), S1, False)
    t = Target.objects.get(organisation=demo["惠济区"], indicator__code="gdp", year=2025)
    assert (t.wording, t.comparator, t.value, t.is_synthetic) == ("增长6%左右", "about", Decimal("6"), False)


def test_huiji_first_of_six_for_three_quarters_is_derived_from_the_data(demo):
    gdp = Indicator.objects.get(code="gdp")
    assert standing(demo["惠济区"], gdp, Period(2024, 9)).sentence == "连续3个季度累计增速居6区第一"


def test_jingkai_2023_growth_is_the_highest_of_five_years(demo):
    growth = dict(Actual.objects.filter(organisation=demo["经开区"], indicator__code="gdp", month=12,
                                        year__range=(2019, 2023)).values_list("year", "growth_pct"))
    assert max(growth, key=growth.get) == 2023 and len(growth) == 5


def test_every_figure_not_from_a_seed_is_marked_synthetic(demo):
    assert Actual.objects.filter(is_synthetic=False).exclude(source__endswith=".txt").count() == 0
    assert Actual.objects.filter(is_synthetic=True).exclude(source__startswith="合成").count() == 0
    assert Actual.objects.filter(is_synthetic=True).count() > 1000


def test_loading_the_demo_again_duplicates_and_overwrites_nothing(demo):
    before = (Actual.objects.count(), Target.objects.count(), Organisation.objects.count())
    with time_machine.travel("2026-11-24 10:00 +0800", tick=False):
        call_command("load_demo", verbosity=0)
    assert (Actual.objects.count(), Target.objects.count(), Organisation.objects.count()) == before


def test_ledger_pipeline_investment_and_letters_open_on_the_same_demo_year(demo, client):
    """One coherent demo: every page opens on DEMO_YEAR (the seeds' latest target year), whatever today is."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from luoshi.core.demo import DEMO_YEAR
    from luoshi.projects.selectors import latest_plan_year

    huiji = demo["惠济区"]
    leader = get_user_model().objects.get(username="huiji_leader")
    client.force_login(leader)
    with time_machine.travel("2026-11-24 10:00 +0800", tick=False):
        years = {name: client.get(reverse(name, args=[huiji.pk])).context["year"] for name in (
            "indicators:overview", "investment:ledger", "accountability:letters", "dashboard:screen")}
        years["projects"] = latest_plan_year(leader, huiji)
    assert years == {name: DEMO_YEAR for name in years}, years
    assert not Actual.objects.filter(year__gt=DEMO_YEAR).exists(), "the synthetic filler stops at the demo year"


def test_the_demo_year_is_the_latest_year_the_seeds_set_targets_for():
    from luoshi.core.demo import DEMO_YEAR
    from luoshi.indicators.demo import TARGETS

    assert DEMO_YEAR == max(year for _o, _c, year, _w, _s in TARGETS)


def test_every_app_with_demo_data_loads_it_through_the_one_command():
    from luoshi.core.registry import site

    assert [e.name for e in site.demos()] == ["organisations", "indicators", "appeals", "inspections",
                                              "accountability", "projects", "investment", "workplan"]


def test_every_demo_person_has_a_name_and_a_post_and_is_marked_synthetic(demo):
    """No one reads as a role (“经开区副区长”, “古荥镇 工作人员”): each demo person has a plausible name,
    their post apart from it (so person_label shows “杨帆（经开区管委会副主任）”), and a synthetic source."""
    from django.contrib.auth import get_user_model

    from luoshi.organisations.models import Profile
    from luoshi.organisations.selectors import person_label

    people = Profile.objects.exclude(user__username="admin").select_related("user", "organisation__district")
    role_like = [p.display_name for p in people if not 2 <= len(p.display_name) <= 4
                 or any(w in p.display_name for w in ("区", "长", "主任", "人员", "合成", " "))]
    assert role_like == [] and all(p.source == "合成" and p.title for p in people)
    deputy = get_user_model().objects.get(username="jingkai_deputy")
    assert person_label(deputy) == "杨帆（经开区管委会副主任）"
