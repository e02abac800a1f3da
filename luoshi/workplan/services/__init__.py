"""Writes of the work plan (重点工作): plans, sections and tasks kept by the 督查室, progress reports from the
units, 督办 notices and replies, escalation of unanswered notices to the 牵头领导, and 销号 as an explicit
machine (core.workflow). Every change keeps history with who and why; every move leaves a TaskStep; every
refusal lists all its reasons.

The writes live by concern in plan_editing, reports, notices and closing (steps holds what they share);
this module is the one the views, the API, the other apps and the tests import."""
from django.utils.translation import gettext_lazy

from luoshi.workplan.services.closing import APPLY, APPROVE, CLOSING, RETURN, transition
from luoshi.workplan.services.latest import refresh_latest, refresh_statuses
from luoshi.workplan.services.notices import (
    ESCALATE,
    NOTICES,
    REPLY,
    escalate_overdue_notices,
    issue_notice,
    reply_notice,
)
from luoshi.workplan.services.plan_editing import (
    EDITABLE,
    LINKED,
    TaskInput,
    add_section,
    create_plan,
    create_task,
    edit_task,
    linked_refusal,
    task_input,
    task_values,
)
from luoshi.workplan.services.reports import submit_report, withdraw_report
from luoshi.workplan.services.steps import (
    CATEGORIES,
    CREATE,
    EDIT,
    EVIDENCE_TYPES,
    ISSUE,
    REPORT,
    WITHDRAW,
    _require_supervisor,
    ensure_categories,
    supervision_staff,
)

ACTION_LABELS = {**CLOSING.action_labels, **NOTICES.action_labels, CREATE: gettext_lazy("立项"),
                 REPORT: gettext_lazy("报送进展"), WITHDRAW: gettext_lazy("作废进展"), ISSUE: gettext_lazy("签发督办"),
                 EDIT: gettext_lazy("修改任务")}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


__all__ = [
    "ACTION_LABELS", "APPLY", "APPROVE", "CATEGORIES", "CLOSING", "CREATE", "EDIT", "EDITABLE", "ESCALATE",
    "EVIDENCE_TYPES", "ISSUE", "LINKED", "NOTICES", "REPLY", "REPORT", "RETURN", "WITHDRAW", "TaskInput",
    "_require_supervisor", "action_label", "add_section", "create_plan", "create_task", "edit_task",
    "ensure_categories", "escalate_overdue_notices", "issue_notice", "linked_refusal", "refresh_latest",
    "refresh_statuses", "reply_notice", "submit_report", "supervision_staff", "task_input", "task_values",
    "transition", "withdraw_report",
]
