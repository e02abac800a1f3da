"""Housekeeping of the background work itself: finished jobs (and the files they hold) and the
database queue's finished task records are deleted after JOB_KEEP_DAYS, every night."""
from datetime import timedelta

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from django_tasks import task

from luoshi.core.models import Job

NIGHTLY = {"every": timedelta(days=1), "offset": timedelta(hours=3)}


@task()
def prune_finished_work() -> dict:
    keep = int(settings.LUOSHI["JOB_KEEP_DAYS"])
    deleted, _ = Job.objects.filter(finished_at__lt=timezone.now() - timedelta(days=keep)).delete()
    if settings.LUOSHI_TASKS_BACKEND == "db":
        call_command("prune_db_task_results", "--queue-name", "*", "--min-age-days", str(keep), verbosity=0)
    return {"jobs": deleted}
