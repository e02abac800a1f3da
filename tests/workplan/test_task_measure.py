"""A task's measure chosen on the task form as the API takes it (none, own value, a ledger target, a project,
an investment target), the linked record offered from the district's own records only; and the one rule of
deadlines between a parent task, its sub-tasks and its milestones, on the page and through the API."""
from datetime import date

import pytest
from django.urls import reverse

from luoshi.indicators.services import record_actual, set_target
from luoshi.workplan import services
from luoshi.workplan.models import MeasureKind, Milestone, WorkTask
from tests.workplan.test_task_form import body, edit_data, form_data, send


@pytest.fixture
def targets(wp, indicator):
    fixed = indicator("fixed_investment")
    ours = set_target(wp.world.users.a_data, organisation=wp.world.a, indicator=fixed, year=2025, wording="增长8%")
    theirs = set_target(wp.world.users.b_data, organisation=wp.world.b, indicator=fixed, year=2025, wording="增长9%")
    return ours, theirs


def test_a_task_linked_to_a_ledger_target_on_the_form_shows_the_targets_progress_on_its_page(client, wp, targets):
    ours, theirs = targets
    record_actual(wp.world.users.a_data, organisation=wp.world.a, indicator=ours.indicator, year=2025, month=2,
                  value="30", growth_pct="5.2")
    client.force_login(wp.a_sup)
    url = reverse("workplan:new_task", args=[wp.plan.pk])
    page = body(client.get(url))
    assert f'<option value="{ours.pk}">2025 固定资产投资增长8%</option>' in page
    assert "增长9%" not in page  # another district's target is not offered
    assert 'data-measure-kind="target"' in page  # the script shows the chosen kind's field only
    made = client.post(url, form_data(wp, title="固定资产投资增长8%", measure_kind="target", target=ours.pk,
                                      measure_wording=""))
    assert made.status_code == 302
    task = WorkTask.objects.get(title="固定资产投资增长8%")
    assert (task.measure_kind, task.target) == (MeasureKind.TARGET, ours)
    shown = body(client.get(reverse("workplan:task", args=[task.pk])))
    progress = shown[shown.index('id="measure-progress"'):]
    progress = progress[:progress.index("</dd>")]
    assert "落后" in progress and "5.2" in progress


def test_a_linked_kind_without_its_record_is_refused_naming_the_field(client, wp, targets):
    client.force_login(wp.a_sup)
    refused = client.post(reverse("workplan:new_task", args=[wp.plan.pk]),
                          form_data(wp, measure_kind="target", measure_wording=""))
    assert refused.status_code == 400 and "经济指标目标：请选择关联的经济指标目标" in body(refused)


def test_another_districts_target_id_is_refused_on_the_page_and_by_the_api(client, wp, targets):
    ours, theirs = targets
    client.force_login(wp.a_sup)
    count = WorkTask.objects.count()
    page = client.post(reverse("workplan:new_task", args=[wp.plan.pk]),
                       form_data(wp, measure_kind="target", target=theirs.pk, measure_wording=""))
    assert page.status_code == 400
    assert "经济指标目标：经济指标目标须是惠济区的记录，请从列表中选择" in body(page)
    api = send(client, "post", f"/api/workplan/plans/{wp.plan.pk}/tasks",
               form_data(wp, measure_kind="target", target=theirs.pk, measure_wording=""))
    assert api.status_code == 422
    assert api.json()["errors"] == [{"field": "target", "message": "经济指标目标须是惠济区的记录，请从列表中选择"}]
    assert "中原区" not in api.content.decode()  # nothing of what the other district holds is said
    edit = send(client, "put", f"/api/workplan/tasks/{wp.task.pk}",
                {"version": 1, "reason": "改为关联指标", "measure_kind": "target", "target": theirs.pk})
    assert edit.status_code == 422 and edit.json()["errors"][0]["field"] == "target"
    assert WorkTask.objects.count() == count
    wp.task.refresh_from_db()
    assert (wp.task.measure_kind, wp.task.target, wp.task.version) == (MeasureKind.NONE, None, 1)


def test_changing_the_link_on_the_edit_form_is_kept_in_the_history_with_its_reason(client, wp, targets):
    ours, _theirs = targets
    client.force_login(wp.a_sup)
    assert client.post(reverse("workplan:edit_task", args=[wp.task.pk]), edit_data(
        wp, wp.task, measure_kind="target", target=ours.pk, reason="改为考核固定资产投资")).status_code == 302
    wp.task.refresh_from_db()
    assert (wp.task.measure_kind, wp.task.target, wp.task.version) == (MeasureKind.TARGET, ours, 2)
    page = body(client.get(reverse("workplan:task", args=[wp.task.pk])))
    steps = page[page.index('id="steps"'):page.index('id="audit"')]
    assert "量化方式：无量化指标 → 关联经济指标目标" in steps  # the kind in words, never a bare dash
    assert f"经济指标目标：— → {ours}" in steps and "原因：改为考核固定资产投资" in steps
    audit = page[page.index('id="audit"'):]
    assert "量化方式:<del>无量化指标</del> → <ins>关联经济指标目标</ins>" in audit
    assert f"经济指标目标:<del>（无）</del> → <ins>{ours}</ins>" in audit
    # and back to an own measure through the API, the link dropped
    back = send(client, "put", f"/api/workplan/tasks/{wp.task.pk}",
                {"version": 2, "reason": "改回自定指标", "measure_kind": "own", "measure_wording": "不低于1100亩"})
    assert back.status_code == 200
    wp.task.refresh_from_db()
    assert (wp.task.measure_kind, wp.task.target, wp.task.measure_value) == (MeasureKind.OWN, None, 1100)


@pytest.fixture
def subtasks(wp):
    make = lambda title, deadline: services.create_task(  # noqa: E731
        wp.world.users.a_unit, wp.plan, services.TaskInput(title=title, lead_unit=wp.a_unit2, deadline=deadline),
        parent=wp.task)
    return make("花园口镇收储300亩", date(2025, 10, 31)), make("花园口镇收储200亩", date(2025, 11, 30))


PARENT_REFUSAL = ("完成时限2025年10月15日早于子任务的完成时限：“花园口镇收储300亩”（2025年10月31日）；"
                  "“花园口镇收储200亩”（2025年11月30日）。请先调整子任务")


def test_a_parents_deadline_before_its_subtasks_is_refused_on_the_form_naming_them(client, wp, subtasks):
    client.force_login(wp.a_sup)
    refused = client.post(reverse("workplan:edit_task", args=[wp.task.pk]),
                          edit_data(wp, wp.task, deadline="2025-10-15"))
    assert refused.status_code == 400 and f"完成时限：{PARENT_REFUSAL}" in body(refused)
    wp.task.refresh_from_db()
    assert (wp.task.deadline, wp.task.version) == (date(2025, 12, 31), 1)
    # a deadline no earlier than the last sub-task's is kept
    assert client.post(reverse("workplan:edit_task", args=[wp.task.pk]),
                       edit_data(wp, wp.task, deadline="2025-11-30")).status_code == 302


def test_a_parents_deadline_before_its_subtasks_is_refused_by_the_api(client, wp, subtasks):
    client.force_login(wp.a_sup)
    refused = send(client, "put", f"/api/workplan/tasks/{wp.task.pk}",
                   {"version": 1, "reason": "提前完成", "deadline": "2025-10-15"})
    assert refused.status_code == 422
    assert refused.json()["errors"] == [{"field": "deadline", "message": PARENT_REFUSAL}]
    wp.task.refresh_from_db()
    assert wp.task.deadline == date(2025, 12, 31)


def test_a_subtasks_deadline_after_its_parents_is_refused_by_the_form_and_the_api(client, wp, subtasks):
    sub = subtasks[0]
    client.force_login(wp.a_sup)
    words = "子任务的完成时限2026年1月31日晚于上级任务“力争2025年收储土地不低于1100亩”的完成时限2025年12月31日"
    api = send(client, "put", f"/api/workplan/tasks/{sub.pk}",
               {"version": 1, "reason": "延期", "deadline": "2026-01-31"})
    assert api.status_code == 422 and api.json()["errors"] == [{"field": "deadline", "message": words}]
    page = client.post(reverse("workplan:edit_task", args=[sub.pk]), edit_data(wp, sub, deadline="2026-01-31"))
    assert page.status_code == 400 and f"完成时限：{words}" in body(page)
    split = client.post(reverse("workplan:subtask", args=[wp.task.pk]), {
        "title": "古荥镇收储100亩", "lead_unit": wp.a_unit2.pk, "deadline": "2026-01-31", "cadence": "monthly"})
    assert split.status_code == 400 and words in body(split)
    sub.refresh_from_db()
    assert sub.deadline == date(2025, 10, 31)
    assert not WorkTask.objects.filter(title="古荥镇收储100亩").exists()


def test_a_deadline_before_a_milestone_is_refused(client, wp):
    Milestone.objects.create(task=wp.task, due=date(2025, 11, 30), title="完成组卷报批")
    services.refresh_latest(wp.task)
    client.force_login(wp.a_sup)
    refused = send(client, "put", f"/api/workplan/tasks/{wp.task.pk}",
                   {"version": 1, "reason": "提前完成", "deadline": "2025-10-31"})
    assert refused.status_code == 422 and refused.json()["errors"] == [
        {"field": "deadline", "message": "完成时限2025年10月31日早于节点的时间：“完成组卷报批”（2025年11月30日）"}]


def test_a_task_linked_to_a_project_by_the_api_shows_the_projects_investment_on_its_page(client, wp):
    from decimal import Decimal

    from luoshi.projects import services as projects
    from luoshi.projects.models import ProjectCategory

    projects.ensure_lists()
    project = projects.create_project(
        wp.world.users.a_data, organisation=wp.world.a, code="HJ-2025-001", name="古荥城市更新",
        category=ProjectCategory.objects.get(name="城市更新"), total_investment=Decimal("90.84"), plan_year=2025,
        year_plan=Decimal("12"), responsible_unit=wp.world.a_unit)
    client.force_login(wp.a_sup)
    made = send(client, "post", f"/api/workplan/plans/{wp.plan.pk}/tasks",
                form_data(wp, title="古荥城市更新年度投资12亿元", measure_kind="project", project=project.pk,
                          measure_wording=""))
    assert made.status_code == 200
    task = WorkTask.objects.get(pk=made.json()["id"])
    assert (task.measure_kind, task.project) == (MeasureKind.PROJECT, project)
    shown = body(client.get(reverse("workplan:task", args=[task.pk])))
    assert "本年已完成投资0亿元，年度计划12亿元" in shown[shown.index('id="measure-progress"'):]
    guessed = send(client, "post", f"/api/workplan/plans/{wp.plan.pk}/tasks",
                   form_data(wp, measure_kind="project", project=project.pk + 1000, measure_wording=""))
    assert guessed.status_code == 422 and guessed.json()["errors"] == [
        {"field": "project", "message": "重点项目须是惠济区的记录，请从列表中选择"}]


def test_a_task_linked_to_an_investment_target_shows_its_signing_progress_on_the_page_and_the_api(client, wp):
    from luoshi.investment import targets as investment
    from luoshi.investment.models import Measure

    ours = investment.set_target(wp.world.users.a_data, organisation=wp.world.a, year=2025,
                                 measure=Measure.SIGNED_COUNT, wording="新签约项目不少于60个")
    theirs = investment.set_target(wp.world.users.b_data, organisation=wp.world.b, year=2025,
                                   measure=Measure.SIGNED_COUNT, wording="新签约项目不少于80个")
    client.force_login(wp.a_sup)
    page = body(client.get(reverse("workplan:new_task", args=[wp.plan.pk])))
    assert f'<option value="{ours.pk}">2025 新签约项目数新签约项目不少于60个</option>' in page
    assert "不少于80个" not in page
    made = send(client, "post", f"/api/workplan/plans/{wp.plan.pk}/tasks",
                form_data(wp, title="全年新签约项目不少于60个", measure_kind="investment", investment_target=ours.pk,
                          measure_wording=""))
    assert made.status_code == 200
    measure = made.json()["measure"]
    assert (measure["kind"], measure["kind_label"], measure["linked"]) == (
        "investment", "关联招商目标", {"field": "investment_target", "id": ours.pk,
                                       "label": "2025 新签约项目数新签约项目不少于60个"})
    shown = body(client.get(reverse("workplan:task", args=[made.json()["id"]])))
    progress = shown[shown.index('id="measure-progress">') + len('id="measure-progress">'):]
    progress = progress[:progress.index("</dd>")]
    assert "0" in progress and progress == measure["progress"]  # one sentence, the page's and the API's
    count = WorkTask.objects.count()
    guessed = send(client, "post", f"/api/workplan/plans/{wp.plan.pk}/tasks",
                   form_data(wp, measure_kind="investment", investment_target=theirs.pk, measure_wording=""))
    assert guessed.status_code == 422 and guessed.json()["errors"] == [
        {"field": "investment_target", "message": "招商目标须是惠济区的记录，请从列表中选择"}]
    form = client.post(reverse("workplan:new_task", args=[wp.plan.pk]),
                       form_data(wp, measure_kind="investment", investment_target=theirs.pk, measure_wording=""))
    assert form.status_code == 400 and "招商目标：招商目标须是惠济区的记录，请从列表中选择" in body(form)
    assert WorkTask.objects.count() == count
