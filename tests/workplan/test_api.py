"""The work plan's API with the pages' scoping and services: the district's tasks with their status in words,
one task, reports, notices, replies and 销号; refusals 422 with every reason, other districts 404."""
import json

from luoshi.workplan import services
from tests.workplan.conftest import pdf


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_the_district_list_gives_each_task_with_its_leads_deadline_and_status(client, wp):
    client.force_login(wp.world.users.a_leader)
    rows = client.get(f"/api/workplan/districts/{wp.world.a.pk}/tasks").json()
    assert [{k: r[k] for k in ("id", "title", "lead_leader", "lead_leader_id", "lead_unit", "deadline", "status")}
            for r in rows] == [
        {"id": wp.task.pk, "title": "力争2025年收储土地不低于1100亩", "lead_leader": "a_leader（惠济区）",
         "lead_leader_id": wp.world.users.a_leader.pk, "lead_unit": "古荥镇", "deadline": "2025-12-31",
         "status": "未启动"}]
    assert client.get(f"/api/workplan/districts/{wp.world.a.pk}/tasks", {"status": "overdue"}).json() == []


def test_another_district_and_enterprises_get_nothing(client, wp):
    client.force_login(wp.world.users.a_data)
    assert client.get(f"/api/workplan/districts/{wp.world.b.pk}/tasks").status_code == 404
    assert client.get(f"/api/workplan/tasks/{wp.b_task.pk}").status_code == 404
    assert post(client, f"/api/workplan/tasks/{wp.b_task.pk}/reports", {"text": "x"}).status_code == 404
    client.force_login(wp.world.users.a_enterprise)
    assert client.get(f"/api/workplan/tasks/{wp.task.pk}").status_code == 404
    client.logout()
    assert client.get(f"/api/workplan/tasks/{wp.task.pk}").status_code == 401


def test_report_notice_reply_and_closing_through_the_api(client, wp):
    base = f"/api/workplan/tasks/{wp.task.pk}"
    client.force_login(wp.world.users.a_unit)
    r = post(client, f"{base}/reports", {"text": "完成收储300亩", "percent": "27.5"})
    assert r.status_code == 200 and r.json()["percent"] == "27.5" and r.json()["period_end"] == "2025-03-31"
    refused = post(client, f"{base}/reports", {"text": "", "percent": "101"})
    assert refused.status_code == 422
    assert [e["message"] for e in refused.json()["errors"]][0] == "请填写进展情况"
    client.force_login(wp.a_sup)
    notice = post(client, f"{base}/notices", {"kind": "supervise", "text": "请说明进度", "reply_days": 2}).json()
    assert notice["kind_label"] == "督办单" and notice["reply_deadline"] == "2025-03-12"
    assert post(client, f"{base}/notices", {"kind": "urge", "text": "x"}).status_code == 200
    client.force_login(wp.world.users.a_unit)
    assert post(client, f"{base}/notices", {"kind": "urge", "text": "x"}).status_code == 422
    replied = post(client, f"/api/workplan/notices/{notice['id']}/replies",
                   {"text": "已部署", "expected_version": notice["version"]})
    assert replied.json()["state"] == "answered"
    stale = post(client, f"/api/workplan/notices/{notice['id']}/replies", {"text": "again", "expected_version": 1})
    assert stale.status_code == 409 and stale.json()["current"]["reply"] == "已部署"  # the reply given first
    services.submit_report(wp.world.users.a_unit, wp.task, text="附验收材料", files=[pdf()])
    applied = post(client, f"{base}/closing", {"action": "apply", "text": "已完成",
                                           "expected_version": client.get(base).json()["version"]}).json()
    assert applied["state"] == "applied" and applied["next_actions"] == ["approve", "return"]
    client.force_login(wp.a_sup)
    done = post(client, f"{base}/closing", {"action": "approve", "expected_version": applied["version"]}).json()
    assert done["status"] == "已完成" and [s["action"] for s in done["steps"]][-2:] == ["apply", "approve"]
    blind = post(client, f"{base}/closing", {"action": "approve"})
    assert blind.status_code == 422 and blind.json()["errors"][0]["field"] == "expected_version"


def test_the_task_list_and_detail_carry_the_measure_in_words(client, wp):
    own = wp.new_task(title="新增学位7000个", measure_kind="own", measure_wording="新增学位7000个")
    client.force_login(wp.world.users.a_leader)
    detail = client.get(f"/api/workplan/tasks/{own.pk}").json()["measure"]
    assert detail == {"kind": "own", "kind_label": "自定量化指标", "wording": "新增学位7000个", "value": "7000",
                      "unit": "个", "linked": None, "progress": ""}
    listed = {r["id"]: r["measure"] for r in client.get(f"/api/workplan/districts/{wp.world.a.pk}/tasks").json()}
    assert listed[own.pk] == detail
    assert (listed[wp.task.pk]["kind"], listed[wp.task.pk]["kind_label"]) == ("", "无量化指标")


def test_the_openapi_document_describes_the_tasks_measure(client, wp):
    client.force_login(wp.a_sup)
    doc = client.get("/api/openapi.json")
    assert doc.status_code == 200
    schemas = doc.json()["components"]["schemas"]
    assert schemas["WorkTaskDetailOut"]["properties"]["measure"]["$ref"].endswith("/WorkMeasureOut")
    measure = schemas["WorkMeasureOut"]["properties"]
    assert measure["progress"]["description"].startswith("指标进度") and "kind_label" in measure
