"""Background jobs: what decides that an upload goes to the worker, and how a job ends when its work
or its queue fails — always with words on the page, never a silent spinner."""
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django_tasks import task

from luoshi.core import jobs
from luoshi.core.models import Job
from tests.conftest import xlsx_upload


def rows(n):
    return [[i, "x"] for i in range(n)]


def test_rows_are_counted_from_each_sheets_dimension():
    upload = xlsx_upload({"年度目标": (["a", "b"], rows(9)), "月度实绩": (["a", "b"], rows(40))})
    assert jobs.row_count(upload) == 10 + 41
    assert upload.read(2) == b"PK", "the upload is given back from its start"


def test_a_sheet_that_claims_to_be_small_is_counted_by_its_real_rows():
    source = xlsx_upload({"月度实绩": (["a"], rows(600))}).read()
    out, lied = io.BytesIO(), False
    with zipfile.ZipFile(io.BytesIO(source)) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename.startswith("xl/worksheets/") and b'<dimension ref="A1:B601"/>' in data:
                data, lied = data.replace(b'<dimension ref="A1:B601"/>', b'<dimension ref="A1:B2"/>'), True
            zout.writestr(item, data)
    assert lied
    assert jobs.row_count(SimpleUploadedFile("x.xlsx", out.getvalue())) == 601


def test_a_file_that_is_no_workbook_counts_as_small_so_its_error_comes_at_once():
    assert jobs.row_count(SimpleUploadedFile("x.xlsx", b"not a zip")) == 0


@task()
def broken_job(job_id: str) -> None:
    with jobs.running(job_id) as job:
        job.progress(1, 4)
        raise ValueError("磁盘已满")


def test_a_job_whose_work_fails_ends_with_the_reason_in_the_users_language(world, run_worker, commit):
    with translation.override("en"), commit():
        job = jobs.start(world.users.a_data, "test", "Test", broken_job)
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.finished_at and job.message == "Failed: 磁盘已满"


def test_a_job_whose_queue_is_down_says_so_instead_of_waiting_forever(world, commit, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("redis: connection refused")

    monkeypatch.setattr(type(broken_job), "enqueue", lambda self, *a, **k: down())
    with commit():
        job = jobs.start(world.users.a_data, "test", "测试", broken_job)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "后台任务队列暂不可用" in job.message


@pytest.mark.parametrize("status, done, total, expected", [
    ("queued", 0, 0, 0), ("running", 1, 4, 25), ("succeeded", 1, 4, 100)])
def test_the_bar_follows_done_and_total_and_is_full_when_done(world, status, done, total, expected):
    assert Job(user=world.users.a_data, status=status, done=done, total=total).percent == expected


def test_finished_jobs_and_their_files_are_deleted_after_the_keep_days(world, run_worker, commit):
    import time_machine
    from django_tasks_db.models import DBTaskResult

    from luoshi.core.tasks import prune_finished_work

    with time_machine.travel("2025-03-01 10:00 +0800", tick=False) as clock:
        with commit():
            old = jobs.start(world.users.a_data, "test", "旧", broken_job)
        run_worker()
        clock.move_to("2025-03-07 10:00 +0800")
        with commit():
            running = jobs.start(world.users.a_data, "test", "新", broken_job)
        clock.move_to("2025-03-09 10:00 +0800")
        prune_finished_work.call()
    assert list(Job.objects.values_list("pk", flat=True)) == [running.pk]
    assert not Job.objects.filter(pk=old.pk).exists()
    assert DBTaskResult.objects.filter(status="READY").count() == 1, "work still waiting is never pruned"


def test_the_admin_lists_background_jobs_for_administrators(world, client):
    from django.urls import reverse

    from tests.conftest import make_user

    Job.objects.create(user=world.users.a_data, kind="test", title="惠济区简报(PDF)", message="排队等待处理…")
    client.force_login(make_user("root", None, superuser=True))
    page = client.get(reverse("admin:core_job_changelist")).content.decode()
    assert "惠济区简报(PDF)" in page and "排队中" in page
    assert client.get(reverse("admin:core_periodicslot_changelist")).status_code == 200
