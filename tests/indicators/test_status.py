"""Status rules: growth targets against cumulative growth (左右 has a band), absolute targets against
the share of the year elapsed (时间过半、任务过半); the reason is given in words."""
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.test import override_settings

from luoshi.core.status import Status, palette
from luoshi.core.target_wording import parse_target
from luoshi.indicators.status import target_status

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
    assert result.reason == "累计增长6.8%，高于目标“增长6%左右”0.8个百分点"


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
    assert "时间进度75%，落后时间进度20.5个百分点" in result.reason


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
    assert colours["met"] == "#c81e36"
    with override_settings(LUOSHI={"ABOUT_TOLERANCE_PP": Decimal("0.5"), "GROWTH_CLOSE_MARGIN_PP": Decimal("1"),
                                   "PROGRESS_CLOSE_MARGIN_PP": Decimal("5"), "STATUS_PALETTE": "intl"}):
        colours = {p["status"]: p["colour"] for p in palette()}
        assert colours["behind"] == "#c81e36"


# --- issue 16: every status the right way round, said in words ---------------------------------------

def rule(wording, traits):
    from luoshi.core.target_wording import Traits  # noqa: F401  (traits built by the caller)

    p = parse_target(wording, indicator=traits)
    return SimpleNamespace(wording=wording, kind=p.kind, comparator=p.comparator, value=p.value,
                           stretch_value=p.stretch_value, value_high=p.value_high, direction=p.direction)


def traits(unit="亿元", lower=False, rate=False, name=""):
    from luoshi.core.target_wording import Traits
    from luoshi.indicators.models import Direction, Measure

    return Traits(unit, Direction.LOWER if lower else Direction.HIGHER, Measure.RATE if rate else Measure.AMOUNT, name)


CPI_INDICATOR = SimpleNamespace(cumulative=False, unit="%", name="居民消费价格涨幅")


@pytest.mark.parametrize("rate, status", [("2.5", Status.MET), ("3", Status.MET), ("3.4", Status.CLOSE),
                                          ("5", Status.BEHIND), ("-0.3", Status.MET)])
def test_a_cap_on_a_rate_is_met_at_or_under_it(rate, status):
    t = rule("控制在3%以内", traits("%", lower=True, rate=True))
    assert target_status(t, actual(9, value=rate), CPI_INDICATOR).status == status


def test_a_cap_says_by_how_much_it_is_exceeded():
    t = rule("控制在3%以内", traits("%", lower=True, rate=True))
    result = target_status(t, actual(9, value="3.4"), CPI_INDICATOR)
    assert result.reason == "居民消费价格涨幅为3.4%，超出目标“控制在3%以内”0.4个百分点（越低越好）"


@pytest.mark.parametrize("growth, status", [("-5", Status.MET), ("-3", Status.MET), ("-2.5", Status.CLOSE),
                                            ("2", Status.BEHIND)])
def test_a_decline_target_is_met_by_falling_at_least_that_much(growth, status):
    t = rule("下降3%", traits())
    assert target_status(t, actual(9, growth=growth), CUMULATIVE).status == status


def test_a_decline_is_said_as_a_decline():
    t = rule("下降3%", traits())
    assert target_status(t, actual(9, growth="-5"), CUMULATIVE).reason == \
        "累计下降5%，好于目标“下降3%”2个百分点（越低越好）"


def test_about_on_a_lower_is_better_rate_allows_the_band_above():
    t = rule("城镇调查失业率5.5%左右", traits("%", lower=True, rate=True))
    point = SimpleNamespace(cumulative=False, unit="%", name="城镇调查失业率")
    assert target_status(t, actual(9, value="5.9"), point).status == Status.MET
    assert target_status(t, actual(9, value="6.2"), point).status == Status.CLOSE


def test_a_rate_is_judged_on_its_value_without_growth():
    t = rule("研发活动覆盖率突破70%", traits("%", rate=True))
    point = SimpleNamespace(cumulative=False, unit="%", name="研发活动覆盖率")
    assert target_status(t, actual(9, value="72", growth="-10"), point).status == Status.MET
    assert target_status(t, actual(9, growth="80"), point).status == Status.NO_DATA


@pytest.mark.parametrize("growth, status, words", [
    ("6", Status.MET, "在目标区间"), ("7", Status.MET, "在目标区间"),
    ("7.5", Status.MET, "超过目标区间“增长6%—7%”上限7%"),
    ("5.5", Status.CLOSE, "未达到目标区间“增长6%—7%”下限6%"), ("4", Status.BEHIND, "差2个百分点")])
def test_a_range_is_met_inside_and_beyond_its_better_end(growth, status, words):
    result = target_status(rule("增长6%—7%", traits()), actual(9, growth=growth), CUMULATIVE)
    assert result.status == status and words in result.reason


def test_a_cap_on_a_level_holds_whatever_the_month():
    t = rule("PM2.5平均浓度控制在38微克/立方米以内", traits("微克/立方米", lower=True))
    point = SimpleNamespace(cumulative=False, unit="微克/立方米", name="PM2.5平均浓度")
    assert target_status(t, actual(3, value="35"), point).status == Status.MET
    assert "超出目标" in target_status(t, actual(3, value="45"), point).reason
