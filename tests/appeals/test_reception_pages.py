"""企业家接待日 pages: district staff generate the month, an enterprise books and cancels on its phone,
refusals (full, past) are shown with nothing changed, the host sees his list, and a booking produces
appeals that then run the normal loop. Plus 代企业登记: district staff record an appeal taken at a visit
or by phone, only for enterprises of their own district."""
from datetime import date

import pytest
from django.urls import reverse

from luoshi.appeals.models import Appeal, Booking, Channel, LeaderRank, ReceptionDay, ReceptionLeader, State
from luoshi.organisations.models import Role
from tests.conftest import make_user


@pytest.fixture
def roster(world):
    deputy = make_user("a_deputy", Role.DISTRICT_LEADER, world.a)
    ReceptionLeader.objects.create(district=world.a, user=world.users.a_leader, rank=LeaderRank.PRINCIPAL, title="区长")
    ReceptionLeader.objects.create(district=world.a, user=deputy, rank=LeaderRank.DEPUTY, title="副区长")
    return deputy


def as_user(client, user):
    client.logout()
    client.force_login(user)
    return client


def body(response) -> str:
    return response.content.decode()


def calendar(district, year=2025, month=3):
    return reverse("appeals:reception_calendar", args=[district.pk, year, month])


@pytest.fixture
def march(client, world, roster, clock):
    """District A's March, generated through the page by its 发改/统计 staff."""
    c = as_user(client, world.users.a_data)
    response = c.post(calendar(world.a), {"location": "区政务服务中心三楼"})
    assert response.status_code == 302 and response["Location"] == calendar(world.a)
    return list(ReceptionDay.objects.filter(district=world.a).order_by("date"))


def book(client, user, day, **fields):
    return as_user(client, user).post(reverse("appeals:reception_day", args=[day.pk]),
                                      {"topic": "冷库用电增容", **fields})


def test_district_staff_generate_the_month_and_everyone_in_the_district_sees_it(client, world, roster, march):
    assert [(d.date, d.host_rank, d.host, d.location) for d in march] == [
        (date(2025, 3, 5), LeaderRank.PRINCIPAL, world.users.a_leader, "区政务服务中心三楼"),
        (date(2025, 3, 19), LeaderRank.DEPUTY, roster, "区政务服务中心三楼")]
    page = body(as_user(client, world.users.a_enterprise).get(calendar(world.a)))
    assert "2025-03-05" in page and "2025-03-19" in page and "（副区长）" not in page and "副区长" in page
    assert "生成接待日" not in page  # only district staff generate
    assert as_user(client, world.users.a_enterprise).post(calendar(world.a), {}).status_code == 403
    # generating again adds nothing
    as_user(client, world.users.a_data).post(calendar(world.a), {})
    assert ReceptionDay.objects.count() == 2


def test_generation_without_a_roster_shows_the_reasons(client, world, clock):
    response = as_user(client, world.users.a_data).post(calendar(world.a), {})
    assert response.status_code == 200 and "惠济区尚未设置主要领导接待名单" in body(response)
    assert not ReceptionDay.objects.exists()


def test_the_entry_link_lands_on_this_months_calendar_of_ones_district(client, world, clock):
    response = as_user(client, world.users.a_enterprise).get(reverse("appeals:reception"))
    assert response["Location"] == calendar(world.a)
    assert as_user(client, world.users.a_unit).get(reverse("appeals:reception")).status_code == 403


def test_an_enterprise_books_and_cancels_a_turn_on_its_phone(client, world, march):
    day = march[1]
    form = as_user(client, world.users.a_enterprise).get(reverse("appeals:reception_day", args=[day.pk]))
    assert 'name="topic"' in body(form) and 'name="enterprise"' not in body(form)
    response = book(client, world.users.a_enterprise, day, slot="2")
    booking = Booking.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("appeals:booking", args=[booking.pk])
    assert (booking.enterprise, booking.slot, booking.status) == (world.a_ent, 2, Booking.Status.BOOKED)
    page = body(client.get(reverse("appeals:booking", args=[booking.pk])))
    assert "冷库用电增容" in page and "09:30" in page and 'id="cancel"' in page
    assert "冷库用电增容" in body(client.get(reverse("appeals:my_bookings")))
    assert "已预约第2场" in body(client.get(calendar(world.a)))

    response = client.post(reverse("appeals:booking", args=[booking.pk]), {"reason": "时间冲突"})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert 'id="cancel"' not in body(client.get(reverse("appeals:booking", args=[booking.pk])))


def test_a_full_day_and_a_past_day_are_refused_on_the_page(client, world, more, march, clock):
    day = march[1]
    ReceptionDay.objects.filter(pk=day.pk).update(slots=1)
    book(client, more.a_ent2_user, day)
    response = book(client, world.users.a_enterprise, day)
    assert response.status_code == 200 and "这一天的接待场次已约满" in body(response)
    assert "场次已约满,请选择其他接待日" in body(response)
    assert Booking.objects.count() == 1

    clock.move_to("2025-03-20 10:00 +0800")
    response = book(client, world.users.a_enterprise, day)
    assert "2025-03-19的接待日已过，不能预约" in body(response)
    own = Booking.objects.get()
    response = as_user(client, more.a_ent2_user).post(reverse("appeals:booking", args=[own.pk]), {})
    assert response.status_code == 200 and "接待日已过，不能取消" in body(response)
    own.refresh_from_db()
    assert own.status == Booking.Status.BOOKED


def test_district_staff_book_for_an_enterprise_of_the_district_only(client, world, more, march):
    day = march[1]
    page = body(as_user(client, world.users.a_data).get(reverse("appeals:reception_day", args=[day.pk])))
    assert more.a_ent2.name in page and world.b_ent.name not in page
    response = book(client, world.users.a_data, day, enterprise=str(world.b_ent.pk))
    assert response.status_code == 200 and not Booking.objects.exists()
    response = book(client, world.users.a_data, day, enterprise=str(more.a_ent2.pk))
    assert response.status_code == 302 and Booking.objects.get().enterprise == more.a_ent2
    assert as_user(client, world.users.a_unit).post(reverse("appeals:reception_day", args=[day.pk]),
                                                    {"topic": "x"}).status_code == 404


def test_enterprise_b_cannot_see_a_booking_of_a(client, world, more, march):
    book(client, world.users.a_enterprise, march[1])
    booking = Booking.objects.get()
    for url in (reverse("appeals:booking", args=[booking.pk]), reverse("appeals:booking_appeal", args=[booking.pk]),
                reverse("appeals:reception_day", args=[march[1].pk]), calendar(world.a)):
        assert as_user(client, more.b_enterprise).get(url).status_code == 404
    assert as_user(client, more.b_enterprise).post(reverse("appeals:booking", args=[booking.pk]), {}).status_code == 404
    # a sibling enterprise of A sees the turn taken but not who took it, nor the booking
    page = body(as_user(client, more.a_ent2_user).get(reverse("appeals:reception_day", args=[march[1].pk])))
    assert "已约" in page and world.a_ent.name not in page and "冷库用电增容" not in page
    assert client.get(reverse("appeals:booking", args=[booking.pk])).status_code == 404
    booking.refresh_from_db()
    assert booking.status == Booking.Status.BOOKED


def test_the_host_sees_his_bookings_and_a_booking_becomes_an_appeal_in_the_supervision_list(
        client, world, roster, march, clock):
    day = march[1]
    book(client, world.users.a_enterprise, day)
    booking = Booking.objects.get()
    page = body(as_user(client, roster).get(reverse("appeals:host_schedule")))
    assert "2025-03-19" in page and world.a_ent.name in page and "冷库用电增容" in page
    assert "2025-03-05" not in page  # the principal's day is not his
    assert as_user(client, world.users.a_enterprise).get(reverse("appeals:host_schedule")).status_code == 403
    assert as_user(client, world.users.a_enterprise).get(
        reverse("appeals:booking_appeal", args=[booking.pk])).status_code == 403

    clock.move_to("2025-03-19 10:00 +0800")
    url = reverse("appeals:booking_appeal", args=[booking.pk])
    c = as_user(client, roster)
    refused = c.post(url, {"category": "utilities", "urgency": "urgent", "title": "", "description": ""})
    assert refused.status_code == 200 and not Appeal.objects.exists()
    response = c.post(url, {"category": "utilities", "urgency": "urgent", "title": "冷库双回路供电",
                            "description": "二期冷库需双回路供电", "another": "1"})
    assert response.status_code == 302 and response["Location"] == url
    response = c.post(url, {"category": "labour", "urgency": "normal", "title": "招工难",
                            "description": "旺季缺少一线工人"})
    first, second = Appeal.objects.order_by("pk")
    assert response["Location"] == reverse("appeals:detail", args=[second.pk])
    assert {(a.channel, a.booking_id, a.recorded_by, a.state) for a in (first, second)} == {
        (Channel.RECEPTION, booking.pk, roster, State.REGISTERED)}

    supervision = body(as_user(client, world.users.a_data).get(reverse("appeals:supervision")))
    assert "冷库双回路供电" in supervision and "招工难" in supervision
    assert "冷库双回路供电" in body(client.get(reverse("appeals:booking", args=[booking.pk])))
    assert "冷库双回路供电" in body(as_user(client, roster).get(reverse("appeals:host_schedule")))
    mine = body(as_user(client, world.users.a_enterprise).get(reverse("appeals:mine")))
    assert "冷库双回路供电" in mine


def test_staff_record_an_appeal_for_an_enterprise_of_their_district_but_not_of_district_b(client, world, clock):
    url = reverse("appeals:record")
    c = as_user(client, world.users.a_data)
    page = body(c.get(url))
    assert world.a_ent.name in page and world.b_ent.name not in page and "电话受理" in page
    fields = {"channel": "phone", "category": "finance", "urgency": "normal", "title": "流动资金贷款",
              "description": "电话反映:续贷审批慢"}
    response = c.post(url, {**fields, "enterprise": world.b_ent.pk})
    assert response.status_code == 200 and not Appeal.objects.exists()
    response = c.post(url, {**fields, "enterprise": world.a_ent.pk})
    appeal = Appeal.objects.get()
    assert response["Location"] == reverse("appeals:detail", args=[appeal.pk])
    assert (appeal.enterprise, appeal.channel, appeal.recorded_by, appeal.state) == (
        world.a_ent, Channel.PHONE, world.users.a_data, State.REGISTERED)
    assert "流动资金贷款" in body(c.get(reverse("appeals:supervision")))
    for user in (world.users.a_enterprise, world.users.a_unit, world.users.a_discipline, world.users.city_admin):
        assert as_user(client, user).get(url).status_code == 403
    as_user(client, world.users.b_data).post(url, {**fields, "enterprise": world.a_ent.pk})
    assert Appeal.objects.count() == 1


def test_the_appeals_panel_links_to_the_supervision_list_and_statistics(client, world, file):
    from luoshi.appeals.panels import dashboard_panel

    file()
    panel = dashboard_panel(world.a, world.users.a_leader)
    urls = [f.url for f in panel.figures]
    supervision = reverse("appeals:supervision")
    statistics = reverse("appeals:statistics", args=[world.a.pk])
    assert urls == [f"{supervision}?district={world.a.pk}", f"{supervision}?overdue=1&district={world.a.pk}",
                    f"{statistics}?year=2025", f"{statistics}?year=2025"]
    for url in urls:
        assert as_user(client, world.users.a_leader).get(url).status_code == 200
    assert panel.items[0].url.startswith("/appeals/")
