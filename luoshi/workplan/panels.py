"""The work plan's panel of the one screen (一屏观全域): this year's tasks by status, each count clicking
through to the 督办台账 of that status, and the overdue tasks."""
from django.urls import reverse
from django.utils.translation import gettext as _

from luoshi.core.periods import today
from luoshi.core.status import WARNING
from luoshi.organisations.models import DISTRICT_KINDS
from luoshi.workplan import selectors
from luoshi.workplan.status import WorkStatus

TONE = {WorkStatus.ON_TRACK: "", WorkStatus.BEHIND: WARNING, WorkStatus.OVERDUE: WARNING, WorkStatus.DONE: "good",
        WorkStatus.NOT_STARTED: ""}


def dashboard_panel(organisation, user):
    from luoshi.core.registry import Figure, Panel

    if organisation.kind not in DISTRICT_KINDS:
        return None
    year = today().year
    summary = selectors.district_summary(user, organisation, year)
    if not summary["total"]:
        return None
    ledger = reverse("workplan:ledger", args=[organisation.pk])
    counts = summary["counts"]
    return Panel("workplan", _("重点工作(%(y)d年)") % {"y": year}, figures=[
        Figure(_("任务"), str(summary["total"]), reverse("workplan:district", args=[organisation.pk])),
        *[Figure(str(WorkStatus(s).label), str(counts[s]), f"{ledger}?status={s}", TONE[s] if counts[s] else "")
          for s in (WorkStatus.ON_TRACK, WorkStatus.BEHIND, WorkStatus.OVERDUE, WorkStatus.DONE)],
    ], items=[Figure(r.task.title[:40], r.status.reason, reverse("workplan:task", args=[r.task.pk]), WARNING)
              for r in summary["overdue"][:5]])
