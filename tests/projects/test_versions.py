"""Project reports and wage records are never silently overwritten: each carries a version, the project
page's forms post the version they were rendered from, and a first entry racing another is a conflict
that shows the winner (on two real database connections)."""
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from luoshi.core.records import ConflictError
from luoshi.projects import services
from luoshi.projects.models import MonthlyReport, WageRecord
from tests.core.test_concurrency import race
from tests.projects.conftest import NOW, start


def page(client, project, **query):
    return client.get(reverse("projects:project", args=[project.pk]), query).content.decode()


def post_report(client, project, version, cumulative="3", reason=""):
    return client.post(reverse("projects:project", args=[project.pk]), {
        "form": "report", "year": 2025, "month": 6, "month_investment": "1", "cumulative": cumulative,
        "note": "", "reason": reason, "version": version})


def post_wages(client, project, version, paid="90", reason=""):
    return client.post(reverse("projects:project", args=[project.pk]), {
        "form": "wages", "year": 2025, "month": 6, "payroll_due": "100", "paid": paid, "workers": 40,
        "reason": reason, "version": version})


@time_machine.travel(NOW)
def test_the_report_form_posts_the_version_it_was_rendered_from_and_a_stale_one_shows_the_newer_report(
        client, world, project):
    start(world, project)
    client.force_login(world.users.a_unit)
    assert 'name="version" value="0"' in page(client, project, year=2025, month=6)
    assert post_report(client, project, 0).status_code == 302
    html = page(client, project, year=2025, month=6)
    assert 'name="version" value="1"' in html and 'value="3' in html  # the month's figures, to revise

    assert post_report(client, project, 1, cumulative="3.5", reason="财务核对").status_code == 302
    stale = post_report(client, project, 1, cumulative="4", reason="另一人的修改")
    text = stale.content.decode()
    assert stale.status_code == 200 and "已被他人修改（当前版本2）" in text and "年内累计3.5亿元" in text
    assert MonthlyReport.objects.get(project=project, month=6).cumulative == Decimal("3.5")
    assert 'name="version" value="2"' in text, "having seen the newer report, sending again is deliberate"


@time_machine.travel(NOW)
def test_a_first_report_entered_meanwhile_by_someone_else_is_a_conflict_not_an_overwrite(client, world, project):
    start(world, project)
    services.record_report(world.users.a_data, project, year=2025, month=6, month_investment="1", cumulative="2")
    client.force_login(world.users.a_unit)
    response = post_report(client, project, 0, cumulative="3", reason="我先打开的表单")
    assert "他人已先填报" in response.content.decode() and "年内累计2亿元" in response.content.decode()
    assert MonthlyReport.objects.get(project=project, month=6).cumulative == Decimal("2")


@time_machine.travel(NOW)
def test_wage_records_carry_a_version_and_a_stale_wage_form_is_refused_with_the_newer_figures(
        client, world, project):
    start(world, project)
    client.force_login(world.users.a_unit)
    assert post_wages(client, project, 0).status_code == 302
    record = WageRecord.objects.get(project=project, month=6)
    assert record.version == 1
    assert post_wages(client, project, 1, paid="100", reason="补发到位").status_code == 302
    record.refresh_from_db()
    assert record.version == 2 and record.history.count() == 2
    stale = post_wages(client, project, 1, paid="95", reason="按旧表修改").content.decode()
    assert "已被他人修改（当前版本2）" in stale and "实发100万元" in stale
    assert WageRecord.objects.get(pk=record.pk).paid == Decimal("100")


@time_machine.travel(NOW)
def test_the_api_refuses_a_stale_or_racing_wage_record_with_409_and_the_newer_one(client, world, project):
    start(world, project)
    client.force_login(world.users.a_unit)
    url = f"/api/projects/{project.pk}/wages"
    body = {"year": 2025, "month": 6, "payroll_due": "100", "paid": "90", "workers": 40}
    first = client.post(url, body, content_type="application/json")
    assert first.status_code == 201 and first.json()["version"] == 1
    again = client.post(url, {**body, "paid": "80", "reason": "重报"}, content_type="application/json")
    assert again.status_code == 409 and again.json()["current"]["paid"] == "90"
    revised = client.post(url, {**body, "paid": "80", "reason": "重报", "expected_version": 1},
                          content_type="application/json")
    assert revised.status_code == 200 and revised.json()["version"] == 2
    report = client.post(f"/api/projects/{project.pk}/reports", {"year": 2025, "month": 6, "month_investment": "1",
                                                                  "cumulative": "2"}, content_type="application/json")
    assert report.status_code == 201
    racing = client.post(f"/api/projects/{project.pk}/reports", {
        "year": 2025, "month": 6, "month_investment": "1", "cumulative": "3", "reason": "x", "expected_version": 0},
        content_type="application/json")
    assert racing.status_code == 409 and racing.json()["current"]["cumulative"] == "2"


@pytest.mark.django_db(transaction=True)
def test_two_first_reports_and_wage_records_of_one_month_at_once_leave_one_each_and_a_conflict(world, project):
    with time_machine.travel(NOW):
        start(world, project)
    unit, data = world.users.a_unit, world.users.a_data

    def report(cumulative, who):
        return lambda: services.record_report(who, project, year=2025, month=6, month_investment="1",
                                              cumulative=cumulative, reason="首报", expected_version=0)

    def wages(paid, who):
        return lambda: services.record_wages(who, project, year=2025, month=6, payroll_due="100", paid=paid,
                                             workers=40, reason="首报", expected_version=0)

    with time_machine.travel(NOW, tick=True):
        for submit, model, field in ((report, MonthlyReport, "cumulative"), (wages, WageRecord, "paid")):
            results = race(submit("3", unit), submit("4", data))
            saved = [r for r in results if isinstance(r, model)]
            conflicts = [r for r in results if isinstance(r, ConflictError)]
            assert len(saved) == 1 and len(conflicts) == 1, results
            stored = model.objects.get(project=project, year=2025, month=6)
            assert getattr(conflicts[0].current, field) == getattr(stored, field) == getattr(saved[0], field)
            assert stored.version == 1 and stored.history.count() == 1


@time_machine.travel(NOW)
def test_a_monthly_report_sent_twice_by_a_double_click_is_one_report(client, world, project):
    from tests.conftest import submitted_twice

    start(world, project)
    client.force_login(world.users.a_unit)
    url = reverse("projects:project", args=[project.pk])
    first, second = submitted_twice(client, url, {"form": "report", "year": 2025, "month": 6, "month_investment": "1",
                                                  "cumulative": "3", "note": "", "reason": "", "version": 0})
    assert first.status_code == second.status_code == 302
    report = MonthlyReport.objects.get(project=project)
    assert report.version == 1 and report.history.count() == 1
