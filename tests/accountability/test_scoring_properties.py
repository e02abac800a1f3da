"""The letters' scoring rules as properties, over generated weights, rules, thresholds and progress:
an item's points stay within its weight and never fall as progress rises; an item with nothing to
measure — a unit with no project planned to start, finish or invest, an appeal rate with no appeal —
is 不计分 (no points, out of the maximum), never full marks; the letter's total is the sum of the counted
items, and items that are not counted change neither side of the 百分制 score.

The items are unsaved records and the live figures are generated: the appeal record (`unit_record`) and
the unit's projects as the pipeline adds them up (`projects.selectors.unit_progress`), so no database
is needed and each example is cheap."""
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from types import SimpleNamespace
from unittest import mock

from hypothesis import example, given, settings
from hypothesis import strategies as st

from luoshi.accountability.models import (
    ItemKind,
    ItemRole,
    LetterItem,
    ProjectMeasure,
    ResponsibilityLetter,
    ScoringRule,
)
from luoshi.accountability.selectors import LetterScore, item_score, points
from luoshi.organisations.models import Organisation, OrgKind
from luoshi.projects.selectors import RollupRow

YEAR = 2025
AS_OF = date(YEAR, 9, 30)
UNIT = Organisation(pk=1, name="合成单位", short_name="合成单位", kind=OrgKind.DEPARTMENT)
LETTER = ResponsibilityLetter(pk=1, year=YEAR, unit=UNIT, title="合成责任书")

weights = st.decimals(min_value=0, max_value=9999, places=2)
percents = st.decimals(min_value=0, max_value=100, places=2)
# Progress, with the points where rules turn (nothing, half, exactly met, beyond) drawn often.
ratios = st.one_of(st.sampled_from([Decimal(0), Decimal("0.5"), Decimal(1), Decimal("1.0001"), Decimal(2)]),
                   st.decimals(min_value=0, max_value=5, places=4))
rules = st.sampled_from(ScoringRule.values)
measures = st.sampled_from(ProjectMeasure.values)
DEFAULTS = settings(max_examples=150, deadline=None)


def scored_item(weight, rule, threshold, **extra) -> LetterItem:
    return LetterItem(letter=LETTER, title="合成事项", kind=extra.pop("kind", ItemKind.TASK), role=ItemRole.SCORED,
                      weight=weight, rule=rule, threshold_pct=threshold, **extra)


@st.composite
def unit_rows(draw) -> RollupRow:
    """The unit's projects added up: counts, plans and progress, each possibly nothing."""
    to_start, to_finish = draw(st.integers(0, 30)), draw(st.integers(0, 30))
    plan = draw(st.decimals(min_value=0, max_value=500, places=4))
    return RollupRow("合成单位", count=draw(st.integers(0, 60)), plan=plan,
                     completed=draw(st.decimals(min_value=0, max_value=800, places=4)),
                     to_start=to_start, started=draw(st.integers(0, to_start)),
                     to_finish=to_finish, finished=draw(st.integers(0, to_finish)))


@contextmanager
def live(row: RollupRow | None = None, on_time=None, satisfaction=None):
    """The unit's figures as generated: its projects' roll-up and its appeal record."""
    record = SimpleNamespace(on_time_rate=on_time, satisfaction_rate=satisfaction)
    with mock.patch("luoshi.projects.selectors.unit_progress",
                    lambda unit, year, month: row if row is not None else RollupRow("")), \
            mock.patch("luoshi.accountability.selectors.unit_record", lambda unit, start, end: record):
        yield


def nothing_to_measure(row: RollupRow, measure: str) -> bool:
    if not row.count:
        return True
    return {ProjectMeasure.INVESTMENT: not row.plan, ProjectMeasure.START: not row.to_start,
            ProjectMeasure.FINISH: not row.to_finish}[measure]


@DEFAULTS
@given(weights, rules, percents, ratios)
@example(Decimal(10), ScoringRule.PROPORTIONAL, None, Decimal(3))
def test_a_scored_item_gets_between_nothing_and_its_weight(weight, rule, threshold, ratio):
    got, _words = points(scored_item(weight, rule, threshold), ratio)
    assert Decimal(0) <= got <= weight


@DEFAULTS
@given(weights, rules, percents, ratios, ratios)
@example(Decimal(10), ScoringRule.FULL, None, Decimal(1), Decimal("1.5"))  # met, then beyond
@example(Decimal(10), ScoringRule.THRESHOLD, Decimal(60), Decimal("0.6"), Decimal("0.61"))  # at the threshold
@example(Decimal(10), ScoringRule.PROPORTIONAL, None, Decimal("0.99"), Decimal(1))
def test_more_progress_never_scores_less(weight, rule, threshold, a, b):
    item = scored_item(weight, rule, threshold)
    low, high = sorted((a, b))
    assert points(item, low)[0] <= points(item, high)[0]


@DEFAULTS
@given(weights, ratios, st.sampled_from([ItemRole.BONUS, ItemRole.DEDUCTION]))
def test_a_bonus_or_a_deduction_is_all_or_nothing_and_outside_the_maximum(weight, ratio, role):
    item = LetterItem(letter=LETTER, title="合成加扣分", kind=ItemKind.APPEAL_ON_TIME, role=role, weight=weight,
                      required_pct=Decimal(100))
    with live(on_time=ratio * 100):
        score = item_score(item, AS_OF)
    sign = 1 if role == ItemRole.BONUS else -1
    assert score.points == (sign * weight if ratio >= 1 else Decimal(0))
    assert score.max_points == 0


@DEFAULTS
@given(unit_rows(), measures, weights, rules, percents)
def test_a_unit_with_nothing_to_measure_is_not_scored_rather_than_given_full_marks(row, measure, weight, rule,
                                                                                  threshold):
    item = scored_item(weight, rule, threshold, kind=ItemKind.PROJECT, project_measure=measure)
    with live(row):
        score = item_score(item, AS_OF)
    if nothing_to_measure(row, measure):
        assert score.ratio is None
        assert (score.points, score.max_points) == (0, 0)
        assert score.explanation.endswith("不计分")
    else:
        assert score.ratio is not None
        assert score.max_points == weight
        assert 0 <= score.points <= weight


@DEFAULTS
@given(unit_rows(), measures, weights, rules, percents, st.integers(0, 30), st.integers(0, 30),
       st.decimals(min_value=0, max_value=800, places=4))
def test_a_project_item_never_scores_less_for_more_started_finished_or_invested(row, measure, weight, rule,
                                                                               threshold, more_started,
                                                                               more_finished, more_invested):
    item = scored_item(weight, rule, threshold, kind=ItemKind.PROJECT, project_measure=measure,
                       required_pct=Decimal(90))
    ahead = RollupRow(row.label, count=row.count, plan=row.plan, completed=row.completed + more_invested,
                      to_start=row.to_start, started=min(row.started + more_started, row.to_start),
                      to_finish=row.to_finish, finished=min(row.finished + more_finished, row.to_finish))
    with live(row):
        before = item_score(item, AS_OF)
    with live(ahead):
        after = item_score(item, AS_OF)
    assert (before.ratio is None) == (after.ratio is None)  # what is measured does not depend on progress
    assert before.points <= after.points


@st.composite
def letters(draw):
    """A letter's items of several kinds over one set of live figures: appeal rates (a rate may be missing)
    and the unit's projects by investment, 开工率 and 竣工率."""
    kinds = st.sampled_from([ItemKind.APPEAL_ON_TIME, ItemKind.APPEAL_SATISFACTION, ItemKind.PROJECT])
    items = []
    for n in range(draw(st.integers(0, 8))):
        kind = draw(kinds)
        role = draw(st.sampled_from(ItemRole.values))
        items.append(LetterItem(pk=n + 1, letter=LETTER, title=f"合成事项{n + 1}", kind=kind, role=role,
                                weight=draw(weights), rule=draw(rules), threshold_pct=draw(percents),
                                required_pct=draw(st.decimals(min_value=1, max_value=100, places=2)),
                                project_measure=draw(measures)))
    rate = st.one_of(st.none(), percents)
    return items, draw(unit_rows()), draw(rate), draw(rate)


def _score(items, row, on_time, satisfaction) -> LetterScore:
    with live(row, on_time, satisfaction):
        return LetterScore(LETTER, AS_OF, [item_score(i, AS_OF) for i in items])


@DEFAULTS
@given(letters())
def test_the_total_is_the_sum_of_the_counted_items_and_uncounted_ones_change_nothing(letter):
    items, row, on_time, satisfaction = letter
    whole = _score(items, row, on_time, satisfaction)
    counted = [s for s in whole.items if s.ratio is not None]
    assert whole.total == sum((s.points for s in counted), Decimal(0))
    assert whole.max_total == sum((s.item.weight for s in counted if s.item.role == ItemRole.SCORED), Decimal(0))
    assert whole.scored_count == len(counted)
    only_counted = _score([s.item for s in counted], row, on_time, satisfaction)
    assert (only_counted.score, only_counted.total, only_counted.max_total) == (
        whole.score, whole.total, whole.max_total)
    scored_part = sum((s.points for s in counted if s.item.role == ItemRole.SCORED), Decimal(0))
    assert 0 <= scored_part <= whole.max_total  # so the 百分制 base is within 0–100


@DEFAULTS
@given(letters())
def test_a_letter_with_nothing_to_measure_scores_nothing_and_says_so(letter):
    items, _row, _on_time, _satisfaction = letter
    nothing = RollupRow("合成单位")  # no project at all, no appeal rate
    score = _score(items, nothing, None, None)
    assert score.scored_count == 0
    assert (score.total, score.max_total, score.score) == (0, 0, 0)
    if items:
        assert score.scored_words == f"0项计分，{len(items)}项不计分"

