"""Background tasks of the outbox: deliver entries after the commit that wrote them, try failures again
later, and sweep up anything whose queue message was lost (a worker or Redis down at the time)."""
from datetime import timedelta

from django_tasks import default_task_backend, task

from luoshi.notifications import delivery


@task()
def deliver_outbox(entry_ids: list[int]) -> dict:
    """Send each entry; a failure is queued again for its next attempt time (where the backend can
    defer; otherwise the sweep picks it up)."""
    sent = failed = 0
    for entry_id in entry_ids:
        entry = delivery.deliver(entry_id)
        if entry is None:
            continue
        if entry.status == entry.Status.DELIVERED:
            sent += 1
            continue
        failed += 1
        if entry.next_attempt_at and default_task_backend.supports_defer:
            deliver_outbox.using(run_after=entry.next_attempt_at).enqueue([entry.pk])
    return {"sent": sent, "failed": failed}


@task()
def sweep_outbox() -> dict:
    """Deliver whatever is due and waiting (periodic)."""
    return deliver_outbox.call(delivery.due_ids())


SWEEP_EVERY = timedelta(minutes=1)
