"""A month is written as people write it, "2025年6月", on every page that shows one — never "2025-6"."""
import time_machine
from django.urls import reverse

from luoshi.core.periods import month_label
from luoshi.projects import services

from .conftest import NOW


def test_one_helper_writes_a_month_in_words():
    assert month_label(2026, 9) == "2026年9月"


@time_machine.travel(NOW)
def test_a_projects_monthly_reports_are_listed_by_month_in_words(client, world, project):
    services.record_report(world.users.a_unit, project, year=2025, month=6, month_investment="1", cumulative="4")
    client.force_login(world.users.a_leader)
    page = client.get(reverse("projects:project", args=[project.pk])).content.decode()
    assert "2025年6月" in page and "2025-6:" not in page
