"""Targets judged against other figures (issue 16): relative to the economy's growth, a share of another
indicator, a total over the years; written through the ledger's own services."""
from decimal import Decimal

import pytest
import time_machine
from django.conf import settings
from django.test import override_settings

from luoshi.core.status import Status
from luoshi.indicators.models import TargetKind
from luoshi.indicators.services import LedgerError, record_actual, set_target
from luoshi.indicators.status import target_status

NOW = "2025-11-24 10:00 +0800"


def report(world, indicator, month, value=None, growth=None, year=2025):
    return record_actual(world.users.a_data, organisation=world.a, indicator=indicator, year=year, month=month,
                         value=value, growth_pct=growth)


@time_machine.travel(NOW)
def test_income_in_step_with_the_economy_within_the_tolerance(world, indicator):
    income, gdp = indicator("resident_income"), indicator("gdp")
    t = set_target(world.users.a_data, organisation=world.a, indicator=income, year=2025,
                   wording="居民人均可支配收入增长与经济增长基本同步")
    assert (t.kind, t.linked_indicator) == (TargetKind.RELATIVE, gdp)
    report(world, gdp, 9, value="200", growth="6")
    own = report(world, income, 9, value="30000", growth="5.6")
    result = target_status(t, own)
    assert result.status == Status.MET
    assert result.reason == ("累计增长5.6%，地区生产总值增长6%，相差0.4个百分点，"
                             "在“居民人均可支配收入增长与经济增长基本同步”的范围内（±0.5个百分点）")
    own = record_actual(world.users.a_data, organisation=world.a, indicator=income, year=2025, month=9,
                        value="30000", growth_pct="5", reason="更正")
    assert target_status(t, own).status == Status.CLOSE
    with override_settings(LUOSHI={**settings.LUOSHI, "RELATIVE_TOLERANCE_PP": Decimal("1")}):
        assert target_status(t, own).status == Status.MET


@time_machine.travel(NOW)
def test_faster_than_the_economy_and_no_data_when_the_economy_is_not_reported(world, indicator):
    income = indicator("resident_income")
    t = set_target(world.users.a_data, organisation=world.a, indicator=income, year=2025, wording="增长快于经济增长")
    own = report(world, income, 9, value="30000", growth="6.5")
    assert target_status(t, own).status == Status.NO_DATA
    report(world, indicator("gdp"), 9, value="200", growth="6")
    assert target_status(t, own).status == Status.MET


@time_machine.travel(NOW)
def test_share_of_fixed_investment(world, indicator):
    industrial, fixed = indicator("industrial_investment"), indicator("fixed_investment")
    t = set_target(world.users.a_data, organisation=world.a, indicator=industrial, year=2025,
                   wording="占固定资产投资比重不低于30%")
    assert (t.kind, t.linked_indicator, t.value) == (TargetKind.SHARE, fixed, Decimal(30))
    own = report(world, industrial, 9, value="29.5")
    assert target_status(t, own).status == Status.NO_DATA
    report(world, fixed, 9, value="100")
    result = target_status(t, own)
    assert result.status == Status.CLOSE and result.reason.startswith("占固定资产投资比重29.5%")


@time_machine.travel(NOW)
def test_share_of_an_unknown_whole_is_refused_in_words(world, indicator):
    with pytest.raises(LedgerError, match="占哪一项指标"):
        set_target(world.users.a_data, organisation=world.a, indicator=indicator("industrial_investment"),
                   year=2025, wording="占比不低于30%")


@time_machine.travel(NOW)
def test_a_multi_year_total_adds_the_past_years(world, indicator):
    trains = indicator("china_europe_trains")
    t = set_target(world.users.a_data, organisation=world.a, indicator=trains, year=2025,
                   wording="累计开行突破10000班")
    assert t.kind == TargetKind.TOTAL
    report(world, trains, 12, value="6000", year=2023)
    report(world, trains, 12, value="2500", year=2024)
    result = target_status(t, report(world, trains, 9, value="1000"))
    assert result.status == Status.BEHIND and result.reason.startswith("历年累计9500班")
    result = target_status(t, report(world, trains, 10, value="1600"))
    assert result.status == Status.MET and result.reason.startswith("历年累计10100班")


@time_machine.travel(NOW)
def test_a_lower_is_better_indicator_stores_its_direction(world, indicator):
    t = set_target(world.users.a_data, organisation=world.a, indicator=indicator("unemployment_rate"), year=2025,
                   wording="城镇调查失业率控制在5.5%以内")
    assert (t.kind, t.comparator, t.direction) == ("rate", "at_most", "lower")
    rate = report(world, indicator("cpi"), 9, value="-0.3")
    assert rate.value == Decimal("-0.3")  # a rate may fall below zero
