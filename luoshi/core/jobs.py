"""Long work a user starts from a page (后台任务): `start` records the job and queues its task once the
request's transaction commits; the task opens it with `running`, reports `progress(done, total)` (the
same callback the command line's progress bar takes) and ends with a file, a link or its errors. The
page polls the job's progress with htmx (templates/core/_job_progress.html)."""
import logging
import time
from contextlib import contextmanager
from dataclasses import asdict, is_dataclass

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from luoshi.core.models import Job
from luoshi.core.uploads import check_zip, max_bytes
from luoshi.core.workflow import Refused
from luoshi.core.xlsx import sheet_sizes

log = logging.getLogger(__name__)
Status = Job.Status
# Progress is written at most this often (seconds), so a fast loop does not hammer the database.
PROGRESS_EVERY = 0.5


def start(user, kind: str, title: str, task, *args, input_data: bytes | None = None, **kwargs) -> Job:
    """Record a job for `user` and queue `task(job_id, *args, **kwargs)` after the commit."""
    job = Job.objects.create(user=user, kind=kind, title=title[:200], input_data=input_data,
                             language=translation.get_language() or "zh-hans", message=_("排队等待处理…"))

    def enqueue():
        try:
            task.enqueue(str(job.pk), *args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - the queue is down: say so on the page instead of a 500
            log.exception("could not queue job %s", job.pk)
            Job.objects.filter(pk=job.pk).update(status=Status.FAILED, finished_at=timezone.now(),
                                                 message=_("后台任务队列暂不可用：%(e)s") % {"e": exc})

    transaction.on_commit(enqueue)
    return job


class Running:
    """What a task holds while it works on a job."""

    def __init__(self, job: Job):
        self.job = job
        self._written = 0.0

    @property
    def input_data(self) -> bytes:
        return bytes(Job.objects.values_list("input_data", flat=True).get(pk=self.job.pk) or b"")

    def _save(self, **fields):
        for name, value in fields.items():
            setattr(self.job, name, value)
        Job.objects.filter(pk=self.job.pk).update(**fields)

    def progress(self, done: int, total: int, message: str | None = None) -> None:
        now = time.monotonic()
        if done < total and now - self._written < PROGRESS_EVERY and message is None:
            return
        self._written = now
        self._save(done=done, total=total, **({"message": message[:500]} if message is not None else {}))

    def succeed(self, message: str, *, url: str = "", file: bytes | None = None, file_name: str = "",
                content_type: str = "", html: str = "") -> None:
        self._save(status=Status.SUCCEEDED, message=message[:500], result_url=url, file_data=file,
                   file_name=file_name, content_type=content_type, finished_at=timezone.now(),
                   input_data=None, done=max(self.job.done, self.job.total), result_html=html)

    def fail(self, message: str, errors=(), *, html: str = "") -> None:
        rows = [asdict(e) if is_dataclass(e) else dict(e) for e in errors]
        self._save(status=Status.FAILED, message=message[:500], errors=rows, finished_at=timezone.now(),
                   input_data=None, result_html=html)


def nothing_saved(errors) -> str:
    """What an all-or-nothing import that found errors says, on the job page and on the command line."""
    return _("发现%(n)d处错误，文件中的数据全部未保存") % {"n": len(errors)}


def finish_import(held: Running, result, template: str, **context) -> None:
    """End an Excel import job with the app's own result block (every error, or what was saved), the
    same one its upload page shows for a small file."""
    html = render_to_string(template, {"result": result, **context})
    if result.errors:
        held.fail(nothing_saved(result.errors), result.errors, html=html)
    else:
        held.succeed(_("导入完成，已全部保存"), html=html)


def row_count(upload) -> int:
    """Rows in all the sheets of an uploaded workbook, counted from their XML once the zip is bounded
    (`uploads.check_zip`, `xlsx.sheet_sizes`); 0 when it is no (bounded) workbook, so that the import
    refuses it at once with its own words."""
    data = upload.read(max_bytes() + 1)
    upload.seek(0)
    try:
        archive = check_zip(data)
    except Refused:
        return 0
    return sum(rows for rows, _cells in sheet_sizes(archive).values())


def queue_large_import(request, upload, kind: str, task, *args) -> Job | None:
    """Hand an upload above BACKGROUND_IMPORT_ROWS rows to the worker (`task(job_id, *args)` reads it
    from the job); None when it is small enough (or too big to read at all) to answer at once."""
    if getattr(upload, "size", 0) > max_bytes():
        return None
    if row_count(upload) <= settings.LUOSHI["BACKGROUND_IMPORT_ROWS"]:
        return None
    data = upload.read()
    upload.seek(0)
    return start(request.user, kind, _("导入 %(f)s") % {"f": upload.name}, task, *args, input_data=data)


@contextmanager
def running(job_id: str):
    """Open a queued job for its task, in the language of the user who started it. An exception fails
    the job with a message the user can read (and is raised again, so the task is marked failed)."""
    job = Job.objects.defer("input_data", "file_data").get(pk=job_id)
    held = Running(job)
    held._save(status=Status.RUNNING, started_at=timezone.now(), message=_("正在处理…"))
    with translation.override(job.language):
        try:
            yield held
        except Exception as exc:
            held.fail(_("处理失败：%(e)s") % {"e": exc})
            raise
        if held.job.status == Status.RUNNING:
            held.succeed(_("已完成"))
