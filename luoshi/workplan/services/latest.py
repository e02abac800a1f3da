"""Where a task stands (`TaskLatest`), kept by every write that moves it: a report submitted or withdrawn,
a milestone added or done, the lead unit changed — and, for bulk loads that write records directly (the
demo, the benchmark), once for all their tasks at the end. Derived data: no history of its own (the
records it points to have theirs), and `manage.py workplan_latest` rebuilds or checks it."""
from luoshi.workplan.judging import computed_latest
from luoshi.workplan.models import TaskLatest, WorkTask

BATCH = 500


def refresh_latest(tasks, progress=None) -> int:
    """Derive again where the given tasks (a queryset, or one task) stand and keep it; the number kept.
    Callers that change a task's reports lock the task first (as the services do), so two writers of one
    task keep in the order they commit."""
    queryset = WorkTask.objects.filter(pk=tasks.pk) if isinstance(tasks, WorkTask) else tasks
    rows = list(computed_latest(queryset))
    for start in range(0, len(rows), BATCH):
        TaskLatest.objects.bulk_create(
            [TaskLatest(task_id=pk, report_id=r, milestone_id=m) for pk, r, m in rows[start:start + BATCH]],
            update_conflicts=True, unique_fields=["task"], update_fields=["report", "milestone"])
        if progress is not None:
            progress(min(start + BATCH, len(rows)), len(rows))
    return len(rows)
