"""The approval machine of planned visits: every move of the table by the right person, every other one
refused with a reason, and who may make each move."""
import pytest
from django.core.exceptions import PermissionDenied

from luoshi.core.workflow import Refused
from luoshi.inspections import services
from luoshi.inspections.models import PlannedVisit, VisitCategory, VisitState

TODAY = "2025-03-10"  # the visits below are on this day: still approvable, already completable
ACTIONS = [services.SUBMIT, services.APPROVE, services.REFUSE, services.COMPLETE, services.CANCEL]


@pytest.fixture
def visit_in(world, clock, plan):
    clock.move_to(f"{TODAY} 08:00 +0800")
    from datetime import date

    def _visit_in(state):
        if state == VisitState.FILED:
            return plan(VisitCategory.WORK_SAFETY, date(2025, 3, 10))
        visit = plan(VisitCategory.OTHER, date(2025, 3, 10))
        steps = {VisitState.PENDING: [], VisitState.APPROVED: [services.APPROVE], VisitState.REFUSED: [services.REFUSE],
                 VisitState.DONE: [services.APPROVE, services.COMPLETE], VisitState.CANCELLED: [services.CANCEL]}[state]
        for action in steps:
            visit = services.transition(right_user(world, action), visit, action, text="意见")
        return visit
    return _visit_in


def right_user(world, action):
    return world.users.a_discipline if action in (services.APPROVE, services.REFUSE) else world.users.a_unit


@pytest.mark.parametrize("state", VisitState.values)
@pytest.mark.parametrize("action", ACTIONS)
def test_each_move_is_allowed_exactly_where_the_table_says(world, visit_in, state, action):
    visit = visit_in(state)
    assert visit.state == state
    allowed = (state, action) in services.TRANSITIONS and (state, action) != (VisitState.FILED, services.SUBMIT)
    if allowed:
        moved = services.transition(right_user(world, action), visit, action, text="意见")
        assert moved.state == services.TRANSITIONS[(state, action)]
        assert moved.steps.last().action == action and moved.history.first().history_user == right_user(world, action)
    else:
        with pytest.raises(Refused) as refused:
            services.transition(right_user(world, action), visit, action, text="意见")
        assert refused.value.reasons
        assert PlannedVisit.objects.get(pk=visit.pk).state == state


def test_an_exempt_visit_needs_no_approval(world, visit_in):
    with pytest.raises(Refused) as refused:
        services.transition(world.users.a_unit, visit_in(VisitState.FILED), services.SUBMIT)
    assert refused.value.reasons == ["该走访无需审批：属于宁静日豁免情形（安全生产），可以实施，报备留档"]


def test_a_non_exempt_visit_in_the_window_goes_to_the_discipline_commission_when_filed(world, visit_in):
    visit = visit_in(VisitState.PENDING)
    assert list(visit.steps.values_list("action", "to_state")) == [
        (services.FILE, VisitState.FILED), (services.SUBMIT, VisitState.PENDING)]
    assert world.users.a_discipline.notifications.filter(text__startswith="待审批").exists()


def test_the_decision_is_recorded_and_the_department_told(world, visit_in):
    visit = services.transition(world.users.a_discipline, visit_in(VisitState.PENDING), services.REFUSE,
                                text="非必要调研,改在26日后进行")
    assert (visit.approval, visit.decided_by, visit.decision_text) == (
        PlannedVisit.Approval.REFUSED, world.users.a_discipline, "非必要调研,改在26日后进行")
    assert world.users.a_unit.notifications.filter(text__contains="非必要调研").exists()


def test_refusing_and_cancelling_need_a_reason(world, visit_in):
    with pytest.raises(Refused) as refused:
        services.transition(world.users.a_discipline, visit_in(VisitState.PENDING), services.REFUSE)
    assert refused.value.reasons == ["“驳回”须填写说明"]
    with pytest.raises(Refused):
        services.transition(world.users.a_unit, visit_in(VisitState.APPROVED), services.CANCEL)


@pytest.mark.parametrize("username", ["a_unit", "a_data", "a_leader", "b_discipline", "a_enterprise", "city_admin"])
def test_only_the_district_discipline_commission_approves(world, more, visit_in, username):
    user = getattr(world.users, username, None) or getattr(more, username)
    for action in (services.APPROVE, services.REFUSE):
        visit = visit_in(VisitState.PENDING)
        with pytest.raises(PermissionDenied) as denied:
            services.transition(user, visit, action, text="x")
        assert str(denied.value) == "只有惠济区纪检监察工委可以审批"
        assert services.allowed_actions(user, visit) in ([], [services.CANCEL])


@pytest.mark.parametrize("username", ["dept2_staff", "a_discipline", "a_data", "b_unit_staff"])
def test_only_the_department_completes_or_cancels_its_visit(world, more, visit_in, username):
    user = getattr(world.users, username, None) or getattr(more, username)
    for action in (services.COMPLETE, services.CANCEL):
        with pytest.raises(PermissionDenied) as denied:
            services.transition(user, visit_in(VisitState.APPROVED), action, text="x")
        assert str(denied.value) == f"只有古荥镇的工作人员可以“{services.ACTION_LABELS[action]}”"


def test_filing_refusals_list_every_reason(world, more, plan):
    with pytest.raises(Refused) as refused:
        plan(enterprises=[world.b_ent], visit_type="party", category="any", legal_basis="")
    assert refused.value.reasons == ["只能报备本区企业", "请选择活动类型", "请选择事由类别",
                                     "请填写依据(法律法规、文件或上级部署)"]


def test_only_a_department_own_staff_file_its_visits(world, more, plan):
    with pytest.raises(PermissionDenied, match="只有古荥镇的工作人员可以报备本部门的走访"):
        plan(user=more.dept2_staff)
    with pytest.raises(PermissionDenied):
        plan(user=world.users.a_data, department=world.a)
    assert not PlannedVisit.objects.exists()
