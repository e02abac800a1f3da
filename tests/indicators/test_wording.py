"""Target wording carries the rule (DOMAIN.md section 1, issue 16): 左右, 以上/不低于/突破/达到, 以内/不超过,
ranges, 力争/确保 in either order, rates, declines, relative, share and multi-year targets, and the new units."""
from decimal import Decimal

import pytest

from luoshi.core.target_wording import Traits, WordingError, parse_target, render_target
from luoshi.indicators.models import Commitment, Comparator, Direction, Measure, TargetKind


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


# --- issue 16: every common target wording read right ---------------------------------------------

CPI = Traits("%", Direction.LOWER, Measure.RATE, "居民消费价格涨幅")
UNEMPLOYMENT = Traits("%", Direction.LOWER, Measure.RATE, "城镇调查失业率")
COVERAGE = Traits("%", Direction.HIGHER, Measure.RATE, "规上工业企业研发活动覆盖率")
ENERGY_DECLINE = Traits("%", Direction.HIGHER, Measure.RATE, "单位GDP能耗下降率")
MONEY = Traits("亿元")


def parse(wording, traits=MONEY):
    return parse_target(wording, indicator=traits)


@pytest.mark.parametrize("wording", ["控制在3%以内", "不超过3%", "不高于3%", "3%以内", "低于3%", "3%以下"])
def test_caps_are_at_most_never_at_least(wording):
    p = parse(wording, CPI)
    assert (p.kind, p.comparator, p.value, p.direction) == (TargetKind.RATE, Comparator.AT_MOST, Decimal(3),
                                                            Direction.LOWER)


def test_not_above_on_an_amount_is_a_cap_the_other_way_round():
    p = parse_target("不超过120亿元", "亿元")
    assert (p.comparator, p.direction) == (Comparator.AT_MOST, Direction.LOWER)


def test_controlled_around_is_about_not_a_cap():
    assert parse("居民消费价格涨幅控制在2%左右", CPI).comparator == Comparator.ABOUT


def test_a_rate_indicator_takes_the_percentage_as_its_value_not_a_growth():
    assert parse("城镇调查失业率5.5%左右", UNEMPLOYMENT).kind == TargetKind.RATE
    p = parse("单位GDP能耗下降3%", ENERGY_DECLINE)
    assert (p.kind, p.value, p.direction) == (TargetKind.RATE, Decimal(3), Direction.HIGHER)
    assert parse("研发活动覆盖率突破70%", COVERAGE).kind == TargetKind.RATE


def test_a_decline_is_a_target_to_fall_by_at_least_that_much():
    p = parse("单位GDP能耗下降3%")
    assert (p.kind, p.value, p.direction) == (TargetKind.GROWTH, Decimal(-3), Direction.LOWER)
    more = parse("生产安全事故死亡人数下降10%以上", Traits("人", Direction.LOWER))
    assert (more.value, more.comparator, more.direction) == (Decimal(-10), Comparator.AT_LEAST, Direction.LOWER)


@pytest.mark.parametrize("wording", ["力争增长7%,确保6%", "确保增长6%,力争7%", "确保6%,力争增长7%", "增长6%,力争7%"])
def test_stretch_and_floor_in_either_order_and_place(wording):
    p = parse(wording)
    assert (p.kind, p.value, p.stretch_value) == (TargetKind.GROWTH, Decimal(6), Decimal(7))
    assert p.commitment == (Commitment.NORMAL if "确保" not in wording else Commitment.FLOOR)


def test_stretch_of_a_cap_is_lower_and_a_higher_one_is_refused():
    assert parse("控制在5.5%以内,力争5%", UNEMPLOYMENT).stretch_value == Decimal(5)
    with pytest.raises(WordingError, match="力争值6高于基本目标5.5"):
        parse("控制在5.5%以内,力争6%", UNEMPLOYMENT)


def test_a_clause_without_a_number_is_ignored():
    p = parse("增长6%左右,在实际工作中努力争取更好结果")
    assert (p.value, p.stretch_value, p.commitment) == (Decimal(6), None, Commitment.NORMAL)


@pytest.mark.parametrize("wording, low, high, unit", [
    ("增长6-7%", "6", "7", "%"), ("增长6%—7%", "6", "7", "%"), ("增长4.5%至5%", "4.5", "5", "%"),
    ("增长6%~7%", "6", "7", "%"), ("50亿至100亿元", "50", "100", "亿元"), ("5000万元到1亿元", "0.5", "1", "亿元"),
])
def test_ranges_keep_low_and_high_however_they_are_written(wording, low, high, unit):
    p = parse(wording)
    assert (p.comparator, p.value, p.value_high, p.unit) == (Comparator.RANGE, Decimal(low), Decimal(high), unit)


def test_percent_in_words_reads_like_the_report_reader():
    assert parse("增长百分之六").value == Decimal(6)
    assert parse("增长６．５％").value == Decimal("6.5")


@pytest.mark.parametrize("wording, comparator", [("增长与经济增长基本同步", Comparator.ABOUT),
                                                  ("居民收入增长快于经济增长", Comparator.AT_LEAST),
                                                  ("与地区生产总值增长同步", Comparator.ABOUT)])
def test_relative_targets_follow_the_economy(wording, comparator):
    p = parse(wording, Traits("元"))
    assert (p.kind, p.comparator, p.linked) == (TargetKind.RELATIVE, comparator, "gdp")


def test_share_of_another_indicator_names_its_whole():
    p = parse("占固定资产投资比重不低于30%")
    assert (p.kind, p.comparator, p.value, p.linked) == (TargetKind.SHARE, Comparator.AT_LEAST, Decimal(30),
                                                          "fixed_investment")
    with pytest.raises(WordingError, match="占哪一项指标"):
        parse("占比不低于30%")


def test_share_indicator_is_a_rate():
    p = parse("科技服务业占GDP的比重达20%", Traits("%", Direction.HIGHER, Measure.RATE))
    assert (p.kind, p.value) == (TargetKind.RATE, Decimal(20))


def test_multi_year_total():
    p = parse_target("累计开行突破10000班", "班")
    assert (p.kind, p.comparator, p.value) == (TargetKind.TOTAL, Comparator.AT_LEAST, Decimal(10000))


@pytest.mark.parametrize("wording, unit, value", [
    ("新建道路12条", "条", "12"), ("新建学校5所", "所", "5"), ("新增养老床位300张", "张", "300"),
    ("建设口袋公园20座", "座", "20"), ("新改建农村公路120公里", "公里", "120"), ("粮食产量50亿斤以上", "亿斤", "50"),
    ("粮食产量50亿斤以上", "斤", "5000000000"), ("产量18.6万吨", "吨", "186000"), ("装机12.5万千瓦", "万千瓦", "12.5"),
    ("惠及1.2万户", "户", "12000"), ("新增就业4.5万人", "万人", "4.5"),
])
def test_new_units_and_their_folding(wording, unit, value):
    assert parse_target(wording, unit).value == Decimal(value)


@pytest.mark.parametrize("wording", ["增长6%左右", "控制在3%以内", "增长6-7%", "确保增长6%,力争7%", "下降3%",
                                     "累计10000班以上", "与经济增长基本同步"])
def test_rendered_wording_reads_back_to_the_same_rule(wording):
    traits = {"控制在3%以内": CPI, "累计10000班以上": Traits("班"), "与经济增长基本同步": Traits("元")}.get(wording,
        MONEY)
    p = parse(wording, traits)
    assert parse(render_target(p), traits) == p
