"""A large upload is handed to the worker: the page answers at once with a progress indicator, the file
is checked and saved (all or nothing) by the worker, and the page then shows what was saved or every error."""
import pytest
import time_machine
from django.urls import reverse

from luoshi.core.models import Job
from luoshi.indicators.models import Actual, Target
from tests.indicators.test_excel import GOOD_ACTUALS, GOOD_TARGETS, NOW, workbook


@pytest.fixture
def small_threshold(settings):
    settings.LUOSHI = {**settings.LUOSHI, "BACKGROUND_IMPORT_ROWS": 3}


def upload(client, user, file, commit):
    client.force_login(user)
    with commit():
        page = client.post(reverse("indicators:upload"), {"file": file}, HTTP_HX_REQUEST="true").content.decode()
    return page, Job.objects.get()


@time_machine.travel(NOW)
def test_a_large_upload_is_saved_by_the_worker_and_the_page_then_shows_the_counts(
        client, world, small_threshold, run_worker, commit):
    page, job = upload(client, world.users.a_data, workbook(GOOD_TARGETS, GOOD_ACTUALS), commit)
    assert "hx-trigger" in page and "<progress" in page and "排队中" in page
    assert not Target.objects.exists(), "nothing is checked or saved inside the request"
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and job.total > 0 and job.done == job.total
    assert Target.objects.count() == 2 and Actual.objects.count() == 3
    fragment = client.get(reverse("core:job_progress", args=[job.pk])).content.decode()
    assert "新增目标2条" in fragment and "新增实绩3条" in fragment and "hx-trigger" not in fragment


@time_machine.travel(NOW)
def test_a_large_bad_upload_saves_nothing_and_the_page_lists_every_error(
        client, world, small_threshold, run_worker, commit):
    bad = [("中原区", "地区生产总值", 2025, 9, 1, "亿元", 5), ("惠济区", "幸福指数", 2025, 9, 1, "亿元", 5)]
    _, job = upload(client, world.users.a_data, workbook(GOOD_TARGETS, [*GOOD_ACTUALS, *bad]), commit)
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and not Target.objects.exists() and not Actual.objects.exists()
    assert [(e["row"], e["column"]) for e in job.errors] == [(5, "A(单位)"), (6, "B(指标)")]
    page = client.get(reverse("core:job", args=[job.pk])).content.decode()
    assert "发现2处错误，文件中的数据全部未保存" in page and "未知单位或无权填报" in page and "未知指标" in page


@time_machine.travel(NOW)
def test_a_small_upload_is_still_answered_at_once(client, world, commit):
    client.force_login(world.users.a_data)
    page = client.post(reverse("indicators:upload"), {"file": workbook(GOOD_TARGETS, GOOD_ACTUALS)},
                       HTTP_HX_REQUEST="true").content.decode()
    assert "新增目标2条" in page and not Job.objects.exists()
