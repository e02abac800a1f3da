"""Status rules: growth targets against cumulative growth (左右 has a band), absolute targets against
the share of the year elapsed (时间过半、任务过半); the reason is given in words."""
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.test import override_settings

from luoshi.core.status import Status, palette
from luoshi.indicators.status import target_status
from luoshi.indicators.wording import parse_target

CUMULATIVE = SimpleNamespace(cumulative=True, unit="亿元")
POINT = SimpleNamespace(cumulative=False, unit="%")


def target(wording, unit="亿元"):
    p = parse_target(wording, unit)
    return SimpleNamespace(wording=wording, kind=p.kind, comparator=p.comparator, value=p.value,
                           stretch_value=p.stretch_value)


def actual(month, value=None, growth=None, year=2025):
    return SimpleNamespace(year=year, month=month, value=None if value is None else Decimal(value),
                           growth_pct=None if growth is None else Decimal(growth))


@pytest.mark.parametrize("growth, status", [
    ("6.3", Status.MET), ("5.6", Status.MET), ("5.5", Status.MET), ("5.2", Status.CLOSE), ("4.4", Status.BEHIND)])
def test_about_target_accepts_half_a_point_below(growth, status):
    assert target_status(target("增长6%左右"), actual(9, growth=growth), CUMULATIVE).status == status


def test_about_band_is_a_setting():
    with override_settings(LUOSHI={"ABOUT_TOLERANCE_PP": Decimal("1.0"), "GROWTH_CLOSE_MARGIN_PP": Decimal("1"),
                                   "PROGRESS_CLOSE_MARGIN_PP": Decimal("5"), "STATUS_PALETTE": "cn"}):
        assert target_status(target("增长6%左右"), actual(9, growth="5.1"), CUMULATIVE).status == Status.MET


def test_at_least_target_is_met_only_at_or_above_it():
    assert target_status(target("增长10%以上"), actual(6, growth="10"), CUMULATIVE).status == Status.MET
    result = target_status(target("增长10%以上"), actual(6, growth="9.6"), CUMULATIVE)
    assert result.status == Status.CLOSE
    assert "低于目标“增长10%以上”0.4个百分点" in result.reason


def test_growth_reason_says_how_far_above_target():
    result = target_status(target("增长6%左右"), actual(9, growth="6.8"), CUMULATIVE)
    assert result.reason == "累计增长6.8%,高于目标“增长6%左右”0.8个百分点"


def test_stretch_reached_is_said():
    result = target_status(target("增长6%左右,力争7%"), actual(9, growth="7.2"), CUMULATIVE)
    assert "达到力争目标7%" in result.reason


def test_half_the_work_by_half_the_year_is_on_track():
    result = target_status(target("不低于1100亩", "亩"), actual(6, value="560"), CUMULATIVE)
    assert result.status == Status.MET
    assert result.time_pct == Decimal("50.0") and result.completion_pct == Decimal("50.9")
    assert "超过时间进度0.9个百分点" in result.reason


def test_lagging_the_time_progress_is_behind_with_points_in_words():
    result = target_status(target("不低于1100亩", "亩"), actual(9, value="600"), CUMULATIVE)
    assert result.status == Status.BEHIND
    assert "时间进度75%,落后时间进度20.5个百分点" in result.reason


def test_slightly_behind_time_progress_is_close():
    assert target_status(target("不低于1100亩", "亩"), actual(6, value="510"), CUMULATIVE).status == Status.CLOSE


def test_year_end_absolute_target_compares_with_the_full_target():
    assert target_status(target("突破1000亿元"), actual(12, value="1001"), CUMULATIVE).status == Status.MET
    assert target_status(target("突破1000亿元"), actual(12, value="900"), CUMULATIVE).status == Status.BEHIND


def test_point_in_time_indicator_compares_latest_value_with_target():
    assert target_status(target("突破70%", "%"), actual(6, value="71"), POINT).status == Status.MET


def test_no_target_and_no_data_are_said_in_words():
    assert target_status(None, actual(3, growth="5"), CUMULATIVE).reason == "未设定年度目标"
    assert target_status(target("增长6%左右"), None, CUMULATIVE).status == Status.NO_DATA


def test_palette_makes_red_mean_good_by_default_and_can_be_switched():
    colours = {p["status"]: p["colour"] for p in palette()}
    assert colours["met"] == "#d7263d"
    with override_settings(LUOSHI={"ABOUT_TOLERANCE_PP": Decimal("0.5"), "GROWTH_CLOSE_MARGIN_PP": Decimal("1"),
                                   "PROGRESS_CLOSE_MARGIN_PP": Decimal("5"), "STATUS_PALETTE": "intl"}):
        colours = {p["status"]: p["colour"] for p in palette()}
        assert colours["behind"] == "#d7263d"
