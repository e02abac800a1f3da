"""Background tasks of the appeal loop: 跟踪督办 (reminders and escalation) every few minutes."""
from datetime import timedelta

from django_tasks import task

from luoshi.appeals.services import run_scheduler

SCHEDULER_EVERY = timedelta(minutes=5)


@task()
def run_appeal_scheduler() -> dict:
    """The same run as `python -m luoshi run_appeal_scheduler`; idempotent, so a late or doubled slot
    never sends anything twice."""
    result = run_scheduler()
    return {"reminders": result.reminders, "escalations": result.escalations}
