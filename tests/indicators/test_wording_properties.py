"""Property-based tests of the target rules (issue 16), generated from a grammar of wordings:
comparators × numbers × units × commitments (× stretch). Every generated wording parses, renders back
and parses to the same rule; status is monotone in the actual (the reverse for lower-is-better);
ranges and about-bands hold at their edges."""
from decimal import Decimal
from types import SimpleNamespace

import cn2an
from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.core.status import Status
from luoshi.core.target_wording import Traits, parse_target, render_target
from luoshi.core.units import fmt
from luoshi.indicators.models import Comparator, Direction, Measure, TargetKind
from luoshi.indicators.status import target_status

INDICATORS = {
    "money": Traits("亿元"),
    "area": Traits("亩"),
    "count": Traits("个"),
    "people": Traits("人"),
    "road": Traits("公里"),
    "tonnes": Traits("万吨"),
    "cpi": Traits("%", Direction.LOWER, Measure.RATE, "居民消费价格涨幅"),
    "coverage": Traits("%", Direction.HIGHER, Measure.RATE, "研发活动覆盖率"),
    "pm25": Traits("微克/立方米", Direction.LOWER),
}
ABOUT = ["{x}左右", "{x}上下", "约{x}", "控制在{x}左右"]
AT_LEAST = ["{x}以上", "不低于{x}", "不少于{x}", "突破{x}", "达到{x}", "超过{x}", "至少{x}", "高于{x}"]
AT_MOST = ["{x}以内", "不超过{x}", "不高于{x}", "控制在{x}以内", "低于{x}", "{x}以下"]
PLAIN = ["{x}"]
RANGES = ["{lo}至{hi}", "{lo}-{hi}", "{lo}—{hi}", "{lo}到{hi}", "{lo}~{hi}"]
CUES = ["", "确保", "力争", "争取"]
PHRASE_OF = {Comparator.ABOUT: ABOUT, Comparator.AT_LEAST: AT_LEAST, Comparator.AT_MOST: AT_MOST,
             Comparator.PLAIN: PLAIN}

numbers = st.decimals(min_value=Decimal("0.1"), max_value=Decimal("9999"), places=1)


def written(value: Decimal, unit: str, chinese: bool) -> str:
    if chinese and value == value.to_integral() and unit != "%":
        return cn2an.an2cn(int(value)) + unit
    return fmt(value, unit)


@st.composite
def wordings(draw):
    """(wording, traits) from the grammar; the stretch, when drawn, is better than the base."""
    name = draw(st.sampled_from(sorted(INDICATORS)))
    traits = INDICATORS[name]
    growth = traits.unit == "亿元" and draw(st.booleans())
    unit = "%" if growth or traits.unit == "%" else traits.unit
    verb = draw(st.sampled_from(["增长", "下降"])) if growth else ""
    cue = draw(st.sampled_from(CUES))
    value = draw(numbers)
    if draw(st.integers(0, 4)) == 0:
        high = value + draw(numbers)
        body = draw(st.sampled_from(RANGES)).format(lo=fmt(value, unit if draw(st.booleans()) else ""),
                                                    hi=fmt(high, unit))
        return cue + verb + body, traits
    comparator = draw(st.sampled_from(sorted(PHRASE_OF)))
    body = draw(st.sampled_from(PHRASE_OF[comparator])).format(x=written(value, unit, draw(st.booleans())))
    wording = cue + verb + body
    if draw(st.booleans()):
        base = parse_target(wording, indicator=traits)
        delta = draw(numbers)
        better = base.value + delta if base.direction == Direction.HIGHER else base.value - delta
        shown = -better if verb == "下降" else better
        if shown > 0:
            stretch = "力争" + fmt(shown, unit)
            wording = f"{wording},{stretch}" if cue != "力争" else f"{stretch},确保{verb}{body}"
    return wording, traits


@settings(max_examples=400, deadline=None)
@given(wordings())
def test_every_generated_wording_parses_renders_and_parses_to_the_same_rule(case):
    wording, traits = case
    parsed = parse_target(wording, indicator=traits)
    assert parse_target(render_target(parsed), indicator=traits) == parsed


def as_target(parsed, wording):
    return SimpleNamespace(wording=wording, kind=parsed.kind, comparator=parsed.comparator, value=parsed.value,
                           stretch_value=parsed.stretch_value, value_high=parsed.value_high,
                           direction=parsed.direction)


def as_actual(parsed, figure):
    growth = parsed.kind == TargetKind.GROWTH
    return SimpleNamespace(year=2025, month=6, value=None if growth else figure, growth_pct=figure if growth else None)


RANK = {Status.BEHIND: 0, Status.CLOSE: 1, Status.MET: 2}
POINT = SimpleNamespace(cumulative=False, unit="", name="")
CUMULATIVE = SimpleNamespace(cumulative=True, unit="", name="")


@settings(max_examples=300, deadline=None)
@given(wordings(), st.decimals(min_value=Decimal("-50"), max_value=Decimal("20000"), places=1),
       st.decimals(min_value=Decimal("0"), max_value=Decimal("5000"), places=1), st.booleans())
def test_status_is_monotone_in_the_actual_the_right_way_round(case, actual, more, cumulative):
    wording, traits = case
    parsed = parse_target(wording, indicator=traits)
    target = as_target(parsed, wording)
    if parsed.kind == TargetKind.ABSOLUTE and actual < 0:
        actual = -actual
    indicator = CUMULATIVE if cumulative else POINT
    low = RANK[target_status(target, as_actual(parsed, actual), indicator).status]
    high = RANK[target_status(target, as_actual(parsed, actual + more), indicator).status]
    if parsed.direction == Direction.HIGHER:
        assert high >= low
    else:
        assert high <= low


@settings(max_examples=300, deadline=None)
@given(wordings())
def test_ranges_and_about_bands_hold_at_their_edges(case):
    wording, traits = case
    parsed = parse_target(wording, indicator=traits)
    target = as_target(parsed, wording)
    band = Decimal("0.5") if parsed.kind != TargetKind.ABSOLUTE else Decimal(0)
    edges = [parsed.value]
    if parsed.comparator == Comparator.RANGE:
        edges = [parsed.value, parsed.value_high]
    elif parsed.comparator == Comparator.ABOUT:
        edges = [parsed.value - band if parsed.direction == Direction.HIGHER else parsed.value + band]
    for edge in edges:
        assert target_status(target, as_actual(parsed, edge), POINT).status == Status.MET, (wording, edge)
    if parsed.comparator != Comparator.RANGE:
        worse = edges[0] - 1 if parsed.direction == Direction.HIGHER else edges[0] + 1
        assert target_status(target, as_actual(parsed, worse), POINT).status != Status.MET, (wording, worse)
