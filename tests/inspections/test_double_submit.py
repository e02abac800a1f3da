"""A double click never files a quiet-day visit or an enterprise's report of an unannounced one twice."""
from django.urls import reverse

from luoshi.inspections.models import PlannedVisit, UnannouncedVisitReport
from tests.conftest import submitted_twice
from tests.inspections.test_pages import file_form


def test_a_visit_filed_twice_by_a_double_click_is_filed_once(client, world, clock):
    client.force_login(world.users.a_unit)
    first, second = submitted_twice(client, reverse("inspections:new"), file_form(world))
    visit = PlannedVisit.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == reverse("inspections:detail", args=[visit.pk])


def test_an_enterprises_report_sent_twice_is_one_report(client, world, more, clock):
    client.force_login(world.users.a_enterprise)
    first, second = submitted_twice(client, reverse("inspections:report_new"), {
        "visit_date": "2025-03-03", "department": more.dept2.pk, "description": "统计局两人到厂调研,未出示报备"})
    report = UnannouncedVisitReport.objects.get()
    assert second.status_code == 302 and second["Location"] == reverse("inspections:report", args=[report.pk])
