"""Progress reports (进展报送) from the lead and cooperating units, and their withdrawal (作废)."""
from decimal import Decimal
from typing import cast

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.core import uploads
from luoshi.core.numbers import model_decimal
from luoshi.core.periods import today
from luoshi.core.records import save_with_history
from luoshi.core.workflow import Refused
from luoshi.organisations.access import can_act_for_unit, can_supervise
from luoshi.workplan.models import (
    Evidence,
    MeasureKind,
    Milestone,
    ProgressReport,
    TaskOutput,
    TaskState,
    WorkTask,
)
from luoshi.workplan.services.latest import refresh_latest
from luoshi.workplan.services.steps import EVIDENCE_TYPES, REPORT, WITHDRAW, _step
from luoshi.workplan.status import report_period


def _unit_of(user):
    return user.profile.organisation


@transaction.atomic
def submit_report(user, task: WorkTask, *, text: str, percent=None, value=None, milestone: Milestone | None = None,
                  files=(), outputs: dict | None = None) -> ProgressReport:
    """A unit's progress report for the period it covers (the one just ended while still due, else the
    running one). The same text for the same period again is the same report (idempotent)."""
    task = WorkTask.objects.select_for_update().get(pk=task.pk)
    reasons = []
    if not can_act_for_unit(user, task.unit_ids()):
        raise Refused([_("只有牵头单位和配合单位可以报送该任务的进展")])
    if task.state == TaskState.CLOSED:
        reasons.append(_("任务已销号，不再报送进展"))
    if not (text or "").strip():
        reasons.append(_("请填写进展情况"))
    unit = _unit_of(user)
    try:
        percent = model_decimal(ProgressReport, "percent", percent, required=False) if percent not in (None,
            "") else None
        value = model_decimal(ProgressReport, "value", value, required=False) if value not in (None, "") else None
        output_values = {o: model_decimal(TaskOutput, "achieved", v, label=o.name)
                         for o in task.outputs.all() if (v := (outputs or {}).get(o.pk)) not in (None, "")}
    except ValidationError as exc:
        reasons += exc.messages
        output_values = {}
    if value is not None and task.measure_kind != MeasureKind.OWN:
        reasons.append(_("该任务没有自定量化指标，请填写完成进度（%）"))
    if milestone is not None and milestone.task_id != task.pk:
        reasons.append(_("节点不属于该任务"))
    if unit.pk != task.lead_unit_id and (percent is not None or value is not None or milestone or output_values):
        reasons.append(_("配合单位报送本单位承担部分的进展情况；完成进度、量化值和节点由牵头单位报送"))
    checked = [uploads.read_checked(f, EVIDENCE_TYPES) for f in files] if not reasons else []
    if reasons:
        raise Refused(reasons)
    on = today()
    reported = set(task.reports.filter(unit=unit, withdrawn_reason="").values_list("period_end", flat=True))
    period = report_period(on, task.cadence, reported)
    same = task.reports.filter(unit=unit, period_end=period, text=text.strip(), withdrawn_reason="").first()
    if same is not None:
        return same
    report = ProgressReport(task=task, unit=unit, period_end=period, text=text.strip(), percent=percent, value=value,
                            milestone=milestone, reported_by=user, reported_at=timezone.now())
    save_with_history(report, user, _("报送进展"))
    for upload, (data, kind) in zip(files, checked, strict=False):
        evidence = Evidence(task=task, report=report, original_name=(upload.name or "")[:200], content_type=kind,
                            uploaded_by=user)
        evidence.file.save(upload.name or "evidence", ContentFile(data), save=False)
        evidence.save()
    if milestone is not None and milestone.done_on is None:
        milestone.done_on = on
        save_with_history(milestone, user, _("进展报送：节点完成"))
    for output, achieved in output_values.items():
        output.achieved = cast(Decimal, achieved)
        save_with_history(output, user, _("进展报送"))
    refresh_latest(task)
    _step(task, user, REPORT, text)
    return report


@transaction.atomic
def withdraw_report(user, report: ProgressReport, reason: str) -> ProgressReport:
    """作废: a wrong report stays on record with the reason and no longer counts."""
    task = WorkTask.objects.select_for_update().get(pk=report.task_id)  # one writer of where it stands
    report = ProgressReport.objects.get(pk=report.pk)
    reasons = []
    if not (report.reported_by_id == user.pk or can_supervise(user, report.task.plan.organisation)):
        reasons.append(_("只有填报人或督查室可以作废该进展"))
    if report.withdrawn_reason:
        reasons.append(_("该进展已作废"))
    if not (reason or "").strip():
        reasons.append(_("请填写作废原因"))
    if reasons:
        raise Refused(reasons)
    report.withdrawn_reason = reason.strip()[:200]
    save_with_history(report, user, reason)
    refresh_latest(task)
    _step(task, user, WITHDRAW, reason)
    return report
