"""Where a task stands (`TaskLatest`), kept by every write that moves it: a report submitted or withdrawn,
a milestone added or done, the lead unit changed — and, for bulk loads that write records directly (the
demo, the benchmark), once for all their tasks at the end. Derived data: no history of its own (the
records it points to have theirs), and `manage.py workplan_latest` rebuilds or checks it."""
from luoshi.workplan.judging import LATEST_FIELDS, computed_latest, in_batches
from luoshi.workplan.models import TaskLatest, WorkTask

FIELDS = [f.removesuffix("_id") for f in LATEST_FIELDS]


def refresh_latest(tasks, progress=None) -> int:
    """Derive again where the given tasks (a queryset, or one task) stand and keep it; the number kept.
    Callers that change a task's reports lock the task first (as the services do), so two writers of one
    task keep in the order they commit."""
    queryset = WorkTask.objects.filter(pk=tasks.pk) if isinstance(tasks, WorkTask) else tasks
    total = 0
    for batch, done, total in in_batches(queryset):
        TaskLatest.objects.bulk_create(
            [TaskLatest(task_id=pk, **dict(zip(LATEST_FIELDS, row, strict=True)))
             for pk, row in computed_latest(batch).items()],
            update_conflicts=True, unique_fields=["task"], update_fields=FIELDS)
        if progress is not None:
            progress(done, total)
    return total
