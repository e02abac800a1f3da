"""The appeal loop: every move the table allows is made by the right person, every other one is refused
with a reason in Chinese, and each move leaves a step and a history row."""
import pytest
from django.core.exceptions import PermissionDenied

from luoshi.appeals import services
from luoshi.appeals.models import Appeal, AppealStep, Rating, State
from luoshi.core.workflow import Refused
from luoshi.indicators.services import ConflictError
from tests.appeals.conftest import right_move

ACTIONS = [services.ASSIGN, services.ACCEPT, services.RETURN, services.SOLVE, services.CONFIRM, services.REOPEN]
CASES = [(s, a) for s in State.values for a in ACTIONS]


@pytest.mark.parametrize("state,action", CASES)
def test_each_move_is_allowed_exactly_where_the_table_says(world, appeal_in, state, action):
    appeal = appeal_in(state)
    user, args = right_move(world, action)
    if (state, action) in services.TRANSITIONS:
        moved = services.transition(user, appeal, action, **args)
        assert moved.state == services.TRANSITIONS[(state, action)]
        step = moved.steps.last()
        assert (step.action, step.from_state, step.to_state, step.actor) == (action, state, moved.state, user)
        assert moved.history.first().history_user == user
    elif appeal.assigned_unit_id is None and action in (services.ACCEPT, services.RETURN, services.SOLVE):
        # an appeal not given to any unit is no unit's to act on: a permission failure (403), not a state
        with pytest.raises(PermissionDenied) as denied:
            services.transition(user, appeal, action, **args)
        assert "只有承办单位（未交办）的工作人员" in str(denied.value)
        assert Appeal.objects.get(pk=appeal.pk).state == state
    else:
        with pytest.raises(Refused) as refused:
            services.transition(user, appeal, action, **args)
        assert "当前状态为" in refused.value.reasons[0]
        assert Appeal.objects.get(pk=appeal.pk).state == state


# Who may make each move (by username in the world and the `more` fixture); everyone else is refused.
ALLOWED = {
    services.ASSIGN: {"a_leader", "a_data"},
    services.ACCEPT: {"a_unit"},
    services.RETURN: {"a_unit"},
    services.SOLVE: {"a_unit"},
    services.CONFIRM: {"a_enterprise", "a_leader", "a_data"},
    services.REOPEN: {"a_enterprise", "a_leader", "a_data"},
}
FROM = {services.ASSIGN: State.REGISTERED, services.ACCEPT: State.ASSIGNED, services.RETURN: State.ASSIGNED,
        services.SOLVE: State.ANALYSING, services.CONFIRM: State.SOLVED, services.REOPEN: State.SOLVED}
USERS = ["city_admin", "a_leader", "a_data", "a_unit", "a_enterprise", "a_discipline", "b_data", "b_leader",
         "a_unit2", "b_unit", "b_enterprise"]


def _user(world, more, name):
    return getattr(world.users, name, None) or getattr(more, f"{name}_staff", None) or getattr(more, name)


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("username", USERS)
def test_only_the_right_role_may_make_each_move(world, more, appeal_in, action, username):
    appeal = appeal_in(FROM[action])
    _, args = right_move(world, action)
    args = {**args, "text": args.get("text") or "电话回访,企业表示认可"}
    user = _user(world, more, username)
    if username in ALLOWED[action]:
        assert services.transition(user, appeal, action, **args).state == services.TRANSITIONS[(FROM[action], action)]
    else:
        with pytest.raises(PermissionDenied) as denied:
            services.transition(user, appeal, action, **args)
        assert str(denied.value).startswith("只有")
        assert Appeal.objects.get(pk=appeal.pk).state == FROM[action]


def test_sending_back_requires_a_reason_and_returns_it_for_reassignment(world, appeal_in):
    appeal = appeal_in(State.ASSIGNED)
    with pytest.raises(Refused) as refused:
        services.transition(world.users.a_unit, appeal, services.RETURN, text=" ")
    assert refused.value.reasons == ["“退回”须填写说明"]
    appeal = services.transition(world.users.a_unit, appeal, services.RETURN, text="不属本镇职责")
    assert (appeal.state, appeal.assigned_unit, appeal.deadline) == (State.REGISTERED, None, None)
    assert appeal.steps.last().unit == world.a_unit


def test_solving_requires_the_answer_and_what_was_done(world, appeal_in):
    appeal = appeal_in(State.ANALYSING)
    with pytest.raises(Refused) as refused:
        services.transition(world.users.a_unit, appeal, services.SOLVE)
    assert refused.value.reasons == ["“解决答复”须填写说明", "请填写办理情况(做了什么)"]


def test_assigning_to_a_unit_of_another_district_is_refused(world, appeal_in):
    appeal = appeal_in(State.REGISTERED)
    with pytest.raises(Refused) as refused:
        services.transition(world.users.a_data, appeal, services.ASSIGN, unit=world.b_unit)
    assert refused.value.reasons == ["须水街道不是惠济区的承办单位"]
    with pytest.raises(Refused):
        services.transition(world.users.a_data, appeal, services.ASSIGN, unit=world.a)


def test_unsatisfied_rating_reopens_appeal(world, appeal_in):
    appeal = appeal_in(State.SOLVED)
    appeal = services.rate(world.users.a_enterprise, appeal, Rating.UNSATISFIED, text="路面积水仍未处理")
    assert (appeal.state, appeal.reopen_count, appeal.rating, appeal.solved_at) == (
        State.ASSIGNED, 1, Rating.UNSATISFIED, None)
    assert appeal.assigned_unit == world.a_unit
    step = appeal.steps.last()
    assert (step.action, step.rating, step.text) == (services.REOPEN, Rating.UNSATISFIED, "路面积水仍未处理")


def test_unsatisfied_rating_needs_a_reason(world, appeal_in):
    with pytest.raises(Refused) as refused:
        services.rate(world.users.a_enterprise, appeal_in(State.SOLVED), Rating.UNSATISFIED)
    assert "须填写说明" in refused.value.reasons[0]


@pytest.mark.parametrize("rating", [Rating.SATISFIED, Rating.BASICALLY])
def test_satisfied_rating_closes_the_appeal(world, appeal_in, rating):
    appeal = services.rate(world.users.a_enterprise, appeal_in(State.SOLVED), rating)
    assert (appeal.state, appeal.rating, appeal.closed_at is not None) == (State.CLOSED, rating, True)


def test_district_staff_recording_a_return_visit_must_write_what_was_said(world, appeal_in):
    with pytest.raises(Refused) as refused:
        services.rate(world.users.a_data, appeal_in(State.SOLVED), Rating.SATISFIED)
    assert refused.value.reasons == ["代企业记录回访须填写回访情况"]


def test_confirm_with_an_unsatisfied_rating_is_refused(world, appeal_in):
    with pytest.raises(Refused) as refused:
        services.transition(world.users.a_enterprise, appeal_in(State.SOLVED), services.CONFIRM,
                            rating=Rating.UNSATISFIED)
    assert refused.value.reasons == ["确认办结须评价为“满意”或“基本满意”"]


def test_unknown_action_is_refused(world, appeal_in):
    with pytest.raises(Refused) as refused:
        services.transition(world.users.a_data, appeal_in(State.REGISTERED), "delete")
    assert refused.value.reasons == ["未知操作“delete”"]


def test_a_stale_version_is_refused_and_nothing_changes(world, appeal_in):
    appeal = appeal_in(State.ASSIGNED)
    with pytest.raises(ConflictError):
        services.transition(world.users.a_unit, appeal, services.ACCEPT, expected_version=appeal.version - 1)
    assert Appeal.objects.get(pk=appeal.pk).state == State.ASSIGNED


def test_every_step_of_a_full_loop_is_recorded_in_order(world, appeal_in):
    appeal = appeal_in(State.CLOSED)
    assert list(appeal.steps.values_list("action", flat=True)) == [
        services.REGISTER, services.ASSIGN, services.ACCEPT, services.SOLVE, services.CONFIRM]
    assert appeal.history.count() == 5 and appeal.version == 5


def test_allowed_actions_show_each_user_their_buttons(world, appeal_in):
    assigned = appeal_in(State.ASSIGNED)
    assert services.allowed_actions(world.users.a_unit, assigned) == [services.ACCEPT, services.RETURN]
    assert services.allowed_actions(world.users.a_enterprise, assigned) == []
    solved = appeal_in(State.SOLVED)
    assert services.allowed_actions(world.users.a_enterprise, solved) == [services.CONFIRM, services.REOPEN]


def test_enterprise_files_online_and_the_supervising_office_is_told(world, file):
    appeal = file()
    assert (appeal.state, appeal.channel, appeal.district, appeal.recorded_by) == (
        State.REGISTERED, "online", world.a, world.users.a_enterprise)
    assert world.users.a_data.notifications.filter(text__contains="二期厂房施工许可").exists()
    assert AppealStep.objects.filter(appeal=appeal, action=services.REGISTER).count() == 1


def test_official_records_an_appeal_from_a_visit(world, file):
    appeal = file(user=world.users.a_data, channel="visit")
    assert (appeal.channel, appeal.recorded_by) == ("visit", world.users.a_data)


@pytest.mark.parametrize("username", ["a_unit", "a_discipline", "b_data", "city_admin"])
def test_others_cannot_file_for_the_enterprise(world, file, username):
    with pytest.raises(PermissionDenied, match="无权为“三全食品股份有限公司”登记诉求"):
        file(user=getattr(world.users, username))


def test_filing_without_title_or_category_lists_every_reason(world, file):
    with pytest.raises(Refused) as refused:
        file(title="", category="bad", description="")
    assert refused.value.reasons == ["请选择诉求类别", "请填写诉求标题", "请填写诉求内容"]


def test_urging_is_recorded_and_sent_to_the_unit(world, appeal_in):
    appeal = appeal_in(State.ANALYSING)
    step = services.urge(world.users.a_leader, appeal, "请本周内给企业答复")
    assert (step.action, step.from_state, step.to_state) == (services.URGE, State.ANALYSING, State.ANALYSING)
    assert world.users.a_unit.notifications.filter(text__contains="请本周内给企业答复").exists()
    with pytest.raises(PermissionDenied, match="只有区领导或发改、统计工作人员可以督办"):
        services.urge(world.users.a_unit, appeal, "自己督办自己")
