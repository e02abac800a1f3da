"""Writing figures: permissions, validation in Chinese, revisions with reasons, history, stale edits."""
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from luoshi.indicators.models import Actual, Target
from luoshi.indicators.services import ConflictError, LedgerError, record_actual, set_target

NOW = "2025-11-24 10:00 +0800"


@time_machine.travel(NOW)
def test_target_typed_as_wording_is_stored_with_its_rule(world, indicator):
    t = set_target(world.users.a_data, organisation=world.a, indicator=indicator("gdp"), year=2025,
                   wording="增长6%左右", source="000_fe62a0247c95cbc5.txt")
    assert (t.kind, t.comparator, t.value, t.wording) == ("growth", "about", Decimal("6"), "增长6%左右")
    assert t.history.first().history_user == world.users.a_data


@time_machine.travel(NOW)
def test_changing_a_target_needs_a_reason_and_keeps_the_old_wording(world, indicator):
    gdp = indicator("gdp")
    set_target(world.users.a_data, organisation=world.a, indicator=gdp, year=2025, wording="增长6%左右")
    with pytest.raises(LedgerError, match="修订原因"):
        set_target(world.users.a_data, organisation=world.a, indicator=gdp, year=2025, wording="增长7%左右")
    t = set_target(world.users.a_data, organisation=world.a, indicator=gdp, year=2025, wording="增长7%左右",
                   reason="区人代会调整")
    assert t.version == 2
    old, new = t.history.order_by("history_date")
    assert (old.wording, new.wording, new.history_change_reason) == ("增长6%左右", "增长7%左右", "区人代会调整")


@time_machine.travel(NOW)
def test_resubmitting_a_period_is_a_revision_with_history(world, indicator):
    iva = indicator("industrial_va")
    record_actual(world.users.a_data, organisation=world.a, indicator=iva, year=2025, month=9, value="100",
                  growth_pct="8.1")
    with pytest.raises(LedgerError, match="重新提交须填写修订原因"):
        record_actual(world.users.a_data, organisation=world.a, indicator=iva, year=2025, month=9, value="101",
                      growth_pct="8.3")
    a = record_actual(world.users.a_data, organisation=world.a, indicator=iva, year=2025, month=9, value="101",
                      growth_pct="8.3", reason="统计局反馈修正")
    values = [(h.value, h.history_change_reason) for h in a.history.order_by("history_date")]
    assert values == [(Decimal("100"), "首次填报"), (Decimal("101"), "统计局反馈修正")]


@time_machine.travel(NOW)
def test_second_writer_with_a_stale_version_is_refused_and_sees_the_newer_value(world, indicator):
    iva = indicator("industrial_va")
    first = record_actual(world.users.a_data, organisation=world.a, indicator=iva, year=2025, month=9, value="100")
    record_actual(world.users.a_data, organisation=world.a, indicator=iva, year=2025, month=9, value="105",
                  reason="更正", expected_version=first.version)
    with pytest.raises(ConflictError) as exc:
        record_actual(world.users.a_data, organisation=world.a, indicator=iva, year=2025, month=9, value="99",
                      reason="我的更正", expected_version=first.version)
    assert exc.value.current.value == Decimal("105")
    assert Actual.objects.get(organisation=world.a, indicator=iva, year=2025, month=9).value == Decimal("105")


@time_machine.travel(NOW)
@pytest.mark.parametrize("kwargs, message", [
    (dict(month=12, value="10"), "尚未到来"),
    (dict(month=9, value="-1"), "不能为负数"),
    (dict(month=9, value="abc"), "不是数字"),
    (dict(month=9, growth_pct="300000"), "不能大于1000"),
    (dict(month=9, value="10", unit="亩"), "单位“亩”与指标"),
    (dict(month=13, value="10"), "月份应为1至12"),
    (dict(month=9), "至少填写一项"),
])
def test_bad_figure_is_refused_in_chinese_and_nothing_is_saved(world, indicator, kwargs, message):
    with pytest.raises(LedgerError, match=message):
        record_actual(world.users.a_data, organisation=world.a, indicator=indicator("industrial_va"), year=2025,
                      **kwargs)
    assert not Actual.objects.exists()


@time_machine.travel(NOW)
def test_quarterly_indicator_accepts_only_quarter_ends(world, indicator):
    with pytest.raises(LedgerError, match="按季上报"):
        record_actual(world.users.a_data, organisation=world.a, indicator=indicator("gdp"), year=2025, month=8,
                      value="100", growth_pct="6")


@time_machine.travel(NOW)
def test_cumulative_value_cannot_fall_within_a_year(world, indicator):
    iva = indicator("industrial_va")
    record_actual(world.users.a_data, organisation=world.a, indicator=iva, year=2025, month=6, value="60")
    with pytest.raises(LedgerError, match="累计值不会减少"):
        record_actual(world.users.a_data, organisation=world.a, indicator=iva, year=2025, month=7, value="50")


@time_machine.travel(NOW)
def test_money_in_wan_yuan_is_converted_to_the_indicators_yi_yuan(world, indicator):
    a = record_actual(world.users.a_data, organisation=world.a, indicator=indicator("industrial_va"), year=2025,
                      month=9, value="12345", unit="万元")
    assert a.value == Decimal("1.2345")


@time_machine.travel(NOW)
def test_district_a_staff_cannot_write_district_b_figures(world, indicator):
    with pytest.raises(PermissionDenied):
        record_actual(world.users.a_data, organisation=world.b, indicator=indicator("gdp"), year=2025, month=9,
                      value="1")
    with pytest.raises(PermissionDenied):
        set_target(world.users.a_data, organisation=world.b, indicator=indicator("gdp"), year=2025, wording="增长6%")
    assert not Actual.objects.exists() and not Target.objects.exists()


@time_machine.travel(NOW)
def test_leader_reads_but_cannot_write_and_unit_reports_only_its_own_actuals(world, indicator):
    with pytest.raises(PermissionDenied):
        record_actual(world.users.a_leader, organisation=world.a, indicator=indicator("gdp"), year=2025, month=9,
                      value="1")
    with pytest.raises(PermissionDenied):
        set_target(world.users.a_unit, organisation=world.a_unit, indicator=indicator("retail_sales"), year=2025,
                   wording="增长6%")
    record_actual(world.users.a_unit, organisation=world.a_unit, indicator=indicator("retail_sales"), year=2025,
                  month=9, value="3.2", growth_pct="5.1")
    with pytest.raises(PermissionDenied):
        record_actual(world.users.a_unit, organisation=world.a, indicator=indicator("retail_sales"), year=2025,
                      month=9, value="3.2")
