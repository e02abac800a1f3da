"""Background tasks of the work plan: unanswered 督办 notices escalate to the 牵头领导 (every few minutes)."""
from datetime import timedelta

from django_tasks import task

from luoshi.workplan.services import escalate_overdue_notices

ESCALATION_EVERY = timedelta(minutes=15)


@task()
def run_workplan_escalation() -> dict:
    """The same run as `python -m luoshi run_workplan_escalation`; idempotent (an escalated notice is not
    escalated again), so a late or doubled slot sends nothing twice."""
    return {"escalated": escalate_overdue_notices()}
