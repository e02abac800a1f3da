"""销号 as an explicit machine (core.workflow): the lead unit applies with evidence, the 督查室 approves or
returns it with a reason."""
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.core import uploads
from luoshi.core.periods import today
from luoshi.core.workflow import Machine, Refused, move
from luoshi.notifications.services import notify
from luoshi.organisations.access import can_act_for_unit, can_supervise
from luoshi.workplan.models import (
    Evidence,
    TaskState,
    TaskStep,
    WorkTask,
)
from luoshi.workplan.services.latest import refresh_statuses
from luoshi.workplan.services.steps import EVIDENCE_TYPES, _task_link, _unit_staff, supervision_staff

APPLY, APPROVE, RETURN = "apply", "approve", "return"
CLOSING = Machine(
    {(TaskState.OPEN, APPLY): TaskState.APPLIED, (TaskState.APPLIED, APPROVE): TaskState.CLOSED,
     (TaskState.APPLIED, RETURN): TaskState.OPEN},
    dict(TaskState.choices),
    {APPLY: gettext_lazy("申请销号"), APPROVE: gettext_lazy("批准销号"), RETURN: gettext_lazy("退回")},
    frozenset({APPLY, RETURN}))


def _closing_reasons(user, task: WorkTask, action: str, files) -> list[str]:
    district = task.plan.organisation
    if action == APPLY:
        reasons = [] if can_act_for_unit(user, [task.lead_unit_id]) else [
            _("销号由牵头单位“%(u)s”申请") % {"u": task.lead_unit}]
        if not files and not task.evidence.exists():
            reasons.append(_("申请销号须附佐证材料"))
        open_subtasks = task.subtasks.exclude(state=TaskState.CLOSED).count()
        if open_subtasks:
            reasons.append(_("还有%(n)d项子任务未销号") % {"n": open_subtasks})
        return reasons
    if action in (APPROVE, RETURN):
        return [] if can_supervise(user, district) else [_("销号由%(o)s督查室审核") % {"o": district}]
    return []


@transaction.atomic
def transition(user, task: WorkTask, action: str, *, text: str = "", files=(), expected_version=None,
               when=None) -> WorkTask:
    """申请销号 (the lead unit, with evidence), 批准销号 or 退回 (the 督查室, a return with its reason)."""
    task = WorkTask.objects.select_for_update().select_related("plan__organisation").get(pk=task.pk)
    reasons = CLOSING.check(task.state, action, text) + _closing_reasons(user, task, action, files)
    checked = []
    if not reasons:
        try:
            checked = [uploads.read_checked(f, EVIDENCE_TYPES) for f in files]
        except Refused as exc:
            reasons += exc.reasons
    if reasons:
        raise Refused(reasons)
    for upload, (data, kind) in zip(files, checked, strict=False):
        evidence = Evidence(task=task, original_name=(upload.name or "")[:200], content_type=kind, uploaded_by=user)
        evidence.file.save(upload.name or "evidence", ContentFile(data), save=False)
        evidence.save()
    task.closed_on = today() if action == APPROVE else None
    move(task, TaskStep, user, action, CLOSING.target(task.state, action), text, expected_version=expected_version,
         step_fields={"task": task})
    refresh_statuses(task)  # 已完成 once approved; judged again when returned
    district = task.plan.organisation
    words = {"t": task.title[:60], "u": task.lead_unit, "r": (text or "").strip()}
    if action == APPLY:
        notify(supervision_staff(district.pk), _("%(u)s申请销号：“%(t)s”") % words, _task_link(task))
    elif action == APPROVE:
        notify(_unit_staff([task.lead_unit_id]), _("“%(t)s”已批准销号") % words, _task_link(task))
    else:
        notify(_unit_staff([task.lead_unit_id]), _("“%(t)s”销号申请被退回：%(r)s") % words, _task_link(task))
    return task
