"""The briefing reads as an issued Chinese document: Chinese punctuation in every generated sentence
(GB/T 15834), the overview's own words for every comparison with a target, quarterly figures at their
quarter, and 存在问题 saying what is behind and by how much."""
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luoshi.core.periods import Period
from luoshi.core.prose import ascii_punctuation
from luoshi.dashboard.briefing import compose
from luoshi.indicators.services import record_actual, set_target
from luoshi.indicators.status import target_status
from tests.indicators.test_status import CUMULATIVE, actual, target

NOW = "2025-12-10 10:00 +0800"


def every_sentence(briefing) -> list[str]:
    return [briefing.title, briefing.headline, briefing.text,
            *(p for s in briefing.sections for p in [s.heading, *s.paragraphs])]


@pytest.fixture
def november(world, indicator):
    """惠济区 at 1—11月: 固定资产投资 +3.1% against 增长4%左右, GDP reported for 前三季度 only."""
    with time_machine.travel(NOW):
        fixed, gdp = indicator("fixed_investment"), indicator("gdp")
        set_target(world.users.a_data, organisation=world.a, indicator=fixed, year=2025, wording="增长4%左右")
        set_target(world.users.a_data, organisation=world.a, indicator=gdp, year=2025, wording="增长6%左右")
        record_actual(world.users.a_data, organisation=world.a, indicator=fixed, year=2025, month=11,
                      value="420.5", growth_pct="3.1")
        record_actual(world.users.a_data, organisation=world.a, indicator=gdp, year=2025, month=9,
                      value="241.8", growth_pct="6.3")
        record_actual(world.users.b_data, organisation=world.b, indicator=fixed, year=2025, month=11,
                      value="300", growth_pct="5")
    world.fixed, world.gdp = fixed, gdp
    return world


@time_machine.travel(NOW)
def test_briefing_says_of_fixed_investment_what_the_overview_says(client, november):
    briefing = compose(november.a, Period(2025, 11))
    verdict = "低于目标“增长4%左右”区间下限3.5% 0.4个百分点"
    assert "固定资产投资完成420.5亿元，同比增长3.1%" in briefing.text and verdict in briefing.text
    client.force_login(november.users.a_leader)
    overview = client.get(reverse("indicators:overview", args=[november.a.pk]) + "?year=2025").content.decode()
    assert "累计增长3.1%，" + verdict in overview


@time_machine.travel(NOW)
def test_every_target_clause_equals_the_overview_verdict(november):
    from luoshi.indicators.models import Target

    briefing = compose(november.a, Period(2025, 11))
    said = 0
    for s in briefing.sentences:
        t = Target.objects.get(organisation=november.a, indicator=s.indicator, year=2025)
        verdict = target_status(t, s.actual, s.indicator).verdict
        assert verdict in [c.text for c in s.clauses]
        said += 1
    assert said == 2


@time_machine.travel(NOW)
def test_quarterly_gdp_appears_in_november_with_its_own_period(november):
    text = compose(november.a, Period(2025, 11)).text
    assert text.startswith("1—11月固定资产投资完成420.5亿元")
    assert "；前三季度地区生产总值完成241.8亿元，同比增长6.3%" in text


@time_machine.travel(NOW)
def test_problems_say_what_is_behind_and_by_how_much(november):
    sections = {s.heading: s for s in compose(november.a, Period(2025, 11)).sections}
    assert sections["存在问题"].paragraphs == ["固定资产投资低于目标“增长4%左右”区间下限3.5% 0.4个百分点。"]


@time_machine.travel(NOW)
def test_no_ascii_punctuation_in_any_generated_sentence(november):
    briefing = compose(november.a, Period(2025, 11))
    assert all(not ascii_punctuation(t) for t in every_sentence(briefing)), \
        [ascii_punctuation(t) for t in every_sentence(briefing)]


@time_machine.travel(NOW)
def test_the_page_and_header_name_the_issuing_office(client, november, settings):
    client.force_login(november.users.b_leader)
    page = client.get(reverse("dashboard:briefing", args=[november.b.pk])).content.decode()
    assert "中原区发展和改革委员会" in page and "一、总体情况" in page and "二、主要指标" in page
    settings.LUOSHI = {**settings.LUOSHI, "BRIEFING_OFFICES": {"中原区": "中原区统计局"}}
    assert "中原区统计局" in client.get(reverse("dashboard:briefing", args=[november.b.pk])).content.decode()


WORDINGS = ["增长6%左右", "增长6%以上", "增长6-7%", "确保增长6%，力争7%", "下降3%", "控制在3%以内"]


@given(wording=st.sampled_from(WORDINGS),
       growth=st.decimals(min_value=Decimal("-20"), max_value=Decimal("30"), places=1))
@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_every_status_sentence_has_chinese_punctuation_and_ends_in_its_verdict(wording, growth):
    result = target_status(target(wording), actual(9, growth=str(growth)), CUMULATIVE)
    assert not ascii_punctuation(result.reason), result.reason
    assert result.reason.endswith("，" + result.verdict)


@given(st.text(alphabet="地区生产总值增长完成目标", min_size=1, max_size=6),
       st.sampled_from([",", ";", ":", "(", ")"]))
def test_the_checker_finds_an_ascii_mark_between_chinese_words(word, mark):
    assert ascii_punctuation(word + mark + word)
    assert not ascii_punctuation("1,000亿元".replace("亿元", "")) and not ascii_punctuation(word + "3.5%")
