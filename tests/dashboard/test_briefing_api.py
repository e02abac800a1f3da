"""The briefing flow through the API, with the pages' rules: a draft, 下步工作, submit, approve (what was read),
issue, the frozen files; refusals 422 with the reason, moves the user may not make 403, another district's
briefing 404 like a missing one."""
import pytest
import time_machine

from luoshi.indicators.services import record_actual
from tests.api.conftest import post

NOW = "2025-10-20 10:00 +0800"


@pytest.fixture
def reported(world, indicator):
    with time_machine.travel(NOW):
        record_actual(world.users.a_data, organisation=world.a, indicator=indicator("gdp"), year=2025, month=9,
                      value="241.8", growth_pct="6")
    return world


def draft_of(client, w):
    client.force_login(w.users.a_data)
    response = post(client, f"/api/dashboard/districts/{w.a.pk}/briefings", {"year": 2025, "month": 9})
    assert response.status_code == 200, response.content
    return response.json()


@time_machine.travel(NOW)
def test_the_whole_flow_through_the_api_ends_in_the_frozen_files(client, reported, run_worker, commit):
    w = reported
    draft = draft_of(client, w)
    assert draft_of(client, w)["id"] == draft["id"], "asked twice: the same draft"
    assert draft["state_label"] == "草稿" and "前三季度地区生产总值完成241.8亿元" in draft["text"]
    url = f"/api/dashboard/briefings/{draft['id']}"
    refused = post(client, f"{url}/moves", {"action": "submit"})
    assert refused.status_code == 422 and refused.json()["errors"] == [{"field": "",
                                                                        "message": "提交审核前须填写下步工作"}]
    assert post(client, f"{url}/next-steps",
                {"text": "抓好四季度项目开工。"}).json()["next_steps"] == "抓好四季度项目开工。"
    assert post(client, f"{url}/moves", {"action": "submit"}).json()["state"] == "review"
    assert post(client, f"{url}/moves", {"action": "approve"}).status_code == 403, "staff do not approve"
    client.force_login(w.users.a_leader)
    read = client.get(url).json()
    approved = post(client, f"{url}/moves", {"action": "approve", "seen": read["digest"]}).json()
    assert approved["state_label"] == "已审核待印发" and approved["text"] == read["text"]
    with commit():
        issued = post(client, f"{url}/moves", {"action": "issue"}).json()
    assert (issued["state"], issued["number"]) == ("issued", 1)
    assert [f["words"] for f in issued["files"]] == ["生成中", "生成中"]
    run_worker()
    listed = client.get(f"/api/dashboard/districts/{w.a.pk}/briefings").json()
    assert [(i["number"], [f["state"] for f in i["files"]]) for i in listed] == [(1, ["stored", "stored"])]
    page = client.get(f"/dashboard/briefings/{draft['id']}/file.docx").content
    assert client.get(f"{url}/files/docx").content == page
    assert client.get(f"{url}/files/pdf").content.startswith(b"%PDF")
    assert [s["label"] for s in client.get(url).json()["steps"]] == ["提交审核", "审核通过", "印发"]


@time_machine.travel(NOW)
def test_approval_through_the_api_is_refused_when_the_text_changed_since_read(client, reported, indicator):
    w = reported
    url = f"/api/dashboard/briefings/{draft_of(client, w)['id']}"
    post(client, f"{url}/next-steps", {"text": "抓好开工。"})
    post(client, f"{url}/moves", {"action": "submit"})
    client.force_login(w.users.a_leader)
    digest = client.get(url).json()["digest"]
    record_actual(w.users.a_data, organisation=w.a, indicator=indicator("gdp"), year=2025, month=9, value="250",
                  growth_pct="7", reason="更正")
    response = post(client, f"{url}/moves", {"action": "approve", "seen": digest})
    assert response.status_code == 422 and "请重新审阅后再审核" in response.json()["errors"][0]["message"]


@time_machine.travel(NOW)
def test_files_of_a_briefing_not_yet_issued_are_refused_as_on_the_page(client, reported):
    url = f"/api/dashboard/briefings/{draft_of(client, reported)['id']}"
    client.force_login(reported.users.a_leader)
    for kind in ("docx", "pdf"):
        response = client.get(f"{url}/files/{kind}")
        assert response.status_code == 403 and "尚未印发" in response.json()["detail"]


@time_machine.travel(NOW)
def test_another_district_gets_404_for_every_briefing_call_even_by_guessed_id(client, reported):
    w = reported
    issue_id = draft_of(client, w)["id"]
    client.force_login(w.users.b_leader)
    url = f"/api/dashboard/briefings/{issue_id}"
    for response in (client.get(url), client.get(f"{url}/files/pdf"),
                     client.get(f"/api/dashboard/districts/{w.a.pk}/briefings"),
                     post(client, f"/api/dashboard/districts/{w.a.pk}/briefings", {"year": 2025, "month": 9}),
                     post(client, f"{url}/next-steps", {"text": "改写"}),
                     post(client, f"{url}/moves", {"action": "approve"}),
                     post(client, f"{url}/files/regenerate", {})):
        assert response.status_code == 404 and "241.8" not in response.content.decode()
    assert client.get(f"/api/dashboard/districts/{w.b.pk}/briefings").json() == []


@time_machine.travel(NOW)
def test_a_leader_may_read_but_not_draft_and_a_unit_sees_no_briefing(client, reported):
    w = reported
    issue_id = draft_of(client, w)["id"]
    client.force_login(w.users.a_leader)
    assert client.get(f"/api/dashboard/briefings/{issue_id}").status_code == 200
    response = post(client, f"/api/dashboard/districts/{w.a.pk}/briefings", {"year": 2025, "month": 8})
    assert response.status_code == 403 and "发改/统计人员" in response.json()["detail"]
    client.force_login(w.users.a_unit)
    assert client.get(f"/api/dashboard/briefings/{issue_id}").status_code == 404
