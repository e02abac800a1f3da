"""What every write of the work plan shares: the TaskStep each move leaves, who is told (the lead unit's
staff, the 督查室) and the 督查室's right to keep the plan."""
from django.utils.translation import gettext as _

from luoshi.core import uploads
from luoshi.core.workflow import Refused
from luoshi.notifications.services import link_to, users_with_role
from luoshi.organisations.access import can_supervise
from luoshi.organisations.models import Role
from luoshi.workplan.models import (
    RECTIFICATION,
    TaskCategory,
    TaskStep,
)

CATEGORIES = ["重点工作", "民生实事", RECTIFICATION, "问题楼盘化解", "上级交办", "会议议定事项"]
EVIDENCE_TYPES = (uploads.PDF, uploads.JPEG, uploads.PNG, uploads.DOCX, uploads.XLSX)
# Step actions that are not moves of a machine.
CREATE, REPORT, WITHDRAW, ISSUE, EDIT = "create", "report", "withdraw", "issue", "edit"


def ensure_categories():
    for order, name in enumerate(CATEGORIES, start=1):
        TaskCategory.objects.get_or_create(name=name, defaults={"order": order})


def _task_link(task) -> str:
    return link_to("workplan:task", task.pk)


def _unit_staff(unit_ids):
    return users_with_role([Role.UNIT_STAFF], organisation_ids=unit_ids)


def supervision_staff(district_id: int):
    return users_with_role([Role.SUPERVISION], district_id=district_id)


def _step(task, user, action, text="", notice=None):
    return TaskStep.objects.create(task=task, notice=notice, actor=user, action=action, from_state=task.state,
                                   to_state=task.state, text=(text or "").strip())


def _require_supervisor(user, district):
    if not can_supervise(user, district):
        raise Refused([_("只有%(o)s督查室可以维护重点工作台账和督办") % {"o": district}])
