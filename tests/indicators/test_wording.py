"""Target wording carries the rule (DOMAIN.md section 1): 左右, 以上/不低于/不少于/突破/达到, 力争, 确保."""
from decimal import Decimal

import pytest

from luoshi.indicators.models import Commitment, Comparator, TargetKind
from luoshi.indicators.wording import WordingError, parse_target


@pytest.mark.parametrize("wording, unit, kind, comparator, commitment, value", [
    ("增长6%左右", "亿元", TargetKind.GROWTH, Comparator.ABOUT, Commitment.NORMAL, "6"),
    ("地区生产总值增长6%左右", "亿元", TargetKind.GROWTH, Comparator.ABOUT, Commitment.NORMAL, "6"),
    ("增长10%以上", "亿元", TargetKind.GROWTH, Comparator.AT_LEAST, Commitment.NORMAL, "10"),
    ("增长8%", "亿元", TargetKind.GROWTH, Comparator.PLAIN, Commitment.NORMAL, "8"),
    ("不低于1100亩", "亩", TargetKind.ABSOLUTE, Comparator.AT_LEAST, Commitment.NORMAL, "1100"),
    ("不少于60个", "个", TargetKind.ABSOLUTE, Comparator.AT_LEAST, Commitment.NORMAL, "60"),
    ("突破1000亿元", "亿元", TargetKind.ABSOLUTE, Comparator.AT_LEAST, Commitment.NORMAL, "1000"),
    ("达到400亿元", "亿元", TargetKind.ABSOLUTE, Comparator.AT_LEAST, Commitment.NORMAL, "400"),
    ("力争收储土地不低于1100亩", "亩", TargetKind.ABSOLUTE, Comparator.AT_LEAST, Commitment.STRETCH, "1100"),
    ("确保全年工业投资增长30%", "亿元", TargetKind.GROWTH, Comparator.PLAIN, Commitment.FLOOR, "30"),
    ("确保完成投资53亿元以上", "亿元", TargetKind.ABSOLUTE, Comparator.AT_LEAST, Commitment.FLOOR, "53"),
    ("规上工业企业研发活动覆盖率突破70%", "%", TargetKind.ABSOLUTE, Comparator.AT_LEAST, Commitment.NORMAL, "70"),
    ("下降3%左右", "亿元", TargetKind.GROWTH, Comparator.ABOUT, Commitment.NORMAL, "-3"),
])
def test_wording_is_read_into_its_rule(wording, unit, kind, comparator, commitment, value):
    parsed = parse_target(wording, unit)
    assert (parsed.kind, parsed.comparator, parsed.commitment, parsed.value) == (
        kind, comparator, commitment, Decimal(value))


def test_stretch_goal_is_kept_beside_the_base_target():
    parsed = parse_target("增长6%左右,力争7%", "亿元")
    assert parsed.value == Decimal("6") and parsed.stretch_value == Decimal("7")
    assert parsed.commitment == Commitment.NORMAL


def test_chinese_numerals_are_read():
    assert parse_target("一千一百亩以上", "亩").value == Decimal("1100")
    assert parse_target("不少于六十个", "个").value == Decimal("60")


def test_wan_on_counting_units_is_folded_and_money_converted():
    assert parse_target("全年实现新增城镇就业2万人", "人").value == Decimal("20000")
    assert parse_target("不低于5000万元", "亿元").value == Decimal("0.5")
    assert parse_target("开行100列以上", "班").value == Decimal("100")


def test_wording_with_another_unit_than_the_indicator_is_refused_in_chinese():
    with pytest.raises(WordingError, match="目标单位“亩”与指标单位“亿元”不一致"):
        parse_target("不低于1100亩", "亿元")


def test_wording_without_a_number_is_refused_with_an_example():
    with pytest.raises(WordingError, match="没有找到带单位的数值"):
        parse_target("稳中求进", "亿元")


def test_stretch_below_base_is_refused():
    with pytest.raises(WordingError, match="力争值"):
        parse_target("增长7%左右,力争6%", "亿元")
