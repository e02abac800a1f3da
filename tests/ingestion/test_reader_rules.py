"""The report reader's rules of issue 16, each on a short text of the form it serves (not held-out text)."""
import datetime as dt
from decimal import Decimal

import pytest

from luoshi.ingestion.extract import extract

JAN = dt.date(2026, 1, 12)
OCT = dt.date(2025, 10, 20)


def one(text, date=JAN, **where):
    found = [f for f in extract(text, date=date) if all(getattr(f, k) == v for k, v in where.items())]
    assert len(found) == 1, [(f.text, f.kind, f.value) for f in extract(text, date=date)]
    return found[0]


@pytest.mark.parametrize("sep", [";", ",", "、"])
def test_every_item_of_the_main_targets_list_is_a_target(sep):
    text = f"今年全区主要预期目标为:地区生产总值增长5%左右{sep}一般公共预算收入增长3%{sep}社会消费品零售总额增长4%。"
    found = extract(text, date=JAN)
    assert [(f.indicator_code, f.kind, f.role, f.year) for f in found] == [
        ("gdp", "target", "target", 2026), ("budget_revenue", "target", "target", 2026),
        ("retail_sales", "target", "target", 2026)]


def test_the_list_ends_at_its_full_stop():
    found = extract("主要目标是:固定资产投资增长6%;工业投资增长9%。去年全区完成地区生产总值300亿元。", date=JAN)
    assert [f.role for f in found] == ["target", "target", "result"]


def test_results_paragraph_to_a_month_end_gives_results():
    f = one("截至9月底,全区固定资产投资增长7.2%,计划新开工项目全部开工。", date=OCT, value=Decimal("7.2"))
    assert (f.kind, f.role, f.month, f.indicator_code) == ("result", "result", 9, "fixed_investment")


def test_planned_counts_and_amounts_are_plans():
    found = extract("2026年安排市重点项目150个,年度计划投资320亿元。", date=JAN)
    assert [(f.value, f.role) for f in found] == [(Decimal(150), "plan"), (Decimal(320), "plan")]


def test_a_plan_as_a_noun_is_no_cue():
    f = one("前三季度重点项目完成年度计划的80.5%。", date=OCT)
    assert (f.role, f.value) == ("result", Decimal("80.5"))


def test_an_event_report_gives_results():
    found = extract("2026年2月20日,全区举行一季度重大项目集中开工活动,集中开工项目42个，总投资168亿元。",
                    date=dt.date(2026, 2, 20))
    assert {f.role for f in found} == {"result"} and [f.value for f in found] == [Decimal(42), Decimal(168)]


def test_a_bare_growth_belongs_to_the_count_it_follows():
    found = extract("全年新引进项目120个,同比增长25%。", date=OCT)
    assert (found[1].is_growth, found[1].indicator_phrase) == (True, found[0].indicator_phrase)


def test_trillions_are_read():
    f = one("全省地区生产总值突破2.1万亿元。", date=OCT)
    assert (f.value, f.unit, f.comparator) == (Decimal(21000), "亿元", "at_least")


@pytest.mark.parametrize("text, comparator", [
    ("城镇调查失业率控制在5.5%以内", "at_most"), ("城镇调查失业率不超过5.5%", "at_most"),
    ("城镇调查失业率不高于5.5%", "at_most"), ("城镇调查失业率5.5%左右", "about"),
    ("城镇调查失业率低于5.5%", "at_most")])
def test_caps_are_at_most(text, comparator):
    f = one(f"2026年全区主要目标:{text}。")
    assert (f.comparator, f.indicator_code, f.is_growth) == (comparator, "unemployment_rate", False)


@pytest.mark.parametrize("written, low, high", [("6%—7%", "6", "7"), ("6-7%", "6", "7"), ("4.5%至5%", "4.5", "5")])
def test_ranges_keep_both_ends(written, low, high):
    f = one(f"2026年,全区地区生产总值增长{written}。")
    assert (f.kind, f.comparator, f.value, f.value_high, f.is_growth) == ("range", "range", Decimal(low), Decimal(high),
                                                                          True)


def test_a_rate_indicator_keeps_its_rate():
    f = one("2026年,全区单位GDP能耗下降2.5%。")
    assert (f.indicator_code, f.value, f.is_growth) == ("energy_intensity_decline", Decimal("2.5"), False)


def test_a_decline_of_an_amount_is_a_negative_growth():
    f = one("2026年,全区生产安全事故死亡人数下降8%以上。")
    assert (f.indicator_code, f.value, f.is_growth, f.comparator) == ("work_safety_deaths", Decimal(-8), True,
                                                                      "at_least")


def test_relative_targets_are_found():
    f = one("2026年,全区居民人均可支配收入增长与经济增长基本同步。", kind="relative")
    assert (f.indicator_code, f.linked_code, f.comparator, f.role) == ("resident_income", "gdp", "about", "target")


def test_stretch_after_a_floor_keeps_the_indicator():
    found = extract("2026年主要目标:生产总值确保增长5%,力争6%。", date=JAN)
    assert [(f.indicator_code, f.value, f.commitment, f.is_growth) for f in found] == [
        ("gdp", Decimal(5), "floor", True), ("gdp", Decimal(6), "stretch", True)]


def test_figures_joined_by_and_share_their_words():
    found = extract("全县城镇和农村居民人均可支配收入分别达到41000元和19800元。", date=OCT)
    assert [(f.value, f.comparator, f.indicator_code) for f in found] == [
        (Decimal(41000), "at_least", None), (Decimal(19800), "at_least", None)]


@pytest.mark.parametrize("text, value, unit", [
    ("新建学校4所", "4", "所"), ("新增床位500张", "500", "张"), ("新建桥梁3座", "3", "座"), ("新建道路8条", "8", "条"),
    ("改造管网26.5公里", "26.5", "公里"), ("粮食产量42.6万吨", "42.6", "万吨"), ("储备粮食5亿斤", "5", "亿斤"),
    ("新增装机8.2万千瓦", "8.2", "万千瓦"), ("惠及居民2.4万户", "24000", "户"), ("带动就业1.5万人", "15000", "人")])
def test_new_units(text, value, unit):
    f = one(f"2025年,全区{text}。", date=OCT)
    assert (f.value, f.unit) == (Decimal(value), unit)


def test_words_that_start_with_a_unit_are_no_figures():
    assert extract("出台3条例外规定,召开2座谈会。", date=OCT) == []
