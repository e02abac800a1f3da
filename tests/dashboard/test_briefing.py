"""The briefing writes each figure, record, share, rank and streak from the ledger — change the data and
the sentence changes."""
import pytest
import time_machine

from luoshi.core.periods import Period
from luoshi.dashboard.briefing import compose
from luoshi.indicators.services import record_actual, set_target

NOW = "2025-11-24 10:00 +0800"


@pytest.fixture
def year_2024(world, indicator):
    """惠济区 (A) and 中原区 (B): GDP growth at December for 2020–2024, industrial VA, and the city's total."""
    gdp, iva = indicator("gdp"), indicator("industrial_va")
    with time_machine.travel(NOW):
        for year, growth in ((2020, "3.1"), (2021, "6.5"), (2022, "4.0"), (2023, "7.9")):
            record_actual(world.users.a_data, organisation=world.a, indicator=gdp, year=year, month=12,
                          value=str(300 + year - 2020), growth_pct=growth)
        record_actual(world.users.a_data, organisation=world.a, indicator=gdp, year=2024, month=12, value="1328.4",
                      growth_pct="8.2")
        record_actual(world.users.b_data, organisation=world.b, indicator=gdp, year=2024, month=12, value="900",
                      growth_pct="5.0")
        record_actual(world.users.a_data, organisation=world.a, indicator=iva, year=2024, month=12, value="640.3",
                      growth_pct="12.9")
        record_actual(world.users.city_admin, organisation=world.city, indicator=iva, year=2024, month=12,
                      value="2561.2", growth_pct="8")
        set_target(world.users.a_data, organisation=world.a, indicator=gdp, year=2024, wording="增长6%左右")
    world.gdp, world.iva = gdp, iva
    return world


@time_machine.travel(NOW)
def test_briefing_writes_the_seed_style_paragraph_from_the_ledger(year_2024):
    b = compose(year_2024.a, Period(2024, 12))
    assert b.text == ("全年地区生产总值完成1328.4亿元，同比增长8.2%，增速近五年最高，累计增速居2区第一，"
                      "高于目标“增长6%左右”2.2个百分点；规模以上工业增加值完成640.3亿元，同比增长12.9%，占全市1/4。")
    assert b.headline == "地区生产总值增速创五年新高"
    assert b.title == "惠济区2024年全年经济运行简报"


@time_machine.travel(NOW)
def test_each_clause_keeps_the_facts_it_was_written_from(year_2024):
    gdp = compose(year_2024.a, Period(2024, 12)).sentences[0]
    figure, record = gdp.clauses[0], gdp.clauses[1]
    assert figure.facts["value"] == gdp.actual.value and figure.facts["actual_id"] == gdp.actual.pk
    assert set(record.facts["compared"]) == {2020, 2021, 2022, 2023}


@time_machine.travel(NOW)
def test_changing_a_figure_changes_the_sentence(year_2024):
    record_actual(year_2024.users.a_data, organisation=year_2024.a, indicator=year_2024.gdp, year=2024, month=12,
                  value="1330.0", growth_pct="7.5", reason="年报修订")
    text = compose(year_2024.a, Period(2024, 12)).text
    assert "地区生产总值完成1330亿元，同比增长7.5%" in text
    assert "近五年最高" not in text, "7.5% is below 2023's 7.9%: no record to claim"


@time_machine.travel(NOW)
def test_record_needs_enough_consecutive_years(year_2024):
    from luoshi.indicators.models import Actual

    Actual.objects.filter(organisation=year_2024.a, year__in=(2020, 2021, 2022)).delete()
    text = compose(year_2024.a, Period(2024, 12)).text
    assert "同比增长8.2%，累计增速居2区第一" in text and "增速近" not in text


@time_machine.travel(NOW)
def test_share_is_written_as_a_percentage_when_not_near_a_simple_fraction(year_2024):
    record_actual(year_2024.users.city_admin, organisation=year_2024.city, indicator=year_2024.iva, year=2024,
                  month=12, value="2910.5", growth_pct="8", reason="更正")
    assert "占全市22%" in compose(year_2024.a, Period(2024, 12)).text


@time_machine.travel(NOW)
def test_falling_growth_is_written_as_a_decline_and_shortfall_against_target(year_2024):
    record_actual(year_2024.users.b_data, organisation=year_2024.b, indicator=year_2024.gdp, year=2024, month=12,
                  value="900", growth_pct="-1.5", reason="更正")
    set_target(year_2024.users.b_data, organisation=year_2024.b, indicator=year_2024.gdp, year=2024,
               wording="增长7%以上")
    text = compose(year_2024.b, Period(2024, 12)).text
    assert text == "全年地区生产总值完成900亿元，同比下降1.5%，累计增速居2区第二，低于目标“增长7%以上”8.5个百分点。"


@time_machine.travel(NOW)
def test_partial_year_uses_the_period_words(year_2024):
    record_actual(year_2024.users.a_data, organisation=year_2024.a, indicator=year_2024.gdp, year=2025, month=9,
                  value="241.8", growth_pct="6")
    b = compose(year_2024.a)
    assert b.period == Period(2025, 9) and b.text.startswith("前三季度地区生产总值完成241.8亿元，同比增长6%")


@time_machine.travel(NOW)
def test_large_counts_are_written_in_wan(world, indicator):
    record_actual(world.users.a_data, organisation=world.a, indicator=indicator("vehicle_output"), year=2024,
                  month=12, value="565000")
    assert "整车生产完成56.5万辆" in compose(world.a, Period(2024, 12)).text


@time_machine.travel(NOW)
def test_english_briefing_writes_ranks_and_records_in_digits(year_2024):
    from django.utils import translation

    with translation.override("en"):
        text = compose(year_2024.a, Period(2024, 12)).text
    assert "一" not in text and "五" not in text and "5" in text
