"""Background tasks of the work plan: unanswered 督办 notices escalate to the 牵头领导 (every few minutes);
each night every task's kept status is judged again for the new day (pages count and order by it)."""
from datetime import timedelta

from django_tasks import task

from luoshi.core.periods import today
from luoshi.workplan.models import TaskState, WorkTask
from luoshi.workplan.services import escalate_overdue_notices, refresh_statuses
from luoshi.workplan.status import WorkStatus

ESCALATION_EVERY = timedelta(minutes=15)
# Just after midnight in Shanghai: a status judged yesterday no longer holds today (time moves on).
REJUDGE = {"every": timedelta(days=1), "offset": timedelta(minutes=5)}


@task()
def run_workplan_escalation() -> dict:
    """The same run as `python -m luoshi run_workplan_escalation`; idempotent (an escalated notice is not
    escalated again), so a late or doubled slot sends nothing twice."""
    return {"escalated": escalate_overdue_notices()}


def stale_statuses(on=None):
    """The tasks whose kept status was not judged for the day (a closed task's 已完成 holds every day)."""
    return WorkTask.objects.exclude(latest__judged_on=on or today()).exclude(
        state=TaskState.CLOSED, latest__status=WorkStatus.DONE)


@task()
def rejudge_tasks() -> dict:
    """Every task's status judged for today and kept; idempotent (a task judged today is not judged again).
    Until it has run, pages judge the day's statuses themselves (slower, same answer)."""
    return {"judged": refresh_statuses(stale_statuses())}
