"""Appeals on the shared `world` (districts A and B), with time frozen on a Monday in Shanghai."""
from types import SimpleNamespace

import pytest
import time_machine

from luoshi.appeals import services
from luoshi.appeals.models import Category, Rating, State
from luoshi.organisations.models import Enterprise, Organisation, OrgKind, Role
from tests.conftest import make_user, valid_code

NOW = "2025-03-10 10:00 +0800"


def frozen(now: str):
    with time_machine.travel(now, tick=False) as traveller:
        yield traveller


@pytest.fixture
def clock():
    yield from frozen(NOW)


@pytest.fixture
def more(world):
    """Beyond the world: a second unit (花园口镇) and a department (统计局) of district A with staff, a
    second enterprise of A with its user, and district B's unit staff, enterprise user and commission."""
    a_unit2 = Organisation.objects.create(name="花园口镇", short_name="花园口镇", kind=OrgKind.TOWN, parent=world.a)
    dept2 = Organisation.objects.create(name="统计局", short_name="统计局", kind=OrgKind.DEPARTMENT, parent=world.a)
    a_ent2 = Enterprise.objects.create(name="郑州思念食品有限公司", credit_code=valid_code("91410100000000003"),
                                       district=world.a)
    return SimpleNamespace(
        a_unit2=a_unit2, dept2=dept2, a_ent2=a_ent2,
        a_unit2_staff=make_user("a_unit2", Role.UNIT_STAFF, a_unit2),
        dept2_staff=make_user("dept2", Role.UNIT_STAFF, dept2),
        a_ent2_user=make_user("a_ent2", Role.ENTERPRISE, enterprise=a_ent2),
        b_unit_staff=make_user("b_unit", Role.UNIT_STAFF, world.b_unit),
        b_enterprise=make_user("b_enterprise", Role.ENTERPRISE, enterprise=world.b_ent),
        b_discipline=make_user("b_discipline", Role.DISCIPLINE, world.b),
    )


@pytest.fixture
def file(world, clock):
    def _file(user=None, enterprise=None, **kw):
        fields = dict(category=Category.APPROVAL, title="二期厂房施工许可", description="施工许可办理进度慢,影响开工")
        fields.update(kw)
        return services.file_appeal(user or world.users.a_enterprise, enterprise=enterprise or world.a_ent, **fields)
    return _file


# The right person and arguments for each move on the world's appeal (unit a_unit, enterprise a_ent).
def right_move(world, action):
    u = world.users
    return {
        services.ASSIGN: (u.a_data, dict(unit=world.a_unit)),
        services.ACCEPT: (u.a_unit, {}),
        services.RETURN: (u.a_unit, dict(text="不属本镇职责,建议交区自然资源局")),
        services.SOLVE: (u.a_unit, dict(text="已协调住建部门限时办理",
                                        actions_taken="召开协调会,施工许可已于当日核发")),
        services.CONFIRM: (u.a_enterprise, dict(rating=Rating.SATISFIED)),
        services.REOPEN: (u.a_enterprise, dict(rating=Rating.UNSATISFIED, text="问题没有实际解决")),
    }[action]


PATH = {State.REGISTERED: [], State.ASSIGNED: [services.ASSIGN],
        State.ANALYSING: [services.ASSIGN, services.ACCEPT],
        State.SOLVED: [services.ASSIGN, services.ACCEPT, services.SOLVE],
        State.CLOSED: [services.ASSIGN, services.ACCEPT, services.SOLVE, services.CONFIRM]}


@pytest.fixture
def appeal_in(world, file):
    """An appeal of a_ent brought to the given state along the normal path."""
    def _appeal_in(state, **kw):
        appeal = file(**kw)
        for action in PATH[state]:
            user, args = right_move(world, action)
            appeal = services.transition(user, appeal, action, **args)
        assert appeal.state == state
        return appeal
    return _appeal_in
