"""One task added by hand and corrected: the plan page's form and the API through the one service; refusals
naming their field; another district's plan, units and leaders unreachable by guessed ids; an edit made from
a stale version refused with the newer record; the history on the task page in words."""
import json
from datetime import date

from django.urls import reverse

from luoshi.organisations.selectors import person_label
from luoshi.workplan import services
from luoshi.workplan.models import TaskCategory, WorkTask


def body(response):
    return response.content.decode()


def send(client, method, url, data):
    return getattr(client, method)(url, json.dumps(data), content_type="application/json")


def form_data(wp, **kw):
    services.ensure_categories()
    return {"section": wp.section.pk, "title": "郑新热电厂片区3月底前实质性开工",
            "lead_leader": wp.world.users.a_leader.pk,
            "lead_unit": wp.world.a_unit.pk, "cooperating_units": [wp.a_unit2.pk], "deadline": "2025-09-30",
            "category": TaskCategory.objects.get(name="民生实事").pk, "cadence": "quarterly",
            "measure_kind": "own", "measure_wording": "不低于1100亩", **kw}


def test_the_plan_page_offers_the_form_to_its_supervision_office_only(client, wp):
    plan_url = reverse("workplan:plan", args=[wp.plan.pk])
    client.force_login(wp.a_sup)
    assert reverse("workplan:new_task", args=[wp.plan.pk]) in body(client.get(plan_url))
    page = body(client.get(reverse("workplan:new_task", args=[wp.plan.pk])))
    assert "a_leader" in page and "花园口镇" in page and "b_leader" not in page and "中原区" not in page
    client.force_login(wp.world.users.a_leader)
    assert reverse("workplan:new_task", args=[wp.plan.pk]) not in body(client.get(plan_url))
    assert client.get(reverse("workplan:new_task", args=[wp.plan.pk])).status_code == 403


def test_a_task_added_by_the_form_has_every_fact_given(client, wp):
    client.force_login(wp.a_sup)
    response = client.post(reverse("workplan:new_task", args=[wp.plan.pk]), form_data(wp))
    task = WorkTask.objects.get(title="郑新热电厂片区3月底前实质性开工")
    assert response.status_code == 302 and response["Location"] == reverse("workplan:task", args=[task.pk])
    assert (task.section, task.lead_leader, task.lead_unit, task.deadline, task.cadence, task.category.name) == (
        wp.section, wp.world.users.a_leader, wp.world.a_unit, date(2025, 9, 30), "quarterly", "民生实事")
    assert list(task.cooperating_units.all()) == [wp.a_unit2]
    assert (task.measure_value, task.measure_unit) == (1100, "亩") and task.version == 1
    assert task.steps.get().action == services.CREATE


def test_refusals_name_their_field_and_keep_nothing(client, wp):
    client.force_login(wp.a_sup)
    before = WorkTask.objects.count()
    response = client.post(reverse("workplan:new_task", args=[wp.plan.pk]), form_data(
        wp, title="任务", deadline="2027-03-31", cooperating_units=[wp.world.a_unit.pk], measure_wording="争取"))
    page = body(response)
    assert response.status_code == 400 and WorkTask.objects.count() == before
    assert "完成时限：完成时限2027-03-31不在2025年度内" in page
    assert "配合单位：配合单位“古荥镇”已是牵头单位" in page
    assert "目标表述：目标表述：" in page
    missing = body(client.post(reverse("workplan:new_task", args=[wp.plan.pk]), form_data(wp, title="", deadline="")))
    assert "工作任务：这个字段是必填项。" in missing and "完成时限：这个字段是必填项。" in missing


def test_the_api_adds_a_task_through_the_same_service(client, wp):
    client.force_login(wp.a_sup)
    data = {**form_data(wp), "deadline": "2025-09-30"}
    response = send(client, "post", f"/api/workplan/plans/{wp.plan.pk}/tasks", data)
    assert response.status_code == 200, response.content
    out = response.json()
    assert (out["title"], out["lead_unit"], out["lead_leader"], out["cooperating_units"], out["deadline"],
            out["version"]) == ("郑新热电厂片区3月底前实质性开工", "古荥镇", person_label(wp.world.users.a_leader),
                                ["花园口镇"],
                             "2025-09-30", 1)
    refused = send(client, "post", f"/api/workplan/plans/{wp.plan.pk}/tasks", {**data, "deadline": "2027-01-01",
                                                                               "cadence": "daily"})
    assert refused.status_code == 422
    assert {(e["field"], e["message"]) for e in refused.json()["errors"]} == {
        ("deadline", "完成时限2027-01-01不在2025年度内"), ("cadence", "未知的报送频次“daily”")}


def test_another_districts_plan_units_and_leaders_are_refused_by_guessed_ids(client, wp):
    client.force_login(wp.a_sup)
    count = WorkTask.objects.count()
    assert client.get(reverse("workplan:new_task", args=[wp.b_plan.pk])).status_code == 404
    assert client.post(reverse("workplan:new_task", args=[wp.b_plan.pk]), form_data(wp)).status_code == 404
    assert send(client, "post", f"/api/workplan/plans/{wp.b_plan.pk}/tasks", form_data(wp)).status_code == 404
    guessed = send(client, "post", f"/api/workplan/plans/{wp.plan.pk}/tasks", form_data(
        wp, lead_unit=wp.world.b_unit.pk, lead_leader=wp.world.users.b_leader.pk,
        cooperating_units=[wp.world.b_unit.pk]))
    assert guessed.status_code == 422
    errors = {e["field"]: e["message"] for e in guessed.json()["errors"]}
    assert errors == {"lead_unit": "牵头单位须是惠济区的单位", "lead_leader": "牵头领导须是惠济区的区领导",
                      "cooperating_units": "配合单位须是惠济区的单位"}
    assert wp.world.b_unit.name not in guessed.content.decode()  # the other district's unit is not named
    page = client.post(reverse("workplan:new_task", args=[wp.plan.pk]), form_data(wp, lead_unit=wp.world.b_unit.pk))
    assert page.status_code == 400
    # the other district's 督查室 may not add to or correct this district's tasks
    client.force_login(wp.b_sup)
    assert send(client, "post", f"/api/workplan/plans/{wp.plan.pk}/tasks", form_data(wp)).status_code == 404
    assert send(client, "put", f"/api/workplan/tasks/{wp.task.pk}", {"version": 1, "reason": "x"}).status_code == 404
    assert client.get(reverse("workplan:edit_task", args=[wp.task.pk])).status_code == 404
    # a unit sees the task but may not correct it
    client.force_login(wp.world.users.a_unit)
    assert send(client, "put", f"/api/workplan/tasks/{wp.task.pk}", {"version": 1, "reason": "x"}).status_code == 403
    assert send(client, "post", f"/api/workplan/plans/{wp.plan.pk}/tasks", form_data(wp)).status_code == 403
    assert WorkTask.objects.count() == count


def edit_data(wp, task, **kw):
    values = services.task_values(task)
    data = {k: v for k, v in values.items() if v is not None and k not in ("problem", "standard")}
    data.update({"start": str(task.start), "deadline": str(task.deadline), "version": task.version,
                 "reason": "市里调整了时限", **kw})
    return data


def test_an_edit_needs_a_reason_and_a_stale_version_is_refused_with_the_newer_record(client, wp):
    client.force_login(wp.a_sup)
    url = reverse("workplan:edit_task", args=[wp.task.pk])
    no_reason = client.post(url, edit_data(wp, wp.task, reason="", deadline="2025-10-31"))
    assert no_reason.status_code == 400 and "修改原因：这个字段是必填项。" in body(no_reason)
    stale = edit_data(wp, wp.task, deadline="2025-11-30")
    assert client.post(url, edit_data(wp, wp.task, deadline="2025-10-31")).status_code == 302
    wp.task.refresh_from_db()
    assert (wp.task.deadline, wp.task.version) == (date(2025, 10, 31), 2)
    refused = client.post(url, stale)
    page = body(refused)
    assert refused.status_code == 409 and "该记录已被他人修改（当前版本2）" in page
    assert "当前记录(他人已保存的版本)" in page and "<dd>2025年10月31日</dd>" in page
    wp.task.refresh_from_db()
    assert wp.task.deadline == date(2025, 10, 31)
    api = send(client, "put", f"/api/workplan/tasks/{wp.task.pk}",
               {"version": 1, "reason": "再改", "deadline": "2025-12-31"})
    assert api.status_code == 409 and api.json()["current"]["version"] == 2
    assert send(client, "put", f"/api/workplan/tasks/{wp.task.pk}",
                {"version": 2, "reason": " ", "deadline": "2025-12-31"}).json()["errors"] == [
        {"field": "reason", "message": "请填写修改原因"}]
    ok = send(client, "put", f"/api/workplan/tasks/{wp.task.pk}",
              {"version": 2, "reason": "恢复年底", "deadline": "2025-12-31",
                                                                   "cooperating_units": []})
    assert ok.status_code == 200 and ok.json()["version"] == 3 and ok.json()["cooperating_units"] == []
    wp.task.refresh_from_db()
    assert wp.task.title == "力争2025年收储土地不低于1100亩"  # what the API left out stays


def test_the_history_says_who_when_what_from_what_to_what_and_why(client, wp):
    profile = wp.a_sup.profile
    profile.display_name, profile.title = "李明", "区委督查室主任"
    profile.save()
    leader = wp.world.users.a_leader.profile
    leader.display_name, leader.title = "王伟", "副区长"
    leader.save()
    client.force_login(wp.a_sup)
    assert client.post(reverse("workplan:edit_task", args=[wp.task.pk]), edit_data(
        wp, wp.task, deadline="2025-10-31", lead_unit=wp.a_unit2.pk, cooperating_units=[], cadence="quarterly",
        lead_leader="", reason="按区政府常务会议调整")).status_code == 302
    page = body(client.get(reverse("workplan:task", args=[wp.task.pk])))
    history = page[page.index('id="audit"'):]
    assert person_label(wp.a_sup) in history and "李明" in person_label(wp.a_sup) and "a_sup" not in history
    assert "完成时限:<del>2025年12月31日</del> → <ins>2025年10月31日</ins>" in history
    assert "牵头单位:<del>古荥镇</del> → <ins>花园口镇</ins>" in history
    assert "报送频次:<del>月报</del> → <ins>季报</ins>" in history
    assert f"牵头领导:<del>{person_label(wp.world.users.a_leader)}</del> → <ins>（无）</ins>" in history
    assert "按区政府常务会议调整" in history
    assert "lead_unit" not in history and f">{wp.world.a_unit.pk}<" not in history
    steps = page[page.index('id="steps"'):page.index('id="audit"')]
    assert "配合单位：花园口镇 → —" in steps and "原因：按区政府常务会议调整" in steps


def test_an_edit_without_a_change_is_not_saved(wp):
    import pytest

    from luoshi.core.workflow import Refused

    with pytest.raises(Refused) as refused:
        services.edit_task(wp.a_sup, wp.task, services.task_input(wp.a_sup, wp.plan, services.task_values(wp.task)),
                           expected_version=1, reason="无")
    assert refused.value.reasons == ["没有改动，未保存"]
    wp.task.refresh_from_db()
    assert wp.task.version == 1


def test_an_edit_on_the_page_keeps_a_linked_measure_as_listed(client, wp, indicator):
    from luoshi.indicators.services import set_target
    from luoshi.workplan.models import MeasureKind

    target = set_target(wp.world.users.a_data, organisation=wp.world.a, indicator=indicator("fixed_investment"),
                        year=2025, wording="增长8%")
    task = wp.new_task(title="固定资产投资增长8%", measure_kind=MeasureKind.TARGET, target=target)
    client.force_login(wp.a_sup)
    url = reverse("workplan:edit_task", args=[task.pk])
    assert 'value="target" selected' in body(client.get(url))
    assert client.post(url, edit_data(wp, task, deadline="2025-11-30")).status_code == 302
    task.refresh_from_db()
    assert (task.measure_kind, task.target, task.deadline) == (MeasureKind.TARGET, target, date(2025, 11, 30))
