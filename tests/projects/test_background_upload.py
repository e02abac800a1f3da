"""A large monthly-report upload is checked and saved by the worker, with its progress on the page."""
import time_machine
from django.urls import reverse

from luoshi.core.models import Job
from luoshi.projects.models import MonthlyReport
from tests.projects.conftest import NOW
from tests.projects.test_files_and_pages import building, workbook  # noqa: F401 - fixture

ROWS = [["HJ-2025-001", "", 2025, 5, 1, 1, "", ""], ["HJ-2025-001", "", 2025, 6, 1, 2, "", ""]]


@time_machine.travel(NOW)
def test_a_large_report_upload_is_saved_by_the_worker(client, world, building, settings, run_worker,
                                                      commit):  # noqa: F811
    settings.LUOSHI = {**settings.LUOSHI, "BACKGROUND_IMPORT_ROWS": 2}
    client.force_login(world.users.a_unit)
    with commit():
        page = client.post(reverse("projects:upload"), {"file": workbook(ROWS)}, HTTP_HX_REQUEST="true")
    assert "<progress" in page.content.decode() and not MonthlyReport.objects.exists()
    run_worker()
    job = Job.objects.get()
    assert job.status == Job.Status.SUCCEEDED and MonthlyReport.objects.count() == 2
    assert "已保存:新增月报2条,修订月报0条。" in client.get(reverse("core:job_progress",
                                                                    args=[job.pk])).content.decode()


@time_machine.travel(NOW)
def test_a_user_without_projects_is_refused_before_anything_is_queued(client, world, settings):
    settings.LUOSHI = {**settings.LUOSHI, "BACKGROUND_IMPORT_ROWS": 0}
    client.force_login(world.users.a_leader)
    assert client.post(reverse("projects:upload"), {"file": workbook(ROWS)}).status_code == 403
    assert not Job.objects.exists()
