"""企业宁静日 through the JSON API: the quiet-day rule, the discipline commission's approvals (403 for anyone
else), enterprises' reports and the monthly report, scoped exactly as the pages."""
import json
from datetime import date

import pytest

from luoshi.inspections import services
from luoshi.inspections.models import PlannedVisit, UnannouncedVisitReport, VisitCategory, VisitState
from tests.api.conftest import post
from tests.inspections.conftest import IN_WINDOW, OUTSIDE


def as_user(client, user):
    client.force_login(user)
    return client


def visit_body(world, **fields):
    return {"enterprise_ids": [world.a_ent.pk], "date": IN_WINDOW.isoformat(), "visit_type": "survey",
            "category": "other", "legal_basis": "《统计法》第七条", "purpose": "一季度统计调研", **fields}


def move(client, visit_id, action, **fields):
    """A move as a client makes it: from the version it read (an explicit `expected_version` wins)."""
    version = PlannedVisit.objects.filter(pk=visit_id).values_list("version", flat=True).first() or 1
    return post(client, f"/api/inspections/visits/{visit_id}/moves", {"action": action, "expected_version": version,
                                                                      **fields})


def reasons(response) -> list[str]:
    assert response.status_code == 422, response.content
    return [e["message"] for e in response.json()["errors"]]


def test_quiet_day_approval_rule_through_the_api(client, world, clock):
    as_user(client, world.users.a_unit)
    filed = post(client, "/api/inspections/visits", visit_body(world))
    assert filed.status_code == 201, filed.content
    visit = filed.json()
    assert (visit["state"], visit["in_window"], visit["exempt"], visit["may_take_place"]) == (
        "pending", True, False, False)
    assert visit["verdict"] == "宁静日期间，非豁免事项须事先报区纪检监察工委审批"
    assert [s["action"] for s in visit["steps"]] == ["file", "submit"]

    clock.move_to(f"{IN_WINDOW.isoformat()} 16:00 +0800")
    assert reasons(move(client, visit["id"], "done", text="已完成")) == [
        "当前状态为“待审批”，不能“标记完成”（可进行：批准、驳回、取消）", "宁静日期间，非豁免事项须事先报区纪检监察工"
                                             "委审批"]
    clock.move_to("2025-03-05 10:00 +0800")

    as_user(client, world.users.a_discipline)
    assert [v["id"] for v in client.get("/api/inspections/pending").json()["items"]] == [visit["id"]]
    approved = move(client, visit["id"], "approve", text="同意,注意减少对企业生产的影响",
                    expected_version=visit["version"])
    assert approved.status_code == 200, approved.content
    assert (approved.json()["state"], approved.json()["approval"], approved.json()["may_take_place"]) == (
        "approved", "approved", True)
    assert client.get("/api/inspections/pending").json()["items"] == []

    clock.move_to(f"{IN_WINDOW.isoformat()} 16:00 +0800")
    done = move(as_user(client, world.users.a_unit), visit["id"], "done", text="调研完成")
    assert done.json()["state"] == "done" and done.json()["outcome"] == "调研完成"


def test_an_exempt_or_outside_visit_needs_no_approval(client, world, clock):
    as_user(client, world.users.a_unit)
    exempt = post(client, "/api/inspections/visits", visit_body(world, category=VisitCategory.WORK_SAFETY)).json()
    outside = post(client, "/api/inspections/visits", visit_body(world, date=OUTSIDE.isoformat())).json()
    assert (exempt["state"], outside["state"]) == ("filed", "filed")
    assert exempt["next_actions"] == ["cancel"]  # the date has not come yet
    assert reasons(move(client, exempt["id"], "submit")) == [
        "该走访无需审批：属于宁静日豁免情形（安全生产），可以实施，报备留档"]


def test_filing_refusals_list_every_reason(client, world, more, clock):
    as_user(client, world.users.a_unit)
    assert reasons(post(client, "/api/inspections/visits", visit_body(world, date="2025-03-01"))) == [
        "宁静日期间的非豁免走访须在走访日期前报批，2025-03-01已过，不能补报"]
    assert reasons(post(client, "/api/inspections/visits", visit_body(world, visit_type="x", legal_basis=" "))) == [
        "请选择活动类型", "请填写依据(法律法规、文件或上级部署)"]
    assert reasons(post(client, "/api/inspections/visits", visit_body(world, enterprise_ids=[world.b_ent.pk]))) == [
        "所选企业不存在，或不在本区"]
    assert post(client, "/api/inspections/visits", visit_body(world, department_id=more.dept2.pk)).status_code == 404
    assert post(as_user(client, world.users.a_data), "/api/inspections/visits",
                visit_body(world, department_id=world.a_unit.pk)).status_code == 403
    assert post(as_user(client, world.users.a_enterprise), "/api/inspections/visits", visit_body(world)
                ).status_code == 403
    assert not PlannedVisit.objects.exists()


@pytest.mark.parametrize("username", ["a_unit", "a_data", "a_leader", "city_admin"])
def test_approving_and_refusing_are_for_the_discipline_commission_only(client, world, plan, username):
    visit = plan()
    as_user(client, getattr(world.users, username))
    for action in ("approve", "refuse"):
        response = move(client, visit.pk, action, text="同意")
        assert response.status_code == 403 and response.json()["detail"] == "只有惠济区纪检监察工委可以审批"
    assert client.get("/api/inspections/pending").status_code == 403
    assert PlannedVisit.objects.get(pk=visit.pk).state == VisitState.PENDING


def test_the_commission_refuses_with_its_reason_and_another_district_s_commission_sees_nothing(
        client, world, more, plan):
    visit = plan()
    as_user(client, more.b_discipline)
    assert move(client, visit.pk, "approve").status_code == 404
    assert client.get(f"/api/inspections/visits/{visit.pk}").status_code == 404
    assert client.get("/api/inspections/pending").json()["items"] == []
    as_user(client, world.users.a_discipline)
    assert reasons(move(client, visit.pk, "refuse")) == ["“驳回”须填写说明"]
    refused = move(client, visit.pk, "refuse", text="可改在宁静日以外进行")
    assert (refused.json()["state"], refused.json()["decision_text"]) == ("refused", "可改在宁静日以外进行")
    assert move(client, visit.pk, "cancel", text="x").status_code == 403  # the department's move


def test_department_actions_are_403_for_the_commission_and_other_departments_see_nothing(client, world, more, plan):
    visit = plan(on=OUTSIDE)
    assert move(as_user(client, world.users.a_discipline), visit.pk, "cancel", text="取消").status_code == 403
    as_user(client, more.dept2_staff)
    assert client.get(f"/api/inspections/visits/{visit.pk}").status_code == 404
    assert move(client, visit.pk, "cancel", text="取消").status_code == 404
    assert client.get("/api/inspections/visits").json()["items"] == []
    cancelled = move(as_user(client, world.users.a_unit), visit.pk, "cancel", text="改期")
    assert cancelled.json()["state"] == "cancelled"


def test_enterprises_see_only_announced_visits_and_only_themselves_in_them(client, world, more, plan):
    pending = plan()
    announced = plan(VisitCategory.ENVIRONMENT, enterprises=[world.a_ent, more.a_ent2])
    as_user(client, world.users.a_enterprise)
    listed = client.get("/api/inspections/visits").json()["items"]
    assert [v["id"] for v in listed] == [announced.pk]
    assert listed[0]["enterprises"] == [{"id": world.a_ent.pk, "name": world.a_ent.name}]
    assert client.get(f"/api/inspections/visits/{pending.pk}").status_code == 404
    assert move(client, announced.pk, "cancel", text="x").status_code == 403


def test_visit_list_filters(client, world, plan):
    in_window, outside = plan(), plan(on=OUTSIDE)
    services.transition(world.users.a_unit, outside, services.CANCEL, text="改期")
    as_user(client, world.users.a_leader)
    ids = lambda **q: [v["id"] for v in client.get("/api/inspections/visits", q).json()["items"]]  # noqa: E731
    assert ids() == [outside.pk, in_window.pk]
    assert ids(year=2025, month=3, state="pending") == [in_window.pk]
    assert ids(state="cancelled") == [outside.pk]
    assert ids(year=2024) == []
    assert client.get("/api/inspections/visits", {"month": 13}).status_code == 422


def test_an_enterprise_reports_an_unannounced_visit_and_the_commission_records_the_finding(client, world, more, clock):
    as_user(client, world.users.a_enterprise)
    body = {"visit_date": "2025-03-03", "department_id": world.a_unit.pk, "description": "未通知到企业检查消防"}
    created = post(client, "/api/inspections/reports", body)
    assert created.status_code == 201, created.content
    report = created.json()
    assert (report["state"], report["department"], report["enterprise_id"]) == ("submitted", "古荥镇", world.a_ent.pk)
    assert reasons(post(client, "/api/inspections/reports", {**body, "visit_date": "2025-03-04"})) == [
        "检查日期不能晚于今天"]
    assert reasons(post(client, "/api/inspections/reports", {**body, "department_id": world.b_unit.pk})) == [
        "涉及部门不存在，或不是本区部门"]
    assert [r["id"] for r in client.get("/api/inspections/reports").json()["items"]] == [report["id"]]
    finding = {"result": "confirmed", "finding": "经核查属实,已责令整改"}
    assert post(client, f"/api/inspections/reports/{report['id']}/finding", finding).status_code == 403

    for user in (world.users.a_unit, world.users.a_data):  # the reported department never reads the report
        as_user(client, user)
        assert post(client, "/api/inspections/reports", body).status_code == 403
        assert client.get("/api/inspections/reports").status_code == 403
        assert post(client, f"/api/inspections/reports/{report['id']}/finding", finding).status_code == 404
    assert post(as_user(client, more.b_discipline), f"/api/inspections/reports/{report['id']}/finding",
                finding).status_code == 404

    as_user(client, world.users.a_discipline)
    assert [r["id"] for r in client.get("/api/inspections/reports", {"state": "submitted"}).json()["items"]] == [
        report["id"]]
    handled = post(client, f"/api/inspections/reports/{report['id']}/finding", finding)
    assert handled.status_code == 200 and handled.json()["finding_result"] == "confirmed"
    assert reasons(post(client, f"/api/inspections/reports/{report['id']}/finding", finding)) == ["该举报已核查"]
    assert UnannouncedVisitReport.objects.get().state == UnannouncedVisitReport.State.HANDLED


def test_monthly_report_of_a_district(client, world, plan, clock):
    plan()
    plan(VisitCategory.WORK_SAFETY)
    plan(on=OUTSIDE)
    services.report_unannounced(world.users.a_enterprise, visit_date=date(2025, 3, 3), description="未通知检查",
                                department=world.a_unit)
    url = f"/api/inspections/districts/{world.a.pk}/monthly-report"
    as_user(client, world.users.a_discipline)
    result = client.get(url, {"year": 2025, "month": 3}).json()
    assert (result["window_first_day"], result["window_last_day"]) == (1, 25)
    assert [(r["label"], r["visits"], r["in_window"], r["outside_window"], r["exempt"], r["pending"], r["reports"])
            for r in result["rows"]] == [("古荥镇", 3, 2, 1, 1, 1, 1)]
    assert result["total"]["visits"] == 3 and len(result["reports"]) == 1
    assert client.get(url).json()["month"] == 3  # this month by default
    leader = as_user(client, world.users.a_leader).get(url).json()
    assert leader["total"]["reports"] == 0 and leader["reports"] == []  # reports are the commission's
    assert client.get(f"/api/inspections/districts/{world.b.pk}/monthly-report").status_code == 404
    assert as_user(client, world.users.a_unit).get(url).status_code == 404


def test_an_enterprise_reads_neither_the_steps_nor_the_officials_of_a_visit_announced_on_it(client, world, plan):
    """As on its page: the visit, the decision and the outcome, not who filed or approved it nor when."""
    visit = plan()
    services.transition(world.users.a_discipline, visit, services.APPROVE, text="同意")
    official = as_user(client, world.users.a_data).get(f"/api/inspections/visits/{visit.pk}").json()
    assert [s["actor"] for s in official["steps"]] == ["a_unit（惠济区古荥镇）", "a_unit（惠济区古荥镇）",
                                                       "a_discipline（惠济区）"]
    assert [s["actor_id"] for s in official["steps"]] == [world.users.a_unit.pk] * 2 + [world.users.a_discipline.pk]
    mine = as_user(client, world.users.a_enterprise).get(f"/api/inspections/visits/{visit.pk}").json()
    assert mine["steps"] == [] and mine["created_at"] is None and mine["decision_text"] == "同意"
    listed = client.get("/api/inspections/visits").json()["items"]
    assert [v["created_at"] for v in listed] == [None]
    assert "a_unit" not in json.dumps(mine) and "a_discipline" not in json.dumps(mine)
