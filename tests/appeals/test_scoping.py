"""Who sees which appeal: an enterprise only its own, a unit only what is assigned to it, a district only
its own; by list and by id (a record outside the scope does not exist for the user)."""
import pytest
from django.core.exceptions import PermissionDenied

from luoshi.appeals import selectors, services
from luoshi.appeals.models import Appeal, State


@pytest.fixture
def appeals(world, more, clock, file, appeal_in):
    b_appeal = services.file_appeal(more.b_enterprise, enterprise=world.b_ent, category="finance",
                                    title="B企业融资", description="流动资金贷款")
    own_unit = appeal_in(State.ASSIGNED, title="分给古荥镇")
    other_unit = file(title="分给花园口镇")
    other_unit = services.transition(world.users.a_data, other_unit, services.ASSIGN, unit=more.a_unit2)
    unassigned = file(title="未交办")
    sibling = file(title="思念的诉求", enterprise=more.a_ent2, user=world.users.a_data, channel="visit")
    return dict(b=b_appeal, own_unit=own_unit, other_unit=other_unit, unassigned=unassigned, sibling=sibling)


def titles(user):
    return sorted(Appeal.objects.for_user(user).values_list("title", flat=True))


def test_enterprise_a_cannot_see_enterprise_b_appeals(world, appeals):
    assert titles(world.users.a_enterprise) == ["分给古荥镇", "分给花园口镇", "未交办"]
    with pytest.raises(Appeal.DoesNotExist):
        selectors.appeal_detail(world.users.a_enterprise, appeals["b"].pk)
    with pytest.raises(Appeal.DoesNotExist):
        selectors.appeal_detail(world.users.a_enterprise, appeals["sibling"].pk)


def test_enterprise_cannot_rate_another_enterprise_appeal(world, more, appeals):
    with pytest.raises(PermissionDenied):
        services.transition(more.b_enterprise, appeals["own_unit"], services.RETURN, text="x")


def test_unit_staff_see_only_appeals_assigned_to_their_unit(world, more, appeals):
    assert titles(world.users.a_unit) == ["分给古荥镇"]
    assert titles(more.a_unit2_staff) == ["分给花园口镇"]
    assert [a.title for a in selectors.unit_inbox(world.users.a_unit)] == ["分给古荥镇"]
    with pytest.raises(Appeal.DoesNotExist):
        selectors.appeal_detail(world.users.a_unit, appeals["other_unit"].pk)


def test_a_returned_appeal_leaves_the_unit_inbox(world, appeals):
    services.transition(world.users.a_unit, appeals["own_unit"], services.RETURN, text="不属本镇")
    assert titles(world.users.a_unit) == []


def test_district_staff_see_their_district_only(world, appeals):
    everything_a = ["分给古荥镇", "分给花园口镇", "思念的诉求", "未交办"]
    assert titles(world.users.a_data) == titles(world.users.a_leader) == everything_a
    assert titles(world.users.b_data) == ["B企业融资"]
    assert titles(world.users.city_admin) == sorted(everything_a + ["B企业融资"])
    with pytest.raises(Appeal.DoesNotExist):
        selectors.appeal_detail(world.users.b_leader, appeals["own_unit"].pk)


def test_district_b_cannot_assign_district_a_appeals(world, appeals):
    with pytest.raises(PermissionDenied, match="只有惠济区的区领导或发改、统计工作人员可以“交办”"):
        services.transition(world.users.b_data, appeals["unassigned"], services.ASSIGN, unit=world.a_unit)


def test_enterprise_appeals_lists_the_enterprise_own_newest_first(world, appeals):
    assert [a.title for a in selectors.enterprise_appeals(world.users.a_enterprise)] == [
        "未交办", "分给花园口镇", "分给古荥镇"]
