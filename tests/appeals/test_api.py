"""The appeal loop through the JSON API: the same scoping and services as the pages. Another enterprise's
or unit's appeal is 404, a visible appeal the user plays no part in 403, a move the loop refuses 422 with
its reasons, a stale version 409."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from luoshi.appeals import services
from luoshi.appeals.models import Appeal, Rating, State
from luoshi.notifications.models import Notification
from tests.api.conftest import post

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def as_user(client, user):
    client.force_login(user)
    return client


def move(client, appeal_id, action, **fields):
    """A move as a client makes it: from the version it read (an explicit `expected_version` wins)."""
    version = Appeal.objects.filter(pk=appeal_id).values_list("version", flat=True).first() or 1
    return post(client, f"/api/appeals/{appeal_id}/moves", {"action": action, "expected_version": version, **fields})


def reasons(response) -> list[str]:
    assert response.status_code == 422, response.content
    return [e["message"] for e in response.json()["errors"]]


def test_the_loop_through_the_api_file_assign_accept_solve_and_unsatisfied_reopens(client, world, clock):
    ent, data, unit = world.users.a_enterprise, world.users.a_data, world.users.a_unit
    created = post(as_user(client, ent), "/api/appeals", {
        "category": "approval", "urgency": "urgent", "title": "二期厂房施工许可", "description": "施工许可办理进度慢"})
    assert created.status_code == 201, created.content
    appeal = created.json()
    assert (appeal["state"], appeal["channel"], appeal["enterprise_id"], appeal["next_actions"]) == (
        "registered", "online", world.a_ent.pk, [])
    pk = appeal["id"]

    assigned = move(as_user(client, data), pk, "assign", unit_id=world.a_unit.pk, expected_version=appeal["version"])
    assert assigned.status_code == 200, assigned.content
    assert (assigned.json()["state"], assigned.json()["assigned_unit"]) == ("assigned", "古荥镇")
    assert assigned.json()["deadline"] is not None and assigned.json()["overdue"] is False

    as_user(client, unit)
    assert [a["id"] for a in client.get("/api/appeals").json()["items"]] == [pk]
    assert move(client, pk, "accept").json()["state"] == "analysing"
    solved = move(client, pk, "solve", text="已协调住建部门限时办理", actions_taken="召开协调会,施工许可已核发")
    assert solved.json()["state"] == "solved"

    as_user(client, ent)
    assert client.get(f"/api/appeals/{pk}").json()["next_actions"] == ["confirm", "reopen"]
    rated = move(client, pk, "rate", rating=Rating.UNSATISFIED, text="问题没有实际解决")
    assert rated.status_code == 200, rated.content
    after = rated.json()
    assert (after["state"], after["rating"], after["reopen_count"]) == ("assigned", "unsatisfied", 1)

    detail = client.get(f"/api/appeals/{pk}").json()
    assert [s["action"] for s in detail["steps"]] == ["register", "assign", "accept", "solve", "reopen"]
    last = detail["steps"][-1]
    assert last["action_label"] == "反馈回访(不满意重办)" and last["rating"] == "unsatisfied"
    assert [a["id"] for a in as_user(client, unit).get("/api/appeals").json()["items"]] == [pk]  # back in the inbox
    assert Notification.objects.filter(user=unit, text__contains="不满意").exists()


def test_a_refused_move_answers_422_with_every_reason_and_changes_nothing(client, world, appeal_in):
    appeal = appeal_in(State.ANALYSING)
    as_user(client, world.users.a_unit)
    assert reasons(move(client, appeal.pk, "solve", text="")) == ["“解决答复”须填写说明", "请填写办理情况(做了什么)"]
    assert reasons(move(client, appeal.pk, "accept")) == ["当前状态为“研判”，不能“受理研判”（可进行：解决答复）"]
    assert reasons(move(client, appeal.pk, "fly")) == ["未知操作“fly”"]
    assert Appeal.objects.get(pk=appeal.pk).state == State.ANALYSING


def test_a_stale_version_answers_409_with_the_newer_record(client, world, appeal_in):
    appeal = appeal_in(State.ASSIGNED)
    response = move(as_user(client, world.users.a_unit), appeal.pk, "accept", expected_version=appeal.version - 1)
    assert response.status_code == 409 and response.json()["current"]["version"] == appeal.version
    assert Appeal.objects.get(pk=appeal.pk).state == State.ASSIGNED


def test_rating_needs_a_known_rating(client, world, appeal_in):
    appeal = appeal_in(State.SOLVED)
    assert reasons(move(as_user(client, world.users.a_enterprise), appeal.pk, "rate", rating="great")) == [
        "请选择满意度(满意、基本满意或不满意)"]


def test_satisfied_rating_closes_the_appeal(client, world, appeal_in):
    appeal = appeal_in(State.SOLVED)
    response = move(as_user(client, world.users.a_enterprise), appeal.pk, "rate", rating=Rating.SATISFIED)
    assert response.json()["state"] == "closed"


@pytest.mark.parametrize("username", ["a_enterprise", "a_discipline", "city_admin", "a_unit"])
def test_a_visible_appeal_the_user_may_not_assign_is_403(client, world, appeal_in, username):
    appeal = appeal_in(State.REGISTERED)
    if username == "a_unit":  # a unit sees only what was given to it: the registered appeal is not visible
        expected = 404
    else:
        expected = 403
    response = move(as_user(client, getattr(world.users, username)), appeal.pk, "assign", unit_id=world.a_unit.pk)
    assert response.status_code == expected
    assert Appeal.objects.get(pk=appeal.pk).state == State.REGISTERED


def test_only_the_enterprise_or_the_district_rates_and_only_the_unit_solves(client, world, appeal_in):
    appeal = appeal_in(State.ANALYSING)
    response = move(as_user(client, world.users.a_data), appeal.pk, "solve", text="答复", actions_taken="办理")
    assert response.status_code == 403 and response.json()["detail"] == "只有承办单位古荥镇的工作人员可以“解决答复”"
    response = move(as_user(client, world.users.a_enterprise), appeal.pk, "accept")
    assert response.status_code == 403


def test_enterprise_b_and_another_enterprise_of_a_get_404_on_the_appeal(client, world, more, appeal_in):
    appeal = appeal_in(State.SOLVED)
    for user in (more.b_enterprise, more.a_ent2_user, more.b_unit_staff):
        as_user(client, user)
        assert client.get(f"/api/appeals/{appeal.pk}").status_code == 404
        assert move(client, appeal.pk, "rate", rating=Rating.SATISFIED).status_code == 404
        assert post(client, f"/api/appeals/{appeal.pk}/urge", {"text": "请加快"}).status_code == 404
        assert client.get("/api/appeals").json()["items"] == []
    assert Appeal.objects.get(pk=appeal.pk).state == State.SOLVED


def test_an_enterprise_cannot_file_for_another_enterprise(client, world, more, clock):
    as_user(client, world.users.a_enterprise)
    body = {"category": "land", "title": "用地", "description": "用地指标"}
    assert post(client, "/api/appeals", {**body, "enterprise_id": more.a_ent2.pk}).status_code == 404
    assert post(client, "/api/appeals", {**body, "enterprise_id": world.b_ent.pk}).status_code == 404
    assert post(as_user(client, world.users.a_unit), "/api/appeals", {**body, "enterprise_id": world.a_ent.pk}
                ).status_code == 403
    assert not Appeal.objects.exists()


def test_district_staff_record_an_appeal_from_a_visit_and_filing_refusals_list_every_reason(client, world, clock):
    as_user(client, world.users.a_data)
    response = post(client, "/api/appeals", {"enterprise_id": world.a_ent.pk, "category": "finance",
                                             "title": "流动资金贷款", "description": "贷款审批慢"})
    assert response.status_code == 201 and response.json()["channel"] == "visit"
    assert reasons(post(client, "/api/appeals", {"category": "finance", "title": "", "description": "x"})) == [
        "请选择企业"]
    assert reasons(post(client, "/api/appeals", {"enterprise_id": world.a_ent.pk, "category": "?", "title": " ",
                                                 "description": ""})) == [
        "请选择诉求类别", "请填写诉求标题", "请填写诉求内容"]


def test_a_unit_sees_only_the_appeals_given_to_it(client, world, more, appeal_in):
    ours = appeal_in(State.ASSIGNED)
    theirs = appeal_in(State.REGISTERED, title="用电增容")
    services.transition(world.users.a_data, theirs, services.ASSIGN, unit=more.a_unit2)
    as_user(client, world.users.a_unit)
    assert [a["id"] for a in client.get("/api/appeals").json()["items"]] == [ours.pk]
    assert client.get(f"/api/appeals/{theirs.pk}").status_code == 404
    as_user(client, more.a_unit2_staff)
    assert [a["id"] for a in client.get("/api/appeals").json()["items"]] == [theirs.pk]
    assert client.get(f"/api/appeals/{ours.pk}").status_code == 404


def test_enterprise_lists_its_own_and_the_district_supervises_with_the_overdue_filter(client, world, appeal_in, clock):
    late = appeal_in(State.ASSIGNED)
    fresh = appeal_in(State.REGISTERED, title="用电增容")
    closed = appeal_in(State.CLOSED, title="招工")
    assert [a["id"] for a in as_user(client, world.users.a_enterprise).get("/api/appeals").json()["items"]] == [
        closed.pk, fresh.pk, late.pk]
    clock.move_to("2025-06-30 10:00 +0800")
    as_user(client, world.users.a_leader)
    listed = client.get("/api/appeals").json()
    assert [a["id"] for a in listed["items"]] == [late.pk, fresh.pk] and listed["count"] == 2
    assert listed["items"][0]["overdue"] is True and listed["items"][0]["days_left"] < 0
    assert [a["id"] for a in client.get("/api/appeals", {"overdue": "true"}).json()["items"]] == [late.pk]
    assert client.get("/api/appeals", {"district": world.b.pk}).status_code == 404


def test_urging_is_for_district_staff_on_an_open_appeal(client, world, appeal_in):
    appeal = appeal_in(State.ASSIGNED)
    response = post(as_user(client, world.users.a_data), f"/api/appeals/{appeal.pk}/urge", {"text": "请本周内答复"})
    assert response.status_code == 201 and response.json()["action"] == "urge"
    assert Notification.objects.filter(user=world.users.a_unit, text__contains="请本周内答复").exists()
    assert post(as_user(client, world.users.a_unit), f"/api/appeals/{appeal.pk}/urge",
                {"text": "x"}).status_code == 403
    assert reasons(post(as_user(client, world.users.a_data), f"/api/appeals/{appeal.pk}/urge", {"text": ""})) == [
        "“督办”须填写说明"]


def test_attachments_come_with_their_metadata_and_the_page_address(client, world, file):
    appeal = file(attachments=[SimpleUploadedFile("申请.pdf", PDF)])
    found = as_user(client, world.users.a_enterprise).get(f"/api/appeals/{appeal.pk}").json()["attachments"]
    attachment = appeal.attachments.get()
    assert found == [{"id": attachment.pk, "original_name": "申请.pdf", "content_type": "application/pdf",
                      "size": len(PDF), "uploaded_at": found[0]["uploaded_at"],
                      "url": reverse("appeals:attachment", args=[attachment.pk])}]
    assert client.get(found[0]["url"]).status_code == 200


def test_statistics_per_unit_of_a_district_for_a_period(client, world, appeal_in):
    appeal_in(State.CLOSED)
    appeal_in(State.REGISTERED, title="用电增容")
    as_user(client, world.users.a_data)
    response = client.get(f"/api/appeals/districts/{world.a.pk}/statistics",
                          {"date_from": "2025-03-01", "date_to": "2025-03-31"})
    assert response.status_code == 200, response.content
    rows = response.json()["units"]
    assert [(r["label"], r["received"], r["solved"], r["on_time_rate"], r["satisfaction_rate"]) for r in rows] == [
        ("古荥镇", 1, 1, "100", "100"), ("未交办", 1, 0, None, None), ("惠济区合计", 2, 1, "100", "100")]
    empty = client.get(f"/api/appeals/districts/{world.a.pk}/statistics",
                       {"date_from": "2025-02-01", "date_to": "2025-01-01"}).json()
    assert (empty["date_from"], empty["date_to"], empty["units"][-1]["received"]) == ("2025-01-01", "2025-02-01", 0)
    refused = client.get(f"/api/appeals/districts/{world.a.pk}/statistics", {"date_from": "1900-01-01"})
    assert reasons(refused) == ["日期须在2000-01-01至2100-12-31之间（收到“1900-01-01”）"]
    assert refused.json()["errors"][0]["field"] == "date_from"
    assert client.get(f"/api/appeals/districts/{world.b.pk}/statistics").status_code == 404
    assert as_user(client, world.users.a_unit).get(f"/api/appeals/districts/{world.a.pk}/statistics").status_code == 404


def test_my_notifications_are_listed_and_marked_read(client, world, appeal_in):
    appeal_in(State.ASSIGNED)
    as_user(client, world.users.a_enterprise)
    notes = client.get("/api/appeals/notifications").json()
    assert notes["count"] >= 1 and all(n["unread"] for n in notes["items"])
    assert "已交古荥镇办理" in notes["items"][0]["text"]
    first = notes["items"][0]["id"]
    others = Notification.objects.exclude(user=world.users.a_enterprise).values_list("pk", flat=True)
    response = post(client, "/api/appeals/notifications/read", {"ids": [first, *others]})
    assert response.json() == {"marked": 1}
    assert Notification.objects.filter(read_at__isnull=False).count() == 1
    assert client.get("/api/appeals/notifications", {"unread": "true"}).json()["count"] == notes["count"] - 1
    assert post(client, "/api/appeals/notifications/read", {}).json() == {"marked": notes["count"] - 1}


def test_the_api_counts_the_days_left_in_working_days_as_the_page_does_across_national_day(client, world, appeal_in,
                                                                                         clock):
    """A deadline of Friday 2025-10-10 seen on Friday 09-26 is 5 working days away (Sunday 09-28 is a
    make-up day, 10-01 to 10-08 are 国庆), not 14 calendar days; seen on Tuesday 10-14 it is 3 working days
    past (Saturday 10-11 is a make-up day). The list, the appeal and the page say the same number."""
    from datetime import date

    appeal = appeal_in(State.ASSIGNED)
    Appeal.objects.filter(pk=appeal.pk).update(deadline=date(2025, 10, 10))
    for now, left, words in (("2025-09-26 10:00 +0800", 5, "还剩5个工作日"),
                             ("2025-10-14 10:00 +0800", -3, "已超期3个工作日")):
        clock.move_to(now)
        as_user(client, world.users.a_unit)  # a session of months before has expired
        listed = client.get("/api/appeals").json()["items"][0]
        one = client.get(f"/api/appeals/{appeal.pk}").json()
        page = client.get(reverse("appeals:detail", args=[appeal.pk])).content.decode()
        assert listed["working_days_left"] == one["working_days_left"] == left, now
        assert words in page
    assert one["days_left"] == -4  # the calendar days, kept for old clients and documented as such
