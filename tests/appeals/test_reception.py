"""企业家接待日: the calendar follows the rule (every two weeks a deputy, every month a principal leader),
enterprises book turns of their own district's days, the host sees the list, and bookings produce appeals."""
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied

from luoshi.appeals import selectors, services
from luoshi.appeals.models import Booking, LeaderRank, ReceptionDay, ReceptionLeader, State
from luoshi.core.workflow import Refused
from luoshi.organisations.models import Role
from tests.conftest import make_user


@pytest.fixture
def roster(world):
    deputy1 = make_user("a_deputy1", Role.DISTRICT_LEADER, world.a)
    deputy2 = make_user("a_deputy2", Role.DISTRICT_LEADER, world.a)
    ReceptionLeader.objects.create(district=world.a, user=world.users.a_leader, rank=LeaderRank.PRINCIPAL, title="区长")
    ReceptionLeader.objects.create(district=world.a, user=deputy1, rank=LeaderRank.DEPUTY, order=1, title="副区长")
    ReceptionLeader.objects.create(district=world.a, user=deputy2, rank=LeaderRank.DEPUTY, order=2, title="副区长")
    return [deputy1, deputy2]


@pytest.fixture
def march(world, roster, clock):
    return services.generate_calendar(world.users.a_data, world.a, 2025, 3)


def test_the_rule_gives_a_principal_each_month_and_a_deputy_every_two_weeks():
    dates = [services.reception_dates(2025, m) for m in range(1, 13)]
    principals = [d for month in dates for d, rank in month if rank == LeaderRank.PRINCIPAL]
    deputies = [d for month in dates for d, rank in month if rank == LeaderRank.DEPUTY]
    assert len(principals) == 12 and all(d.weekday() == 2 and d.day <= 7 for d in principals)
    assert all(d.weekday() == 2 for d in deputies) and not set(principals) & set(deputies)
    every_other_wednesday = [d for d in (date(2025, 1, 8) + timedelta(days=14 * i) for i in range(27))
                             if d.year == 2025]
    assert sorted(set(deputies) | (set(principals) & set(every_other_wednesday))) == every_other_wednesday


def test_the_rule_is_a_setting(settings):
    settings.LUOSHI = {**settings.LUOSHI, "RECEPTION_RULE": {**settings.LUOSHI["RECEPTION_RULE"],
                                                             "weekday": 4, "principal_every_months": 3}}
    assert services.reception_dates(2025, 2) == [
        (date(2025, 2, 7), LeaderRank.DEPUTY), (date(2025, 2, 21), LeaderRank.DEPUTY)]
    assert services.reception_dates(2025, 1)[0] == (date(2025, 1, 3), LeaderRank.PRINCIPAL)


def test_calendar_is_generated_from_the_roster_and_again_without_duplicates(world, roster, march):
    assert [(d.date, d.host_rank, d.host) for d in march] == [
        (date(2025, 3, 5), LeaderRank.PRINCIPAL, world.users.a_leader),
        (date(2025, 3, 19), LeaderRank.DEPUTY, roster[0]),
    ]
    services.generate_calendar(world.users.a_data, world.a, 2025, 3)
    assert ReceptionDay.objects.count() == 2
    april = services.generate_calendar(world.users.a_data, world.a, 2025, 4)
    assert [d.host for d in april if d.host_rank == LeaderRank.DEPUTY] == [roster[1], roster[0]]
    assert {d.slots for d in april} == {6} and april[0].slot_time(2).isoformat() == "09:30:00"


def test_calendar_needs_a_roster_and_district_staff(world, clock):
    with pytest.raises(Refused) as refused:
        services.generate_calendar(world.users.a_data, world.a, 2025, 3)
    assert refused.value.reasons == ["惠济区尚未设置主要领导接待名单", "惠济区尚未设置分管领导接待名单"]
    for user in (world.users.a_unit, world.users.b_data, world.users.a_enterprise):
        with pytest.raises(PermissionDenied, match="只有本区领导或发改、统计工作人员可以安排接待日"):
            services.generate_calendar(user, world.a, 2025, 3)


def test_enterprise_books_a_turn_and_the_host_is_told(world, march):
    day = march[1]
    booking = services.book_reception(world.users.a_enterprise, day, topic="冷库用电增容")
    assert (booking.enterprise, booking.slot, booking.status) == (world.a_ent, 1, Booking.Status.BOOKED)
    assert day.host.notifications.filter(text__contains="冷库用电增容").exists()
    [hosted] = selectors.host_schedule(day.host)
    assert (hosted.date, hosted.booked, [b.topic for b in hosted.bookings.all()]) == (day.date, 1, ["冷库用电增容"])


def test_booking_refusals(world, more, march, clock):
    day = march[1]
    services.book_reception(world.users.a_enterprise, day, topic="用电", slot=3)
    with pytest.raises(Refused) as refused:
        services.book_reception(world.users.a_enterprise, day, topic="再约一次")
    assert refused.value.reasons == ["该企业已预约这一天的接待"]
    with pytest.raises(Refused) as refused:
        services.book_reception(world.users.a_data, day, topic="代约", enterprise=more.a_ent2, slot=3)
    assert refused.value.reasons == ["第3场已被预约或不存在"]
    with pytest.raises(Refused) as refused:
        services.book_reception(more.b_enterprise, day, topic="跨区")
    assert refused.value.reasons == ["只能预约本企业所在区的接待日"]
    with pytest.raises(PermissionDenied, match="无权为该企业预约接待日"):
        services.book_reception(world.users.a_unit, day, topic="x", enterprise=more.a_ent2)
    clock.move_to("2025-03-20 10:00 +0800")
    with pytest.raises(Refused) as refused:
        services.book_reception(world.users.a_data, day, topic="过期", enterprise=more.a_ent2)
    assert refused.value.reasons == ["2025-03-19的接待日已过，不能预约"]


def test_a_full_day_is_refused_and_a_cancelled_turn_is_free_again(world, more, march):
    day = march[1]
    ReceptionDay.objects.filter(pk=day.pk).update(slots=1)
    day.refresh_from_db()
    booking = services.book_reception(world.users.a_enterprise, day, topic="用工")
    with pytest.raises(Refused) as refused:
        services.book_reception(world.users.a_data, day, topic="融资", enterprise=more.a_ent2)
    assert refused.value.reasons == ["这一天的接待场次已约满"]
    services.cancel_booking(world.users.a_enterprise, booking)
    assert services.book_reception(world.users.a_data, day, topic="融资", enterprise=more.a_ent2).slot == 1


def test_reception_calendar_shows_free_turns_and_the_enterprise_own_booking(world, more, march):
    services.book_reception(world.users.a_enterprise, march[1], topic="用地", slot=2)
    services.book_reception(world.users.a_data, march[1], topic="融资", enterprise=more.a_ent2)
    cal = selectors.reception_calendar(world.users.a_enterprise, 2025, 3)
    assert [(c.day.date, c.booked, c.free_slots, c.own_booking and c.own_booking.topic) for c in cal] == [
        (date(2025, 3, 5), 0, [1, 2, 3, 4, 5, 6], None), (date(2025, 3, 19), 2, [3, 4, 5, 6], "用地")]
    assert selectors.reception_calendar(more.b_enterprise, 2025, 3) == []
    assert selectors.reception_calendar(world.users.b_data, 2025, 3) == []
    assert list(selectors.enterprise_bookings(more.b_enterprise)) == []


def test_a_booking_produces_appeals_linked_to_it_and_escalation_reaches_the_host(world, march, clock):
    day = march[1]
    booking = services.book_reception(world.users.a_enterprise, day, topic="冷库用电增容")
    clock.move_to("2025-03-19 10:00 +0800")
    appeal = services.appeal_from_booking(day.host, booking, category="utilities", title="冷库双回路供电",
                                          description="二期冷库需双回路供电")
    assert (appeal.channel, appeal.booking, appeal.recorded_by, appeal.state) == (
        "reception", booking, day.host, State.REGISTERED)
    assert [a.pk for a in selectors.host_schedule(day.host)[0].bookings.all()[0].appeals.all()] == [appeal.pk]
    appeal = services.transition(world.users.a_data, appeal, services.ASSIGN, unit=world.a_unit)
    clock.move_to(appeal.deadline + timedelta(days=5))
    services.run_scheduler()
    assert day.host.notifications.filter(text__startswith="报区领导督办").exists()
    assert not world.users.a_leader.notifications.filter(text__startswith="报区领导督办").exists()


def test_only_the_host_or_district_staff_record_appeals_from_a_booking(world, more, march):
    booking = services.book_reception(world.users.a_enterprise, march[1], topic="用地")
    with pytest.raises(PermissionDenied):
        services.appeal_from_booking(more.a_unit2_staff, booking, category="land", title="t", description="d")


def test_a_cancelled_booking_produces_no_appeal(world, march):
    booking = services.book_reception(world.users.a_enterprise, march[1], topic="用地")
    services.cancel_booking(world.users.a_enterprise, booking)
    with pytest.raises(Refused) as refused:
        services.appeal_from_booking(march[1].host, booking, category="land", title="t", description="d")
    assert refused.value.reasons == ["该预约已取消"]
