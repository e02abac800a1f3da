"""Ranking among sibling districts by cumulative growth, and the streak sentence derived from data."""
from decimal import Decimal

import pytest

from luoshi.core.periods import Period
from luoshi.indicators.models import Actual
from luoshi.indicators.ranking import rank_rows, ranking, standing
from luoshi.organisations.models import Organisation, OrgKind


@pytest.fixture
def six_districts(world):
    names = ["经开区", "郑东新区", "荥阳市", "上街区"]
    others = [Organisation.objects.create(name=n, short_name=n, kind=OrgKind.DISTRICT, parent=world.city)
              for n in names]
    return [world.a, world.b] + others


def report(org, ind, year, month, growth):
    Actual.objects.create(organisation=org, indicator=ind, year=year, month=month, value=Decimal(100),
                          growth_pct=Decimal(growth))


def test_three_quarters_first_reads_as_the_seed_sentence(six_districts, indicator):
    gdp = indicator("gdp")
    huiji = six_districts[0]
    for month, lead in ((3, "6.4"), (6, "6.2"), (9, "6.0")):
        report(huiji, gdp, 2024, month, lead)
        for i, other in enumerate(six_districts[1:]):
            report(other, gdp, 2024, month, str(Decimal(lead) - Decimal("0.3") * (i + 1)))
    result = standing(huiji, gdp, Period(2024, 9))
    assert result.rank == 1 and result.streak == 3
    assert result.sentence == "连续3个季度累计增速居6区第一"


def test_streak_breaks_when_the_district_is_not_first(six_districts, indicator):
    gdp = indicator("gdp")
    huiji, zhongyuan = six_districts[0], six_districts[1]
    report(huiji, gdp, 2024, 3, "5.0")
    report(zhongyuan, gdp, 2024, 3, "6.0")
    report(huiji, gdp, 2024, 6, "6.5")
    report(zhongyuan, gdp, 2024, 6, "6.0")
    assert standing(huiji, gdp, Period(2024, 6)).sentence == "累计增速居2区第一"
    assert standing(zhongyuan, gdp, Period(2024, 6)).sentence == "累计增速居2区第二"


def test_monthly_indicator_streak_counts_months(six_districts, indicator):
    iva = indicator("industrial_va")
    for month in (1, 2, 3, 4):
        report(six_districts[0], iva, 2025, month, "9")
        report(six_districts[1], iva, 2025, month, "8")
    assert standing(six_districts[0], iva, Period(2025, 4)).sentence == "连续4个月累计增速居2区第一"


def test_ties_share_a_rank():
    rows = rank_rows([(1, "甲", Decimal("6"), None), (2, "乙", Decimal("7"), None), (3, "丙", Decimal("6"), None),
                      (4, "丁", Decimal("5"), None)])
    assert [(r.name, r.rank) for r in rows] == [("乙", 1), ("丙", 2), ("甲", 2), ("丁", 4)]


def test_units_and_other_cities_are_not_ranked_with_districts(world, indicator):
    gdp = indicator("gdp")
    other_city = Organisation.objects.create(name="开封市", short_name="开封市", kind=OrgKind.CITY)
    foreign = Organisation.objects.create(name="龙亭区", short_name="龙亭区", kind=OrgKind.DISTRICT, parent=other_city)
    report(world.a, gdp, 2025, 3, "5")
    report(world.a_unit, gdp, 2025, 3, "9")
    report(foreign, gdp, 2025, 3, "9")
    assert [r.name for r in ranking(world.city.pk, gdp.pk, Period(2025, 3))] == ["惠济区"]


def test_the_ranking_reads_only_the_asked_city_indicator_and_month_with_exact_growth(six_districts, indicator, world):
    """The ranking runs its query from SQL compiled once: every call still answers for its own arguments."""
    gdp, iva = indicator("gdp"), indicator("industrial_va")
    other_city = Organisation.objects.create(name="开封市", short_name="开封市", kind=OrgKind.CITY)
    kaifeng = Organisation.objects.create(name="龙亭区", short_name="龙亭区", kind=OrgKind.DISTRICT, parent=other_city)
    report(six_districts[0], gdp, 2024, 9, "6.05")
    report(six_districts[1], gdp, 2024, 9, "5.5")
    report(six_districts[1], gdp, 2024, 6, "9.9")
    report(six_districts[2], iva, 2024, 9, "8.8")
    report(kaifeng, gdp, 2024, 9, "12.3")
    rows = ranking(world.city.pk, gdp.pk, Period(2024, 9))
    assert [(r.name, r.growth_pct, r.value, r.rank) for r in rows] == [
        (six_districts[0].short_name, Decimal("6.05"), Decimal("100.0000"), 1),
        (six_districts[1].short_name, Decimal("5.50"), Decimal("100.0000"), 2)]
    assert [r.name for r in ranking(other_city.pk, gdp.pk, Period(2024, 9))] == ["龙亭区"]
    assert [r.name for r in ranking(world.city.pk, gdp.pk, Period(2024, 6))] == [six_districts[1].short_name]
    assert [r.name for r in ranking(world.city.pk, iva.pk, Period(2024, 9))] == [six_districts[2].short_name]
    report(six_districts[3], gdp, 2024, 9, "7")
    assert [r.name for r in ranking(world.city.pk, gdp.pk, Period(2024, 9))][0] == six_districts[3].short_name
