"""The quiet-day rule as a table, through the services: each category × inside/outside the window ×
approved or not → may the visit be marked done?"""
from datetime import date

import pytest

from luoshi.core.workflow import Refused
from luoshi.inspections import services
from luoshi.inspections.models import EXEMPT_CATEGORIES, QuietWindow, VisitCategory, VisitState
from tests.inspections.conftest import IN_WINDOW, OUTSIDE

CASES = [(c, inside, approved) for c in VisitCategory.values for inside in (True, False) for approved in (True, False)]


def expected(category, inside, approved) -> bool:
    return not inside or category in EXEMPT_CATEGORIES or approved


@pytest.mark.parametrize("category,inside,approved", CASES)
def test_quiet_day_rule_table(world, clock, plan, category, inside, approved):
    on = IN_WINDOW if inside else OUTSIDE
    visit = plan(category, on)
    needs = inside and category not in EXEMPT_CATEGORIES
    assert visit.in_window == inside
    assert visit.state == (VisitState.PENDING if needs else VisitState.FILED)
    if approved and needs:
        visit = services.transition(world.users.a_discipline, visit, services.APPROVE, text="同意")
    clock.move_to(f"{on.isoformat()} 16:00 +0800")
    if expected(category, inside, approved):
        assert services.transition(world.users.a_unit, visit, services.COMPLETE, text="已完成").state == VisitState.DONE
    else:
        with pytest.raises(Refused) as refused:
            services.transition(world.users.a_unit, visit, services.COMPLETE, text="已完成")
        assert "当前状态为“待审批”" in refused.value.reasons[0]
    assert services.quiet_day_verdict(category, inside, approved).allowed == expected(category, inside, approved)


@pytest.mark.parametrize("category,inside,approved", CASES)
def test_quiet_day_verdict_gives_its_reason(category, inside, approved):
    verdict = services.quiet_day_verdict(category, inside, approved)
    assert verdict.needs_approval == (inside and category not in EXEMPT_CATEGORIES)
    assert verdict.reason


@pytest.mark.parametrize("day,inside", [(1, True), (25, True), (26, False), (31, False)])
def test_the_window_is_days_1_to_25_by_default(world, plan, day, inside):
    assert plan(VisitCategory.WORK_SAFETY, date(2025, 3, day)).in_window == inside


def test_a_district_may_set_its_own_window(world, plan, settings):
    QuietWindow.objects.create(district=world.a, first_day=1, last_day=20)
    assert plan(VisitCategory.OTHER, date(2025, 3, 22)).state == VisitState.FILED
    settings.LUOSHI = {**settings.LUOSHI, "QUIET_WINDOW": (5, 10)}
    assert services.quiet_window(world.a) == (1, 20) and services.quiet_window(world.b) == (5, 10)


def test_a_past_non_exempt_visit_in_the_window_cannot_be_filed_afterwards(world, clock, plan):
    clock.move_to("2025-03-12 10:00 +0800")
    with pytest.raises(Refused) as refused:
        plan(VisitCategory.OTHER, date(2025, 3, 11))
    assert refused.value.reasons == ["宁静日期间的非豁免走访须在走访日期前报批，2025-03-11已过，不能补报"]
    assert plan(VisitCategory.OTHER, date(2025, 2, 27)).state == VisitState.FILED  # outside: recorded
    assert plan(VisitCategory.CASE, date(2025, 3, 11)).state == VisitState.FILED


def test_approval_must_come_before_the_visit_date(world, clock, plan):
    visit = plan(VisitCategory.OTHER, IN_WINDOW)
    clock.move_to("2025-03-11 09:00 +0800")
    with pytest.raises(Refused) as refused:
        services.transition(world.users.a_discipline, visit, services.APPROVE)
    assert refused.value.reasons == ["审批须在走访日期（2025-03-10）之前，日期已过"]


def test_a_visit_cannot_be_marked_done_before_its_date(world, plan):
    visit = plan(VisitCategory.WORK_SAFETY, IN_WINDOW)
    with pytest.raises(Refused) as refused:
        services.transition(world.users.a_unit, visit, services.COMPLETE)
    assert refused.value.reasons == ["走访日期2025-03-10未到，不能标记完成"]
