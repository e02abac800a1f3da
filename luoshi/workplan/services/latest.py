"""Where a task stands (`TaskLatest`), kept by every write that moves it: a report submitted or withdrawn,
a milestone added or done, the task edited or closed — and, for bulk loads that write records directly (the
demo, the benchmark), once for all their tasks at the end; with it the status judged from it, for the day
it was judged (the daily re-judging keeps that current). Derived data: no history of its own (the records it
points to have theirs), and `manage.py workplan_latest` rebuilds or checks it."""
from datetime import date

from django.db import transaction

from luoshi.workplan.judging import LATEST_FIELDS, computed_latest, in_batches, judge
from luoshi.workplan.models import TaskLatest, WorkTask

FIELDS = [f.removesuffix("_id") for f in LATEST_FIELDS]
JUDGED = ["status", "judged_on", "judged_margin"]


def _tasks(tasks):
    return WorkTask.objects.filter(pk=tasks.pk) if isinstance(tasks, WorkTask) else tasks


def _locked(tasks):
    """Each batch of the tasks inside a transaction holding their rows (the lock the services take before
    changing a task), so what a batch derives is not written over a newer write's, nor the other way round."""
    for batch, done, total in in_batches(_tasks(tasks)):
        with transaction.atomic():
            list(batch.order_by().select_for_update(of=("self",)).values_list("pk", flat=True))
            yield batch, done, total


def refresh_latest(tasks, progress=None, on: date | None = None) -> int:
    """Derive again where the given tasks (a queryset, or one task) stand and keep it with their status;
    the number kept."""
    return _refresh(tasks, progress, on, where_they_stand=True)


def refresh_statuses(tasks, progress=None, on: date | None = None) -> int:
    """Judge the given tasks again (a queryset, or one task) from where they stand and keep their status,
    for a write that changes what the status rests on but not the records `TaskLatest` points to (a task
    closed, reopened or edited), and for the daily re-judging; the number judged."""
    return _refresh(tasks, progress, on, where_they_stand=False)


def _refresh(tasks, progress, on: date | None, where_they_stand: bool) -> int:
    total = 0
    for batch, done, total in _locked(tasks):
        if where_they_stand:
            TaskLatest.objects.bulk_create(
                [TaskLatest(task_id=pk, **dict(zip(LATEST_FIELDS, row, strict=True)))
                 for pk, row in computed_latest(batch).items()],
                update_conflicts=True, unique_fields=["task"], update_fields=FIELDS)
        _keep_statuses(batch, on)
        if progress is not None:
            progress(done, total)
    return total


def _keep_statuses(batch, on: date | None) -> None:
    kept = [TaskLatest(task_id=j.pk, status=j.status.status, judged_on=j.on, judged_margin=j.margin)
            for j in judge(batch, on)]
    TaskLatest.objects.bulk_update(kept, JUDGED, batch_size=500)
