"""A pre-work approval (前期手续) is never silently overwritten: the page's form posts the version it was
rendered from, the API takes `expected_version`, and a stale edit is refused (409 in the API) with the
newer record shown — who settled it first, and how."""
import json
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from luoshi.core.records import ConflictError
from luoshi.projects import services
from luoshi.projects.models import ApprovalStatus, ProjectApproval
from tests.projects.conftest import NOW


def first_approval(world, project) -> ProjectApproval:
    services.transition(world.users.a_data, project, services.PREPARE)
    return project.approvals.select_related("kind").first()


@time_machine.travel(NOW)
def test_each_approval_form_posts_the_version_it_was_rendered_from(client, world, project):
    approval = first_approval(world, project)
    client.force_login(world.users.a_data)
    page = client.get(reverse("projects:project", args=[project.pk])).content.decode()
    assert f'name="approval" value="{approval.pk}"><input type="hidden" name="version" value="1">' in page


@time_machine.travel(NOW)
def test_a_stale_approval_edit_is_refused_showing_the_newer_record(client, world, project):
    approval = first_approval(world, project)
    services.settle_approval(world.users.a_data, approval, status=ApprovalStatus.DONE, done_date=date(2025, 3, 1),
                             document="郑惠发改〔2025〕12号", expected_version=1)
    client.force_login(world.users.a_data)
    page = client.post(reverse("projects:project", args=[project.pk]), {
        "form": "approval", "approval": approval.pk, "status": "waived", "waiver_reason": "既有厂房改造",
        "version": 1}).content.decode()
    assert f"该记录已被他人修改（当前版本2）:{approval.kind.name}已办结（2025-03-01，郑惠发改〔2025〕12号）" in page
    api = client.post(f"/api/projects/{project.pk}/approvals/{approval.pk}", json.dumps({
        "status": "waived", "waiver_reason": "既有厂房改造", "expected_version": 1}), content_type="application/json")
    assert api.status_code == 409 and api.json()["current"]["document"] == "郑惠发改〔2025〕12号"
    stored = ProjectApproval.objects.get(pk=approval.pk)
    assert (stored.status, stored.waiver_reason, stored.version) == (ApprovalStatus.DONE, "", 2)


@time_machine.travel(NOW)
def test_an_edit_from_the_current_version_is_saved_kept_in_history_and_moves_the_version_on(client, world, project):
    approval = first_approval(world, project)
    client.force_login(world.users.a_data)
    saved = client.post(f"/api/projects/{project.pk}/approvals/{approval.pk}", json.dumps({
        "status": "waived", "waiver_reason": "既有厂房改造", "expected_version": 1}), content_type="application/json")
    assert saved.status_code == 200 and (saved.json()["status"], saved.json()["version"]) == ("waived", 2)
    with pytest.raises(ConflictError) as refused:
        services.settle_approval(world.users.a_data, approval, status=ApprovalStatus.PENDING, expected_version=1)
    assert refused.value.current.version == 2 and "免办（既有厂房改造）" in str(refused.value)
    assert [h.history_change_reason for h in approval.history.order_by("history_id")][-1] == "既有厂房改造"
